/**
 * IPV4-LSP-IDENTIFIERS TLV, RFC 8231 §7.3.1 (carried in the LSP object): the RSVP-TE
 * identifiers of an LSP signalled over IPv4 (RFC 3209 SESSION and SENDER_TEMPLATE fields).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=18            |           Length=16           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 IPv4 Tunnel Sender Address                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             LSP ID            |           Tunnel ID           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Extended Tunnel ID                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 IPv4 Tunnel Endpoint Address                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectLength, type TlvDefinition } from '../definition.ts';
import { readIpv4, writeIpv4 } from '../address.ts';
import { readU16 } from '../wire.ts';

export interface Ipv4LspIdentifiersTlv {
  readonly kind: 'IPV4-LSP-IDENTIFIERS';
  /** The head end's address (dotted quad). */
  tunnelSenderAddress: string;
  /** RSVP LSP ID: changes on make-before-break. */
  lspId: number;
  /** RSVP Tunnel ID: constant over the LSP's lifetime. */
  tunnelId: number;
  /** Extended Tunnel ID, usually the head end's address (the 4 bytes as a dotted quad). */
  extendedTunnelId: string;
  /** The tail end's address (dotted quad). */
  tunnelEndpointAddress: string;
}

export const ipv4LspIdentifiers: TlvDefinition<Ipv4LspIdentifiersTlv> = {
  type: 18,
  kind: 'IPV4-LSP-IDENTIFIERS',
  rfc: 'RFC 8231 §7.3.1',
  decode(b, start, end) {
    expectLength(start, end, 16, 'IPV4-LSP-IDENTIFIERS');
    return {
      kind: 'IPV4-LSP-IDENTIFIERS',
      tunnelSenderAddress: readIpv4(b, start),
      lspId: readU16(b, start + 4),
      tunnelId: readU16(b, start + 6),
      extendedTunnelId: readIpv4(b, start + 8),
      tunnelEndpointAddress: readIpv4(b, start + 12),
    };
  },
  encode(w, tlv) {
    writeIpv4(w, tlv.tunnelSenderAddress, 'tunnelSenderAddress');
    w.u16(checkUint(tlv.lspId, 0xffff, 'lspId'));
    w.u16(checkUint(tlv.tunnelId, 0xffff, 'tunnelId'));
    writeIpv4(w, tlv.extendedTunnelId, 'extendedTunnelId');
    writeIpv4(w, tlv.tunnelEndpointAddress, 'tunnelEndpointAddress');
  },
};
