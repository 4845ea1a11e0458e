import { html, type Html } from './html.js';
import type { RunManifest } from '../run/manifest.js';

/**
 * What tonight's risks mean, in a sentence or two: how they were calibrated, how much fraud they
 * expect among the unlabelled, what the queue is expected to hold, and a warning when the
 * evidence was too weak to identify the labelled share (risks then stay low and the queue short).
 */
export function calibrationNote(manifest: RunManifest): Html | string {
  const calibration = manifest.detection?.calibration;
  const decision = manifest.detection?.decision;
  if (!calibration || !decision) return '';
  const queue =
    decision.queued === 0
      ? html`Nothing was queued: no candidate kept the queue's expected precision at ${decision.targetPrecision}.`
      : html`${decision.queued} queued (capacity ${decision.capacity}), expected precision ${decision.expectedPrecision === null ? 'n/a (all already labelled)' : decision.expectedPrecision.toFixed(3)} against the target ${decision.targetPrecision}: about ${decision.expectedFraud.toFixed(1)} fraud expected among those not yet labelled.`;
  return html`<div class="calibration">
  ${calibration.weak ? html`<p class="error">Weak evidence tonight: ${calibration.reason}.</p>` : ''}
  <p>Risk: ${calibration.description}. Expected fraud among accounts without a fraud label (Σ risk): ${calibration.expectedUnlabelledFraud.toFixed(1)}.</p>
  <p>${queue}</p>
</div>`;
}
