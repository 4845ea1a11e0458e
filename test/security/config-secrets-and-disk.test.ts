import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { asDiskFull, DiskFullError, ExitCode, UserError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { connectionSettingsFromEnv, displayUri } from '../../src/sinks/neo4j/connection-settings.js';
import type { Sink } from '../../src/sinks/sink.js';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

/**
 * Issue 12: typos in the config (`clusterTreshold`, `keepRun`) and negative thresholds were
 * accepted silently (123 rings where 9 are right); a NEO4J_URI without `//` printed its password;
 * a full disk crashed the run with an unhandled 'error' event and left nightly.lock behind; with
 * no inodes left the run was sealed `succeeded` while `latest` had not moved.
 */
const log = createLogger({ silent: true });
const accounts = 'account_id,created_at\nA1,2024-01-01\nA2,2024-01-02\nA3,2024-01-03\n';
const identifiers = 'account_id,kind,value\nA1,device,d1\nA2,device,d1\nA3,device,d1\n';

describe('strict configuration (issue 12)', () => {
  it.each([
    [{ scoring: { clusterTreshold: 60 } }, /unknown setting scoring\.clusterTreshold \(did you mean clusterThreshold\?\)/],
    [{ retention: { keepRun: 3 } }, /unknown setting retention\.keepRun \(did you mean keepRuns\?\)/],
    [{ scorng: {} }, /unknown setting scorng \(did you mean scoring\?\)/],
    [{ scoring: { clusterRules: [{ code: 'X', feature: 'size', op: '>=', value: 1, points: 1, pionts: 2 }] } }, /unknown setting scoring\.clusterRules\.0\.pionts \(did you mean points\?\)/],
    [{ whatever: 1 }, /unknown setting whatever$/],
    [{ scoring: { clusterThreshold: -10 } }, /scoring\.clusterThreshold: Too small/],
    [{ scoring: { memberThreshold: 5000 } }, /scoring\.memberThreshold: Too big/],
    [{ output: { fileMode: '0999' } }, /output\.fileMode: an octal file mode/],
  ])('refuses %j', (raw, message) => {
    expect(() => parseConfig(raw, 'c.json')).toThrow(UserError);
    expect(() => parseConfig(raw, 'c.json')).toThrow(message);
  });

  it('accepts every setting of a full config, records and kind weights included', () => {
    expect(() => parseConfig({ graph: { kindWeights: { device: 1, national_id: 0.7 } }, output: { fileMode: '640', folderMode: '0750' }, retention: { keepRuns: 2 } })).not.toThrow();
  });

  it('is one line and exit 2 on the command line', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers, 'c.json': '{"scoring":{"clusterTreshold":-5}}' });
    const result = await runCli(['nightly', '--input', input, '--out', await tempDir(), '--config', join(input, 'c.json')]);
    expect(result.code).toBe(2);
    expect(messages(result.stderr)).toEqual([`fraud-rings: ${join(input, 'c.json')}: unknown setting scoring.clusterTreshold (did you mean clusterThreshold?)`]);
  });
});

describe('credentials in NEO4J_URI (issue 12)', () => {
  it.each(['neo4j:secret@127.0.0.1:1', 'bolt://neo4j:secret@127.0.0.1:1', 'bolt://neo4j:sec@ret@127.0.0.1:1/x', 'neo4j:secret@', 'http://neo4j:secret@h', 'bolt://h:1?password=secret', 'secret@h'])('never shows the password of %s', (uri) => {
    expect(displayUri(uri)).not.toContain('secret');
    let message = '';
    try {
      connectionSettingsFromEnv({ NEO4J_URI: uri });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('secret');
  });

  it('keeps it out of the command line output', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const result = await runCli(['nightly', '--input', input, '--out', await tempDir(), '--sink', 'neo4j'], { NEO4J_URI: 'neo4j:secret@127.0.0.1:1' });
    expect(result.code).toBe(5);
    expect(result.stderr).not.toContain('secret');
  });
});

describe('a full disk (issue 12)', () => {
  it('a rejects file on a full device fails on close with a disk-full error instead of crashing the process', async () => {
    const rejects = new RejectsFile('/dev/full');
    for (let i = 0; i < 5000; i++) rejects.add('identifiers', i, 'reason', 'x'.repeat(40));
    const failure = await rejects.close().then(() => null, (err: unknown) => err);
    expect(asDiskFull(failure)).toBeInstanceOf(DiskFullError);
    expect(asDiskFull(failure)!.exitCode).toBe(ExitCode.diskFull);
  });

  it('a run that hits ENOSPC fails with exit code 6 and one line, seals the run as failed, keeps latest and releases the lock', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const state = await tempDir();
    await nightly({ input, stateDir: state, config: parseConfig({}), runId: 'ok', log });
    const full: Sink = {
      name: 'disk',
      readsLinkTimes: false,
      open: async () => undefined,
      write: async () => {
        throw Object.assign(new Error("ENOSPC: no space left on device, write '/x/evidence.ndjson'"), { code: 'ENOSPC', path: '/x/evidence.ndjson' });
      },
      finish: async () => undefined,
      close: async () => undefined,
    };
    const err = await nightly({ input, stateDir: state, config: parseConfig({}), runId: 'full', log, sinks: [full] }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DiskFullError);
    expect((err as DiskFullError).exitCode).toBe(6);
    expect((err as Error).message).toMatch(/^no space left on the device writing \/x\/evidence\.ndjson \(ENOSPC\)/);
    expect(await readdir(state)).not.toContain('nightly.lock');
    expect(await readlink(join(state, 'latest'))).toBe(join('runs', 'ok'));
    expect(JSON.parse(await readFile(join(state, 'runs', 'full', 'manifest.json'), 'utf8'))).toMatchObject({ status: 'failed', error: { exitCode: 6 } });
  });

  it('a run whose latest link cannot move is not succeeded (no inodes left, or anything else in the way)', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const state = await tempDir();
    // `latest` is a folder with content: the rename of the new link over it fails
    await mkdir(join(state, 'latest', 'x'), { recursive: true });
    const err = await nightly({ input, stateDir: state, config: parseConfig({}), runId: 'r1', log }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.parse(await readFile(join(state, 'runs', 'r1', 'manifest.json'), 'utf8')).status).toBe('failed');
    expect(await readdir(state)).not.toContain('nightly.lock');
    expect((await readdir(state)).filter((n) => n.startsWith('.latest'))).toEqual([]);
  });

  it('on a real full file system (a tiny tmpfs): exit 6, one line, lock released, and succeeded only with latest moved, for every size and inode count', async () => {
    const mnt = await tempDir();
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const outcomes = new Set<number>();
    for (const limit of ['size=4k', 'size=8k', 'size=12k', 'size=16k', ...Array.from({ length: 14 }, (_, i) => `nr_inodes=${3 + i}`), 'size=1m']) {
      execFileSync('mount', ['-t', 'tmpfs', '-o', limit, 'tmpfs', mnt]);
      try {
        const state = join(mnt, 'state');
        const result = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1']);
        outcomes.add(result.code!);
        expect([0, 6], `${limit}: ${result.stderr}`).toContain(result.code);
        if (result.code === 6) {
          expect(messages(result.stderr), limit).toEqual([expect.stringMatching(/^fraud-rings: no space left on the device/)]);
          expect(result.stderr).not.toMatch(/\n\s+at /);
        }
        const entries = await readdir(state).catch(() => [] as string[]);
        expect(entries, limit).not.toContain('nightly.lock');
        const manifest = await readFile(join(state, 'runs', 'r1', 'manifest.json'), 'utf8').then((t) => JSON.parse(t) as { status: string }, () => null);
        const latest = await readlink(join(state, 'latest')).catch(() => null);
        // succeeded if and only if latest moved
        expect(manifest?.status === 'succeeded', limit).toBe(latest === join('runs', 'r1'));
        expect(result.code === 0, limit).toBe(latest === join('runs', 'r1'));
      } finally {
        execFileSync('umount', [mnt]);
      }
    }
    expect([...outcomes].sort()).toEqual([0, 6]);
  });
});
