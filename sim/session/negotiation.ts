/**
 * Session characteristics negotiation, RFC 5440 §6.2 and §7.3: is the peer's Open acceptable,
 * and if not, which values would be (sent back in the OPEN object of a PCErr 1/4)?
 */
import type { OpenObject } from './capabilities.ts';
import type { SessionConfig } from './config.ts';

export type OpenVerdict =
  | { acceptable: true }
  | {
      acceptable: false;
      /** What is wrong, for the trace. */
      reason: string;
      /** Keepalive and DeadTimer this speaker would accept, for the PCErr 1/4's OPEN object. */
      counterKeepaliveS: number;
      counterDeadTimerS: number;
    };

function clamp(v: number, r: { min: number; max: number }): number {
  return Math.min(r.max, Math.max(r.min, v));
}

/** Judges the peer's Open against what this speaker accepts. */
export function judgeOpen(open: OpenObject, config: SessionConfig): OpenVerdict {
  const problems: string[] = [];
  // RFC 5440 §6.1: this is version 1; another version cannot be negotiated (PCErr 1/3).
  if (open.version !== 1) problems.push(`PCEP version ${open.version}`);
  const ka = config.acceptableKeepaliveS;
  const dt = config.acceptableDeadTimerS;
  if (open.keepaliveS < ka.min || open.keepaliveS > ka.max) {
    problems.push(`Keepalive ${open.keepaliveS} s outside ${ka.min}..${ka.max}`);
  }
  if (open.deadTimerS < dt.min || open.deadTimerS > dt.max) {
    problems.push(`DeadTimer ${open.deadTimerS} s outside ${dt.min}..${dt.max}`);
  }
  // A DeadTimer shorter than the Keepalive would declare a healthy peer dead between its
  // Keepalives (RFC 5440 §7.3 recommends 4 x Keepalive); negotiable, like the ranges.
  if (open.keepaliveS > 0 && open.deadTimerS !== 0 && open.deadTimerS < open.keepaliveS) {
    problems.push(`DeadTimer ${open.deadTimerS} s shorter than Keepalive ${open.keepaliveS} s`);
  }
  if (problems.length === 0) return { acceptable: true };
  const counterKeepaliveS = clamp(open.keepaliveS, ka);
  // RFC 5440 §7.3 recommends DeadTimer = 4 × Keepalive; propose that when it is acceptable.
  const keepPeerValue =
    open.deadTimerS >= dt.min && open.deadTimerS <= dt.max && open.deadTimerS >= counterKeepaliveS;
  const counterDeadTimerS = clamp(keepPeerValue ? open.deadTimerS : 4 * counterKeepaliveS, dt);
  return { acceptable: false, reason: problems.join('; '), counterKeepaliveS, counterDeadTimerS };
}

/**
 * Whether this speaker can adopt the values a peer proposed for it in a PCErr 1/4 (the peer's
 * OPEN object). They must be values it would accept from a peer too.
 */
export function canAdopt(proposal: OpenObject, config: SessionConfig): boolean {
  const ka = config.acceptableKeepaliveS;
  const dt = config.acceptableDeadTimerS;
  return (
    (proposal.deadTimerS === 0 || proposal.deadTimerS >= proposal.keepaliveS) &&
    proposal.keepaliveS >= ka.min &&
    proposal.keepaliveS <= ka.max &&
    proposal.deadTimerS >= dt.min &&
    proposal.deadTimerS <= dt.max
  );
}
