/**
 * IPv4 and IPv6 addresses on the wire and as text. Decoded values are strings in their
 * canonical text form (dotted quad; RFC 5952 for IPv6) so traces and JSON read naturally.
 */
import { PcepEncodeError } from './errors.ts';
import { readU32, type ByteWriter } from './wire.ts';

const octetText: string[] = Array.from({ length: 256 }, (_, i) => String(i));

// Addresses repeat: a network has few of them and every message names them again. Bounded
// caches in both directions let decode return an existing string and encode skip parsing.
const CACHE_LIMIT = 8192;
const valueByText = new Map<string, number>();
// Decode side: a direct-mapped cache (no hashing of heap numbers, no Map).
const TEXT_SLOTS = 4096;
const slotValues = new Int32Array(TEXT_SLOTS);
const slotTexts: (string | undefined)[] = new Array<string | undefined>(TEXT_SLOTS).fill(undefined);

/** Formats the four bytes at `at` as a dotted quad. */
export function readIpv4(b: Uint8Array, at: number): string {
  const value = readU32(b, at) | 0;
  const slot = (value ^ (value >>> 12) ^ (value >>> 24)) & (TEXT_SLOTS - 1);
  const cached = slotTexts[slot];
  if (cached !== undefined && slotValues[slot] === value) return cached;
  const text = formatIpv4(b, at);
  slotValues[slot] = value;
  slotTexts[slot] = text;
  return text;
}

function formatIpv4(b: Uint8Array, at: number): string {
  return (
    (octetText[b[at] as number] as string) +
    '.' +
    octetText[b[at + 1] as number] +
    '.' +
    octetText[b[at + 2] as number] +
    '.' +
    octetText[b[at + 3] as number]
  );
}

/** Parses a dotted quad to a 32-bit unsigned integer, or -1 when it is not one. */
export function parseIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // no leading zeros
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** Writes a dotted-quad address; throws PcepEncodeError naming `field` when it is not one. */
export function writeIpv4(w: ByteWriter, text: string, field: string): void {
  let v = valueByText.get(text);
  if (v === undefined) {
    v = typeof text === 'string' ? parseIpv4(text) : -1;
    if (v < 0) throw new PcepEncodeError('not an IPv4 address', field, text);
    if (valueByText.size >= CACHE_LIMIT) valueByText.clear();
    valueByText.set(text, v);
  }
  w.u32(v);
}

/** Formats the sixteen bytes at `at` as RFC 5952 text (lowercase, longest zero run compressed). */
export function readIpv6(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((b[at + 2 * i] as number) << 8) | (b[at + 2 * i + 1] as number));
  let bestStart = -1;
  let bestLen = 1; // RFC 5952 §4.2.2: a single zero group is not compressed
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return hex(groups.slice(0, bestStart)) + '::' + hex(groups.slice(bestStart + bestLen));
}

/** Parses IPv6 text (with optional `::` and an embedded dotted quad) to 16 bytes, or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseHalf = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k] as string;
      if (k === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 < 0) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
        out.push(parseInt(part, 16));
      }
    }
    return out;
  };
  // An embedded dotted quad may only end the address, never the part before '::'.
  if (halves.length === 2 && (halves[0] as string).includes('.')) return undefined;
  const head = parseHalf(halves[0] as string);
  const tail = halves.length === 2 ? parseHalf(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >>> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Writes an IPv6 address; throws PcepEncodeError naming `field` when it is not one. */
export function writeIpv6(w: ByteWriter, text: string, field: string): void {
  const bytes = parseIpv6(text);
  if (!bytes) throw new PcepEncodeError('not an IPv6 address', field, text);
  w.bytes(bytes);
}
