/**
 * Typed codec errors. Protocol errors are data: malformed bytes raise a PcepDecodeError that
 * carries where (offset, path) and what a speaker must answer (PCErr and/or Close reason).
 * An encode error is a programmer error: a value that cannot be put on the wire.
 */
import type { PcErrCode } from './error-codes.ts';

/** Close reasons of RFC 5440 §7.17. */
export const CloseReason = {
  noExplanation: 1,
  deadTimerExpired: 2,
  malformedMessage: 3,
  tooManyUnknownRequests: 4,
  tooManyUnknownMessages: 5,
} as const;

export class PcepDecodeError extends Error {
  override readonly name = 'PcepDecodeError';
  /** What is wrong, in one line. */
  readonly reason: string;
  /** Byte offset of the offending element, counted from the start of the message (or buffer). */
  readonly offset: number;
  /** Where the element sits: message, object, TLV, subobject names from outermost. */
  readonly path: string[];
  /** The PCErr a speaker answers with, when the RFCs name one. */
  readonly pcErr: PcErrCode | undefined;
  /** The Close reason (RFC 5440 §7.17) when the session must be closed, e.g. 3 for a malformed message. */
  readonly closeReason: number | undefined;

  constructor(reason: string, offset: number, pcErr?: PcErrCode, closeReason?: number, path: string[] = []) {
    super(reason);
    this.reason = reason;
    this.offset = offset;
    this.pcErr = pcErr;
    this.closeReason = closeReason;
    this.path = path;
    this.message = this.describe();
  }

  /** One line: offset, path, reason and the answer a speaker owes. */
  describe(): string {
    const where = this.path.length > 0 ? ` (${this.path.join(' > ')})` : '';
    const pcErr = this.pcErr ? `; PCErr(${this.pcErr.errorType},${this.pcErr.errorValue})` : '';
    const close = this.closeReason !== undefined ? `; Close(${this.closeReason})` : '';
    return `offset ${this.offset}${where}: ${this.reason}${pcErr}${close}`;
  }
}

export class PcepEncodeError extends Error {
  override readonly name = 'PcepEncodeError';
  /** Path of the field that cannot be encoded, e.g. `objects[2].tlvs[0].name`. */
  fieldPath: string;
  readonly value: unknown;
  /** What is wrong with the value. */
  readonly reason: string;

  constructor(reason: string, fieldPath: string, value: unknown) {
    super(reason);
    this.reason = reason;
    this.fieldPath = fieldPath;
    this.value = value;
    this.message = this.describe();
  }

  describe(): string {
    return `${this.fieldPath === '' ? '(value)' : this.fieldPath}: ${this.reason} (got ${describe(this.value)})`;
  }
}

/**
 * Prefixes the field path of an encode error thrown from inside an element, then rethrows.
 * Encoders pass paths relative to the element they encode, so the success path builds no
 * strings; containers add their part only when an error passes through them.
 */
export function withFieldPrefix(err: unknown, prefix: string): never {
  if (err instanceof PcepEncodeError) {
    const rel = err.fieldPath;
    err.fieldPath =
      rel === '' ? prefix : prefix === '' ? rel : rel.startsWith('[') ? prefix + rel : `${prefix}.${rel}`;
    err.message = err.describe();
  }
  throw err;
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Prepends a path segment to a decode error thrown from inside an element, then rethrows. */
export function withPath(err: unknown, segment: string): never {
  if (err instanceof PcepDecodeError) {
    err.path.unshift(segment);
    err.message = err.describe();
  }
  throw err;
}
