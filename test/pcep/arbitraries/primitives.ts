/** Generators of wire-level primitives shared by the TLV, subobject and object arbitraries. */
import fc from 'fast-check';
import { readIpv4, readIpv6 } from '../../../sim/pcep/address.ts';

export const u8 = fc.integer({ min: 0, max: 0xff });
export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** Dotted quads as the codec prints them. */
export const ipv4 = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => readIpv4(b, 0));

/** 16 bytes formatted by the codec's own reader; zero groups are frequent so `::` shows up. */
export const ipv6 = fc.array(fc.oneof(fc.constant(0), u16), { minLength: 8, maxLength: 8 }).map((groups) => {
  const b = new Uint8Array(16);
  groups.forEach((g, i) => {
    b[2 * i] = g >>> 8;
    b[2 * i + 1] = g & 0xff;
  });
  return readIpv6(b, 0);
});
