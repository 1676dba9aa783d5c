/**
 * Text-or-bytes values shared by TLVs whose value is an opaque octet string that is usually
 * readable (SYMBOLIC-PATH-NAME, RFC 8231 §7.3.2; SPEAKER-ENTITY-ID, RFC 8232 §3.3.2). Not a
 * TLV definition.
 *
 * Decoding gives a string when the octets are valid UTF-8 and a Uint8Array copy otherwise, so
 * traces read naturally and any octets still re-encode byte for byte: valid UTF-8 and a
 * well-formed string convert both ways without loss (a leading BOM is kept as U+FEFF).
 */
import { copyBytes } from '../wire.ts';
import { PcepEncodeError } from '../errors.ts';
import type { ByteWriter } from '../wire.ts';

/** ASCII strings up to this many bytes are built directly; longer ones go to TextDecoder. */
const SHORT_ASCII_BYTES = 24;

const asciiChar: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Decodes `b[start, end)` as a string when it is valid UTF-8, else returns a copy of the bytes.
 * Never throws.
 */
export function decodeTextOrBytes(b: Uint8Array, start: number, end: number): string | Uint8Array {
  if (end - start > SHORT_ASCII_BYTES) return decodeUtf8OrBytes(b, start, end);
  // Short ASCII (the usual LSP name) is cheaper to build than a TextDecoder call.
  let text = '';
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const c0 = b[i] as number;
    const c1 = b[i + 1] as number;
    const c2 = b[i + 2] as number;
    const c3 = b[i + 3] as number;
    if ((c0 | c1 | c2 | c3) >= 0x80) return decodeUtf8OrBytes(b, start, end);
    text += String.fromCharCode(c0, c1, c2, c3);
  }
  for (; i < end; i++) {
    const c = b[i] as number;
    if (c >= 0x80) return decodeUtf8OrBytes(b, start, end);
    text += asciiChar[c] as string;
  }
  return text;
}

function decodeUtf8OrBytes(b: Uint8Array, start: number, end: number): string | Uint8Array {
  try {
    return utf8Decoder.decode(b.subarray(start, end));
  } catch {
    return copyBytes(b, start, end);
  }
}

/**
 * Writes a string as UTF-8 or bytes as they are, and returns the number of bytes written.
 * Throws PcepEncodeError naming `field` for any other value or a string with a lone surrogate
 * (which UTF-8 cannot carry).
 */
export function encodeTextOrBytes(w: ByteWriter, v: string | Uint8Array, field: string): number {
  if (v instanceof Uint8Array) {
    w.bytes(v);
    return v.length;
  }
  if (typeof v !== 'string') throw new PcepEncodeError('must be a string or bytes', field, v);
  const n = v.length;
  w.ensure(3 * n); // a UTF-16 code unit never needs more than 3 UTF-8 bytes
  const buf = w.buf;
  const from = w.pos;
  let pos = from;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    // The ASCII bytes copied so far are past w.pos; the UTF-8 encoder simply overwrites them.
    if (c >= 0x80) return encodeUtf8(w, v, field);
    buf[pos++] = c;
  }
  w.pos = pos;
  return pos - from;
}

function encodeUtf8(w: ByteWriter, v: string, field: string): number {
  if (!isWellFormed(v)) throw new PcepEncodeError('has a lone surrogate (not valid Unicode)', field, v);
  const { written } = utf8Encoder.encodeInto(v, w.buf.subarray(w.pos));
  w.pos += written;
  return written;
}

/** True when every surrogate in `s` is part of a pair (ES2024 String.prototype.isWellFormed). */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff || i + 1 >= s.length) return false;
    const d = s.charCodeAt(i + 1);
    if (d < 0xdc00 || d > 0xdfff) return false;
    i++;
  }
  return true;
}
