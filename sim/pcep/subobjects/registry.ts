/**
 * The route subobject registry (ERO, IRO, RRO, XRO, PATH-KEY contents). Every subobject
 * definition file under subobjects/ is listed here once.
 *
 * ERO/IRO/XRO subobject header (RFC 3209 §4.3.3, RFC 5521 §2.1):  |L or X| Type (7) | Length (8) |
 * RRO subobject header (RFC 3209 §4.4.1):                          |      Type (8)   | Length (8) |
 * Length counts the header; it is at least 2... and must fit the object.
 */
import {
  malformed,
  type RouteFamily,
  type RouteTopBit,
  type SubobjectDefinition,
  type UnknownSubobject,
} from '../definition.ts';
import { PcepEncodeError, withFieldPrefix, withPath } from '../errors.ts';
import { ByteWriter, claimWritten, copyBytes, writeIntoSlab } from '../wire.ts';
import { asNumber } from './as-number.ts';
import { ipv4Prefix } from './ipv4-prefix.ts';
import { ipv6Prefix } from './ipv6-prefix.ts';
import { label } from './label.ts';
import { pksIpv4 } from './pks-ipv4.ts';
import { pksIpv6 } from './pks-ipv6.ts';
import { sr } from './sr.ts';
import { srlg } from './srlg.ts';
import { unnumberedInterfaceId } from './unnumbered-interface-id.ts';

export const subobjectDefinitions = [
  asNumber,
  ipv4Prefix,
  ipv6Prefix,
  label,
  pksIpv4,
  pksIpv6,
  sr,
  srlg,
  unnumberedInterfaceId,
] as const;

export type KnownSubobject = ReturnType<(typeof subobjectDefinitions)[number]['decode']>;
export type Subobject = KnownSubobject | UnknownSubobject;

const byFamily: Record<RouteFamily, Map<number, SubobjectDefinition>> = {
  ERO: new Map(),
  RRO: new Map(),
  XRO: new Map(),
};
const byKind = new Map<string, SubobjectDefinition>();
/** Per family, kind to definition: one lookup when encoding. */
const kindsByFamily: Record<RouteFamily, Map<string, SubobjectDefinition>> = {
  ERO: new Map(),
  RRO: new Map(),
  XRO: new Map(),
};
for (const def of subobjectDefinitions as readonly SubobjectDefinition[]) {
  if (byKind.has(def.kind)) throw new Error(`subobject kind ${def.kind} registered twice`);
  byKind.set(def.kind, def);
  for (const family of def.families) {
    if (byFamily[family].has(def.type))
      throw new Error(`${family} subobject type ${def.type} registered twice`);
    byFamily[family].set(def.type, def);
    kindsByFamily[family].set(def.kind, def);
  }
}

/** The definition for a subobject type in a route family, if pcelab knows it. */
export function subobjectDefinition(family: RouteFamily, type: number): SubobjectDefinition | undefined {
  return byFamily[family].get(type);
}

/** The definition for a subobject kind. */
export function subobjectDefinitionByKind(kind: string): SubobjectDefinition | undefined {
  return byKind.get(kind);
}

/** Decodes the subobjects in `b[start, end)` of a route object of `family`. */
export function decodeSubobjects(
  b: Uint8Array,
  start: number,
  end: number,
  family: RouteFamily,
): Subobject[] {
  const out: Subobject[] = [];
  const table = byFamily[family];
  const hasTopBit = family !== 'RRO';
  let at = start;
  while (at < end) {
    if (end - at < 2) malformed('trailing byte is too short for a subobject header', at);
    const first = b[at] as number;
    const length = b[at + 1] as number;
    if (length < 2) malformed(`subobject length ${length} is shorter than its header`, at + 1);
    if (at + length > end) malformed(`subobject length ${length} overruns its object`, at + 1);
    const type = hasTopBit ? first & 0x7f : first;
    const def = table.get(type);
    let so: Subobject & RouteTopBit;
    if (def === undefined) {
      so = { kind: 'UNKNOWN-SUBOBJECT', type, contents: copyBytes(b, at + 2, at + length) };
    } else {
      try {
        so = def.decode(b, at + 2, at + length, family) as Subobject;
      } catch (err) {
        withPath(err, def.kind);
      }
    }
    if (family === 'ERO') so.l = (first & 0x80) !== 0;
    else if (family === 'XRO') so.x = (first & 0x80) !== 0;
    out.push(so);
    at += length;
  }
  return out;
}

/** Encodes subobjects in order for a route object of `family`; `field` names the list in errors. */
export function encodeSubobjects(
  w: ByteWriter,
  subobjects: readonly Subobject[] | undefined,
  family: RouteFamily,
  field: string,
): void {
  if (!Array.isArray(subobjects))
    throw new PcepEncodeError('must be an array of subobjects', field, subobjects);
  // One try around the loop: a try per element costs V8 inlining on this hot path.
  const kinds = kindsByFamily[family];
  let k = 0;
  try {
    for (; k < subobjects.length; k++)
      encodeOneSubobject(w, subobjects[k] as Subobject & RouteTopBit, family, kinds);
  } catch (err) {
    withFieldPrefix(err, `${field}[${k}]`);
  }
}

function encodeOneSubobject(
  w: ByteWriter,
  so: Subobject & RouteTopBit,
  family: RouteFamily,
  kinds: Map<string, SubobjectDefinition>,
): void {
  if (so === null || typeof so !== 'object') throw new PcepEncodeError('must be a subobject', '', so);
  const top = family === 'ERO' ? so.l : family === 'XRO' ? so.x : false;
  const headerAt = w.pos;
  let type: number;
  if (so.kind === 'UNKNOWN-SUBOBJECT') {
    const unknown = so as UnknownSubobject;
    type = unknown.type;
    // Registered types are right by construction; only a caller's number needs checking.
    if (!(type >= 0 && (family === 'RRO' ? type <= 255 : type <= 127) && type === Math.floor(type))) {
      throw new PcepEncodeError('type out of range', 'type', type);
    }
    w.u16(0);
    if (!(unknown.contents instanceof Uint8Array))
      throw new PcepEncodeError('must be bytes', 'contents', unknown.contents);
    w.bytes(unknown.contents);
  } else {
    // Routes repeat one kind hop after hop: remember the last lookup.
    let def: SubobjectDefinition | undefined;
    if (so.kind === lastKind && kinds === lastKinds) def = lastDef;
    else {
      def = kinds.get(so.kind);
      if (def === undefined) throw new PcepEncodeError(`not a subobject of an ${family}`, 'kind', so.kind);
      lastKind = so.kind;
      lastKinds = kinds;
      lastDef = def;
    }
    type = (def as SubobjectDefinition).type;
    w.u16(0);
    (def as SubobjectDefinition).encode(w, so, family);
  }
  const length = w.pos - headerAt;
  if (length > 255) throw new PcepEncodeError('subobject exceeds 255 bytes', '', length);
  w.buf[headerAt] = (top === true ? 0x80 : 0) | type;
  w.buf[headerAt + 1] = length;
}

let lastKind = '';
let lastKinds: Map<string, SubobjectDefinition> | undefined;
let lastDef: SubobjectDefinition | undefined;

/** Decodes bytes holding exactly one subobject of a route family. Throws PcepDecodeError. */
export function decodeSubobject(bytes: Uint8Array, family: RouteFamily): Subobject {
  const list = decodeSubobjects(bytes, 0, bytes.length, family);
  if (list.length !== 1) malformed(`expected one subobject, found ${list.length}`, 0);
  return list[0] as Subobject;
}

const elementWriter = new ByteWriter(16);

/** Encodes one subobject of a route family. Throws PcepEncodeError. */
export function encodeSubobject(so: Subobject, family: RouteFamily): Uint8Array {
  const start = writeIntoSlab(elementWriter, 4096);
  encodeSubobjects(elementWriter, [so], family, 'subobject');
  return claimWritten(elementWriter, start);
}
