import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { Logger } from '../../log.js';
import type { RunInfo, RunOutput, Sink, SinkReport } from '../sink.js';
import type { CandidateRow } from '../neo4j/graph-rows.js';
import { candidateRows, writeGraphFiles, writeRunFiles, type Written } from './import-files.js';
import { adminCommand, emptyPlan, PLAN_FILE, type ImportPlan } from './import-plan.js';
import { UserError } from '../../errors.js';

/**
 * The first write of scope `full` into an empty database, at the server's speed: instead of
 * sending the graph over Bolt, the night writes it as `neo4j-admin database import full` files
 * into a folder, and the import (with the database stopped) builds the store directly. The
 * graph is the one the Bolt sink writes, with this run current; later nights write over Bolt
 * (`--sink neo4j`) on top of it.
 *
 * The folder is complete once `import.json` is written, at the succeeded finish (after the run
 * folder is sealed and `latest` moved, as the Bolt sink makes a run current then): a folder
 * without it is from a night that failed and must not be imported.
 */
export class Neo4jImportSink implements Sink {
  readonly name = 'neo4j-import';
  readonly readsLinkTimes = true;
  private plan: ImportPlan;
  private candidates: CandidateRow[] = [];
  private written: Written = {};
  private writeMs = 0;

  constructor(
    private readonly dir: string,
    database: string,
    private readonly log: Logger,
  ) {
    this.plan = emptyPlan(database);
  }

  async open(_run: RunInfo): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const present = await readdir(this.dir);
    if (present.length > 0) throw new UserError(`the neo4j-import folder ${this.dir} is not empty; give an empty or new folder`);
  }

  async write(output: RunOutput): Promise<SinkReport> {
    const started = performance.now();
    this.plan = emptyPlan(this.plan.database);
    this.written = await writeGraphFiles(this.dir, output, this.plan);
    this.candidates = candidateRows(output);
    this.written.candidates = this.candidates.length;
    this.writeMs = Math.round(performance.now() - started);
    this.log.info({ sink: this.name, dir: this.dir, ms: this.writeMs, ...this.written }, 'neo4j import files written');
    return { sink: this.name, written: { ...this.written } };
  }

  async finish(run: RunInfo, status: 'succeeded' | 'failed', counts: Record<string, number>): Promise<void> {
    if (status === 'failed') {
      await rm(join(this.dir, PLAN_FILE), { force: true });
      return;
    }
    const runCounts = { ...counts, ...prefixed('written', this.written), writeMs: this.writeMs };
    await writeRunFiles(this.dir, run, this.candidates, runCounts, new Date().toISOString(), this.plan);
    await writeFileAtomic(join(this.dir, PLAN_FILE), JSON.stringify(this.plan, null, 2) + '\n');
    this.log.info({ sink: this.name, dir: this.dir }, 'neo4j import files complete');
  }

  /** The neo4j-admin command that loads the folder (once finish has written the plan). */
  command(): string {
    return adminCommand(this.plan, this.dir);
  }

  async close(): Promise<void> {}
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) out[`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
  return out;
}
