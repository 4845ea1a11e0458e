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
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InputError(`${path} line ${i + 1} is not JSON: ${line.length > 60 ? `${line.slice(0, 60)}…` : line}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${path} line ${i + 1} is not ${what}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    items.push(parsed.data);
  }
  return items;
}
