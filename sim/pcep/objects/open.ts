/**
 * OPEN object, RFC 5440 §7.3 (Object-Class 1, Object-Type 1); the R flag is the Open Refresh
 * draft's OPEN-REFRESH-CAPABILITY bit (a provisional code point, see provisional.ts).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Ver |   Flags |   Keepalive   |  DeadTimer    |      SID      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                       Optional TLVs                         //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { provisionalCodePoints } from '../provisional.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';

export interface OpenObject {
  readonly kind: 'OPEN';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** PCEP version; 1 for RFC 5440. Kept as received so the session can reject others. */
  version: number;
  /** R: the speaker supports Open Refresh (draft-stone-pce-update-open, provisional bit). */
  openRefresh: boolean;
  /** Other bits of the 5-bit Flags field; absent when zero. */
  otherFlags?: number;
  /** Keepalive timer in seconds; 0 means no Keepalives are sent. */
  keepaliveS: number;
  /** DeadTimer in seconds; 0 means the session is never declared dead. */
  deadTimerS: number;
  /** PCEP session ID (wraps at 255). */
  sessionId: number;
  tlvs: Tlv[];
}

export const openObject: ObjectDefinition<OpenObject> = {
  objectClass: 1,
  objectType: 1,
  kind: 'OPEN',
  className: 'OPEN',
  rfc: 'RFC 5440 §7.3',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'OPEN object body');
    const first = b[start] as number;
    const r = provisionalCodePoints().openRefreshFlagMask;
    const flags = first & 0x1f;
    const o: OpenObject = {
      kind: 'OPEN',
      p,
      i,
      version: first >>> 5,
      openRefresh: (flags & r) !== 0,
      keepaliveS: b[start + 1] as number,
      deadTimerS: b[start + 2] as number,
      sessionId: b[start + 3] as number,
      tlvs: decodeTlvs(b, start + 4, end),
    };
    if ((flags & ~r) !== 0) o.otherFlags = flags & ~r;
    return o;
  },
  encode(w, o) {
    const r = provisionalCodePoints().openRefreshFlagMask;
    const flags = (o.openRefresh ? r : 0) | otherBits(o.otherFlags, 0x1f & ~r, 'otherFlags');
    w.u8((checkUint(o.version, 7, 'version') << 5) | flags);
    w.u8(checkUint(o.keepaliveS, 255, 'keepaliveS'));
    w.u8(checkUint(o.deadTimerS, 255, 'deadTimerS'));
    w.u8(checkUint(o.sessionId, 255, 'sessionId'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
