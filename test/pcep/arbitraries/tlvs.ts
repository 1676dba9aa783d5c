/**
 * fast-check generators for every registered TLV, one per kind. They produce canonical values
 * only (what decode gives back): optional fields omitted when zero, IPv6 addresses in RFC 5952
 * text, text values only from well-formed strings and byte values only when they are not
 * UTF-8, bigints in the unsigned 64-bit range, and no value a decoder refuses (SR-PCE-CAPABILITY
 * MSD 0 needs X).
 */
import fc from 'fast-check';
import { u8, u16, u32, ipv4, ipv6 } from './primitives.ts';
import { provisionalCodePoints } from '../../../sim/pcep/provisional.ts';

/** Sets `o[key] = v` unless v is zero (optional fields are absent when zero). */
function nonzero<T extends Record<string, unknown>>(o: T, key: string, v: number): T {
  if (v !== 0) (o as Record<string, unknown>)[key] = v;
  return o;
}

/**
 * A 32-bit flags word split into named booleans and `otherFlags` (absent when zero). `names`
 * may be a function so provisional masks are read when values are generated.
 */
function flags32(
  kind: string,
  names: Record<string, number> | (() => Record<string, number>),
): fc.Arbitrary<unknown> {
  return u32.map((word) => {
    const masks = typeof names === 'function' ? names() : names;
    const v: Record<string, unknown> = { kind };
    let known = 0;
    for (const [name, mask] of Object.entries(masks)) {
      v[name] = (word & mask) !== 0;
      known |= mask;
    }
    return nonzero(v, 'otherFlags', (word & ~known) >>> 0);
  });
}

/** Non-empty well-formed strings: ASCII, Latin-1, any code point; some past 24 UTF-8 bytes. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
);

/** Non-empty octets that are never valid UTF-8 (0xff cannot occur in UTF-8). */
const notUtf8 = fc
  .tuple(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 16 }))
  .map(([a, b]) => Uint8Array.from([...a, 0xff, ...b]));

const textOrBytes = fc.oneof(text, notUtf8);

const srPceCapability = fc
  .record({
    naiSupported: fc.boolean(),
    unlimitedMsd: fc.boolean(),
    msd: u8,
    other: fc.integer({ min: 0, max: 0xffffff }),
  })
  .filter(({ unlimitedMsd, msd }) => unlimitedMsd || msd !== 0)
  .map(({ naiSupported, unlimitedMsd, msd, other }) =>
    nonzero({ kind: 'SR-PCE-CAPABILITY', naiSupported, unlimitedMsd, msd }, 'otherFlags', other & 0xfffffc),
  );

const domainId = fc.oneof(
  u16.map((asNumber) => ({ kind: 'DOMAIN-ID', domainType: 1, asNumber })),
  u32.map((asNumber) => ({ kind: 'DOMAIN-ID', domainType: 2, asNumber })),
  ipv4.map((ospfAreaId) => ({ kind: 'DOMAIN-ID', domainType: 3, ospfAreaId })),
  fc.uint8Array({ maxLength: 13 }).map((isisAreaId) => ({ kind: 'DOMAIN-ID', domainType: 4, isisAreaId })),
  fc
    .tuple(fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 255 })), fc.uint8Array({ maxLength: 20 }))
    .map(([domainType, bytes]) => ({ kind: 'DOMAIN-ID', domainType, domainId: bytes })),
);

const errorSpecFields = fc.record({ flags: u8, errorCode: u8, errorValue: u16 });
const rsvpErrorSpec = fc.oneof(
  fc.tuple(fc.constantFrom(1, 2), ipv4, ipv6, errorSpecFields).map(([cType, v4, v6, f]) =>
    nonzero(
      {
        kind: 'RSVP-ERROR-SPEC',
        classNum: 6,
        cType,
        errorNodeAddress: cType === 1 ? v4 : v6,
        inPlace: (f.flags & 0x01) !== 0,
        notGuilty: (f.flags & 0x02) !== 0,
        pathStateRemoved: (f.flags & 0x04) !== 0,
        errorCode: f.errorCode,
        errorValue: f.errorValue,
      },
      'otherFlags',
      f.flags & 0xf8,
    ),
  ),
  fc
    .tuple(
      fc.oneof(fc.constant(194), u8),
      u8,
      fc.integer({ min: 0, max: 12 }),
      fc.uint8Array({ maxLength: 48 }),
    )
    .filter(([classNum, cType]) => !(classNum === 6 && (cType === 1 || cType === 2)))
    .map(([classNum, cType, words, bytes]) => {
      const body = new Uint8Array(4 * words);
      body.set(bytes.subarray(0, body.length));
      return { kind: 'RSVP-ERROR-SPEC', classNum, cType, body };
    }),
);

export const tlvArbitraries: Record<string, fc.Arbitrary<unknown>> = {
  'DOMAIN-ID': domainId,
  'H-PCE-CAPABILITY': flags32('H-PCE-CAPABILITY', { parentPceRequest: 0x1 }),
  'H-PCE-FLAG': flags32('H-PCE-FLAG', { domainSequence: 0x1, disallowDomainReentry: 0x2 }),
  'IPV4-LSP-IDENTIFIERS': fc
    .tuple(ipv4, u16, u16, ipv4, ipv4)
    .map(([tunnelSenderAddress, lspId, tunnelId, extendedTunnelId, tunnelEndpointAddress]) => ({
      kind: 'IPV4-LSP-IDENTIFIERS',
      tunnelSenderAddress,
      lspId,
      tunnelId,
      extendedTunnelId,
      tunnelEndpointAddress,
    })),
  'IPV6-LSP-IDENTIFIERS': fc
    .tuple(ipv6, u16, u16, ipv6, ipv6)
    .map(([tunnelSenderAddress, lspId, tunnelId, extendedTunnelId, tunnelEndpointAddress]) => ({
      kind: 'IPV6-LSP-IDENTIFIERS',
      tunnelSenderAddress,
      lspId,
      tunnelId,
      extendedTunnelId,
      tunnelEndpointAddress,
    })),
  'LSP-DB-VERSION': fc
    .bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn })
    .map((lspDbVersion) => ({ kind: 'LSP-DB-VERSION', lspDbVersion })),
  'LSP-ERROR-CODE': u32.map((lspErrorCode) => ({ kind: 'LSP-ERROR-CODE', lspErrorCode })),
  'NO-PATH-VECTOR': flags32('NO-PATH-VECTOR', {
    pceUnavailable: 0x1,
    unknownDestination: 0x2,
    unknownSource: 0x4,
  }),
  'OF-LIST': fc.array(u16, { maxLength: 12 }).map((ofCodes) => ({ kind: 'OF-LIST', ofCodes })),
  'OVERLOAD-DURATION': u32.map((overloadDurationS) => ({ kind: 'OVERLOAD-DURATION', overloadDurationS })),
  'PATH-SETUP-TYPE-CAPABILITY': fc
    .tuple(fc.array(u8, { maxLength: 9 }), fc.array(srPceCapability, { maxLength: 1 }))
    .map(([psts, subTlvs]) => ({ kind: 'PATH-SETUP-TYPE-CAPABILITY', psts, subTlvs })),
  'PATH-SETUP-TYPE': u8.map((pst) => ({ kind: 'PATH-SETUP-TYPE', pst })),
  'REQ-MISSING': u32.map((requestId) => ({ kind: 'REQ-MISSING', requestId })),
  'RSVP-ERROR-SPEC': rsvpErrorSpec,
  'SPEAKER-ENTITY-ID': textOrBytes.map((speakerEntityId) => ({ kind: 'SPEAKER-ENTITY-ID', speakerEntityId })),
  'SR-PCE-CAPABILITY': srPceCapability,
  'STATEFUL-PCE-CAPABILITY': flags32('STATEFUL-PCE-CAPABILITY', () => ({
    lspUpdate: 0x01,
    includeDbVersion: 0x02,
    lspInstantiation: 0x04,
    triggeredResync: 0x08,
    deltaLspSync: 0x10,
    triggeredInitialSync: 0x20,
    stateSync: provisionalCodePoints().stateSyncFlagMask,
  })),
  'SYMBOLIC-PATH-NAME': textOrBytes.map((name) => ({ kind: 'SYMBOLIC-PATH-NAME', name })),
  'VENDOR-INFORMATION': fc
    .tuple(u32, fc.uint8Array({ maxLength: 24 }))
    .map(([enterpriseNumber, enterpriseSpecificInformation]) => ({
      kind: 'VENDOR-INFORMATION',
      enterpriseNumber,
      enterpriseSpecificInformation,
    })),
};
