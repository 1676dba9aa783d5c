/**
 * OVERLOAD-DURATION TLV, RFC 5440 §7.14 (carried in a NOTIFICATION object with
 * Notification-type 2, Notification-value 1: the PCE is overloaded).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type=2            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Overload duration (seconds)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectLength, type TlvDefinition } from '../definition.ts';
import { readU32 } from '../wire.ts';

export interface OverloadDurationTlv {
  readonly kind: 'OVERLOAD-DURATION';
  /** How long the PCE expects to stay overloaded, in seconds (unsigned 32-bit). */
  overloadDurationS: number;
}

export const overloadDuration: TlvDefinition<OverloadDurationTlv> = {
  type: 2,
  kind: 'OVERLOAD-DURATION',
  rfc: 'RFC 5440 §7.14',
  decode(b, start, end) {
    expectLength(start, end, 4, 'OVERLOAD-DURATION');
    return { kind: 'OVERLOAD-DURATION', overloadDurationS: readU32(b, start) };
  },
  encode(w, tlv) {
    w.u32(checkUint(tlv.overloadDurationS, 0xffffffff, 'overloadDurationS'));
  },
};
