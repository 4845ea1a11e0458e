import { EngineUnavailableError } from '../../errors.js';
import type { Components } from '../../graph/components.js';
import { forEachPartRow } from './read-parts.js';

/**
 * The components the Spark job wrote (account key, the smallest account key of its component),
 * numbered as the local engine numbers them: densely, in the order of each component's first
 * account. Everything downstream then sees the same `Components`, byte for byte.
 */
export async function readComponents(dir: string, accountCount: number): Promise<Components> {
  const label = new Float64Array(accountCount).fill(-1);
  let rows = 0;
  await forEachPartRow(dir, ['account', 'component'], ([account, component]) => {
    const a = Number(account as bigint);
    if (a < 0 || a >= accountCount) throw new EngineUnavailableError(`the Spark job named account ${a}, outside the snapshot's ${accountCount}`);
    label[a] = Number(component as bigint);
    rows++;
  });
  if (rows !== accountCount) throw new EngineUnavailableError(`the Spark job gave a component to ${rows} accounts of ${accountCount}`);

  const componentOf = new Int32Array(accountCount);
  const dense = new Map<number, number>();
  const sizes: number[] = [];
  for (let a = 0; a < accountCount; a++) {
    let c = dense.get(label[a]!);
    if (c === undefined) {
      dense.set(label[a]!, (c = sizes.length));
      sizes.push(0);
    }
    componentOf[a] = c;
    sizes[c]!++;
  }
  const count = sizes.length;
  const offsets = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) offsets[c + 1] = offsets[c]! + sizes[c]!;
  const fill = offsets.slice(0, count);
  const members = new Int32Array(accountCount);
  for (let a = 0; a < accountCount; a++) members[fill[componentOf[a]!]!++] = a;
  return { componentOf, offsets, members, count };
}
