/**
 * node dist/bench/naive-pass.js <snapshot folder>
 *
 * The bar the nightly load is held to (issue 31): what a first script over the same CSV files
 * would do. It reads accounts.csv and identifiers.csv line by line (readline), splits each line
 * into fields (quote-aware only where a line holds a quote), maps account ids and kind + value
 * (trimmed, lowercased) to numbers in Maps, and unions the accounts that share an identifier
 * (union-find with path halving). It validates nothing, parses no timestamp, normalises nothing
 * beyond case, and writes nothing: a pass the real load can only be slower than by the work it
 * adds. Prints one JSON line: rows, accounts, identifiers, components and milliseconds.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: naive-pass <snapshot folder>');
  process.exit(2);
}
const started = performance.now();

/** The fields of one CSV line; RFC 4180 quotes only when the line has a quote at all. */
function fields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

async function* rows(path: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line !== '') yield fields(line);
  }
}

const accounts = new Map<string, number>();
for await (const row of rows(join(dir, 'accounts.csv'))) if (!accounts.has(row[0]!)) accounts.set(row[0]!, accounts.size);

let parent = new Int32Array(accounts.size);
for (let i = 0; i < parent.length; i++) parent[i] = i;
const find = (x: number): number => {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
};

const owner = new Map<string, number>();
let identifierRows = 0;
for await (const row of rows(join(dir, 'identifiers.csv'))) {
  identifierRows++;
  const account = accounts.get(row[0]!);
  if (account === undefined) continue;
  const key = row[1]!.trim().toLowerCase() + '\u0000' + row[2]!.trim().toLowerCase();
  const first = owner.get(key);
  if (first === undefined) owner.set(key, account);
  else {
    const a = find(account);
    const b = find(first);
    if (a !== b) parent[a] = b;
  }
}
let components = 0;
for (let i = 0; i < parent.length; i++) if (find(i) === i) components++;
parent = new Int32Array(0);
console.log(JSON.stringify({ identifierRows, accounts: accounts.size, identifiers: owner.size, components, ms: Math.round(performance.now() - started) }));
