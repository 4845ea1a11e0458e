import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { identifierIdKey } from '../../src/engine/spark/identifier-ids.js';
import { loadToParts } from '../../src/engine/spark/load-to-parts.js';
import type { PartsLoad } from '../../src/engine/spark/parts-load.js';
import { runSparkJob, runSparkMeasure, type SparkJobResult } from '../../src/engine/spark/run-spark-job.js';
import { buildSparkTool, type SparkTool } from '../../src/engine/spark/spark-tool.js';
import { writeValuePart, writeWalkAccounts } from '../../src/engine/spark/write-parts.js';
import { configuredNormaliser } from '../../src/normalise/configured-normaliser.js';
import { defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { suiteDir } from '../support/temp-dir.js';
import { cp, readdir } from 'node:fs/promises';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';

// The Spark job (local[2]) on the parts a streamed load wrote from the committed sample, in parts
// of 2,000 rows so values repeat across parts: the job takes them distinct and counts the
// collisions; then once more with one value added under an id another value already has.
const PAN_KEY = 'a card hashing key of some length';
const sample = join(import.meta.dirname, '../../data-samples/sample');
const run = configuredNormaliser({ placeholders: defaultPlaceholders, defaultCountryCode: '44', panHashKeyEnv: 'UNUSED' }, { key: PAN_KEY, fingerprint: 'f', development: true });

let work: string;
let tool: SparkTool;
let snapshot: Snapshot;
let streamed: PartsLoad;
let walkAccounts: string;

beforeAll(async () => {
  work = await suiteDir('fraud-rings-spark-stream-');
  const load = async (name: string) => new RejectsFile(join(work, `${name}-rejects.csv`));
  const wholeRejects = await load('whole');
  snapshot = await loadSnapshot(sample, { normalise: run.normalise, tokeniseCardNumbers: run.tokeniseCardNumbers, rejects: wholeRejects, maxRejectShare: 0.05 }).finally(() => wholeRejects.close());
  const streamRejects = await load('stream');
  streamed = await loadToParts(sample, { normalise: run.normalise, tokeniseCardNumbers: run.tokeniseCardNumbers, rejects: streamRejects, maxRejectShare: 0.05 }, identifierIdKey(PAN_KEY), join(work, 'parts'), 2000).finally(() =>
    streamRejects.close(),
  );
  tool = await buildSparkTool();
  const fold = Uint8Array.from(streamed.accounts.ids, (_, a) => a % 2);
  walkAccounts = await writeWalkAccounts(streamed.accounts.label, undefined, fold, join(work, 'parts', 'walk-accounts'));
  await runSparkMeasure(tool, { master: 'local[2]', conf: {} }, { links: streamed.parts.links, out: join(work, 'out'), scratch: join(work, 'scratch'), hubMinAccounts: 50, kinds: streamed.kinds.length });
}, 600_000);

function components(identifierValues: string): Promise<SparkJobResult> {
  const kinds = streamed.kinds.length;
  return runSparkJob(
    tool,
    { master: 'local[2]', conf: {} },
    {
      links: streamed.parts.links,
      accounts: streamed.parts.accounts,
      identifierValues,
      out: join(work, 'out'),
      checkpoint: join(work, 'checkpoints'),
      scratch: join(work, 'scratch'),
      kindWeights: new Array<number>(kinds).fill(0.5),
      hubMinAccounts: 50,
      linkMinWeight: 0.01,
      buckets: 4,
      walk: { transactions: streamed.parts.transactions, walkAccounts, kindEvidence: new Array<number>(kinds).fill(1), dilutes: new Array<boolean>(kinds).fill(false), restart: 0.3, iterations: 3, folds: 2 },
    },
  );
}

describe('the Spark job on streamed parts', () => {
  it('counts the distinct identifier values the local load interned, and no collision', async () => {
    const written = (await readdir(streamed.parts.identifierValues)).length;
    expect(written).toBeGreaterThan(1);
    const result = await components(streamed.parts.identifierValues);
    expect(result.identifierValues).toBe(snapshot.identifiers.values.length);
    expect(result.identifierCollisions).toBe(0);
    expect(result.identifiers).toBe(snapshot.identifiers.values.length);
  }, 600_000);

  it('counts a value written under an id another value has as a collision', async () => {
    const values = join(work, 'colliding-values');
    await cp(streamed.parts.identifierValues, values, { recursive: true });
    const [first] = await parquetReadObjects({ file: await asyncBufferFromFile(join(values, 'part-00000.parquet')), rowEnd: 1 });
    writeValuePart(join(values, 'part-99999.parquet'), BigInt64Array.of(first!.identifier as bigint), Int32Array.of(first!.kind as number), [`${String(first!.value)} but another`]);
    const result = await components(values);
    expect(result.identifierValues).toBe(snapshot.identifiers.values.length + 1);
    expect(result.identifierCollisions).toBe(1);
  }, 600_000);
});
