import { describe, expect, it } from 'vitest';
import { kindLabel } from '../../../src/sinks/neo4j/kind-label.js';

describe('kindLabel', () => {
  it('turns kinds into PascalCase labels', () => {
    expect(['device', 'address', 'payment_instrument', 'phone', 'email', 'ip', 'national_id', 'tax_id_2'].map(kindLabel)).toEqual([
      'Device',
      'Address',
      'PaymentInstrument',
      'Phone',
      'Email',
      'IP',
      'NationalId',
      'TaxId2',
    ]);
  });

  it('never lends an identifier a label the graph uses for something else', () => {
    expect(kindLabel('account')).toBe('AccountIdentifier');
    expect(kindLabel('current')).toBe('CurrentIdentifier');
  });

  it('refuses anything that would not be a plain label', () => {
    expect(() => kindLabel('9lives')).toThrow(/valid label/);
    expect(() => kindLabel('a`) DETACH DELETE (n')).toThrow(/valid label/);
    expect(() => kindLabel('')).toThrow(/valid label/);
  });
});
