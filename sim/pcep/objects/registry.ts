/**
 * The object registry. Every object definition file under objects/ is listed here once;
 * object list decoding and encoding (RFC 5440 §7.2 common object header) derive from it.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Object-Class  |   OT  |Res|P|I|   Object Length (bytes)       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        (Object body)                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import type { ObjectDefinition, ObjectHeaderFlags, UnknownObject } from '../definition.ts';
import { PcErr } from '../error-codes.ts';
import { CloseReason, PcepDecodeError, PcepEncodeError, withFieldPrefix, withPath } from '../errors.ts';
import { ByteWriter, claimWritten, copyBytes, readU16, writeIntoSlab } from '../wire.ts';
import { bandwidthExistingObject } from './bandwidth-existing.ts';
import { bandwidthRequestedObject } from './bandwidth-requested.ts';
import { classtypeObject } from './classtype.ts';
import { closeObject } from './close.ts';
import { endPointsIpv4Object } from './end-points-ipv4.ts';
import { endPointsIpv6Object } from './end-points-ipv6.ts';
import { eroObject } from './ero.ts';
import { globalConstraintsObject } from './global-constraints.ts';
import { iroObject } from './iro.ts';
import { loadBalancingObject } from './load-balancing.ts';
import { lspObject } from './lsp.ts';
import { lspaObject } from './lspa.ts';
import { metricObject } from './metric.ts';
import { monitoringObject } from './monitoring.ts';
import { noPathObject } from './no-path.ts';
import { notificationObject } from './notification.ts';
import { ofObject } from './of.ts';
import { openObject } from './open.ts';
import { overloadObject } from './overload.ts';
import { p2mpEndPointsIpv4Object } from './p2mp-end-points-ipv4.ts';
import { p2mpEndPointsIpv6Object } from './p2mp-end-points-ipv6.ts';
import { pathKeyObject } from './path-key.ts';
import { pccReqIdIpv4Object } from './pcc-req-id-ipv4.ts';
import { pccReqIdIpv6Object } from './pcc-req-id-ipv6.ts';
import { pcepErrorObject } from './pcep-error.ts';
import { procTimeObject } from './proc-time.ts';
import { rpObject } from './rp.ts';
import { rroObject } from './rro.ts';
import { srpObject } from './srp.ts';
import { svecObject } from './svec.ts';
import { vendorInformationObject } from './vendor-information.ts';
import { xroObject } from './xro.ts';

export const objectDefinitions = [
  bandwidthExistingObject,
  bandwidthRequestedObject,
  classtypeObject,
  closeObject,
  endPointsIpv4Object,
  endPointsIpv6Object,
  eroObject,
  globalConstraintsObject,
  iroObject,
  loadBalancingObject,
  lspObject,
  lspaObject,
  metricObject,
  monitoringObject,
  noPathObject,
  notificationObject,
  ofObject,
  openObject,
  overloadObject,
  p2mpEndPointsIpv4Object,
  p2mpEndPointsIpv6Object,
  pathKeyObject,
  pccReqIdIpv4Object,
  pccReqIdIpv6Object,
  pcepErrorObject,
  procTimeObject,
  rpObject,
  rroObject,
  srpObject,
  svecObject,
  vendorInformationObject,
  xroObject,
] as const;

export type KnownObject = ReturnType<(typeof objectDefinitions)[number]['decode']>;
export type PcepObject = KnownObject | UnknownObject;
export type PcepObjectKind = PcepObject['kind'];

/** How to treat objects whose class or type is unknown. */
export type UnknownObjectPolicy = 'keep' | 'reject';

const byCode = new Map<number, ObjectDefinition>(); // (class << 4) | type
const byKind = new Map<string, ObjectDefinition>();
const knownClasses = new Set<number>();
for (const def of objectDefinitions as readonly ObjectDefinition[]) {
  const code = (def.objectClass << 4) | def.objectType;
  if (byCode.has(code)) throw new Error(`object ${def.objectClass}/${def.objectType} registered twice`);
  if (byKind.has(def.kind)) throw new Error(`object kind ${def.kind} registered twice`);
  byCode.set(code, def);
  byKind.set(def.kind, def);
  knownClasses.add(def.objectClass);
}

export function objectDefinitionByCode(
  objectClass: number,
  objectType: number,
): ObjectDefinition | undefined {
  return byCode.get((objectClass << 4) | objectType);
}

export function objectDefinitionByKind(kind: string): ObjectDefinition | undefined {
  return byKind.get(kind);
}

/** The name used in traces and error paths for an object: its kind, or class/type numbers. */
export function objectLabel(o: PcepObject): string {
  return o.kind === 'UNKNOWN-OBJECT' ? `object ${o.objectClass}/${o.objectType}` : o.kind;
}

/**
 * Decodes the object that starts at `at`, whose header says it is `length` bytes long
 * (checked by the caller to be ≥ 4, a multiple of 4 and inside the buffer).
 */
function decodeObjectAt(b: Uint8Array, at: number, length: number, unknown: UnknownObjectPolicy): PcepObject {
  const objectClass = b[at] as number;
  const second = b[at + 1] as number;
  const objectType = second >>> 4;
  const p = (second & 0x02) !== 0;
  const i = (second & 0x01) !== 0;
  const reserved = (second >>> 2) & 0x03;
  const def = byCode.get((objectClass << 4) | objectType);
  let o: PcepObject;
  if (def === undefined) {
    if (unknown === 'reject') {
      const known = knownClasses.has(objectClass);
      throw new PcepDecodeError(
        known
          ? `unknown Object-Type ${objectType} of class ${objectClass}`
          : `unknown Object-Class ${objectClass}`,
        at,
        known ? PcErr.unrecognizedObjectType : PcErr.unrecognizedObjectClass,
        undefined,
        [`object ${objectClass}/${objectType}`],
      );
    }
    o = { kind: 'UNKNOWN-OBJECT', objectClass, objectType, p, i, body: copyBytes(b, at + 4, at + length) };
  } else {
    try {
      o = def.decode(b, at + 4, at + length, p, i) as PcepObject;
    } catch (err) {
      withPath(err, def.kind);
    }
  }
  if (reserved !== 0) (o as ObjectHeaderFlags).headerReserved = reserved;
  return o;
}

/** Reads and checks an object header's length; throws for a malformed message. */
function objectLength(b: Uint8Array, at: number, end: number): number {
  if (end - at < 4) {
    throw new PcepDecodeError(
      `${end - at} trailing bytes are too short for an object header`,
      at,
      undefined,
      CloseReason.malformedMessage,
    );
  }
  const length = readU16(b, at + 2);
  if (length < 4 || (length & 3) !== 0) {
    throw new PcepDecodeError(
      `object length ${length} is not a multiple of 4 of at least 4`,
      at + 2,
      undefined,
      CloseReason.malformedMessage,
    );
  }
  if (at + length > end) {
    throw new PcepDecodeError(
      `object length ${length} overruns the message by ${at + length - end} bytes`,
      at + 2,
      undefined,
      CloseReason.malformedMessage,
    );
  }
  return length;
}

/** Decodes the objects in `b[start, end)`, in wire order. */
export function decodeObjects(
  b: Uint8Array,
  start: number,
  end: number,
  unknown: UnknownObjectPolicy,
): PcepObject[] {
  const out: PcepObject[] = [];
  let at = start;
  while (at < end) {
    const length = objectLength(b, at, end);
    out.push(decodeObjectAt(b, at, length, unknown));
    at += length;
  }
  return out;
}

/** Offset of the `index`-th object of a message body (or of its end when past the last). */
export function objectOffset(b: Uint8Array, start: number, end: number, index: number): number {
  let at = start;
  for (let k = 0; k < index && at + 4 <= end; k++) at += readU16(b, at + 2);
  return Math.min(at, end);
}

/**
 * Decodes one object that fills `bytes` exactly: the object-level entry point, for
 * single-object fixtures and tools. Throws PcepDecodeError.
 */
export function decodeObject(bytes: Uint8Array, unknown: UnknownObjectPolicy = 'keep'): PcepObject {
  const length = objectLength(bytes, 0, bytes.length);
  if (length !== bytes.length) {
    throw new PcepDecodeError(
      `object length ${length} but ${bytes.length} bytes given`,
      2,
      undefined,
      CloseReason.malformedMessage,
    );
  }
  return decodeObjectAt(bytes, 0, length, unknown);
}

/**
 * Writes one object (header, body, padding) at the writer's position. Encode errors carry
 * field paths relative to the object; the caller prefixes where the object sits.
 */
export function encodeObjectInto(w: ByteWriter, o: PcepObject): void {
  if (o === null || typeof o !== 'object') throw new PcepEncodeError('must be an object', '', o);
  const headerAt = w.pos;
  let objectClass: number;
  let objectType: number;
  if (o.kind === 'UNKNOWN-OBJECT') {
    const u = o as UnknownObject;
    objectClass = u.objectClass;
    objectType = u.objectType;
    if (!Number.isInteger(objectClass) || objectClass < 0 || objectClass > 255) {
      throw new PcepEncodeError('Object-Class must be 0..255', 'objectClass', objectClass);
    }
    if (!Number.isInteger(objectType) || objectType < 0 || objectType > 15) {
      throw new PcepEncodeError('Object-Type must be 0..15', 'objectType', objectType);
    }
    if (!(u.body instanceof Uint8Array)) throw new PcepEncodeError('must be bytes', 'body', u.body);
    w.u32(0);
    w.bytes(u.body);
  } else {
    const def = byKind.get(o.kind);
    if (def === undefined) throw new PcepEncodeError('unknown object kind', 'kind', o.kind);
    objectClass = def.objectClass;
    objectType = def.objectType;
    w.u32(0);
    def.encode(w, o);
  }
  const written = w.pos - headerAt;
  if ((written & 3) !== 0) w.zeros(4 - (written & 3)); // pad the body to 32 bits
  const length = w.pos - headerAt;
  if (length > 0xffff) throw new PcepEncodeError('object exceeds 65,535 bytes', '', length);
  let reserved = o.headerReserved;
  if (reserved === undefined) reserved = 0;
  else if (!Number.isInteger(reserved) || reserved < 0 || reserved > 3) {
    throw new PcepEncodeError('must be 0..3', 'headerReserved', reserved);
  }
  w.buf[headerAt] = objectClass;
  w.buf[headerAt + 1] = (objectType << 4) | (reserved << 2) | (o.p ? 2 : 0) | (o.i ? 1 : 0);
  w.patchU16(headerAt + 2, length);
}

const elementWriter = new ByteWriter(16);

/** Encodes one object (header, body, padding) to a new byte array. Throws PcepEncodeError. */
export function encodeObject(o: PcepObject): Uint8Array {
  const start = writeIntoSlab(elementWriter, 4096);
  try {
    encodeObjectInto(elementWriter, o);
  } catch (err) {
    withFieldPrefix(err, 'object');
  }
  return claimWritten(elementWriter, start);
}
