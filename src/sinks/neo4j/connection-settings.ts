import { SinkUnavailableError } from '../../errors.js';

/** Where the Neo4j sink writes. The password stays in here: it is never logged or put in a message. */
export interface ConnectionSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** The local development server's password (tools/neo4j-local); production sets NEO4J_PASSWORD. */
export const DEV_PASSWORD = 'fraud-rings-dev';

const schemes = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

/** Reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE; empty values count as unset. */
export function connectionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const uri = env.NEO4J_URI || 'bolt://127.0.0.1:7687';
  const settings = {
    uri,
    user: env.NEO4J_USER || 'neo4j',
    password: env.NEO4J_PASSWORD || DEV_PASSWORD,
    database: env.NEO4J_DATABASE || 'neo4j',
  };
  checkUri(uri);
  return settings;
}

function checkUri(uri: string): void {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new SinkUnavailableError(`NEO4J_URI is not a URI: ${displayUri(uri)}`);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw new SinkUnavailableError(`NEO4J_URI must start with ${schemes.map((s) => `${s}://`).join(', ')}: ${displayUri(uri)}`);
  }
  if (!parsed.hostname) throw new SinkUnavailableError(`NEO4J_URI has no host: ${displayUri(uri)}`);
}

/**
 * The URI as it may appear in logs and messages: user info (a password, perhaps) removed in every
 * spelling (`bolt://u:p@h`, `neo4j:p@h:1` without `//`, `u:p@h` without a scheme, a password
 * holding `@`), and the query and fragment dropped (`?password=…`).
 */
export function displayUri(uri: string): string {
  const withoutQuery = uri.replace(/[?#].*$/s, '');
  const scheme = /^[a-z][a-z0-9+.-]*:(?:\/\/)?/i.exec(withoutQuery)?.[0] ?? '';
  const rest = withoutQuery.slice(scheme.length);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at !== -1) return scheme + rest.slice(at + 1);
  // `user:password@host` parses as scheme `user:`; with no `@` there is no user info to remove
  const bare = withoutQuery.lastIndexOf('@', slash === -1 ? undefined : scheme.length + slash);
  return bare === -1 ? withoutQuery : withoutQuery.slice(bare + 1);
}
