/**
 * OVERLOAD object, RFC 5886 §4.5 (Object-Class 27, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Flags     |   Reserved    |       Overload Duration       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * No TLVs: the body is exactly 4 bytes.
 */
import { checkUint, expectLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { readU16 } from '../wire.ts';

export interface OverloadObject {
  readonly kind: 'OVERLOAD';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** How long the PCE expects to stay overloaded, in seconds. */
  overloadDurationS: number;
  /** The Flags octet (no flag is assigned); absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
}

export const overloadObject: ObjectDefinition<OverloadObject> = {
  objectClass: 27,
  objectType: 1,
  kind: 'OVERLOAD',
  className: 'OVERLOAD',
  rfc: 'RFC 5886 §4.5',
  decode(b, start, end, p, i) {
    expectLength(start, end, 4, 'OVERLOAD object body');
    const flags = b[start] as number;
    const reserved = b[start + 1] as number;
    const o: OverloadObject = { kind: 'OVERLOAD', p, i, overloadDurationS: readU16(b, start + 2) };
    if (flags !== 0) o.otherFlags = flags;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u8(otherBits(o.otherFlags, 0xff, 'otherFlags'));
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    w.u16(checkUint(o.overloadDurationS, 0xffff, 'overloadDurationS'));
  },
};
