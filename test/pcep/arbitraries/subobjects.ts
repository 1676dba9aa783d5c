/**
 * fast-check generators for every registered route subobject, one per kind, parameterised by
 * the route family. They produce canonical values only (what decode gives back): `l` in an
 * ERO and `x` in an XRO as booleans, neither in an RRO; optional fields omitted when zero;
 * IPv6 addresses in RFC 5952 text; `sidLabel` exactly when M is set and the SID present.
 */
import fc from 'fast-check';
import { u8, u16, u32, ipv4, ipv6 } from './primitives.ts';
import type { RouteFamily } from '../../../sim/pcep/definition.ts';

/** Adds the family's top bit: `l` in an ERO, `x` in an XRO, nothing in an RRO. */
function withTopBit(family: RouteFamily, arb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  if (family === 'RRO') return arb;
  return fc
    .tuple(arb, fc.boolean())
    .map(([v, bit]) => (family === 'ERO' ? { ...v, l: bit } : { ...v, x: bit }));
}

/** Sets `o[key] = v` unless v is zero (optional fields are absent when zero). */
function nonzero(o: Record<string, unknown>, key: string, v: number): Record<string, unknown> {
  if (v !== 0) o[key] = v;
  return o;
}

const srNai: Record<number, fc.Arbitrary<Record<string, unknown>>> = {
  1: ipv4.map((nodeId) => ({ type: 'IPV4-NODE-ID', nodeId })),
  2: ipv6.map((nodeId) => ({ type: 'IPV6-NODE-ID', nodeId })),
  3: fc.tuple(ipv4, ipv4).map(([local, remote]) => ({ type: 'IPV4-ADJACENCY', local, remote })),
  4: fc.tuple(ipv6, ipv6).map(([local, remote]) => ({ type: 'IPV6-GLOBAL-ADJACENCY', local, remote })),
  5: fc
    .tuple(ipv4, u32, ipv4, u32)
    .map(([localNodeId, localInterfaceId, remoteNodeId, remoteInterfaceId]) => ({
      type: 'UNNUMBERED-ADJACENCY-IPV4',
      localNodeId,
      localInterfaceId,
      remoteNodeId,
      remoteInterfaceId,
    })),
  6: fc
    .tuple(ipv6, u32, ipv6, u32)
    .map(([localAddress, localInterfaceId, remoteAddress, remoteInterfaceId]) => ({
      type: 'IPV6-LINK-LOCAL-ADJACENCY',
      localAddress,
      localInterfaceId,
      remoteAddress,
      remoteInterfaceId,
    })),
};

/** SR-ERO / SR-RRO: F and S never both set; NT 1-6 when an NAI is present, any NT when F is set. */
const srSubobject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom([false, false], [true, false], [false, true]),
    fc.boolean(),
    fc.boolean(),
    fc.integer({ min: 0, max: 0xff }),
    u32,
    fc.integer({ min: 0, max: 15 }),
  )
  .chain(([[f, s], c, m, other, sid, anyNt]) => {
    const base = (nt: number): Record<string, unknown> => {
      const so: Record<string, unknown> = { kind: 'SR', nt, f, s, c, m };
      nonzero(so, 'otherFlags', other << 4);
      if (!s) {
        so.sid = sid;
        if (m)
          so.sidLabel = { label: sid >>> 12, tc: (sid >>> 9) & 7, s: (sid & 0x100) !== 0, ttl: sid & 0xff };
      }
      return so;
    };
    if (f) return fc.constant(base(anyNt));
    return fc
      .integer({ min: 1, max: 6 })
      .chain((nt) =>
        (srNai[nt] as fc.Arbitrary<Record<string, unknown>>).map((nai) => ({ ...base(nt), nai })),
      );
  });

const labelValue = fc.oneof(
  u32,
  fc
    .integer({ min: 2, max: 16 })
    .chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
);

export const subobjectArbitraries: Record<string, (family: RouteFamily) => fc.Arbitrary<unknown>> = {
  'AS-NUMBER': (family) =>
    withTopBit(
      family,
      u16.map((asNumber) => ({ kind: 'AS-NUMBER', asNumber })),
    ),

  'IPV4-PREFIX': (family) =>
    withTopBit(
      family,
      fc
        .tuple(ipv4, fc.integer({ min: 0, max: 32 }), u8)
        .map(([address, prefixLength, flags]) => ({ kind: 'IPV4-PREFIX', address, prefixLength, flags })),
    ),

  'IPV6-PREFIX': (family) =>
    withTopBit(
      family,
      fc
        .tuple(ipv6, fc.integer({ min: 0, max: 128 }), u8)
        .map(([address, prefixLength, flags]) => ({ kind: 'IPV6-PREFIX', address, prefixLength, flags })),
    ),

  LABEL: (family) =>
    withTopBit(
      family,
      fc
        .tuple(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 0x7f }), u8, labelValue)
        .map(([u, globalLabel, other, cType, label]) => {
          const so: Record<string, unknown> = { kind: 'LABEL', u, cType, label };
          if (family === 'RRO') {
            so.globalLabel = globalLabel;
            nonzero(so, 'otherFlags', other & 0x7e);
          } else {
            nonzero(so, 'otherFlags', other);
          }
          return so;
        }),
    ),

  'PKS-IPV4': (family) =>
    withTopBit(
      family,
      fc.tuple(u16, ipv4).map(([pathKey, pceId]) => ({ kind: 'PKS-IPV4', pathKey, pceId })),
    ),

  'PKS-IPV6': (family) =>
    withTopBit(
      family,
      fc.tuple(u16, ipv6).map(([pathKey, pceId]) => ({ kind: 'PKS-IPV6', pathKey, pceId })),
    ),

  SR: (family) => withTopBit(family, srSubobject),

  SRLG: (family) =>
    withTopBit(
      family,
      fc
        .tuple(u32, u8, u8)
        .map(([srlgId, attribute, reserved]) =>
          nonzero({ kind: 'SRLG', srlgId, attribute }, 'reserved', reserved),
        ),
    ),

  'UNNUMBERED-INTERFACE-ID': (family) =>
    withTopBit(
      family,
      fc.tuple(ipv4, u32, u8, u8).map(([routerId, interfaceId, flags, reserved]) => {
        const so: Record<string, unknown> = { kind: 'UNNUMBERED-INTERFACE-ID', routerId, interfaceId };
        // RFC 3477 §4: an ERO has neither Flags nor a kept Reserved octet.
        if (family !== 'ERO') {
          so.flags = flags;
          nonzero(so, 'reserved', reserved);
        }
        return so;
      }),
    ),
};
