/**
 * PCEP-ERROR object, RFC 5440 §7.15 (Object-Class 13, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Reserved    |     Flags     |  Error-Type   |  Error-value  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Error-Types and values: IANA registry, see error-codes.ts. A PCErr for an unknown request
 * may carry REQ-MISSING (TLV 3).
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';

export interface PcepErrorObject {
  readonly kind: 'PCEP-ERROR';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The Flags octet (no flag is assigned); absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  /** Error-Type (IANA "PCEP-ERROR Object Error Types and Values"). */
  errorType: number;
  /** Error-value, meaningful within its Error-Type. */
  errorValue: number;
  tlvs: Tlv[];
}

export const pcepErrorObject: ObjectDefinition<PcepErrorObject> = {
  objectClass: 13,
  objectType: 1,
  kind: 'PCEP-ERROR',
  className: 'PCEP-ERROR',
  rfc: 'RFC 5440 §7.15',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'PCEP-ERROR object body');
    const reserved = b[start] as number;
    const flags = b[start + 1] as number;
    const o: PcepErrorObject = {
      kind: 'PCEP-ERROR',
      p,
      i,
      errorType: b[start + 2] as number,
      errorValue: b[start + 3] as number,
      tlvs: decodeTlvs(b, start + 4, end),
    };
    if (flags !== 0) o.otherFlags = flags;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    w.u8(otherBits(o.otherFlags, 0xff, 'otherFlags'));
    w.u8(checkUint(o.errorType, 255, 'errorType'));
    w.u8(checkUint(o.errorValue, 255, 'errorValue'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
