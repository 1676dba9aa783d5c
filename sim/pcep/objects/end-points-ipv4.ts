/**
 * END-POINTS object for IPv4, RFC 5440 §7.6 (Object-Class 4, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Source IPv4 address                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Destination IPv4 address                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * No TLVs: the body is exactly 8 bytes.
 */
import { readIpv4, writeIpv4 } from '../address.ts';
import { expectLength, type ObjectDefinition } from '../definition.ts';

export interface EndPointsIpv4Object {
  readonly kind: 'END-POINTS-IPV4';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Source of the path (dotted quad). */
  source: string;
  /** Destination of the path (dotted quad). */
  destination: string;
}

export const endPointsIpv4Object: ObjectDefinition<EndPointsIpv4Object> = {
  objectClass: 4,
  objectType: 1,
  kind: 'END-POINTS-IPV4',
  className: 'END-POINTS',
  rfc: 'RFC 5440 §7.6',
  decode(b, start, end, p, i) {
    expectLength(start, end, 8, 'END-POINTS (IPv4) object body');
    return {
      kind: 'END-POINTS-IPV4',
      p,
      i,
      source: readIpv4(b, start),
      destination: readIpv4(b, start + 4),
    };
  },
  encode(w, o) {
    writeIpv4(w, o.source, 'source');
    writeIpv4(w, o.destination, 'destination');
  },
};
