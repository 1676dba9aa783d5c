/**
 * P2MP END-POINTS object for IPv4, RFC 8306 §3.3.2 (Object-Class 4, Object-Type 3).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Leaf type                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Source IPv4 address                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Destination IPv4 address                    |
 *  //                             ...                             //
 *  |                   Destination IPv4 address                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Leaf types: 1 new leaves to add, 2 old leaves to remove, 3 old leaves whose path may be
 * reoptimized, 4 old leaves whose path must stay unchanged. No TLVs: the body is the leaf
 * type, the source and one or more destinations, nothing else.
 */
import { readIpv4, writeIpv4 } from '../address.ts';
import { checkUint, expectMinLength, malformed, type ObjectDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU32 } from '../wire.ts';

export interface P2mpEndPointsIpv4Object {
  readonly kind: 'P2MP-END-POINTS-IPV4';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Which leaves the destinations are (1 add, 2 remove, 3 may reoptimize, 4 unchanged). */
  leafType: number;
  /** Root of the tree (dotted quad). */
  source: string;
  /** Leaves (dotted quads), at least one. */
  destinations: string[];
}

export const p2mpEndPointsIpv4Object: ObjectDefinition<P2mpEndPointsIpv4Object> = {
  objectClass: 4,
  objectType: 3,
  kind: 'P2MP-END-POINTS-IPV4',
  className: 'END-POINTS',
  rfc: 'RFC 8306 §3.3.2',
  decode(b, start, end, p, i) {
    // A P2MP request names at least one leaf; the body is whole 4-byte addresses.
    expectMinLength(start, end, 12, 'P2MP END-POINTS (IPv4) object body');
    if (((end - start) & 3) !== 0)
      malformed('P2MP END-POINTS (IPv4) body is not whole IPv4 addresses', start);
    const destinations: string[] = [];
    for (let at = start + 8; at < end; at += 4) destinations.push(readIpv4(b, at));
    return {
      kind: 'P2MP-END-POINTS-IPV4',
      p,
      i,
      leafType: readU32(b, start),
      source: readIpv4(b, start + 4),
      destinations,
    };
  },
  encode(w, o) {
    w.u32(checkUint(o.leafType, 0xffffffff, 'leafType'));
    writeIpv4(w, o.source, 'source');
    const list = o.destinations;
    if (!Array.isArray(list) || list.length === 0) {
      throw new PcepEncodeError('must list at least one destination', 'destinations', list);
    }
    for (let k = 0; k < list.length; k++) writeIpv4(w, list[k] as string, `destinations[${k}]`);
  },
};
