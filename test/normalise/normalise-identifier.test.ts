import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  createNormaliser,
  defaultPlaceholders,
  type NormaliseOptions,
} from '../../src/normalise/normalise-identifier.js';

const options: NormaliseOptions = { placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' };
const normalise = createNormaliser(options);
const value = (kind: string, raw: string): string | undefined => normalise(kind, raw)?.value;

describe('createNormaliser: dispatch', () => {
  it('applies each kind’s rules', () => {
    expect(normalise('email', ' J.Doe+x@GoogleMail.com ')).toEqual({ value: 'jdoe@gmail.com', hashed: false });
    expect(value('phone', '07700 900123')).toBe('7700900123');
    expect(value('address', '12 Main Street, Apt. 4')).toBe('12 main st apt 4');
    expect(value('device', '{ABCDEF00-1111-2222-3333-444444444444}')).toBe('abcdef00-1111-2222-3333-444444444444');
    expect(value('ip', '010.001.002.003')).toBe('10.1.2.3');
    expect(normalise('payment_instrument', '4111 1111 1111 1111')?.hashed).toBe(true);
  });

  it('gives unknown kinds the generic rules', () => {
    expect(normalise('username', '  AB 12\t34  C ')).toEqual({ value: 'ab 12 34 c', hashed: false });
    // Not the phone or card rules: no digits-only rewrite, no hashing.
    expect(value('username', '07700 900123')).toBe('07700 900123');
    expect(normalise('username', '4111111111111111')).toEqual({ value: '4111111111111111', hashed: false });
  });
});

describe('createNormaliser: placeholders and empties → null', () => {
  it('drops empty and whitespace-only values', () => {
    for (const kind of ['email', 'phone', 'address', 'device', 'ip', 'payment_instrument', 'other']) {
      expect(normalise(kind, ''), kind).toBeNull();
      expect(normalise(kind, ' \t\n\u00A0'), kind).toBeNull();
    }
  });

  it('drops every default placeholder, in any case and spacing, for every kind', () => {
    for (const kind of ['email', 'phone', 'address', 'device', 'ip', 'payment_instrument', 'national_id']) {
      for (const placeholder of defaultPlaceholders) {
        expect(normalise(kind, placeholder), `${kind} ${placeholder}`).toBeNull();
        expect(normalise(kind, `  ${placeholder.toUpperCase()} `), `${kind} ${placeholder} upper`).toBeNull();
      }
    }
  });

  it('compares after canonicalisation', () => {
    expect(normalise('email', 'Test+signup@TEST.com')).toBeNull();
    expect(normalise('address', 'N.A.')).toBeNull();
    expect(normalise('device', '{00000000-0000-0000-0000-000000000000}')).toBeNull();
    expect(normalise('ip', '000.000.000.000')).toBeNull();
    expect(normalise('phone', '+44 0000 000000')).toBeNull();
  });

  it('drops zero/dash/dot filler whatever the list', () => {
    for (const raw of ['000', '--', '...', '0-0.0 0', '000000000000']) {
      expect(normalise('national_id', raw), raw).toBeNull();
    }
    expect(normalise('device', '00000000000000000000000000000000')).toBeNull();
  });

  it('drops kind-specific non-linking values', () => {
    expect(normalise('ip', '127.0.0.1')).toBeNull();
    expect(normalise('ip', '::1')).toBeNull();
    expect(normalise('phone', '1234')).toBeNull();
    expect(normalise('phone', '1111111111')).toBeNull();
  });

  it('uses a configured list instead of the defaults, canonicalised per kind', () => {
    const custom = createNormaliser({ ...options, placeholders: ['Nobody.Home@Gmail.com', '07700 900000', '4111 1111 1111 1111'] });
    expect(custom('email', 'nobodyhome+x@googlemail.com')).toBeNull();
    expect(custom('phone', '+44 7700 900000')).toBeNull();
    expect(custom('payment_instrument', '4111-1111-1111-1111')).toBeNull();
    expect(custom('national_id', 'unknown')).toEqual({ value: 'unknown', hashed: false });
    expect(custom('national_id', '0000')).toBeNull(); // zero filler still applies
  });
});

describe('createNormaliser: card numbers', () => {
  it('hashes a raw PAN and never returns its digits', () => {
    const out = normalise('payment_instrument', '4111-1111-1111-1111');
    expect(out).toEqual({ value: expect.stringMatching(/^pan:[0-9a-f]{32}$/), hashed: true });
    expect(JSON.stringify(out)).not.toMatch(/4111/);
  });

  it('links spellings of one PAN and separates keys', () => {
    const a = value('payment_instrument', '4111 1111 1111 1111');
    expect(value('payment_instrument', '4111111111111111')).toBe(a);
    const other = createNormaliser({ ...options, panHashKey: 'other-key' });
    expect(other('payment_instrument', '4111111111111111')?.value).not.toBe(a);
  });

  it('does not hash a Luhn-invalid number', () => {
    expect(normalise('payment_instrument', '4111111111111112')).toEqual({ value: '4111111111111112', hashed: false });
  });
});

describe('createNormaliser: hostile and odd values pass through', () => {
  const kinds = ['email', 'phone', 'address', 'device', 'ip', 'payment_instrument', 'national_id'];

  it('keeps injection strings and quotes as data', () => {
    const raw = "'}) DETACH DELETE n //";
    expect(value('username', raw)).toBe("'}) detach delete n //");
    expect(value('email', 'x"; DROP TABLE accounts; --@evil.com')).toBe('x"; drop table accounts; --@evil.com');
    for (const kind of kinds) expect(() => normalise(kind, raw)).not.toThrow();
  });

  it('replaces values over 512 characters by a digest that still links', () => {
    const big = 'A' + '0123456789'.repeat(1024); // digits so that the phone rules keep something
    for (const kind of kinds) {
      const out = normalise(kind, big);
      expect(out?.value, kind).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(out?.hashed).toBe(true);
    }
    expect(value('username', big)).toBe(value('username', big.toLowerCase()));
    expect(value('national_id', big)).not.toBe(value('national_id', big + 'b'));
    expect(value('national_id', 'a'.repeat(512))).toBe('a'.repeat(512));
  });

  it('survives a 10 KB value of mixed garbage for every kind', () => {
    let junk = '';
    for (let i = 0; i < 10 * 1024; i++) junk += String.fromCharCode((i * 7919) % 0xffff);
    for (const kind of kinds) {
      const out = normalise(kind, junk);
      // null (nothing left to link on) or a bounded, well-formed value, the same every time
      if (out !== null) {
        expect(out.value.length, kind).toBeLessThanOrEqual(512);
        expect(out.value, kind).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no lone surrogates
      }
      expect(normalise(kind, junk), kind).toEqual(out);
    }
  });

  it('handles lone surrogates and U+FFFD', () => {
    for (const kind of kinds) {
      expect(() => normalise(kind, 'ab\uD800cd')).not.toThrow();
      expect(() => normalise(kind, '\uDC00')).not.toThrow();
    }
    expect(value('national_id', 'ab\uD800cd')).toBe('ab\uFFFDcd');
    expect(value('national_id', 'ab\uFFFDcd')).toBe('ab\uFFFDcd');
    expect(value('email', 'J\uD800@Example.com')).toBe('j\uFFFD@example.com');
  });

  it('makes composed and decomposed é equal', () => {
    expect(value('national_id', 'Jos\u00e9')).toBe('jos\u00e9');
    expect(value('national_id', 'Jose\u0301')).toBe('jos\u00e9');
    expect(value('email', 'Jose\u0301@example.com')).toBe(value('email', 'JOS\u00c9@example.com'));
    expect(value('address', '1 Rue Rene\u0301')).toBe(value('address', '1 rue ren\u00e9'));
  });

  it('emits lowercase values, so placeholder lookup needs no case folding', () => {
    const samples: Array<[string, string]> = [
      ['email', 'A@B.COM'], ['address', 'MAIN ST'], ['device', 'ABC'], ['ip', 'FE80::A'],
      ['payment_instrument', 'TOK_X'], ['payment_instrument', '4111111111111111'], ['other', 'ÀB'],
    ];
    for (const [kind, raw] of samples) {
      const v = value(kind, raw)!;
      expect(v, `${kind} ${raw}`).toBe(v.toLowerCase());
    }
  });
});

describe('createNormaliser: options', () => {
  it('rejects an empty PAN hash key without echoing it', () => {
    expect(() => createNormaliser({ ...options, panHashKey: '' })).toThrow(UserError);
  });

  it('rejects a malformed default country code', () => {
    for (const cc of ['', '+44', '044', '4444', 'uk']) {
      expect(() => createNormaliser({ ...options, defaultCountryCode: cc }), cc).toThrow(UserError);
    }
  });

  it('rejects non-string placeholders', () => {
    expect(() => createNormaliser({ ...options, placeholders: [1 as unknown as string] })).toThrow(UserError);
  });

  it('never puts the key in an error message', () => {
    const attempt = () => createNormaliser({ ...options, panHashKey: 'super-secret', defaultCountryCode: 'x' });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/defaultCountryCode/);
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain('super-secret');
  });
});
