import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * One CSV file in the form `neo4j-admin database import` reads: comma-separated, `"` quotes
 * (doubled inside), arrays joined by ARRAY_DELIMITER. A null field is written empty and unquoted,
 * which the import reads as "no property" (an empty list too); an empty string is written `""`,
 * which it keeps.
 * Rows are gathered into chunks of about a megabyte so that millions of rows cost few writes.
 */
export class CsvFile {
  /** whether a field held a line break: the import must then be told `--multiline-fields=true` */
  multiline = false;
  rows = 0;
  private chunk: string[] = [];
  private size = 0;
  private readonly out: WriteStream;

  constructor(readonly path: string, header: readonly string[]) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.chunk.push(header.map((h) => this.field(h)).join(',') + '\n');
  }

  /** Appends one row; resolves at once unless the file is behind (backpressure). */
  async write(fields: ReadonlyArray<Field>): Promise<void> {
    let line = '';
    for (let f = 0; f < fields.length; f++) line += (f === 0 ? '' : ',') + this.field(fields[f]!);
    line += '\n';
    this.chunk.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= 1 << 20) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
  }

  private async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const text = this.chunk.join('');
    this.chunk = [];
    this.size = 0;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  private field(value: Field): string {
    if (value === null) return '';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    // the import cannot store an empty list (a quoted "" would be a list of one empty string)
    if (Array.isArray(value) && value.length === 0) return '';
    const text = Array.isArray(value) ? value.map(arrayItem).join(ARRAY_DELIMITER) : String(value);
    if (text === '' || /[",\n\r]/.test(text)) {
      if (/[\n\r]/.test(text)) this.multiline = true;
      return `"${text.replaceAll('"', '""')}"`;
    }
    return text;
  }
}

export type Field = string | number | boolean | null | readonly string[];

/**
 * Array items are joined by the unit separator (U+001F), a character no normalised value and no
 * reason code holds, so an address with `;` or `,` stays one item.
 */
export const ARRAY_DELIMITER = '\u001f';
/** How the import is told the delimiter (`--array-delimiter=U+001F`). */
export const ARRAY_DELIMITER_OPTION = 'U+001F';

function arrayItem(item: string): string {
  if (item.includes(ARRAY_DELIMITER)) throw new Error(`an array item holds the import's array delimiter U+001F: ${JSON.stringify(item)}`);
  return item;
}
