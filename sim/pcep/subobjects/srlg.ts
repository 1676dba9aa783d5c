/**
 * SRLG subobject: RFC 5521 §2.1.1 (XRO only; the RSVP form is RFC 4874 §2.1.1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |X|   Type=34   |   Length=8    |       SRLG Id (4 bytes)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      SRLG Id (continued)      |   Reserved    |   Attribute   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Attribute as for the other XRO subobjects (0 interface, 1 node, 2 SRLG); an SRLG subobject
 * normally says 2 but the octet is kept as received. The Reserved octet shares the word with
 * the Attribute and is kept when nonzero.
 */
import { checkUint, expectLength, type RouteTopBit, type SubobjectDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

export interface SrlgSubobject extends RouteTopBit {
  readonly kind: 'SRLG';
  /** The 32-bit Shared Risk Link Group identifier to exclude. */
  srlgId: number;
  /** The Attribute octet (2 means SRLG). */
  attribute: number;
  /** The Reserved octet, kept for exact re-encoding; absent when zero. */
  reserved?: number;
}

export const srlg: SubobjectDefinition<SrlgSubobject> = {
  type: 34,
  kind: 'SRLG',
  rfc: 'RFC 5521 §2.1.1',
  families: ['XRO'],
  decode(b, start, end) {
    expectLength(start, end, 6, 'SRLG subobject contents');
    const so: SrlgSubobject = {
      kind: 'SRLG',
      srlgId: readU32(b, start),
      attribute: b[start + 5] as number,
    };
    if (b[start + 4] !== 0) so.reserved = b[start + 4] as number;
    return so;
  },
  encode(w, so) {
    w.u32(checkUint(so.srlgId, 0xffffffff, 'srlgId'));
    w.u8(checkUint(so.reserved ?? 0, 255, 'reserved'));
    w.u8(checkUint(so.attribute, 255, 'attribute'));
  },
};
