import neo4j, { type Driver, type Integer, type ManagedTransaction } from 'neo4j-driver';
import type { Logger } from '../../log.js';
import type { RunInfo, RunOutput, Sink, SinkReport } from '../sink.js';
import { BatchWriter, type BatchOptions, type Batching, type StatementStats } from './batch-writer.js';
import { displayUri, type ConnectionSettings } from './connection-settings.js';
import { openDriver } from './driver.js';
import { accountBatching, accountRows, candidateRows, clusterRows, countUses, identifierRows, memberRows } from './graph-rows.js';
import { releaseDatabaseLock, RELEASE_LOCK, takeDatabaseLock, TAKE_LOCK } from './database-lock.js';
import { AWAIT_INDEXES, MIGRATIONS, migrate } from './migrations.js';
import { COMMIT_REPAIR_QUERIES, abandonRuns, runState } from './commit-repair.js';
import { accountIdentifierRows } from './unseen-uses.js';
import { readStoredHashes } from './stored-hashes.js';
import { identifierKey, type AccountRow, type IdentifierRow } from './graph-rows.js';
import { describeNeo4jError, type Phase } from './neo4j-errors.js';
import { QueryFiles } from './query-files.js';
import { selectScope, type Scope } from './scope.js';

export interface Neo4jSinkOptions extends BatchOptions {
  scope: Scope;
  /** how long managed transactions retry transient errors before the run fails */
  retrySeconds: number;
  /** cluster versions of runs older than the newest keepRuns are deleted (current ones never) */
  keepRuns: number;
  /** a run's lock on the database expires after this many minutes */
  lockMinutes: number;
}

/** Test-only: lets integration tests fail a run at a chosen point, against the real server. */
export interface Neo4jSinkHooks {
  afterStatement?(statement: string): void | Promise<void>;
}

export interface Neo4jSinkExtras {
  hooks?: Neo4jSinkHooks;
  /** another queries/ folder (default: the one next to package.json) */
  queriesDir?: string;
}

const S = {
  startRun: 'sink/start-run',
  dropPartialClusters: 'sink/drop-partial-clusters',
  graphCounts: 'sink/graph-counts',
  accounts: 'sink/accounts',
  accountsCreate: 'sink/accounts-create',
  identifiers: 'sink/identifiers',
  identifiersCreate: 'sink/identifiers-create',
  unmarkHubs: 'sink/unmark-hubs',
  clusters: 'sink/clusters',
  candidates: 'sink/candidates',
  dropUnseenUses: 'sink/drop-unseen-uses',
  members: 'sink/members',
  candidateFor: 'sink/candidate-for',
  finishRun: 'sink/finish-run',
  promoteRun: 'sink/promote-run',
  promoteClusters: 'sink/promote-clusters',
  promoteCandidates: 'sink/promote-candidates',
  retireCandidates: 'sink/retire-candidates',
  dropStaleStaging: 'sink/drop-stale-staging',
  pruneClusters: 'sink/prune-clusters',
  accountHashes: 'sink/account-hashes',
  identifierHashes: 'sink/identifier-hashes',
} as const;

/**
 * Writes a run into Neo4j: the account–identifier graph (whole or the clusters' neighbourhood),
 * this run's cluster versions and the blacklist candidates.
 *
 * Current results: every run writes its own FraudCluster nodes (key `clusterId@runId`), found by
 * its PipelineRun. Only finish('succeeded') moves the `:Current` label to them, together with the
 * run's candidate values, in one transaction, so a run that dies halfway is never what an analyst
 * sees; rerunning its id drops its partial clusters and writes them again.
 */
export class Neo4jSink implements Sink {
  readonly name = 'neo4j';
  readonly readsLinkTimes = true;
  private driver: Driver | null = null;
  private queries: QueryFiles | null = null;
  private written: Record<string, number> = {};
  private writeMs = 0;
  private lockedRunId: string | null = null;

  private readonly hooks: Neo4jSinkHooks;
  private readonly queriesDir: string | undefined;

  constructor(
    private readonly connection: ConnectionSettings,
    private readonly options: Neo4jSinkOptions,
    private readonly log: Logger,
    extras: Neo4jSinkExtras = {},
  ) {
    this.hooks = extras.hooks ?? {};
    this.queriesDir = extras.queriesDir;
  }

  async open(run: RunInfo): Promise<void> {
    const { driver, queries } = await this.connect(run);
    await this.guard({ step: 'connect' }, async () => {
      await this.transaction(async (tx) => {
        await tx.run(queries.get(S.startRun), {
          runId: run.runId,
          startedAt: run.startedAt,
          configHash: run.configHash,
          version: run.version,
          scope: this.options.scope,
        });
        // a rerun of a failed or killed run id starts its cluster versions again
        await tx.run(queries.get(S.dropPartialClusters), { runId: run.runId });
      });
      await this.reconcile(run.latestRunId ?? null, run.runId);
    });
    const server = await driver.getServerInfo({ database: this.connection.database }).catch(() => null);
    this.log.info({ sink: 'neo4j', uri: displayUri(this.connection.uri), database: this.connection.database, server: server?.agent, scope: this.options.scope }, 'neo4j sink open');
  }

  /** Loads the statements, connects, migrates and takes the database's run lock. */
  private async connect(run: RunInfo): Promise<{ driver: Driver; queries: QueryFiles }> {
    const queries = await QueryFiles.load([MIGRATIONS, 'sink'], this.queriesDir);
    queries.require([...Object.values(S), ...COMMIT_REPAIR_QUERIES, AWAIT_INDEXES, TAKE_LOCK, RELEASE_LOCK]);
    this.queries = queries;
    const driver = await openDriver(this.connection, { retrySeconds: this.options.retrySeconds });
    this.driver = driver;
    await this.guard({ step: 'connect' }, async () => {
      await migrate(driver, this.connection.database, queries, this.log);
      await takeDatabaseLock(driver, this.connection.database, queries, run.runId, this.options.lockMinutes);
      this.lockedRunId = run.runId;
    });
    return { driver, queries };
  }

  /**
   * The commit protocol's repair (docs/commit-protocol.md): the state folder's `latest` run, when
   * its written result never became current (a kill after `latest` moved), becomes current now;
   * runs left `running` by killed processes are marked failed. Each with a warning. Returns
   * whether `latest` was made current.
   */
  private async reconcile(latestRunId: string | null, runId: string): Promise<boolean> {
    const database = this.connection.database;
    const queries = this.queries!;
    let promoted = false;
    if (latestRunId !== null) {
      const state = await runState(this.opened(), database, queries, latestRunId);
      // still running while the state folder has sealed it: killed between moving latest and this step
      if (!state.current && state.status === 'running') {
        await this.promote({ runId: latestRunId, status: 'succeeded', finishedAt: new Date().toISOString(), counts: {} });
        this.log.warn({ sink: 'neo4j', run: latestRunId, wasCurrent: state.currentRunId }, 'neo4j: the latest run was sealed but never made current (killed after sealing); it is current now');
        promoted = true;
      } else if (!state.current && latestRunId !== runId && state.currentRunId !== null) {
        this.log.warn({ sink: 'neo4j', latest: latestRunId, current: state.currentRunId }, 'neo4j: the current run is not the state folder\'s latest (which did not write to Neo4j); this run replaces it');
      }
    }
    const abandoned = await abandonRuns(this.opened(), database, queries, [runId, ...(latestRunId ? [latestRunId] : [])]);
    if (abandoned.length > 0) this.log.warn({ sink: 'neo4j', runs: abandoned }, 'neo4j: runs left running by killed processes are marked failed');
    return promoted;
  }

  async complete(run: RunInfo, _counts: Record<string, number>): Promise<boolean> {
    await this.connect(run);
    return this.guard({ step: 'write', what: 'the run result' }, () => this.reconcile(run.runId, run.runId));
  }

  async write(output: RunOutput): Promise<SinkReport> {
    const driver = this.opened();
    const queries = this.queries!;
    const started = performance.now();
    const writer = new BatchWriter(driver, this.connection.database, this.options, this.log);
    const selection = selectScope(output, this.options.scope);
    const runId = output.run.runId;
    this.log.info(
      { sink: 'neo4j', scope: this.options.scope, accounts: selection.accountCount, identifiers: selection.identifierCount, uses: countUses(output, selection) },
      'neo4j write selection',
    );

    const statement = async <Row extends object>(
      name: keyof typeof S,
      rows: Iterable<Row>,
      params: Record<string, unknown> = {},
      options: { query?: keyof typeof S; batching?: Batching<Row> } = {},
    ): Promise<StatementStats> => {
      const text = queries.get(S[options.query ?? name]);
      const stats = await this.guard({ step: 'write', what: name }, () => writer.write(name, text, rows, params, options.batching));
      this.written[name] = stats.rows;
      await this.hooks.afterStatement?.(name);
      return stats;
    };

    // A kind of node the database holds none of yet (a first write) is CREATEd, not MERGEd: no
    // lookup per row. The uniqueness constraints still refuse a duplicate, and a rerun after a
    // failed first write finds nodes and MERGEs. Counted once, under the run's lock.
    const held = await this.guard({ step: 'write', what: 'accounts' }, () => this.graphCounts());
    this.log.info({ sink: 'neo4j', ...held }, 'neo4j graph before the write');

    // Only rows whose content changed are sent: each written Account and Identifier keeps the
    // hash of its row (row-hash.ts), read back here for tonight's scope. A kind of node the
    // database holds none of has nothing to compare with.
    const hashesStarted = performance.now();
    const storedIdentifiers = held.identifiers === 0 ? new Map<string, string>() : await this.storedHashes('identifierHashes', selectedKeys(output, selection));
    const ids = output.snapshot.accounts.ids;
    const storedAccounts = held.accounts === 0 ? new Map<string, string>() : await this.storedHashes('accountHashes', selectedIds(ids, selection));
    this.written.hashesRead = storedIdentifiers.size + storedAccounts.size;
    this.log.info({ sink: 'neo4j', ms: Math.round(performance.now() - hashesStarted), identifiers: storedIdentifiers.size, accounts: storedAccounts.size }, 'neo4j: content hashes of the nodes in scope read');

    // identifiers first, then accounts with their USES (see accountBatching)
    let unchangedIdentifiers = 0;
    const changedIdentifiers = function* (): Generator<IdentifierRow> {
      for (const row of identifierRows(output, selection)) {
        if (storedIdentifiers.get(row[0]) === row[6]) unchangedIdentifiers++;
        else yield row;
      }
    };
    await statement('identifiers', changedIdentifiers(), {}, { query: held.identifiers === 0 ? 'identifiersCreate' : 'identifiers' });
    this.written.identifiersUnchanged = unchangedIdentifiers;
    await this.guard({ step: 'write', what: 'identifiers' }, () => this.transaction((tx) => tx.run(queries.get(S.unmarkHubs))));
    const writtenAccounts = new Map<string, string>();
    const changedAccounts = function* (): Generator<AccountRow> {
      for (const row of accountRows(output, selection)) {
        if (storedAccounts.get(row[0]) === row[5]) continue;
        writtenAccounts.set(row[0], row[5]);
        yield row;
      }
    };
    const accounts = await statement('accounts', changedAccounts(), {}, { query: held.accounts === 0 ? 'accountsCreate' : 'accounts', batching: accountBatching });
    this.written.accounts = writtenAccounts.size;
    this.written.uses = accounts.rows - writtenAccounts.size;
    this.written.accountsUnchanged = selection.accountCount - writtenAccounts.size;
    this.written.usesUnchanged = countUses(output, selection) - this.written.uses;
    await statement('clusters', clusterRows(output), { runId });
    await statement('candidates', candidateRows(output), { runId });
    // created accounts have no USES to drop, and carry their hash already (accounts-create)
    if (held.accounts > 0) await statement('dropUnseenUses', accountIdentifierRows(output, selection, writtenAccounts));
    else this.written.dropUnseenUses = 0;
    await statement('members', memberRows(output));
    await statement('candidateFor', candidateRows(output));

    this.writeMs = Math.round(performance.now() - started);
    this.log.info({ sink: 'neo4j', ms: this.writeMs, ...this.written }, 'neo4j write done');
    return { sink: this.name, written: { ...this.written } };
  }

  async finish(run: RunInfo, status: 'succeeded' | 'failed', counts: Record<string, number>): Promise<void> {
    if (!this.driver || !this.queries) return;
    const queries = this.queries;
    const params = {
      runId: run.runId,
      status,
      finishedAt: new Date().toISOString(),
      counts: integerCounts({ ...counts, ...prefixed('written', this.written), writeMs: this.writeMs }),
    };
    if (status === 'failed') {
      // best effort and fast: one auto-commit statement, no retries (Neo4j may be what failed)
      const session = this.driver.session({ database: this.connection.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        await session.run(queries.get(S.finishRun), params);
      } finally {
        await session.close();
      }
      return;
    }
    const started = performance.now();
    await this.guard({ step: 'write', what: 'the run result' }, () => this.promote(params));
    this.log.info({ sink: 'neo4j', runId: run.runId, ms: Math.round(performance.now() - started) }, 'neo4j: this run is now the current result');
    try {
      await this.transaction((tx) => tx.run(queries.get(S.pruneClusters), { keepRuns: neo4j.int(this.options.keepRuns) }));
    } catch (err) {
      this.log.warn({ sink: 'neo4j', error: (err as Error).message.split('\n')[0] }, 'neo4j: pruning old cluster versions failed; the next run retries');
    }
  }

  /** One transaction: the run succeeded and its result is :Current (the commit protocol's last step). */
  private async promote(params: { runId: string; status: string; finishedAt: string; counts: Record<string, Integer | number> }): Promise<void> {
    const queries = this.queries!;
    await this.transaction(async (tx) => {
      await tx.run(queries.get(S.finishRun), params);
      await tx.run(queries.get(S.promoteRun), params);
      await tx.run(queries.get(S.promoteClusters), params);
      await tx.run(queries.get(S.promoteCandidates), params);
      await tx.run(queries.get(S.retireCandidates), params);
      await tx.run(queries.get(S.dropStaleStaging), params);
    });
  }

  async close(): Promise<void> {
    const driver = this.driver;
    if (driver && this.queries && this.lockedRunId) {
      await releaseDatabaseLock(driver, this.connection.database, this.queries, this.lockedRunId).catch(() => undefined);
    }
    this.lockedRunId = null;
    this.driver = null;
    await driver?.close();
  }

  private storedHashes(query: 'accountHashes' | 'identifierHashes', keys: Iterable<string>): Promise<Map<string, string>> {
    return this.guard({ step: 'write', what: 'content hashes' }, () => readStoredHashes(this.opened(), this.connection.database, this.queries!.get(S[query]), keys, this.options));
  }

  private async graphCounts(): Promise<{ accounts: number; identifiers: number; uses: number }> {
    const session = this.opened().session({ database: this.connection.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(this.queries!.get(S.graphCounts)));
      const record = result.records[0]!;
      const n = (key: string): number => (record.get(key) as Integer).toNumber();
      return { accounts: n('accounts'), identifiers: n('identifiers'), uses: n('uses') };
    } finally {
      await session.close();
    }
  }

  private opened(): Driver {
    if (!this.driver) throw new Error('Neo4jSink used before open()');
    return this.driver;
  }

  private async transaction<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.opened().session({ database: this.connection.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  /** Runs Neo4j work, turning failures a user can fix into SinkUnavailableError. */
  private async guard<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw describeNeo4jError(err, this.connection, phase) ?? err;
    }
  }
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) out[`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
  return out;
}

/** Run counts as separate properties: integers as Neo4j integers, anything else as a float. */
function integerCounts(counts: Record<string, number>): Record<string, Integer | number> {
  const out: Record<string, Integer | number> = {};
  for (const [k, v] of Object.entries(counts)) out[k] = Number.isInteger(v) ? neo4j.int(v) : v;
  return out;
}

function* selectedKeys(output: RunOutput, selection: { identifiers: Uint8Array }): Generator<string> {
  const { kinds, kindOf, values } = output.snapshot.identifiers;
  for (let i = 0; i < values.length; i++) if (selection.identifiers[i]) yield identifierKey(kinds[kindOf[i]!]!, values.at(i));
}

function* selectedIds(ids: readonly string[], selection: { accounts: Uint8Array }): Generator<string> {
  for (let a = 0; a < ids.length; a++) if (selection.accounts[a]) yield ids[a]!;
}
