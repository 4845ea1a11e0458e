import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/evaluate.js';
import { runInProcess } from '../support/run-in-process.js';
import { folderWith } from '../support/temp-dir.js';

const run = (args: string[]) => runInProcess(register, args);

describe('evaluate command', () => {
  it('prints the evaluation as text or JSON', async () => {
    const dir = await folderWith({
      'run/candidates.csv': 'account_id,cluster_id,score,reasons\nA1,C1,90,X\nA3,C1,90,X\n',
      'run/members.csv': 'cluster_id,account_id\nC1,A1\nC1,A3\n',
      'truth.csv': 'account_id,ring_id\nA1,R1\nA2,R1\nA3,\n',
    });
    const text = await run(['evaluate', '--run', join(dir, 'run'), '--truth', join(dir, 'truth.csv')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('candidates  precision 0.500  recall 0.500  F1 0.500');
    const json = await run(['evaluate', '--run', join(dir, 'run'), '--truth', join(dir, 'truth.csv'), '--json']);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.pairwise).toMatchObject({ predictedPairs: 1, truePairs: 1, correctPairs: 0, precision: 0, recall: 0 });
  });

  it('reports recall over the ring members non-hub identifiers reach, next to plain recall', async () => {
    const dir = await folderWith({
      'run/candidates.csv': 'account_id,cluster_id,score,reasons\nA1,C1,90,X\n',
      'run/members.csv': 'cluster_id,account_id\nC1,A1\nC1,A2\n',
      // A1 and A2 share a device; A3 shares only a placeholder phone with them.
      'snapshot/accounts.csv': 'account_id\nA1\nA2\nA3\nA4\n',
      'snapshot/identifiers.csv': 'account_id,kind,value\nA1,device,d1\nA2,device,d1\nA1,phone,unknown\nA3,phone,unknown\nA4,email,a4@example.com\n',
      'truth.csv': 'account_id,ring_id\nA1,R1\nA2,R1\nA3,R1\nA4,\n',
    });
    const args = ['evaluate', '--run', join(dir, 'run'), '--truth', join(dir, 'truth.csv'), '--snapshot', join(dir, 'snapshot')];
    const text = await run(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('candidates  precision 1.000  recall 0.333');
    expect(text.stdout).toContain('reachable   recall 0.500 of 2 ring accounts that non-hub identifiers reach (ceiling 0.667; plain recall 0.333;');
    const parsed = JSON.parse((await run([...args, '--json'])).stdout);
    expect(parsed.candidates.recall).toBeCloseTo(1 / 3);
    expect(parsed.reachable).toMatchObject({ reachableMembers: 2, truePositives: 1, recall: 0.5, hubMinAccounts: 30 });
    // Without a snapshot (and no manifest naming one) the ceiling is unknown, not zero.
    const bare = JSON.parse((await run(['evaluate', '--run', join(dir, 'run'), '--truth', join(dir, 'truth.csv'), '--json'])).stdout);
    expect(bare.reachable).toBeNull();
  });

  it('exits with the input-rejected code when a file is missing', async () => {
    const dir = await folderWith({ 'truth.csv': 'account_id,ring_id\nA1,R1\n' });
    const result = await run(['evaluate', '--run', join(dir, 'nope'), '--truth', join(dir, 'truth.csv')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`fraud-rings: ${join(dir, 'nope', 'candidates.csv')} not found\n`);
  });
});
