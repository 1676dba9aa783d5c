/**
 * METRIC object, RFC 5440 §7.8 (Object-Class 6, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Reserved            |   Flags   |C|B|       T       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 metric-value (IEEE 754 single)                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * T: 1 IGP metric, 2 TE metric, 3 hop count (RFC 5440); later RFCs add more (RFC 5541,
 * RFC 8233, RFC 8664 ...). No TLVs: the body is exactly 8 bytes. A NaN value is malformed.
 */
import { checkUint, expectLength, otherBits, type ObjectDefinition, writeF32 } from '../definition.ts';
import { isF32NaN, readF32, readU16, readU32 } from '../wire.ts';

const B = 0x01;
const C = 0x02;
const KNOWN = B | C;

export interface MetricObject {
  readonly kind: 'METRIC';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** B: the value is a bound (a maximum) the path must not exceed, not an objective. */
  bound: boolean;
  /** C: in a request, the PCE must return the computed metric value. */
  computed: boolean;
  /** The other 6 bits of the Flags octet; absent when zero. */
  otherFlags?: number;
  /** T: which metric (1 IGP, 2 TE, 3 hop count, ...). */
  metricType: number;
  /** The metric value (an IEEE 754 single); its unit depends on `metricType`. */
  metricValue: number;
  /** The raw bits when the float is a NaN (JSON shows the value as null); absent otherwise. */
  metricValueNaNBits?: number;
  /** The 16-bit Reserved field, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
}

export const metricObject: ObjectDefinition<MetricObject> = {
  objectClass: 6,
  objectType: 1,
  kind: 'METRIC',
  className: 'METRIC',
  rfc: 'RFC 5440 §7.8',
  decode(b, start, end, p, i) {
    expectLength(start, end, 8, 'METRIC object body');
    const reserved = readU16(b, start);
    const flags = b[start + 2] as number;
    const o: MetricObject = {
      kind: 'METRIC',
      p,
      i,
      bound: (flags & B) !== 0,
      computed: (flags & C) !== 0,
      metricType: b[start + 3] as number,
      metricValue: readF32(b, start + 4),
    };
    if (isF32NaN(b, start + 4)) o.metricValueNaNBits = readU32(b, start + 4);
    if ((flags & ~KNOWN) !== 0) o.otherFlags = flags & ~KNOWN;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u16(checkUint(o.reserved ?? 0, 0xffff, 'reserved'));
    w.u8((o.bound ? B : 0) | (o.computed ? C : 0) | otherBits(o.otherFlags, 0xff & ~KNOWN, 'otherFlags'));
    w.u8(checkUint(o.metricType, 255, 'metricType'));
    writeF32(w, o.metricValue, o.metricValueNaNBits, 'metricValue', 'metricValueNaNBits');
  },
};
