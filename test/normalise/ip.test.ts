import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/normalise/clean-text.js';
import { canonicaliseIp as canonicaliseCleanIp } from '../../src/normalise/ip.js';

const canonicaliseIp = (raw: string): string | null => canonicaliseCleanIp(cleanText(raw));

describe('canonicaliseIp: IPv4', () => {
  it('keeps canonical addresses', () => {
    expect(canonicaliseIp('203.0.113.7')).toBe('203.0.113.7');
    expect(canonicaliseIp('10.0.0.1')).toBe('10.0.0.1');
  });

  it('strips leading zeros per octet (decimal, not octal)', () => {
    expect(canonicaliseIp('203.000.113.007')).toBe('203.0.113.7');
    expect(canonicaliseIp('010.001.002.010')).toBe('10.1.2.10');
  });

  it('returns null for unspecified and loopback addresses', () => {
    expect(canonicaliseIp('0.0.0.0')).toBeNull();
    expect(canonicaliseIp('000.000.000.000')).toBeNull();
    expect(canonicaliseIp('127.0.0.1')).toBeNull();
    expect(canonicaliseIp('127.1.2.3')).toBeNull();
  });

  it('does not aggregate to networks', () => {
    expect(canonicaliseIp('203.0.113.8')).not.toBe(canonicaliseIp('203.0.113.7'));
  });

  it('keeps things that are not addresses, lowercased', () => {
    expect(canonicaliseIp('256.1.1.1')).toBe('256.1.1.1');
    expect(canonicaliseIp('1.2.3')).toBe('1.2.3');
    expect(canonicaliseIp('1.2.3.4.5')).toBe('1.2.3.4.5');
    expect(canonicaliseIp('0001.2.3.4')).toBe('0001.2.3.4');
    expect(canonicaliseIp('1.2.3.4:8080')).toBe('1.2.3.4:8080');
    expect(canonicaliseIp('Proxy-Host')).toBe('proxy-host');
  });
});

describe('canonicaliseIp: IPv6', () => {
  it('writes RFC 5952 form', () => {
    expect(canonicaliseIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicaliseIp('2001:db8::1')).toBe('2001:db8::1');
    expect(canonicaliseIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicaliseIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonicaliseIp('fe80::')).toBe('fe80::');
    expect(canonicaliseIp('::2')).toBe('::2');
  });

  it('turns IPv4-mapped addresses into IPv4', () => {
    expect(canonicaliseIp('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(canonicaliseIp('::FFFF:203.000.113.007')).toBe('203.0.113.7');
    expect(canonicaliseIp('0:0:0:0:0:ffff:102:304')).toBe('1.2.3.4');
    expect(canonicaliseIp('::ffff:127.0.0.1')).toBeNull();
  });

  it('returns null for loopback and unspecified', () => {
    expect(canonicaliseIp('::1')).toBeNull();
    expect(canonicaliseIp('0:0:0:0:0:0:0:1')).toBeNull();
    expect(canonicaliseIp('::')).toBeNull();
  });

  it('keeps unparseable text, lowercased', () => {
    expect(canonicaliseIp('FE80::1%ETH0')).toBe('fe80::1%eth0');
    expect(canonicaliseIp('1::2::3')).toBe('1::2::3');
    expect(canonicaliseIp('1:2:3:4:5:6:7:8:9')).toBe('1:2:3:4:5:6:7:8:9');
    expect(canonicaliseIp('12345::1')).toBe('12345::1');
  });
});
