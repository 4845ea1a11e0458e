import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ExitCode, SinkUnavailableError } from '../../../src/errors.js';
import { describeNeo4jError, networkReason } from '../../../src/sinks/neo4j/neo4j-errors.js';

const settings = { uri: 'bolt://neo4j:pw-in-uri@127.0.0.1:7687', user: 'neo4j', password: 'Pa55word!', database: 'fraud' };
const driverError = (code: string, message: string) => new neo4j.Neo4jError(message, code as never, '50N42', 'error');
const refused =
  'Failed to connect to server. Please ensure that your database is listening on the correct host and port and that you have compatible encryption settings both on Neo4j server and driver. Note that the default encryption setting has changed in Neo4j 4.0. Caused by: connect ECONNREFUSED 127.0.0.1:7687';

describe('describeNeo4jError', () => {
  it('names an unreachable server with the reason, the URI without user info, one line', () => {
    const err = describeNeo4jError(driverError('ServiceUnavailable', refused), settings, { step: 'connect' })!;
    expect(err).toBeInstanceOf(SinkUnavailableError);
    expect(err.exitCode).toBe(ExitCode.sinkUnavailable);
    expect(err.message).toBe('cannot reach Neo4j at bolt://127.0.0.1:7687: connection refused');
  });

  it('says the connection was lost, and during which statement, when Neo4j goes away mid-write', () => {
    const err = describeNeo4jError(driverError('SessionExpired', 'Connection closed'), settings, { step: 'write', what: 'uses' })!;
    expect(err.message).toBe('lost the connection to Neo4j at bolt://127.0.0.1:7687 while writing uses: connection closed by the server');
  });

  it('explains refused credentials without the password', () => {
    const err = describeNeo4jError(driverError('Neo.ClientError.Security.Unauthorized', 'The client is unauthorized due to authentication failure.'), settings, { step: 'connect' })!;
    expect(err.message).toMatch(/^Neo4j refused the credentials for user neo4j/);
    expect(err.message).not.toContain(settings.password);
  });

  it('names a missing database', () => {
    const err = describeNeo4jError(driverError('Neo.ClientError.Database.DatabaseNotFound', 'Graph not found: fraud'), settings, { step: 'connect' })!;
    expect(err.message).toBe('Neo4j at bolt://127.0.0.1:7687 has no database fraud (set NEO4J_DATABASE or create the database)');
  });

  it('keeps Cypher errors during writes as bugs', () => {
    expect(describeNeo4jError(driverError('Neo.ClientError.Statement.SyntaxError', 'Invalid input'), settings, { step: 'write', what: 'accounts' })).toBeNull();
    expect(describeNeo4jError(new TypeError('boom'), settings, { step: 'write', what: 'accounts' })).toBeNull();
  });

  it('redacts the password should the server ever echo it', () => {
    const err = describeNeo4jError(driverError('Neo.ClientError.General.Odd', `odd: ${settings.password}`), settings, { step: 'connect' })!;
    expect(err.message).toBe('Neo4j at bolt://127.0.0.1:7687 failed while connecting: odd: ***');
  });
});

describe('networkReason', () => {
  it('reads the socket error the driver folds into its message', () => {
    expect(networkReason('… Caused by: getaddrinfo ENOTFOUND graph.invalid')).toBe('host not found');
    expect(networkReason('Connection acquisition timed out in 60000 ms')).toBe('connection timed out');
    expect(networkReason('something else')).toBe('server unavailable');
  });
});
