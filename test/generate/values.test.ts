import { isLuhnValid } from '../../src/normalise/card-number.js';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/generate/places.js';
import { Prng } from '../../src/generate/prng.js';
import { UniqueNumbers } from '../../src/generate/unique-numbers.js';
import { sharedDeliveryAddress, spellAddress, streetAddress } from '../../src/generate/values/address.js';
import { deviceId, respellDevice } from '../../src/generate/values/device.js';
import { emailAddress, emailVariant } from '../../src/generate/values/email.js';
import { ipv4 } from '../../src/generate/values/ip.js';
import { cardNumber, luhnCheckDigit, spellCardNumber } from '../../src/generate/values/payment-instrument.js';
import { nationalNumber, spellPhone } from '../../src/generate/values/phone.js';
import { createNormaliser, defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';

// The pipeline's own normaliser: every spelling the generator varies must fold back to one value.
const normalise = createNormaliser({ placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' });
const canonical = (kind: string, value: string): string | undefined => normalise(kind, value)?.value;


describe('address values', () => {
  it('spells one address many ways that the pipeline folds into one', () => {
    const p = Prng.from(1);
    for (let c = 0; c < COUNTRIES.length; c++) {
      for (const unique of [0, 17, 123_456, 2_000_000, 9_999_999]) {
        for (const address of [streetAddress(c, unique), sharedDeliveryAddress(c, unique, unique % 500)]) {
          const spellings = new Set(Array.from({ length: 40 }, () => spellAddress(address, p)));
          expect(spellings.size).toBeGreaterThan(3);
          const folded = new Set([...spellings].map((s) => canonical('address', s)));
          expect(folded.size, [...spellings].join(' | ')).toBe(1);
        }
      }
    }
  });

  it('gives different slots different places, also after folding', () => {
    const numbers = new UniqueNumbers(22, 5);
    const seen = new Set<string>();
    for (let slot = 0; slot < 60_000; slot++) {
      const c = slot % COUNTRIES.length;
      seen.add(`${canonical('address', streetAddress(c, numbers.of(slot)).segments.join(', '))}`);
    }
    expect(seen.size).toBe(60_000);
  });
});

describe('phone values', () => {
  it('writes shared numbers only in spellings that fold to one national number', () => {
    const p = Prng.from(2);
    for (const country of COUNTRIES) {
      const nsn = nationalNumber(country.code, 12_345_678, p);
      const spellings = new Set(Array.from({ length: 40 }, () => spellPhone(country.code, nsn, true, p)));
      expect(new Set([...spellings].map((s) => canonical('phone', s)))).toEqual(new Set([nsn]));
    }
  });

  it('keeps the slot number in the trailing digits, so two slots never share a number', () => {
    const p = Prng.from(3);
    const a = canonical('phone', spellPhone('US', nationalNumber('US', 1, p), false, p))!;
    const b = canonical('phone', spellPhone('US', nationalNumber('US', 2, p), false, p))!;
    expect(a.endsWith('00000001')).toBe(true);
    expect(b.endsWith('00000002')).toBe(true);
  });
});

describe('card, device, e-mail and IP values', () => {
  it('makes Luhn-valid 16-digit card numbers that the pipeline recognises and hashes', () => {
    const p = Prng.from(4);
    for (let u = 0; u < 200; u++) {
      const pan = cardNumber(u * 7919, p);
      expect(pan).toMatch(/^\d{16}$/);
      expect(isLuhnValid(pan)).toBe(true);
      const spelled = spellCardNumber(pan, p);
      expect(normalise('payment_instrument', spelled)).toEqual({ value: normalise('payment_instrument', pan)!.value, hashed: true });
    }
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('respells a device only in ways the pipeline folds', () => {
    const p = Prng.from(5);
    for (let k = 0; k < 50; k++) {
      const id = deviceId(p);
      expect(canonical('device', respellDevice(id, p))).toBe(canonical('device', id));
    }
  });

  it('varies one mailbox only in ways the pipeline folds', () => {
    const p = Prng.from(6);
    for (const domain of ['gmail.com', 'outlook.com', 'web.de']) {
      for (let k = 0; k < 30; k++) {
        const email = emailAddress('anna', 'smith', 4711 + k, domain, p);
        expect(canonical('email', emailVariant(email, p))).toBe(canonical('email', email));
      }
    }
    // the unique number keeps even Gmail-folded mailboxes apart
    expect(canonical('email', emailAddress('anna', 'smith', 1, 'gmail.com', Prng.from(9)))).not.toBe(
      canonical('email', emailAddress('anna', 'smith', 11, 'gmail.com', Prng.from(9))),
    );
  });

  it('maps distinct 30-bit numbers to distinct public IPv4 addresses', () => {
    const seen = new Set<string>();
    for (let x = 0; x < 64; x++) seen.add(ipv4((x << 24) | 0x010203).split('.')[0]!);
    expect(seen.size).toBe(64);
    for (const first of seen) expect([0, 10, 100, 127, 169, 172, 192, 224]).not.toContain(Number(first));
    expect(ipv4(5)).not.toBe(ipv4(6));
  });
});
