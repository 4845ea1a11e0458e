import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { InputError } from '../errors.js';

/**
 * Parses a file of JSON lines the project wrote itself (the decision log, evidence), each line
 * checked by schema. A bad line is an InputError naming the file, the line and what it should be.
 */
export function parseNdjsonLines<S extends z.ZodType>(text: string, path: string, schema: S, what: string): z.output<S>[] {
  const items: z.output<S>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const item = parseNdjsonLine(lines[i]!, i + 1, path, schema, what);
    if (item !== undefined) items.push(item);
  }
  return items;
}

/**
 * The same, read line by line from the file: for files larger than one string can hold. A file
 * that is not there gives null.
 */
export async function readNdjsonFile<S extends z.ZodType>(path: string, schema: S, what: string, onItem: (item: z.output<S>) => void): Promise<boolean> {
  let lines;
  try {
    lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      const item = parseNdjsonLine(line, ++n, path, schema, what);
      if (item !== undefined) onItem(item);
    }
    return true;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new InputError(`cannot read ${path}: ${code ?? (err as Error).message}`, { cause: err });
  } finally {
    lines?.close();
  }
}

/** One line: undefined when blank, the checked item, or an InputError naming the line. */
function parseNdjsonLine<S extends z.ZodType>(line: string, lineNumber: number, path: string, schema: S, what: string): z.output<S> | undefined {
  if (line.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new InputError(`${path} line ${lineNumber} is not JSON: ${line.length > 60 ? `${line.slice(0, 60)}…` : line}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${path} line ${lineNumber} is not ${what}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
  }
  return parsed.data;
}
