import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { configuredNormaliser } from '../../src/normalise/configured-normaliser.js';
import { createNormaliser, defaultPlaceholders, type NormaliseOptions } from '../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { NormaliseAhead } from '../../src/snapshot/normalise-ahead.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { identifierValues } from '../support/make-snapshot.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const options: NormaliseOptions = { placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' };
const normalise = createNormaliser(options);

/** identifiers.csv rows of every sort: plain, spelled differently, placeholders, quoted, multi-line, invalid, a card number. */
function identifierRows(count: number): string {
  const kinds = ['device', 'Email', 'phone', ' address ', 'payment_instrument', 'ip', 'national_id', 'username'];
  const lines = ['account_id,kind,value'];
  for (let i = 0; i < count; i++) {
    const account = `A${i % 500}`;
    const kind = kinds[i % kinds.length]!;
    if (i % 97 === 0) lines.push(`${account},device,"a ""quoted"" tablet,\nstill it ${i}"`);
    else if (i % 89 === 0) lines.push(`${account},device,N/A`);
    else if (i % 83 === 0) lines.push(`${account},not a kind!,x${i}`);
    else if (i % 79 === 0) lines.push(`${account},payment_instrument,4111 1111 1111 ${String(1000 + (i % 9000)).padStart(4, '0')}`);
    else if (i % 71 === 0) lines.push(`${account},email,Zoë.${i % 50}@Example.com`);
    else lines.push(`${account},${kind},Value-${i % 3000} +44 7700 900${String(i % 1000).padStart(3, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

async function load(dir: string, ahead: boolean) {
  const out = await tempDir();
  const rejects = new RejectsFile(join(out, 'rejects.csv'));
  const snapshot = await loadSnapshot(dir, { normalise, rejects, maxRejectShare: 1, ...(ahead ? { normaliseAhead: { options, minBytes: 0 } } : {}) });
  await rejects.close();
  return { snapshot, rejected: Papa.parse<string[]>(await readFile(join(out, 'rejects.csv'), 'utf8')).data };
}

/** The run's normaliser (card numbers become keyed tokens), loaded on one thread or with the worker. */
async function loadKeyed(dir: string, ahead: boolean) {
  const run = configuredNormaliser({ placeholders: defaultPlaceholders, defaultCountryCode: '44', panHashKeyEnv: 'UNUSED' }, { key: 'test-key', fingerprint: 'f', development: true });
  const out = await tempDir();
  const rejects = new RejectsFile(join(out, 'rejects.csv'));
  const snapshot = await loadSnapshot(dir, {
    normalise: run.normalise,
    tokeniseCardNumbers: run.tokeniseCardNumbers,
    rejects,
    maxRejectShare: 1,
    ...(ahead ? { normaliseAhead: { ...run.normaliseAhead, minBytes: 0 } } : {}),
  });
  await rejects.close();
  return { snapshot, rejected: Papa.parse<string[]>(await readFile(join(out, 'rejects.csv'), 'utf8')).data };
}

describe('NormaliseAhead', () => {
  it('gives the value of a row found by its byte offset, as the loader would normalise it, and nothing for an offset that is not a row', async () => {
    const text = identifierRows(2000);
    const dir = await folderWith({ 'identifiers.csv': text });
    const path = join(dir, 'identifiers.csv');
    const ahead = new NormaliseAhead(path, (await stat(path)).size, 1, 2, options);
    await ahead.finished;
    // a plain row well past where the worker starts (i = 1502: no quote, placeholder or card)
    const i = 1502;
    const kind = 'national_id';
    const value = `Value-${i % 3000} +44 7700 900${String(i % 1000).padStart(3, '0')}`;
    const line = `\nA${i % 500},${kind},${value}\n`;
    expect(text.indexOf(line)).toBeGreaterThan(0);
    expect(text.indexOf(line)).toBe(text.lastIndexOf(line));
    const offset = Buffer.byteLength(text.slice(0, text.indexOf(line) + 1));
    const got = ahead.take(offset);
    expect(got).not.toBeUndefined();
    expect(got && Buffer.from(got.bytes.subarray(got.start, got.end)).toString('utf8')).toBe(normalise(kind, value)!.value);
    expect(ahead.take(offset + 1)).toBeUndefined(); // inside a row: the loader normalises it itself
    await ahead.close();
  });

  it('builds the same snapshot and rejects as the single-threaded load, quoted multi-line fields and card numbers included', async () => {
    const accounts = `account_id\n${Array.from({ length: 500 }, (_, i) => `A${i}`).join('\n')}\n`;
    const dir = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifierRows(20_000) });
    const one = await load(dir, false);
    const two = await load(dir, true);
    expect(identifierValues(two.snapshot)).toEqual(identifierValues(one.snapshot));
    expect(Array.from(two.snapshot.identifiers.kindOf)).toEqual(Array.from(one.snapshot.identifiers.kindOf));
    expect(Array.from(two.snapshot.links.identifier)).toEqual(Array.from(one.snapshot.links.identifier));
    expect(Array.from(two.snapshot.links.account)).toEqual(Array.from(one.snapshot.links.account));
    expect(two.snapshot.placeholderRows).toBe(one.snapshot.placeholderRows);
    expect(two.rejected).toEqual(one.rejected);
    expect(one.snapshot.placeholderRows).toBeGreaterThan(0);
    expect(identifierValues(one.snapshot).join('\n')).not.toContain('4111 1111 1111');
  });

  it('tokenises card numbers in values as the loader does, on the fast path and on the worker: the same snapshot as one thread', async () => {
    const accounts = `account_id\n${Array.from({ length: 500 }, (_, i) => `A${i}`).join('\n')}\n`;
    const pans = Array.from({ length: 3000 }, (_, i) => luhn(`41111111${String(i).padStart(7, '0')}`));
    const cards = pans.map((pan, i) => `A${i % 500},payment_instrument,${pan}`);
    const text = `${identifierRows(20_000).trimEnd()}\n${cards.join('\n')}\nA7,note,${pans[0]} in a note\n`;
    const dir = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': text });
    const one = await loadKeyed(dir, false);
    const two = await loadKeyed(dir, true);
    expect(identifierValues(two.snapshot)).toEqual(identifierValues(one.snapshot));
    expect(Array.from(two.snapshot.links.identifier)).toEqual(Array.from(one.snapshot.links.identifier));
    expect(Array.from(two.snapshot.links.account)).toEqual(Array.from(one.snapshot.links.account));
    expect(two.rejected).toEqual(one.rejected);
    const values = identifierValues(one.snapshot);
    expect(values.filter((v) => /^pan:[0-9a-f]{32}$/.test(v)).length).toBeGreaterThanOrEqual(3000);
    expect(values.filter((v) => pans.some((pan) => v.includes(pan)))).toEqual([]);
    expect(values.find((v) => v.endsWith(' in a note'))).toMatch(/^pan:[0-9a-f]{32} in a note$/);
  });

  it('never takes a value from a worker that started inside a quoted field holding lines that look like rows', async () => {
    // one huge quoted value across the worker's start, whose lines are "rows" with other values
    const fake = Array.from({ length: 3000 }, (_, i) => `A${i % 500},device,fake-${i}`).join('\n');
    const real = Array.from({ length: 3000 }, (_, i) => `A${i % 500},device,real-${i}`).join('\n');
    const text = `account_id,kind,value\nA1,note,"${fake}"\n${real}\n`;
    const accounts = `account_id\n${Array.from({ length: 500 }, (_, i) => `A${i}`).join('\n')}\n`;
    const dir = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': text });
    const one = await load(dir, false);
    const two = await load(dir, true);
    expect(identifierValues(two.snapshot)).toEqual(identifierValues(one.snapshot));
    expect(Array.from(two.snapshot.links.identifier)).toEqual(Array.from(one.snapshot.links.identifier));
    expect(identifierValues(two.snapshot).some((v) => v.startsWith('fake-') && !v.includes('\n'))).toBe(false);
  });
});

/** digits with the Luhn check digit appended */
function luhn(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}
