/**
 * MONITORING object, RFC 5886 §4.1 (Object-Class 19, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Reserved    |                 Flags               |I|C|P|G|L|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Monitoring-ID-number                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU32 } from '../wire.ts';

const L = 0x01;
const G = 0x02;
const P = 0x04;
const C = 0x08;
const I = 0x10;
const KNOWN = L | G | P | C | I;

export interface MonitoringObject {
  readonly kind: 'MONITORING';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** L: check the liveness of the PCE chain. */
  liveness: boolean;
  /** G: general (out-of-band) monitoring rather than in-band with a request. */
  general: boolean;
  /** P: report processing times (PROC-TIME). */
  processingTime: boolean;
  /** C: report overload state (OVERLOAD). */
  overload: boolean;
  /** I: the reply does not carry all the information that was asked for. */
  incomplete: boolean;
  /** The other bits of the 24-bit Flags field; absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  /** Identifies the monitoring request (with the PCC address). */
  monitoringIdNumber: number;
  tlvs: Tlv[];
}

export const monitoringObject: ObjectDefinition<MonitoringObject> = {
  objectClass: 19,
  objectType: 1,
  kind: 'MONITORING',
  className: 'MONITORING',
  rfc: 'RFC 5886 §4.1',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 8, 'MONITORING object body');
    const reserved = b[start] as number;
    const flags = readU32(b, start) & 0xffffff;
    const o: MonitoringObject = {
      kind: 'MONITORING',
      p,
      i,
      liveness: (flags & L) !== 0,
      general: (flags & G) !== 0,
      processingTime: (flags & P) !== 0,
      overload: (flags & C) !== 0,
      incomplete: (flags & I) !== 0,
      monitoringIdNumber: readU32(b, start + 4),
      tlvs: decodeTlvs(b, start + 8, end),
    };
    if ((flags & ~KNOWN) !== 0) o.otherFlags = flags & ~KNOWN;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    w.u24(
      (o.liveness ? L : 0) |
        (o.general ? G : 0) |
        (o.processingTime ? P : 0) |
        (o.overload ? C : 0) |
        (o.incomplete ? I : 0) |
        otherBits(o.otherFlags, 0xffffff & ~KNOWN, 'otherFlags'),
    );
    w.u32(checkUint(o.monitoringIdNumber, 0xffffffff, 'monitoringIdNumber'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
