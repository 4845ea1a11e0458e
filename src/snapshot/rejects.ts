import { createWriteStream, type WriteStream } from 'node:fs';
import Papa from 'papaparse';
import { escapeFormula } from '../io/csv-cell.js';
import { RunFileColumns } from '../run/run-files.js';
import { redactCardNumbers } from '../normalise/redact.js';
import type { TableName } from './table-schemas.js';

export const REJECTS_HEADER = RunFileColumns.rejects.join(',');

/**
 * rejects.csv: every row that failed validation, with its line and the reason, so that nothing
 * is lost silently. Raw card numbers in the row are redacted before they are written.
 */
export class RejectsFile {
  private readonly stream: WriteStream;
  private buffer = `${REJECTS_HEADER}\n`;
  /** a write failure (a full disk): kept, and thrown by close(), instead of crashing the process */
  private failure: Error | null = null;
  readonly counts = new Map<TableName, number>();

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (err) => (this.failure ??= err));
  }

  add(table: TableName, line: number, reason: string, raw: string): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    this.buffer += `${Papa.unparse([[table, String(line), escapeFormula(redactCardNumbers(reason)), escapeFormula(redactCardNumbers(raw))]], { newline: '\n' })}\n`;
    if (this.buffer.length > 1 << 16) this.flush();
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  private flush(): void {
    if (this.buffer.length > 0 && this.failure === null) this.stream.write(this.buffer);
    this.buffer = '';
  }

  async close(): Promise<void> {
    this.flush();
    if (this.failure === null) await new Promise<void>((resolve) => this.stream.end((err?: Error | null) => ((this.failure ??= err ?? null), resolve())));
    else this.stream.destroy();
    if (this.failure) throw this.failure;
  }
}
