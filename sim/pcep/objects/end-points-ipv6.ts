/**
 * END-POINTS object for IPv6, RFC 5440 §7.6 (Object-Class 4, Object-Type 2).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  |                Source IPv6 address (16 bytes)                 |
 *  |                                                               |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  |              Destination IPv6 address (16 bytes)              |
 *  |                                                               |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * No TLVs: the body is exactly 32 bytes.
 */
import { readIpv6, writeIpv6 } from '../address.ts';
import { expectLength, type ObjectDefinition } from '../definition.ts';

export interface EndPointsIpv6Object {
  readonly kind: 'END-POINTS-IPV6';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Source of the path (RFC 5952 text). */
  source: string;
  /** Destination of the path (RFC 5952 text). */
  destination: string;
}

export const endPointsIpv6Object: ObjectDefinition<EndPointsIpv6Object> = {
  objectClass: 4,
  objectType: 2,
  kind: 'END-POINTS-IPV6',
  className: 'END-POINTS',
  rfc: 'RFC 5440 §7.6',
  decode(b, start, end, p, i) {
    expectLength(start, end, 32, 'END-POINTS (IPv6) object body');
    return {
      kind: 'END-POINTS-IPV6',
      p,
      i,
      source: readIpv6(b, start),
      destination: readIpv6(b, start + 16),
    };
  },
  encode(w, o) {
    writeIpv6(w, o.source, 'source');
    writeIpv6(w, o.destination, 'destination');
  },
};
