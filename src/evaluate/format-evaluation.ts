import type { Evaluation } from './evaluate-run.js';

const metric = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

/** A short human-readable report; precision of an empty prediction prints as "n/a". */
export function formatEvaluation(e: Evaluation): string {
  const c = e.candidates;
  const p = e.pairwise;
  const lines = [
    `run ${e.runDir} against ${e.truthPath} (${e.accounts} accounts, ${e.rings.total} rings, ${c.trueRingAccounts} ring accounts${c.trueFraudAccounts > c.trueRingAccounts ? `, ${c.trueFraudAccounts - c.trueRingAccounts} fraudsters alone` : ''})`,
    `candidates  precision ${metric(c.precision)}  recall ${metric(c.recall)}  F1 ${metric(c.f1)}` +
      `  (${c.candidates} candidates: ${c.truePositives} fraud, ${c.falsePositives} not; ${c.falseNegatives} fraud accounts missed)`,
    `pairs       precision ${metric(p.precision)}  recall ${metric(p.recall)}  F1 ${metric(p.f1)}` +
      `  (${p.correctPairs} of ${p.predictedPairs} predicted pairs correct; ${p.truePairs} true pairs; ${p.clusters} clusters, ${p.clusteredAccounts} accounts)`,
    `rings       ${e.rings.fullyFound} fully found, ${e.rings.partiallyFound} partially, ${e.rings.missed} missed`,
    e.reachable === null
      ? 'reachable   n/a (snapshot not found: pass --snapshot)'
      : `reachable   recall ${metric(e.reachable.recall)} of ${e.reachable.reachableMembers} ring accounts that non-hub identifiers reach` +
        ` (ceiling ${metric(e.reachable.ceiling)}; plain recall ${metric(c.recall)}; hubs: ${e.reachable.hubs} identifiers shared by ≥ ${e.reachable.hubMinAccounts} accounts)`,
  ];
  if (c.unknownAccounts > 0 || p.unknownAccounts > 0) {
    lines.push(`note        ${c.unknownAccounts} candidates and ${p.unknownAccounts} clustered accounts are not in the truth file (counted as wrong)`);
  }
  if (p.ignoredMemberships > 0) lines.push(`note        ${p.ignoredMemberships} cluster memberships beyond an account's first were ignored`);
  return `${lines.join('\n')}\n`;
}
