/**
 * STATEFUL-PCE-CAPABILITY TLV, RFC 8231 §7.1.1, flags from RFC 8232 §4.1 and RFC 8281 §4.1.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Type=16         |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                             Flags                   |F|D|T|I|S|U|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The inter-PCE state-sync flag (draft-litkowski-pce-state-sync) has no IANA bit yet: its
 * position is a provisional code point (provisional.ts, default mask 0x4000).
 */
import { expectLength, otherBits, type TlvDefinition } from '../definition.ts';
import { provisionalCodePoints } from '../provisional.ts';
import { readU32 } from '../wire.ts';

const U = 0x01; // LSP-UPDATE-CAPABILITY (RFC 8231)
const S = 0x02; // INCLUDE-DB-VERSION (RFC 8232)
const I = 0x04; // LSP-INSTANTIATION-CAPABILITY (RFC 8281)
const T = 0x08; // TRIGGERED-RESYNC (RFC 8232)
const D = 0x10; // DELTA-LSP-SYNC-CAPABILITY (RFC 8232)
const F = 0x20; // TRIGGERED-INITIAL-SYNC (RFC 8232)
const KNOWN = U | S | I | T | D | F;

export interface StatefulPceCapabilityTlv {
  readonly kind: 'STATEFUL-PCE-CAPABILITY';
  /** U: the PCE may update delegated LSPs (active stateful). */
  lspUpdate: boolean;
  /** S: LSP-DB-VERSION is included in reports (RFC 8232). */
  includeDbVersion: boolean;
  /** I: the speaker supports PCE-initiated LSPs (RFC 8281). */
  lspInstantiation: boolean;
  /** T: triggered resynchronisation (RFC 8232). */
  triggeredResync: boolean;
  /** D: incremental (delta) state synchronisation (RFC 8232). */
  deltaLspSync: boolean;
  /** F: triggered initial synchronisation (RFC 8232). */
  triggeredInitialSync: boolean;
  /** Inter-PCE state-sync session (draft-litkowski-pce-state-sync; provisional bit). */
  stateSync: boolean;
  /** Flag bits not named above, kept for byte-exact re-encoding; absent when zero. */
  otherFlags?: number;
}

export const statefulPceCapability: TlvDefinition<StatefulPceCapabilityTlv> = {
  type: 16,
  kind: 'STATEFUL-PCE-CAPABILITY',
  rfc: 'RFC 8231 §7.1.1',
  decode(b, start, end) {
    expectLength(start, end, 4, 'STATEFUL-PCE-CAPABILITY');
    const flags = readU32(b, start);
    const sync = provisionalCodePoints().stateSyncFlagMask;
    const tlv: StatefulPceCapabilityTlv = {
      kind: 'STATEFUL-PCE-CAPABILITY',
      lspUpdate: (flags & U) !== 0,
      includeDbVersion: (flags & S) !== 0,
      lspInstantiation: (flags & I) !== 0,
      triggeredResync: (flags & T) !== 0,
      deltaLspSync: (flags & D) !== 0,
      triggeredInitialSync: (flags & F) !== 0,
      stateSync: (flags & sync) !== 0,
    };
    const other = (flags & ~(KNOWN | sync)) >>> 0;
    if (other !== 0) tlv.otherFlags = other;
    return tlv;
  },
  encode(w, tlv) {
    const sync = provisionalCodePoints().stateSyncFlagMask;
    w.u32(
      ((tlv.lspUpdate ? U : 0) |
        (tlv.includeDbVersion ? S : 0) |
        (tlv.lspInstantiation ? I : 0) |
        (tlv.triggeredResync ? T : 0) |
        (tlv.deltaLspSync ? D : 0) |
        (tlv.triggeredInitialSync ? F : 0) |
        (tlv.stateSync ? sync : 0) |
        otherBits(tlv.otherFlags, ~(KNOWN | sync) >>> 0, 'otherFlags')) >>>
        0,
    );
  },
};
