/**
 * ERO (Explicit Route Object), RFC 5440 §7.9 (Object-Class 7, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                         (Subobjects)                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The body is RSVP-TE explicit route subobjects (RFC 3209 §4.3.3), each
 * |L| Type (7) | Length | contents |. An empty ERO is valid: a stateful PCC reports an LSP that
 * has no path with one (RFC 8231).
 */
import type { ObjectDefinition } from '../definition.ts';
import { decodeSubobjects, encodeSubobjects, type Subobject } from '../subobjects/registry.ts';

export interface EroObject {
  readonly kind: 'ERO';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The hops of the path, in order (RFC 3209 ERO subobjects; `l` marks a loose hop). */
  subobjects: Subobject[];
}

export const eroObject: ObjectDefinition<EroObject> = {
  objectClass: 7,
  objectType: 1,
  kind: 'ERO',
  className: 'ERO',
  rfc: 'RFC 5440 §7.9',
  decode(b, start, end, p, i) {
    return { kind: 'ERO', p, i, subobjects: decodeSubobjects(b, start, end, 'ERO') };
  },
  encode(w, o) {
    encodeSubobjects(w, o.subobjects, 'ERO', 'subobjects');
  },
};
