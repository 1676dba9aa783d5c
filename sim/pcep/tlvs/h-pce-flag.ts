/**
 * H-PCE-FLAG TLV, RFC 8685 §3.2.1 (carried in the RP object); bit positions from the IANA
 * "H-PCE-FLAG TLV Flag Field" registry.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=15            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Flags                             |D|S|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { expectLength, otherBits, type TlvDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

const S = 0x1; // Domain Sequence (bit 31)
const D = 0x2; // Disallow Domain Re-entry (bit 30)
const KNOWN = S | D;

export interface HPceFlagTlv {
  readonly kind: 'H-PCE-FLAG';
  /** S: the child PCE wants the domain sequence in the reply (RFC 8685 §3.2.1). */
  domainSequence: boolean;
  /** D: the path must not enter a domain again once it has left it. */
  disallowDomainReentry: boolean;
  /** Flag bits other than S and D, kept for byte-exact re-encoding; absent when zero. */
  otherFlags?: number;
}

export const hPceFlag: TlvDefinition<HPceFlagTlv> = {
  type: 15,
  kind: 'H-PCE-FLAG',
  rfc: 'RFC 8685 §3.2.1',
  decode(b, start, end) {
    expectLength(start, end, 4, 'H-PCE-FLAG');
    const flags = readU32(b, start);
    const tlv: HPceFlagTlv = {
      kind: 'H-PCE-FLAG',
      domainSequence: (flags & S) !== 0,
      disallowDomainReentry: (flags & D) !== 0,
    };
    const other = (flags & ~KNOWN) >>> 0;
    if (other !== 0) tlv.otherFlags = other;
    return tlv;
  },
  encode(w, tlv) {
    w.u32(
      ((tlv.domainSequence ? S : 0) |
        (tlv.disallowDomainReentry ? D : 0) |
        otherBits(tlv.otherFlags, ~KNOWN >>> 0, 'otherFlags')) >>>
        0,
    );
  },
};
