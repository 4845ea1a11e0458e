import { spawn, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const racer = fileURLToPath(new URL('./lock-racer.ts', import.meta.url));

export type LockKind = 'nightly' | 'review';

/** Where each kind of lock lives in a state folder, and what its holder file says. */
function staleLock(kind: LockKind, dir: string, deadPid: number): { path: string; text: string } {
  const host = hostname();
  if (kind === 'nightly') return { path: join(dir, 'nightly.lock'), text: JSON.stringify({ runId: 'killed-run', pid: deadPid, host, startedAt: '2026-11-25T01:30:00.000Z' }) };
  return { path: join(dir, 'review', '.lock'), text: JSON.stringify({ pid: deadPid, host, since: '2026-11-25T01:30:00.000Z' }) };
}

/**
 * Races two processes, started together, for `pairs` state folders that each hold a stale lock
 * naming a process that no longer exists; every round starts at the same instant on both sides.
 * Returns how many processes took the lock in each round.
 */
export async function raceForStaleLocks(kind: LockKind, base: string, pairs: number): Promise<number[]> {
  const deadPid = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
  const dirs: string[] = [];
  for (let i = 0; i < pairs; i++) {
    const dir = join(base, `state-${i}`);
    const lock = staleLock(kind, dir, deadPid);
    await mkdir(join(lock.path, '..'), { recursive: true });
    await writeFile(lock.path, lock.text);
    dirs.push(dir);
  }
  // both sides must have loaded the lock modules before the first round
  const startAt = Date.now() + 4_000;
  const sides = [0, 1].map(() => runRacer([kind, String(startAt), '40', ...dirs], pairs));
  const outputs = await Promise.all(sides.map((s) => s.rounds));
  for (const side of sides) side.letGo();
  await Promise.all(sides.map((s) => s.exited));
  const winners = new Array<number>(pairs).fill(0);
  for (const output of outputs) {
    for (const line of output.trim().split('\n')) {
      const { round, won } = JSON.parse(line) as { round: number; won: boolean };
      if (won) winners[round]!++;
    }
  }
  return winners;
}

/** One racer: its output once it has tried every round (still holding what it won), and how to let it release. */
function runRacer(args: string[], rounds: number): { rounds: Promise<string>; letGo: () => void; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', racer, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`lock racer exited ${code}: ${stderr}`))));
  });
  const done = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.split('\n').length > rounds) resolve(stdout);
    });
    exited.then(() => resolve(stdout), reject);
  });
  return { rounds: done, letGo: () => child.stdin.end(), exited };
}
