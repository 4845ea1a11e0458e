import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nightly } from '../../../pipelines/nightly.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/log.js';
import { customerWorld, graphWorld, writeCustomerExport, writeCustomerLongForm, writeGraphExport, writeGraphLongForm } from '../../support/export-fixtures.js';
import { tempDir } from '../../support/temp-dir.js';

const log = createLogger({ silent: true });
const examples = fileURLToPath(new URL('../../../examples/mappings/', import.meta.url));

/** Every file of a run folder but the two that record timings and the input's own files. */
async function runFolder(path: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(path)).sort()) {
    if (name === 'manifest.json' || name === 'report.html') continue;
    files[name] = await readFile(join(path, name), 'utf8');
  }
  return files;
}

async function run(input: string, map?: string, config?: string) {
  const state = await tempDir();
  const result = await nightly({ input, stateDir: state, config: await loadConfig(config, map), runId: 'night-1', log, allowDevelopmentPanKey: true });
  return { files: await runFolder(result.runPath), manifest: result.manifest };
}

const shapes = [
  { name: 'customers', world: () => customerWorld(), writeExport: writeCustomerExport, writeLong: writeCustomerLongForm },
  { name: 'graph-export', world: () => graphWorld(), writeExport: writeGraphExport, writeLong: writeGraphLongForm },
] as const;

describe('mapped exports', () => {
  for (const shape of shapes) {
    it(`${shape.name}: the committed export is what its seeded world writes`, async () => {
      const dir = await tempDir();
      await (shape.writeExport as (d: string, w: unknown) => Promise<void>)(dir, shape.world());
      const committed = join(examples, shape.name, 'export');
      const names = (await readdir(committed)).sort();
      expect((await readdir(dir)).sort()).toEqual(names);
      for (const name of names) expect(Buffer.compare(await readFile(join(dir, name)), await readFile(join(committed, name)))).toBe(0);
    });

    it(`${shape.name}: a run with only the mapping gives the run folder of the same data in the long form, ids as in the files`, async () => {
      const map = join(examples, shape.name, 'mapping.json');
      const long = await tempDir();
      await (shape.writeLong as (d: string, w: unknown) => Promise<void>)(long, shape.world());
      const keysConfig = join(await tempDir(), 'config.json');
      await writeFile(keysConfig, JSON.stringify({ input: { accountIdsAreKeys: true } }));

      const mapped = await run(join(examples, shape.name, 'export'), map);
      const reference = await run(long, undefined, keysConfig);

      expect(mapped.files).toEqual(reference.files);
      expect(mapped.manifest.counts).toEqual(reference.manifest.counts);
      expect(mapped.manifest.counts.rejectedRows).toBe(0);
      expect(mapped.manifest.counts.candidates).toBeGreaterThan(0);
      // the ids the team works with, not tokens: every candidate is an account of the export
      const ids = new Set(shape.name === 'customers' ? customerWorld().map((c) => c.id) : graphWorld().users.map((u) => u.id));
      const candidates = mapped.files['candidates.csv']!.trim().split('\n').slice(1).map((line) => line.split(',')[0]!);
      expect(candidates.every((id) => ids.has(id))).toBe(true);
      expect(mapped.manifest.counts.cardLikeAccountIds).toBe(ids.size);
      expect(mapped.manifest.counts.tokenisedAccountIds).toBe(0);
      // card numbers in any other column are still tokens
      if (shape.name === 'graph-export') {
        const written = Object.values(mapped.files).join('\n');
        expect(written).toMatch(/pan:[0-9a-f]{32}/);
        expect(graphWorld().hasCc.some((r) => written.includes(r.to_card_id))).toBe(false);
      }
    });
  }
});
