/**
 * SR subobject: SR-ERO (RFC 8664 §4.3.1, in an ERO or IRO) and SR-RRO (RFC 8664 §4.5.1, in an
 * RRO). One layout; only the first bit differs (L in an ERO, part of the Type in an RRO).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|   Type=36   |    Length     |  NT   |     Flags     |F|S|C|M|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         SID (optional)                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                   NAI (variable, optional)                  //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags (12 bits): F (0x008) the NAI is absent; S (0x004) the SID is absent; C (0x002) the
 * SID's TC, S and TTL fields are set by the PCE; M (0x001) the SID is an MPLS label stack entry:
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Label                  | TC  |S|      TTL      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * NAI by NAI Type (RFC 8664 §4.3.2): 1 IPv4 node ID (4 bytes); 2 IPv6 node ID (16); 3 IPv4
 * adjacency, local and remote address (8); 4 IPv6 adjacency, global local and remote address
 * (32); 5 unnumbered adjacency with IPv4 node IDs: local node ID, local interface ID, remote
 * node ID, remote interface ID (16); 6 IPv6 adjacency with link-local addresses: local address,
 * local interface ID, remote address, remote interface ID (40).
 *
 * Length = 4 + (S ? 0 : 4) + (F ? 0 : NAI length), so always at least 8 and a multiple of 4.
 */
import {
  checkUint,
  expectLength,
  expectMinLength,
  malformed,
  otherBits,
  type RouteTopBit,
  type SubobjectDefinition,
} from '../definition.ts';
import { readIpv4, readIpv6, writeIpv4, writeIpv6 } from '../address.ts';
import { PcErr } from '../error-codes.ts';
import { PcepDecodeError, PcepEncodeError } from '../errors.ts';
import { readU16, readU32, type ByteWriter } from '../wire.ts';

const F = 0x008; // NAI absent
const S = 0x004; // SID absent
const C = 0x002; // TC, S and TTL of the SID are meaningful
const M = 0x001; // the SID is an MPLS label stack entry
const KNOWN = F | S | C | M;

/** NAI length in bytes by NAI Type (RFC 8664 §4.3.2); NT 0 means no NAI, 7-15 are unassigned. */
const naiBytesByNt = [0, 4, 16, 8, 32, 16, 40] as const;

/** The NAI Type of each decoded NAI kind. */
export const srNaiTypes = {
  'IPV4-NODE-ID': 1,
  'IPV6-NODE-ID': 2,
  'IPV4-ADJACENCY': 3,
  'IPV6-GLOBAL-ADJACENCY': 4,
  'UNNUMBERED-ADJACENCY-IPV4': 5,
  'IPV6-LINK-LOCAL-ADJACENCY': 6,
} as const;

/** The Node or Adjacency Identifier a SID stands for. Addresses are text; interface IDs 32-bit. */
export type SrNai =
  | { type: 'IPV4-NODE-ID'; nodeId: string }
  | { type: 'IPV6-NODE-ID'; nodeId: string }
  | { type: 'IPV4-ADJACENCY'; local: string; remote: string }
  | { type: 'IPV6-GLOBAL-ADJACENCY'; local: string; remote: string }
  | {
      type: 'UNNUMBERED-ADJACENCY-IPV4';
      localNodeId: string;
      localInterfaceId: number;
      remoteNodeId: string;
      remoteInterfaceId: number;
    }
  | {
      type: 'IPV6-LINK-LOCAL-ADJACENCY';
      localAddress: string;
      localInterfaceId: number;
      remoteAddress: string;
      remoteInterfaceId: number;
    };

/** The SID read as an MPLS label stack entry (RFC 3032 §2.1), present when M is set. */
export interface SrSidLabel {
  /** The 20-bit label value. */
  label: number;
  /** Traffic Class, 3 bits. */
  tc: number;
  /** Bottom of stack. */
  s: boolean;
  /** Time to live, 8 bits. */
  ttl: number;
}

export interface SrSubobject extends RouteTopBit {
  readonly kind: 'SR';
  /** NAI Type, 4 bits (see {@link srNaiTypes}); meaningless when `f` is set but kept as sent. */
  nt: number;
  /** F: the NAI is absent. */
  f: boolean;
  /** S: the SID is absent (the PCC picks it from the NAI). */
  s: boolean;
  /** C: with M, the TC, S and TTL fields of the SID are set by the PCE. */
  c: boolean;
  /** M: the SID is an MPLS label stack entry (else a 32-bit index or opaque SID). */
  m: boolean;
  /** The other 8 bits of the 12-bit Flags field, kept for exact re-encoding; absent when zero. */
  otherFlags?: number;
  /** The raw 32-bit SID; present unless `s`. Encoding uses it when present. */
  sid?: number;
  /** `sid` read as a label stack entry; present exactly when `sid` is and `m` is set. Encoding
   *  composes the SID from it when `sid` is absent. */
  sidLabel?: SrSidLabel;
  /** The NAI; present unless `f`. Its type must match `nt`. */
  nai?: SrNai;
}

function decodeNai(b: Uint8Array, at: number, nt: number): SrNai {
  switch (nt) {
    case 1:
      return { type: 'IPV4-NODE-ID', nodeId: readIpv4(b, at) };
    case 2:
      return { type: 'IPV6-NODE-ID', nodeId: readIpv6(b, at) };
    case 3:
      return { type: 'IPV4-ADJACENCY', local: readIpv4(b, at), remote: readIpv4(b, at + 4) };
    case 4:
      return { type: 'IPV6-GLOBAL-ADJACENCY', local: readIpv6(b, at), remote: readIpv6(b, at + 16) };
    case 5:
      return {
        type: 'UNNUMBERED-ADJACENCY-IPV4',
        localNodeId: readIpv4(b, at),
        localInterfaceId: readU32(b, at + 4),
        remoteNodeId: readIpv4(b, at + 8),
        remoteInterfaceId: readU32(b, at + 12),
      };
    default: // 6: the caller has checked the NAI Type
      return {
        type: 'IPV6-LINK-LOCAL-ADJACENCY',
        localAddress: readIpv6(b, at),
        localInterfaceId: readU32(b, at + 16),
        remoteAddress: readIpv6(b, at + 20),
        remoteInterfaceId: readU32(b, at + 36),
      };
  }
}

/** The NT of an NAI type name, 0 when unknown (a switch on interned strings: no hashing). */
function naiTypeCode(type: string): number {
  switch (type) {
    case 'IPV4-NODE-ID':
      return 1;
    case 'IPV6-NODE-ID':
      return 2;
    case 'IPV4-ADJACENCY':
      return 3;
    case 'IPV6-GLOBAL-ADJACENCY':
      return 4;
    case 'UNNUMBERED-ADJACENCY-IPV4':
      return 5;
    case 'IPV6-LINK-LOCAL-ADJACENCY':
      return 6;
    default:
      return 0;
  }
}

function encodeNai(w: ByteWriter, nai: SrNai, nt: number, field: string): void {
  if (typeof nai !== 'object' || nai === null) throw new PcepEncodeError('must be an NAI object', field, nai);
  // The NT check sits in each case: a keyed lookup of srNaiTypes per hop is measurable here.
  const want = naiTypeCode(nai.type);
  if (want !== nt) {
    if (want === 0) throw new PcepEncodeError('unknown NAI type', 'nai.type', nai.type);
    throw new PcepEncodeError(`NAI type ${nai.type} needs NT ${want}`, 'nai.type', nai.type);
  }
  switch (nai.type) {
    case 'IPV4-NODE-ID':
      writeIpv4(w, nai.nodeId, 'nai.nodeId');
      return;
    case 'IPV6-NODE-ID':
      writeIpv6(w, nai.nodeId, 'nai.nodeId');
      return;
    case 'IPV4-ADJACENCY':
      writeIpv4(w, nai.local, 'nai.local');
      writeIpv4(w, nai.remote, 'nai.remote');
      return;
    case 'IPV6-GLOBAL-ADJACENCY':
      writeIpv6(w, nai.local, 'nai.local');
      writeIpv6(w, nai.remote, 'nai.remote');
      return;
    case 'UNNUMBERED-ADJACENCY-IPV4':
      writeIpv4(w, nai.localNodeId, 'nai.localNodeId');
      w.u32(checkUint(nai.localInterfaceId, 0xffffffff, 'nai.localInterfaceId'));
      writeIpv4(w, nai.remoteNodeId, 'nai.remoteNodeId');
      w.u32(checkUint(nai.remoteInterfaceId, 0xffffffff, 'nai.remoteInterfaceId'));
      return;
    case 'IPV6-LINK-LOCAL-ADJACENCY':
      writeIpv6(w, nai.localAddress, 'nai.localAddress');
      w.u32(checkUint(nai.localInterfaceId, 0xffffffff, 'nai.localInterfaceId'));
      writeIpv6(w, nai.remoteAddress, 'nai.remoteAddress');
      w.u32(checkUint(nai.remoteInterfaceId, 0xffffffff, 'nai.remoteInterfaceId'));
      return;
  }
}

function composeSid(l: SrSidLabel, field: string): number {
  if (typeof l !== 'object' || l === null) throw new PcepEncodeError('must be a label stack entry', field, l);
  return (
    ((checkUint(l.label, 0xfffff, 'sidLabel.label') << 12) |
      (checkUint(l.tc, 7, 'sidLabel.tc') << 9) |
      (l.s ? 0x100 : 0) |
      checkUint(l.ttl, 255, 'sidLabel.ttl')) >>>
    0
  );
}

export const sr: SubobjectDefinition<SrSubobject> = {
  type: 36,
  kind: 'SR',
  rfc: 'RFC 8664 §4.3.1',
  families: ['ERO', 'RRO'],
  decode(b, start, end, family) {
    expectMinLength(start, end, 2, 'SR subobject contents');
    const word = readU16(b, start);
    const nt = word >>> 12;
    const flags = word & 0xfff;
    const f = (flags & F) !== 0;
    const s = (flags & S) !== 0;
    // RFC 8664 §4.3.1, §4.5.1: S and F MUST NOT both be set (PCErr 10/6 in an ERO, 10/7 in an RRO).
    if (f && s) {
      throw new PcepDecodeError(
        'SR subobject has both S and F set (neither SID nor NAI)',
        start,
        family === 'RRO' ? PcErr.bothSidAndNaiAbsentInSrRro : PcErr.bothSidAndNaiAbsentInSrEro,
      );
    }
    let naiBytes = 0;
    if (!f) {
      // RFC 8664 §4.3.1: F MUST be set when NT is 0 (no NAI); with F set, NT is ignored.
      if (nt === 0) malformed('SR subobject has NT 0 (no NAI) but F clear', start);
      if (nt >= naiBytesByNt.length)
        throw new PcepDecodeError(`unsupported NAI type ${nt}`, start, PcErr.unsupportedNaiType);
      naiBytes = naiBytesByNt[nt] as number;
    }
    expectLength(start, end, (s ? 2 : 6) + naiBytes, 'SR subobject contents for its NT, S and F');
    const so: SrSubobject = {
      kind: 'SR',
      nt,
      f,
      s,
      c: (flags & C) !== 0,
      m: (flags & M) !== 0,
    };
    if ((flags & ~KNOWN) !== 0) so.otherFlags = flags & ~KNOWN;
    let at = start + 2;
    if (!s) {
      const sid = readU32(b, at);
      so.sid = sid;
      if ((flags & M) !== 0)
        so.sidLabel = { label: sid >>> 12, tc: (sid >>> 9) & 7, s: (sid & 0x100) !== 0, ttl: sid & 0xff };
      at += 4;
    }
    if (!f) so.nai = decodeNai(b, at, nt);
    return so;
  },
  encode(w, so) {
    const nt = checkUint(so.nt, 15, 'nt');
    if (so.s && so.f) throw new PcepEncodeError('S and F cannot both be set', 's', so.s);
    w.u16(
      (nt << 12) |
        (so.f ? F : 0) |
        (so.s ? S : 0) |
        (so.c ? C : 0) |
        (so.m ? M : 0) |
        otherBits(so.otherFlags, 0xfff & ~KNOWN, 'otherFlags'),
    );
    if (so.s) {
      if (so.sid !== undefined) throw new PcepEncodeError('must be absent when S is set', 'sid', so.sid);
      if (so.sidLabel !== undefined)
        throw new PcepEncodeError('must be absent when S is set', 'sidLabel', so.sidLabel);
    } else if (so.sid !== undefined) {
      w.u32(checkUint(so.sid, 0xffffffff, 'sid'));
    } else if (so.sidLabel !== undefined) {
      w.u32(composeSid(so.sidLabel, 'sidLabel'));
    } else {
      throw new PcepEncodeError('a SID (sid or sidLabel) is required unless S is set', 'sid', undefined);
    }
    if (so.f) {
      if (so.nai !== undefined) throw new PcepEncodeError('must be absent when F is set', 'nai', so.nai);
    } else {
      if (so.nai === undefined)
        throw new PcepEncodeError('an NAI is required unless F is set', 'nai', undefined);
      encodeNai(w, so.nai, nt, 'nai');
    }
  },
};
