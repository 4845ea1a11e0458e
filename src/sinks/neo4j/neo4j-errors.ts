import { SinkUnavailableError } from '../../errors.js';
import { displayUri, type ConnectionSettings } from './connection-settings.js';

/** What the sink was doing when Neo4j failed: connecting (open) or writing a statement. */
export type Phase = { step: 'connect' } | { step: 'write'; what: string };

/** The fields of a driver error the sink branches on (a Neo4jError, or anything thrown near one). */
interface DriverErrorLike {
  code?: unknown;
  message?: unknown;
}

const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Turns a driver error a user can fix (server down, wrong credentials, missing database, Neo4j
 * going away mid-write) into a one-line SinkUnavailableError. Returns null for anything else
 * (a Cypher error is a bug and stays one). Messages never carry the password or URI user info.
 */
export function describeNeo4jError(err: unknown, settings: ConnectionSettings, phase: Phase): SinkUnavailableError | null {
  const { code, message } = fields(err);
  const uri = displayUri(settings.uri);
  const user = settings.user;
  const at = `Neo4j at ${uri}`;
  let text: string | null = null;
  if (unavailableCodes.has(code)) {
    const reason = networkReason(message);
    text = phase.step === 'connect' ? `cannot reach ${at}: ${reason}` : `lost the connection to ${at} while writing ${phase.what}: ${reason}`;
  } else if (code === 'Neo.ClientError.Security.Unauthorized') {
    text = `Neo4j refused the credentials for user ${user} (check NEO4J_USER and NEO4J_PASSWORD)`;
  } else if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    text = `Neo4j locked out user ${user} after too many failed logins; wait, then check NEO4J_PASSWORD`;
  } else if (code === 'Neo.ClientError.Security.CredentialsExpired') {
    text = `the password of Neo4j user ${user} has expired; change it in Neo4j and set NEO4J_PASSWORD`;
  } else if (code === 'Neo.ClientError.Security.Forbidden' || code === 'Neo.ClientError.Security.AuthorizationExpired') {
    text = `Neo4j user ${user} may not write to database ${settings.database} at ${uri}`;
  } else if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    text = `${at} has no database ${settings.database} (set NEO4J_DATABASE or create the database)`;
  } else if (code === 'Neo.TransientError.General.DatabaseUnavailable') {
    text = `database ${settings.database} of ${at} is unavailable (stopped or still starting)`;
  } else if (phase.step === 'connect' && code !== '') {
    // any other server answer while connecting: still "the sink is unavailable", with its first line
    text = `${at} failed while connecting: ${redact(firstLine(message), settings.password)}`;
  }
  if (text === null) return null;
  return new SinkUnavailableError(text, { cause: err });
}

/** The socket-level reason the driver folds into its message ("Caused by: connect ECONNREFUSED …"). */
export function networkReason(message: string): string {
  const cause = /Caused by: (.*)$/m.exec(message)?.[1] ?? message;
  if (/ECONNREFUSED/.test(cause)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(cause)) return 'host not found';
  if (/ETIMEDOUT|timed out|timeout/i.test(cause)) return 'connection timed out';
  if (/ECONNRESET|EPIPE|closed|terminated/i.test(cause)) return 'connection closed by the server';
  if (/certificate|SSL|TLS|encryption/i.test(cause)) return 'TLS handshake failed (check the URI scheme: bolt:// or bolt+s://)';
  if (/EHOSTUNREACH|ENETUNREACH/.test(cause)) return 'host unreachable';
  return 'server unavailable';
}

function fields(err: unknown): { code: string; message: string } {
  if (err === null || typeof err !== 'object') return { code: '', message: String(err) };
  const e = err as DriverErrorLike;
  return { code: typeof e.code === 'string' ? e.code : '', message: typeof e.message === 'string' ? e.message : '' };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Belt and braces for text the server wrote: it must not echo the password into our message. */
function redact(text: string, password: string): string {
  return password.length > 0 ? text.split(password).join('***') : text;
}
