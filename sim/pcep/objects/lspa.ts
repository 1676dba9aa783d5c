/**
 * LSPA (LSP Attributes) object, RFC 5440 §7.11 (Object-Class 9, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Exclude-any                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Include-any                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Include-all                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Setup Prio   |  Holding Prio |    Flags    |L|   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The affinity words and priorities mean what they mean in the RSVP-TE SESSION_ATTRIBUTE
 * object (RFC 3209 §4.7). RFC 9488's E bit (0x02) stays in `otherFlags`.
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU32 } from '../wire.ts';

const L = 0x01;

export interface LspaObject {
  readonly kind: 'LSPA';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** Links carrying any of these resource classes (attribute bits) must not be used. */
  excludeAny: number;
  /** Only links carrying at least one of these resource classes may be used (0: no constraint). */
  includeAny: number;
  /** Only links carrying all of these resource classes may be used (0: no constraint). */
  includeAll: number;
  /** Setup priority, 0 (highest) to 7 (lowest). */
  setupPriority: number;
  /** Holding priority, 0 (highest) to 7 (lowest). */
  holdingPriority: number;
  /** L: local protection is desired. */
  localProtection: boolean;
  /** The other 7 bits of the Flags octet; absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  tlvs: Tlv[];
}

export const lspaObject: ObjectDefinition<LspaObject> = {
  objectClass: 9,
  objectType: 1,
  kind: 'LSPA',
  className: 'LSPA',
  rfc: 'RFC 5440 §7.11',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 16, 'LSPA object body');
    const flags = b[start + 14] as number;
    const reserved = b[start + 15] as number;
    const o: LspaObject = {
      kind: 'LSPA',
      p,
      i,
      excludeAny: readU32(b, start),
      includeAny: readU32(b, start + 4),
      includeAll: readU32(b, start + 8),
      setupPriority: b[start + 12] as number,
      holdingPriority: b[start + 13] as number,
      localProtection: (flags & L) !== 0,
      tlvs: decodeTlvs(b, start + 16, end),
    };
    if ((flags & ~L) !== 0) o.otherFlags = flags & ~L;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u32(checkUint(o.excludeAny, 0xffffffff, 'excludeAny'));
    w.u32(checkUint(o.includeAny, 0xffffffff, 'includeAny'));
    w.u32(checkUint(o.includeAll, 0xffffffff, 'includeAll'));
    w.u8(checkUint(o.setupPriority, 255, 'setupPriority'));
    w.u8(checkUint(o.holdingPriority, 255, 'holdingPriority'));
    w.u8((o.localProtection ? L : 0) | otherBits(o.otherFlags, 0xfe, 'otherFlags'));
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
