import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { rowHash } from '../../../src/sinks/neo4j/row-hash.js';

describe('rowHash', () => {
  it('is the same for the same content and differs when any field does, integers included', () => {
    const row = ['A1', neo4j.int(1_700_000_000_000), 'fraud', { country: 'GB' }, [['device:x', neo4j.int(1), null]]];
    expect(rowHash(row)).toBe(rowHash(['A1', neo4j.int(1_700_000_000_000), 'fraud', { country: 'GB' }, [['device:x', neo4j.int(1), null]]]));
    expect(rowHash(row)).toMatch(/^[\w-]{22}$/);
    expect(rowHash(['A1', neo4j.int(1_700_000_000_001), 'fraud', { country: 'GB' }, [['device:x', neo4j.int(1), null]]])).not.toBe(rowHash(row));
    expect(rowHash(['A1', neo4j.int(1_700_000_000_000), 'fraud', { country: 'GB' }, [['device:x', neo4j.int(2), null]]])).not.toBe(rowHash(row));
    expect(rowHash(['A1', neo4j.int(1_700_000_000_000), null, { country: 'GB' }, [['device:x', neo4j.int(1), null]]])).not.toBe(rowHash(row));
  });
});
