import type { Column } from './write/table-writer.js';

const text = (name: string): Column => ({ name, type: 'utf8' });

/** The snapshot contract as generated: one file per table, plus the ground truth. */
export const snapshotTables = {
  accounts: [text('account_id'), text('created_at'), text('country'), text('status')],
  identifiers: [text('account_id'), text('kind'), text('value'), text('first_seen'), text('last_seen')],
  transactions: [
    text('transaction_id'),
    text('account_id'),
    text('counterparty_id'),
    { name: 'amount', type: 'float64' },
    text('currency'),
    text('created_at'),
    text('status'),
  ],
  labels: [text('account_id'), text('label'), text('source'), text('labeled_at')],
  /**
   * Ground truth, always CSV: every account; ring_id empty for accounts in no ring (honest, or a
   * fraudster working alone); fraud 1 for every fraudster, in a ring or not, else 0.
   */
  truth: [text('account_id'), text('ring_id'), text('fraud')],
} as const satisfies Record<string, readonly Column[]>;
