#!/usr/bin/env node
// Starts the local Neo4j (tools/neo4j-local) in the background and waits until Bolt answers.
//   npm run neo4j:start
// Builds the launcher with Maven first if needed. Status goes to stderr; on success the Bolt URI is
// printed alone on stdout. Exit code 0 when the server is ready (or was already running).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import {
  BUILD_LOG,
  HOME,
  HOST,
  LOG_FILE,
  MAIN_CLASS,
  REPO_ROOT,
  TARGET,
  TOOL_DIR,
  USER,
  buildLayout,
  isAlive,
  readPid,
  rel,
  removePidFile,
  runningPid,
  serverCommandLines,
  settings,
  sleep,
  sourceHash,
  stopServer,
} from './lib.mjs';

const say = (m) => console.error(`neo4j-local: ${m}`);

class StartError extends Error {
  constructor(message, { log = LOG_FILE, details = [] } = {}) {
    super(message);
    this.log = log;
    this.details = details;
  }
}

function javaHome() {
  return process.env.NEO4J_JAVA_HOME || process.env.JAVA_HOME || '';
}

function javaBin() {
  const home = javaHome();
  return home ? path.join(home, 'bin', 'java') : 'java';
}

function checkJava() {
  const java = javaBin();
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error) throw new StartError(`cannot run ${java} (${r.error.code}); install a JDK 17 or set NEO4J_JAVA_HOME`, { log: null });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  let major = m ? Number(m[1]) : NaN;
  if (major === 1 && m[2]) major = Number(m[2]);
  if (major !== 17 && major !== 21) {
    throw new StartError(`Neo4j 5.26 needs Java 17 or 21 but ${java} is Java ${m ? major : '?'}; set NEO4J_JAVA_HOME to a JDK 17`, { log: null });
  }
  return java;
}

function buildIfNeeded() {
  const build = buildLayout(sourceHash());
  if (fs.existsSync(build.complete)) return build;

  fs.rmSync(build.dir, { recursive: true, force: true }); // an interrupted earlier build
  const mvn = process.env.MVN || 'mvn';
  const args = ['-B', '-q', '-f', path.join(TOOL_DIR, 'pom.xml'), `-Dneo4jLocal.buildDir=${build.dir}`, 'package'];
  say(`building ${rel(TOOL_DIR)} with Maven (the first build downloads ~230 MB into ~/.m2) ...`);
  const t0 = Date.now();
  const env = { ...process.env };
  if (process.env.NEO4J_JAVA_HOME) env.JAVA_HOME = process.env.NEO4J_JAVA_HOME;
  const r = spawnSync(mvn, args, { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.writeFileSync(BUILD_LOG, `$ ${mvn} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.error) {
    throw new StartError(`cannot run Maven (${mvn}: ${r.error.code}); install Maven 3.8+ or set MVN`, { log: null });
  }
  if (r.status !== 0 || !fs.existsSync(build.jar)) {
    const tail = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim()).slice(-25);
    throw new StartError(`Maven build failed (exit ${r.status})`, { log: BUILD_LOG, details: tail });
  }
  fs.writeFileSync(build.complete, `${new Date().toISOString()}\n`);
  say(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  pruneOldBuilds(build.dir);
  return build;
}

/** Deletes earlier target/build-* folders that no running server (of any checkout) uses. */
function pruneOldBuilds(keep) {
  const inUse = serverCommandLines();
  if (inUse === null) return;
  for (const entry of fs.readdirSync(TARGET)) {
    const dir = path.join(TARGET, entry);
    if (!entry.startsWith('build-') || dir === keep) continue;
    if (inUse.some((cmd) => cmd.includes(dir + path.sep))) continue;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Resolves true if something accepts TCP connections on host:port. */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs RETURN 1 over Bolt; resolves to null on success or the error. */
async function boltAnswers(cfg) {
  const driver = neo4j.driver(cfg.uri, neo4j.auth.basic(USER, cfg.password), {
    connectionTimeout: 5000,
    connectionAcquisitionTimeout: 10000,
    maxConnectionPoolSize: 1,
  });
  try {
    const session = driver.session({ database: process.env.NEO4J_DATABASE || 'neo4j' });
    try {
      const res = await session.run('RETURN 1 AS ok');
      const ok = res.records[0]?.get('ok');
      if (neo4j.isInt(ok) ? ok.toNumber() !== 1 : ok !== 1) return new Error(`RETURN 1 returned ${ok}`);
      return null;
    } finally {
      await session.close();
    }
  } catch (e) {
    return e;
  } finally {
    await driver.close();
  }
}

function logLines() {
  try {
    return fs.readFileSync(LOG_FILE, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** The most telling lines of a failed start, from the server's log. */
function failureDetails() {
  const lines = logLines();
  const failed = lines.filter((l) => l.startsWith('NEO4J_FAILED'));
  if (failed.length) return failed.map((l) => l.replace(/^NEO4J_FAILED /, ''));
  const causes = lines.filter((l) => /^(Caused by: |Exception in thread |Error: )/.test(l));
  return causes.slice(-3);
}

const START_LOCK = path.join(HOME, 'start.lock');

/**
 * Only one start at a time per .neo4j: a second `neo4j:start` waits for the first to finish and
 * then finds the server running. Returns a release function.
 */
async function acquireStartLock(timeoutMs) {
  const t0 = Date.now();
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(START_LOCK, `${process.pid}\n`, { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(START_LOCK, 'utf8').trim() === String(process.pid)) fs.rmSync(START_LOCK);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(START_LOCK, 'utf8').trim());
    } catch {
      continue; // released in the meantime
    }
    if (!owner || !isAlive(owner)) {
      fs.rmSync(START_LOCK, { force: true }); // left by a start that was killed
      continue;
    }
    if (!told) say(`another neo4j:start (pid ${owner}) is in progress, waiting for it ...`);
    told = true;
    if (Date.now() - t0 > timeoutMs) throw new StartError(`another neo4j:start (pid ${owner}) did not finish in time`, { log: null });
    await sleep(500);
  }
}

async function main() {
  const cfg = settings();
  fs.mkdirSync(HOME, { recursive: true });
  await acquireStartLock(cfg.startTimeoutMs + 600_000);

  const existing = runningPid();
  if (existing) {
    const err = await boltAnswers(cfg);
    if (err) {
      throw new StartError(`Neo4j is running (pid ${existing}) but ${cfg.uri} does not answer: ${err.message}`);
    }
    say(`already running (pid ${existing})`);
    console.log(cfg.uri);
    return;
  }
  for (const [port, name] of [[cfg.boltPort, 'NEO4J_PORT'], [cfg.httpPort, 'NEO4J_HTTP_PORT']]) {
    if (port > 0 && (await portInUse(port))) {
      throw new StartError(
        `port ${port} on ${HOST} is already in use by another process (another Neo4j?); stop it or set ${name}`,
        { log: null },
      );
    }
  }

  const java = checkJava();
  const build = buildIfNeeded();

  const t0 = Date.now();
  const args = [
    `-Xmx${cfg.heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    ...(process.env.NEO4J_JAVA_OPTS ? process.env.NEO4J_JAVA_OPTS.split(/\s+/).filter(Boolean) : []),
    '-cp',
    `${build.jar}${path.delimiter}${path.join(build.lib, '*')}`,
    MAIN_CLASS,
  ];
  const env = {
    ...process.env,
    NEO4J_LOCAL_HOME: HOME,
    NEO4J_LOCAL_PLUGINS: build.plugins,
    NEO4J_PORT: String(cfg.boltPort),
    NEO4J_HTTP_PORT: String(cfg.httpPort),
    NEO4J_PASSWORD: cfg.password,
    NEO4J_PAGECACHE: cfg.pageCache,
    // queries/browser: served at /fraud-rings/, applied and opened by Browser on connect
    NEO4J_LOCAL_BROWSER_DIR: path.join(REPO_ROOT, 'queries', 'browser'),
  };
  const out = fs.openSync(LOG_FILE, 'w');
  fs.writeSync(out, `# ${new Date().toISOString()} ${java} ${args.join(' ')}\n`);
  const child = spawn(java, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exitCode = null;
  child.once('exit', (code, signal) => {
    exitCode = code ?? signal;
  });
  child.once('error', (e) => {
    exitCode = e.code;
  });
  child.unref();
  // The launcher writes .neo4j/neo4j.pid itself once it holds the lock on .neo4j.
  say(`starting Neo4j (pid ${child.pid}, log ${rel(LOG_FILE)}) ...`);

  const deadline = t0 + cfg.startTimeoutMs;
  const exited = (message) => {
    if (readPid() === child.pid) removePidFile();
    return new StartError(message, { details: failureDetails() });
  };
  const failStarted = async (message) => {
    await stopServer({ quiet: true, pid: child.pid });
    throw new StartError(message, { details: failureDetails() });
  };

  // 1. Wait for the launcher to report readiness (it sets the password before that, so we do not
  //    hammer the auth rate limiter with attempts that cannot succeed yet).
  while (!logLines().some((l) => l.startsWith('NEO4J_READY'))) {
    if (exitCode !== null || !isAlive(child.pid)) throw exited(`Neo4j exited (${exitCode ?? 'unknown status'}) before it was ready`);
    if (Date.now() > deadline) await failStarted(`Neo4j was not ready within ${cfg.startTimeoutMs / 1000} s`);
    await sleep(250);
  }

  // 2. Check for real: connect with the driver and run a query.
  let err;
  while ((err = await boltAnswers(cfg))) {
    if (exitCode !== null || !isAlive(child.pid)) throw exited(`Neo4j exited (${exitCode ?? 'unknown status'}) while starting`);
    if (Date.now() > deadline) await failStarted(`${cfg.uri} did not answer RETURN 1 within ${cfg.startTimeoutMs / 1000} s: ${err.message}`);
    await sleep(500);
  }

  for (const l of logLines().filter((l) => l.includes('WARNING'))) say(l.replace(/^\[neo4j-local\] /, ''));
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${cfg.uri} (user ${USER}, pid ${child.pid})`);
  if (cfg.httpPort > 0) {
    const http = `http://${HOST}:${cfg.httpPort}`;
    say(`Browser: ${http}/browser/ (applies queries/browser/style.grass and opens the guide on connect; reopen it with :guide ${http}/fraud-rings/guide.html)`);
  }
  console.log(cfg.uri);
}

main().catch((e) => {
  if (e instanceof StartError) {
    console.error(`neo4j-local: FAILED: ${e.message}${e.log ? ` (see ${rel(e.log)})` : ''}`);
    for (const d of e.details) console.error(`  ${d}`);
  } else {
    console.error(`neo4j-local: FAILED: ${process.env.NEO4J_LOCAL_DEBUG ? e?.stack : (e?.message ?? e)}`);
  }
  process.exit(1);
});
