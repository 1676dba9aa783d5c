/**
 * NO-PATH-VECTOR TLV, RFC 5440 §7.5 (carried in the NO-PATH object); IANA "NO-PATH-VECTOR TLV
 * Flag Field" for the bits later RFCs added.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type=1            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Flags                           |S|D|P|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * P (bit 31): PCE currently unavailable; D (bit 30): unknown destination; S (bit 29): unknown
 * source. Bits 10-28 belong to RFC 5441, 5520, 5557, 8306, 8685, 8779, 8780 and 8800; pcelab
 * keeps them, and the unassigned ones, in `otherFlags`.
 */
import { expectLength, otherBits, type TlvDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

const PCE_UNAVAILABLE = 0x1;
const UNKNOWN_DESTINATION = 0x2;
const UNKNOWN_SOURCE = 0x4;
const KNOWN = PCE_UNAVAILABLE | UNKNOWN_DESTINATION | UNKNOWN_SOURCE;

export interface NoPathVectorTlv {
  readonly kind: 'NO-PATH-VECTOR';
  /** The PCE is currently unavailable. */
  pceUnavailable: boolean;
  /** The destination is unknown to the PCE. */
  unknownDestination: boolean;
  /** The source is unknown to the PCE. */
  unknownSource: boolean;
  /** Every other bit of the 32-bit Flags field, for byte-exact re-encoding; absent when zero. */
  otherFlags?: number;
}

export const noPathVector: TlvDefinition<NoPathVectorTlv> = {
  type: 1,
  kind: 'NO-PATH-VECTOR',
  rfc: 'RFC 5440 §7.5',
  decode(b, start, end) {
    expectLength(start, end, 4, 'NO-PATH-VECTOR');
    const flags = readU32(b, start);
    const tlv: NoPathVectorTlv = {
      kind: 'NO-PATH-VECTOR',
      pceUnavailable: (flags & PCE_UNAVAILABLE) !== 0,
      unknownDestination: (flags & UNKNOWN_DESTINATION) !== 0,
      unknownSource: (flags & UNKNOWN_SOURCE) !== 0,
    };
    const other = (flags & ~KNOWN) >>> 0;
    if (other !== 0) tlv.otherFlags = other;
    return tlv;
  },
  encode(w, tlv) {
    w.u32(
      ((tlv.pceUnavailable ? PCE_UNAVAILABLE : 0) |
        (tlv.unknownDestination ? UNKNOWN_DESTINATION : 0) |
        (tlv.unknownSource ? UNKNOWN_SOURCE : 0) |
        otherBits(tlv.otherFlags, ~KNOWN >>> 0, 'otherFlags')) >>>
        0,
    );
  },
};
