import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultQueriesDir, QueryFiles, statementText } from '../../../src/sinks/neo4j/query-files.js';

describe('statementText', () => {
  it('keeps comments, drops one trailing semicolon', () => {
    expect(statementText('// why\nMATCH (n) RETURN n;\n')).toBe('// why\nMATCH (n) RETURN n');
  });

  it('refuses two statements, but not semicolons in strings or comments', () => {
    expect(() => statementText('MATCH (n) RETURN n; MATCH (m) RETURN m', 'two')).toThrow(/two.cypher holds more than one statement/);
    expect(statementText("// a; b\nRETURN 'x;y' AS s, \"q;\" AS t")).toBe("// a; b\nRETURN 'x;y' AS s, \"q;\" AS t");
    expect(() => statementText('// only a comment\n', 'empty')).toThrow(/holds no statement/);
  });
});

describe('the queries folder', () => {
  it('holds every statement the sink runs, one per file', async () => {
    const queries = await QueryFiles.load(['migrations', 'sink']);
    expect(queries.names('migrations').length).toBeGreaterThan(5);
    expect(queries.names('migrations')).toEqual([...queries.names('migrations')].sort());
    for (const name of queries.names('migrations')) expect(queries.get(name)).toMatch(/^CREATE (CONSTRAINT|INDEX) \w+ IF NOT EXISTS/m);
    expect(() => queries.get('sink/nope')).toThrow(/no Cypher file sink\/nope.cypher/);
  });

  it('keeps Cypher out of TypeScript: every statement the sink names exists as a file', async () => {
    const source = await readFile(new URL('../../../src/sinks/neo4j/neo4j-sink.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/'(sink\/[a-z-]+)'/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    const queries = await QueryFiles.load(['sink']);
    queries.require(names);
  });

  it('has analyst queries that are single, commented statements', async () => {
    const dir = join(defaultQueriesDir(), 'analyst');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cypher'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text.startsWith('//'), file).toBe(true);
      expect(() => statementText(text, file)).not.toThrow();
    }
  });
});
