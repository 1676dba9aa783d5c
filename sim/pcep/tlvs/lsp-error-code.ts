/**
 * LSP-ERROR-CODE TLV, RFC 8231 §7.3.3 (carried in the LSP object of a PCRpt when an LSP
 * could not be set up or updated). Codes from the IANA "LSP-ERROR-CODE TLV Error Code Field"
 * registry: 1 unknown reason, 2 limit of PCE-controlled LSPs reached, 3 too many pending
 * updates, 4 unacceptable parameters, 5 internal error, 6 administratively down, 7 preempted,
 * 8 RSVP signaling error (RFC 8231); 10 SID verification fails (RFC 9603).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=20            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        LSP Error Code                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectLength, type TlvDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

export interface LspErrorCodeTlv {
  readonly kind: 'LSP-ERROR-CODE';
  /** The IANA LSP error code (unsigned 32-bit; unknown codes are kept as received). */
  lspErrorCode: number;
}

export const lspErrorCode: TlvDefinition<LspErrorCodeTlv> = {
  type: 20,
  kind: 'LSP-ERROR-CODE',
  rfc: 'RFC 8231 §7.3.3',
  decode(b, start, end) {
    expectLength(start, end, 4, 'LSP-ERROR-CODE');
    return { kind: 'LSP-ERROR-CODE', lspErrorCode: readU32(b, start) };
  },
  encode(w, tlv) {
    w.u32(checkUint(tlv.lspErrorCode, 0xffffffff, 'lspErrorCode'));
  },
};
