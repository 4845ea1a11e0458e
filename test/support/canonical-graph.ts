import neo4j, { type Driver } from 'neo4j-driver';
import { settings } from './neo4j-test-server.js';

/** Properties that hold when a run happened, or counts named after the sink that wrote them. */
const volatile: Record<string, (key: string) => boolean> = {
  PipelineRun: (k) => ['startedAt', 'finishedAt', 'writeMs'].includes(k) || /^(neo4j|written)/.test(k),
  FraudCluster: (k) => k === 'foundAt',
  BlacklistCandidate: (k) => k === 'lastFlaggedAt',
  PipelineLock: (k) => k === 'checkedAt',
};

/**
 * Every node (sorted labels, properties with their types) and relationship (type, ends,
 * properties) as sorted lines: two graphs are the same when these are. Times of the run, and any
 * property named in `ignore`, are left out.
 */
export async function canonicalGraph(driver: Driver, ignore: readonly string[] = [], options: { skipLabels?: readonly string[] } = {}): Promise<{ nodes: string[]; relationships: string[] }> {
  // records as the driver gives them: integers stay Integer, so a long and a double differ
  const rows = async <T>(query: string): Promise<T[]> => (await driver.executeQuery(query, {}, { database: settings.database })).records.map((r) => r.toObject() as T);
  const skip = options.skipLabels ?? [];
  const text = (value: unknown): string =>
    JSON.stringify(value, (_, v: unknown) =>
      neo4j.isInt(v) ? `int ${v.toString()}` : v && typeof v === 'object' && !Array.isArray(v) && v.constructor !== Object ? `${v.constructor.name} ${String(v)}` : typeof v === 'number' ? `float ${v}` : v,
    );
  const stable = (labels: string[], props: Record<string, unknown>): Record<string, unknown> => {
    const drop = labels.map((l) => volatile[l]).find(Boolean) ?? (() => false);
    return Object.fromEntries(Object.entries(props).filter(([k]) => !drop(k) && !ignore.includes(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const nodes = (await rows<{ labels: string[]; p: Record<string, unknown> }>('MATCH (n) RETURN apoc.coll.sort(labels(n)) AS labels, properties(n) AS p')).filter((n) => !n.labels.some((l) => skip.includes(l)));
  const id = (x: string) => `coalesce(${x}.key, ${x}.runId, ${x}.accountId, ${x}.name)`;
  const relationships = await rows<{ t: string; a: string; al: string[]; b: string; bl: string[]; p: Record<string, unknown> }>(
    `MATCH (a)-[r]->(b) RETURN type(r) AS t, labels(a) AS al, ${id('a')} AS a, labels(b) AS bl, ${id('b')} AS b, properties(r) AS p`,
  );
  return {
    nodes: nodes.map((n) => text([n.labels, stable(n.labels, n.p)])).sort(),
    // an end's labels come in the order the store keeps them, which an import and Bolt writes need not share
    relationships: relationships.map((r) => text([r.t, [...r.al].sort(), r.a, [...r.bl].sort(), r.b, r.p])).sort(),
  };
}
