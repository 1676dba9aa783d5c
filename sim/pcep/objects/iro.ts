/**
 * IRO (Include Route Object), RFC 5440 §7.12 (Object-Class 10, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                         (Subobjects)                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The body uses the ERO subobject format (RFC 3209 §4.3.3), each
 * |L| Type (7) | Length | contents |.
 */
import type { ObjectDefinition } from '../definition.ts';
import { decodeSubobjects, encodeSubobjects, type Subobject } from '../subobjects/registry.ts';

export interface IroObject {
  readonly kind: 'IRO';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Network elements the path must traverse (ERO-format subobjects; `l` set means loose). */
  subobjects: Subobject[];
}

export const iroObject: ObjectDefinition<IroObject> = {
  objectClass: 10,
  objectType: 1,
  kind: 'IRO',
  className: 'IRO',
  rfc: 'RFC 5440 §7.12',
  decode(b, start, end, p, i) {
    return { kind: 'IRO', p, i, subobjects: decodeSubobjects(b, start, end, 'ERO') };
  },
  encode(w, o) {
    encodeSubobjects(w, o.subobjects, 'ERO', 'subobjects');
  },
};
