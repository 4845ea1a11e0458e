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
  /** what detection measured and learned this night: kind weights and the risk model */
  detection: z
    .object({
      kinds: z.array(z.object({ kind: z.string(), class: z.string(), accounts: z.number(), sharingAccounts: z.number(), sharingShare: z.number(), sharedValues: z.number(), meanAccountsPerSharedValue: z.number(), p90AccountsPerSharedValue: z.number(), hubs: z.number(), weight: z.number(), pinned: z.boolean() })),
      model: z.object({
        source: z.enum(['learned', 'prior']),
        reason: z.string(),
        fraudLabels: z.number(),
        otherAccounts: z.number(),
        rocAuc: z.number().nullable(),
        prAuc: z.number().nullable(),
        levelShift: z.number().nullable(),
        intercept: z.number(),
        terms: z.array(z.object({ code: z.string(), feature: z.string(), prior: z.number(), firingShare: z.number(), measuredPrior: z.number(), weight: z.number(), fixed: z.boolean() })),
        disabledTerms: z.array(z.string()),
        available: z.record(z.string(), z.boolean()),
        calibration: z.array(z.object({ predicted: z.number(), observed: z.number(), rows: z.number() })),
      }),
      /** how scores became P(fraud): the labelled share, the map, a reliability table on held-out labels, Σ risk */
      calibration: z
        .object({
          method: z.enum(['isotonic', 'priors']),
          weak: z.boolean(),
          reason: z.string(),
          fraudLabels: z.number(),
          heldOutAuc: z.number().nullable(),
          groupedAuc: z.number().nullable(),
          labelledShare: z.number().nullable(),
          labelledShareMethod: z.string().nullable(),
          labelledShareEstimates: z.array(z.object({ method: z.string(), value: z.number() })),
          /** the labelled share of the bulk (lower half by score) and the share its labels are read with; absent before they were recorded */
          bulkLabelledShare: z.number().nullable().optional(),
          bulkShare: z.number().nullable().optional(),
          map: z.array(z.object({ from: z.number(), labelled: z.number(), weight: z.number() })),
          unaidedMap: z.array(z.object({ from: z.number(), labelled: z.number(), weight: z.number() })),
          reliability: z.array(z.object({ from: z.number(), to: z.number(), predicted: z.number(), observed: z.number(), accounts: z.number() })),
          expectedUnlabelledFraud: z.number(),
          description: z.string(),
        })
        .optional(),
      /** what the night queued: the precision target, the capacity, the queue's expected precision and fraud */
      decision: z
        .object({
          targetPrecision: z.number(),
          capacity: z.number(),
          queued: z.number(),
          expectedPrecision: z.number().nullable(),
          expectedFraud: z.number(),
          belowTarget: z.number(),
          overCapacity: z.number(),
        })
        .optional(),
    })
    .optional(),
  /** where the global steps ran (`nightly --engine`): Spark's application id and master, the 64-bit id collisions */
  engine: z
    .object({
      name: z.enum(['local', 'spark']),
      master: z.string().optional(),
      applicationId: z.string().optional(),
      /** the first pass's (kind aggregates); applicationId is the second's */
      measureApplicationId: z.string().optional(),
      componentsAlgorithm: z.string().optional(),
      identifierIds: z.object({ values: z.number(), collisions: z.number() }).optional(),
      /** identifiers Spark counted, the hubs among them (the same as the night's hub count) and those that group */
      identifiers: z.object({ count: z.number(), hubs: z.number(), grouping: z.number() }).optional(),
      jvmPeakRssMb: z.number().optional(),
      jvmCpuSeconds: z.number().optional(),
      jobMs: z.record(z.string(), z.number()).optional(),
      /** detection in worker processes (`--workers`): how many at once, and per bucket its accounts, its time over every phase, its attempts */
      workers: z.number().optional(),
      buckets: z
        .array(
          z.object({
            bucket: z.string(),
            accounts: z.number(),
            ms: z.number(),
            attempts: z.number(),
            /** each phase's time (`map`, the worker's whole life), split as `map.read` (the bucket's Parquet), `map.build` (graph, weights, index) and `map.work` (the phase); the largest worker's peak resident memory */
            phaseMs: z.record(z.string(), z.number()).optional(),
            peakRssMb: z.number().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  error: z.object({ message: z.string(), exitCode: z.number() }).optional(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;
