/**
 * RRO (Reported Route Object), RFC 5440 §7.10 (Object-Class 8, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                         (Subobjects)                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The body is RSVP-TE record route subobjects (RFC 3209 §4.4.1), each
 * | Type (8) | Length | contents |; RRO subobjects have no L bit.
 */
import type { ObjectDefinition } from '../definition.ts';
import { decodeSubobjects, encodeSubobjects, type Subobject } from '../subobjects/registry.ts';

export interface RroObject {
  readonly kind: 'RRO';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The hops actually traversed, in order (RFC 3209 RRO subobjects). */
  subobjects: Subobject[];
}

export const rroObject: ObjectDefinition<RroObject> = {
  objectClass: 8,
  objectType: 1,
  kind: 'RRO',
  className: 'RRO',
  rfc: 'RFC 5440 §7.10',
  decode(b, start, end, p, i) {
    return { kind: 'RRO', p, i, subobjects: decodeSubobjects(b, start, end, 'RRO') };
  },
  encode(w, o) {
    encodeSubobjects(w, o.subobjects, 'RRO', 'subobjects');
  },
};
