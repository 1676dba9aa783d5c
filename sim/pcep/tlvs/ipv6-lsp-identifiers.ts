/**
 * IPV6-LSP-IDENTIFIERS TLV, RFC 8231 §7.3.1 (carried in the LSP object): the RSVP-TE
 * identifiers of an LSP signalled over IPv6 (RFC 3209 SESSION and SENDER_TEMPLATE fields).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=19            |           Length=52           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +            IPv6 Tunnel Sender Address (16 bytes)              +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             LSP ID            |           Tunnel ID           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +               Extended Tunnel ID (16 bytes)                   +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +           IPv6 Tunnel Endpoint Address (16 bytes)             +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectLength, type TlvDefinition } from '../definition.ts';
import { readIpv6, writeIpv6 } from '../address.ts';
import { readU16 } from '../wire.ts';

export interface Ipv6LspIdentifiersTlv {
  readonly kind: 'IPV6-LSP-IDENTIFIERS';
  /** The head end's address (RFC 5952 text). */
  tunnelSenderAddress: string;
  /** RSVP LSP ID: changes on make-before-break. */
  lspId: number;
  /** RSVP Tunnel ID: constant over the LSP's lifetime. */
  tunnelId: number;
  /** Extended Tunnel ID, usually the head end's address (the 16 bytes as RFC 5952 text). */
  extendedTunnelId: string;
  /** The tail end's address (RFC 5952 text). */
  tunnelEndpointAddress: string;
}

export const ipv6LspIdentifiers: TlvDefinition<Ipv6LspIdentifiersTlv> = {
  type: 19,
  kind: 'IPV6-LSP-IDENTIFIERS',
  rfc: 'RFC 8231 §7.3.1',
  decode(b, start, end) {
    expectLength(start, end, 52, 'IPV6-LSP-IDENTIFIERS');
    return {
      kind: 'IPV6-LSP-IDENTIFIERS',
      tunnelSenderAddress: readIpv6(b, start),
      lspId: readU16(b, start + 16),
      tunnelId: readU16(b, start + 18),
      extendedTunnelId: readIpv6(b, start + 20),
      tunnelEndpointAddress: readIpv6(b, start + 36),
    };
  },
  encode(w, tlv) {
    writeIpv6(w, tlv.tunnelSenderAddress, 'tunnelSenderAddress');
    w.u16(checkUint(tlv.lspId, 0xffff, 'lspId'));
    w.u16(checkUint(tlv.tunnelId, 0xffff, 'tunnelId'));
    writeIpv6(w, tlv.extendedTunnelId, 'extendedTunnelId');
    writeIpv6(w, tlv.tunnelEndpointAddress, 'tunnelEndpointAddress');
  },
};
