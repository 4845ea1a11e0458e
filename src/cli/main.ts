#!/usr/bin/env -S node --max-semi-space-size=64
import { Command } from 'commander';
import { runCommand } from './run-command.js';
import { version } from '../version.js';
import { register as nightly } from './nightly.js';
import { register as runs } from './runs.js';
import { register as generate } from './generate.js';
import { register as evaluate } from './evaluate.js';
import { register as inspect } from './inspect.js';
import { register as review } from './review.js';
import { register as blacklist } from './blacklist.js';
import { connectionSettingsFromEnv } from '../sinks/neo4j/connection-settings.js';
import { Neo4jDecisionSink } from '../sinks/neo4j/review-decisions.js';

/** Every command lives in its own file and registers itself on the program. */
const program = new Command()
  .name('fraud-rings')
  .description('Find fraud rings in account–identifier snapshots; write clusters and blacklist candidates.')
  .version(version)
  .option('--verbose', 'print stack traces and debug logs', false)
  .showHelpAfterError()
  .exitOverride();

const commands: Array<(program: Command) => void> = [
  nightly,
  runs,
  (p) => review(p, { decisionSinks: async (sink) => (sink === 'neo4j' ? [await Neo4jDecisionSink.open(connectionSettingsFromEnv())] : []) }),
  blacklist,
  generate,
  evaluate,
  inspect,
];

for (const register of commands) register(program);

await runCommand(program, process.argv);
