import { z } from 'zod';

/** manifest.json: written last into a run folder; a folder without one is not a finished run. */
export const RunManifestSchema = z.object({
  runId: z.string(),
  status: z.enum(['succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  version: z.string(),
  configHash: z.string(),
  /** which card hashing key made the run's `pan:` tokens (a fingerprint, never the key) */
  panKey: z.object({ fingerprint: z.string(), development: z.boolean() }).optional(),
  input: z.object({
    dir: z.string(),
    tables: z.array(
      z.object({
        table: z.string(),
        path: z.string(),
        format: z.string(),
        bytes: z.number(),
        sha256: z.string(),
        rowsRead: z.number(),
        rowsAccepted: z.number(),
        rowsRejected: z.number(),
      }),
    ),
  }),
  counts: z.record(z.string(), z.number()),
  stages: z.array(z.object({ stage: z.string(), ms: z.number(), cpuMs: z.number().optional(), peakRssMb: z.number(), rssMb: z.number().optional() })),
  sinks: z.array(z.string()),
  error: z.object({ message: z.string(), exitCode: z.number() }).optional(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;
