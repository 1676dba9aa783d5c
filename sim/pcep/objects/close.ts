/**
 * CLOSE object, RFC 5440 §7.17 (Object-Class 15, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Reserved            |     Flags     |    Reason     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Reasons: 1 no explanation, 2 DeadTimer expired, 3 malformed message, 4 too many unknown
 * requests/replies, 5 too many unrecognized messages (CloseReason in errors.ts).
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU16 } from '../wire.ts';

export interface CloseObject {
  readonly kind: 'CLOSE';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Why the session is closed (RFC 5440 §7.17; see CloseReason). */
  reason: number;
  /** The Flags octet (no flag is assigned); absent when zero. */
  otherFlags?: number;
  /** The 16-bit Reserved field, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  tlvs: Tlv[];
}

export const closeObject: ObjectDefinition<CloseObject> = {
  objectClass: 15,
  objectType: 1,
  kind: 'CLOSE',
  className: 'CLOSE',
  rfc: 'RFC 5440 §7.17',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'CLOSE object body');
    const reserved = readU16(b, start);
    const flags = b[start + 2] as number;
    const o: CloseObject = {
      kind: 'CLOSE',
      p,
      i,
      reason: b[start + 3] as number,
      tlvs: decodeTlvs(b, start + 4, end),
    };
    if (flags !== 0) o.otherFlags = flags;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u16(checkUint(o.reserved ?? 0, 0xffff, 'reserved'));
    w.u8(otherBits(o.otherFlags, 0xff, 'otherFlags'));
    w.u8(checkUint(o.reason, 255, 'reason'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
