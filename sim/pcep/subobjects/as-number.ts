/**
 * Autonomous System Number subobject (2-octet AS): RFC 3209 §4.3.3.4 (ERO, used by PCEP
 * ERO/IRO, RFC 5440 §7.9) and RFC 5521 §2.1.1 (XRO). Not defined for the RRO.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|   Type=32   |   Length=4    |        2-Octet AS Number      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The first bit is L in an ERO/IRO and X in an XRO. RFC 5521 gives the XRO form no Attribute
 * octet (early XRO drafts had an 8-byte form with one; Wireshark still expects it).
 */
import { checkUint, expectLength, type RouteTopBit, type SubobjectDefinition } from '../definition.ts';
import { readU16 } from '../wire.ts';

export interface AsNumberSubobject extends RouteTopBit {
  readonly kind: 'AS-NUMBER';
  /** The 2-octet AS number (0 to 65535). */
  asNumber: number;
}

export const asNumber: SubobjectDefinition<AsNumberSubobject> = {
  type: 32,
  kind: 'AS-NUMBER',
  rfc: 'RFC 3209 §4.3.3.4',
  families: ['ERO', 'XRO'],
  decode(b, start, end) {
    expectLength(start, end, 2, 'AS number subobject contents');
    return { kind: 'AS-NUMBER', asNumber: readU16(b, start) };
  },
  encode(w, so) {
    w.u16(checkUint(so.asNumber, 0xffff, 'asNumber'));
  },
};
