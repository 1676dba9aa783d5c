/** Address text both ways: dotted quads and RFC 5952 IPv6. */
import { describe, expect, it } from 'vitest';
import { parseIpv4, parseIpv6, readIpv4, readIpv6 } from '../../sim/pcep/address.ts';

describe('IPv4', () => {
  it.each([
    ['192.0.2.1', 0xc0000201],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
  ])('%s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    const b = Uint8Array.of(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
    expect(readIpv4(b, 0)).toBe(text);
  });
  it.each(['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', 'a.b.c.d', ''])('refuses %s', (text) => {
    expect(parseIpv4(text)).toBe(-1);
  });
});

describe('IPv6', () => {
  it.each(['2001:db8::1', '::', '::1', 'fe80::1:2', '2001:db8:0:1:1:1:1:1', '::ffff:192.0.2.1'])(
    '%s round-trips',
    (text) => {
      const bytes = parseIpv6(text);
      expect(bytes).toBeDefined();
      expect(parseIpv6(readIpv6(bytes as Uint8Array, 0))).toStrictEqual(bytes);
    },
  );
  it('compresses the longest zero run, lowercase (RFC 5952)', () => {
    expect(readIpv6(parseIpv6('2001:0DB8:0:0:1:0:0:1') as Uint8Array, 0)).toBe('2001:db8::1:0:0:1');
  });
  it.each(['1.2.3.4::1', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9'])('refuses %s', (text) => {
    expect(parseIpv6(text)).toBeUndefined();
  });
});
