import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import Papa from 'papaparse';
import { Prng } from '../../src/generate/prng.js';

/*
 * Two small exports of the shapes a fraud team has at hand, each written twice from one seeded
 * world: as the export (a wide customer table; a graph database's Parquet files, one per node or
 * relationship type) and as the same data in the snapshot contract's long form. A mapped run of
 * the first must give the run folder of the second. `examples/mappings/` holds the exports.
 */

/** A Luhn-valid number of `length` digits starting with `start`: the shape of the ids that looked like cards. */
function luhnNumber(random: Prng, start: string, length = 16): string {
  let body = start;
  while (body.length < length - 1) body += String(random.int(0, 9));
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function uniqueNumbers(random: Prng, count: number, start: string): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(luhnNumber(random, start));
  return [...seen];
}

const FIRST = ['ava', 'ben', 'chloe', 'dan', 'ella', 'finn', 'grace', 'harry', 'isla', 'jack', 'kate', 'leo', 'mia', 'noah', 'olivia', 'paul'];
const LAST = ['smith', 'jones', 'taylor', 'brown', 'wilson', 'evans', 'thomas', 'roberts', 'walker', 'wright', 'green', 'hall'];

function csv(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): string {
  return `${Papa.unparse({ fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\n' })}\n`;
}

// ── the wide customer table ────────────────────────────────────────────────────────────────────

export interface Customer {
  id: string;
  email: string;
  phonenumber: string;
  ssn: string;
  name: string;
  isfraud: '0' | '1';
}

/**
 * Customers with 16-digit Luhn-valid ids; rings of 3–6 share an SSN and a phone among them (most
 * of their members flagged), couples share a phone, and some cells are empty.
 */
export function customerWorld(count = 1334, seed = 30): Customer[] {
  const random = Prng.from(seed, 1);
  const ids = uniqueNumbers(random, count, '4');
  const customers: Customer[] = ids.map((id, i) => {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    return {
      id,
      email: random.chance(0.05) ? '' : `${first}.${last}${i}@example.com`,
      phonenumber: random.chance(0.1) ? '' : `+44 7700 ${String(100000 + i).padStart(6, '0')}`,
      ssn: random.chance(0.2) ? '' : `${String(100 + (i % 800)).padStart(3, '0')}-${String(10 + (i % 89))}-${String(1000 + i).padStart(4, '0')}`,
      name: `${first} ${last}`,
      isfraud: '0',
    };
  });
  let at = 0;
  for (let ring = 0; ring < 20 && at + 6 < count; ring++) {
    const size = random.int(3, 6);
    const ssn = customers[at]!.ssn || `900-${10 + ring}-${String(5000 + ring)}`;
    const phone = `+44 7911 ${String(200000 + ring).padStart(6, '0')}`;
    for (let k = 0; k < size; k++) {
      const member = customers[at + k]!;
      if (k === 0 || random.chance(0.8)) member.ssn = ssn;
      if (random.chance(0.7)) member.phonenumber = phone;
      if (random.chance(0.6)) member.isfraud = '1';
    }
    at += size + random.int(5, 30);
  }
  for (let couple = 0; couple < 60; couple++) {
    const a = customers[random.int(0, count - 1)]!;
    const b = customers[random.int(0, count - 1)]!;
    if (a !== b && a.isfraud === '0' && b.isfraud === '0' && a.phonenumber !== '') b.phonenumber = a.phonenumber;
  }
  return customers;
}

export async function writeCustomerExport(dir: string, customers: readonly Customer[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'customers.csv'), csv(customers as unknown as Record<string, string>[], ['id', 'email', 'phonenumber', 'ssn', 'name', 'isfraud']));
}

/** The same customers in the contract's long form, rows in the order the mapping reads them. */
export async function writeCustomerLongForm(dir: string, customers: readonly Customer[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'accounts.csv'), csv(customers.map((c) => ({ account_id: c.id })), ['account_id']));
  await writeFile(join(dir, 'labels.csv'), csv(customers.filter((c) => c.isfraud === '1').map((c) => ({ account_id: c.id, label: 'fraud' })), ['account_id', 'label']));
  const identifiers: Record<string, string>[] = [];
  for (const c of customers) {
    for (const [column, kind] of [['email', 'email'], ['phonenumber', 'phone'], ['ssn', 'ssn']] as const) {
      if (c[column] !== '') identifiers.push({ account_id: c.id, kind, value: c[column] });
    }
  }
  await writeFile(join(dir, 'identifiers.csv'), csv(identifiers, ['account_id', 'kind', 'value']));
}

// ── the graph database's Parquet export ────────────────────────────────────────────────────────

export interface GraphExport {
  users: Array<{ id: string; name: string; isFraud: boolean }>;
  used: Array<{ id: string; from_user_id: string; to_device_id: string; deviceDate: string }>;
  hasCc: Array<{ id: string; from_user_id: string; to_card_id: string; cardDate: Date }>;
  p2p: Array<{ id: string; from_user_id: string; to_user_id: string; transactionDateTime: string; totalAmount: number }>;
}

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** `dd/MM/yyyy HH:mm`, the export's own date form for USED.deviceDate. */
function dayFirst(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * Users with `C`-prefixed Luhn-valid ids, their devices (USED), cards (HAS_CC, real card numbers)
 * and payments (P2P). Rings of 4–8 share a pool of devices and cards and pay each other in a
 * cycle; couples share a device; everyone else has their own.
 */
export function graphWorld(count = 800, seed = 30): GraphExport {
  const random = Prng.from(seed, 2);
  const ids = uniqueNumbers(random, count, '5').map((n) => `C${n}`);
  const cards = uniqueNumbers(random, count * 2, '4');
  let cardAt = 0;
  const world: GraphExport = { users: [], used: [], hasCc: [], p2p: [] };
  world.users = ids.map((id) => ({ id, name: `${random.pick(FIRST)} ${random.pick(LAST)}`, isFraud: false }));
  const devicesOf: string[][] = ids.map((_, i) => [`dev-${String(i).padStart(5, '0')}`, ...(random.chance(0.3) ? [`dev-${String(i).padStart(5, '0')}b`] : [])]);
  const cardsOf: string[][] = ids.map(() => (random.chance(0.4) ? [cards[cardAt++]!, cards[cardAt++]!] : [cards[cardAt++]!]));
  const rings: number[][] = [];
  let at = 5;
  while (rings.length < 12 && at + 8 < count) {
    const members = Array.from({ length: random.int(4, 8) }, (_, k) => at + k);
    const devices = [`ring-dev-${rings.length}-a`, `ring-dev-${rings.length}-b`];
    const pool = [cards[cardAt++]!, cards[cardAt++]!];
    for (const m of members) {
      devicesOf[m]!.push(random.pick(devices));
      cardsOf[m]!.push(random.pick(pool));
      if (random.chance(0.5)) world.users[m]!.isFraud = true;
    }
    rings.push(members);
    at += members.length + random.int(10, 40);
  }
  for (let couple = 0; couple < 40; couple++) {
    const a = random.int(0, count - 1);
    const b = random.int(0, count - 1);
    if (a !== b) devicesOf[b]!.push(devicesOf[a]![0]!);
  }
  for (let u = 0; u < count; u++) {
    for (const device of devicesOf[u]!) world.used.push({ id: `used-${world.used.length + 1}`, from_user_id: ids[u]!, to_device_id: device, deviceDate: dayFirst(START + random.int(0, 180) * DAY + random.int(0, 1439) * 60_000) });
    for (const card of cardsOf[u]!) world.hasCc.push({ id: `cc-${world.hasCc.length + 1}`, from_user_id: ids[u]!, to_card_id: card, cardDate: new Date(START + random.int(0, 180) * DAY) });
  }
  const pay = (from: number, to: number) =>
    world.p2p.push({
      id: `p2p-${world.p2p.length + 1}`,
      from_user_id: ids[from]!,
      to_user_id: ids[to]!,
      transactionDateTime: new Date(START + random.int(0, 180 * 24) * 3_600_000).toISOString(),
      totalAmount: random.int(500, 50_000) / 100,
    });
  for (const ring of rings) for (let k = 0; k < ring.length; k++) pay(ring[k]!, ring[(k + 1) % ring.length]!);
  for (let t = 0; t < count; t++) {
    const from = random.int(0, count - 1);
    const to = random.int(0, count - 1);
    if (from !== to) pay(from, to);
  }
  return world;
}

export async function writeGraphExport(dir: string, world: GraphExport): Promise<void> {
  await mkdir(dir, { recursive: true });
  const parquet = (name: string, columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData']) => writeFile(join(dir, name), new Uint8Array(parquetWriteBuffer({ columnData })));
  await parquet('User.parquet', [
    { name: 'id', data: world.users.map((u) => u.id), type: 'STRING' },
    { name: 'name', data: world.users.map((u) => u.name), type: 'STRING' },
    { name: 'isFraud', data: world.users.map((u) => u.isFraud), type: 'BOOLEAN' },
  ]);
  await parquet('USED.parquet', [
    { name: 'id', data: world.used.map((r) => r.id), type: 'STRING' },
    { name: 'from_user_id', data: world.used.map((r) => r.from_user_id), type: 'STRING' },
    { name: 'to_device_id', data: world.used.map((r) => r.to_device_id), type: 'STRING' },
    { name: 'deviceDate', data: world.used.map((r) => r.deviceDate), type: 'STRING' },
  ]);
  await parquet('HAS_CC.parquet', [
    { name: 'id', data: world.hasCc.map((r) => r.id), type: 'STRING' },
    { name: 'from_user_id', data: world.hasCc.map((r) => r.from_user_id), type: 'STRING' },
    { name: 'to_card_id', data: world.hasCc.map((r) => r.to_card_id), type: 'STRING' },
    { name: 'cardDate', data: world.hasCc.map((r) => r.cardDate), type: 'TIMESTAMP' },
  ]);
  await parquet('P2P.parquet', [
    { name: 'id', data: world.p2p.map((r) => r.id), type: 'STRING' },
    { name: 'from_user_id', data: world.p2p.map((r) => r.from_user_id), type: 'STRING' },
    { name: 'to_user_id', data: world.p2p.map((r) => r.to_user_id), type: 'STRING' },
    { name: 'transactionDateTime', data: world.p2p.map((r) => r.transactionDateTime), type: 'STRING' },
    { name: 'totalAmount', data: world.p2p.map((r) => r.totalAmount), type: 'DOUBLE' },
  ]);
}

/** `dd/MM/yyyy HH:mm` back to ISO 8601, as the long form writes it. */
function isoFromDayFirst(text: string): string {
  const [d, m, rest] = text.split('/');
  const [y, time] = rest!.split(' ');
  return `${y}-${m}-${d}T${time}:00Z`;
}

/** The same export in the contract's long form, rows in the order the mapping reads them (files by name: HAS_CC before USED). */
export async function writeGraphLongForm(dir: string, world: GraphExport): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'accounts.csv'), csv(world.users.map((u) => ({ account_id: u.id })), ['account_id']));
  await writeFile(join(dir, 'labels.csv'), csv(world.users.filter((u) => u.isFraud).map((u) => ({ account_id: u.id, label: 'fraud' })), ['account_id', 'label']));
  const identifiers = [
    ...world.hasCc.map((r) => ({ account_id: r.from_user_id, kind: 'payment_instrument', value: r.to_card_id, first_seen: r.cardDate.toISOString() })),
    ...world.used.map((r) => ({ account_id: r.from_user_id, kind: 'device', value: r.to_device_id, first_seen: isoFromDayFirst(r.deviceDate) })),
  ];
  await writeFile(join(dir, 'identifiers.csv'), csv(identifiers, ['account_id', 'kind', 'value', 'first_seen']));
  const transactions = world.p2p.map((r) => ({ transaction_id: r.id, account_id: r.from_user_id, counterparty_id: r.to_user_id, amount: String(r.totalAmount), created_at: r.transactionDateTime, status: 'settled' }));
  await writeFile(join(dir, 'transactions.csv'), csv(transactions, ['transaction_id', 'account_id', 'counterparty_id', 'amount', 'created_at', 'status']));
}
