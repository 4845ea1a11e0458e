import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';
import { csvText } from '../io/csv-text.js';
import { decidedWord } from '../review/decision.js';
import { decide, type DecisionTarget, type RecordedDecision } from '../review/decide.js';
import type { DecisionSink } from '../review/decision-sink.js';
import { evidenceText } from '../review/evidence-text.js';
import { readReviewQueue, REVIEW_STATUSES, type ReviewItem } from '../review/review-queue.js';
import { formatTable } from './format-table.js';

export interface ReviewCommandOptions {
  /** where decisions are applied besides the decision log (Neo4j, say); none by default */
  decisionSinks?: (sink: string) => Promise<DecisionSink[]>;
}

export function register(program: Command, options: ReviewCommandOptions = {}): void {
  const review = program.command('review').description('review blacklist candidates of the latest run: list, show the evidence, decide');

  review
    .command('list')
    .description('candidates of the latest run and decided accounts, with their review status')
    .requiredOption('--out <dir>', 'state folder given to nightly --out')
    .addOption(new Option('--status <status>', 'only accounts with this status').choices(REVIEW_STATUSES))
    .option('--cluster <id>', 'only accounts of this cluster')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json']))
    .action(async (opts: { out: string; status?: string; cluster?: string; format?: string }) => {
      const { items } = await readReviewQueue(opts.out);
      const shown = items.filter((i) => (!opts.status || i.status === opts.status) && (!opts.cluster || i.clusterId === opts.cluster));
      const format = opts.format ?? (process.stdout.isTTY ? 'table' : 'csv');
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      } else if (format === 'csv') {
        const header = ['account_id', 'cluster_id', 'score', 'status', 'reasons', 'decided_by', 'decided_at', 'in_latest_run'];
        process.stdout.write(csvText(header, shown.map((i) => [i.accountId, i.clusterId, i.score ?? '', i.status, i.reasons.join(';'), i.decision?.by ?? '', i.decision?.at ?? '', String(i.inLatestRun)])));
      } else {
        const rows = shown.map((i) => [i.accountId, i.clusterId, i.score ?? '', statusText(i), i.reasons.join(';'), i.decision?.by ?? '', i.decision?.at ?? '']);
        process.stdout.write(formatTable(['account', 'cluster', 'score', 'status', 'reasons', 'decided by', 'decided at'], rows));
      }
    });

  review
    .command('show')
    .description('the evidence against one account, and its decision history')
    .requiredOption('--out <dir>', 'state folder given to nightly --out')
    .requiredOption('--account <id>', 'account id')
    .action(async (opts: { out: string; account: string }) => {
      const { run, log, items } = await readReviewQueue(opts.out);
      const item = items.find((i) => i.accountId === opts.account);
      if (!item) throw new UserError(`unknown account ${opts.account}: not a candidate of run ${run.runId} (latest) and never decided`);
      process.stdout.write(evidenceText(item, log.historyOf(item.accountId), run.runId));
    });

  review
    .command('decide')
    .description('record a decision on a candidate, or on every candidate of a cluster, of the latest run')
    .requiredOption('--out <dir>', 'state folder given to nightly --out')
    .option('--account <id>', 'the account to decide')
    .option('--cluster <id>', 'decide every candidate of this cluster')
    .addOption(new Option('--decision <decision>', 'approve (blacklist it) or reject').choices(['approve', 'reject']).makeOptionMandatory())
    .requiredOption('--by <reviewer>', 'who decides')
    .option('--note <text>', 'why')
    .addOption(new Option('--sink <sink>', 'also record the decision on the BlacklistCandidate in Neo4j').choices(['files', 'neo4j']).default('files'))
    .action(async (opts: { out: string; account?: string; cluster?: string; decision: 'approve' | 'reject'; by: string; note?: string; sink: string }) => {
      if ((opts.account === undefined) === (opts.cluster === undefined)) throw new UserError('review decide needs exactly one of --account <id> or --cluster <id>');
      const target: DecisionTarget = opts.account !== undefined ? { accountId: opts.account } : { clusterId: opts.cluster! };
      const sinks = (await options.decisionSinks?.(opts.sink)) ?? [];
      const outcome = await decide(opts.out, { target, decision: opts.decision, by: opts.by, note: opts.note }, sinks).finally(() =>
        Promise.all(sinks.map((s) => s.close?.())),
      );
      const lines = outcome.recorded.map(recordedText);
      for (const d of outcome.skipped) lines.push(`${d.accountId} skipped: already ${decidedWord(d.decision)} by ${d.by} at ${d.at}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function statusText(item: ReviewItem): string {
  if (item.reopened) return 'pending (re-opened)';
  return item.inLatestRun ? item.status : `${item.status} (gone)`;
}

function recordedText({ decision: d, previous, reopened }: RecordedDecision): string {
  const where = `cluster ${d.clusterId}, run ${d.runId}, evidence ${d.evidenceVersion}`;
  const head = `${d.accountId} ${decidedWord(d.decision)} by ${d.by}`;
  if (reopened) return `${head} again (${where}): it was re-opened after the rejection by ${reopened.rejectedBy} at ${reopened.rejectedAt}: ${reopened.changes.join(', ')}`;
  if (previous) return `${head} (${where}): changed from ${decidedWord(previous.decision)} by ${previous.by} at ${previous.at}`;
  return `${head} (${where})`;
}
