/**
 * RP (Request Parameters) object, RFC 5440 §7.4 (Object-Class 2, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Flags                     |O|B|R| Pri |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Request-ID-number                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags named here are RFC 5440's; the bits later RFCs assign (RFC 5541 S, RFC 5441 V,
 * RFC 5520 P, RFC 5557 D and M, RFC 8306 E, N and F, RFC 7334 C, RFC 8779 RG) stay in
 * `otherFlags` until pcelab needs them.
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU32 } from '../wire.ts';

const PRI = 0x07;
const R = 0x08;
const B = 0x10;
const O = 0x20;
const KNOWN = PRI | R | B | O;

export interface RpObject {
  readonly kind: 'RP';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Pri: request priority, 0 (unspecified, lowest) to 7 (highest). */
  priority: number;
  /** R: the request is a reoptimization of an existing TE LSP. */
  reoptimization: boolean;
  /** B: the path is for a bidirectional TE LSP. */
  bidirectional: boolean;
  /** O: set in a request, a loose path is acceptable; set in a reply, the path is loose. */
  loose: boolean;
  /** Flag bits not named above (all 26 upper bits), kept for byte-exact re-encoding; absent when zero. */
  otherFlags?: number;
  /** Identifies the request within the session (with the PCC and PCE addresses). */
  requestIdNumber: number;
  tlvs: Tlv[];
}

export const rpObject: ObjectDefinition<RpObject> = {
  objectClass: 2,
  objectType: 1,
  kind: 'RP',
  className: 'RP',
  rfc: 'RFC 5440 §7.4',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 8, 'RP object body');
    const flags = readU32(b, start);
    const o: RpObject = {
      kind: 'RP',
      p,
      i,
      priority: flags & PRI,
      reoptimization: (flags & R) !== 0,
      bidirectional: (flags & B) !== 0,
      loose: (flags & O) !== 0,
      requestIdNumber: readU32(b, start + 4),
      tlvs: decodeTlvs(b, start + 8, end),
    };
    const other = (flags & ~KNOWN) >>> 0;
    if (other !== 0) o.otherFlags = other;
    return o;
  },
  encode(w, o) {
    w.u32(
      (checkUint(o.priority, 7, 'priority') |
        (o.reoptimization ? R : 0) |
        (o.bidirectional ? B : 0) |
        (o.loose ? O : 0) |
        otherBits(o.otherFlags, ~KNOWN >>> 0, 'otherFlags')) >>>
        0,
    );
    w.u32(checkUint(o.requestIdNumber, 0xffffffff, 'requestIdNumber'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
