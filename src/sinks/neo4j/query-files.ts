import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodeUnits } from '../../order.js';

/**
 * Every Cypher statement the code runs lives in `queries/**.cypher`, one statement per file, and
 * is looked up by its path without the extension (`sink/accounts`, `migrations/001-account-id`).
 * Files are read once, when the sink opens, so a missing or malformed file stops the run before
 * anything is written.
 */
export class QueryFiles {
  private constructor(
    readonly dir: string,
    private readonly texts: ReadonlyMap<string, string>,
  ) {}

  /** Loads the statements under the given subfolders of the queries folder. */
  static async load(folders: readonly string[], dir = defaultQueriesDir()): Promise<QueryFiles> {
    const texts = new Map<string, string>();
    for (const folder of folders) {
      for (const file of await cypherFiles(join(dir, folder))) {
        const name = relative(dir, file).split(sep).join('/').replace(/\.cypher$/, '');
        texts.set(name, statementText(await readFile(file, 'utf8'), name));
      }
    }
    return new QueryFiles(dir, texts);
  }

  /** The statement of one file; a missing file is a bug (the names are fixed in code). */
  get(name: string): string {
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`no Cypher file ${name}.cypher under ${this.dir}`);
    return text;
  }

  /** Names under a folder, in code-unit order (migrations rely on it). */
  names(folder: string): string[] {
    return [...this.texts.keys()].filter((n) => n.startsWith(`${folder}/`)).sort(compareCodeUnits);
  }

  /** Fails fast when an expected statement file is missing. */
  require(names: readonly string[]): void {
    for (const name of names) this.get(name);
  }
}

/**
 * The statement of a .cypher file: comments are kept (Cypher allows them), one trailing semicolon
 * is dropped (Browser users paste files with it), and a second statement is refused.
 */
export function statementText(file: string, name = 'query'): string {
  const text = file.trim().replace(/;\s*$/, '').trimEnd();
  if (codeOf(text).trim() === '') throw new Error(`${name}.cypher holds no statement`);
  if (codeOf(text).includes(';')) throw new Error(`${name}.cypher holds more than one statement (one per file)`);
  return text;
}

/** The text with comments and string literals blanked out, to look for statement separators. */
function codeOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

async function cypherFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await cypherFiles(path)));
    else if (e.isFile() && e.name.endsWith('.cypher')) files.push(path);
  }
  return files;
}

/** `queries/` next to the nearest package.json (works from src/ under tsx and from dist/src/). */
export function defaultQueriesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'queries'))) return join(dir, 'queries');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the queries/ folder next to package.json');
    dir = parent;
  }
}
