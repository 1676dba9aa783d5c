/**
 * Interop corpus: third-party PCEP bytes (OpenDaylight bgpcep's test vectors, see
 * ../shared/pcep-vectors/README.md) read from PCEP_VECTORS_DIR, never copied into this repo.
 * Every file decodes and re-encodes byte for byte, except the ones listed below with the
 * reason the README gives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  decodeObject,
  encodeMessage,
  encodeObject,
  PcepDecodeError,
} from '../../sim/index.ts';

const dir = process.env.PCEP_VECTORS_DIR;
const bgpcep = dir === undefined ? undefined : join(dir, 'bgpcep');
const available = bgpcep !== undefined && existsSync(bgpcep);

if (!available) {
  // Say why nothing ran, rather than passing silently.
  console.warn(
    dir === undefined
      ? 'corpus test skipped: PCEP_VECTORS_DIR is not set (.ci/run sets it to ../shared/pcep-vectors)'
      : `corpus test skipped: ${bgpcep} does not exist`,
  );
}

/** Files the README marks as negative cases: they must raise these decode errors. */
const invalid: Record<string, { errorType: number; errorValue: number }> = {
  'PCRep.invalid.bin': { errorType: 6, errorValue: 1 }, // empty PCRep: RP missing
  'PCReq.invalid.bin': { errorType: 6, errorValue: 1 }, // PCReq without RP
  'PCReq.6.invalid.bin': { errorType: 10, errorValue: 1 }, // END-POINTS with P clear
};

/** Header-only objects of an unknown class/type: kept opaque, refused by a strict speaker. */
const unknownObjects: Record<string, { errorType: number; errorValue: number }> = {
  'PCEPObject1UnknownClass.bin': { errorType: 3, errorValue: 1 },
  'PCEPObject2UnknownType.bin': { errorType: 3, errorValue: 2 },
};

const files = available
  ? readdirSync(bgpcep as string)
      .filter((f) => f.endsWith('.bin'))
      .sort()
  : [];
const isObjectFile = (f: string): boolean => f.startsWith('PCEP') && /Object/.test(f);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe.skipIf(!available)('bgpcep interop corpus', () => {
  it('has the files the README lists', () => {
    expect(files.length).toBeGreaterThan(60);
  });

  it.each(files.filter((f) => !(f in invalid)))('%s decodes and re-encodes byte for byte', (file) => {
    const bytes = new Uint8Array(readFileSync(join(bgpcep as string, file)));
    if (isObjectFile(file)) {
      expect(hex(encodeObject(decodeObject(bytes)))).toBe(hex(bytes));
    } else {
      expect(hex(encodeMessage(decodeMessage(bytes)))).toBe(hex(bytes));
    }
  });

  it.each(Object.entries(invalid))('%s is refused with PCErr(%o)', (file, want) => {
    const bytes = new Uint8Array(readFileSync(join(bgpcep as string, file)));
    let caught: unknown;
    try {
      decodeMessage(bytes);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PcepDecodeError);
    expect((caught as PcepDecodeError).pcErr).toStrictEqual(want);
  });

  it.each(Object.entries(unknownObjects))(
    '%s is refused by a strict speaker with PCErr(%o)',
    (file, want) => {
      const bytes = new Uint8Array(readFileSync(join(bgpcep as string, file)));
      let caught: unknown;
      try {
        decodeObject(bytes, 'reject');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PcepDecodeError);
      expect((caught as PcepDecodeError).pcErr).toStrictEqual(want);
    },
  );
});
