/**
 * LSP object, RFC 8231 §7.3 (Object-Class 32, Object-Type 1); the C flag is RFC 8281 §5.3.1.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                PLSP-ID                |  Flags|C|  O  |A|R|S|D|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                            TLVs                             //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * O (operational status): 0 DOWN, 1 UP, 2 ACTIVE, 3 GOING-DOWN, 4 GOING-UP, 5-7 reserved
 * (decoded as they are). PLSP-ID 0 (all LSPs / end of synchronization) and 0xFFFFF (reserved)
 * are decoded as they are; the session decides what they mean. The four high flag bits (RFC
 * 8623 P2MP, F, E; RFC 9604 PCE-allocation) stay in `otherFlags`.
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';
import { readU32 } from '../wire.ts';

const D = 0x001;
const S = 0x002;
const R = 0x004;
const A = 0x008;
const O = 0x070;
const C = 0x080;
const KNOWN = D | S | R | A | O | C;

export interface LspObject {
  readonly kind: 'LSP';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** PLSP-ID: the LSP's identifier within the session, 20 bits. */
  plspId: number;
  /** D: the PCC delegates the LSP to the PCE (or the PCE keeps the delegation). */
  delegate: boolean;
  /** S: the report is part of state synchronization. */
  sync: boolean;
  /** R: the LSP has been removed. */
  remove: boolean;
  /** A: the LSP is administratively up (the PCC wants it up). */
  administrative: boolean;
  /** O: operational status, 0 DOWN, 1 UP, 2 ACTIVE, 3 GOING-DOWN, 4 GOING-UP (5-7 reserved). */
  operational: number;
  /** C (RFC 8281): the LSP was created by a PCE (PCInitiate). */
  create: boolean;
  /** The four other bits of the 12-bit Flags field (mask 0xF00); absent when zero. */
  otherFlags?: number;
  tlvs: Tlv[];
}

export const lspObject: ObjectDefinition<LspObject> = {
  objectClass: 32,
  objectType: 1,
  kind: 'LSP',
  className: 'LSP',
  rfc: 'RFC 8231 §7.3',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'LSP object body');
    const word = readU32(b, start);
    const flags = word & 0xfff;
    const o: LspObject = {
      kind: 'LSP',
      p,
      i,
      plspId: word >>> 12,
      delegate: (flags & D) !== 0,
      sync: (flags & S) !== 0,
      remove: (flags & R) !== 0,
      administrative: (flags & A) !== 0,
      operational: (flags & O) >>> 4,
      create: (flags & C) !== 0,
      tlvs: decodeTlvs(b, start + 4, end),
    };
    if ((flags & ~KNOWN) !== 0) o.otherFlags = flags & ~KNOWN;
    return o;
  },
  encode(w, o) {
    const flags =
      (o.delegate ? D : 0) |
      (o.sync ? S : 0) |
      (o.remove ? R : 0) |
      (o.administrative ? A : 0) |
      (checkUint(o.operational, 7, 'operational') << 4) |
      (o.create ? C : 0) |
      otherBits(o.otherFlags, 0xfff & ~KNOWN, 'otherFlags');
    w.u32(((checkUint(o.plspId, 0xfffff, 'plspId') << 12) | flags) >>> 0);
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
