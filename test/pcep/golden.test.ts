/**
 * Golden vectors, both ways: every fixture under test/fixtures/pcep decodes to its value and
 * its value encodes to its bytes; error fixtures raise the PcepDecodeError they name. Every
 * registered element must have at least one fixture.
 */
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
} from '../../sim/pcep/index.ts';
import { parseHex, type Fixture, type FixtureLevel } from '../fixtures/pcep/fixture.ts';

const modules = import.meta.glob<{ default: Fixture[] }>('../fixtures/pcep/*/*.ts', { eager: true });
const fixtures: (Fixture & { file: string })[] = Object.entries(modules).flatMap(([file, mod]) =>
  mod.default.map((f) => ({ ...f, file: file.replace('../fixtures/pcep/', '') })),
);

function decodeAt(level: FixtureLevel, bytes: Uint8Array): unknown {
  if (level === 'message') return decodeMessage(bytes);
  if (level === 'object') return decodeObject(bytes);
  if (level === 'tlv') return decodeTlv(bytes);
  return decodeSubobject(bytes, level.slice('subobject:'.length) as RouteFamily);
}

function encodeAt(level: FixtureLevel, value: unknown): Uint8Array {
  if (level === 'message') return encodeMessage(value as PcepMessage);
  if (level === 'object') return encodeObject(value as PcepObject);
  if (level === 'tlv') return encodeTlv(value as Tlv);
  return encodeSubobject(value as Subobject, level.slice('subobject:'.length) as RouteFamily);
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('golden vectors', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.filter((f) => f.error === undefined).map((f) => [`${f.file}: ${f.name}`, f] as const))(
    '%s',
    (_title, f) => {
      const bytes = parseHex(f.hex);
      expect(decodeAt(f.level, bytes)).toStrictEqual(f.value);
      if (f.decodeOnly === undefined) expect(hex(encodeAt(f.level, f.value))).toBe(hex(bytes));
    },
  );

  const errorCases = fixtures.filter((f) => f.error !== undefined);
  it.skipIf(errorCases.length === 0).each(errorCases.map((f) => [`${f.file}: ${f.name}`, f] as const))(
    '%s raises its decode error',
    (_title, f) => {
      let caught: unknown;
      try {
        decodeAt(f.level, parseHex(f.hex));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PcepDecodeError);
      const e = caught as PcepDecodeError;
      const want = f.error ?? {};
      if (want.errorType !== undefined) expect(e.pcErr?.errorType).toBe(want.errorType);
      if (want.errorValue !== undefined) expect(e.pcErr?.errorValue).toBe(want.errorValue);
      if (want.closeReason !== undefined) expect(e.closeReason).toBe(want.closeReason);
      if (want.path !== undefined) expect(e.path).toStrictEqual(want.path);
    },
  );
});

describe('every registered element has a golden vector', () => {
  const covered = new Set(
    fixtures
      .filter((f) => f.error === undefined)
      .map((f) => `${f.level.split(':')[0]}:${(f.value as { kind: string }).kind}`),
  );
  // Objects count when a message fixture carries them, TLVs when an object or message does.
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.objects))
        (o.objects as { kind: string }[]).forEach((x) => covered.add(`object:${x.kind}`));
      if (Array.isArray(o.tlvs)) (o.tlvs as { kind: string }[]).forEach((x) => covered.add(`tlv:${x.kind}`));
      if (Array.isArray(o.subobjects))
        (o.subobjects as { kind: string }[]).forEach((x) => covered.add(`subobject:${x.kind}`));
      Object.values(o).forEach(walk);
    }
  };
  fixtures.forEach((f) => walk(f.value));

  it.each([
    ...messageDefinitions.map((d) => `message:${d.kind}`),
    ...objectDefinitions.map((d) => `object:${d.kind}`),
    ...tlvDefinitions.map((d) => `tlv:${d.kind}`),
    ...subobjectDefinitions.map((d) => `subobject:${d.kind}`),
  ])('%s', (key) => {
    expect(covered.has(key)).toBe(true);
  });
});
