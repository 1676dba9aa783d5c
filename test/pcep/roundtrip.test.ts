/**
 * One generic round trip over the whole registry: for every registered TLV, subobject, object
 * and message, generated values encode and decode back to themselves (fast-check, fixed seed).
 * A registered element without a generator fails here, so nothing escapes the round trip.
 * Random bytes at every entry point raise only PcepDecodeError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  decodeObject,
  decodeSubobject,
  decodeTlv,
  encodeMessage,
  encodeObject,
  encodeSubobject,
  encodeTlv,
  messageDefinitions,
  objectDefinitions,
  PcepDecodeError,
  subobjectDefinitions,
  tlvDefinitions,
  type PcepMessage,
  type PcepObject,
  type RouteFamily,
  type Subobject,
  type Tlv,
} from '../../sim/index.ts';
import { objectArbitraries } from './arbitraries/objects.ts';
import { subobjectArbitraries } from './arbitraries/subobjects.ts';
import { tlvArbitraries } from './arbitraries/tlvs.ts';
import { parseHex, type Fixture } from '../fixtures/pcep/fixture.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);
const numRuns = 200;

describe('round trip of generated values', () => {
  it.each(tlvDefinitions.map((d) => d.kind))('TLV %s', (kind) => {
    const arb = tlvArbitraries[kind];
    expect(arb, `no generator for TLV ${kind} in arbitraries/tlvs.ts`).toBeDefined();
    fc.assert(
      fc.property(arb as fc.Arbitrary<unknown>, (v) => {
        expect(decodeTlv(encodeTlv(v as Tlv))).toStrictEqual(v);
      }),
      { seed, numRuns },
    );
  });

  const subobjectCases = subobjectDefinitions.flatMap((d) => d.families.map((f) => [d.kind, f] as const));
  it.each(subobjectCases)('subobject %s in %s', (kind, family) => {
    const arb = subobjectArbitraries[kind];
    expect(arb, `no generator for subobject ${kind} in arbitraries/subobjects.ts`).toBeDefined();
    fc.assert(
      fc.property((arb as (f: RouteFamily) => fc.Arbitrary<unknown>)(family), (v) => {
        expect(decodeSubobject(encodeSubobject(v as Subobject, family), family)).toStrictEqual(v);
      }),
      { seed, numRuns },
    );
  });

  it.each(objectDefinitions.map((d) => d.kind))('object %s', (kind) => {
    const arb = objectArbitraries[kind];
    expect(arb, `no generator for object ${kind} in arbitraries/objects.ts`).toBeDefined();
    fc.assert(
      fc.property(arb as fc.Arbitrary<unknown>, (v) => {
        expect(decodeObject(encodeObject(v as PcepObject))).toStrictEqual(v);
      }),
      { seed, numRuns },
    );
  });

  // Messages are sequences of objects; grammar is tested by the fixtures, so it is off here.
  const anyObject = fc.oneof(...Object.values(objectArbitraries)) as fc.Arbitrary<PcepObject>;
  it.each(messageDefinitions.map((d) => d.kind))('message %s', (kind) => {
    fc.assert(
      fc.property(
        fc.array(anyObject, { maxLength: 6 }),
        fc.integer({ min: 0, max: 31 }),
        (objects, flags) => {
          const msg: PcepMessage = { kind, objects };
          if (flags !== 0) msg.headerFlags = flags;
          expect(decodeMessage(encodeMessage(msg), { validate: false })).toStrictEqual(msg);
        },
      ),
      { seed, numRuns: 100 },
    );
  });
});

describe('random bytes raise only PcepDecodeError', () => {
  const onlyDecodeErrors = (decode: (b: Uint8Array) => unknown) => (bytes: Uint8Array) => {
    try {
      decode(bytes);
    } catch (err) {
      if (!(err instanceof PcepDecodeError)) throw err;
    }
  };
  const entryPoints: [string, (b: Uint8Array) => unknown][] = [
    ['message', (b) => decodeMessage(b)],
    ['message, strict speaker', (b) => decodeMessage(b, { unknownObjects: 'reject' })],
    ['object', (b) => decodeObject(b)],
    ['TLV', (b) => decodeTlv(b)],
    ['ERO subobject', (b) => decodeSubobject(b, 'ERO')],
    ['RRO subobject', (b) => decodeSubobject(b, 'RRO')],
    ['XRO subobject', (b) => decodeSubobject(b, 'XRO')],
  ];
  it.each(entryPoints)('%s', (_name, decode) => {
    // Bytes with a plausible header (right length field) reach deeper than pure noise.
    const withHeader = fc.uint8Array({ minLength: 4, maxLength: 300 }).map((b) => {
      b[2] = b.length >>> 8;
      b[3] = b.length & 0xff;
      return b;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), withHeader), onlyDecodeErrors(decode)),
      {
        seed,
        numRuns: 2000,
      },
    );
  });
});

describe('mutated golden messages raise only PcepDecodeError, and what decodes re-encodes to itself', () => {
  const modules = import.meta.glob<{ default: Fixture[] }>('../fixtures/pcep/messages/*.ts', { eager: true });
  const seeds = Object.values(modules).flatMap((m) =>
    m.default.filter((f) => f.level === 'message').map((f) => parseHex(f.hex)),
  );
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('flip', 'set', 'truncate', 'insert'),
    byte: fc.integer({ min: 0, max: 255 }),
  });

  it('over every golden message', () => {
    expect(seeds.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, mutations) => {
        let b = Uint8Array.from(seeds[pick % seeds.length] as Uint8Array);
        for (const m of mutations) {
          const at = b.length === 0 ? 0 : m.at % b.length;
          if (m.kind === 'flip' && b.length > 0) b[at] = (b[at] as number) ^ (1 << (m.byte & 7));
          else if (m.kind === 'set' && b.length > 0) b[at] = m.byte;
          else if (m.kind === 'truncate') b = b.slice(0, at);
          else b = Uint8Array.from([...b.slice(0, at), m.byte, ...b.slice(at)]);
        }
        let msg: PcepMessage;
        try {
          msg = decodeMessage(b);
        } catch (err) {
          if (err instanceof PcepDecodeError) return;
          throw err;
        }
        expect(decodeMessage(encodeMessage(msg))).toStrictEqual(msg);
      }),
      { seed, numRuns: 5000 },
    );
  });
});
