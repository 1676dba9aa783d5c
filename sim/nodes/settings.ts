/**
 * The knobs of PCCs, PCEs and the IGP model, with their defaults. Scenarios set them
 * (sim/scenario re-exports these); every time is in microseconds.
 */

export interface PceSettings {
  /** Active stateful: requests and reports arriving within this window are computed together. */
  batchWindowUs: number;
  /** Active stateful: recompute delegated LSPs on network events (failure, LSP torn down, demand change). */
  reoptimize: boolean;
  /** Time a PCE spends on one computation before it answers. */
  computeDelayUs: number;
  /** How long a PCE keeps the LSPs of a PCC whose session went down (a State Timeout, RFC 8231 §5.7.2). */
  stateTimeoutUs: number;
}

export interface PccSettings {
  /** Gap before a PCC asks again after a failed setup (crankback) or a NO-PATH. */
  retryIntervalUs: number;
  /** Setups given up after this many failed attempts in a row; the LSP stays down until an event. */
  maxRetries: number;
  /** Delegate PCC-configured LSPs to an active stateful PCE (RFC 8231 D flag). */
  delegate: boolean;
  /** Redelegation timeout (RFC 8231 §5.7.2): how long delegations wait for a failed PCE; PCE-initiated LSPs go at its end. */
  redelegationTimeoutUs: number;
}

export interface IgpSettings {
  /** Per-hop flooding delay of a TE link-state update (processing + pacing), on top of link delay. */
  floodHopDelayUs: number;
}

export const DEFAULT_PCE_SETTINGS: PceSettings = {
  batchWindowUs: 0,
  reoptimize: true,
  computeDelayUs: 1_000,
  stateTimeoutUs: 30_000_000,
};

export const DEFAULT_PCC_SETTINGS: PccSettings = {
  retryIntervalUs: 1_000_000,
  maxRetries: 3,
  delegate: true,
  redelegationTimeoutUs: 30_000_000,
};

export const DEFAULT_IGP_SETTINGS: IgpSettings = { floodHopDelayUs: 5_000 };
