/**
 * Unnumbered Interface ID subobject: RFC 3477 §4 (ERO, used by PCEP ERO/IRO, RFC 5440 §7.9),
 * RFC 3477 §3 (RRO) and RFC 5521 §2.1.1 (XRO). The three differ only in the first word.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|   Type=4    |   Length=12   |     Reserved (MUST be zero)   |  ERO/IRO
 *  |    Type=4     |   Length=12   |     Flags     |   Reserved    |  RRO
 *  |X|   Type=4    |   Length=12   |   Reserved    |   Attribute   |  XRO
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    (TE) Router ID (32 bits)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Interface ID (32 bits)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RRO Flags are the IPv4 subobject's (RFC 3209 §4.4.1.1: 0x01 local protection available,
 * 0x02 in use); the XRO Attribute is RFC 5521's (0 interface, 1 node, 2 SRLG). In RRO and XRO
 * the reserved octet shares its word with that octet and is kept when nonzero; the ERO's
 * 16-bit Reserved word holds nothing else and is ignored on receipt and sent as zero.
 */
import { checkUint, expectLength, type RouteTopBit, type SubobjectDefinition } from '../definition.ts';
import { readIpv4, writeIpv4 } from '../address.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU32 } from '../wire.ts';

export interface UnnumberedInterfaceIdSubobject extends RouteTopBit {
  readonly kind: 'UNNUMBERED-INTERFACE-ID';
  /** The (TE) router ID of the node the interface belongs to, as a dotted quad. */
  routerId: string;
  /** The interface identifier, unique within that router (32 bits). */
  interfaceId: number;
  /** RRO: the Flags octet; XRO: the Attribute octet. Absent in an ERO, which has neither. */
  flags?: number;
  /** RRO/XRO: the reserved octet, kept for exact re-encoding; absent when zero. */
  reserved?: number;
}

export const unnumberedInterfaceId: SubobjectDefinition<UnnumberedInterfaceIdSubobject> = {
  type: 4,
  kind: 'UNNUMBERED-INTERFACE-ID',
  rfc: 'RFC 3477 §4',
  families: ['ERO', 'RRO', 'XRO'],
  decode(b, start, end, family) {
    expectLength(start, end, 10, 'unnumbered interface ID subobject contents');
    const so: UnnumberedInterfaceIdSubobject = {
      kind: 'UNNUMBERED-INTERFACE-ID',
      routerId: readIpv4(b, start + 2),
      interfaceId: readU32(b, start + 6),
    };
    if (family === 'RRO') {
      so.flags = b[start] as number;
      if (b[start + 1] !== 0) so.reserved = b[start + 1] as number;
    } else if (family === 'XRO') {
      so.flags = b[start + 1] as number;
      if (b[start] !== 0) so.reserved = b[start] as number;
    }
    // RFC 3477 §4: the ERO's Reserved word is ignored on receipt.
    return so;
  },
  encode(w, so, family) {
    if (family === 'ERO') {
      if (so.flags !== undefined && so.flags !== 0)
        throw new PcepEncodeError('has no Flags or Attribute octet in an ERO', 'flags', so.flags);
      if (so.reserved !== undefined && so.reserved !== 0)
        throw new PcepEncodeError('the ERO Reserved word is always sent as zero', 'reserved', so.reserved);
      w.u16(0);
    } else {
      const flags = checkUint(so.flags ?? 0, 255, 'flags');
      const reserved = checkUint(so.reserved ?? 0, 255, 'reserved');
      if (family === 'RRO') w.u16((flags << 8) | reserved);
      else w.u16((reserved << 8) | flags);
    }
    writeIpv4(w, so.routerId, 'routerId');
    w.u32(checkUint(so.interfaceId, 0xffffffff, 'interfaceId'));
  },
};
