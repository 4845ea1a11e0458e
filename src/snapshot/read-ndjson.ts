import { InputError } from '../errors.js';
import { progressSize } from '../io/file-size.js';
import { inputLimits } from './input-limits.js';
import { nestsDeeperThan } from './json-depth.js';
import { inputErrorReason, openInput } from './open-input.js';
import type { RawRow, TableRows } from './raw-row.js';
import { textLines, type TextLine } from './text-lines.js';

const BATCH = 4096;

/**
 * Streams newline-delimited JSON objects (gzip-compressed when `gzip`); a line that is not a JSON
 * object, or is over a limit (length, nesting depth, number of keys), is a rejected row.
 */
export async function readNdjson(path: string, gzip = false): Promise<TableRows> {
  const bytes = await progressSize(path);
  const input = await openInput(path, gzip);
  const lines = textLines(input.text, inputLimits.maxLineLength);
  return { columns: null, batches: batches(lines, path), progress: () => Math.min(1, input.bytesRead() / bytes) };
}

async function* batches(lines: AsyncIterable<TextLine>, path: string): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  let line = 0;
  try {
    for await (const { text, tooLong } of lines) {
      line++;
      if (tooLong) {
        batch.push({ line, record: null, problem: `line longer than ${inputLimits.maxLineLength} characters`, raw: '' });
        continue;
      }
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
      if (trimmed === '') continue;
      batch.push(parseLine(trimmed, line));
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${path}: ${inputErrorReason(err)}`, { cause: err });
  }
  if (batch.length > 0) yield batch;
}

function parseLine(text: string, line: number): RawRow {
  if (nestsDeeperThan(text, inputLimits.maxNestingDepth)) {
    return { line, record: null, problem: `nested deeper than ${inputLimits.maxNestingDepth} levels`, raw: '' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, record: null, problem: 'not valid JSON', raw: text };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, record: null, problem: 'not a JSON object', raw: text };
  }
  const entries = Object.entries(value);
  if (entries.length > inputLimits.maxColumns) {
    return { line, record: null, problem: `${entries.length} keys, more than the limit of ${inputLimits.maxColumns}`, raw: '' };
  }
  const record: Record<string, string> = {};
  for (const [key, v] of entries) record[key] = toText(v);
  return { line, record, raw: text };
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
