import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const queries = join(import.meta.dirname, '..', '..', 'queries');

function unescape(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

/** A .cypher file's statement without its leading comment block (the guide explains in prose). */
function statement(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 0 && (lines[0]!.startsWith('//') || lines[0]!.trim() === '')) lines.shift();
  return lines.join('\n').trim().replace(/;$/, '');
}

describe('the Neo4j Browser guide (queries/browser/guide.html)', async () => {
  const guide = await readFile(join(queries, 'browser', 'guide.html'), 'utf8');
  const blocks = [...guide.matchAll(/<pre class="code runnable"(?: data-query="([^"]+)")?>([\s\S]*?)<\/pre>/g)].map((m) => ({ file: m[1], text: unescape(m[2]!) }));

  it('is slides Browser can show, with every analyst question as a clickable query', async () => {
    expect(guide).toMatch(/<article class="guide">/);
    expect((guide.match(/<slide /g) ?? []).length).toBeGreaterThanOrEqual(7);
    const analyst = ['top-clusters', 'cluster', 'why-flagged', 'new-clusters', 'changed-clusters', 'hubs', 'pending-candidates', 'runs'];
    expect(blocks.filter((b) => b.file).map((b) => b.file)).toEqual(analyst.map((name) => `analyst/${name}`));
  });

  it('holds each query exactly as its file in queries/analyst/ says', async () => {
    for (const block of blocks.filter((b) => b.file)) {
      expect(block.text, block.file).toBe(statement(await readFile(join(queries, `${block.file}.cypher`), 'utf8')));
    }
  });

  it('sets the parameters the queries after it need', () => {
    const params = blocks.filter((b) => b.text.startsWith(':param')).map((b) => b.text);
    expect(params).toContain(":param clusterId => 'FR-0123456789ab'");
    expect(params).toContain(":param accountId => 'A00000003'");
    expect(guide).not.toMatch(/<script|\son[a-z]+=/i);
  });
});
