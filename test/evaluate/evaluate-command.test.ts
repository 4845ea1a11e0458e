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

  it('exits with the input-rejected code when a file is missing', async () => {
    const dir = await folderWith({ 'truth.csv': 'account_id,ring_id\nA1,R1\n' });
    const result = await run(['evaluate', '--run', join(dir, 'nope'), '--truth', join(dir, 'truth.csv')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`fraud-rings: ${join(dir, 'nope', 'candidates.csv')} not found\n`);
  });
});
