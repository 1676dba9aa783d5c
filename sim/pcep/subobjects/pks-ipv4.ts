/**
 * Path-Key subobject with a 32-bit PCE ID (PKS IPv4): RFC 5520 §3.1. Carried in an ERO, where
 * it stands for a path segment its PCE keeps confidential, and in the PATH-KEY object (class 16),
 * whose contents are ERO-family subobjects.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|   Type=64   |   Length=8    |           Path-Key            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       PCE ID (4 bytes)                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The PCE ID is an IPv4 address of the PCE that can expand the key.
 */
import { checkUint, expectLength, type RouteTopBit, type SubobjectDefinition } from '../definition.ts';
import { readIpv4, writeIpv4 } from '../address.ts';
import { readU16 } from '../wire.ts';

export interface PksIpv4Subobject extends RouteTopBit {
  readonly kind: 'PKS-IPV4';
  /** The 16-bit key the PCE that computed the hidden segment can expand. */
  pathKey: number;
  /** IPv4 address of that PCE. */
  pceId: string;
}

export const pksIpv4: SubobjectDefinition<PksIpv4Subobject> = {
  type: 64,
  kind: 'PKS-IPV4',
  rfc: 'RFC 5520 §3.1',
  families: ['ERO'],
  decode(b, start, end) {
    expectLength(start, end, 6, 'PKS IPv4 subobject contents');
    return { kind: 'PKS-IPV4', pathKey: readU16(b, start), pceId: readIpv4(b, start + 2) };
  },
  encode(w, so) {
    w.u16(checkUint(so.pathKey, 0xffff, 'pathKey'));
    writeIpv4(w, so.pceId, 'pceId');
  },
};
