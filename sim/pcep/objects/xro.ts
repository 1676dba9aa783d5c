/**
 * XRO (Exclude Route Object), RFC 5521 §2.1 (Object-Class 17, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Reserved            |            Flags            |F|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                         (Subobjects)                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Subobjects are |X| Type (7) | Length | contents |, X set meaning the exclusion is best
 * effort (RFC 5521 §2.1.1).
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeSubobjects, encodeSubobjects, type Subobject } from '../subobjects/registry.ts';
import { readU16 } from '../wire.ts';

const F = 0x0001;

export interface XroObject {
  readonly kind: 'XRO';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** F (Fail): the request is for a new path for an existing TE LSP that has failed. */
  fail: boolean;
  /** The other 15 bits of the 16-bit Flags field; absent when zero. */
  otherFlags?: number;
  /** The 16-bit Reserved field, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  /** Resources to exclude (XRO subobjects; `x` set means best effort). */
  subobjects: Subobject[];
}

export const xroObject: ObjectDefinition<XroObject> = {
  objectClass: 17,
  objectType: 1,
  kind: 'XRO',
  className: 'XRO',
  rfc: 'RFC 5521 §2.1',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'XRO object body');
    const reserved = readU16(b, start);
    const flags = readU16(b, start + 2);
    const o: XroObject = {
      kind: 'XRO',
      p,
      i,
      fail: (flags & F) !== 0,
      subobjects: decodeSubobjects(b, start + 4, end, 'XRO'),
    };
    if ((flags & ~F) !== 0) o.otherFlags = flags & ~F;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u16(checkUint(o.reserved ?? 0, 0xffff, 'reserved'));
    w.u16((o.fail ? F : 0) | otherBits(o.otherFlags, 0xfffe, 'otherFlags'));
    encodeSubobjects(w, o.subobjects, 'XRO', 'subobjects');
  },
};
