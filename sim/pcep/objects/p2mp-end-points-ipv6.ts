/**
 * P2MP END-POINTS object for IPv6, RFC 8306 §3.3.2 (Object-Class 4, Object-Type 4).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Leaf type                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Source IPv6 address (16 bytes)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              Destination IPv6 address (16 bytes)              |
 *  //                             ...                             //
 *  |              Destination IPv6 address (16 bytes)              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Leaf types as for IPv4 (1 add, 2 remove, 3 may reoptimize, 4 unchanged). No TLVs: the
 * body is the leaf type, the source and one or more destinations, nothing else.
 */
import { readIpv6, writeIpv6 } from '../address.ts';
import { checkUint, expectMinLength, malformed, type ObjectDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU32 } from '../wire.ts';

export interface P2mpEndPointsIpv6Object {
  readonly kind: 'P2MP-END-POINTS-IPV6';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Which leaves the destinations are (1 add, 2 remove, 3 may reoptimize, 4 unchanged). */
  leafType: number;
  /** Root of the tree (RFC 5952 text). */
  source: string;
  /** Leaves (RFC 5952 text), at least one. */
  destinations: string[];
}

export const p2mpEndPointsIpv6Object: ObjectDefinition<P2mpEndPointsIpv6Object> = {
  objectClass: 4,
  objectType: 4,
  kind: 'P2MP-END-POINTS-IPV6',
  className: 'END-POINTS',
  rfc: 'RFC 8306 §3.3.2',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 36, 'P2MP END-POINTS (IPv6) object body');
    if ((end - start - 20) % 16 !== 0) {
      malformed('P2MP END-POINTS (IPv6) body is not whole IPv6 addresses', start);
    }
    const destinations: string[] = [];
    for (let at = start + 20; at < end; at += 16) destinations.push(readIpv6(b, at));
    return {
      kind: 'P2MP-END-POINTS-IPV6',
      p,
      i,
      leafType: readU32(b, start),
      source: readIpv6(b, start + 4),
      destinations,
    };
  },
  encode(w, o) {
    w.u32(checkUint(o.leafType, 0xffffffff, 'leafType'));
    writeIpv6(w, o.source, 'source');
    const list = o.destinations;
    if (!Array.isArray(list) || list.length === 0) {
      throw new PcepEncodeError('must list at least one destination', 'destinations', list);
    }
    for (let k = 0; k < list.length; k++) writeIpv6(w, list[k] as string, `destinations[${k}]`);
  },
};
