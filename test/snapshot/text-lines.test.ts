import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { textLines } from '../../src/snapshot/text-lines.js';

async function lines(chunks: string[], max: number) {
  const out = [];
  for await (const line of textLines(Readable.from(chunks), max)) out.push(line.tooLong ? '<too long>' : line.text);
  return out;
}

describe('textLines', () => {
  it('splits LF and CRLF lines across any chunk boundary, with or without a final newline', async () => {
    const text = 'a,b\r\nccc\n\nlast';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await lines([text.slice(0, cut), text.slice(cut)], 100)).toEqual(['a,b', 'ccc', '', 'last']);
    }
    expect(await lines(['x\n'], 100)).toEqual(['x']);
  });

  it('reports a line over the limit without holding it, and goes on with the next', async () => {
    expect(await lines(['ok\n', 'y'.repeat(50), 'y'.repeat(50), '\nnext\n', 'z'.repeat(11)], 10)).toEqual(['ok', '<too long>', 'next', '<too long>']);
    expect(await lines(['1234567890\n12345678901\n'], 10)).toEqual(['1234567890', '<too long>']);
  });
});
