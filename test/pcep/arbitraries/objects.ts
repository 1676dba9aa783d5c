/**
 * fast-check generators for every registered object, one per kind. They produce canonical
 * values only (what decode gives back): `p` and `i` as booleans, `headerReserved` never,
 * optional fields (`otherFlags`, `reserved`) omitted when zero, floats exactly representable
 * as IEEE 754 singles and never NaN, IPv6 addresses in RFC 5952 text, TLVs as UNKNOWN-TLV
 * values with types from 60000 up (none registered there), route subobjects as IPV4-PREFIX
 * values carrying `l` in ERO-family objects and `x` in an XRO, and opaque byte fields a
 * multiple of 4 long (the object padding could not be told apart from them otherwise).
 */
import fc from 'fast-check';
import { u8, u16, u32, ipv4, ipv6 } from './primitives.ts';
import type { RouteFamily } from '../../../sim/pcep/definition.ts';
import { provisionalCodePoints } from '../../../sim/pcep/provisional.ts';

const bool = fc.boolean();

/** IEEE 754 singles (fc.float generates only those; fround makes it explicit), NaN excluded. */
const float32 = fc.float({ noNaN: true }).map(Math.fround);

/** Values of an "other bits" field: often zero (then omitted), otherwise any bits of `mask`. */
function bits(mask: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constant(0),
    u32.map((v) => (v & mask) >>> 0),
  );
}

/** An optional whole-number field: often zero (then omitted), otherwise anything in range. */
function maybe(arb: fc.Arbitrary<number>): fc.Arbitrary<number> {
  return fc.oneof(fc.constant(0), arb);
}

/** Built with map, not fc.record: records have a null prototype, which toStrictEqual notices. */
const tlvs = fc.array(
  fc
    .tuple(fc.integer({ min: 60000, max: 65535 }), fc.uint8Array({ maxLength: 12 }))
    .map(([type, value]) => ({ kind: 'UNKNOWN-TLV', type, value })),
  { maxLength: 3 },
);

/** IPv4 prefix subobjects with the family's top bit: `l` in an ERO, `x` in an XRO, none in an RRO. */
function subobjects(family: RouteFamily): fc.Arbitrary<Record<string, unknown>[]> {
  const prefix = fc
    .tuple(ipv4, fc.integer({ min: 0, max: 32 }), u8, bool)
    .map(([address, prefixLength, flags, top]) => {
      const so: Record<string, unknown> = { kind: 'IPV4-PREFIX', address, prefixLength, flags };
      if (family === 'ERO') so.l = top;
      else if (family === 'XRO') so.x = top;
      return so;
    });
  return fc.array(prefix, { maxLength: 4 });
}

/**
 * An object value: `kind`, the header's P and I, the required `fields`, and each `optional`
 * field only when its generated value is nonzero.
 */
function object(
  kind: string,
  fields: Record<string, fc.Arbitrary<unknown>>,
  optional: Record<string, fc.Arbitrary<number>> = {},
): fc.Arbitrary<unknown> {
  return fc.tuple(bool, bool, fc.record(fields), fc.record(optional)).map(([p, i, required, extra]) => {
    const o: Record<string, unknown> = { kind, p, i, ...required };
    for (const [key, v] of Object.entries(extra)) if (v !== 0) o[key] = v;
    return o;
  });
}

/** Open Refresh's R bit is provisional: read its mask when values are generated. */
const openObject = fc
  .tuple(bool, bool, fc.integer({ min: 0, max: 7 }), bool, bits(0x1f), u8, u8, u8, tlvs)
  .map(([p, i, version, openRefresh, other, keepaliveS, deadTimerS, sessionId, list]) => {
    const r = provisionalCodePoints().openRefreshFlagMask;
    const o: Record<string, unknown> = {
      kind: 'OPEN',
      p,
      i,
      version,
      openRefresh,
      keepaliveS,
      deadTimerS,
      sessionId,
      tlvs: list,
    };
    const otherFlags = other & ~r;
    if (otherFlags !== 0) o.otherFlags = otherFlags;
    return o;
  });

export const objectArbitraries: Record<string, fc.Arbitrary<unknown>> = {
  'BANDWIDTH-EXISTING': object('BANDWIDTH-EXISTING', { bandwidthBytesPerS: float32 }),
  'BANDWIDTH-REQUESTED': object('BANDWIDTH-REQUESTED', { bandwidthBytesPerS: float32 }),
  CLASSTYPE: object(
    'CLASSTYPE',
    { classType: fc.integer({ min: 0, max: 7 }) },
    { reserved: maybe(fc.integer({ min: 0, max: 0x1fffffff })) },
  ),
  CLOSE: object('CLOSE', { reason: u8, tlvs }, { otherFlags: maybe(u8), reserved: maybe(u16) }),
  'END-POINTS-IPV4': object('END-POINTS-IPV4', { source: ipv4, destination: ipv4 }),
  'END-POINTS-IPV6': object('END-POINTS-IPV6', { source: ipv6, destination: ipv6 }),
  ERO: object('ERO', { subobjects: subobjects('ERO') }),
  'GLOBAL-CONSTRAINTS': object('GLOBAL-CONSTRAINTS', {
    maxHopCount: u8,
    maxUtilizationPercent: u8,
    minUtilizationPercent: u8,
    overBookingPercent: u8,
    tlvs,
  }),
  IRO: object('IRO', { subobjects: subobjects('ERO') }),
  'LOAD-BALANCING': object(
    'LOAD-BALANCING',
    { maxLspCount: u8, minBandwidthBytesPerS: float32 },
    { otherFlags: maybe(u8), reserved: maybe(u16) },
  ),
  LSP: object(
    'LSP',
    {
      plspId: fc.integer({ min: 0, max: 0xfffff }),
      delegate: bool,
      sync: bool,
      remove: bool,
      administrative: bool,
      operational: fc.integer({ min: 0, max: 7 }),
      create: bool,
      tlvs,
    },
    { otherFlags: bits(0xf00) },
  ),
  LSPA: object(
    'LSPA',
    {
      excludeAny: u32,
      includeAny: u32,
      includeAll: u32,
      setupPriority: u8,
      holdingPriority: u8,
      localProtection: bool,
      tlvs,
    },
    { otherFlags: bits(0xfe), reserved: maybe(u8) },
  ),
  METRIC: object(
    'METRIC',
    { bound: bool, computed: bool, metricType: u8, metricValue: float32 },
    { otherFlags: bits(0xfc), reserved: maybe(u16) },
  ),
  MONITORING: object(
    'MONITORING',
    {
      liveness: bool,
      general: bool,
      processingTime: bool,
      overload: bool,
      incomplete: bool,
      monitoringIdNumber: u32,
      tlvs,
    },
    { otherFlags: bits(0xffffe0), reserved: maybe(u8) },
  ),
  'NO-PATH': object(
    'NO-PATH',
    { natureOfIssue: u8, unsatisfiedConstraints: bool, tlvs },
    { otherFlags: bits(0x7fff), reserved: maybe(u8) },
  ),
  NOTIFICATION: object(
    'NOTIFICATION',
    { notificationType: u8, notificationValue: u8, tlvs },
    { otherFlags: maybe(u8), reserved: maybe(u8) },
  ),
  OF: object('OF', { ofCode: u16, tlvs }, { reserved: maybe(u16) }),
  OPEN: openObject,
  OVERLOAD: object('OVERLOAD', { overloadDurationS: u16 }, { otherFlags: maybe(u8), reserved: maybe(u8) }),
  'P2MP-END-POINTS-IPV4': object('P2MP-END-POINTS-IPV4', {
    leafType: u32,
    source: ipv4,
    destinations: fc.array(ipv4, { minLength: 1, maxLength: 5 }),
  }),
  'P2MP-END-POINTS-IPV6': object('P2MP-END-POINTS-IPV6', {
    leafType: u32,
    source: ipv6,
    destinations: fc.array(ipv6, { minLength: 1, maxLength: 3 }),
  }),
  'PATH-KEY': object('PATH-KEY', { subobjects: subobjects('ERO') }),
  'PCC-REQ-ID-IPV4': object('PCC-REQ-ID-IPV4', { address: ipv4 }),
  'PCC-REQ-ID-IPV6': object('PCC-REQ-ID-IPV6', { address: ipv6 }),
  'PCEP-ERROR': object(
    'PCEP-ERROR',
    { errorType: u8, errorValue: u8, tlvs },
    { otherFlags: maybe(u8), reserved: maybe(u8) },
  ),
  'PROC-TIME': object(
    'PROC-TIME',
    {
      estimated: bool,
      currentProcTimeMs: u32,
      minProcTimeMs: u32,
      maxProcTimeMs: u32,
      averageProcTimeMs: u32,
      varianceProcTimeMs: u32,
    },
    { otherFlags: bits(0xfffe), reserved: maybe(u16) },
  ),
  RP: object(
    'RP',
    {
      priority: fc.integer({ min: 0, max: 7 }),
      reoptimization: bool,
      bidirectional: bool,
      loose: bool,
      requestIdNumber: u32,
      tlvs,
    },
    { otherFlags: bits(0xffffffc0) },
  ),
  RRO: object('RRO', { subobjects: subobjects('RRO') }),
  SRP: object('SRP', { remove: bool, srpIdNumber: u32, tlvs }, { otherFlags: bits(0xfffffffe) }),
  SVEC: object(
    'SVEC',
    {
      linkDiverse: bool,
      nodeDiverse: bool,
      srlgDiverse: bool,
      requestIdNumbers: fc.array(u32, { minLength: 1, maxLength: 5 }),
    },
    { otherFlags: bits(0xfffff8), reserved: maybe(u8) },
  ),
  'VENDOR-INFORMATION': object('VENDOR-INFORMATION', {
    enterpriseNumber: u32,
    enterpriseInfo: fc
      .integer({ min: 0, max: 4 })
      .chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
  }),
  XRO: object(
    'XRO',
    { fail: bool, subobjects: subobjects('XRO') },
    { otherFlags: bits(0xfffe), reserved: maybe(u16) },
  ),
};
