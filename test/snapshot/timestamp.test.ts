import { describe, expect, it } from 'vitest';
import { isEpochMillis, timestampFromBytes } from '../../src/snapshot/timestamp.js';

const parse = (text: string) => {
  const b = Buffer.from(`,${text},`);
  return timestampFromBytes(b, 1, b.length - 1);
};

describe('timestampFromBytes', () => {
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

  it('reads toISOString output (milliseconds) as Date.parse does, in every year from 0001 on', () => {
    for (let ms = Date.UTC(1, 0, 1); ms < Date.UTC(2300, 0, 1); ms += 86_400_000 * 97 + 3_723_457) {
      const text = new Date(ms).toISOString();
      expect(parse(text), text).toBe(ms);
    }
  });

  it('reads fractions of any length, offsets, a space for T, no seconds, and a date alone', () => {
    const at = Date.UTC(2026, 6, 30, 12, 34, 56);
    expect(parse('2026-07-30T12:34:56.5Z')).toBe(at + 500);
    expect(parse('2026-07-30T12:34:56.123456789Z')).toBe(at + 123);
    expect(parse('2026-07-30T12:34:56.9999999999999Z')).toBe(at + 999);
    expect(parse('2026-07-30T14:34:56+02:00')).toBe(at);
    expect(parse('2026-07-30T07:34:56-05:00')).toBe(at);
    expect(parse('2026-07-30T18:04:56+0530')).toBe(at);
    expect(parse('2026-07-30T12:34:56.250-0000')).toBe(at + 250);
    expect(parse('2026-07-31T00:04:56.000+11:30')).toBe(at);
    expect(parse('2026-07-30 12:34:56')).toBe(at);
    expect(parse('2026-07-30 12:34:56Z')).toBe(at);
    expect(parse('2026-07-30T12:34:56')).toBe(at);
    expect(parse('2026-07-30T12:34')).toBe(at - 56_000);
    expect(parse('2026-07-30')).toBe(Date.UTC(2026, 6, 30));
    // every form with an offset or Z agrees with Date.parse
    for (const text of ['2026-07-30T14:34:56+02:00', '2026-07-30T12:34:56.123Z', '2026-07-30T18:04:56+0530', '2026-07-30', '2026-07-30T12:34Z'])
      expect(parse(text), text).toBe(Date.parse(text));
  });

  it('reads epoch seconds and milliseconds, but no number that may be a 13-digit card number', () => {
    expect(parse('1785414896')).toBe(1_785_414_896_000);
    expect(parse('999999999')).toBe(999_999_999_000);
    expect(parse('1785414896123')).toBe(1_785_414_896_123);
    expect(parse('999999999999')).toBe(999_999_999_999);
    for (const text of ['4111111111111', '0123456789', '12345678', '12345678901', '12345678901234', '17854148961.5', '-1785414896'])
      expect(parse(text), text).toBeUndefined();
    expect(isEpochMillis(Buffer.from('1785414896123'), 0, 13)).toBe(true);
    expect(isEpochMillis(Buffer.from('4111111111111'), 0, 13)).toBe(false);
    expect(isEpochMillis(Buffer.from('1785414896'), 0, 10)).toBe(false);
  });

  it('rejects every impossible date, time or offset and every other spelling', () => {
    for (const text of [
      '2023-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-10T00:00:00Z', '2024-01-00T00:00:00Z',
      '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:60Z', '2024-01-0aT00:00:00Z', '20x4-01-01T00:00:00Z',
      '2024-01-01T00:00:00.Z', '2024-01-01T00:00:00+24:00', '2024-01-01T00:00:00+01:60', '2024-01-01T00:00:00+01', '2024-01-01T00:00:00+1:00',
      '2024-01-01T00:00:00ZZ', '2024-01-01t00:00:00Z', '2024-01-01T00:00:00z', '2024-01-01T0:00:00Z', '2024-01-01T00', '2024-1-01', '2024/01/01',
      ' 2024-01-01', '2024-01-01 ', 'yesterday',
    ])
      expect(parse(text), text).toBeUndefined();
    expect(parse('')).toBeNaN();
  });
});
