import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { launchChromium, outputDir } from '../support/chromium.js';
import { readCsv } from '../support/snapshot-files.js';
import { suiteDir } from '../support/temp-dir.js';

/** report.html in a real browser (Debian's chromium through puppeteer-core). */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('report.html in chromium', () => {
  it('opens with no console errors, its plots drawn as SVG and the top cluster pictured', async () => {
    const state = await suiteDir('fraud-rings-report-browser-');
    const sample = join(import.meta.dirname, '..', '..', 'data-samples', 'sample');
    const log = createLogger({ silent: true });
    const run = await nightly({ input: sample, stateDir: state, config: parseConfig({}), runId: 'night-1', log });
    const top = (await readCsv(join(run.runPath, 'clusters.csv')))[0]!;
    const members = (await readCsv(join(run.runPath, 'members.csv'))).filter((m) => m.cluster_id === top.cluster_id).map((m) => m.account_id!);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => !r.url().startsWith('file:') && problems.push(`network request: ${r.url()}`));
    await page.setViewport({ width: 1200, height: 900 });
    const started = Date.now();
    await page.goto(`file://${join(run.runPath, 'report.html')}`, { waitUntil: 'load' });
    const loadMs = Date.now() - started;

    const plots = await page.$$eval('#shape figure.plot svg', (svgs) => svgs.map((s) => s.querySelectorAll('.mark-rect path').length));
    expect(plots).toHaveLength(2);
    for (const bars of plots) expect(bars).toBeGreaterThan(0);
    expect(await page.$$eval('#trend svg .mark-line path', (p) => p.length)).toBeGreaterThan(0);

    const picture = await page.$(`article[data-cluster-id="${top.cluster_id}"] figure.picture svg`);
    expect(picture, 'the top cluster picture').not.toBeNull();
    const labels = await picture!.$$eval('text', (t) => t.map((x) => x.textContent));
    for (const id of members) expect(labels).toContain(id);
    const box = await picture!.boundingBox();
    expect(box!.width).toBeGreaterThan(200);

    expect(problems).toEqual([]);
    const out = await outputDir('report');
    await page.screenshot({ path: join(out, 'report-top.png') });
    await page.$eval('#shape', (e) => e.scrollIntoView());
    await page.screenshot({ path: join(out, 'report.png') });
    await (await page.$(`article[data-cluster-id="${top.cluster_id}"]`))!.screenshot({ path: join(out, 'top-cluster.png') });
    expect(loadMs).toBeLessThan(5000);
    await page.close();
  });
});
