/**
 * REQ-MISSING TLV, RFC 5440 §7.15 (carried in a PCEP-ERROR object of Error-Type 7, naming a
 * request a synchronized set is missing).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type=3            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Request-ID-number                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectLength, type TlvDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

export interface ReqMissingTlv {
  readonly kind: 'REQ-MISSING';
  /** The Request-ID-number (RP object) of the missing request. */
  requestId: number;
}

export const reqMissing: TlvDefinition<ReqMissingTlv> = {
  type: 3,
  kind: 'REQ-MISSING',
  rfc: 'RFC 5440 §7.15',
  decode(b, start, end) {
    expectLength(start, end, 4, 'REQ-MISSING');
    return { kind: 'REQ-MISSING', requestId: readU32(b, start) };
  },
  encode(w, tlv) {
    w.u32(checkUint(tlv.requestId, 0xffffffff, 'requestId'));
  },
};
