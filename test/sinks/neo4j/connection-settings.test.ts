import { describe, expect, it } from 'vitest';
import { SinkUnavailableError } from '../../../src/errors.js';
import { connectionSettingsFromEnv, DEV_PASSWORD, displayUri } from '../../../src/sinks/neo4j/connection-settings.js';

describe('connectionSettingsFromEnv', () => {
  it('defaults to the local development server', () => {
    expect(connectionSettingsFromEnv({})).toEqual({ uri: 'bolt://127.0.0.1:7687', user: 'neo4j', password: DEV_PASSWORD, database: 'neo4j' });
  });

  it('reads NEO4J_* and treats empty values as unset', () => {
    const env = { NEO4J_URI: 'neo4j+s://graph.example:7687', NEO4J_USER: 'writer', NEO4J_PASSWORD: 's3cret', NEO4J_DATABASE: '' };
    expect(connectionSettingsFromEnv(env)).toEqual({ uri: 'neo4j+s://graph.example:7687', user: 'writer', password: 's3cret', database: 'neo4j' });
  });

  it('refuses a URI that is not a Bolt or Neo4j URI, without echoing its user info', () => {
    const bad = () => connectionSettingsFromEnv({ NEO4J_URI: 'http://admin:hunter2@graph.example:7474' });
    expect(bad).toThrow(SinkUnavailableError);
    expect(bad).toThrow(/must start with bolt:\/\//);
    try {
      bad();
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
      expect((err as Error).message).toContain('http://graph.example:7474');
    }
    expect(() => connectionSettingsFromEnv({ NEO4J_URI: 'not a uri' })).toThrow(/NEO4J_URI is not a URI/);
  });
});

describe('displayUri', () => {
  it('drops user info and keeps everything else', () => {
    expect(displayUri('bolt://neo4j:pw@127.0.0.1:7687')).toBe('bolt://127.0.0.1:7687');
    expect(displayUri('neo4j+s://user@host.example')).toBe('neo4j+s://host.example');
    expect(displayUri('bolt://127.0.0.1:7687')).toBe('bolt://127.0.0.1:7687');
  });
});
