import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber, replaceCardNumbers } from '../../src/normalise/card-numbers-in-text.js';
import { createPanHasher } from '../../src/normalise/card-number.js';
import { DEVELOPMENT_PAN_KEY } from '../../src/normalise/pan-key.js';
import { cardNumber, spellings, writeSprinkledSnapshot, type SnapshotFormat } from '../support/card-sprinkled-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { suiteDir } from '../support/temp-dir.js';
import { requireServer, rows, settings, wipe } from '../support/neo4j-test-server.js';

/**
 * Issue 12, card numbers leak: a Luhn-valid number under any kind but payment_instrument, or
 * written with dots or spaces, reached evidence.ndjson and clusters.ndjson raw, and rejects.csv
 * quoted raw values in its reason column.
 */
const KEY = 'a-real-secret-card-key-for-this-test';

describe('card numbers in text', () => {
  const mark = (text: string) => replaceCardNumbers(text, (digits) => `<${digits.length}>`);

  it('finds card numbers written together, with spaces, dots or dashes, anywhere in a value', () => {
    const pan = cardNumber('4111', 16);
    for (const written of spellings(pan)) {
      expect(mark(written)).toBe('<16>');
      expect(mark(`dev-${written}-x`)).toBe('dev-<16>-x');
      expect(mark(`${written}@mail.test`)).toBe('<16>@mail.test');
    }
    expect(mark(`2026-11-25 ${spellings(pan)[1]}`)).toBe('2026-11-25 <16>');
    for (let length = 13; length <= 19; length++) expect(mark(cardNumber('37', length))).toBe(`<${length}>`);
  });

  it('keeps what is not a card number: timestamps, short or long digit runs, failing check digits', () => {
    for (const text of ['2026-11-25T01:30:00Z', '+44 7700 900123', '123456789012', '12345678901234567890123', `${cardNumber('4111', 16).slice(0, 15)}${(Number(cardNumber('4111', 16).at(-1)) + 1) % 10}`]) {
      expect(mark(text)).toBe(text);
    }
  });
});

describe('no raw card number in any output, log or Neo4j (issue 12)', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await requireServer();
    await wipe(driver);
  });
  afterAll(async () => {
    await driver?.close();
  });

  it.each<SnapshotFormat>(['csv', 'csv.gz', 'ndjson', 'ndjson.gz', 'arrow'])(
    'a %s snapshot sprinkled with card numbers in every column leaves none raw in the run folder, the decision log, the exports, the logs or Neo4j',
    async (format) => {
      const input = await suiteDir();
      const state = await suiteDir();
      const planted = await writeSprinkledSnapshot(input, format);
      const env = { FRAUD_RINGS_PAN_KEY: KEY, FRAUD_RINGS_ALLOW_DEV_PAN_KEY: '' };
      const night = await runCli(['--verbose', 'nightly', '--input', input, '--out', state, '--run-id', `cards-${format.replace('.', '-')}`, '--sink', 'neo4j'], env);
      expect(night.stderr.split('\n').filter((l) => l && !l.startsWith('{'))).toEqual([]);
      expect(night.code).toBe(0);

      // the run found the rings and rejected rows because of card numbers: the checks below look at real output
      const run = join(state, 'latest');
      const candidates = await readFile(join(run, 'candidates.csv'), 'utf8');
      expect(candidates.split('\n').length).toBeGreaterThan(10);
      expect(await readFile(join(run, 'evidence.ndjson'), 'utf8')).toMatch(/payment_instrument","value":"pan:[0-9a-f]{32}"/);
      const rejects = await readFile(join(run, 'rejects.csv'), 'utf8');
      expect(rejects).toMatch(/account_id ""pan:[0-9a-f]{32}"" is not in accounts/);
      expect(rejects).toMatch(/duplicate account_id ""pan:[0-9a-f]{32}""/);

      const candidate = candidates.split('\n')[1]!.split(',')[0]!;
      const decided = await runCli(['review', 'decide', '--account', candidate, '--decision', 'approve', '--by', 'alice', '--note', `card ${planted.written[0]} seen twice`, '--out', state], env);
      expect(decided.code).toBe(0);
      const exported = await runCli(['blacklist', 'export', '--out', state, '--format', 'csv'], env);
      const shown = await runCli(['review', 'show', '--account', candidate, '--out', state], env);
      const listed = await runCli(['review', 'list', '--out', state, '--format', 'json'], env);

      const texts: Array<[string, string]> = [
        ['nightly stdout', night.stdout],
        ['nightly stderr (logs, --verbose)', night.stderr],
        ['review decide', decided.stdout + decided.stderr],
        ['blacklist export', exported.stdout + exported.stderr],
        ['review show', shown.stdout + shown.stderr],
        ['review list', listed.stdout + listed.stderr],
        ...(await filesUnder(state)),
        ['neo4j', await graphText(driver)],
      ];
      const devToken = createPanHasher(DEVELOPMENT_PAN_KEY);
      for (const [where, text] of texts) {
        for (const pan of planted.pans) {
          expect.soft(text.includes(pan), `${where} holds ${pan}`).toBe(false);
          // a token made with the public development key would be reversible: none may appear
          expect.soft(text.includes(devToken(pan)), `${where} holds a development-key token`).toBe(false);
        }
        for (const written of planted.written) expect.soft(text.includes(written), `${where} holds ${written}`).toBe(false);
        expect.soft(containsCardNumber(text.replace(/[0-9a-f]{12,}/g, '')), `${where} holds a card number`).toBe(false);
      }
      expect(texts.find(([w]) => w === 'neo4j')![1]).toMatch(/"accountId":"pan:[0-9a-f]{32}"/);
    },
  );
});

/** Every file under the state folder (run folders, rejects, manifests, the decision log), as text. */
async function filesUnder(dir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if ((await lstat(path)).isFile()) out.push([path, await readFile(path, 'utf8')]);
  }
  expect(out.map(([p]) => p.split('/').pop())).toEqual(expect.arrayContaining(['evidence.ndjson', 'clusters.ndjson', 'rejects.csv', 'manifest.json', 'decisions.ndjson', 'hubs.csv']));
  return out;
}

/** Every label, property key and property value of every node and relationship in the database. */
async function graphText(driver: Driver): Promise<string> {
  const nodes = await rows(driver, 'MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties');
  const rels = await rows(driver, 'MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS properties');
  expect(nodes.length).toBeGreaterThan(50);
  return JSON.stringify({ database: settings.database, nodes, rels });
}
