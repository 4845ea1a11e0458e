import type { Detection } from './detection.js';

/** What detection found, as the manifest counts it. */
export function detectionCounts(detection: Detection): Record<string, number> {
  return {
    ...detection.stats,
    clusters: detection.clusters.length,
    members: detection.clusters.reduce((n, c) => n + c.members.length, 0),
    candidates: detection.candidates.length,
  };
}
