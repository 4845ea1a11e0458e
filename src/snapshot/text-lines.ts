import type { Readable } from 'node:stream';

export interface TextLine {
  /** the line without its line break; empty when the line was too long */
  text: string;
  /** the line was longer than the limit: its text was dropped as it came in, never held whole */
  tooLong: boolean;
}

/**
 * Splits a text stream into lines (LF or CRLF) without ever holding more than `maxLength`
 * characters of one line: a longer line is dropped as it streams by and reported as too long,
 * so a file that is one endless line cannot exhaust memory.
 */
export async function* textLines(stream: Readable, maxLength: number): AsyncGenerator<TextLine> {
  let partial = '';
  let tooLong = false;
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (tooLong || partial.length + piece.length > maxLength + 1) {
        yield { text: '', tooLong: true };
      } else {
        yield finish(partial + piece, maxLength);
      }
      partial = '';
      tooLong = false;
    }
    if (tooLong) continue;
    const rest = chunk.slice(start);
    if (partial.length + rest.length > maxLength + 1) {
      partial = '';
      tooLong = true;
    } else {
      partial += rest;
    }
  }
  if (tooLong) yield { text: '', tooLong: true };
  else if (partial !== '') yield finish(partial, maxLength);
}

/** The line without its CR; one character of slack is held for that CR, so the limit is checked here. */
function finish(line: string, maxLength: number): TextLine {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return text.length > maxLength ? { text: '', tooLong: true } : { text, tooLong: false };
}
