/**
 * The message registry and the message codec. Every message definition file under messages/
 * is listed here once.
 *
 * Common header, RFC 5440 §6.1:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Ver |  Flags  |  Message-Type |       Message-Length          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Message-Length counts the header; messages are at most 65,535 bytes.
 */
import type { MessageDefinition } from '../definition.ts';
import { CloseReason, PcepDecodeError, PcepEncodeError, withFieldPrefix, withPath } from '../errors.ts';
import {
  decodeObjects,
  encodeObjectInto,
  objectLabel,
  objectOffset,
  type PcepObject,
  type UnknownObjectPolicy,
} from '../objects/registry.ts';
import { ByteWriter, claimWritten, readU16, writeIntoSlab } from '../wire.ts';
import { closeMessage } from './close.ts';
import { keepaliveMessage } from './keepalive.ts';
import { openMessage } from './open.ts';
import { pcErrMessage } from './pcerr.ts';
import { pcInitiateMessage } from './pcinitiate.ts';
import { pcMonRepMessage } from './pcmonrep.ts';
import { pcMonReqMessage } from './pcmonreq.ts';
import { pcNtfMessage } from './pcntf.ts';
import { pcRepMessage } from './pcrep.ts';
import { pcReqMessage } from './pcreq.ts';
import { pcRptMessage } from './pcrpt.ts';
import { pcUpdMessage } from './pcupd.ts';

export const messageDefinitions = [
  closeMessage,
  keepaliveMessage,
  openMessage,
  pcErrMessage,
  pcInitiateMessage,
  pcMonRepMessage,
  pcMonReqMessage,
  pcNtfMessage,
  pcRepMessage,
  pcReqMessage,
  pcRptMessage,
  pcUpdMessage,
] as const;

export type PcepMessageKind = (typeof messageDefinitions)[number]['kind'];

/** The PCEP version this codec speaks (RFC 5440 §6.1). */
export const PCEP_VERSION = 1;
/** Size of the common header in bytes. */
export const COMMON_HEADER_BYTES = 4;
/** Largest PCEP message: Message-Length is 16 bits. */
export const MAX_MESSAGE_BYTES = 0xffff;

/** A decoded PCEP message: its objects in wire order. */
export interface KnownMessage {
  kind: PcepMessageKind;
  /** The 5 Flags bits of the common header (none assigned); absent when zero. */
  headerFlags?: number;
  objects: PcepObject[];
}

/** A message whose type pcelab does not know; its body is decoded as objects. */
export interface UnknownMessage {
  kind: 'UNKNOWN-MESSAGE';
  messageType: number;
  headerFlags?: number;
  objects: PcepObject[];
}

export type PcepMessage = KnownMessage | UnknownMessage;

const byType = new Map<number, MessageDefinition>();
const byKind = new Map<string, MessageDefinition>();
for (const def of messageDefinitions as readonly MessageDefinition[]) {
  if (byType.has(def.type) || byKind.has(def.kind)) throw new Error(`message ${def.kind} registered twice`);
  byType.set(def.type, def);
  byKind.set(def.kind, def);
}

export function messageDefinitionByType(type: number): MessageDefinition | undefined {
  return byType.get(type);
}

export function messageDefinitionByKind(kind: string): MessageDefinition | undefined {
  return byKind.get(kind);
}

export interface DecodeOptions {
  /** 'keep' (default) keeps unknown objects opaque; 'reject' raises PCErr 3/1 or 3/2 as a speaker must. */
  unknownObjects?: UnknownObjectPolicy;
  /** Check each message's grammar (RBNF, mandatory objects). Default true. */
  validate?: boolean;
}

/**
 * Reads the common header at `at`: returns the message length, or -1 when fewer than four
 * bytes are available (an incomplete frame is not an error). Throws for a bad version or length.
 */
export function peekMessageLength(b: Uint8Array, at: number, end: number): number {
  if (end - at < COMMON_HEADER_BYTES) return -1;
  const version = (b[at] as number) >>> 5;
  if (version !== PCEP_VERSION) {
    throw new PcepDecodeError(
      `unsupported PCEP version ${version}`,
      at,
      undefined,
      CloseReason.malformedMessage,
      ['header'],
    );
  }
  const length = readU16(b, at + 2);
  if (length < COMMON_HEADER_BYTES) {
    throw new PcepDecodeError(
      `Message-Length ${length} is shorter than the common header`,
      at + 2,
      undefined,
      CloseReason.malformedMessage,
      ['header'],
    );
  }
  return length;
}

/**
 * Decodes exactly one message that fills `bytes`. Throws PcepDecodeError with the offset,
 * the path and the PCErr/Close a speaker answers with.
 */
export function decodeMessage(bytes: Uint8Array, options?: DecodeOptions): PcepMessage {
  const length = peekMessageLength(bytes, 0, bytes.length);
  if (length < 0) {
    throw new PcepDecodeError(
      `${bytes.length} bytes are too short for the common header`,
      0,
      undefined,
      CloseReason.malformedMessage,
      ['header'],
    );
  }
  if (length !== bytes.length) {
    throw new PcepDecodeError(
      `Message-Length ${length} but ${bytes.length} bytes given`,
      2,
      undefined,
      CloseReason.malformedMessage,
      ['header'],
    );
  }
  const type = bytes[1] as number;
  const flags = (bytes[0] as number) & 0x1f;
  const def = byType.get(type);
  const label = def?.kind ?? `message type ${type}`;
  let objects: PcepObject[];
  try {
    objects = decodeObjects(bytes, COMMON_HEADER_BYTES, length, options?.unknownObjects ?? 'keep');
  } catch (err) {
    withPath(err, label);
  }
  if (def !== undefined && options?.validate !== false) {
    const violation = def.validate(objects);
    if (violation !== undefined) {
      const path = [label];
      const culprit = objects[violation.index];
      if (culprit !== undefined) path.push(objectLabel(culprit));
      throw new PcepDecodeError(
        violation.reason,
        objectOffset(bytes, COMMON_HEADER_BYTES, length, violation.index),
        violation.pcErr,
        violation.closeReason,
        path,
      );
    }
  }
  let msg: PcepMessage;
  if (def === undefined) msg = { kind: 'UNKNOWN-MESSAGE', messageType: type, objects };
  else msg = { kind: def.kind as PcepMessageKind, objects };
  if (flags !== 0) msg.headerFlags = flags;
  return msg;
}

/**
 * Writes one message at the writer's position (for streams and captures).
 * Throws PcepEncodeError for a value that cannot be put on the wire.
 */
export function encodeMessageInto(w: ByteWriter, msg: PcepMessage): void {
  if (msg === null || typeof msg !== 'object') throw new PcepEncodeError('must be a message', 'message', msg);
  let type: number;
  if (msg.kind === 'UNKNOWN-MESSAGE') {
    type = (msg as UnknownMessage).messageType;
    if (!Number.isInteger(type) || type < 0 || type > 255)
      throw new PcepEncodeError('must be 0..255', 'messageType', type);
  } else {
    const def = byKind.get(msg.kind);
    if (def === undefined) throw new PcepEncodeError('unknown message kind', 'kind', msg.kind);
    type = def.type;
  }
  let flags = msg.headerFlags;
  if (flags === undefined) flags = 0;
  else if (!Number.isInteger(flags) || flags < 0 || flags > 0x1f)
    throw new PcepEncodeError('must be 0..31', 'headerFlags', flags);
  const objects = msg.objects;
  if (!Array.isArray(objects)) throw new PcepEncodeError('must be an array of objects', 'objects', objects);
  const start = w.pos;
  w.u32((((PCEP_VERSION << 5) | flags) << 24) | (type << 16)); // Message-Length patched below
  let k = 0;
  try {
    for (; k < objects.length; k++) encodeObjectInto(w, objects[k] as PcepObject);
  } catch (err) {
    w.pos = start; // nothing half-written stays in a caller's stream
    withFieldPrefix(err, `objects[${k}]`);
  }
  const length = w.pos - start;
  if (length > MAX_MESSAGE_BYTES) {
    w.pos = start;
    throw new PcepEncodeError('message exceeds 65,535 bytes', 'objects', length);
  }
  w.patchU16(start + 2, length);
}

const shared = new ByteWriter(16);

/**
 * Encodes one message to a new byte array (a view on pooled memory: use its own byteOffset and
 * length, not its buffer). Throws PcepEncodeError.
 */
export function encodeMessage(msg: PcepMessage): Uint8Array {
  // Messages are written straight into the byte pool: no scratch copy. A slab with less than
  // 4 KiB free is retired; a rare larger message outgrows it and is copied once.
  const start = writeIntoSlab(shared, 4096);
  encodeMessageInto(shared, msg);
  return claimWritten(shared, start);
}
