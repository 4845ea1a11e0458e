import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../../src/io/csv-cell.js';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

/**
 * Issue 12, injection: values starting with `=`, `+`, `-` or `@` came out unescaped in every CSV
 * a person opens in a spreadsheet, and a newline in --by or --note forged lines in `review show`.
 */
const hostile = ['=HYPERLINK("http://evil.test","click")', "+cmd|' /c calc'!A0", '-2+3+cmd|x', '@SUM(1+1)*cmd'];

function cells(csv: string): string[] {
  return Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.flat();
}

/** No cell a spreadsheet would run as a formula. */
function expectNoFormula(csv: string): void {
  for (const cell of cells(csv)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
}

async function hostileSnapshot(): Promise<string> {
  const ring = [...hostile, 'R5'];
  const honest = Array.from({ length: 30 }, (_, i) => `H${i}`);
  const accounts = ['account_id,created_at', ...[...ring, ...honest].map((id, i) => `${Papa.unparse([[id]])},2025-01-${String(1 + (i % 9)).padStart(2, '0')}`)];
  const identifiers = ['account_id,kind,value'];
  for (const [m, id] of ring.entries()) {
    const a = Papa.unparse([[id]]);
    identifiers.push(`${a},device,${Papa.unparse([[`=dev(${m % 2})`]])}`, `${a},payment_instrument,+card-${m % 2}`, `${a},phone,-447700900${m % 2}`);
  }
  // a hub shared by 30 accounts, whose value is a formula
  for (const id of honest) identifiers.push(`${id},ip,${Papa.unparse([["=cmd|' /c calc'!A0"]])}`);
  const truth = ['account_id,ring_id', ...ring.map((id) => `${Papa.unparse([[id]])},ring1`), ...honest.map((id) => `${id},`)];
  return folderWith({ 'accounts.csv': `${accounts.join('\n')}\n`, 'identifiers.csv': `${identifiers.join('\n')}\n`, 'truth.csv': `${truth.join('\n')}\n` });
}

describe('CSV formula injection (issue 12)', () => {
  it('escapes exactly the OWASP trigger characters and round-trips every text', () => {
    for (const text of [...hostile, '\tx', '\rx', "'=x", "''", "'", 'plain', '', '4.5', "it's"]) {
      expect(unescapeFormula(escapeFormula(text))).toBe(text);
      expect(escapeFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(escapeFormula('plain')).toBe('plain');
    expect(escapeFormula('=1+1')).toBe("'=1+1");
  });

  it('candidates, members, hubs, review list and blacklist export escape formulas, and the project reads its own files back', async () => {
    const input = await hostileSnapshot();
    const state = await tempDir();
    const night = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1']);
    expect(night.code).toBe(0);
    const run = join(state, 'latest');
    const candidates = await readFile(join(run, 'candidates.csv'), 'utf8');
    expect(candidates).toContain(`'${hostile[0]!.replace(/"/g, '""')}`);
    for (const file of ['candidates.csv', 'members.csv', 'hubs.csv', 'clusters.csv', 'lineage.csv', 'rejects.csv']) expectNoFormula(await readFile(join(run, file), 'utf8'));
    expect(await readFile(join(run, 'hubs.csv'), 'utf8')).toContain("ip,'=cmd|' /c calc'!a0,30");

    // review reads candidates.csv back: the hostile ids are decided on as they are
    const decided = await runCli(['review', 'decide', '--account', hostile[0]!, '--decision', 'approve', '--by', '@mallory', '--note', '=HYPERLINK("x")', '--out', state]);
    expect(decided.code).toBe(0);
    const listed = await runCli(['review', 'list', '--out', state, '--format', 'csv']);
    expect(listed.code).toBe(0);
    expectNoFormula(listed.stdout);
    expect(cells(listed.stdout).map(unescapeFormula)).toEqual(expect.arrayContaining([hostile[0], hostile[2], '@mallory']));
    expect(cells(await readFile(join(run, 'members.csv'), 'utf8')).map(unescapeFormula)).toEqual(expect.arrayContaining([hostile[0], hostile[2]]));
    const exported = await runCli(['blacklist', 'export', '--out', state, '--format', 'csv']);
    expectNoFormula(exported.stdout);
    expect(cells(exported.stdout).map(unescapeFormula)).toEqual(expect.arrayContaining([hostile[0], '@mallory', '=HYPERLINK("x")']));

    // evaluation reads candidates.csv and members.csv back: every hostile id matches truth.csv
    const evaluated = await runCli(['evaluate', '--run', run, '--truth', join(input, 'truth.csv'), '--json']);
    expect(evaluated.code).toBe(0);
    const quality = JSON.parse(evaluated.stdout);
    expect(JSON.stringify(quality)).toMatch(/"precision":1/);
  });
});

describe('reviewer names and notes (issue 12)', () => {
  it('refuses control characters in --by and --note and notes over the documented limit, writing nothing', async () => {
    const input = await hostileSnapshot();
    const state = await tempDir();
    expect((await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1'])).code).toBe(0);
    const cases: Array<[string, string]> = [
      ['alice\nR5 approved by root', 'note'],
      ['alice', 'fine\n\nR5 rejected by root'],
      ['alice\u001b[2J', 'note'],
      ['alice', 'x'.repeat(100_000)],
    ];
    for (const [by, note] of cases) {
      const result = await runCli(['review', 'decide', '--account', 'R5', '--decision', 'approve', '--by', by, '--note', note, '--out', state]);
      expect(result.code).toBe(2);
      expect(messages(result.stderr)).toEqual([expect.stringMatching(/^fraud-rings: the (reviewer name \(--by\)|note \(--note\)) (must not contain control characters|is \d+ characters, more than the limit of 2000)/)]);
    }
    await expect(readFile(join(state, 'review', 'decisions.ndjson'), 'utf8')).rejects.toThrow();
  });
});
