/**
 * Byte-level reading and writing shared by every codec file.
 *
 * Reads are free functions over a Uint8Array (no DataView per message, no allocation);
 * writes go through one growable {@link ByteWriter} that a whole message is encoded into,
 * with 16-bit length fields patched once their extent is known.
 */

/** Reads an unsigned 16-bit big-endian integer at `at`. The caller has checked the bounds. */
export function readU16(b: Uint8Array, at: number): number {
  return ((b[at] as number) << 8) | (b[at + 1] as number);
}

/** Reads an unsigned 24-bit big-endian integer at `at`. */
export function readU24(b: Uint8Array, at: number): number {
  return ((b[at] as number) << 16) | ((b[at + 1] as number) << 8) | (b[at + 2] as number);
}

/** Reads an unsigned 32-bit big-endian integer at `at`. */
export function readU32(b: Uint8Array, at: number): number {
  return (
    (((b[at] as number) << 24) |
      ((b[at + 1] as number) << 16) |
      ((b[at + 2] as number) << 8) |
      (b[at + 3] as number)) >>>
    0
  );
}

/** Reads an unsigned 64-bit big-endian integer at `at` as a bigint. */
export function readU64(b: Uint8Array, at: number): bigint {
  return (BigInt(readU32(b, at)) << 32n) | BigInt(readU32(b, at + 4));
}

const f32Scratch = new DataView(new ArrayBuffer(4));

/** Reads an IEEE 754 single-precision float at `at`. */
export function readF32(b: Uint8Array, at: number): number {
  f32Scratch.setUint32(0, readU32(b, at));
  return f32Scratch.getFloat32(0);
}

/** True when the four bytes at `at` are an IEEE 754 NaN (which could not re-encode byte for byte). */
export function isF32NaN(b: Uint8Array, at: number): boolean {
  const bits = readU32(b, at);
  return (bits & 0x7f800000) === 0x7f800000 && (bits & 0x007fffff) !== 0;
}

const SLAB_BYTES = 1 << 16;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabBytes = new Uint8Array(slab);
let slabOffset = 0;

function newSlab(): void {
  slab = new ArrayBuffer(SLAB_BYTES);
  slabBytes = new Uint8Array(slab);
  slabOffset = 0;
}

/**
 * A new zero-filled byte array of `n` bytes, carved from a shared 64 KiB slab (as Node's
 * Buffer pool does): a fresh ArrayBuffer per small array costs over a microsecond in V8, a view
 * on a slab about 50 ns. The view's `buffer` is the slab, so callers use the view's own bounds.
 */
export function allocBytes(n: number): Uint8Array {
  return allocRaw(n).fill(0);
}

/** Like allocBytes, without clearing: for callers that overwrite every byte. */
function allocRaw(n: number): Uint8Array {
  if (n > SLAB_BYTES >>> 3) return new Uint8Array(n);
  if (slabOffset + n > SLAB_BYTES) newSlab();
  const view = new Uint8Array(slab, slabOffset, n);
  slabOffset = (slabOffset + n + 7) & ~7; // keep views 8-byte aligned
  return view;
}

/** A copy of `b[start, end)` in pooled memory (see {@link allocBytes}). */
export function copyBytes(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = allocRaw(end - start);
  out.set(b.subarray(start, end));
  return out;
}

/**
 * Points `w` at the free part of the current slab so what it writes needs no copy afterwards;
 * returns the start position to hand to {@link claimWritten}. Starts a new slab when less than
 * `minFreeBytes` is left.
 */
export function writeIntoSlab(w: ByteWriter, minFreeBytes: number): number {
  if (SLAB_BYTES - slabOffset < minFreeBytes) newSlab();
  w.buf = slabBytes;
  w.pos = slabOffset;
  return slabOffset;
}

/**
 * The bytes `w` wrote since `start` (from {@link writeIntoSlab}) as a view on the slab, which
 * they now own; a copy when the writer outgrew the slab.
 */
export function claimWritten(w: ByteWriter, start: number): Uint8Array {
  if (w.buf !== slabBytes) return copyBytes(w.buf, start, w.pos);
  const view = new Uint8Array(slab, start, w.pos - start);
  slabOffset = (w.pos + 7) & ~7;
  return view;
}

/** Rounds `n` up to the next multiple of four: PCEP objects and TLVs are 32-bit aligned. */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * A growable big-endian byte buffer. One writer is reused for many messages
 * ({@link ByteWriter.reset}); {@link ByteWriter.finish} copies out the bytes written.
 */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(capacityBytes = 4096) {
    this.buf = new Uint8Array(capacityBytes);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    const b = this.buf;
    b[this.pos] = v >>> 8;
    b[this.pos + 1] = v;
    this.pos += 2;
  }

  u24(v: number): void {
    this.ensure(3);
    const b = this.buf;
    b[this.pos] = v >>> 16;
    b[this.pos + 1] = v >>> 8;
    b[this.pos + 2] = v;
    this.pos += 3;
  }

  u32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    b[this.pos] = v >>> 24;
    b[this.pos + 1] = v >>> 16;
    b[this.pos + 2] = v >>> 8;
    b[this.pos + 3] = v;
    this.pos += 4;
  }

  /** Little-endian 16 bits (capture file headers; PCEP itself is big-endian). */
  u16le(v: number): void {
    this.ensure(2);
    this.buf[this.pos] = v;
    this.buf[this.pos + 1] = v >>> 8;
    this.pos += 2;
  }

  /** Little-endian 32 bits. */
  u32le(v: number): void {
    this.ensure(4);
    const b = this.buf;
    b[this.pos] = v;
    b[this.pos + 1] = v >>> 8;
    b[this.pos + 2] = v >>> 16;
    b[this.pos + 3] = v >>> 24;
    this.pos += 4;
  }

  u64(v: bigint): void {
    this.u32(Number((v >> 32n) & 0xffffffffn));
    this.u32(Number(v & 0xffffffffn));
  }

  f32(v: number): void {
    f32Scratch.setFloat32(0, v);
    this.u32(f32Scratch.getUint32(0));
  }

  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  zeros(n: number): void {
    this.ensure(n);
    const b = this.buf;
    // Padding is 0-3 bytes: a loop beats a call into fill().
    if (n < 16) for (let i = 0; i < n; i++) b[this.pos + i] = 0;
    else b.fill(0, this.pos, this.pos + n);
    this.pos += n;
  }

  /** Pads with zero bytes to the next 32-bit boundary counted from `from`. */
  padFrom(from: number): void {
    const len = this.pos - from;
    const padded = pad4(len);
    if (padded !== len) this.zeros(padded - len);
  }

  /** Writes `v` as a 16-bit big-endian integer at an earlier position. */
  patchU16(at: number, v: number): void {
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v;
  }

  /** A copy of the bytes written since `from` (default: since the last reset). */
  finish(from = 0): Uint8Array {
    return copyBytes(this.buf, from, this.pos);
  }
}
