/**
 * H-PCE-CAPABILITY TLV, RFC 8685 §3.1.1 (carried in the OPEN object by a child PCE); bit
 * position from the IANA "H-PCE-CAPABILITY TLV Flag Field" registry.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=13            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Flags                               |P|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { expectLength, otherBits, type TlvDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

const P = 0x1; // Parent PCE Request (bit 31)

export interface HPceCapabilityTlv {
  readonly kind: 'H-PCE-CAPABILITY';
  /** P: the child PCE asks the peer to act as its parent PCE. */
  parentPceRequest: boolean;
  /** Flag bits other than P, kept for byte-exact re-encoding; absent when zero. */
  otherFlags?: number;
}

export const hPceCapability: TlvDefinition<HPceCapabilityTlv> = {
  type: 13,
  kind: 'H-PCE-CAPABILITY',
  rfc: 'RFC 8685 §3.1.1',
  decode(b, start, end) {
    expectLength(start, end, 4, 'H-PCE-CAPABILITY');
    const flags = readU32(b, start);
    const tlv: HPceCapabilityTlv = { kind: 'H-PCE-CAPABILITY', parentPceRequest: (flags & P) !== 0 };
    const other = (flags & ~P) >>> 0;
    if (other !== 0) tlv.otherFlags = other;
    return tlv;
  },
  encode(w, tlv) {
    w.u32(((tlv.parentPceRequest ? P : 0) | otherBits(tlv.otherFlags, ~P >>> 0, 'otherFlags')) >>> 0);
  },
};
