/**
 * BANDWIDTH object, RFC 5440 §7.7 (Object-Class 5, Object-Type 1: Requested bandwidth).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Bandwidth (IEEE 754 single)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * No TLVs: the body is exactly 4 bytes. The value is in bytes per second. A NaN cannot
 * re-encode byte for byte and is malformed; a negative value is decoded as it is.
 */
import { expectLength, writeF32, type ObjectDefinition } from '../definition.ts';
import { isF32NaN, readF32, readU32 } from '../wire.ts';

export interface BandwidthRequestedObject {
  readonly kind: 'BANDWIDTH-REQUESTED';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The bandwidth requested for the TE LSP, in bytes per second (an IEEE 754 single). */
  bandwidthBytesPerS: number;
  /** The raw bits when the float is a NaN (JSON shows the value as null); absent otherwise. */
  bandwidthNaNBits?: number;
}

export const bandwidthRequestedObject: ObjectDefinition<BandwidthRequestedObject> = {
  objectClass: 5,
  objectType: 1,
  kind: 'BANDWIDTH-REQUESTED',
  className: 'BANDWIDTH',
  rfc: 'RFC 5440 §7.7',
  decode(b, start, end, p, i) {
    expectLength(start, end, 4, 'BANDWIDTH object body');
    const o: BandwidthRequestedObject = {
      kind: 'BANDWIDTH-REQUESTED',
      p,
      i,
      bandwidthBytesPerS: readF32(b, start),
    };
    if (isF32NaN(b, start)) o.bandwidthNaNBits = readU32(b, start);
    return o;
  },
  encode(w, o) {
    writeF32(w, o.bandwidthBytesPerS, o.bandwidthNaNBits, 'bandwidthBytesPerS', 'bandwidthNaNBits');
  },
};
