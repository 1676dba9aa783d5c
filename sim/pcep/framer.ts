/**
 * Cuts a PCEP byte stream (TCP, RFC 5440 §5) into whole messages. The stream arrives in chunks
 * of any size: a message split over many chunks, several messages in one chunk, one byte at a
 * time. Only the common header is read here (RFC 5440 §6.1: Ver, Message-Length); the caller
 * decodes each message with decodeMessage.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Ver |  Flags  |  Message-Type |       Message-Length          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Usage: after each {@link PcepFramer.push}, call {@link PcepFramer.next} until it returns
 * undefined, decoding each message it hands out; when the transport closes, call
 * {@link PcepFramer.end} and report a truncated message if it returns more than zero.
 *
 * Memory: chunks are kept by reference, never copied on push. A message lying inside one chunk
 * is returned as a subarray of that chunk (no copy, no allocation beyond the view); only a
 * message that spans chunks is copied into a new array of exactly its length. So a caller must
 * not reuse or modify a chunk after pushing it (the simulated transport hands over fresh
 * arrays), and a returned message aliases the chunk it came from.
 */
import { CloseReason, PcepDecodeError } from './errors.ts';
import { COMMON_HEADER_BYTES, PCEP_VERSION, peekMessageLength } from './messages/registry.ts';

// Module-local copies: the hot path reads them once per message.
const HEADER_BYTES = COMMON_HEADER_BYTES;
const VERSION = PCEP_VERSION;

export class PcepFramer {
  /** Pushed chunks not yet consumed, from `head` to `tail`; consumed slots are cleared. */
  private chunks: (Uint8Array | undefined)[] = [];
  private head = 0;
  private tail = 0;
  /** Bytes of `chunks[head]` already handed out. */
  private headOffset = 0;
  private buffered = 0;
  /** Stream offset of the first buffered byte: the bytes handed out as messages so far. */
  private consumed = 0;
  /** Length of the message at the front once its header has been read, else -1. */
  private pendingLength = -1;
  /** Scratch for a common header split across chunks. */
  private readonly header = new Uint8Array(HEADER_BYTES);
  /** The decode error that stopped the stream: thrown again by every later next(). */
  private failure: PcepDecodeError | undefined;
  private ended = false;

  /** Bytes received but not yet handed out as whole messages. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Stream offset of the next byte to be handed out (the bytes of all messages returned so far). */
  get streamOffset(): number {
    return this.consumed;
  }

  /**
   * Adds the next chunk of the stream. Empty chunks are ignored. The chunk is kept by
   * reference (see the file comment). Throws Error when called after {@link end} (a
   * programmer error).
   */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('PcepFramer.push after end()');
    if (chunk.length === 0 || this.failure !== undefined) return;
    this.chunks[this.tail++] = chunk;
    this.buffered += chunk.length;
  }

  /**
   * The next whole message (common header included), or undefined while it is incomplete.
   * Throws PcepDecodeError (Close reason 3, offset counted from the start of the stream) for a
   * common header with a version other than 1 or a Message-Length below 4; the stream cannot
   * be resynchronised after that, so every later call throws the same error.
   */
  next(): Uint8Array | undefined {
    if (this.failure !== undefined) throw this.failure;
    let length = this.pendingLength;
    const chunk = this.chunks[this.head] as Uint8Array;
    const at = this.headOffset;
    if (length < 0) {
      if (this.buffered < HEADER_BYTES) return undefined;
      // Fast path: the header lies in the head chunk and passes peekMessageLength's two checks
      // (RFC 5440 §6.1: Ver is 1, Message-Length counts at least the header). Anything else,
      // a header across chunks or a bad one, goes through peekMessageLength itself.
      length =
        chunk.length - at >= HEADER_BYTES ? ((chunk[at + 2] as number) << 8) | (chunk[at + 3] as number) : -1;
      if (length < HEADER_BYTES || (chunk[at] as number) >>> 5 !== VERSION) length = this.readHeader();
      this.pendingLength = length;
    }
    if (this.buffered < length) return undefined;
    let message: Uint8Array;
    if (chunk.length - at >= length) {
      message = chunk.subarray(at, at + length);
      this.headOffset = at + length;
      if (this.headOffset === chunk.length) this.dropHead();
    } else {
      message = this.copyOut(length);
    }
    this.buffered -= length;
    this.consumed += length;
    this.pendingLength = -1;
    return message;
  }

  /**
   * Tells the framer that the stream has ended: returns the bytes left over (a truncated
   * message when above zero) and releases every chunk. After it, next() returns undefined
   * and push() throws.
   */
  end(): number {
    const left = this.buffered;
    for (let k = this.head; k < this.tail; k++) this.chunks[k] = undefined;
    this.chunks = [];
    this.head = 0;
    this.tail = 0;
    this.headOffset = 0;
    this.buffered = 0;
    this.pendingLength = -1;
    this.ended = true;
    return left;
  }

  /**
   * Reads and checks the common header at the front of the buffer (≥ 4 bytes buffered) with
   * peekMessageLength; its errors are re-anchored on the stream.
   */
  private readHeader(): number {
    const chunk = this.chunks[this.head] as Uint8Array;
    let b = chunk;
    let at = this.headOffset;
    if (chunk.length - at < HEADER_BYTES) {
      // The header spans chunks: gather its four bytes.
      const h = this.header;
      let k = this.head;
      let off = at;
      for (let i = 0; i < HEADER_BYTES; i++) {
        let c = this.chunks[k] as Uint8Array;
        if (off === c.length) {
          k++;
          c = this.chunks[k] as Uint8Array;
          off = 0;
        }
        h[i] = c[off++] as number;
      }
      b = h;
      at = 0;
    }
    try {
      return peekMessageLength(b, at, at + HEADER_BYTES);
    } catch (err) {
      if (!(err instanceof PcepDecodeError)) throw err;
      // Re-anchor the offset on the stream, so a trace names the exact byte.
      this.failure = new PcepDecodeError(
        err.reason,
        this.consumed + (err.offset - at),
        err.pcErr,
        err.closeReason ?? CloseReason.malformedMessage,
        err.path.slice(),
      );
      throw this.failure;
    }
  }

  /** Copies a message that spans chunks into a new array, consuming it. */
  private copyOut(length: number): Uint8Array {
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const chunk = this.chunks[this.head] as Uint8Array;
      const at = this.headOffset;
      const take = Math.min(chunk.length - at, length - filled);
      out.set(at === 0 && take === chunk.length ? chunk : chunk.subarray(at, at + take), filled);
      filled += take;
      this.headOffset = at + take;
      if (this.headOffset === chunk.length) this.dropHead();
    }
    return out;
  }

  /** Forgets the fully consumed head chunk; resets the queue when it empties. */
  private dropHead(): void {
    this.chunks[this.head] = undefined;
    this.head++;
    this.headOffset = 0;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.tail) {
      // Many chunks consumed while others wait (1-byte chunks of a large message): compact.
      this.chunks.copyWithin(0, this.head, this.tail);
      this.chunks.length = this.tail - this.head;
      this.tail -= this.head;
      this.head = 0;
    }
  }
}
