/**
 * IPv6 prefix subobject: RFC 3209 §4.3.3.3 (ERO, used by PCEP ERO/IRO, RFC 5440 §7.9),
 * RFC 3209 §4.4.1.2 (RRO, RFC 5440 §7.10) and RFC 5521 §2.1.1 (XRO).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|    Type=2   |   Length=20   | IPv6 address (16 bytes)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |                                                               |
 *  +                                                               +
 *  |                                                               |
 *  +                                                               +
 *  |                                                               |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               | Prefix Length |  Resvd/Flags  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The first bit is L in an ERO/IRO, X in an XRO and part of the 8-bit Type in an RRO. The last
 * octet is Reserved in an ERO/IRO, Flags in an RRO (0x01 local protection available, 0x02 local
 * protection in use) and Attribute in an XRO (0 interface, 1 node, 2 SRLG), as for IPv4.
 */
import {
  checkUint,
  expectLength,
  malformed,
  type RouteTopBit,
  type SubobjectDefinition,
} from '../definition.ts';
import { readIpv6, writeIpv6 } from '../address.ts';

export interface Ipv6PrefixSubobject extends RouteTopBit {
  readonly kind: 'IPV6-PREFIX';
  /** RFC 5952 text. */
  address: string;
  /** Prefix length in bits, 0 to 128. */
  prefixLength: number;
  /** The last octet: Reserved (ERO/IRO), Flags (RRO) or Attribute (XRO). */
  flags: number;
}

export const ipv6Prefix: SubobjectDefinition<Ipv6PrefixSubobject> = {
  type: 2,
  kind: 'IPV6-PREFIX',
  rfc: 'RFC 3209 §4.3.3.3',
  families: ['ERO', 'RRO', 'XRO'],
  decode(b, start, end) {
    expectLength(start, end, 18, 'IPv6 prefix subobject contents');
    const prefixLength = b[start + 16] as number;
    if (prefixLength > 128) malformed(`IPv6 prefix length ${prefixLength} exceeds 128`, start + 16);
    return {
      kind: 'IPV6-PREFIX',
      address: readIpv6(b, start),
      prefixLength,
      flags: b[start + 17] as number,
    };
  },
  encode(w, so) {
    writeIpv6(w, so.address, 'address');
    w.u8(checkUint(so.prefixLength, 128, 'prefixLength'));
    w.u8(checkUint(so.flags ?? 0, 255, 'flags'));
  },
};
