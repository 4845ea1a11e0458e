// Shared helpers for start.mjs / stop.mjs / reset.mjs (the local Neo4j for development and CI).
// Plain ESM, no build step; Node >= 20.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mavenSourceHash } from '../lib/maven-source-hash.mjs';

export const TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(TOOL_DIR, '..', '..');
export const HOME = path.resolve(REPO_ROOT, process.env.NEO4J_LOCAL_HOME || '.neo4j');
export const DATA_DIR = path.join(HOME, 'data');
export const RUN_DIR = path.join(HOME, 'run');
export const PID_FILE = path.join(HOME, 'neo4j.pid');
export const LOG_FILE = path.join(HOME, 'neo4j.log');
export const BUILD_LOG = path.join(HOME, 'build.log');
export const TARGET = path.join(TOOL_DIR, 'target');
export const MAIN_CLASS = 'fraudrings.neo4jlocal.Neo4jLocal';

/**
 * Where the build for a given source hash lives: target/build-<hash>/ with neo4j-local.jar, lib/
 * (the classpath) and plugins/ (procedure jars). A new hash gets a new folder, so rebuilding never
 * rewrites jars that a running server has open.
 */
export function buildLayout(hash) {
  const dir = path.join(TARGET, `build-${hash.slice(0, 16)}`);
  return {
    dir,
    jar: path.join(dir, 'neo4j-local.jar'),
    lib: path.join(dir, 'lib'),
    plugins: path.join(dir, 'plugins'),
    complete: path.join(dir, '.complete'),
  };
}

export const HOST = '127.0.0.1';
export const USER = 'neo4j';

/** Settings shared by the server (through its environment) and the readiness check. */
export function settings(env = process.env) {
  const int = (name, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} is not a port number: ${raw}`);
    return n;
  };
  const boltPort = int('NEO4J_PORT', 7687);
  return {
    boltPort,
    httpPort: int('NEO4J_HTTP_PORT', 7474),
    uri: `bolt://${HOST}:${boltPort}`,
    password: env.NEO4J_PASSWORD || 'fraud-rings-dev',
    heap: env.NEO4J_HEAP || '2g',
    pageCache: env.NEO4J_PAGECACHE || '512m',
    startTimeoutMs: Number(env.NEO4J_START_TIMEOUT || 180) * 1000,
    stopTimeoutMs: Number(env.NEO4J_STOP_TIMEOUT || 60) * 1000,
  };
}

/** Path relative to the repo root, for messages. */
export const rel = (p) => path.relative(REPO_ROOT, p) || '.';

export function readPid() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function removePidFile() {
  fs.rmSync(PID_FILE, { force: true });
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * True if pid is alive and is our Java launcher (so a recycled pid of an unrelated process is
 * never signalled).
 */
export function isOurServer(pid) {
  if (!pid || !isAlive(pid)) return false;
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    cmdline = ps.stdout || '';
  }
  return cmdline.includes(MAIN_CLASS);
}

/** Command lines of all running Neo4jLocal launchers on this machine (any checkout), or null. */
export function serverCommandLines() {
  const ps = spawnSync('ps', ['-axww', '-o', 'command='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (ps.status !== 0) return null;
  return ps.stdout.split('\n').filter((l) => l.includes(MAIN_CLASS));
}

/** The running server's pid according to the pid file, or null (a stale pid file is removed). */
export function runningPid() {
  const pid = readPid();
  if (pid && isOurServer(pid)) return pid;
  if (pid !== null || fs.existsSync(PID_FILE)) removePidFile();
  return null;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM the server and wait for it to exit (SIGKILL after the timeout). Returns what happened. */
export async function stopServer({ timeoutMs = settings().stopTimeoutMs, quiet = false, pid: given } = {}) {
  const say = quiet ? () => {} : (m) => console.error(m);
  const pid = given && isOurServer(given) ? given : runningPid();
  if (!pid) {
    say('neo4j-local: not running');
    return { wasRunning: false };
  }
  const t0 = Date.now();
  say(`neo4j-local: stopping pid ${pid} ...`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
  while (isAlive(pid) && Date.now() - t0 < timeoutMs) await sleep(200);
  let killed = false;
  if (isAlive(pid)) {
    say(`neo4j-local: pid ${pid} did not stop within ${Math.round(timeoutMs / 1000)} s, sending SIGKILL`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
    killed = true;
    while (isAlive(pid)) await sleep(100);
  }
  if (readPid() === pid) removePidFile();
  say(`neo4j-local: stopped (pid ${pid}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return { wasRunning: true, pid, killed };
}

/** Hash of the pom and every file under src/: the build is redone when it changes. */
export function sourceHash() {
  return mavenSourceHash(TOOL_DIR);
}
