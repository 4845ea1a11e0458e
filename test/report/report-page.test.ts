import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nightly, type NightlyResult } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { reportPage } from '../../src/report/report-page.js';
import { readRunFiles, type ReportCluster } from '../../src/report/run-files.js';
import { suiteDir } from '../support/temp-dir.js';

const sample = join(import.meta.dirname, '..', '..', 'data-samples', 'sample');
const log = createLogger({ silent: true });

/** The part of the page between one element's opening tag and the next `</article>`. */
function article(page: string, clusterId: string): string {
  const start = page.indexOf(`data-cluster-id="${clusterId}"`);
  expect(start, `article of ${clusterId}`).toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</article>', start));
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('report.html', () => {
  let state: string;
  let result: NightlyResult;
  let page: string;
  let clusters: ReportCluster[];

  beforeAll(async () => {
    state = await suiteDir('fraud-rings-report-');
    await nightly({ input: sample, stateDir: state, config: parseConfig({}), runId: 'r1', log });
    result = await nightly({ input: sample, stateDir: state, config: parseConfig({}), runId: 'r2', log });
    page = await readFile(join(result.runPath, 'report.html'), 'utf8');
    clusters = (await readFile(join(result.runPath, 'clusters.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as ReportCluster);
  }, 120_000);

  it('is one self-contained page: no script, nothing fetched', () => {
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|<link |<img |@import|url\(/i);
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('shows the run: stages, rows per table, and the trend over both kept runs', () => {
    // every stage before the report's own
    for (const stage of result.manifest.stages.filter((s) => s.stage !== 'report')) expect(page).toContain(`<td>${stage.stage}</td>`);
    expect(page).toContain('<td>identifiers</td>');
    expect(page).toContain('No row was rejected.');
    expect(page).toMatch(/2 run\(s\) kept in the state folder/);
    expect(page).toContain('<td>r1</td>');
  });

  it('draws the plots as SVG with Vega', () => {
    // size, score, stage times, trend; and one picture per top cluster
    expect(count(page, '<svg')).toBe(4 + Math.min(10, clusters.length));
    expect(page).toContain('Cluster size');
    expect(page).toContain('Cluster score');
  });

  it('pictures each top cluster: its accounts, the identifiers they share, hubs greyed, known fraud marked', () => {
    const top = clusters[0]!;
    const block = article(page, top.cluster_id);
    expect(block).toContain(top.summary.replaceAll('&', '&amp;'));
    const fraud = top.known_fraud_members.length;
    expect(count(block, 'fill="#d62728"')).toBe(fraud);
    expect(count(block, 'fill="#4c78a8"')).toBe(top.features.size - fraud);
    expect(count(block, 'fill="#d0d0d0"')).toBe(Math.min(8, top.hubs.length));
    const members = new Set(top.shared_identifiers.flatMap((s) => s.member_ids));
    for (const id of members) expect(block).toContain(`>${id}</text>`);
    expect(top.shared_identifiers.length).toBeGreaterThan(0);
  });

  it('lists lineage: the second run on the same snapshot continues every cluster', () => {
    expect(page).toMatch(new RegExp(`<b>${clusters.length}</b>continued`));
  });

  it('shows manifest.detection, whatever its fields, as tables', async () => {
    const files = await readRunFiles(result.runPath, state, result.manifest);
    const detection = { kindWeights: [{ kind: 'device', weight: 1.25, honestShare: 0.0123 }], quality: { rocAuc: 0.93, prAuc: 0.71, labelsUsed: 120 } };
    const withDetection = await reportPage({ ...files, manifest: { ...result.manifest, detection } as unknown as typeof result.manifest });
    expect(withDetection).toMatch(/<th>kind<\/th><th>weight<\/th><th>honestShare<\/th>/);
    expect(withDetection).toContain('<td>device</td><td class="n">1.25</td><td class="n">0.0123</td>');
    expect(withDetection).toContain('<tr><th>rocAuc</th><td class="n">0.9300</td></tr>');
    expect(withDetection).toContain('<tr><th>labelsUsed</th><td class="n">120</td></tr>');
    // the real run's page shows its own detection section: the kinds as measured in the snapshot
    expect(page).toContain('<h3>Detection</h3>');
    expect(page).toMatch(/<th>kind<\/th><th>class<\/th><th>accounts<\/th>/);
  });

  it('escapes what the data says', async () => {
    const files = await readRunFiles(result.runPath, state, result.manifest);
    expect(files.clusters.length).toBe(clusters.length);
    const evil = { ...files.clusters[0]!, summary: '<script>alert(1)</script> & more' };
    const escaped = await reportPage({ ...files, clusters: [evil, ...files.clusters.slice(1)] });
    expect(escaped).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(escaped).not.toContain('<script>');
  });
});
