import type { Inspection, InspectedFile } from './inspection.js';

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** What `fraud-rings inspect` prints: a snapshot as the next run would see it, before the run. */
export function formatInspection(i: Inspection): string {
  const lines: string[] = [`snapshot ${i.input}: ${i.files.length} files, inspected in ${(i.ms / 1000).toFixed(1)} s`];
  const sampled = i.files.filter((f) => f.sample.sampledRows !== null);
  if (sampled.length > 0) {
    lines.push(`  sampled: ${sampled.map((f) => `${f.head.name} (first ${n(f.sample.sampledRows!)} of ≈${n(f.sample.estimatedRows!)} rows)`).join(', ')}; the files feeding accounts are read whole. Shares (of the accounts the sampled rows link), hubs and rejects below are of this sample: values shared beyond it are not seen.`);
  }
  lines.push('files:');
  for (const f of i.files) lines.push(...fileLines(f));

  if (i.loadError !== null) {
    lines.push(`not loadable as it stands: ${i.loadError}`);
    if (i.suggestion.mapping?.accountIdsAreKeys) lines.push('  warning: most account ids look like card numbers: a run would tokenise them unless accountIdsAreKeys says they are your keys (README, "Your ids stay yours")');
    lines.push('  `fraud-rings inspect --input <dir> --suggest-map` prints a mapping to start from (README, "Mapping an export")');
    return `${lines.join('\n')}\n`;
  }

  lines.push(`accounts: ${n(i.accounts)}`);
  if (i.cardLikeAccountIds > 0) {
    const most = i.cardLikeAccountIds > i.accounts / 2;
    const fate = i.accountIdsAreKeys ? 'kept as your keys (accountIdsAreKeys)' : 'tokenised by a run: its candidates could not be joined back to your records';
    lines.push(`  ${most ? 'warning: most' : 'note:'} account ids look like card numbers (${n(i.cardLikeAccountIds)} of ${n(i.accounts)}): ${fate}${most && !i.accountIdsAreKeys ? '; if they are your own keys, set accountIdsAreKeys (README, "Your ids stay yours")' : ''}`);
  } else lines.push('  no account id looks like a card number');

  lines.push(`identifier kinds (rows, distinct values, accounts sharing one; largest shared values by accounts${i.tokens === 'one-off' ? '; card tokens with a one-off key, FRAUD_RINGS_PAN_KEY unset' : ''}):`);
  if (i.kinds.length === 0) lines.push('  none');
  for (const k of i.kinds) {
    lines.push(`  ${k.kind}: ${n(k.rows)} rows, ${n(k.distinctValues)} distinct, ${pct(k.sharingShare)} of accounts share one (${n(k.sharingAccounts)})`);
    if (k.largest.length > 0) lines.push(`    largest: ${k.largest.map((v) => `${preview(v.value)} (${n(v.accounts)})`).join(', ')}`);
  }
  const hubs = i.kinds.filter((k) => k.hubs > 0);
  lines.push(`hubs (values shared by ${i.hubMinAccounts}+ accounts, graph.hubMinAccounts): ${hubs.length === 0 ? 'none' : `${n(hubs.reduce((s, k) => s + k.hubs, 0))} (${hubs.map((k) => `${k.kind} ${n(k.hubs)}`).join(', ')})`}`);

  const missing = i.available ? Object.entries(i.available).filter(([, has]) => !has).map(([need]) => ({ createdAt: 'no sign-up times', transactions: 'no transactions', labels: 'no labels' })[need as 'createdAt']) : [];
  lines.push(i.disabledTerms.length === 0 ? 'model terms: all have data' : `model terms left off (${missing.join(', ')}): ${i.disabledTerms.join(', ')}`);

  const share = i.files.flatMap((f) => f.tables).filter((t) => t.rowsRead > 0 && t.rowsRejected / t.rowsRead > i.maxRejectShare);
  lines.push(`rejected rows: ${n(i.rejects.total)}${share.length > 0 ? ` (a run would fail: ${share.map((t) => t.table).join(', ')} over the allowed ${pct(i.maxRejectShare)})` : ''}`);
  for (const r of i.rejects.byReason.slice(0, 15)) lines.push(`  ${r.table}: ${n(r.rows)} × ${r.reason}`);
  if (i.rejects.byReason.length > 15) lines.push(`  … ${i.rejects.byReason.length - 15} more reasons`);
  return `${lines.join('\n')}\n`;
}

function fileLines(f: InspectedFile): string[] {
  const rows = f.sample.estimatedRows !== null ? `≈${n(f.sample.estimatedRows)} rows` : f.tables.length > 0 ? `${n(f.tables[0]!.rowsRead)} rows` : 'rows not counted';
  const columns = `${f.head.columns.length} columns: ${f.head.columns.slice(0, 12).join(', ')}${f.head.columns.length > 12 ? ', …' : ''}`;
  const looks =
    f.guess.shape === 'contract'
      ? `the contract's ${f.guess.table} table`
      : f.guess.shape === 'mapped'
        ? `looks like ${f.guess.role === 'accounts' ? 'an accounts table' : f.guess.role === 'relationship' ? `a relationship file (identifiers of kind ${f.guess.mapping.constants.kind})` : 'transactions'}`
        : 'looks like no table';
  const read = f.tables.length > 0 ? `read as ${f.tables.map((t) => `${t.table} (${n(t.rowsAccepted)} accepted, ${n(t.rowsRejected)} rejected)`).join(', ')}` : 'not read by a run';
  return [`  ${f.head.name}: ${f.head.format}${f.head.gzip ? ' (gzip)' : ''}, ${rows}, ${columns}`, `    ${looks}; ${read}`];
}

/** A value as shown: short, one line. */
function preview(value: string): string {
  const one = value.replace(/\s+/g, ' ');
  return JSON.stringify(one.length > 40 ? `${one.slice(0, 40)}…` : one);
}
