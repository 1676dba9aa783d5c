/**
 * PATH-SETUP-TYPE TLV, RFC 8408 §4 (carried in the RP, SRP and LSP objects): how the LSP is
 * set up. PSTs from the IANA "PCEP Path Setup Types" registry: 0 RSVP-TE (RFC 8408), 1 SR
 * (RFC 8664), 2 PCECC (RFC 9050), 3 SRv6 (RFC 9603), 4 native IP.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=28            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Reserved                    |      PST      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Reserved is ignored on receipt and written as zero (RFC 8408 §4), so a nonzero Reserved
 * does not survive re-encoding.
 */
import { checkUint, expectLength, type TlvDefinition } from '../definition.ts';

export interface PathSetupTypeTlv {
  readonly kind: 'PATH-SETUP-TYPE';
  /** The Path Setup Type: 0 RSVP-TE, 1 SR, 2 PCECC, 3 SRv6, 4 native IP. */
  pst: number;
}

export const pathSetupType: TlvDefinition<PathSetupTypeTlv> = {
  type: 28,
  kind: 'PATH-SETUP-TYPE',
  rfc: 'RFC 8408 §4',
  decode(b, start, end) {
    expectLength(start, end, 4, 'PATH-SETUP-TYPE');
    return { kind: 'PATH-SETUP-TYPE', pst: b[start + 3] as number };
  },
  encode(w, tlv) {
    w.u24(0);
    w.u8(checkUint(tlv.pst, 255, 'pst'));
  },
};
