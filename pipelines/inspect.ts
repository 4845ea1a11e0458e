import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { LoadedConfig } from '../src/config/config.js';
import { availability, modelTerms } from '../src/detect/model-terms.js';
import { UserError } from '../src/errors.js';
import { readFileHead, type FileHead } from '../src/inspect/file-head.js';
import type { InspectedFile, Inspection } from '../src/inspect/inspection.js';
import { guessTable } from '../src/inspect/guess-table.js';
import { profileKinds } from '../src/inspect/kind-profile.js';
import { sampleFolder } from '../src/inspect/sample-folder.js';
import { suggestMap } from '../src/inspect/suggest-map.js';
import { locateSources } from '../src/snapshot/mapping/locate-sources.js';
import { configuredNormaliser } from '../src/normalise/configured-normaliser.js';
import { panKeyFingerprint, resolvePanKey, type PanKey } from '../src/normalise/pan-key.js';
import { readRejects, RunFile } from '../src/run/run-files.js';
import { inputSettings } from '../src/config/input-settings.js';
import { loadSnapshot } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import type { TableStats } from '../src/snapshot/snapshot.js';

export interface InspectOptions {
  input: string;
  config: LoadedConfig;
  /** rows read from each large file that feeds no accounts (the rest is estimated) */
  sampleRows?: number;
  allowDevelopmentPanKey?: boolean;
  /** false: only the files' heads and the suggested mapping (`--suggest-map`), no load */
  load?: boolean;
}

const DEFAULT_SAMPLE_ROWS = 300_000;

/**
 * `inspect`, as the runbook reads: sample the folder (files feeding accounts whole, the other
 * large text files cut to their first rows), read each file's head and guess its table, load the
 * sample exactly as a run would (mapping, validation, rejects, tokens), then measure what it
 * holds: kinds, sharing, hubs, the model terms its data leaves off, ids that look like cards.
 */
export async function inspect(options: InspectOptions): Promise<Inspection> {
  const started = performance.now();
  const { config } = options.config;
  // 1. which files feed accounts: those are read whole, since every other table refers to them
  let loadError: string | null = null;
  const whole = new Set<string>();
  try {
    for (const s of await locateSources(options.input, config.input.tables)) if (s.file.table === 'accounts') whole.add(basename(s.file.path));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    loadError = err.message;
  }
  const sample = await sampleFolder(options.input, whole, options.sampleRows ?? DEFAULT_SAMPLE_ROWS);
  const scratch = await mkdtemp(join(tmpdir(), 'fraud-rings-inspect-rejects-'));
  try {
    // 2. every file's head, and the table it looks like
    const heads = new Map<string, FileHead>();
    for (const f of sample.files) {
      const head = await readFileHead(join(sample.dir, f.name), f.name).catch(() => null);
      if (head) heads.set(f.name, head);
    }
    const files: InspectedFile[] = sample.files.flatMap((f) => (heads.has(f.name) ? [{ head: heads.get(f.name)!, sample: f, guess: guessTable(f.name, heads.get(f.name)!.columns, heads.get(f.name)!.rows), tables: [] as TableStats[] }] : []));
    const suggestion = suggestMap([...heads.values()]);

    // 3. load the sample as a run would; card tokens with the run's key when it is set
    const { key, tokens } = inspectionKey(config.normalise.panHashKeyEnv, options.allowDevelopmentPanKey === true);
    const normaliser = configuredNormaliser(config.normalise, key);
    const rejects = new RejectsFile(join(scratch, RunFile.rejects));
    let snapshot = null;
    try {
      if (loadError === null && options.load !== false) snapshot = await loadSnapshot(sample.dir, { ...normaliser, rejects, ...inputSettings(config), maxRejectShare: 1 });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      loadError = err.message;
    } finally {
      await rejects.close();
    }
    for (const t of snapshot?.tables ?? []) files.find((f) => f.head.name === basename(t.path))?.tables.push(t);

    // 4. what the snapshot holds
    const byReason = new Map<string, { table: string; reason: string; rows: number }>();
    await readRejects(scratch, ({ table, reason }) => {
      // values in a reason are data: one line per kind of reason
      const general = reason.replace(/"(?:[^"\\]|\\.)*"…?/g, '"…"');
      const entry = byReason.get(`${table}\u0000${general}`) ?? { table, reason: general, rows: 0 };
      entry.rows++;
      byReason.set(`${table}\u0000${general}`, entry);
    });
    const available = snapshot ? availability(snapshot) : null;
    return {
      input: options.input,
      files,
      loadError,
      accounts: snapshot?.accounts.ids.length ?? 0,
      cardLikeAccountIds: snapshot?.cardLikeAccountIds ?? 0,
      accountIdsAreKeys: config.input.accountIdsAreKeys,
      kinds: snapshot ? profileKinds(snapshot, config.graph.hubMinAccounts, { perLinkedAccount: sample.files.some((f) => f.sampledRows !== null) }) : [],
      hubMinAccounts: config.graph.hubMinAccounts,
      available,
      disabledTerms: available ? modelTerms(config, available).disabled : [],
      rejects: { total: rejects.total, byReason: [...byReason.values()].sort((a, b) => b.rows - a.rows) },
      maxRejectShare: config.input.maxRejectShare,
      tokens,
      suggestion,
      ms: performance.now() - started,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await sample.remove();
  }
}

/** The run's card key when it is set; otherwise a key of this inspection alone, so that no card number is ever shown raw. */
function inspectionKey(envName: string, allowDevelopmentKey: boolean): { key: PanKey; tokens: Inspection['tokens'] } {
  try {
    const key = resolvePanKey({ envName, allowDevelopmentKey });
    return { key, tokens: key.development ? 'development' : 'run' };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const oneOff = randomBytes(32).toString('hex');
    return { key: { key: oneOff, fingerprint: panKeyFingerprint(oneOff), development: false }, tokens: 'one-off' };
  }
}
