/**
 * The shapes every wire element is declared with. A TLV, subobject, object or message is
 * declared once, in its own file, as one of these; registries, the union types, names in
 * traces and the generic round-trip tests all derive from the declarations.
 */
import { PcErr } from './error-codes.ts';
import { PcepDecodeError, PcepEncodeError } from './errors.ts';
import type { ByteWriter } from './wire.ts';

/** Anything decoded carries `kind`: its RFC/IANA name, unique within its family. */
export interface Kinded {
  readonly kind: string;
}

/** Lets a TLV that nests sub-TLVs (RFC 8408 PATH-SETUP-TYPE-CAPABILITY) reach the TLV registry. */
export interface TlvListCodec {
  decode(b: Uint8Array, start: number, end: number): Kinded[];
  encode(w: ByteWriter, tlvs: readonly Kinded[], field: string): void;
}

export interface TlvDefinition<T extends Kinded = Kinded> {
  /** The IANA "PCEP TLV Type Indicators" code point. */
  readonly type: number;
  readonly kind: T['kind'];
  /** Where the TLV is defined, e.g. `RFC 8231 §7.1.1`. */
  readonly rfc: string;
  /** Decodes the value field `b[start, end)` (padding excluded). Throws PcepDecodeError. */
  decode(b: Uint8Array, start: number, end: number, nested: TlvListCodec): T;
  /**
   * Writes the value field only (no header, no padding). Throws PcepEncodeError with a field
   * path relative to the TLV ('' for the TLV itself); the registry prefixes the rest.
   */
  encode(w: ByteWriter, tlv: T, nested: TlvListCodec): void;
}

/** A TLV whose type pcelab does not know: kept byte for byte. */
export interface UnknownTlv {
  readonly kind: 'UNKNOWN-TLV';
  type: number;
  value: Uint8Array;
}

/** Route subobject families: they differ only in what the top bit of the type octet means. */
export type RouteFamily = 'ERO' | 'RRO' | 'XRO';

export interface SubobjectDefinition<T extends Kinded = Kinded> {
  /** The RSVP/PCEP subobject type (7 bits in ERO/IRO/XRO, 8 bits in RRO). */
  readonly type: number;
  readonly kind: T['kind'];
  readonly rfc: string;
  /** Route objects this subobject may appear in. */
  readonly families: readonly RouteFamily[];
  /** Decodes the subobject contents `b[start, end)` after the 2-byte type/length header. */
  decode(b: Uint8Array, start: number, end: number, family: RouteFamily): T;
  /** Writes the contents after the type/length header; errors carry paths relative to it. */
  encode(w: ByteWriter, so: T, family: RouteFamily): void;
}

/**
 * The top bit of the subobject type octet: `l` (Loose) in ERO and IRO, `x` in XRO (RFC 5521:
 * set means the exclusion is best effort). RRO subobjects have neither.
 */
export interface RouteTopBit {
  l?: boolean;
  x?: boolean;
}

/** A subobject whose type pcelab does not know, or that is not valid in its route object. */
export interface UnknownSubobject extends RouteTopBit {
  readonly kind: 'UNKNOWN-SUBOBJECT';
  type: number;
  contents: Uint8Array;
}

/** The common object header's flags (RFC 5440 §7.2). */
export interface ObjectHeaderFlags {
  /** P (Processing-Rule): the object must be taken into account. */
  p: boolean;
  /** I (Ignore): the PCE ignored an optional object. */
  i: boolean;
  /** The two reserved header bits, kept so unusual bytes re-encode exactly; absent when zero. */
  headerReserved?: number;
}

export interface ObjectDefinition<T extends Kinded & ObjectHeaderFlags = Kinded & ObjectHeaderFlags> {
  readonly objectClass: number;
  readonly objectType: number;
  readonly kind: T['kind'];
  /** The RFC's object name (shared by the object types of a class), e.g. `END-POINTS`. */
  readonly className: string;
  readonly rfc: string;
  /** Decodes the body `b[start, end)`. Throws PcepDecodeError. */
  decode(b: Uint8Array, start: number, end: number, p: boolean, i: boolean): T;
  /** Writes the body only; the caller writes the header and pads. Errors carry relative paths. */
  encode(w: ByteWriter, o: T): void;
}

/** An object whose class or type pcelab does not know: kept byte for byte. */
export interface UnknownObject extends ObjectHeaderFlags {
  readonly kind: 'UNKNOWN-OBJECT';
  objectClass: number;
  objectType: number;
  body: Uint8Array;
}

/** Why a message's objects break its grammar, found by {@link MessageDefinition.validate}. */
export interface GrammarViolation {
  /** Index of the object at fault, or the object count when something is missing at the end. */
  readonly index: number;
  readonly reason: string;
  readonly pcErr?: { readonly errorType: number; readonly errorValue: number };
  readonly closeReason?: number;
}

export interface MessageDefinition<K extends string = string> {
  /** The IANA "PCEP Messages" code point. */
  readonly type: number;
  readonly kind: K;
  readonly rfc: string;
  /** Checks the message's RBNF; undefined when the object sequence is acceptable. */
  validate(objects: readonly Kinded[]): GrammarViolation | undefined;
}

/** Throws the decode error for an ill-formed object or TLV (RFC 8664's PCErr 10/11). */
export function malformed(reason: string, offset: number): never {
  throw new PcepDecodeError(reason, offset, PcErr.malformedObject);
}

/** Checks that a value field is exactly `expected` bytes long. */
export function expectLength(start: number, end: number, expected: number, what: string): void {
  if (end - start !== expected) malformed(`${what} is ${end - start} bytes, expected ${expected}`, start);
}

/** Checks that a value field is at least `min` bytes long. */
export function expectMinLength(start: number, end: number, min: number, what: string): void {
  if (end - start < min) malformed(`${what} is ${end - start} bytes, expected at least ${min}`, start);
}

/** Throws a PcepEncodeError unless `v` is an integer in [0, max]. */
export function checkUint(v: unknown, max: number, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new PcepEncodeError(`must be an integer from 0 to ${max}`, field, v);
  }
  return v;
}

/** Throws a PcepEncodeError unless `v` is a finite-or-infinite non-NaN number. */
export function checkFloat(v: unknown, field: string): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new PcepEncodeError('must be a number', field, v);
  return v;
}

/**
 * Writes an IEEE 754 single. A NaN cannot carry its bit pattern in a JS number, so decoders
 * keep a NaN's raw bits beside the value (`...NaNBits`); when present they are written as
 * they came, so third-party bytes with a NaN (OpenDaylight's boundary vectors) re-encode exactly.
 */
export function writeF32(
  w: ByteWriter,
  value: unknown,
  nanBits: number | undefined,
  field: string,
  nanField: string,
): void {
  if (nanBits === undefined) {
    w.f32(checkFloat(value, field));
    return;
  }
  const bits = checkUint(nanBits, 0xffffffff, nanField);
  if ((bits & 0x7f800000) !== 0x7f800000 || (bits & 0x007fffff) === 0) {
    throw new PcepEncodeError('must be the bits of an IEEE 754 NaN', nanField, nanBits);
  }
  w.u32(bits);
}

/** Throws a PcepEncodeError unless `v` is a Uint8Array. */
export function checkBytes(v: unknown, field: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new PcepEncodeError('must be bytes', field, v);
  return v;
}

/** Reads an optional "unassigned flag bits" field: absent means zero. */
export function otherBits(v: number | undefined, mask: number, field: string): number {
  if (v === undefined) return 0;
  const bits = checkUint(v, 0xffffffff, field);
  if ((bits & mask) >>> 0 !== bits)
    throw new PcepEncodeError(`has bits outside 0x${mask.toString(16)}`, field, v);
  return bits;
}
