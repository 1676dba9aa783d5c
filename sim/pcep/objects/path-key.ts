/**
 * PATH-KEY object, RFC 5520 §3.2.2 (Object-Class 16, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                         (Subobjects)                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The body is one or more path-key subobjects (PKS IPv4 type 64, PKS IPv6 type 65) in the ERO
 * subobject format |L| Type (7) | Length | contents |; other subobjects decode as they would in an
 * ERO and are left to the message checks.
 */
import type { ObjectDefinition } from '../definition.ts';
import { decodeSubobjects, encodeSubobjects, type Subobject } from '../subobjects/registry.ts';

export interface PathKeyObject {
  readonly kind: 'PATH-KEY';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The path-key subobjects (PKS, types 64 and 65) naming confidential path segments. */
  subobjects: Subobject[];
}

export const pathKeyObject: ObjectDefinition<PathKeyObject> = {
  objectClass: 16,
  objectType: 1,
  kind: 'PATH-KEY',
  className: 'PATH-KEY',
  rfc: 'RFC 5520 §3.2.2',
  decode(b, start, end, p, i) {
    return { kind: 'PATH-KEY', p, i, subobjects: decodeSubobjects(b, start, end, 'ERO') };
  },
  encode(w, o) {
    encodeSubobjects(w, o.subobjects, 'ERO', 'subobjects');
  },
};
