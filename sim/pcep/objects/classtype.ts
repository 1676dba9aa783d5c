/**
 * CLASSTYPE object, RFC 5455 §3.1 (Object-Class 22, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Reserved                         | CT  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * CT: the Diffserv-aware TE Class-Type (RFC 4124) of the requested LSP. No TLVs: the body is
 * exactly 4 bytes. The 29 reserved bits are not whole octets, but keeping them costs nothing
 * and lets unusual bytes re-encode exactly.
 */
import { checkUint, expectLength, type ObjectDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

export interface ClasstypeObject {
  readonly kind: 'CLASSTYPE';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** CT: the Class-Type, 0 to 7. */
  classType: number;
  /** The 29 reserved bits (as an integer below 2^29), kept when nonzero; absent when zero. */
  reserved?: number;
}

export const classtypeObject: ObjectDefinition<ClasstypeObject> = {
  objectClass: 22,
  objectType: 1,
  kind: 'CLASSTYPE',
  className: 'CLASSTYPE',
  rfc: 'RFC 5455 §3.1',
  decode(b, start, end, p, i) {
    expectLength(start, end, 4, 'CLASSTYPE object body');
    const word = readU32(b, start);
    const o: ClasstypeObject = { kind: 'CLASSTYPE', p, i, classType: word & 0x07 };
    if (word >>> 3 !== 0) o.reserved = word >>> 3;
    return o;
  },
  encode(w, o) {
    const reserved = checkUint(o.reserved ?? 0, 0x1fffffff, 'reserved');
    w.u32(((reserved << 3) | checkUint(o.classType, 7, 'classType')) >>> 0);
  },
};
