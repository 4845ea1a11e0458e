import { InputError } from '../errors.js';
import { readCsvRows } from '../io/read-csv-rows.js';

/** The planted answer: which ring every account belongs to (-1: none). */
export interface Truth {
  /** account id → dense account index */
  index: Map<string, number>;
  /** ring index per account, -1 for honest accounts */
  ringOf: Int32Array;
  /** ring id per ring index */
  ringIds: string[];
  ringSizes: number[];
}

/** Reads truth.csv (`account_id,ring_id`, every account once, ring_id empty for honest accounts). */
export async function readTruth(path: string): Promise<Truth> {
  const index = new Map<string, number>();
  const rings = new Map<string, number>();
  const ringIds: string[] = [];
  const ringSizes: number[] = [];
  const ringOf: number[] = [];
  await readCsvRows(path, ['account_id', 'ring_id'], ([account, ring], line) => {
    const id = account!.trim();
    if (id === '') throw new InputError(`${path} line ${line}: account_id is empty`);
    if (index.has(id)) throw new InputError(`${path} line ${line}: account ${id} appears twice`);
    index.set(id, ringOf.length);
    const ringId = ring!.trim();
    if (ringId === '') {
      ringOf.push(-1);
      return;
    }
    let r = rings.get(ringId);
    if (r === undefined) {
      r = ringIds.length;
      rings.set(ringId, r);
      ringIds.push(ringId);
      ringSizes.push(0);
    }
    ringSizes[r]! += 1;
    ringOf.push(r);
  });
  return { index, ringOf: Int32Array.from(ringOf), ringIds, ringSizes };
}
