/**
 * LOAD-BALANCING object, RFC 5440 §7.16 (Object-Class 14, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Reserved            |     Flags     |    Max-LSP    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Min-Bandwidth (IEEE 754 single)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * No TLVs: the body is exactly 8 bytes. A NaN Min-Bandwidth is malformed.
 */
import { checkUint, expectLength, otherBits, type ObjectDefinition, writeF32 } from '../definition.ts';
import { isF32NaN, readF32, readU16, readU32 } from '../wire.ts';

export interface LoadBalancingObject {
  readonly kind: 'LOAD-BALANCING';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Max-LSP: the most TE LSPs the requested bandwidth may be split into. */
  maxLspCount: number;
  /** Min-Bandwidth: the least bandwidth of each of those TE LSPs, in bytes per second. */
  minBandwidthBytesPerS: number;
  /** The raw bits when the float is a NaN (JSON shows the value as null); absent otherwise. */
  minBandwidthNaNBits?: number;
  /** The Flags octet (no flag is assigned); absent when zero. */
  otherFlags?: number;
  /** The 16-bit Reserved field, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
}

export const loadBalancingObject: ObjectDefinition<LoadBalancingObject> = {
  objectClass: 14,
  objectType: 1,
  kind: 'LOAD-BALANCING',
  className: 'LOAD-BALANCING',
  rfc: 'RFC 5440 §7.16',
  decode(b, start, end, p, i) {
    expectLength(start, end, 8, 'LOAD-BALANCING object body');
    const reserved = readU16(b, start);
    const flags = b[start + 2] as number;
    const o: LoadBalancingObject = {
      kind: 'LOAD-BALANCING',
      p,
      i,
      maxLspCount: b[start + 3] as number,
      minBandwidthBytesPerS: readF32(b, start + 4),
    };
    if (isF32NaN(b, start + 4)) o.minBandwidthNaNBits = readU32(b, start + 4);
    if (flags !== 0) o.otherFlags = flags;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u16(checkUint(o.reserved ?? 0, 0xffff, 'reserved'));
    w.u8(otherBits(o.otherFlags, 0xff, 'otherFlags'));
    w.u8(checkUint(o.maxLspCount, 255, 'maxLspCount'));
    writeF32(
      w,
      o.minBandwidthBytesPerS,
      o.minBandwidthNaNBits,
      'minBandwidthBytesPerS',
      'minBandwidthNaNBits',
    );
  },
};
