import type { TrainingSet } from './training-set.js';

/**
 * The training rows with duplicates merged: rows with the same fold, label, grouping and term values become
 * one row whose weight is their sum. The penalised likelihood, its gradient and its Hessian are
 * unchanged, and a fit costs rows × terms² per step, so this is what keeps the nightly fit cheap:
 * most accounts are described by a handful of rules that fire or not (200k rows at 1M accounts
 * merge into a few thousand). Values compare as numbers (0 and -0 are the same value); the
 * first row of each set of duplicates stands for them, and weights add up in row order.
 */
export function uniqueRows(data: TrainingSet): TrainingSet {
  const d = data.rows === 0 ? 0 : data.x.length / data.rows;
  // open addressing on the rows' own numbers: hundreds of thousands of rows of a score's worth
  // of doubles each, where a string key per row would cost more than the fit it saves
  let size = 16;
  while (size < data.rows * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const first: number[] = [];
  const weights: number[] = [];
  for (let r = 0; r < data.rows; r++) {
    let slot = rowHash(data, d, r) & mask;
    for (;;) {
      const seen = slots[slot]!;
      if (seen === -1) {
        slots[slot] = first.length;
        first.push(r);
        weights.push(data.weight[r]!);
        break;
      }
      if (sameRow(data, d, first[seen]!, r)) {
        weights[seen]! += data.weight[r]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const rows = first.length;
  const x = new Float64Array(rows * d);
  first.forEach((r, u) => x.set(data.x.subarray(r * d, (r + 1) * d), u * d));
  return {
    x,
    y: Uint8Array.from(first, (r) => data.y[r]!),
    grouped: Uint8Array.from(first, (r) => data.grouped[r]!),
    weight: Float64Array.from(weights),
    fold: Uint8Array.from(first, (r) => data.fold[r]!),
    rows,
  };
}

function sameRow(data: TrainingSet, d: number, a: number, b: number): boolean {
  if (data.fold[a] !== data.fold[b] || data.y[a] !== data.y[b] || data.grouped[a] !== data.grouped[b]) return false;
  for (let i = 0; i < d; i++) {
    const u = data.x[a * d + i]!;
    const v = data.x[b * d + i]!;
    // NaN is one value here, as its spelling is one
    if (u !== v && !(u !== u && v !== v)) return false;
  }
  return true;
}

const bits = new Float64Array(1);
const halves = new Uint32Array(bits.buffer);

function rowHash(data: TrainingSet, d: number, r: number): number {
  let h = Math.imul(data.fold[r]! * 4 + data.y[r]! * 2 + data.grouped[r]!, 0x9e3779b1);
  for (let i = 0; i < d; i++) {
    const v = data.x[r * d + i]!;
    // equal numbers hash alike: -0 as 0, every NaN as one
    bits[0] = v === 0 ? 0 : v !== v ? Number.NaN : v;
    h = Math.imul(h ^ halves[0]!, 0x85ebca6b);
    h = Math.imul(h ^ halves[1]!, 0xc2b2ae35);
    h ^= h >>> 15;
  }
  h ^= h >>> 16;
  return h >>> 0;
}
