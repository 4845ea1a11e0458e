import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const accounts = 'account_id,created_at\nA1,2024-01-01\nA2,2024-01-02\nA3,2024-01-03\n';
const identifiers = 'account_id,kind,value\nA1,device,d1\nA2,device,d1\nA3,device,d1\nA1,payment_instrument,c\nA2,payment_instrument,c\n';

describe('fraud-rings nightly (command line)', () => {
  it('writes the run folder, points latest at it and prints a summary', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const out = await tempDir();
    const result = await runCli(['nightly', '--input', input, '--out', out, '--run-id', 'r1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run r1 succeeded/);
    expect(result.stdout).toMatch(/1 suspected rings with 3 accounts/);
    // the kinds as measured in this snapshot, and where the weights came from
    expect(result.stdout).toMatch(/kinds \(weight, share of accounts sharing\): device 0\.\d\d \(100\.0 %\), payment_instrument 0\.\d\d \(100\.0 %\)/);
    expect(result.stdout).toMatch(/model: prior weights \(0 fraud labels, fewer than 30: prior weights\); no data for [A-Z_, ]*CHARGEBACKS/);
    expect((await readdir(join(out, 'latest'))).sort()).toEqual(['candidates.csv', 'clusters.csv', 'clusters.ndjson', 'hubs.csv', 'evidence.ndjson', 'lineage.csv', 'manifest.json', 'members.csv', 'rejects.csv', 'report.html'].sort());
    const manifest = JSON.parse(await readFile(join(out, 'latest', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ runId: 'r1', status: 'succeeded', counts: { accounts: 3, clusters: 1, members: 3 } });
    // JSON-lines logs on stderr when it is not a terminal
    const logLines = result.stderr.split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.map((line) => JSON.parse(line) as { msg?: string });
    expect(logs.map((l) => l.msg)).toContain('nightly run succeeded');
  });

  it('refuses a Neo4j sink with the Spark engine before any work (exit 2, one line)', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const out = await tempDir();
    for (const sink of ['neo4j', 'neo4j-import']) {
      const result = await runCli(['nightly', '--input', input, '--out', out, '--engine', 'spark', '--sink', sink, ...(sink === 'neo4j-import' ? ['--import-dir', join(out, 'import')] : [])]);
      expect(result.code).toBe(2);
      expect(messages(result.stderr)).toEqual([`fraud-rings: --engine spark writes the run folder only; --sink ${sink} needs --engine local`]);
      await expect(readdir(join(out, 'runs'))).rejects.toThrow();
    }
  });

  it('says how many candidates the review budget left out', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    // a low precision target, so that capacity alone decides
    const settings = await folderWith({ 'config.json': JSON.stringify({ review: { maxCandidates: 1, targetPrecision: 0.05 } }) });
    const out = await tempDir();
    const result = await runCli(['nightly', '--input', input, '--out', out, '--config', join(settings, 'config.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 blacklist candidates \(3 found; 2 beyond the budget of 1 not queued\)/);
    const manifest = JSON.parse(await readFile(join(out, 'latest', 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ candidates: 1, candidatesFound: 3, candidatesOverBudget: 2, candidateBudget: 1 });
  });

  it('exits 3 with one line and no stack trace on a broken file, and keeps latest where it was', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': 'account_id,kind,value\nA1,device,"open\n' });
    const out = await tempDir();
    const result = await runCli(['nightly', '--input', input, '--out', out, '--run-id', 'bad']);
    expect(result.code).toBe(3);
    expect(messages(result.stderr)).toEqual([expect.stringMatching(/^fraud-rings: .*identifiers\.csv is broken: the quoted field opened on line 2 is never closed$/)]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(join(out, 'latest'))).rejects.toThrow();
    const manifest = JSON.parse(await readFile(join(out, 'runs', 'bad', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'failed', error: { exitCode: 3 } });
  });

  it('exits 3 when too many rows are rejected, after writing rejects.csv', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': 'account_id,kind,value\nZ1,device,d\nA1,device,d\n' });
    const out = await tempDir();
    const result = await runCli(['nightly', '--input', input, '--out', out, '--run-id', 'r']);
    expect(result.code).toBe(3);
    expect(messages(result.stderr)[0]).toMatch(/too many rejected rows: identifiers 1\/2/);
    const rejects = await readFile(join(out, 'runs', 'r', 'rejects.csv'), 'utf8');
    expect(rejects).toBe('table,line,reason,raw\nidentifiers,2,"account_id ""Z1"" is not in accounts","Z1,device,d"\n');
  });

  it('exits 2 on a usage error and on a bad config, with a one-line reason', async () => {
    const missing = await runCli(['nightly', '--out', '/tmp/x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--input <dir>' not specified/);

    const config = await folderWith({ 'config.json': JSON.stringify({ scoring: { clusterThreshold: 'high' } }) });
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const bad = await runCli(['nightly', '--input', input, '--out', await tempDir(), '--config', join(config, 'config.json')]);
    expect(bad.code).toBe(2);
    expect(messages(bad.stderr)).toEqual([expect.stringMatching(/config\.json: scoring\.clusterThreshold: Invalid input: expected number, received string$/)]);
  });

  it('exits 2 with one line on a Spark setting that is not key=value, before any work', async () => {
    const out = await tempDir();
    const bad = await runCli(['nightly', '--input', 'data-samples/sample', '--out', out, '--engine', 'spark', '--spark-conf', 'spark.driver.memory']);
    expect(bad.code).toBe(2);
    expect(messages(bad.stderr)).toEqual(['fraud-rings: --spark-conf takes key=value, not spark.driver.memory']);
    expect(await readdir(out)).toEqual([]);
  });
});
