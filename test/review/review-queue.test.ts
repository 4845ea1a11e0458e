import { describe, expect, it } from 'vitest';
import { InputError, UserError } from '../../src/errors.js';
import { appendDecisions } from '../../src/review/decision-log.js';
import { readLatestRun } from '../../src/review/latest-run.js';
import { readReviewQueue } from '../../src/review/review-queue.js';
import { tempDir } from '../support/temp-dir.js';
import { cluster, decisionFor, evidence, stateWith, writeRun } from '../support/review-state.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';


describe('review queue', () => {
  it('joins the latest run with the decisions: pending, approved, rejected, and decided accounts gone from the run', async () => {
    const state = await stateWith(cluster('C1', 'A', 3));
    const m = evidence('A1', 'C1').material;
    await appendDecisions(state, [decisionFor('A1', 'approve', m), decisionFor('A2', 'reject', evidence('A2', 'C1').material), decisionFor('Z9', 'reject', m)]);
    const { run, items } = await readReviewQueue(state);
    expect(run.runId).toBe('20261125T013000Z');
    expect(items.map((i) => [i.accountId, i.status, i.inLatestRun])).toEqual([
      ['A1', 'approved', true],
      ['A2', 'rejected', true],
      ['A3', 'pending', true],
      ['Z9', 'rejected', false],
    ]);
    expect(items[2]!.evidence!.hubs[0]!.accounts).toBe(812);
    expect(items[3]).toMatchObject({ score: null, evidence: null, reasons: ['SHARED_DEVICES'], clusterId: 'C1' });
  });

  it('a rejected account with materially new evidence is pending again; less evidence leaves it rejected', async () => {
    const before = { sharedIdentifiers: ['device:d1', 'device:d2'], blacklistedLinks: [] };
    const state = await stateWith([
      evidence('A1', 'C1', { material: { sharedIdentifiers: ['device:d1', 'device:d2', 'phone:+447700900123'], blacklistedLinks: [] } }),
      evidence('A2', 'C1', { material: { sharedIdentifiers: ['device:d1'], blacklistedLinks: [] } }),
    ]);
    await appendDecisions(state, [decisionFor('A1', 'reject', before), decisionFor('A2', 'reject', before)]);
    const { items } = await readReviewQueue(state);
    expect(items[0]).toMatchObject({ accountId: 'A1', status: 'pending', reopened: { rejectedBy: 'alice', changes: ['new shared phone:+447700900123'] } });
    expect(items[1]).toMatchObject({ accountId: 'A2', status: 'rejected', reopened: null });
  });

  it('reads runs written before evidence.ndjson existed', async () => {
    const state = await tempDir();
    await writeRun(state, 'old', cluster('C1', 'A', 2), { withEvidence: false });
    const run = await readLatestRun(state);
    expect(run.hasEvidence).toBe(false);
    expect(run.candidates.map((c) => [c.accountId, c.score, c.reasons, c.evidence])).toEqual([
      ['A1', 80, ['SHARED_DEVICES', 'CREATED_IN_BURST', 'CHARGEBACKS'], null],
      ['A2', 80, ['SHARED_DEVICES', 'CREATED_IN_BURST', 'CHARGEBACKS'], null],
    ]);
  });

  it('needs a succeeded run, and names broken run files by line', async () => {
    await expect(readLatestRun(await tempDir())).rejects.toThrow(UserError);
    const state = await stateWith(cluster('C1', 'A', 2));
    await writeFile(join(state, 'latest', 'evidence.ndjson'), `${JSON.stringify(evidence('A1', 'C1'))}\n{"accountId":"A2"}\n`);
    await expect(readLatestRun(state)).rejects.toThrow(InputError);
    await expect(readLatestRun(state)).rejects.toThrow(/evidence\.ndjson line 2 is not candidate evidence: clusterId/);
    await writeFile(join(state, 'latest', 'candidates.csv'), 'account_id,cluster_id,score,reasons\nA1,C1,high,X\n');
    await expect(readLatestRun(state)).rejects.toThrow(/candidates\.csv line 2: needs an account_id and a numeric score/);
  });
});
