/**
 * The TLV registry: every TLV definition file under tlvs/ is listed here once. Decoding and
 * encoding of TLV lists (RFC 5440 §7.1), the Tlv union type and the names used in traces all
 * derive from this list. A test fails when a file in this folder is missing from it.
 */
import { malformed, type TlvDefinition, type TlvListCodec, type UnknownTlv } from '../definition.ts';
import { PcepEncodeError, withFieldPrefix, withPath } from '../errors.ts';
import { ByteWriter, pad4, readU16, copyBytes, claimWritten, writeIntoSlab } from '../wire.ts';
import { domainId } from './domain-id.ts';
import { hPceCapability } from './h-pce-capability.ts';
import { hPceFlag } from './h-pce-flag.ts';
import { ipv4LspIdentifiers } from './ipv4-lsp-identifiers.ts';
import { ipv6LspIdentifiers } from './ipv6-lsp-identifiers.ts';
import { lspDbVersion } from './lsp-db-version.ts';
import { lspErrorCode } from './lsp-error-code.ts';
import { noPathVector } from './no-path-vector.ts';
import { ofList } from './of-list.ts';
import { overloadDuration } from './overload-duration.ts';
import { pathSetupTypeCapability } from './path-setup-type-capability.ts';
import { pathSetupType } from './path-setup-type.ts';
import { reqMissing } from './req-missing.ts';
import { rsvpErrorSpec } from './rsvp-error-spec.ts';
import { speakerEntityId } from './speaker-entity-id.ts';
import { srPceCapability } from './sr-pce-capability.ts';
import { statefulPceCapability } from './stateful-pce-capability.ts';
import { symbolicPathName } from './symbolic-path-name.ts';
import { vendorInformation } from './vendor-information.ts';

export const tlvDefinitions = [
  domainId,
  hPceCapability,
  hPceFlag,
  ipv4LspIdentifiers,
  ipv6LspIdentifiers,
  lspDbVersion,
  lspErrorCode,
  noPathVector,
  ofList,
  overloadDuration,
  pathSetupTypeCapability,
  pathSetupType,
  reqMissing,
  rsvpErrorSpec,
  speakerEntityId,
  srPceCapability,
  statefulPceCapability,
  symbolicPathName,
  vendorInformation,
] as const;

export type KnownTlv = ReturnType<(typeof tlvDefinitions)[number]['decode']>;
export type Tlv = KnownTlv | UnknownTlv;

const byType = new Map<number, TlvDefinition>();
const byKind = new Map<string, TlvDefinition>();
for (const def of tlvDefinitions as readonly TlvDefinition[]) {
  if (byType.has(def.type)) throw new Error(`TLV type ${def.type} registered twice`);
  if (byKind.has(def.kind)) throw new Error(`TLV kind ${def.kind} registered twice`);
  byType.set(def.type, def);
  byKind.set(def.kind, def);
}

/** The definition for a TLV type, if pcelab knows it. */
export function tlvDefinitionByType(type: number): TlvDefinition | undefined {
  return byType.get(type);
}

/** The definition for a TLV kind (its IANA name), if pcelab knows it. */
export function tlvDefinitionByKind(kind: string): TlvDefinition | undefined {
  return byKind.get(kind);
}

/**
 * Decodes the TLVs in `b[start, end)`. Each TLV is a 4-byte header and a value padded to
 * 32 bits; the padding must be inside the range. Unknown types are kept opaque.
 */
export function decodeTlvs(b: Uint8Array, start: number, end: number): Tlv[] {
  const out: Tlv[] = [];
  let at = start;
  while (at < end) {
    if (end - at < 4) malformed(`${end - at} trailing bytes are too short for a TLV header`, at);
    const type = readU16(b, at);
    const length = readU16(b, at + 2);
    const valueStart = at + 4;
    const valueEnd = valueStart + length;
    if (valueStart + pad4(length) > end) {
      malformed(`TLV type ${type} length ${length} (padded ${pad4(length)}) overruns its container`, at);
    }
    const def = byType.get(type);
    if (def === undefined) {
      out.push({ kind: 'UNKNOWN-TLV', type, value: copyBytes(b, valueStart, valueEnd) });
    } else {
      try {
        out.push(def.decode(b, valueStart, valueEnd, tlvListCodec) as Tlv);
      } catch (err) {
        withPath(err, def.kind);
      }
    }
    at = valueStart + pad4(length);
  }
  return out;
}

/**
 * Encodes TLVs in order, each padded to 32 bits. `field` names the list in encode errors,
 * relative to the element that holds it (paths are built only when an error passes).
 */
export function encodeTlvs(w: ByteWriter, tlvs: readonly Tlv[] | undefined, field: string): void {
  if (tlvs === undefined) return;
  if (!Array.isArray(tlvs)) throw new PcepEncodeError('must be an array of TLVs', field, tlvs);
  // One try around the loop: a try per element costs V8 inlining on this hot path.
  let k = 0;
  try {
    for (; k < tlvs.length; k++) encodeOneTlv(w, tlvs[k] as Tlv);
  } catch (err) {
    withFieldPrefix(err, `${field}[${k}]`);
  }
}

function encodeOneTlv(w: ByteWriter, tlv: Tlv): void {
  if (tlv === null || typeof tlv !== 'object') throw new PcepEncodeError('must be a TLV', '', tlv);
  const headerAt = w.pos;
  if (tlv.kind === 'UNKNOWN-TLV') {
    const unknown = tlv as UnknownTlv;
    if (!(unknown.value instanceof Uint8Array))
      throw new PcepEncodeError('must be bytes', 'value', unknown.value);
    if (!Number.isInteger(unknown.type) || unknown.type < 0 || unknown.type > 0xffff) {
      throw new PcepEncodeError('must be 0..65535', 'type', unknown.type);
    }
    w.u16(unknown.type);
    w.u16(0);
    w.bytes(unknown.value);
  } else {
    const def = byKind.get(tlv.kind);
    if (def === undefined) throw new PcepEncodeError('unknown TLV kind', 'kind', tlv.kind);
    w.u32(def.type << 16); // Type, and Length patched below
    def.encode(w, tlv, tlvListCodec);
  }
  const length = w.pos - headerAt - 4;
  if (length > 0xffff) throw new PcepEncodeError('TLV value exceeds 65,535 bytes', '', length);
  w.patchU16(headerAt + 2, length);
  if ((length & 3) !== 0) w.zeros(4 - (length & 3)); // pad the value to 32 bits
}

/** Handed to TLVs that nest sub-TLVs, so they need not import this registry. */
export const tlvListCodec: TlvListCodec = {
  decode: decodeTlvs,
  encode: encodeTlvs as TlvListCodec['encode'],
};

/** Decodes bytes holding exactly one TLV (header, value, padding). Throws PcepDecodeError. */
export function decodeTlv(bytes: Uint8Array): Tlv {
  const tlvs = decodeTlvs(bytes, 0, bytes.length);
  if (tlvs.length !== 1) malformed(`expected one TLV, found ${tlvs.length}`, 0);
  return tlvs[0] as Tlv;
}

const elementWriter = new ByteWriter(16);

/** Encodes one TLV with its header and padding. Throws PcepEncodeError. */
export function encodeTlv(tlv: Tlv): Uint8Array {
  const start = writeIntoSlab(elementWriter, 4096);
  encodeTlvs(elementWriter, [tlv], 'tlv');
  return claimWritten(elementWriter, start);
}
