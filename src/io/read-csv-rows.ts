import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { unescapeFormula } from './csv-cell.js';

/**
 * Streams the data rows of a CSV file (RFC 4180, header row, UTF-8, optional BOM, LF or CRLF)
 * to `onRow` as arrays ordered like `columns`. Parsing is papaparse's, the parser the rest of
 * the project uses. A missing file, a missing
 * column or a row with the wrong number of fields is an InputError naming the file and line.
 */
export async function readCsvRows(
  path: string,
  columns: readonly string[],
  onRow: (fields: string[], line: number) => void,
  /**
   * ownFile: a file this project wrote (candidates.csv, members.csv): undo its formula escaping.
   * optional: columns after `columns` that may be missing; a missing one reads as ''.
   */
  options: { ownFile?: boolean; optional?: readonly string[] } = {},
): Promise<void> {
  const cell = options.ownFile ? unescapeFormula : (text: string) => text;
  await new Promise<void>((resolve, reject) => {
    let index: number[] | null = null;
    let width = 0;
    let line = 0;
    let failed = false;
    const fail = (err: unknown, parser?: Papa.Parser): void => {
      if (failed) return;
      failed = true;
      parser?.abort();
      stream.destroy();
      reject(err);
    };
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    stream.on('error', (err: NodeJS.ErrnoException) => {
      fail(new InputError(err.code === 'ENOENT' ? `${path} not found` : `cannot read ${path}: ${err.code ?? err.message}`, { cause: err }));
    });
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      skipEmptyLines: true,
      chunk(results, parser) {
        if (failed) return;
        const broken = results.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
        if (broken) return fail(new InputError(`${path} is broken near line ${line + (broken.row ?? 0) + 1}: ${broken.message}`), parser);
        try {
          for (const fields of results.data) {
            line++;
            if (index === null) {
              const header = fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
              const missing = columns.filter((c) => !header.includes(c));
              if (missing.length > 0) throw new InputError(`${path} has no column ${missing.join(', ')} (header: ${header.join(',')})`);
              index = [...columns, ...(options.optional ?? [])].map((c) => header.indexOf(c));
              width = header.length;
              continue;
            }
            if (fields.length !== width) throw new InputError(`${path} line ${line}: expected ${width} fields, found ${fields.length}`);
            onRow(
              index.map((i) => (i < 0 ? '' : cell(fields[i]!))),
              line,
            );
          }
        } catch (err) {
          fail(err, parser);
        }
      },
      complete() {
        if (failed) return;
        if (index === null) return fail(new InputError(`${path} is empty: a header row is required`));
        resolve();
      },
      error(err: Error) {
        fail(new InputError(`cannot parse ${path}: ${err.message}`, { cause: err }));
      },
    });
  });
}
