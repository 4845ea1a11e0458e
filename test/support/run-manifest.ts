import type { RunManifest } from '../../src/run/manifest.js';

/** A valid manifest of a finished run, for tests that build state folders by hand. */
export function runManifest(runId: string, startedAt: string, status: RunManifest['status'] = 'succeeded'): RunManifest {
  return {
    runId,
    status,
    startedAt,
    finishedAt: startedAt,
    version: '0.0.0',
    configHash: 'test',
    input: { dir: '/nowhere', tables: [] },
    counts: {},
    stages: [],
    sinks: ['files'],
  };
}
