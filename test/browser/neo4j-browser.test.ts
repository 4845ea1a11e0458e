import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer, settings, wipe } from '../support/neo4j-test-server.js';
import type { ReportCluster } from '../../src/report/run-files.js';
import { launchChromium, outputDir } from '../support/chromium.js';
import { runCli } from '../support/run-cli.js';
import { readCsv } from '../support/snapshot-files.js';
import { suiteDir } from '../support/temp-dir.js';
import { readFile } from 'node:fs/promises';

/**
 * Neo4j Browser, as served by the local server (`npm run neo4j:start`), in a real chromium: it
 * connects, applies the project's style and opens the guide, and the guide's one-cluster query
 * draws the cluster.
 */
const httpPort = Number(process.env.NEO4J_HTTP_PORT || 7474);
const boltAddress = settings.uri.replace(/^neo4j:/, 'bolt:');

let driver: Driver;
let browser: Browser;
beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await driver?.close();
});

async function fill(page: Page, testId: string, value: string): Promise<void> {
  const selector = `[data-testid="${testId}"]`;
  // Browser re-renders its connect form while it starts, so a field found once can be detached or
  // reset a moment later: focus it by selector (no click point needed), replace its text, read it
  // back, and try again until the value holds
  let failure: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await page.waitForSelector(selector, { visible: true, timeout: 30_000 });
      await page.focus(selector);
      await page.$eval(selector, (e) => (e as HTMLInputElement).select());
      await page.keyboard.press('Backspace');
      await page.keyboard.type(value);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await fieldValue(page, testId);
      if (holds(now, value)) return;
      failure = new Error(`${testId} holds ${JSON.stringify(now)}, not ${JSON.stringify(value)}`);
    } catch (error) {
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw failure;
}

/** The bolt address field moves a typed scheme into the scheme menu beside it and keeps the rest. */
function holds(field: string | undefined, value: string): boolean {
  return field === value || (field !== undefined && field.length > 0 && value.endsWith(`://${field}`));
}

async function fieldValue(page: Page, testId: string): Promise<string | undefined> {
  return page.$eval(`[data-testid="${testId}"]`, (e) => (e as HTMLInputElement).value).catch(() => undefined);
}

/** Whether the page's visible text holds the text. */
async function shows(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => document.body.innerText.includes(t), text);
}

async function runEditor(page: Page): Promise<void> {
  await page.click('[data-testid="activeEditor"]');
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
}

describe('Neo4j Browser with the guide', () => {
  it('connects, opens the guide, and its one-cluster query draws the cluster with its shared identifiers', async () => {
    const state = await suiteDir('fraud-rings-browser-');
    const sample = join(import.meta.dirname, '..', '..', 'data-samples', 'sample');
    const night = await runCli(['nightly', '--input', sample, '--out', state, '--run-id', 'b1', '--sink', 'neo4j']);
    expect(night.code, night.stderr).toBe(0);
    const top = JSON.parse((await readFile(join(state, 'runs', 'b1', 'clusters.ndjson'), 'utf8')).split('\n')[0]!) as ReportCluster;
    const members = (await readCsv(join(state, 'runs', 'b1', 'members.csv'))).filter((m) => m.cluster_id === top.cluster_id).map((m) => m.account_id!);
    // what cluster.cypher draws: the members and every identifier two or more of them use, hubs included
    const identifiers = [...top.shared_identifiers, ...top.hubs.filter((h) => h.member_ids.length >= 2)].map((i) => i.value);

    const served = await fetch(`http://127.0.0.1:${httpPort}/fraud-rings/guide.html`).catch((e: Error) => e);
    expect(served instanceof Response && served.status, `the local server serves the guide on NEO4J_HTTP_PORT ${httpPort} (restart it with npm run neo4j:start)`).toBe(200);

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`http://127.0.0.1:${httpPort}/browser/`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="boltaddress"]', { timeout: 30_000 });
    // a late re-render can reset a field filled before it: fill the form until all three hold
    const form: [string, string][] = [['boltaddress', boltAddress], ['username', settings.user], ['password', settings.password]];
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const [testId, value] of form) await fill(page, testId, value);
      const held = await Promise.all(form.map(([testId]) => fieldValue(page, testId)));
      if (held.every((v, i) => holds(v, form[i]![1]))) break;
    }
    await page.focus('[data-testid="password"]');
    await page.keyboard.press('Enter');

    // on connect, Browser applies queries/browser/style.grass and opens the guide
    await page.waitForFunction(() => document.body.innerText.includes("fraud-rings: the night's rings"), { timeout: 30_000 });
    await page.waitForFunction(() => document.body.innerText.includes('node.Account'), { timeout: 10_000 });
    // the cluster slide is two on; a click the carousel was not ready for is lost, so step
    // one slide at a time, looking for the slide after each step
    const slide = 'One cluster as a picture';
    for (let step = 0; step < 6 && !(await shows(page, slide)); step++) {
      await page.click('[data-testid="guideNextSlide"]');
      await page.waitForFunction((text) => document.body.innerText.includes(text), { timeout: 2_000 }, slide).catch(() => undefined);
    }
    await page.waitForFunction((text) => document.body.innerText.includes(text), { timeout: 10_000 }, slide);

    // typed as one insertion, so the editor's auto-closing quotes stay out of it
    await page.click('[data-testid="activeEditor"]');
    await page.keyboard.sendCharacter(`:param clusterId => '${top.cluster_id}'`);
    await runEditor(page);
    await page.waitForFunction((id) => document.body.innerText.includes(`"clusterId": "${id}"`), { timeout: 10_000 }, top.cluster_id);

    const query = (await page.$$('pre.runnable')).at(-1)!; // the slide's query, after its :param block
    expect(await query.evaluate((e) => e.textContent)).toMatch(/^MATCH \(c:FraudCluster:Current \{clusterId: \$clusterId\}\)/);
    await query.click();
    await runEditor(page);
    await page.waitForFunction((n) => document.querySelectorAll('svg g.node').length >= n, { timeout: 20_000 }, 1 + members.length + identifiers.length);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let the layout settle for the screenshot

    const captions = await page.$$eval('svg g.node', (nodes) => nodes.map((n) => (n.textContent ?? '').trim().replace(/…$/, '')));
    expect(captions).toHaveLength(1 + members.length + identifiers.length);
    // captions are cut to fit the circles: each must start one expected name, and each name be drawn
    const expected = [top.cluster_id, ...members, ...identifiers];
    const unmatched = [...expected];
    for (const caption of captions) {
      const at = unmatched.findIndex((name) => caption.length > 0 && name.startsWith(caption));
      expect(at, `caption ${caption} names no account or identifier of ${top.cluster_id}`).toBeGreaterThanOrEqual(0);
      unmatched.splice(at, 1);
    }
    expect(unmatched).toEqual([]);
    const overview = await page.evaluate(() => document.body.innerText);
    expect(overview).toContain(`Account (${members.length})`);
    expect(overview).toContain(`Identifier (${identifiers.length})`);

    // the guide beside the cluster it drew
    await page.screenshot({ path: join(await outputDir('neo4j-browser'), 'cluster.png') });
    await page.close();
  });
});
