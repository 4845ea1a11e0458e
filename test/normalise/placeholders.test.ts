import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { containsCardNumber } from '../../src/normalise/card-numbers-in-text.js';
import { configuredNormaliser } from '../../src/normalise/configured-normaliser.js';
import type { PanKey } from '../../src/normalise/pan-key.js';
import { defaultPlaceholders, isZeroFiller } from '../../src/normalise/placeholders.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

describe('defaultPlaceholders', () => {
  it('holds the agreed list, lowercase and frozen', () => {
    expect(defaultPlaceholders).toContain('unknown');
    expect(defaultPlaceholders).toContain('test@test.com');
    expect(defaultPlaceholders).toContain('00000000-0000-0000-0000-000000000000');
    expect(defaultPlaceholders).toHaveLength(20);
    for (const p of defaultPlaceholders) expect(p).toBe(p.toLowerCase());
    expect(Object.isFrozen(defaultPlaceholders)).toBe(true);
  });
});

describe('isZeroFiller', () => {
  it('flags values made of zeros, dashes, dots, spaces and braces only', () => {
    for (const v of ['0', '000', '-', '---', '.', '0.0.0.0', '00000000-0000-0000-0000-000000000000', '{00000000-0000-0000-0000-000000000000}', '0 0 0', '']) {
      expect(isZeroFiller(v), v).toBe(true);
    }
  });

  it('keeps anything else', () => {
    for (const v of ['10', '0.0.0.1', 'o', '00000000-0000-0000-0000-000000000001', '+000']) {
      expect(isZeroFiller(v), v).toBe(false);
    }
  });
});

describe('placeholders are recognised before any card number is tokenised', () => {
  const key = 'placeholder-test-key-0123';
  const settings = { placeholders: [...defaultPlaceholders, '4111 1111 1111 1111'], defaultCountryCode: '44', panHashKeyEnv: 'UNUSED' };
  const { normalise, tokeniseCardNumbers } = configuredNormaliser(settings, { key } as PanKey);
  // what the loader does to every identifier value: tokenise card numbers, then normalise
  const loaded = (kind: string, raw: string) => normalise(kind, tokeniseCardNumbers(raw));

  it('never turns the all-zero UUID or zero card filler into a card token', () => {
    for (const raw of ['00000000-0000-0000-0000-000000000000', '{00000000-0000-0000-0000-000000000000}', '0000000000000000', '0000 0000 0000 0000', '0000-0000-0000-0000']) {
      expect(tokeniseCardNumbers(raw), raw).toBe(raw);
      expect(containsCardNumber(raw), raw).toBe(false);
      for (const kind of ['device', 'payment_instrument', 'phone', 'generic_kind']) expect(loaded(kind, raw), `${kind} ${raw}`).toBeNull();
    }
  });

  it('drops a configured placeholder that is a card number under any kind, while a real card still links', () => {
    for (const raw of ['4111 1111 1111 1111', '4111111111111111', '4111-1111-1111-1111']) {
      expect(tokeniseCardNumbers(raw)).toMatch(/^pan:/);
      for (const kind of ['device', 'payment_instrument', 'email', 'generic_kind']) expect(loaded(kind, raw), `${kind} ${raw}`).toBeNull();
    }
    const real = loaded('device', '5105 1051 0510 5100');
    expect(real).not.toBeNull();
    expect(real!.value).toMatch(/^pan:[0-9a-f]{32}$/);
  });

  it('links no accounts through placeholders in a loaded snapshot, whatever their spelling', async () => {
    const dir = await folderWith({
      'accounts.csv': 'account_id\nA1\nA2\nA3\n',
      'identifiers.csv': [
        'account_id,kind,value',
        'A1,device,00000000-0000-0000-0000-000000000000',
        'A2,device,{00000000-0000-0000-0000-000000000000}',
        'A3,device,00000000-0000-0000-0000-000000000000',
        'A1,payment_instrument,0000 0000 0000 0000',
        'A2,payment_instrument,0000000000000000',
        'A2,device,4111 1111 1111 1111',
        'A3,device,4111111111111111',
        'A3,device,d-real',
      ].join('\n'),
    });
    const rejects = new RejectsFile(join(await tempDir(), 'rejects.csv'));
    const snapshot = await loadSnapshot(dir, { normalise, tokeniseCardNumbers, rejects, maxRejectShare: 0 });
    await rejects.close();
    expect(snapshot.placeholderRows).toBe(7);
    expect(snapshot.links.account.length).toBe(1);
    expect(snapshot.identifiers.values.at(snapshot.links.identifier[0]!)).toBe('d-real');
  });
});
