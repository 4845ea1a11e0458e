import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/normalise/clean-text.js';
import { canonicaliseDevice as canonicaliseCleanDevice } from '../../src/normalise/device.js';

const canonicaliseDevice = (raw: string): string => canonicaliseCleanDevice(cleanText(raw));

describe('canonicaliseDevice', () => {
  it('lowercases and strips braces and whitespace', () => {
    expect(canonicaliseDevice('{6F9619FF-8B86-D011-B42D-00C04FC964FF}')).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    expect(canonicaliseDevice('{ 6f9619ff-8b86 d011-b42d-00c04fc964ff }')).toBe('6f9619ff-8b86d011-b42d-00c04fc964ff');
  });

  it('keeps fingerprints that are not UUIDs', () => {
    expect(canonicaliseDevice('FP:ab12/CD34')).toBe('fp:ab12/cd34');
  });

  it('leaves the all-zero UUID to the zero-filler rule (it becomes zeros and dashes)', () => {
    expect(canonicaliseDevice('{00000000-0000-0000-0000-000000000000}')).toBe('00000000-0000-0000-0000-000000000000');
  });
});
