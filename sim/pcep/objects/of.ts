/**
 * OF (Objective Function) object, RFC 5541 §3.1 (Object-Class 21, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            OF Code            |           Reserved            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * OF codes (IANA "Objective Function", RFC 5541 §4): 1 MCP minimum cost path, 2 MLP minimum
 * load path, 3 MBP maximum residual bandwidth path, 4 MBC minimize aggregate bandwidth
 * consumption, 5 MLL minimize the load of the most loaded link, 6 MCC minimize cumulative cost.
 */
import { checkUint, expectMinLength, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU16 } from '../wire.ts';

export interface OfObject {
  readonly kind: 'OF';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The objective function (IANA "Objective Function" code point). */
  ofCode: number;
  /** The 16-bit Reserved field, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  tlvs: Tlv[];
}

export const ofObject: ObjectDefinition<OfObject> = {
  objectClass: 21,
  objectType: 1,
  kind: 'OF',
  className: 'OF',
  rfc: 'RFC 5541 §3.1',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'OF object body');
    const reserved = readU16(b, start + 2);
    const o: OfObject = { kind: 'OF', p, i, ofCode: readU16(b, start), tlvs: decodeTlvs(b, start + 4, end) };
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u16(checkUint(o.ofCode, 0xffff, 'ofCode'));
    w.u16(checkUint(o.reserved ?? 0, 0xffff, 'reserved'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
