import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { compareCodeUnits } from '../order.js';
import { defaultPlaceholders } from '../normalise/normalise-identifier.js';
import { KindClass } from './kind-class.js';
import { RuleSchema } from './rule.js';
import { findUnknownKey } from '../schema/unknown-keys.js';
import { TableMappingsSchema } from '../snapshot/mapping/table-mapping.js';
import { parseMappingFile, withMapping } from '../snapshot/mapping/mapping-file.js';
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
/** Kinds whose class is known before any config: identity documents, devices and instruments, contact details, places. */
const DEFAULT_KIND_CLASSES: Record<string, KindClass> = {
  national_id: 'identity', passport: 'identity', tax_id: 'identity', ssn: 'identity',
  device: 'instrument', payment_instrument: 'instrument',
  phone: 'contact', email: 'contact',
  address: 'place', ip: 'place',
};

export const ConfigSchema = z.object({
  /** Seeds every random choice (Louvain's node order and tie breaks). */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  input: z
    .object({
      /** A table whose rejected share exceeds this fails the run (after rejects.csv is written). */
      maxRejectShare: z.number().min(0).max(1).default(0.05),
      /**
       * How the snapshot's files feed the contract's tables, for exports in other shapes (wide
       * customer tables, one file per relationship type); README, "Mapping an export". Without it,
       * the files are the contract's own. `--map <file>` gives the same thing from a file.
       */
      tables: TableMappingsSchema.optional(),
      /**
       * The account id column holds the team's own keys: they are kept as they are, even where they
       * look like card numbers (16-digit Luhn-valid ids). Card numbers in every other column are
       * still tokenised. README, "Your ids stay yours".
       */
      accountIdsAreKeys: z.boolean().default(false),
    })
    .prefault({}),
  normalise: z
    .object({
      placeholders: z.array(z.string().max(512)).max(configLimits.placeholders).default([...defaultPlaceholders]),
      /** the export's home country code; phones link on their national number, and with 1 a leading 011 is an international prefix */
      defaultCountryCode: z.string().regex(/^\d{1,3}$/).default('44'),
      /** Name of the environment variable holding the key for hashing raw card numbers. */
      panHashKeyEnv: z.string().default('FRAUD_RINGS_PAN_KEY'),
    })
    .prefault({}),
  graph: z
    .object({
      /** An identifier shared by at least this many accounts is a hub: reported, never a link. */
      hubMinAccounts: z.number().int().min(2).default(30),
      /**
       * Pins the weight (0–1) of a kind instead of measuring it in the snapshot, e.g.
       * `{ "address": 0.1 }`. Kinds not named here are measured (see `kinds`).
       */
      kindWeights: z
        .record(z.string().max(64), z.number().min(0).max(1))
        .refine((weights) => Object.keys(weights).length <= configLimits.kinds, `at most ${configLimits.kinds} kinds`)
        .default({}),
      /**
       * Two accounts are grouped through an identifier when its pair weight (kind weight /
       * (accounts sharing it − 1)) reaches this share of the strongest kind's weight tonight;
       * weaker shared identifiers only support a group. Relative, because weights are measured
       * per snapshot: with instruments at 0.6 an address shared by up to 11 accounts groups even
       * where households weigh addresses down to 0.03, and an IP every account shares (0.001)
       * never glues groups together (measured on the generated worlds, seed 101).
       */
      linkMinShare: z.number().min(0).max(1).default(0.005),
      /**
       * A connected component larger than this is carved on its heavier ties only (from twice the
       * larger of the link threshold and its own lightest pair weight, doubled until every piece
       * fits), so that moderately shared places cannot chain most accounts into one group.
       */
      maxComponentAccounts: z.number().int().min(10).default(20_000),
    })
    .prefault({}),
  kinds: z
    .object({
      /** The evidence class of each kind; kinds not named are `other`. */
      /** the class of each kind, added to (and overriding) the default classes */
      classes: z
        .record(z.string().max(64), z.enum(KindClass))
        .refine((classes) => Object.keys(classes).length <= configLimits.kinds, `at most ${configLimits.kinds} kinds`)
        .default({})
        .transform((classes): Record<string, KindClass> => ({ ...DEFAULT_KIND_CLASSES, ...classes })),
      /**
       * How strongly one shared value of a kind of each class ties two accounts (0–1) before the
       * snapshot is measured: sharing an identity document across distinct accounts is close to
       * conclusive; a place says little.
       */
      classStrength: z
        .object({
          identity: z.number().min(0).max(1).default(0.97),
          instrument: z.number().min(0).max(1).default(0.6),
          contact: z.number().min(0).max(1).default(0.75),
          place: z.number().min(0).max(1).default(0.3),
          other: z.number().min(0).max(1).default(0.5),
        })
        .prefault({}),
      /**
       * Up to this share of accounts sharing a kind, sharing it is unusual and keeps the class
       * strength; above it the weight falls by the excess in log-odds.
       */
      ordinaryShare: z.number().min(0.001).max(0.9).default(0.2),
    })
    .prefault({}),
  communities: z
    .object({
      resolution: z.number().positive().max(100).default(1),
      minClusterSize: z.number().int().min(2).max(10_000).default(2),
      /** Below this modularity a component is kept whole instead of split by Louvain. */
      minModularity: z.number().min(0).max(1).default(0.3),
      /**
       * Louvain groups of one component bridged by at least this many distinct identifiers are
       * merged into one ring, when at least two accounts on each side use them: what one account
       * shares with another group (a visit, a camouflage link) never merges the two.
       */
      mergeMinBridges: z.number().int().min(1).default(2),
    })
    .prefault({}),
  features: z
    .object({
      /** Accounts created within this many days of each other count as one creation burst. */
      burstWindowDays: z.number().positive().max(3650).default(14),
    })
    .prefault({}),
  scoring: z
    .object({
      /**
       * The model's terms. Each rule is one explainable term: when its feature passes the
       * comparison, it adds its `points` in log-odds of fraud (a prior, refitted from labels and
       * review decisions when there are enough). The continuous terms (identifier evidence, proximity) take their priors from `model`.
       */
      clusterRules: z.array(RuleSchema).max(configLimits.rulesPerList).default(defaultClusterRules),
      memberRules: z.array(RuleSchema).max(configLimits.rulesPerList).default(defaultMemberRules),
      /** A cluster is reported (suspected ring) when its risk (a probability) reaches this. */
      clusterThreshold: z.number().min(0).max(1).default(0.5),
      /** A member of a reported cluster is a blacklist candidate when its risk reaches this. */
      memberThreshold: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  model: z
    .object({
      /** log-odds of fraud of an account with no evidence at all (prior) */
      intercept: z.number().min(-20).max(5).default(-2.5),
      /**
       * Prior log-odds added to the intercept for each of sign-up times and transactions the
       * snapshot has: where they exist, a group without a burst or a chargeback has shown
       * something; where they are absent, nothing is known.
       */
      observedDataPoints: z.number().min(-10).max(0).default(-0.3),
      /** Prior log-odds per nat of identifier evidence shared with other group members. */
      evidencePoints: z.number().min(0).max(20).default(2),
      /** Prior log-odds per unit of proximity to known fraud (log-scaled personalised PageRank). */
      proximityPoints: z.number().min(0).max(20).default(0.6),
      /**
       * A rule that fires for more than this share of all accounts loses prior weight by the
       * log-odds it exceeds it: what describes much of a snapshot is not evidence of rare fraud.
       */
      ordinaryRuleShare: z.number().min(0.001).max(0.9).default(0.1),
      /**
       * Prior log-odds per nat of identifier evidence, at full place coverage (every member shares
       * an address or IP with another): people under one roof share devices and cards by nature,
       * so a roof explains most of what their sharing proves, and nothing of bursts or chargebacks.
       */
      roofPoints: z.number().min(-20).max(0).default(-1.8),
      /**
       * Prior log-odds per nat of strong identifiers (identity, instrument, contact) a group shares
       * beyond two (STRONG_POOL, ln(shared / 2)): a household shares a device and a card, a ring
       * reuses a pool of them across its accounts.
       */
      poolPoints: z.number().min(0).max(20).default(1),
      /** With fewer fraud labels (labels plus approved decisions) than this, the priors are used as they are, not calibrated. */
      minFraudLabels: z.number().int().min(2).default(30),
      /**
       * The share of all fraud that carries a fraud label (c), assumed when tonight's data cannot
       * identify it (held-out ROC-AUC below minCalibrationAuc): risks are then P(labelled) / c,
       * near the labelled rate. Labels in the bulk, where nothing sets an account apart, are read
       * with it on every night: c measured on the fraud the ranking finds says nothing of them. 0.5 is what the real P2P export had (120 of 241 chargeback
       * fraudsters labelled) and what p2p-real has; in the other generated worlds with labels the
       * true share runs from 0.05 (most rings never caught) to 0.47 (household-p2p).
       */
      labelledSharePrior: z.number().gt(0).max(1).default(0.5),
      /**
       * Below this held-out ROC-AUC of the ranking (known fraud against the rest), no top prefix
       * of the ranking is pure enough to bound the labelled share, and the prior share stands.
       */
      minCalibrationAuc: z.number().min(0.5).max(1).default(0.7),
      /** folds for out-of-fold validation and for proximity that never sees the account's own label */
      folds: z.number().int().min(2).max(10).default(5),
      /** How far the fitted weights may move from the priors (standard deviation of the Gaussian prior, log-odds). */
      priorScale: z.number().positive().max(100).default(0.75),
      /**
       * Training rows at most before unlabelled accounts outside communities are sampled (a
       * deterministic sample, each weighted to stand for the rest; a quarter of this at least,
       * however many community members there are); all labelled ones are used.
       */
      maxTrainingAccounts: z.number().int().min(1000).default(200_000),
      /**
       * Unlabelled accounts in communities used for fitting at most: past it they are sampled the
       * same way (at 10M accounts 3.3M of them would make the fit a quarter of the run for no gain
       * in what it learns); all labelled ones are used.
       */
      maxGroupedTrainingAccounts: z.number().int().min(1000).default(1_000_000),
      /** restart probability of the personalised PageRank from known fraud */
      proximityRestart: z.number().min(0.05).max(0.95).default(0.3),
      proximityIterations: z.number().int().min(1).max(50).default(8),
    })
    .prefault({}),
  review: z
    .object({
      /**
       * The share of the review queue expected to be fraud: the queue is the longest run of
       * candidates, in order of risk, whose mean risk (among those not yet labelled fraud) stays
       * at or above it. Risks are calibrated probabilities, so a quiet night queues few or none.
       */
      targetPrecision: z.number().gt(0).max(1).default(0.8),
      /**
       * The team's capacity: the most candidates a night queues, however many pass the target. A
       * whole number (e.g. 500), or a share of all accounts as a string ("10%"; never fewer than
       * 1,000). Candidates beyond it are ranked out, and counted. A cap, not a quota.
       */
      maxCandidates: z.union([z.number().int().min(1), z.string().regex(/^\d+(\.\d+)?%$/, 'a number or a percentage such as "10%"')]).default('10%'),
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

/**
 * The config file (defaults for everything left out), with the mapping of `--map <file>` as its
 * `input.tables` when one is given: a config that maps tables itself and a map file are refused
 * together rather than one silently winning.
 */
export async function loadConfig(path?: string, mapPath?: string): Promise<LoadedConfig> {
  if (!path && !mapPath) return parseConfig({}, 'default config');
  const raw = path ? await readJsonFile(path, 'config') : {};
  if (!mapPath) return parseConfig(raw, path);
  const mapping = parseMappingFile(await readJsonFile(mapPath, 'mapping'), mapPath);
  return parseConfig(withMapping(raw, mapping, path ?? 'the config'), path ?? mapPath);
}

/** A JSON file within the config size limit, or a one-line UserError saying what is wrong with it. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserError(`${what} ${path} is not a file`);
    if (info.size > configLimits.fileBytes) throw new UserError(`${what} ${path} is ${info.size} bytes, more than the limit of ${configLimits.fileBytes}`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, undefined, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    // JSON.parse quotes the text around the mistake: say where, not what
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new UserError(`${what} ${path} is not valid JSON${at ? ` (at character ${at})` : ''}`, undefined, { cause: err });
  }
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
