/**
 * What a speaker said it can do, read from its Open (RFC 5440 §7.3 OPEN object and the TLVs of
 * RFC 8231/8232/8281, RFC 8408/8664, RFC 8685, the Open Refresh and state-sync drafts). The
 * node that owns a session reads these; the session machine itself needs only the timers.
 */
import type { PcepObject, Tlv } from '../pcep/index.ts';

export type OpenObject = Extract<PcepObject, { kind: 'OPEN' }>;
type TlvOf<K extends Tlv['kind']> = Extract<Tlv, { kind: K }>;

export interface SpeakerCapabilities {
  keepaliveS: number;
  deadTimerS: number;
  sessionId: number;
  /** STATEFUL-PCE-CAPABILITY flags (RFC 8231 U, RFC 8232 S/T/D/F, RFC 8281 I, state-sync), if sent. */
  stateful: Omit<TlvOf<'STATEFUL-PCE-CAPABILITY'>, 'kind' | 'otherFlags'> | undefined;
  /** Path setup types (RFC 8408); [0] (RSVP-TE) when PATH-SETUP-TYPE-CAPABILITY is absent. */
  pathSetupTypes: number[];
  /** Segment routing (RFC 8664 SR-PCE-CAPABILITY, inside PATH-SETUP-TYPE-CAPABILITY or alone). */
  sr: { msd: number; unlimitedMsd: boolean; naiSupported: boolean } | undefined;
  /** H-PCE-CAPABILITY (RFC 8685): present, and whether the sender asks the peer to be its parent. */
  hPce: { parentPceRequest: boolean } | undefined;
  /** DOMAIN-ID TLVs (RFC 8685): the domains the sender is responsible for. */
  domains: TlvOf<'DOMAIN-ID'>[];
  /** R flag: Open Refresh supported (draft-stone-pce-update-open). */
  openRefresh: boolean;
  /** SPEAKER-ENTITY-ID (RFC 8232). */
  speakerEntityId: string | Uint8Array | undefined;
  /** LSP-DB-VERSION in the Open (RFC 8232). */
  lspDbVersion: bigint | undefined;
}

/** Reads the capabilities an OPEN object advertises. */
export function capabilitiesOf(open: OpenObject): SpeakerCapabilities {
  const caps: SpeakerCapabilities = {
    keepaliveS: open.keepaliveS,
    deadTimerS: open.deadTimerS,
    sessionId: open.sessionId,
    stateful: undefined,
    pathSetupTypes: [0],
    sr: undefined,
    hPce: undefined,
    domains: [],
    openRefresh: open.openRefresh,
    speakerEntityId: undefined,
    lspDbVersion: undefined,
  };
  for (const tlv of open.tlvs) {
    switch (tlv.kind) {
      case 'STATEFUL-PCE-CAPABILITY': {
        const { kind: _kind, otherFlags: _other, ...flags } = tlv;
        caps.stateful = flags;
        break;
      }
      case 'PATH-SETUP-TYPE-CAPABILITY':
        caps.pathSetupTypes = [...tlv.psts];
        for (const sub of tlv.subTlvs) {
          if (sub.kind === 'SR-PCE-CAPABILITY') caps.sr = srOf(sub as TlvOf<'SR-PCE-CAPABILITY'>);
        }
        break;
      case 'SR-PCE-CAPABILITY': // the pre-RFC 8408 form, directly in the OPEN object
        caps.sr ??= srOf(tlv);
        if (!caps.pathSetupTypes.includes(1)) caps.pathSetupTypes = [...caps.pathSetupTypes, 1];
        break;
      case 'H-PCE-CAPABILITY':
        caps.hPce = { parentPceRequest: tlv.parentPceRequest };
        break;
      case 'DOMAIN-ID':
        caps.domains.push(tlv);
        break;
      case 'SPEAKER-ENTITY-ID':
        caps.speakerEntityId = tlv.speakerEntityId;
        break;
      case 'LSP-DB-VERSION':
        caps.lspDbVersion = tlv.lspDbVersion;
        break;
      default:
        break;
    }
  }
  return caps;
}

function srOf(t: TlvOf<'SR-PCE-CAPABILITY'>): SpeakerCapabilities['sr'] {
  return { msd: t.msd, unlimitedMsd: t.unlimitedMsd, naiSupported: t.naiSupported };
}
