import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../pipelines/inspect.js';
import { nightly } from '../../pipelines/nightly.js';
import { loadConfig, parseConfig } from '../../src/config/config.js';
import { formatInspection } from '../../src/inspect/format-inspection.js';
import { kindOfColumn } from '../../src/inspect/guess-table.js';
import { createLogger } from '../../src/log.js';
import { graphWorld } from '../support/export-fixtures.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const examples = fileURLToPath(new URL('../../examples/mappings/', import.meta.url));
const sample = fileURLToPath(new URL('../../data-samples/sample/', import.meta.url));
const log = createLogger({ silent: true });

describe('inspect --suggest-map', () => {
  for (const shape of ['customers', 'graph-export']) {
    it(`${shape}: the suggested mapping runs unchanged, and keeps the export's ids`, async () => {
      const input = join(examples, shape, 'export');
      const { suggestion } = await inspect({ input, config: parseConfig({}), load: false });
      expect(suggestion.mapping).not.toBeNull();
      expect(suggestion.mapping!.accountIdsAreKeys).toBe(true);
      const map = join(await tempDir(), 'mapping.json');
      await writeFile(map, JSON.stringify(suggestion.mapping));
      const run = await nightly({ input, stateDir: await tempDir(), config: await loadConfig(undefined, map), runId: 'n1', log, allowDevelopmentPanKey: true });
      expect(run.manifest.status).toBe('succeeded');
      expect(run.manifest.counts.rejectedRows).toBe(0);
      expect(run.manifest.counts.candidates).toBeGreaterThan(0);
      expect(run.manifest.counts.tokenisedAccountIds).toBe(0);
      const candidates = (await readFile(join(run.runPath, 'candidates.csv'), 'utf8')).trim().split('\n').slice(1);
      expect(candidates.length).toBeGreaterThan(0);
      expect(candidates.every((line) => /^C?\d{16},/.test(line))).toBe(true);
    });
  }

  it('says when the files need no mapping', async () => {
    const { suggestion } = await inspect({ input: sample, config: parseConfig({}), load: false });
    expect(suggestion.mapping).toBeNull();
    expect(suggestion.notes).toContain("every file is in the contract's own shape: no mapping is needed");
  });

  it('guesses kinds from values where names say nothing', () => {
    expect(kindOfColumn('c1', ['a@example.com', 'b@example.org'])).toBe('email');
    expect(kindOfColumn('c2', ['123-45-6789', '987-65-4321'])).toBe('ssn');
    expect(kindOfColumn('c3', ['4111111111111111', '5105 1051 0510 5100'])).toBe('payment_instrument');
    expect(kindOfColumn('c4', ['+44 7700 900123', '07700 900456'])).toBe('phone');
    expect(kindOfColumn('c5', ['ann', 'bob'])).toBeNull();
  });
});

describe('inspect', () => {
  it('prints files, kinds, hubs, model terms left off, card-like ids and rejects by reason, without raw card numbers', async () => {
    const input = join(examples, 'graph-export', 'export');
    const text = formatInspection(await inspect({ input, config: await loadConfig(undefined, join(examples, 'graph-export', 'mapping.json')) }));
    expect(text).toMatch(/HAS_CC\.parquet: parquet, 1,177 rows, 4 columns: id, from_user_id, to_card_id, cardDate\n {4}looks like a relationship file \(identifiers of kind payment_instrument\); read as identifiers \(1,177 accepted, 0 rejected\)/);
    expect(text).toMatch(/^ {2}device: 1,135 rows, 1,047 distinct, 17\.1 % of accounts share one \(137\)$/m);
    expect(text).toMatch(/^ {2}warning: most account ids look like card numbers \(800 of 800\): kept as your keys/m);
    expect(text).toMatch(/^model terms left off \(no sign-up times\): CREATION_BURST, CREATION_BURST_TIGHT, IN_CREATION_BURST$/m);
    expect(text).toMatch(/^hubs \(values shared by 30\+ accounts, graph\.hubMinAccounts\): none$/m);
    expect(text).toMatch(/pan:[0-9a-f]{32}/);
    expect(graphWorld().hasCc.some((r) => text.includes(r.to_card_id))).toBe(false);
  });

  it('warns before the first run when most ids look like card numbers, and exits as for input a run would refuse', async () => {
    const text = formatInspection(await inspect({ input: join(examples, 'customers', 'export'), config: parseConfig({}) }));
    expect(text).toMatch(/^not loadable as it stands: .*has no accounts table/m);
    expect(text).toMatch(/^ {2}warning: most account ids look like card numbers: a run would tokenise them/m);
  });

  it('samples large files, says so, and counts rejected rows by reason', async () => {
    const input = await folderWith({
      'accounts.csv': 'account_id,created_at\nA1,2026-01-01\nA2,2026-01-02\nA3,soon\n',
      'identifiers.csv': `account_id,kind,value\n${Array.from({ length: 40 }, (_, i) => `A${(i % 4) + 1},device,d-${i % 3}`).join('\n')}\n`,
    });
    const inspection = await inspect({ input, config: parseConfig({ graph: { hubMinAccounts: 2 } }), sampleRows: 20 });
    const text = formatInspection(inspection);
    expect(text).toMatch(/sampled: identifiers\.csv \(first 20 of ≈\d+ rows\)/);
    // A3 is refused for its date, A4 is in no accounts file: the rows of both are refused
    expect(text).toMatch(/^ {2}identifiers: 10 × account_id "…" is not in accounts$/m);
    expect(text).toMatch(/^ {2}accounts: 1 × created_at: not an ISO 8601 timestamp: "…"$/m);
    expect(text).toMatch(/^hubs \(values shared by 2\+ accounts, graph\.hubMinAccounts\): 3 \(device 3\)$/m);
    expect(text).toMatch(/^model terms left off \(no transactions, no labels\): /m);
    expect(text).toMatch(/^rejected rows: 11 \(a run would fail: accounts, identifiers over the allowed 5\.0 %\)$/m);
  });
});

describe('guessed tables', () => {
  it('read a flag named for fraud, and payments without ids of their own', async () => {
    const input = await folderWith({
      'Person.csv': 'id,fraudMoneyTransfer,mail\nC1,0,a@example.com\nC2,1,b@example.com\n',
      'SENT.csv': 'from_id,to_id,amount,when\nC1,C2,5.5,2026-01-01T00:00:00Z\n',
    });
    const { suggestion } = await inspect({ input, config: parseConfig({}), load: false });
    expect(suggestion.mapping!.tables).toEqual([
      { file: 'Person.csv', table: 'accounts', columns: { account_id: 'id' }, identifierColumns: { mail: 'email' }, labels: { column: 'fraudMoneyTransfer', fraud: ['1'] } },
      { file: 'SENT.csv', table: 'transactions', columns: { account_id: 'from_id', counterparty_id: 'to_id', amount: 'amount', created_at: 'when' }, constants: { status: 'settled', transaction_id: 'SENT' } },
    ]);
  });
});
