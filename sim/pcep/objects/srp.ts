/**
 * SRP (Stateful PCE Request Parameters) object, RFC 8231 §7.2 (Object-Class 33, Object-Type 1);
 * the R flag is RFC 8281 §5.2.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                             Flags                           |R|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         SRP-ID-number                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * SRP-ID-number 0 and 0xFFFFFFFF are reserved; they are decoded as they are. RFC 8741's LSP
 * control request bit (0x02) stays in `otherFlags`.
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU32 } from '../wire.ts';

const R = 0x01;

export interface SrpObject {
  readonly kind: 'SRP';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** R (RFC 8281 LSP-REMOVE): the PCE asks the PCC to delete the PCE-initiated LSP. */
  remove: boolean;
  /** The other 31 bits of the Flags field; absent when zero. */
  otherFlags?: number;
  /** Identifies the PCE's request so the PCC's report can refer back to it. */
  srpIdNumber: number;
  tlvs: Tlv[];
}

export const srpObject: ObjectDefinition<SrpObject> = {
  objectClass: 33,
  objectType: 1,
  kind: 'SRP',
  className: 'SRP',
  rfc: 'RFC 8231 §7.2',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 8, 'SRP object body');
    const flags = readU32(b, start);
    const o: SrpObject = {
      kind: 'SRP',
      p,
      i,
      remove: (flags & R) !== 0,
      srpIdNumber: readU32(b, start + 4),
      tlvs: decodeTlvs(b, start + 8, end),
    };
    const other = (flags & ~R) >>> 0;
    if (other !== 0) o.otherFlags = other;
    return o;
  },
  encode(w, o) {
    w.u32(((o.remove ? R : 0) | otherBits(o.otherFlags, ~R >>> 0, 'otherFlags')) >>> 0);
    w.u32(checkUint(o.srpIdNumber, 0xffffffff, 'srpIdNumber'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
