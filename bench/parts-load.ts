/**
 * node dist/bench/parts-load.js <snapshot folder> [--work <folder>] [--mode whole|stream]
 *
 * The Spark engine's two ways into its Parquet parts, each in a fresh process (so each has its own
 * peak): `whole`, loadSnapshot then identifierIds and writeParts (what `prepare` does), against
 * `stream`, loadToParts (what `load` does). Both with the nightly's normaliser (the development
 * card key) and input settings. Prints one JSON line per mode: wall ms, CPU s (user + system, every
 * thread), peak RSS MB, and the load's counts. Without --mode it runs whole, then stream.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/config.js';
import { inputSettings } from '../src/config/input-settings.js';
import { identifierIdKey, identifierIds } from '../src/engine/spark/identifier-ids.js';
import { loadToParts } from '../src/engine/spark/load-to-parts.js';
import { writeParts } from '../src/engine/spark/write-parts.js';
import { configuredNormaliser } from '../src/normalise/configured-normaliser.js';
import { resolvePanKey } from '../src/normalise/pan-key.js';
import { loadSnapshot } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import { snapshotCounts } from '../src/snapshot/snapshot-counts.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const input = args[0];
if (input === undefined || input.startsWith('--')) {
  console.error('usage: parts-load <snapshot folder> [--work <folder>] [--mode whole|stream]');
  process.exit(2);
}
const mode = option('--mode');

if (mode === undefined) {
  for (const m of ['whole', 'stream']) {
    const child = spawnSync(process.execPath, ['--max-semi-space-size=64', fileURLToPath(import.meta.url), ...args, '--mode', m], { stdio: 'inherit' });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
} else {
  const work = await mkdtemp(join(option('--work') ?? tmpdir(), 'parts-load-'));
  const { config } = parseConfig({});
  const panKey = resolvePanKey({ envName: config.normalise.panHashKeyEnv, allowDevelopmentKey: true });
  const normaliser = configuredNormaliser(config.normalise, panKey);
  const rejects = new RejectsFile(join(work, 'rejects.csv'));
  const loadOptions = { ...normaliser, rejects, ...inputSettings(config) };
  const idKey = identifierIdKey(panKey.key);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let counts: Record<string, number>;
  if (mode === 'whole') {
    const snapshot = await loadSnapshot(input, loadOptions);
    await writeParts(snapshot, identifierIds(snapshot, idKey), join(work, 'parts'));
    counts = snapshotCounts(snapshot);
  } else {
    counts = (await loadToParts(input, loadOptions, idKey, join(work, 'parts'))).counts;
  }
  const wallMs = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  await rejects.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ mode, wallMs, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10, peakRssMb, ...counts }));
  await rm(work, { recursive: true, force: true });
}
