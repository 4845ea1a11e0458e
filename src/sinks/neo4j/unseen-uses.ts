import type { RunOutput } from '../sink.js';
import { identifierKey } from './graph-rows.js';
import type { Selection } from './scope.js';

/** An account the night wrote, every identifier it uses in tonight's snapshot, and its rowHash. */
export type AccountIdentifiersRow = [accountId: string, keys: string[], hash: string];

/**
 * For queries/sink/drop-unseen-uses: each account the night wrote (`written`: account id → the
 * rowHash it was written with), with the keys of all the identifiers tonight's snapshot links it
 * to (whether or not the scope writes those identifiers), so that a USES link the snapshot no
 * longer has is removed and one it still has is never touched.
 */
export function* accountIdentifierRows(output: Pick<RunOutput, 'snapshot' | 'graph'>, selection: Selection, written: ReadonlyMap<string, string>): Generator<AccountIdentifiersRow> {
  const { graph } = output;
  const ids = output.snapshot.accounts.ids;
  const { kinds, kindOf, values } = output.snapshot.identifiers;
  for (let a = 0; a < graph.accountCount; a++) {
    if (!selection.accounts[a]) continue;
    const hash = written.get(ids[a]!);
    if (hash === undefined) continue;
    const keys: string[] = [];
    for (let k = graph.accountOffsets[a]!; k < graph.accountOffsets[a + 1]!; k++) {
      const i = graph.accountIdentifiers[k]!;
      keys.push(identifierKey(kinds[kindOf[i]!]!, values.at(i)));
    }
    yield [ids[a]!, keys, hash];
  }
}
