import { join, resolve } from 'node:path';
import { ARRAY_DELIMITER_OPTION } from './csv-file.js';

/**
 * What `neo4j-admin database import full` is to load, as the folder's `import.json` records it:
 * the node files by labels and the relationship files by type, named relative to the folder.
 * `tools/neo4j-local/import.mjs` reads it to run the import on the local server.
 */
export interface ImportPlan {
  database: string;
  arrayDelimiter: string;
  /** true when a field holds a line break (slower: the import then parses each file in one thread) */
  multilineFields: boolean;
  nodes: Array<{ labels: string[]; files: string[] }>;
  relationships: Array<{ type: string; files: string[] }>;
}

export const PLAN_FILE = 'import.json';

export function emptyPlan(database: string): ImportPlan {
  return { database, arrayDelimiter: ARRAY_DELIMITER_OPTION, multilineFields: false, nodes: [], relationships: [] };
}

/**
 * The command a server host runs with the database stopped (the files copied there, or the folder
 * shared). A full import refuses a database that exists: drop it first, or create the DBMS anew.
 */
export function adminCommand(plan: ImportPlan, folder: string): string {
  const files = (names: string[]): string => names.map((f) => shellWord(resolve(join(folder, f)))).join(',');
  return [
    'neo4j-admin database import full',
    shellWord(plan.database),
    `--array-delimiter=${plan.arrayDelimiter}`,
    ...(plan.multilineFields ? ['--multiline-fields=true'] : []),
    ...plan.nodes.map((n) => `--nodes=${n.labels.length > 0 ? `${n.labels.join(':')}=` : ''}${files(n.files)}`),
    ...plan.relationships.map((r) => `--relationships=${r.type}=${files(r.files)}`),
  ].join(' \\\n  ');
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
