/**
 * The stream framer: whole messages out of arbitrary chunks, no copy when a message lies in
 * one chunk, an incomplete frame is not an error, a bad common header is a PcepDecodeError
 * at its stream offset. Property tests (fixed seed, FC_SEED) cover any chunking of any
 * message sequence and random bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PcepDecodeError } from '../../sim/pcep/errors.ts';
import { PcepFramer } from '../../sim/pcep/framer.ts';
import { peekMessageLength } from '../../sim/pcep/messages/registry.ts';

const seed = Number(process.env.FC_SEED);

/** A message with the given type and body: Ver=1, Flags, Message-Type, Message-Length. */
function frame(type: number, body: Uint8Array | number[] = [], flags = 0): Uint8Array {
  const length = 4 + body.length;
  const out = new Uint8Array(length);
  out[0] = 0x20 | flags;
  out[1] = type;
  out[2] = length >>> 8;
  out[3] = length & 0xff;
  out.set(body, 4);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Pushes each chunk and drains after each push; returns the messages in order. */
function drain(framer: PcepFramer, chunks: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const c of chunks) {
    framer.push(c);
    for (let m = framer.next(); m !== undefined; m = framer.next()) out.push(m);
  }
  return out;
}

function decodeErrorOf(f: () => unknown): PcepDecodeError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(PcepDecodeError);
    return err as PcepDecodeError;
  }
  throw new Error('expected a PcepDecodeError');
}

const keepalive = frame(2);
const close = frame(7, [0x0f, 0x10, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01]);

describe('PcepFramer', () => {
  it('returns a message that fills one chunk as a view of that chunk', () => {
    const f = new PcepFramer();
    f.push(close);
    const m = f.next();
    expect(m).toEqual(close);
    expect(m?.buffer).toBe(close.buffer);
    expect(m?.byteOffset).toBe(close.byteOffset);
    expect(f.next()).toBeUndefined();
    expect(f.bufferedBytes).toBe(0);
    expect(f.streamOffset).toBe(close.length);
  });

  it('splits several messages from one chunk without copying', () => {
    const chunk = concat([keepalive, close, keepalive]);
    const f = new PcepFramer();
    f.push(chunk);
    const got = [f.next(), f.next(), f.next(), f.next()];
    expect(got).toEqual([keepalive, close, keepalive, undefined]);
    expect(got[1]?.buffer).toBe(chunk.buffer);
    expect(got[1]?.byteOffset).toBe(4);
    expect(got[2]?.byteOffset).toBe(16);
  });

  it('waits for the rest of a message split across chunks, then copies it out', () => {
    const f = new PcepFramer();
    f.push(close.subarray(0, 6));
    expect(f.next()).toBeUndefined();
    expect(f.bufferedBytes).toBe(6);
    f.push(close.subarray(6, 11));
    expect(f.next()).toBeUndefined();
    f.push(close.subarray(11));
    const m = f.next();
    expect(m).toEqual(close);
    expect(m?.buffer).not.toBe(close.buffer);
    expect(f.bufferedBytes).toBe(0);
  });

  it('reads a common header split across chunks', () => {
    const f = new PcepFramer();
    expect(drain(f, [close.subarray(0, 1), close.subarray(1, 3), close.subarray(3)])).toEqual([close]);
  });

  it('reassembles messages fed one byte at a time', () => {
    const stream = concat([keepalive, close, frame(10, new Uint8Array(300).fill(7)), keepalive]);
    const chunks = Array.from(stream, (b) => Uint8Array.of(b));
    const f = new PcepFramer();
    const got = drain(f, chunks);
    expect(got.map((m) => m[1])).toEqual([2, 7, 10, 2]);
    expect(concat(got)).toEqual(stream);
    expect(f.end()).toBe(0);
  });

  it('reassembles thousands of 1-byte chunks pushed before any next()', () => {
    const messages = Array.from({ length: 700 }, (_, k) =>
      frame(k % 13, k % 3 === 0 ? [k & 0xff, 1, 2, 3] : []),
    );
    const stream = concat(messages);
    const f = new PcepFramer();
    for (const b of stream) f.push(Uint8Array.of(b));
    expect(f.bufferedBytes).toBe(stream.length);
    const got: Uint8Array[] = [];
    for (let m = f.next(); m !== undefined; m = f.next()) got.push(m);
    expect(got).toEqual(messages);
    f.push(keepalive.subarray(0, 2));
    f.push(keepalive.subarray(2));
    expect(f.next()).toEqual(keepalive);
    expect(f.streamOffset).toBe(stream.length + 4);
  });

  it('keeps the tail of a chunk that ends inside the next message', () => {
    const f = new PcepFramer();
    const got = drain(f, [concat([keepalive, close.subarray(0, 5)]), close.subarray(5)]);
    expect(got).toEqual([keepalive, close]);
  });

  it('reassembles a message of the largest length', () => {
    const big = frame(12, new Uint8Array(0xffff - 4).fill(0xa5));
    const f = new PcepFramer();
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < big.length; at += 1460) chunks.push(big.subarray(at, at + 1460));
    expect(drain(f, chunks)).toEqual([big]);
  });

  it('ignores empty chunks', () => {
    const f = new PcepFramer();
    expect(drain(f, [new Uint8Array(0), keepalive, new Uint8Array(0)])).toEqual([keepalive]);
  });

  it('raises a bad version at its stream offset, with Close reason 3, and stays failed', () => {
    const f = new PcepFramer();
    f.push(concat([keepalive, close]));
    f.push(Uint8Array.of(0x40, 0x02, 0x00, 0x04));
    expect(f.next()).toEqual(keepalive);
    expect(f.next()).toEqual(close);
    const e = decodeErrorOf(() => f.next());
    expect(e.offset).toBe(16);
    expect(e.closeReason).toBe(3);
    expect(e.path).toEqual(['header']);
    expect(decodeErrorOf(() => f.next())).toBe(e);
  });

  it('raises a Message-Length below 4 at the length field', () => {
    const f = new PcepFramer();
    f.push(keepalive);
    f.push(Uint8Array.of(0x20, 0x02));
    f.push(Uint8Array.of(0x00, 0x03));
    expect(f.next()).toEqual(keepalive);
    const e = decodeErrorOf(() => f.next());
    expect(e.offset).toBe(6);
    expect(e.closeReason).toBe(3);
  });

  it('accepts and refuses exactly the headers peekMessageLength does, whole or split', () => {
    for (let first = 0; first < 256; first++) {
      for (const length of [0, 1, 3, 4, 5, 8, 0xffff]) {
        const header = Uint8Array.of(first, 2, length >>> 8, length & 0xff);
        let want: number | PcepDecodeError;
        try {
          want = peekMessageLength(header, 0, 4);
        } catch (err) {
          want = err as PcepDecodeError;
        }
        for (const chunks of [[header], [header.subarray(0, 3), header.subarray(3)]]) {
          const f = new PcepFramer();
          f.push(keepalive);
          for (const c of chunks) f.push(c);
          expect(f.next()).toEqual(keepalive);
          if (typeof want === 'number') {
            expect(f.next()).toEqual(want === 4 ? header : undefined);
            expect(f.bufferedBytes).toBe(want === 4 ? 0 : 4);
          } else {
            const e = decodeErrorOf(() => f.next());
            expect([e.reason, e.offset, e.closeReason, e.path]).toEqual([
              want.reason,
              want.offset + 4,
              want.closeReason,
              want.path,
            ]);
          }
        }
      }
    }
  });

  it('reports the bytes of a truncated message at the end of the stream', () => {
    const f = new PcepFramer();
    expect(drain(f, [keepalive, close.subarray(0, 9)])).toEqual([keepalive]);
    expect(f.bufferedBytes).toBe(9);
    expect(f.end()).toBe(9);
    expect(f.bufferedBytes).toBe(0);
    expect(f.next()).toBeUndefined();
    expect(() => f.push(keepalive)).toThrow(Error);
  });

  it('reports a truncated common header too', () => {
    const f = new PcepFramer();
    f.push(Uint8Array.of(0x20, 0x02));
    expect(f.next()).toBeUndefined();
    expect(f.end()).toBe(2);
  });
});

describe('PcepFramer properties', () => {
  const message = fc
    .record({
      type: fc.integer({ min: 0, max: 255 }),
      flags: fc.integer({ min: 0, max: 31 }),
      body: fc.oneof(
        { weight: 8, arbitrary: fc.uint8Array({ maxLength: 64 }) },
        { weight: 1, arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 5000 }) },
      ),
    })
    .map(({ type, flags, body }) => frame(type, body, flags));

  /** Messages, plus the stream cut at sorted distinct positions. */
  const chunked = fc.array(message, { maxLength: 12 }).chain((messages) => {
    const stream = concat(messages);
    return fc
      .uniqueArray(fc.integer({ min: 1, max: Math.max(1, stream.length - 1) }), { maxLength: 40 })
      .map((cuts) => {
        const at = [0, ...cuts.filter((c) => c < stream.length).sort((a, b) => a - b), stream.length];
        const chunks: Uint8Array[] = [];
        for (let k = 1; k < at.length; k++) chunks.push(stream.subarray(at[k - 1], at[k]));
        return { messages, stream, chunks };
      });
  });

  it('gives back exactly the messages, for any chunking', () => {
    fc.assert(
      fc.property(chunked, ({ messages, chunks }) => {
        const f = new PcepFramer();
        const got = drain(f, chunks);
        expect(got).toEqual(messages);
        expect(f.bufferedBytes).toBe(0);
        expect(f.end()).toBe(0);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('returns a view exactly when a message lies inside one chunk, else a copy', () => {
    fc.assert(
      fc.property(chunked, ({ stream, chunks }) => {
        // Every chunk is a view of `stream`: a returned view shares its buffer, a copy does not.
        const chunkOf: number[] = [];
        chunks.forEach((c, k) => c.forEach(() => chunkOf.push(k)));
        const f = new PcepFramer();
        let offset = 0;
        for (const m of drain(f, chunks)) {
          const inside = chunkOf[offset] === chunkOf[offset + m.length - 1];
          expect(m.buffer === stream.buffer).toBe(inside);
          if (inside) expect(m.byteOffset).toBe(stream.byteOffset + offset);
          offset += m.length;
        }
      }),
      { seed, numRuns: 100 },
    );
  });

  it('counts the leftover bytes of a stream cut short', () => {
    fc.assert(
      fc.property(chunked, fc.integer({ min: 1, max: 1000 }), ({ messages, stream }, cut) => {
        fc.pre(stream.length > 0);
        const keep = Math.max(0, stream.length - cut);
        const f = new PcepFramer();
        const got = drain(f, [stream.subarray(0, keep)]);
        let whole = 0;
        let used = 0;
        for (const m of messages) {
          if (used + m.length > keep) break;
          used += m.length;
          whole++;
        }
        expect(got.length).toBe(whole);
        expect(f.end()).toBe(keep - used);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('raises only PcepDecodeError on random bytes, and every frame matches its header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (bytes, sizes) => {
          const f = new PcepFramer();
          let at = 0;
          let k = 0;
          let offset = 0;
          try {
            while (at < bytes.length) {
              const size = sizes[k++ % sizes.length] as number;
              f.push(bytes.subarray(at, at + size));
              at += size;
              for (let m = f.next(); m !== undefined; m = f.next()) {
                expect(m[0]! >>> 5).toBe(1);
                expect((m[2]! << 8) | m[3]!).toBe(m.length);
                expect(m).toEqual(bytes.subarray(offset, offset + m.length));
                offset += m.length;
              }
            }
            expect(f.end()).toBe(bytes.length - offset);
          } catch (err) {
            if (!(err instanceof PcepDecodeError)) throw err;
            expect(err.closeReason).toBe(3);
            expect(err.offset === offset || err.offset === offset + 2).toBe(true);
          }
        },
      ),
      { seed, numRuns: 500 },
    );
  });
});
