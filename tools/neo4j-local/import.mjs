#!/usr/bin/env node
// Loads a folder of neo4j-admin import files (written by `fraud-rings nightly --sink neo4j-import`)
// into the local Neo4j, end to end, as a server host would with `neo4j-admin database import full`:
// stop the server, run the import tool from the launcher's classpath into .neo4j/data (the
// database is replaced), start the server again, and apply queries/migrations/ (the constraints
// and indexes; the import creates none). Prints one JSON line with the time of each step.
//   npm run neo4j:import -- <folder>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { HOME, REPO_ROOT, USER, buildLayout, rel, settings, sourceHash, stopServer } from './lib.mjs';

const say = (m) => console.error(`neo4j-local: ${m}`);
const fail = (m) => {
  console.error(`neo4j-local: FAILED: ${m}`);
  process.exit(1);
};

/** The import tool's arguments for a plan (import.json), the files named relative to its folder. */
export function importArguments(plan, folder, { overwrite }) {
  const files = (names) => names.map((f) => path.resolve(folder, f)).join(',');
  return [
    'database',
    'import',
    'full',
    plan.database,
    `--array-delimiter=${plan.arrayDelimiter}`,
    `--multiline-fields=${plan.multilineFields}`,
    ...(overwrite ? ['--overwrite-destination=true'] : []),
    ...plan.nodes.map((n) => `--nodes=${n.labels.join(':')}${n.labels.length ? '=' : ''}${files(n.files)}`),
    ...plan.relationships.map((r) => `--relationships=${r.type}=${files(r.files)}`),
  ];
}

async function main() {
  const folder = process.argv[2];
  if (!folder) fail('usage: npm run neo4j:import -- <folder written by nightly --sink neo4j-import>');
  const planPath = path.join(folder, 'import.json');
  if (!fs.existsSync(planPath)) fail(`${folder} has no import.json: not a finished neo4j-import folder (the night failed, or it is another folder)`);
  const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
  const cfg = settings();
  const build = buildLayout(sourceHash());
  if (!fs.existsSync(build.complete)) fail('the launcher is not built yet: run npm run neo4j:start once');
  const times = {};

  let t = Date.now();
  await stopServer();
  times.stopMs = Date.now() - t;

  // the import tool reads NEO4J_HOME/NEO4J_CONF: the launcher's home, so it writes to .neo4j/data
  const conf = path.join(HOME, 'import-conf');
  fs.mkdirSync(conf, { recursive: true });
  fs.writeFileSync(path.join(conf, 'neo4j.conf'), `server.directories.data=${path.join(HOME, 'data')}\nserver.memory.pagecache.size=${cfg.pageCache}\n`);
  const java = process.env.NEO4J_JAVA_HOME || process.env.JAVA_HOME ? path.join(process.env.NEO4J_JAVA_HOME || process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = [`-Xmx${cfg.heap}`, '-cp', `${build.jar}${path.delimiter}${path.join(build.lib, '*')}`, 'org.neo4j.cli.AdminTool', ...importArguments(plan, folder, { overwrite: true }), '--verbose', `--report-file=${path.join(HOME, 'import.report')}`];
  say(`importing ${rel(path.resolve(folder))} into database ${plan.database} ...`);
  t = Date.now();
  const imported = spawnSync(java, args, { cwd: REPO_ROOT, env: { ...process.env, NEO4J_HOME: HOME, NEO4J_CONF: conf }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  times.importMs = Date.now() - t;
  fs.writeFileSync(path.join(HOME, 'import.log'), `$ ${java} ${args.join(' ')}\n${imported.stdout ?? ''}${imported.stderr ?? ''}`);
  if (imported.status !== 0) {
    const tail = `${imported.stdout}${imported.stderr}`.split('\n').filter((l) => l.trim()).slice(-15);
    console.error(tail.join('\n'));
    fail(`the import tool failed (exit ${imported.status}; see ${rel(path.join(HOME, 'import.log'))})`);
  }

  t = Date.now();
  const started = spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools', 'neo4j-local', 'start.mjs')], { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', 'ignore', 'inherit'] });
  times.startMs = Date.now() - t;
  if (started.status !== 0) fail('the server did not start after the import');

  // the constraints and indexes of queries/migrations/, in file order, then wait until they are online
  t = Date.now();
  const driver = neo4j.driver(cfg.uri, neo4j.auth.basic(USER, cfg.password));
  try {
    const dir = path.join(REPO_ROOT, 'queries', 'migrations');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort()) {
      await driver.executeQuery(fs.readFileSync(path.join(dir, file), 'utf8'), {}, { database: plan.database });
    }
    await driver.executeQuery('CALL db.awaitIndexes(3600)', {}, { database: plan.database });
  } finally {
    await driver.close();
  }
  times.migrationsMs = Date.now() - t;
  say(`imported: import ${(times.importMs / 1000).toFixed(1)} s, start ${(times.startMs / 1000).toFixed(1)} s, constraints and indexes ${(times.migrationsMs / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(times));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => fail(e?.message ?? e));
}
