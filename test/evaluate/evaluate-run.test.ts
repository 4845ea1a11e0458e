import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { evaluateRun, formatEvaluation } from '../../src/evaluate/evaluate-run.js';
import { folderWith } from '../support/temp-dir.js';

// Twelve accounts, four rings:  R1 = A1 A2 A3,  R2 = A4 A5,  R3 = A7 A8,  R4 = A9 A10;
// A6, A11, A12 are honest.
const truth = [
  'account_id,ring_id',
  'A1,R1', 'A2,R1', 'A3,R1', 'A4,R2', 'A5,R2', 'A6,', 'A7,R3', 'A8,R3', 'A9,R4', 'A10,R4', 'A11,', 'A12,',
].join('\n');

// Candidates A1 A2 A4 A9 A10 are in rings; A6 is honest; A99 is not in the truth file at all.
const candidates = [
  'account_id,cluster_id,score,reasons',
  'A1,C1,90,SHARED_DEVICE', 'A2,C1,90,SHARED_DEVICE', 'A6,C1,70,"SHARED_DEVICE;CREATION_BURST"',
  'A4,C2,80,SHARED_CARD', 'A9,C4,99,KNOWN_FRAUD', 'A10,C4,99,KNOWN_FRAUD', 'A99,C9,60,SHARED_CARD',
  'A1,C1,90,SHARED_DEVICE',
].join('\n');

// Clusters: C1 = A1 A2 A6,  C2 = A3 A4 A5,  C4 = A9 A10; the second listing of A1 (in C3) is ignored.
const members = ['cluster_id,account_id', 'C1,A1', 'C1,A2', 'C1,A6', 'C2,A3', 'C2,A4', 'C2,A5', 'C3,A1', 'C4,A9', 'C4,A10'].join('\n');

describe('evaluateRun', () => {
  it('scores candidates and cluster pairs against the truth (worked by hand)', async () => {
    const dir = await folderWith({ 'run/candidates.csv': candidates, 'run/members.csv': members, 'truth.csv': truth });
    const e = await evaluateRun(join(dir, 'run'), join(dir, 'truth.csv'));

    // Candidates: 7 distinct (A1 A2 A6 A4 A9 A10 A99), 5 of them in rings; 9 ring accounts.
    expect(e.candidates).toMatchObject({ candidates: 7, truePositives: 5, falsePositives: 2, falseNegatives: 4, trueRingAccounts: 9, unknownAccounts: 1 });
    expect(e.candidates.precision).toBeCloseTo(5 / 7, 12);
    expect(e.candidates.recall).toBeCloseTo(5 / 9, 12);
    expect(e.candidates.f1).toBeCloseTo(0.625, 12); // 2·(5/7)(5/9) / (5/7 + 5/9) = (50/63)/(80/63)

    // Pairs. Predicted: C1 has 3 members → 3 pairs, C2 → 3, C4 → 1: 7.
    // True: R1 → 3, R2 → 1, R3 → 1, R4 → 1: 6.
    // Contingency cells: (C1,R1) = {A1,A2} → 1 pair; (C1,honest) = {A6} → none;
    // (C2,R1) = {A3} → 0; (C2,R2) = {A4,A5} → 1; (C4,R4) = {A9,A10} → 1. Correct: 3.
    expect(e.pairwise).toMatchObject({ predictedPairs: 7, truePairs: 6, correctPairs: 3, clusters: 4, clusteredAccounts: 8, ignoredMemberships: 1, unknownAccounts: 0 });
    expect(e.pairwise.precision).toBeCloseTo(3 / 7, 12);
    expect(e.pairwise.recall).toBeCloseTo(0.5, 12);
    expect(e.pairwise.f1).toBeCloseTo(6 / 13, 12); // 2·(3/7)(1/2) / (3/7 + 1/2)

    // R4 fully flagged; R1 (2 of 3) and R2 (1 of 2) partly; R3 missed.
    expect(e.rings).toEqual({ total: 4, fullyFound: 1, partiallyFound: 2, missed: 1 });
    expect(e.accounts).toBe(12);

    const text = formatEvaluation(e);
    expect(text).toContain('candidates  precision 0.714  recall 0.556  F1 0.625');
    expect(text).toContain('pairs       precision 0.429  recall 0.500  F1 0.462');
    expect(text).toContain('1 fully found, 2 partially, 1 missed');
    expect(text).toContain('1 candidates and 0 clustered accounts are not in the truth file');
  });

  it('reports undefined precision for a run that flagged nothing as n/a (null in JSON)', async () => {
    const dir = await folderWith({ 'run/candidates.csv': 'account_id,cluster_id,score,reasons\n', 'run/members.csv': 'cluster_id,account_id\n', 'truth.csv': truth });
    const e = await evaluateRun(join(dir, 'run'), join(dir, 'truth.csv'));
    expect(e.candidates.precision).toBeNaN();
    expect(e.candidates.recall).toBe(0);
    expect(e.pairwise.precision).toBeNaN();
    expect(e.rings.missed).toBe(4);
    expect(formatEvaluation(e)).toContain('candidates  precision n/a  recall 0.000  F1 n/a');
    expect(JSON.parse(JSON.stringify(e)).candidates.precision).toBeNull();
  });

  it('follows latest in a state folder', async () => {
    const dir = await folderWith({ 'state/runs/r1/candidates.csv': candidates, 'state/runs/r1/members.csv': members, 'truth.csv': truth });
    await symlink(join('runs', 'r1'), join(dir, 'state', 'latest'));
    const e = await evaluateRun(join(dir, 'state'), join(dir, 'truth.csv'));
    expect(e.runDir).toBe(join(dir, 'state', 'latest'));
    expect(e.candidates.truePositives).toBe(5);
  });

  it('stops with an input error on a missing file or a duplicated truth account', async () => {
    const dir = await folderWith({ 'run/candidates.csv': candidates, 'truth.csv': truth, 'dup.csv': 'account_id,ring_id\nA1,R1\nA1,\n' });
    await expect(evaluateRun(join(dir, 'run'), join(dir, 'truth.csv'))).rejects.toThrow(/members\.csv not found/);
    await expect(evaluateRun(join(dir, 'run'), join(dir, 'nope.csv'))).rejects.toThrow(InputError);
    await expect(evaluateRun(join(dir, 'run'), join(dir, 'dup.csv'))).rejects.toThrow(/A1 appears twice/);
  });

  it('counts fraudsters alone (fraud 1, no ring) for the candidates, never for the pairs or the rings', async () => {
    // The same accounts, where A6 and A11 are fraudsters working alone.
    const withLoneFraud = [
      'account_id,ring_id,fraud',
      'A1,R1,1', 'A2,R1,1', 'A3,R1,1', 'A4,R2,1', 'A5,R2,1', 'A6,,1', 'A7,R3,1', 'A8,R3,1', 'A9,R4,1', 'A10,R4,1', 'A11,,1', 'A12,,0',
    ].join('\n');
    const dir = await folderWith({ 'run/candidates.csv': candidates, 'run/members.csv': members, 'truth.csv': withLoneFraud });
    const e = await evaluateRun(join(dir, 'run'), join(dir, 'truth.csv'));
    // A6 is now a true positive; A11 a missed fraud account.
    expect(e.candidates).toMatchObject({ candidates: 7, truePositives: 6, falsePositives: 1, falseNegatives: 5, trueRingAccounts: 9, trueFraudAccounts: 11 });
    expect(e.candidates.precision).toBeCloseTo(6 / 7, 10);
    expect(e.candidates.recall).toBeCloseTo(6 / 11, 10);
    // A6 sits in C1 with A1 and A2: its pairs there are still wrong, as it is in no ring.
    expect(e.pairwise).toMatchObject({ predictedPairs: 7, truePairs: 6, correctPairs: 3 });
    expect(e.rings.total).toBe(4);
    expect(formatEvaluation(e)).toContain('9 ring accounts, 2 fraudsters alone');
  });

  it('refuses a truth file whose fraud column contradicts its rings or is not 0 or 1', async () => {
    const dir = await folderWith({ 'run/candidates.csv': candidates, 'run/members.csv': members, 'a.csv': 'account_id,ring_id,fraud\nA1,R1,0\n', 'b.csv': 'account_id,ring_id,fraud\nA1,,yes\n' });
    await expect(evaluateRun(join(dir, 'run'), join(dir, 'a.csv'))).rejects.toThrow(/a\.csv line 2: account A1 is in ring R1 but has fraud 0/);
    await expect(evaluateRun(join(dir, 'run'), join(dir, 'b.csv'))).rejects.toThrow(/b\.csv line 2: fraud must be 0 or 1, got "yes"/);
  });
});
