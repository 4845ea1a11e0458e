import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/review/decision.js';
import { appendDecisions } from '../../src/review/decision-log.js';
import { messages, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { cluster, evidence, stateWith } from '../support/review-state.js';

const RUN = '20261125T013000Z';
const ROOT = join(import.meta.dirname, '..', '..');
const HEADER = 'account_id,cluster_id,reasons,reviewer,decided_at,note,evidence_version';

/** Decisions from earlier days, written to the log as `review decide` writes them. */
function earlier(accountId: string, kind: Decision['decision'], at: string, note = ''): Decision {
  const e = evidence(accountId, 'C0');
  return { accountId, decision: kind, by: 'carol', at, note, clusterId: 'C0', runId: '20201101T013000Z', evidenceVersion: e.evidenceVersion, material: e.material, reasons: ['SHARED_DEVICES'], source: 'cli' };
}

/** A1–A3 approved today through the CLI, older approvals and rejections in the log, one approval changed to a rejection. */
async function state(): Promise<string> {
  const out = await stateWith([...cluster('C1', 'A', 3), evidence('B1', 'C2')], RUN);
  await appendDecisions(out, [
    earlier('Z2', 'approve', '2020-11-10T12:00:00.000Z', 'same card as a known ring'),
    earlier('Z1', 'approve', '2020-11-10T12:00:00.000Z'),
    earlier('Z0', 'approve', '2020-11-01T08:00:00.000Z'),
    earlier('Z3', 'reject', '2020-11-11T08:00:00.000Z'),
    earlier('Z4', 'approve', '2020-11-12T08:00:00.000Z'),
    earlier('Z4', 'reject', '2020-11-13T08:00:00.000Z'),
  ]);
  expect((await runCli(['review', 'decide', '--out', out, '--cluster', 'C1', '--decision', 'approve', '--by', 'alice', '--note', 'ring, "burst"'])).code).toBe(0);
  expect((await runCli(['review', 'decide', '--out', out, '--account', 'B1', '--decision', 'reject', '--by', 'alice'])).code).toBe(0);
  return out;
}

describe('fraud-rings blacklist export', () => {
  it('exports approved accounts as csv, ndjson and arrow, by decision time then account, with --since', async () => {
    const out = await state();

    const csv = await runCli(['blacklist', 'export', '--out', out]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Z0', 'Z1', 'Z2', 'A1', 'A2', 'A3']);
    expect(lines[3]).toBe('Z2,C0,SHARED_DEVICES,carol,2020-11-10T12:00:00.000Z,same card as a known ring,v-Z2-2-0');
    expect(lines[4]).toMatch(/^A1,C1,SHARED_DEVICES;CREATED_IN_BURST;CHARGEBACKS,alice,20\S+Z,"ring, ""burst""",v-A1-2-0$/);

    const ndjson = await runCli(['blacklist', 'export', '--out', out, '--format', 'ndjson', '--since', '2020-11-10T12:00:00Z']);
    expect(ndjson.code).toBe(0);
    const objects = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects.map((o: { account_id: string }) => o.account_id)).toEqual(['Z1', 'Z2', 'A1', 'A2', 'A3']);
    expect(objects[0]).toEqual({ account_id: 'Z1', cluster_id: 'C0', reasons: 'SHARED_DEVICES', reviewer: 'carol', decided_at: '2020-11-10T12:00:00.000Z', note: '', evidence_version: 'v-Z1-2-0' });

    const file = join(await tempDir(), 'blacklist.arrow');
    const arrow = await runCli(['blacklist', 'export', '--out', out, '--format', 'arrow', '--since', '2020-11-02', '--output', file]);
    expect(arrow.code).toBe(0);
    expect(arrow.stdout).toBe('');
    const table = tableFromIPC(await readFile(file));
    expect(table.schema.fields.map((f) => f.name)).toEqual(HEADER.split(','));
    expect(table.getChild('account_id')!.toArray()).toEqual(['Z1', 'Z2', 'A1', 'A2', 'A3']);
    expect(table.get(1)!.toJSON()).toMatchObject({ account_id: 'Z2', reviewer: 'carol', note: 'same card as a known ring' });
    expect(await readdir(join(file, '..'))).toEqual(['blacklist.arrow']); // no temp file left behind

    // Arrow piped to stdout is fine (only a terminal is refused)
    const piped = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'blacklist', 'export', '--out', out, '--format', 'arrow', '--since', '2020-11-12'], { cwd: ROOT });
    expect(piped.status).toBe(0);
    const pipedTable = tableFromIPC(piped.stdout);
    expect(pipedTable.getChild('account_id')!.toArray()).toEqual(['A1', 'A2', 'A3']);

    const since = await runCli(['blacklist', 'export', '--out', out, '--since', '2020-11-10T13:00']);
    expect(since.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(['A1', 'A2', 'A3']);
  });

  it('refuses an invalid --since', async () => {
    const out = await state();
    const bad = await runCli(['blacklist', 'export', '--out', out, '--since', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(messages(bad.stderr)).toEqual(['fraud-rings: --since "2026-02-30" is not an ISO date or date-time (like 2026-11-25 or 2026-11-25T08:00:00Z)']);
    expect((await runCli(['blacklist', 'export', '--out', out, '--since', 'last week'])).code).toBe(2);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('refuses to write Arrow to a terminal', async () => {
    const out = await state();
    // `script` gives the command a pseudo-terminal as stdout
    const command = `${process.execPath} --import tsx src/cli/main.ts blacklist export --out ${out} --format arrow`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('fraud-rings: Arrow is binary and stdout is a terminal: use --output <file> (or pipe it)');
  });

  it('an empty log exports just the header', async () => {
    const out = await tempDir();
    const csv = await runCli(['blacklist', 'export', '--out', out]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`${HEADER}\n`);
  });
});
