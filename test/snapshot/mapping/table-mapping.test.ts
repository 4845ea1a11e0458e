import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.js';
import { UserError } from '../../../src/errors.js';

const wide = { file: 'customers.csv', table: 'accounts', columns: { account_id: 'id' }, identifierColumns: { email: 'email' } };

describe('input.tables in the config', () => {
  it('is read with its defaults, and accountIdsAreKeys is off unless set', () => {
    const { config } = parseConfig({ input: { tables: [wide] } });
    expect(config.input.tables).toEqual([{ ...wide, constants: {}, dateFormats: {} }]);
    expect(config.input.accountIdsAreKeys).toBe(false);
    expect(parseConfig({}).config.input.tables).toBeUndefined();
  });

  it('is as strict as the rest of the config, one line each', () => {
    const refused = (tables: unknown) => {
      try {
        parseConfig({ input: { tables } }, 'my.json');
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(refused([{ ...wide, colums: {} }])).toBe('my.json: unknown setting input.tables.0.colums (did you mean columns?)');
    expect(refused([{ ...wide, table: 'account' }])).toMatch(/^my\.json: input\.tables\.0\.table: /);
    expect(refused([{ ...wide, identifierColumns: { email: 'email', mail: 'Email' } }])).toBe('my.json: input.tables.0.identifierColumns.mail: kind email is given twice (columns email and mail)');
    expect(refused([{ file: 'USED.parquet', table: 'identifiers', columns: { acount_id: 'from_user_id' } }])).toMatch(/input\.tables\.0\.columns\.acount_id: identifiers has no column acount_id/);
    expect(refused([{ file: 'USED.parquet', table: 'identifiers', constants: { kind: 'Not A Kind!' } }])).toMatch(/constants\.kind: kind must be a lowercase token/);
    expect(refused([{ file: 'USED.parquet', table: 'identifiers', identifierColumns: { a: 'device' } }])).toMatch(/identifierColumns: identifier columns \(wide form\) belong to a mapping of table accounts/);
    expect(refused([{ ...wide, dateFormats: { signup: 'HH:mm' } }])).toMatch(/dateFormats\.signup: date format "HH:mm" has no year/);
    expect(refused([{ ...wide, file: 'exports/customers.csv' }])).toMatch(/input\.tables\.0\.file: a file name or a glob on names, without folders/);
  });
});
