import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvFile } from '../../../src/sinks/neo4j-import/csv-file.js';
import { adminCommand, emptyPlan } from '../../../src/sinks/neo4j-import/import-plan.js';
import { tempDir } from '../../support/temp-dir.js';

describe('neo4j-admin import files', () => {
  it('write null as an empty field, an empty string quoted, arrays joined by U+001F, and quote what needs it', async () => {
    const path = join(await tempDir(), 'nodes.csv');
    const file = new CsvFile(path, ['key:ID(X)', 'name', 'tags:string[]', 'n:long', 'ok:boolean']);
    await file.write(['k1', null, ['a;b', 'c,d'], 3, true]);
    await file.write(['k2', '', [], 0, false]);
    await file.write(['k3', 'say "hi"\nthere', null, null, null]);
    await file.close();
    expect(await readFile(path, 'utf8')).toBe(
      'key:ID(X),name,tags:string[],n:long,ok:boolean\nk1,,"a;b\u001fc,d",3,true\nk2,"",,0,false\nk3,"say ""hi""\nthere",,,\n',
    );
    expect(file.rows).toBe(3);
    expect(file.multiline).toBe(true);
  });

  it('refuse an array item holding the delimiter', async () => {
    const file = new CsvFile(join(await tempDir(), 'x.csv'), ['a:string[]']);
    await expect(file.write([['bad\u001fitem']])).rejects.toThrow(/U\+001F/);
    await file.close();
  });

  it('print the import command with every file group, each file by its full path', () => {
    const plan = { ...emptyPlan('neo4j'), nodes: [{ labels: [], files: ['identifiers.csv'] }, { labels: ['FraudCluster', 'Current'], files: ['clusters-1.csv'] }], relationships: [{ type: 'USES', files: ['uses.csv'] }] };
    const command = adminCommand(plan, '/data/import night');
    expect(command).toContain('neo4j-admin database import full');
    expect(command).toContain("--nodes='/data/import night/identifiers.csv'");
    expect(command).toContain("--nodes=FraudCluster:Current='/data/import night/clusters-1.csv'");
    expect(command).toContain("--relationships=USES='/data/import night/uses.csv'");
    expect(command).toContain('--array-delimiter=U+001F');
    expect(command).not.toContain('--multiline-fields');
  });
});
