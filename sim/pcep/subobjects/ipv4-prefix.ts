/**
 * IPv4 prefix subobject: RFC 3209 §4.3.3.2 (ERO, used by PCEP ERO/IRO, RFC 5440 §7.9),
 * RFC 3209 §4.4.1.1 (RRO, RFC 5440 §7.10) and RFC 5521 §2.1.1 (XRO).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|    Type=1   |   Length=8    | IPv4 address (4 bytes)        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | IPv4 address (continued)      | Prefix Length |  Resvd/Flags  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The last octet is Reserved in an ERO/IRO, Flags in an RRO (0x01 local protection
 * available, 0x02 local protection in use) and Attribute in an XRO (0 interface, 1 node, 2 SRLG).
 */
import {
  checkUint,
  expectLength,
  malformed,
  type RouteTopBit,
  type SubobjectDefinition,
} from '../definition.ts';
import { readIpv4, writeIpv4 } from '../address.ts';

export interface Ipv4PrefixSubobject extends RouteTopBit {
  readonly kind: 'IPV4-PREFIX';
  address: string;
  /** Prefix length in bits, 0 to 32. */
  prefixLength: number;
  /** The last octet: Reserved (ERO/IRO), Flags (RRO) or Attribute (XRO). */
  flags: number;
}

export const ipv4Prefix: SubobjectDefinition<Ipv4PrefixSubobject> = {
  type: 1,
  kind: 'IPV4-PREFIX',
  rfc: 'RFC 3209 §4.3.3.2',
  families: ['ERO', 'RRO', 'XRO'],
  decode(b, start, end) {
    expectLength(start, end, 6, 'IPv4 prefix subobject contents');
    const prefixLength = b[start + 4] as number;
    // A prefix longer than the address cannot be meant (and could not be re-encoded).
    if (prefixLength > 32) malformed(`IPv4 prefix length ${prefixLength} exceeds 32`, start + 4);
    return {
      kind: 'IPV4-PREFIX',
      address: readIpv4(b, start),
      prefixLength,
      flags: b[start + 5] as number,
    };
  },
  encode(w, so) {
    writeIpv4(w, so.address, 'address');
    w.u8(checkUint(so.prefixLength, 32, 'prefixLength'));
    w.u8(checkUint(so.flags ?? 0, 255, 'flags'));
  },
};
