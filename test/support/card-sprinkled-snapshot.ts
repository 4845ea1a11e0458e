import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import Papa from 'papaparse';
import { isLuhnValid } from '../../src/normalise/card-number.js';

export type SnapshotFormat = 'csv' | 'csv.gz' | 'ndjson' | 'ndjson.gz' | 'arrow';

/** A Luhn-valid card number of `length` digits made from `body` (digits, repeated as needed). */
export function cardNumber(body: string, length = 16): string {
  const stem = body.repeat(Math.ceil(length / body.length)).slice(0, length - 1);
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${stem}${d}`)) return `${stem}${d}`;
  throw new Error('unreachable');
}

/** The ways people write one card number: together, in groups of four with spaces, dots or dashes. */
export function spellings(pan: string): string[] {
  const groups = pan.match(/.{1,4}/g)!;
  return [pan, groups.join(' '), groups.join('.'), groups.join('-')];
}

export interface SprinkledSnapshot {
  /** every card number planted, as digits */
  pans: string[];
  /** every spelling planted, as written */
  written: string[];
}

/**
 * Three rings of six accounts and sixty honest ones, with card numbers in every column of every
 * table, in every spelling: account ids, an account property and a column name, identifier values
 * of every kind (inside devices, e-mails, addresses, phones, a custom `card_number` kind),
 * transaction ids, label sources, and rows that are rejected because of them.
 */
export async function writeSprinkledSnapshot(dir: string, format: SnapshotFormat): Promise<SprinkledSnapshot> {
  const pans: string[] = [];
  const written: string[] = [];
  let next = 0;
  /** a new card number in the n-th spelling */
  const card = (lengthHint = 16): string => {
    const n = next++;
    const pan = cardNumber(`4${String(1000 + n * 7919)}${n}`, 13 + ((n + lengthHint) % 7));
    pans.push(pan);
    const shown = spellings(pan)[n % 4]!;
    written.push(shown);
    return shown;
  };
  const cardColumn = `x${cardNumber('55555', 16)}`;
  pans.push(cardColumn.slice(1));
  written.push(cardColumn.slice(1));

  const accounts: Record<string, string>[] = [];
  const identifiers: Record<string, string>[] = [];
  const transactions: Record<string, string>[] = [];
  const labels: Record<string, string>[] = [];
  const day = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString();
  let tx = 0;
  for (let r = 0; r < 3; r++) {
    const devices = [card(), card()];
    const cards = [card(), card()];
    const phone = card();
    const email = `${card()}@mail.test`;
    const custom = card();
    const address = `Flat ${card()} Drop Street`;
    const ids = Array.from({ length: 6 }, (_, m) => (m === 0 ? card() : `R${r}M${m}`));
    ids.forEach((id, m) => {
      accounts.push({ account_id: id, created_at: day(r * 40 + m), country: m === 1 ? card() : 'GB', [cardColumn]: m === 2 ? 'x' : '' });
      identifiers.push(
        { account_id: id, kind: 'device', value: `dev-${devices[m % 2]}`, first_seen: day(r * 40 + m), last_seen: '' },
        { account_id: id, kind: 'payment_instrument', value: cards[m % 2]!, first_seen: '', last_seen: '' },
        { account_id: id, kind: 'phone', value: phone, first_seen: '', last_seen: '' },
        { account_id: id, kind: 'email', value: email, first_seen: '', last_seen: '' },
        { account_id: id, kind: 'card_number', value: custom, first_seen: '', last_seen: '' },
        { account_id: id, kind: 'address', value: address, first_seen: '', last_seen: '' },
      );
      transactions.push(
        { transaction_id: m === 0 ? card() : `T${tx++}`, account_id: id, counterparty_id: ids[(m + 1) % 6]!, amount: '120.50', currency: 'EUR', created_at: day(r * 40 + m + 1), status: 'settled' },
        { transaction_id: `T${tx++}`, account_id: id, counterparty_id: '', amount: '80', currency: 'EUR', created_at: day(r * 40 + m + 2), status: 'chargeback' },
      );
    });
    labels.push({ account_id: ids[0]!, label: 'fraud', source: `chargeback ${card()}`, labeled_at: day(r * 40 + 30) });
  }
  for (let h = 0; h < 60; h++) {
    const id = `H${h}`;
    accounts.push({ account_id: id, created_at: day(h * 3), country: 'FR', [cardColumn]: '' });
    identifiers.push(
      { account_id: id, kind: 'device', value: h % 10 === 0 ? `tablet ${card()}` : `dev-h${h}`, first_seen: '', last_seen: '' },
      { account_id: id, kind: 'payment_instrument', value: h % 10 === 1 ? card() : `tok_h${h}`, first_seen: '', last_seen: '' },
    );
  }
  // rejected because of a card number: an unknown account, a duplicate account, a bad timestamp
  identifiers.push({ account_id: card(), kind: 'device', value: `dev-${card()}`, first_seen: '', last_seen: '' });
  accounts.push({ account_id: accounts[0]!.account_id!, created_at: '', country: card(), [cardColumn]: '' });
  identifiers.push({ account_id: 'H1', kind: 'ip', value: card(), first_seen: card(), last_seen: '' });
  transactions.push({ transaction_id: 'T-bad', account_id: 'H2', counterparty_id: '', amount: card(), currency: 'EUR', created_at: '', status: 'settled' });

  const tables = { accounts, identifiers, transactions, labels };
  for (const [name, rows] of Object.entries(tables)) await writeTable(dir, name, rows, format);
  return { pans, written };
}

async function writeTable(dir: string, name: string, rows: Record<string, string>[], format: SnapshotFormat): Promise<void> {
  const columns = Object.keys(rows[0]!);
  if (format === 'arrow') {
    const table = new Table(Object.fromEntries(columns.map((c) => [c, vectorFromArray(rows.map((r) => r[c] ?? ''), new Utf8())])));
    await writeFile(join(dir, `${name}.arrow`), tableToIPC(table, 'file'));
    return;
  }
  const text = format.startsWith('csv')
    ? `${Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\n' })}\n`
    : rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  await writeFile(join(dir, `${name}.${format}`), format.endsWith('.gz') ? gzipSync(text) : text);
}
