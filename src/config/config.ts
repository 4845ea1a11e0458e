import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { compareCodeUnits } from '../order.js';
import { defaultPlaceholders } from '../normalise/normalise-identifier.js';
import { RuleSchema } from './rule.js';
import { findUnknownKey } from './unknown-keys.js';
import { defaultClusterRules, defaultMemberRules } from './default-rules.js';

/** Limits that keep a careless or hostile config from exhausting memory (README, "Limits"). */
export const configLimits = {
  fileBytes: 1 << 20,
  rulesPerList: 200,
  placeholders: 10_000,
  kinds: 1_000,
} as const;

/** File modes are written in octal, as for chmod: `"0640"`, `"750"`. */
const OctalMode = z
  .string()
  .regex(/^0?[0-7]{3}$/, 'an octal file mode such as "0640"')
  .transform((mode) => Number.parseInt(mode, 8));

/** The whole configuration. The schema is the type; every default lives here and nowhere else. */
export const ConfigSchema = z.object({
  /** Seeds every random choice (Louvain's node order and tie breaks). */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  input: z
    .object({
      /** A table whose rejected share exceeds this fails the run (after rejects.csv is written). */
      maxRejectShare: z.number().min(0).max(1).default(0.05),
    })
    .prefault({}),
  normalise: z
    .object({
      placeholders: z.array(z.string().max(512)).max(configLimits.placeholders).default([...defaultPlaceholders]),
      defaultCountryCode: z.string().regex(/^\d{1,3}$/).default('44'),
      /** Name of the environment variable holding the key for hashing raw card numbers. */
      panHashKeyEnv: z.string().default('FRAUD_RINGS_PAN_KEY'),
    })
    .prefault({}),
  graph: z
    .object({
      /** An identifier shared by at least this many accounts is a hub: reported, never a link. */
      hubMinAccounts: z.number().int().min(2).default(30),
      /** How much a shared identifier of each kind says about two accounts; unknown kinds use `other`. */
      kindWeights: z
        .record(z.string().max(64), z.number().min(0).max(100))
        .refine((weights) => Object.keys(weights).length <= configLimits.kinds, `at most ${configLimits.kinds} kinds`)
        .default({ device: 1, payment_instrument: 1, phone: 0.8, email: 1, address: 0.4, ip: 0.25, other: 0.5 }),
    })
    .prefault({}),
  communities: z
    .object({
      resolution: z.number().positive().max(100).default(1),
      minClusterSize: z.number().int().min(2).max(10_000).default(3),
      /** Below this modularity a component is kept whole instead of split by Louvain. */
      minModularity: z.number().min(0).max(1).default(0.3),
      /** Louvain groups of one component bridged by at least this many distinct identifiers are merged into one ring. */
      mergeMinBridges: z.number().int().min(1).default(2),
    })
    .prefault({}),
  features: z
    .object({
      /** Accounts created within this many days of each other count as one creation burst. */
      burstWindowDays: z.number().positive().max(3650).default(14),
      /** Kinds whose sharing is strong evidence on its own. */
      strongKinds: z.array(z.string()).default(['device', 'payment_instrument', 'phone']),
    })
    .prefault({}),
  scoring: z
    .object({
      clusterRules: z.array(RuleSchema).max(configLimits.rulesPerList).default(defaultClusterRules),
      memberRules: z.array(RuleSchema).max(configLimits.rulesPerList).default(defaultMemberRules),
      /** A cluster is reported (suspected ring) when its score reaches this (1–1000). */
      clusterThreshold: z.number().min(1).max(1000).default(60),
      /** A member of a reported cluster is a blacklist candidate when its own points reach this (1–1000). */
      memberThreshold: z.number().min(1).max(1000).default(50),
    })
    .prefault({}),
  neo4j: z
    .object({
      /**
       * What goes to Neo4j besides clusters and candidates: `clusters` writes the clusters'
       * neighbourhood (members, accounts labelled fraud, every identifier they use, hubs included,
       * and the other accounts on those identifiers); `full` writes the whole snapshot graph.
       */
      scope: z.enum(['full', 'clusters']).default('clusters'),
      /** rows per UNWIND transaction */
      batchSize: z.number().int().min(1).max(100_000).default(10_000),
      /** write transactions in flight at once */
      concurrency: z.number().int().min(1).max(16).default(2),
      /** how long a write transaction retries deadlocks and transient errors before the run fails */
      retrySeconds: z.number().positive().max(3600).default(30),
      /** A run's lock on the database expires after this long (a killed run's lock is then taken over). */
      lockMinutes: z.number().int().min(1).default(120),
      /** cluster versions of older runs are deleted; the current clusters are always kept */
      keepRuns: z.number().int().min(1).default(30),
    })
    .prefault({}),
  evidence: z
    .object({
      /** how many shared identifiers a path from a candidate to a blacklisted account may cross */
      maxPathHops: z.number().int().min(1).max(8).default(4),
      /** how many shortest paths to blacklisted accounts each candidate's evidence keeps */
      maxPaths: z.number().int().min(0).max(100).default(3),
    })
    .prefault({}),
  retention: z
    .object({
      keepRuns: z.number().int().min(1).max(10_000).default(30),
    })
    .prefault({}),
  output: z
    .object({
      /** Permissions of every file in a run folder (they hold personal data): owner read-write, group read. */
      fileMode: OctalMode.default(0o640),
      /** Permissions of a run folder. */
      folderMode: OctalMode.default(0o750),
    })
    .prefault({}),
});
export type Config = z.infer<typeof ConfigSchema>;

export interface LoadedConfig {
  config: Config;
  /** sha256 of the effective configuration, recorded in every manifest. */
  hash: string;
}

export function parseConfig(raw: unknown, source = 'config'): LoadedConfig {
  const unknown = findUnknownKey(raw, ConfigSchema);
  if (unknown) {
    throw new UserError(`${source}: unknown setting ${unknown.path}${unknown.suggestion ? ` (did you mean ${unknown.suggestion}?)` : ''}`);
  }
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { config: parsed.data, hash: hashConfig(parsed.data) };
}

export async function loadConfig(path?: string): Promise<LoadedConfig> {
  if (!path) return parseConfig({}, 'default config');
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserError(`config ${path} is not a file`);
    if (info.size > configLimits.fileBytes) throw new UserError(`config ${path} is ${info.size} bytes, more than the limit of ${configLimits.fileBytes}`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, undefined, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // JSON.parse quotes the text around the mistake: say where, not what
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new UserError(`config ${path} is not valid JSON${at ? ` (at character ${at})` : ''}`, undefined, { cause: err });
  }
  return parseConfig(raw, path);
}

function hashConfig(config: Config): string {
  return createHash('sha256').update(stableStringify(config)).digest('hex');
}

/** JSON with sorted keys, so that the hash does not depend on key order in the file. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodeUnits(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
