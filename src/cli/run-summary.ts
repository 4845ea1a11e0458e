import { basename, join } from 'node:path';
import { cardLikeIdsNote } from '../run/card-like-ids.js';
import { REPORT_FILE } from '../report/write-report.js';
import type { NightlyResult } from '../../pipelines/nightly.js';
import type { ValidationResult } from '../../pipelines/validate.js';

/** The human summary a scheduler's mail or an operator's terminal shows after a run. */
export function formatRunSummary({ manifest, runPath, detection, completed }: NightlyResult): string {
  if (detection === null) return `run ${manifest.runId} ${manifest.status}: a killed process had sealed it; completed ${completed.join(', ')} → ${runPath}\n`;
  const c = manifest.counts;
  const totalMs = manifest.stages.reduce((n, s) => n + s.ms, 0);
  const peak = Math.max(0, ...manifest.stages.map((s) => s.peakRssMb));
  const lines = [
    `run ${manifest.runId} ${manifest.status} in ${(totalMs / 1000).toFixed(1)} s (peak ${peak} MB) → ${runPath}`,
    `  input: ${c.accounts} accounts, ${c.links} identifier links (${c.identifiers} distinct identifiers, ${c.placeholderRows} placeholders ignored), ${c.transactions} transactions; ${c.rejectedRows} rows rejected`,
    ...(cardLikeIdsNote(c) === null ? [] : [`  ids: ${cardLikeIdsNote(c)}`]),
    `  graph: ${c.hubs} hubs set aside, ${c.components} components (largest ${c.largestComponent}), ${c.communities} communities`,
    `  found: ${c.clusters} suspected rings with ${c.members} accounts; ${c.candidates} blacklist candidates${overBudget(detection)}`,
    `  kinds (weight, share of accounts sharing): ${(manifest.detection?.kinds ?? []).map((k) => `${k.kind} ${k.weight.toFixed(2)}${k.pinned ? ' pinned' : ''} (${(100 * k.sharingShare).toFixed(1)} %)`).join(', ')}`,
    `  model: ${modelLine(detection.model)}`,
    `  risk: ${calibrationLine(detection.calibration)}`,
    `  queue: ${queueLine(detection.decision)}`,
  ];
  for (const cluster of detection.clusters.slice(0, 5)) lines.push(`    ${cluster.clusterId} score ${cluster.score}: ${cluster.summary}`);
  if (detection.clusters.length > 5) lines.push(`    … ${detection.clusters.length - 5} more in clusters.csv`);
  lines.push(`  report: ${join(runPath, REPORT_FILE)}`);
  return `${lines.join('\n')}\n`;
}

function overBudget({ stats }: NonNullable<NightlyResult['detection']>): string {
  return stats.candidatesOverBudget > 0 ? ` (${stats.candidatesFound} found; ${stats.candidatesOverBudget} beyond the budget of ${stats.candidateBudget} not queued)` : '';
}

function calibrationLine(calibration: NonNullable<NightlyResult['detection']>['calibration']): string {
  const weak = calibration.weak ? `WEAK EVIDENCE TONIGHT (${calibration.reason}); ` : '';
  return `${weak}${calibration.description}; expected fraud among accounts without a fraud label ${calibration.expectedUnlabelledFraud.toFixed(1)}`;
}

function queueLine(decision: NonNullable<NightlyResult['detection']>['decision']): string {
  const expected = decision.expectedPrecision === null ? 'no unlabelled account queued' : `expected precision ${decision.expectedPrecision.toFixed(3)}, expected fraud ${decision.expectedFraud.toFixed(1)}`;
  const left = decision.belowTarget > 0 ? `; ${decision.belowTarget} candidates below the target left out` : '';
  return `${decision.queued} queued at target precision ${decision.targetPrecision} (${expected})${left}`;
}

function modelLine(model: NonNullable<NightlyResult['detection']>['model']): string {
  const disabled = model.disabledTerms.length > 0 ? `; no data for ${model.disabledTerms.join(', ')}` : '';
  if (model.source === 'prior') return `prior weights (${model.reason})${disabled}`;
  const auc = model.rocAuc === null ? '' : `, out-of-fold ROC-AUC ${model.rocAuc.toFixed(3)}, PR-AUC ${(model.prAuc ?? 0).toFixed(3)}`;
  return `weights learned from ${model.fraudLabels} fraud labels${auc}${disabled}`;
}

export function formatValidation({ tables, rejectedRows, sampleRejects }: ValidationResult): string {
  const lines = ['dry run: config and snapshot are valid; nothing was written'];
  for (const t of tables) lines.push(`  ${t.table}${fromFile(t.table, t.path)}: ${t.rowsRead} rows, ${t.rowsAccepted} accepted, ${t.rowsRejected} would be rejected`);
  if (rejectedRows > 0) {
    lines.push(`  first rejected rows:`);
    for (const [table, line, reason] of sampleRejects) lines.push(`    ${table} line ${line}: ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/** ` from <file>` where a mapping fed the table from a file not named for it. */
function fromFile(table: string, path: string): string {
  const name = basename(path);
  return name.startsWith(`${table}.`) ? '' : ` from ${name}`;
}
