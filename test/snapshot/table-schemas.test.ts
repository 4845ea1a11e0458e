import { describe, expect, it } from 'vitest';
import { utcSecondsFromBytes } from '../../src/snapshot/table-schemas.js';

const parse = (text: string) => {
  const b = Buffer.from(`,${text},`);
  return utcSecondsFromBytes(b, 1, b.length - 1);
};

describe('utcSecondsFromBytes', () => {
  it('gives Date.parse of every valid YYYY-MM-DDTHH:MM:SSZ across four centuries, leap days included', () => {
    let checked = 0;
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2300, 0, 1); ms += 86_400_000 * 7 + 3_723_000) {
      const text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      expect(parse(text)).toBe(Date.parse(text));
      checked++;
    }
    for (const leap of ['2000-02-29T00:00:00Z', '2024-02-29T23:59:59Z', '1904-02-29T12:00:00Z']) expect(parse(leap)).toBe(Date.parse(leap));
    expect(checked).toBeGreaterThan(20_000);
  });

  it('leaves every impossible date or time and every other spelling to the general path', () => {
    for (const text of ['2023-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-10T00:00:00Z', '2024-01-00T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:60Z', '2024-01-0aT00:00:00Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00+01:00', '2024-01-01T00:00:00.000Z', '20x4-01-01T00:00:00Z'])
      expect(parse(text), text).toBeUndefined();
    expect(parse('')).toBeNaN();
  });
});
