/**
 * What a PCEP speaker brings to a session: the timers it advertises and accepts, its limits,
 * and the TLVs of its Open. Defaults are RFC 5440's.
 */
import type { Tlv } from '../pcep/index.ts';

export interface SessionConfig {
  /** Keepalive this speaker advertises in its Open (s); 0 means it sends none. RFC 5440 §7.3: default 30. */
  keepaliveS: number;
  /** DeadTimer this speaker advertises (s); 0 means the peer never declares it dead. Default 120 (4 × Keepalive). */
  deadTimerS: number;
  /** The peer Keepalive values this speaker accepts, inclusive (s). 0 is acceptable only if in range. */
  acceptableKeepaliveS: { min: number; max: number };
  /** The peer DeadTimer values this speaker accepts, inclusive (s). */
  acceptableDeadTimerS: { min: number; max: number };
  /** OpenWait timer (s): how long to wait for the peer's Open. RFC 5440 Appendix A: 60. */
  openWaitS: number;
  /** KeepWait timer (s): how long to wait for the Keepalive or PCErr answering our Open. 60. */
  keepWaitS: number;
  /** Connect timer (s): how long one TCP connection attempt may take. RFC 5440 Appendix A: 60. */
  connectS: number;
  /**
   * First delay before reconnecting after a failed attempt or a lost session (s); doubles on
   * each consecutive failure up to connectRetryMaxS. RFC 5440 asks for exponential back-off
   * and leaves the numbers to the implementation.
   */
  connectRetryS: number;
  /** Cap of the ConnectRetry back-off (s). */
  connectRetryMaxS: number;
  /**
   * Give up after this many failed connection attempts in a row. RFC 5440's ConnectMaxRetry is
   * 5; the default keeps trying (with back-off), as deployed PCCs do.
   */
  maxConnectRetries: number;
  /**
   * MAX-UNKNOWN-MESSAGES (RFC 5440 §6.9): this many unknown messages within any 60 s close the
   * session with reason 5. The RFC recommends 5.
   */
  maxUnknownMessages: number;
  /** MAX-UNKNOWN-REQUESTS: this many unknown requests/replies within 60 s close with reason 4. */
  maxUnknownRequests: number;
  /** TLVs of this speaker's OPEN object: its capabilities. */
  openTlvs: Tlv[];
  /** Advertise the Open Refresh capability (draft-stone-pce-update-open R flag). */
  openRefresh: boolean;
}

export const defaultSessionConfig: Readonly<SessionConfig> = Object.freeze({
  keepaliveS: 30,
  deadTimerS: 120,
  acceptableKeepaliveS: Object.freeze({ min: 1, max: 255 }),
  acceptableDeadTimerS: Object.freeze({ min: 4, max: 255 }),
  openWaitS: 60,
  keepWaitS: 60,
  connectS: 60,
  connectRetryS: 1,
  connectRetryMaxS: 120,
  maxConnectRetries: Infinity,
  maxUnknownMessages: 5,
  maxUnknownRequests: 5,
  openTlvs: [],
  openRefresh: false,
}) as SessionConfig;

/** The config with defaults filled in; throws RangeError naming the field for a bad value. */
export function sessionConfig(overrides: Partial<SessionConfig> = {}): SessionConfig {
  const c: SessionConfig = { ...defaultSessionConfig, ...overrides };
  const byte = (v: number, name: string): void => {
    if (!Number.isInteger(v) || v < 0 || v > 255)
      throw new RangeError(`${name} must be an integer from 0 to 255 s`);
  };
  byte(c.keepaliveS, 'keepaliveS');
  byte(c.deadTimerS, 'deadTimerS');
  if (c.keepaliveS > 0 && c.deadTimerS !== 0 && c.deadTimerS < c.keepaliveS) {
    throw new RangeError(
      'deadTimerS must be 0 or at least keepaliveS (RFC 5440 §7.3 recommends 4 x keepaliveS)',
    );
  }
  for (const [name, r] of [
    ['acceptableKeepaliveS', c.acceptableKeepaliveS],
    ['acceptableDeadTimerS', c.acceptableDeadTimerS],
  ] as const) {
    byte(r.min, `${name}.min`);
    byte(r.max, `${name}.max`);
    if (r.min > r.max) throw new RangeError(`${name}.min must not exceed ${name}.max`);
  }
  for (const name of ['openWaitS', 'keepWaitS', 'connectS', 'connectRetryS', 'connectRetryMaxS'] as const) {
    if (!(c[name] > 0)) throw new RangeError(`${name} must be a positive number of seconds`);
  }
  for (const name of ['maxUnknownMessages', 'maxUnknownRequests'] as const) {
    if (!Number.isInteger(c[name]) || c[name] < 1)
      throw new RangeError(`${name} must be a whole number of at least 1`);
  }
  return c;
}
