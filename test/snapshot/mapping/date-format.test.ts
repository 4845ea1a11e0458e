import { describe, expect, it } from 'vitest';
import { compileDateFormat, type DateReader } from '../../../src/snapshot/mapping/date-format.js';
import { fileMatcher } from '../../../src/snapshot/mapping/file-pattern.js';

const reader = (format: string) => compileDateFormat(format) as DateReader;

describe('compileDateFormat', () => {
  it('reads the formats exports write into the ISO 8601 text the contract reads', () => {
    expect(reader('dd/MM/yyyy HH:mm')('30/07/2026 10:15')).toBe('2026-07-30T10:15:00Z');
    expect(reader('MM/dd/yyyy')(' 07/30/2026 ')).toBe('2026-07-30T00:00:00Z');
    expect(reader('d.M.yyyy H:mm:ss.SSS')('3.7.2026 9:05:01.250')).toBe('2026-07-03T09:05:01.250Z');
    expect(reader('epoch_seconds')('1785406500')).toBe('2026-07-30T10:15:00Z');
    expect(reader('epoch_millis')('1785406500000')).toBe('2026-07-30T10:15:00Z');
  });

  it('refuses cells that do not fit, and days the calendar does not have', () => {
    expect(reader('dd/MM/yyyy')('2026-07-30')).toBeNull();
    expect(reader('dd/MM/yyyy')('31/02/2026')).toBeNull();
    expect(reader('dd/MM/yyyy HH:mm')('30/07/2026 24:00')).toBeNull();
    expect(reader('epoch_seconds')('soon')).toBeNull();
  });

  it('says why a format is none', () => {
    expect(compileDateFormat('HH:mm')).toMatch(/has no year/);
    expect(compileDateFormat('yyyy-MM-dd dd')).toMatch(/gives a field twice/);
  });
});

describe('fileMatcher', () => {
  it('matches a name itself, or a glob on names', () => {
    expect(fileMatcher('USED.parquet')('USED.parquet')).toBe(true);
    expect(fileMatcher('USED.parquet')('USEDxparquet')).toBe(false);
    expect(fileMatcher('USED-*.parquet')('USED-0001.parquet')).toBe(true);
    expect(fileMatcher('USED-*.parquet')('HAS_CC-0001.parquet')).toBe(false);
    expect(fileMatcher('part-?.csv.gz')('part-1.csv.gz')).toBe(true);
    expect(fileMatcher('part-?.csv.gz')('part-12.csv.gz')).toBe(false);
  });
});
