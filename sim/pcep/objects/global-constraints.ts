/**
 * GLOBAL-CONSTRAINTS (GC) object, RFC 5557 §5.5 (Object-Class 24, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      MH       |      MU       |      mU       |      OB       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Constraints applied to every path of a Global Concurrent Optimization request.
 */
import { checkUint, expectMinLength, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';

export interface GlobalConstraintsObject {
  readonly kind: 'GLOBAL-CONSTRAINTS';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** MH (Max-Hop): the most hops any path may have. */
  maxHopCount: number;
  /** MU (Max-Utilization): the highest utilization any link may reach, in percent. */
  maxUtilizationPercent: number;
  /** mU (Min-Utilization): the lowest utilization any link should keep, in percent. */
  minUtilizationPercent: number;
  /** OB (Over-Booking factor): how far links may be overbooked, in percent. */
  overBookingPercent: number;
  tlvs: Tlv[];
}

export const globalConstraintsObject: ObjectDefinition<GlobalConstraintsObject> = {
  objectClass: 24,
  objectType: 1,
  kind: 'GLOBAL-CONSTRAINTS',
  className: 'GLOBAL-CONSTRAINTS',
  rfc: 'RFC 5557 §5.5',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'GLOBAL-CONSTRAINTS object body');
    return {
      kind: 'GLOBAL-CONSTRAINTS',
      p,
      i,
      maxHopCount: b[start] as number,
      maxUtilizationPercent: b[start + 1] as number,
      minUtilizationPercent: b[start + 2] as number,
      overBookingPercent: b[start + 3] as number,
      tlvs: decodeTlvs(b, start + 4, end),
    };
  },
  encode(w, o) {
    w.u8(checkUint(o.maxHopCount, 255, 'maxHopCount'));
    w.u8(checkUint(o.maxUtilizationPercent, 255, 'maxUtilizationPercent'));
    w.u8(checkUint(o.minUtilizationPercent, 255, 'minUtilizationPercent'));
    w.u8(checkUint(o.overBookingPercent, 255, 'overBookingPercent'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
