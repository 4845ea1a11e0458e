import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../../src/cli/nightly.js';
import { runInProcess } from '../../support/run-in-process.js';
import { folderWith, tempDir } from '../../support/temp-dir.js';

const customers = 'id,email,phonenumber,ssn,name,isfraud\nA1,a@example.com,+44 7700 900001,111-22-3333,ann,1\nA2,b@example.com,+44 7700 900001,,bob,0\n';
const wide = { file: 'customers.csv', table: 'accounts', columns: { account_id: 'id' }, identifierColumns: { email: 'email', phonenumber: 'phone' } };

/** Runs `nightly --map` on a folder; returns the exit code and what a person reads on stderr. */
async function runWith(files: Record<string, string>, mapping: unknown): Promise<{ code: number; lines: string[]; state: string }> {
  const input = await folderWith(files);
  const map = join(await tempDir(), 'mapping.json');
  await writeFile(map, JSON.stringify(mapping));
  const state = await tempDir();
  const { code, stderr } = await runInProcess(register, ['nightly', '--input', input, '--out', state, '--map', map, '--dev-pan-key', '--run-id', 'n1']);
  return { code, lines: stderr.split('\n').filter((l) => l !== '' && !l.startsWith('{')), state };
}

describe('bad mappings are refused with one line', () => {
  it('a column the file does not have, with the nearest one', async () => {
    const { code, lines } = await runWith({ 'customers.csv': customers }, { tables: [{ ...wide, identifierColumns: { phone_number: 'phone' } }] });
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/^fraud-rings: input\.tables\[0\] \(customers\.csv\): column phone_number is not in customers\.csv \(did you mean phonenumber\?\)$/)]);
  });

  it('a kind given twice', async () => {
    const { code, lines } = await runWith({ 'customers.csv': customers }, { tables: [{ ...wide, identifierColumns: { email: 'email', phonenumber: 'email' } }] });
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/tables\.0\.identifierColumns\.phonenumber: kind email is given twice \(columns email and phonenumber\)$/)]);
  });

  it('a file matched by two mappings', async () => {
    const { code, lines } = await runWith({ 'customers.csv': customers }, { tables: [wide, { file: '*.csv', table: 'accounts', columns: { account_id: 'id' } }] });
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/customers\.csv is matched by two mappings: input\.tables\[0\] \(customers\.csv\) and input\.tables\[1\] \(\*\.csv\)$/)]);
  });

  it('an unknown key, with the nearest known one, as the config does', async () => {
    const { code, lines } = await runWith({ 'customers.csv': customers }, { tables: [{ ...wide, identifierColums: {} }] });
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/unknown setting tables\.0\.identifierColums \(did you mean identifierColumns\?\)$/)]);
  });

  it('a mapping that matches no file, and a table nothing feeds', async () => {
    const none = await runWith({ 'customers.csv': customers }, { tables: [wide, { file: 'USED.parquet', table: 'identifiers', constants: { kind: 'device' } }] });
    expect(none.code).toBe(2);
    expect(none.lines).toEqual([expect.stringMatching(/tables\[1\] \(USED\.parquet\) matches no file in /)]);
    const noIdentifiers = await runWith({ 'customers.csv': customers }, { tables: [{ file: 'customers.csv', table: 'accounts', columns: { account_id: 'id' } }] });
    expect(noIdentifiers.code).toBe(3);
    expect(noIdentifiers.lines).toEqual([expect.stringMatching(/has no identifiers table: no file identifiers\.csv \(or another format\) and no mapping feeds it$/)]);
  });

  it('a map file beside a config that maps tables itself', async () => {
    const input = await folderWith({ 'customers.csv': customers });
    const dir = await tempDir();
    await writeFile(join(dir, 'config.json'), JSON.stringify({ input: { tables: [wide] } }));
    await writeFile(join(dir, 'mapping.json'), JSON.stringify({ tables: [wide] }));
    const { code, stderr } = await runInProcess(register, ['nightly', '--input', input, '--out', await tempDir(), '--config', join(dir, 'config.json'), '--map', join(dir, 'mapping.json'), '--dev-pan-key']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/maps tables itself \(input\.tables\): give the mapping there or in --map, not both/);
  });
});

describe('mapped rows', () => {
  it('are rejected with the file they came from and their line in it; a date in the mapped format is read', async () => {
    // one bad date among 40 rows: under the allowed share of rejects
    const users = Array.from({ length: 40 }, (_, i) => `U${i + 1}`);
    const files = {
      'users.csv': `uid,flag\n${users.map((u, i) => `${u},${i === 0 ? 'yes' : i === 1 ? 'no' : ''}`).join('\n')}\n`,
      'used.csv': `user,device,seen\n${users.map((u, i) => `${u},d-${i % 20},${i === 1 ? '31/02/2026 10:15' : '30/07/2026 10:15'}`).join('\n')}\n`,
    };
    const mapping = {
      tables: [
        { file: 'users.csv', table: 'accounts', columns: { account_id: 'uid' }, labels: { column: 'flag', fraud: ['yes'] } },
        { file: 'used.csv', table: 'identifiers', columns: { account_id: 'user', value: 'device', first_seen: 'seen' }, constants: { kind: 'device' }, dateFormats: { seen: 'dd/MM/yyyy HH:mm' } },
      ],
    };
    const { code, state } = await runWith(files, { ...mapping });
    expect(code).toBe(0);
    const rejects = (await readFile(join(state, 'runs', 'n1', 'rejects.csv'), 'utf8')).trim().split('\n');
    expect(rejects).toEqual(['table,line,reason,raw', 'identifiers,3,"used.csv: seen: ""31/02/2026 10:15"" does not match the date format dd/MM/yyyy HH:mm","U2,d-1,31/02/2026 10:15"']);
    const manifest = JSON.parse(await readFile(join(state, 'runs', 'n1', 'manifest.json'), 'utf8')) as { input: { tables: Array<{ table: string; path: string; rowsAccepted: number }> } };
    expect(manifest.input.tables.map((t) => [t.table, t.path.split('/').pop(), t.rowsAccepted])).toEqual([
      ['accounts', 'users.csv', 40],
      ['labels', 'users.csv', 1],
      ['identifiers', 'used.csv', 39],
    ]);
  });
});
