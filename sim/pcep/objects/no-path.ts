/**
 * NO-PATH object, RFC 5440 §7.5 (Object-Class 3, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Nature of Issue|C|            Flags            |   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Nature of Issue: 0 no path satisfies the constraints, 1 the PCE chain is broken.
 * The Flags field is 16 bits with C as its most significant bit.
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU16 } from '../wire.ts';

const C = 0x8000;

export interface NoPathObject {
  readonly kind: 'NO-PATH';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** NI: why there is no path (0 constraints unsatisfiable, 1 PCE chain broken). */
  natureOfIssue: number;
  /** C: the reply lists the constraints that could not be satisfied. */
  unsatisfiedConstraints: boolean;
  /** The other 15 bits of the 16-bit Flags field; absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  tlvs: Tlv[];
}

export const noPathObject: ObjectDefinition<NoPathObject> = {
  objectClass: 3,
  objectType: 1,
  kind: 'NO-PATH',
  className: 'NO-PATH',
  rfc: 'RFC 5440 §7.5',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'NO-PATH object body');
    const flags = readU16(b, start + 1);
    const reserved = b[start + 3] as number;
    const o: NoPathObject = {
      kind: 'NO-PATH',
      p,
      i,
      natureOfIssue: b[start] as number,
      unsatisfiedConstraints: (flags & C) !== 0,
      tlvs: decodeTlvs(b, start + 4, end),
    };
    if ((flags & ~C) !== 0) o.otherFlags = flags & ~C;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u8(checkUint(o.natureOfIssue, 255, 'natureOfIssue'));
    w.u16((o.unsatisfiedConstraints ? C : 0) | otherBits(o.otherFlags, 0x7fff, 'otherFlags'));
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
