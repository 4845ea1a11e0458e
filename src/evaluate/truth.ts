import { InputError } from '../errors.js';
import { readCsvRows } from '../io/read-csv-rows.js';

/** The planted answer: which ring every account belongs to (-1: none), and who is fraud. */
export interface Truth {
  /** account id → dense account index */
  index: Map<string, number>;
  /** ring index per account, -1 for accounts in no ring (honest, or a fraudster alone) */
  ringOf: Int32Array;
  /** ring id per ring index */
  ringIds: string[];
  ringSizes: number[];
  /** 1 per fraud account: every ring member, and fraudsters working alone */
  fraud: Uint8Array;
  /** accounts with fraud 1 */
  fraudAccounts: number;
}

/**
 * Reads truth.csv: `account_id,ring_id[,fraud]`, every account once, ring_id empty for accounts
 * in no ring, fraud `1` or `0`. Without the fraud column (or with it empty) an account is fraud
 * exactly when it is in a ring; a fraudster alone has fraud 1 and no ring_id, so it counts for
 * the candidates and not for the rings' pairs.
 */
export async function readTruth(path: string): Promise<Truth> {
  const index = new Map<string, number>();
  const rings = new Map<string, number>();
  const ringIds: string[] = [];
  const ringSizes: number[] = [];
  const ringOf: number[] = [];
  const fraud: number[] = [];
  await readCsvRows(
    path,
    ['account_id', 'ring_id'],
    ([account, ring, isFraud], line) => {
      const id = account!.trim();
      if (id === '') throw new InputError(`${path} line ${line}: account_id is empty`);
      if (index.has(id)) throw new InputError(`${path} line ${line}: account ${id} appears twice`);
      index.set(id, ringOf.length);
      const ringId = ring!.trim();
      const flag = isFraud!.trim();
      if (flag !== '' && flag !== '0' && flag !== '1') throw new InputError(`${path} line ${line}: fraud must be 0 or 1, got ${JSON.stringify(flag)}`);
      if (flag === '0' && ringId !== '') throw new InputError(`${path} line ${line}: account ${id} is in ring ${ringId} but has fraud 0`);
      fraud.push(flag === '1' || ringId !== '' ? 1 : 0);
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
    },
    { optional: ['fraud'] },
  );
  const flags = Uint8Array.from(fraud);
  return { index, ringOf: Int32Array.from(ringOf), ringIds, ringSizes, fraud: flags, fraudAccounts: fraud.reduce((a, b) => a + b, 0) };
}
