import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { evaluateRun } from '../../src/evaluate/evaluate-run.js';
import { nightRiskQuality } from '../../src/evaluate/risk-quality.js';
import { readTruth } from '../../src/evaluate/truth.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

const log = createLogger({ silent: true });

/**
 * At 1M accounts the community members alone fill `model.maxTrainingAccounts`: the same shape at
 * 10k accounts with the caps at their lowest. Lone unlabelled accounts must still be sampled, or
 * the calibration reads the lone labelled ones as the whole bottom of the ranking and no account
 * reaches the member threshold.
 */
describe('training rows sampled past the caps', () => {
  it('keeps lone accounts in the fit and the calibration when the communities fill the cap', async () => {
    const snapshot = await worldSnapshot('noisy-labels', { accounts: 10_000, seed: 1 });
    const capped = parseConfig({ model: { maxTrainingAccounts: 1000, maxGroupedTrainingAccounts: 1000 } });
    const result = await nightly({ input: snapshot.dir, stateDir: await tempDir(), config: capped, runId: 'capped', log });
    const calibration = result.detection!.calibration;
    expect(calibration.method).toBe('isotonic');
    // the bottom of the ranking is lone accounts almost none of which carry a label
    expect(calibration.bulkLabelledShare!).toBeLessThan(0.05);
    const e = await evaluateRun(result.runPath, snapshot.truth, { snapshotDir: snapshot.dir, config: capped.config });
    expect(result.manifest.counts.candidates).toBeGreaterThan(0);
    expect(e.candidates.precision).toBeGreaterThanOrEqual(0.85);
    const q = nightRiskQuality(result.detection!.accountRisk, result.detection!.candidates.map((c) => c.account), await readTruth(snapshot.truth));
    expect(q.expectedFraudRatio!).toBeGreaterThan(0.5);
    expect(q.expectedFraudRatio!).toBeLessThan(2);
  }, 120_000);
});
