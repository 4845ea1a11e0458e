import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../../src/generate/generate-snapshot.js';
import { messyValue } from '../../../src/generate/style/messy-value.js';
import { styleName, timestampStyles, type SnapshotStyle } from '../../../src/generate/style/snapshot-style.js';
import { createPanHasher } from '../../../src/normalise/card-number.js';
import { replaceCardNumbers } from '../../../src/normalise/card-numbers-in-text.js';
import { createNormaliser, defaultPlaceholders, type NormaliseOptions } from '../../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../../src/snapshot/rejects.js';
import type { Snapshot } from '../../../src/snapshot/snapshot.js';
import { tempDir } from '../../support/temp-dir.js';

const ACCOUNTS = 3000;
const SEED = 11;
const options: NormaliseOptions = { placeholders: defaultPlaceholders, panHashKey: 'style-test-key', defaultCountryCode: '44' };
const hashPan = createPanHasher(options.panHashKey);

async function generated(style: Partial<SnapshotStyle>): Promise<string> {
  const out = await tempDir();
  await generateSnapshot({ accounts: ACCOUNTS, seed: SEED, out, style: { timestamps: 'iso', values: 'plain', quoteAll: false, crlf: false, ...style } });
  return out;
}

/** Loads as the nightly run does, the normalising worker included (from the first byte on). */
async function load(dir: string): Promise<{ snapshot: Snapshot }> {
  const rejectsPath = join(await tempDir(), 'rejects.csv');
  const rejects = new RejectsFile(rejectsPath);
  try {
    const snapshot = await loadSnapshot(dir, {
      normalise: createNormaliser(options),
      tokeniseCardNumbers: (text) => replaceCardNumbers(text, hashPan),
      rejects,
      maxRejectShare: 0,
      normaliseAhead: { options, minBytes: 0, tokenisesCardNumbers: true },
    });
    return { snapshot };
  } finally {
    await rejects.close();
  }
}

/** The snapshot as plain data, timestamps passed through `time` (the day only, for the date style). */
function contents(s: Snapshot, time: (ms: number) => number = (ms) => ms) {
  const times = (a: Float64Array) => Array.from(a, (ms) => (Number.isNaN(ms) ? null : time(ms)));
  return {
    accounts: s.accounts.ids,
    createdAt: times(s.accounts.createdAt),
    properties: [...s.accounts.properties],
    label: Array.from(s.accounts.label),
    kinds: s.identifiers.kinds,
    kindOf: Array.from(s.identifiers.kindOf),
    values: Array.from({ length: s.identifiers.values.length }, (_, i) => s.identifiers.values.at(i)),
    linkAccount: Array.from(s.links.account),
    linkIdentifier: Array.from(s.links.identifier),
    firstSeen: times(s.links.firstSeen),
    lastSeen: times(s.links.lastSeen),
    transactions: [Array.from(s.transactions.account), Array.from(s.transactions.counterparty), Array.from(s.transactions.amount), Array.from(s.transactions.status), times(s.transactions.createdAt)],
    placeholderRows: s.placeholderRows,
    rows: s.tables.map((t) => [t.table, t.rowsRead, t.rowsAccepted, t.rowsRejected]),
  };
}

const day = (ms: number) => Math.floor(ms / 86_400_000);

describe('generate styles', () => {
  let reference: ReturnType<typeof contents> | null = null;
  const baseline = async () => (reference ??= contents((await load(await generated({}))).snapshot));
  const styles: Partial<SnapshotStyle>[] = [
    ...timestampStyles.filter((t) => t !== 'iso').map((timestamps) => ({ timestamps })),
    { values: 'messy' },
    { quoteAll: true, crlf: true },
    { timestamps: 'offset', values: 'messy', quoteAll: true, crlf: true },
  ];

  it('the default style loads without a reject', async () => {
    const base = await baseline();
    expect(base.accounts.length).toBe(ACCOUNTS);
    expect(base.rows.every(([, read, accepted, rejected]) => read === accepted && rejected === 0)).toBe(true);
    expect(base.firstSeen.filter((t) => t !== null).length).toBeGreaterThan(ACCOUNTS);
  });

  for (const style of styles) {
    const full: SnapshotStyle = { timestamps: 'iso', values: 'plain', quoteAll: false, crlf: false, ...style };
    it(`${styleName(full)} loads to the same snapshot as the default style${full.timestamps === 'date' ? ', to the day' : ''}`, { timeout: 120_000 }, async () => {
      const base = await baseline();
      const { snapshot } = await load(await generated(style));
      if (full.timestamps === 'date') expect(contents(snapshot, day)).toEqual({ ...base, createdAt: base.createdAt.map((t) => t && day(t)), firstSeen: base.firstSeen.map((t) => t && day(t)), lastSeen: base.lastSeen.map((t) => t && day(t)), transactions: [...base.transactions.slice(0, 4), (base.transactions[4] as (number | null)[]).map((t) => t && day(t))] });
      else expect(contents(snapshot)).toEqual(base);
    });
  }

  it('writes each style as it says', async () => {
    const messy = await readFile(join(await generated({ timestamps: 'offset', values: 'messy', quoteAll: true, crlf: true }), 'identifiers.csv'), 'utf8');
    const lines = messy.split('\r\n');
    expect(lines[0]).toBe('"account_id","kind","value","first_seen","last_seen"');
    expect(lines.length).toBeGreaterThan(ACCOUNTS);
    expect(messy.includes('\n"') && !/[^\r]\n/.test(messy)).toBe(true);
    expect(messy).toMatch(/"phone","\+?\(\d{3}\) \d{3} \d{2}-\d*"/);
    expect(messy).toMatch(/"email","[A-Z0-9._+]+@[A-Z0-9.]+"/);
    expect(messy).toMatch(/"address","[^"]*#[0-9A-Z]+/);
    for (const offset of ['+02:00"', '-05:00"', '+0530"', '.000000+', '.0-']) expect(messy).toContain(offset);
    const ms = await readFile(join(await generated({ timestamps: 'epoch-ms' }), 'accounts.csv'), 'utf8');
    expect(ms.split('\n')[1]).toMatch(/^A\d+,1\d{12},/);
  });
});

describe('messyValue', () => {
  it('puts units behind #, regroups phones and upper-cases, all to the same canonical value', () => {
    const normalise = createNormaliser(options);
    const cases: Array<[string, string, string]> = [
      ['address', 'Flat B, 12 High Street, Leeds LS3 2QX', 'FLAT #B, 12 HIGH STREET, LEEDS LS3 2QX'],
      ['address', '386 Park Avenue Apt. 4, New York', '386 PARK AVENUE APT. #4, NEW YORK'],
      ['address', 'Via Cavour 142,00087 Roma', 'VIA CAVOUR #142,00087 ROMA'],
      ['phone', '+44 7700 900123', '+(447) 700 90-0123'],
      ['phone', '0044 7700 900123', '0044-770-09-00123'],
      ['phone', '+44 (0)7700 900123', '+44 (0)7700 900123'],
      ['phone', 'unknown', 'unknown'],
      ['email', 'Olivia.Romano1052@outlook.it', 'OLIVIA.ROMANO1052@OUTLOOK.IT'],
      ['device', 'd23a153c-0839', 'd23a153c-0839'],
    ];
    for (const [kind, plain, messy] of cases) {
      expect(messyValue(kind, plain)).toBe(messy);
      expect(normalise(kind, messy)).toEqual(normalise(kind, plain));
    }
  });
});
