/** Size limits and edge cases of the message codec. */
import { describe, expect, it } from 'vitest';
import {
  ByteWriter,
  decodeMessage,
  encodeMessage,
  encodeMessageInto,
  MAX_MESSAGE_BYTES,
  PcepDecodeError,
  PcepEncodeError,
  type PcepMessage,
} from '../../sim/index.ts';

/** An unknown-type message (kept opaque) whose objects fill exactly `total` bytes. */
function messageOfSize(total: number): PcepMessage {
  const objects = [];
  let left = total - 4;
  while (left > 0) {
    const size = Math.min(left, 65532); // an object is at most 65,535 bytes, a multiple of 4
    objects.push({
      kind: 'UNKNOWN-OBJECT' as const,
      objectClass: 250,
      objectType: 1,
      p: false,
      i: true,
      body: new Uint8Array(size - 4).fill(0xab),
    });
    left -= size;
  }
  return { kind: 'UNKNOWN-MESSAGE', messageType: 250, objects };
}

describe('message size', () => {
  it('encodes and decodes the largest message (65,532 bytes: the largest multiple of 4)', () => {
    const msg = messageOfSize(65532);
    const bytes = encodeMessage(msg);
    expect(bytes.length).toBe(65532);
    expect(decodeMessage(bytes)).toStrictEqual(msg);
  });

  it('decodes a 65,535-byte message whose last object is cut short as malformed, not as a crash', () => {
    const bytes = new Uint8Array(MAX_MESSAGE_BYTES);
    bytes.set([0x20, 250, 0xff, 0xff, 250, 0x11, 0xff, 0xfc]);
    expect(() => decodeMessage(bytes)).toThrow(PcepDecodeError);
  });

  it('refuses to encode a message over 65,535 bytes, and leaves a shared writer as it was', () => {
    const w = new ByteWriter(16);
    w.u32(0xdeadbeef);
    expect(() => encodeMessageInto(w, messageOfSize(65536 + 4))).toThrow(PcepEncodeError);
    expect(w.pos).toBe(4);
    expect(() => encodeMessage(messageOfSize(65536 + 4))).toThrow(PcepEncodeError);
  });

  it('refuses a Message-Length below the common header', () => {
    let caught: unknown;
    try {
      decodeMessage(Uint8Array.from([0x20, 0x02, 0x00, 0x03]));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PcepDecodeError);
    expect((caught as PcepDecodeError).closeReason).toBe(3);
  });

  it('refuses a version other than 1', () => {
    let caught: unknown;
    try {
      decodeMessage(Uint8Array.from([0x40, 0x02, 0x00, 0x04]));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PcepDecodeError);
    expect((caught as PcepDecodeError).offset).toBe(0);
  });
});
