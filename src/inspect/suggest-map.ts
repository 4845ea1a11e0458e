import type { MappingFile } from '../snapshot/mapping/mapping-file.js';
import type { TableMapping } from '../snapshot/mapping/table-mapping.js';
import type { FileHead } from './file-head.js';
import { guessTable, mostLookLikeCards, type TableGuess } from './guess-table.js';

export interface SuggestedMap {
  /** null when every file is already in the contract's shape: nothing to map */
  mapping: MappingFile | null;
  /** what the suggestion assumed, for the user to check (one line each) */
  notes: string[];
}

/**
 * Stage: the files' heads → a mapping the user can edit (and that runs as it is when the guesses
 * hold). One accounts file is chosen: the one named for users or customers, else the one with
 * identifier or label columns; other id-only files (node files of devices or cards) stay out.
 */
export function suggestMap(heads: readonly FileHead[]): SuggestedMap {
  const guesses = heads.map((head) => ({ head, guess: guessTable(head.name, head.columns, head.rows) }));
  const notes: string[] = [];
  const mapped = guesses.filter((g): g is { head: FileHead; guess: Extract<TableGuess, { shape: 'mapped' }> } => g.guess.shape === 'mapped');
  const hasContract = (table: string) => guesses.some((g) => g.guess.shape === 'contract' && g.guess.table === table);
  const accounts = hasContract('accounts')
    ? null
    : mapped.filter((g) => g.guess.role === 'accounts').sort((a, b) => b.guess.score - a.guess.score)[0] ?? null;
  const tables: TableMapping[] = [];
  for (const g of mapped) {
    if (g.guess.role === 'accounts' && g !== accounts) {
      notes.push(`${g.head.name} left out: it has an id column but looks like no accounts file (${accounts ? `${accounts.head.name} was chosen` : 'a contract accounts file is there'})`);
      continue;
    }
    tables.push(g.guess.mapping);
    const m = g.guess.mapping;
    if (m.identifierColumns) notes.push(`${g.head.name}: identifier columns ${Object.entries(m.identifierColumns).map(([c, k]) => `${c} as ${k}`).join(', ')}`);
    if (m.labels) notes.push(`${g.head.name}: ${m.labels.column} = ${m.labels.fraud.join(' or ')} means fraud; other values are no label`);
    if (m.constants.kind) notes.push(`${g.head.name}: ${m.columns.value} holds kind ${m.constants.kind}`);
    if (m.constants.status) notes.push(`${g.head.name}: no status column; every transaction is ${m.constants.status}`);
    for (const [column, format] of Object.entries(m.dateFormats)) notes.push(`${g.head.name}: ${column} read as ${format}`);
  }
  for (const g of guesses) if (g.guess.shape === 'unknown') notes.push(`${g.head.name} left out: it looks like no table`);
  if (tables.length === 0) return { mapping: null, notes: [...notes, 'every file is in the contract\'s own shape: no mapping is needed'] };
  const ids = accounts ? accounts.head.rows.map((r) => r[accounts.guess.mapping.columns.account_id!] ?? '') : [];
  const keys = mostLookLikeCards(ids);
  if (keys) notes.push(`most account ids in ${accounts!.head.name} look like card numbers: accountIdsAreKeys keeps them as your keys (README, "Your ids stay yours")`);
  return { mapping: { ...(keys ? { accountIdsAreKeys: true } : {}), tables: tables.map(tidy) }, notes };
}

/** The mapping without the empty parts the schema fills in, so the printed file reads short. */
function tidy(m: TableMapping): TableMapping {
  const out: Record<string, unknown> = { file: m.file, table: m.table };
  if (Object.keys(m.columns).length > 0) out.columns = m.columns;
  if (Object.keys(m.constants).length > 0) out.constants = m.constants;
  if (m.identifierColumns) out.identifierColumns = m.identifierColumns;
  if (m.labels) out.labels = m.labels.legit.length > 0 ? m.labels : { column: m.labels.column, fraud: m.labels.fraud };
  if (Object.keys(m.dateFormats).length > 0) out.dateFormats = m.dateFormats;
  return out as TableMapping;
}
