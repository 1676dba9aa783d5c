/**
 * Path-Key subobject with a 128-bit PCE ID (PKS IPv6): RFC 5520 §3.1. Carried in an ERO and in
 * the PATH-KEY object (class 16), whose contents are ERO-family subobjects.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|   Type=65   |   Length=20   |           Path-Key            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       PCE ID (16 bytes)                       |
 *  +                                                               +
 *  |                                                               |
 *  +                                                               +
 *  |                                                               |
 *  +                                                               +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectLength, type RouteTopBit, type SubobjectDefinition } from '../definition.ts';
import { readIpv6, writeIpv6 } from '../address.ts';
import { readU16 } from '../wire.ts';

export interface PksIpv6Subobject extends RouteTopBit {
  readonly kind: 'PKS-IPV6';
  /** The 16-bit key the PCE that computed the hidden segment can expand. */
  pathKey: number;
  /** IPv6 address of that PCE (RFC 5952 text). */
  pceId: string;
}

export const pksIpv6: SubobjectDefinition<PksIpv6Subobject> = {
  type: 65,
  kind: 'PKS-IPV6',
  rfc: 'RFC 5520 §3.1',
  families: ['ERO'],
  decode(b, start, end) {
    expectLength(start, end, 18, 'PKS IPv6 subobject contents');
    return { kind: 'PKS-IPV6', pathKey: readU16(b, start), pceId: readIpv6(b, start + 2) };
  },
  encode(w, so) {
    w.u16(checkUint(so.pathKey, 0xffff, 'pathKey'));
    writeIpv6(w, so.pceId, 'pceId');
  },
};
