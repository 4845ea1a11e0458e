import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunId } from '../run/run-id.js';
import type { Decision } from './decision.js';

export interface CardKeys {
  /** whether a decision's card tokens were made with the current key (unknown counts as yes) */
  comparable: (decision: Decision) => boolean;
  /** runs of the decisions whose key differs from the current one */
  changedSince: string[];
}

/**
 * Card tokens are keyed: a new FRAUD_RINGS_PAN_KEY gives every card a new token. A decision made
 * under another key would then see "new" cards everywhere, so its card tokens must not be
 * compared. The key of a decision is the one it records, or else that of the run it was made on.
 */
export async function cardKeysOf(stateDir: string, current: ReadonlyMap<string, Decision>, fingerprint: string): Promise<CardKeys> {
  const byRun = new Map<string, string | null>();
  for (const d of current.values()) {
    if (d.panKeyFingerprint === undefined && !byRun.has(d.runId)) byRun.set(d.runId, await runFingerprint(stateDir, d.runId));
  }
  const keyOf = (d: Decision) => d.panKeyFingerprint ?? byRun.get(d.runId) ?? null;
  const changedSince = [...new Set([...current.values()].filter((d) => (keyOf(d) ?? fingerprint) !== fingerprint).map((d) => d.runId))].sort();
  return { comparable: (d) => (keyOf(d) ?? fingerprint) === fingerprint, changedSince };
}

/** The key fingerprint in a run's manifest, or null when the run or its fingerprint is gone. */
export async function runFingerprint(stateDir: string, runId: string): Promise<string | null> {
  if (!isRunId(runId)) return null;
  try {
    const manifest = JSON.parse(await readFile(join(stateDir, 'runs', runId, 'manifest.json'), 'utf8')) as { panKey?: { fingerprint?: unknown } };
    return typeof manifest.panKey?.fingerprint === 'string' ? manifest.panKey.fingerprint : null;
  } catch {
    return null;
  }
}
