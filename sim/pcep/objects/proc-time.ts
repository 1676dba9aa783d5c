/**
 * PROC-TIME object, RFC 5886 §4.4 (Object-Class 26, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Reserved            |            Flags            |E|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Current-processing-time                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Min-processing-time                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Max-processing-time                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Average-processing-time                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Variance-processing-time                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * All times are in milliseconds. No TLVs: the body is exactly 24 bytes.
 */
import { checkUint, expectLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { readU16, readU32 } from '../wire.ts';

const E = 0x0001;

export interface ProcTimeObject {
  readonly kind: 'PROC-TIME';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** E: the times are estimates, not measurements. */
  estimated: boolean;
  /** The other 15 bits of the 16-bit Flags field; absent when zero. */
  otherFlags?: number;
  /** The 16-bit Reserved field, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  /** Processing time of the request the reply answers, in milliseconds. */
  currentProcTimeMs: number;
  /** Smallest processing time seen, in milliseconds. */
  minProcTimeMs: number;
  /** Largest processing time seen, in milliseconds. */
  maxProcTimeMs: number;
  /** Mean processing time, in milliseconds. */
  averageProcTimeMs: number;
  /** Variance of the processing times, as the RFC encodes it (milliseconds). */
  varianceProcTimeMs: number;
}

export const procTimeObject: ObjectDefinition<ProcTimeObject> = {
  objectClass: 26,
  objectType: 1,
  kind: 'PROC-TIME',
  className: 'PROC-TIME',
  rfc: 'RFC 5886 §4.4',
  decode(b, start, end, p, i) {
    expectLength(start, end, 24, 'PROC-TIME object body');
    const reserved = readU16(b, start);
    const flags = readU16(b, start + 2);
    const o: ProcTimeObject = {
      kind: 'PROC-TIME',
      p,
      i,
      estimated: (flags & E) !== 0,
      currentProcTimeMs: readU32(b, start + 4),
      minProcTimeMs: readU32(b, start + 8),
      maxProcTimeMs: readU32(b, start + 12),
      averageProcTimeMs: readU32(b, start + 16),
      varianceProcTimeMs: readU32(b, start + 20),
    };
    if ((flags & ~E) !== 0) o.otherFlags = flags & ~E;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u16(checkUint(o.reserved ?? 0, 0xffff, 'reserved'));
    w.u16((o.estimated ? E : 0) | otherBits(o.otherFlags, 0xfffe, 'otherFlags'));
    w.u32(checkUint(o.currentProcTimeMs, 0xffffffff, 'currentProcTimeMs'));
    w.u32(checkUint(o.minProcTimeMs, 0xffffffff, 'minProcTimeMs'));
    w.u32(checkUint(o.maxProcTimeMs, 0xffffffff, 'maxProcTimeMs'));
    w.u32(checkUint(o.averageProcTimeMs, 0xffffffff, 'averageProcTimeMs'));
    w.u32(checkUint(o.varianceProcTimeMs, 0xffffffff, 'varianceProcTimeMs'));
  },
};
