/**
 * One PCEP session: the RFC 5440 machine (machine.ts) plus what it needs to speak: the framer
 * and codec on the way in, the encoder on the way out, the lazy Keepalive/DeadTimer of the up
 * state, the unknown-message window, and the trace. It knows nothing of links: bytes come in
 * through receive() and go out through the SessionIo it is given; time comes from its clock.
 */
import { createActor, type Actor } from 'xstate';
import type { SimClock } from '../core/clock.ts';
import type { Trace } from '../core/trace.ts';
import {
  CloseReason,
  decodeMessage,
  encodeMessage,
  messageDefinitionByType,
  PcErr,
  PcepDecodeError,
  PcepFramer,
  type PcErrCode,
  type PcepMessage,
} from '../pcep/index.ts';
import { capabilitiesOf, type OpenObject, type SpeakerCapabilities } from './capabilities.ts';
import type { SessionConfig } from './config.ts';
import { sessionMachine, type SessionEvent, type SessionHost, type SessionState } from './machine.ts';
import { canAdopt, judgeOpen } from './negotiation.ts';

/** Where the session's bytes go and how it asks for a transport. */
export interface SessionIo {
  send(bytes: Uint8Array): void;
  /** Open the transport (active side); answer with tcpConnected() or tcpFailed(). */
  connect(): void;
  close(): void;
}

/** What the node that owns the session hears. */
export interface SessionListener {
  /** A message other than Keepalive, Open, Close, in the up state. */
  onMessage?(session: PcepSession, msg: PcepMessage): void;
  onStateChange?(session: PcepSession, from: SessionState, to: SessionState, reason: string): void;
}

export interface SessionOptions {
  /** The local node, for traces. */
  node: string;
  /** The peer node, for traces. */
  peer: string;
  /**
   * Gives the PCEP session ID for each new session (RFC 5440 §7.3: incremented for every new
   * session of the speaker), called when a TCP connection comes up.
   */
  nextSessionId: () => number;
  config: SessionConfig;
  clock: SimClock;
  io: SessionIo;
  trace?: Trace;
  listener?: SessionListener;
}

/** The window of the unknown-message and unknown-request limits: one minute (RFC 5440 §6.9). */
const UNKNOWN_WINDOW_US = 60_000_000;
const KEEPALIVE_BYTES = Uint8Array.of(0x20, 0x02, 0x00, 0x04);

/** A message type's registry name, for traces (`type N` when pcelab does not know it). */
function kindOfType(type: number): string {
  return messageDefinitionByType(type)?.kind ?? `type ${type}`;
}

function rethrow(err: unknown): void {
  throw err;
}

function onLazyTimer(arg: unknown): void {
  (arg as PcepSession).lazyTimerFired();
}

export class PcepSession implements SessionHost {
  readonly node: string;
  readonly peer: string;
  readonly config: SessionConfig;
  private readonly clock: SimClock;
  private readonly io: SessionIo;
  private readonly trace: Trace | undefined;
  private readonly listener: SessionListener | undefined;
  private readonly actor: Actor<typeof sessionMachine>;
  private framer = new PcepFramer();
  private currentState: SessionState = 'idle';
  private reason = 'created';

  /** Values of our Open (may change when we adopt a peer's proposal). */
  private keepaliveS: number;
  private deadTimerS: number;
  private sessionId = 0;
  private readonly nextSessionId: () => number;
  /** An error thrown inside the machine (xstate catches them); rethrown at the next step. */
  private failure: unknown;
  /** Timers of the up state, in µs; 0 disables. Ours from our Open, the DeadTimer from the peer's. */
  private keepaliveUs = 0;
  private deadUs = 0;
  private lastSentUs = 0;
  private lastRecvUs = 0;
  private timer = -1;
  private unknownMessages: number[] = [];
  private unknownRequests: number[] = [];

  /** What the peer's accepted Open said. */
  peerCapabilities: SpeakerCapabilities | undefined;
  /** Counters for the results. */
  readonly stats = { messagesSent: 0, messagesReceived: 0, bytesSent: 0, bytesReceived: 0 };

  constructor(options: SessionOptions) {
    this.node = options.node;
    this.peer = options.peer;
    this.config = options.config;
    this.clock = options.clock;
    this.io = options.io;
    this.trace = options.trace;
    this.listener = options.listener;
    this.keepaliveS = options.config.keepaliveS;
    this.deadTimerS = options.config.deadTimerS;
    this.nextSessionId = options.nextSessionId;
    this.actor = createActor(sessionMachine, { input: { host: this }, clock: options.clock });
    this.actor.subscribe({
      next: (snapshot) => this.onSnapshot(snapshot.value as SessionState),
      // xstate catches what an action or subscriber throws and would re-throw it later on the
      // real clock; keep it and raise it in simulated time instead (a SimulationError naming
      // the event and node, through the kernel).
      error: (err) => {
        this.failure = err;
        this.clock.scheduleUs(0, rethrow, err, 'session.error');
      },
    });
    this.actor.start();
  }

  private onSnapshot(next: SessionState): void {
    if (next === this.currentState) return;
    const from = this.currentState;
    this.currentState = next;
    const trace = this.trace;
    if (trace?.on) {
      trace.emit({
        timeUs: this.clock.nowUs(),
        kind: 'session.state',
        node: this.node,
        peer: this.peer,
        from,
        to: next,
        reason: this.reason,
      });
    }
    this.listener?.onStateChange?.(this, from, next, this.reason);
  }

  /** The RFC 5440 Appendix A state. */
  get state(): SessionState {
    return this.currentState;
  }

  // --- what the owner calls -----------------------------------------------------------------

  /** Opens the session actively: connect, then negotiate; reconnects with back-off after failures. */
  start(): void {
    this.deliver({ type: 'START' }, 'start');
  }
  /** The transport was accepted from the peer (passive side). */
  accepted(): void {
    this.sessionId = this.nextSessionId();
    this.deliver({ type: 'TCP_ACCEPTED' }, 'connection accepted');
  }
  tcpConnected(): void {
    this.sessionId = this.nextSessionId();
    this.deliver({ type: 'TCP_CONNECTED' }, 'connection established');
  }
  tcpFailed(why = 'connection failed'): void {
    this.deliver({ type: 'TCP_FAILED' }, why);
  }
  /** The transport closed or was reset under the session. */
  tcpClosed(why = 'connection closed'): void {
    this.framer = new PcepFramer();
    this.deliver({ type: 'TCP_CLOSED' }, why);
  }
  /** Closes the session on purpose with a Close message (RFC 5440 §7.17 reason, default 1). */
  stop(reason: number = CloseReason.noExplanation): void {
    this.deliver({ type: 'STOP', reason }, `closed locally (reason ${reason})`);
  }

  /** Drops the session without sending anything and never reconnects (a lost collision). */
  abandon(why: string): void {
    this.deliver({ type: 'ABANDON' }, why);
  }

  /** True when this end opened the session (it reconnects after failures). */
  get active(): boolean {
    return this.actor.getSnapshot().context.active;
  }

  /** Sends a message in the up state; returns false (nothing sent) in any other state. */
  send(msg: PcepMessage): boolean {
    if (this.currentState !== 'up') return false;
    this.transmit(encodeMessage(msg), msg.kind);
    return true;
  }

  /** The node met a request or reply it cannot place (RFC 5440 §6.9: Close reason 4 past the limit). */
  noteUnknownRequest(): void {
    if (this.countInWindow(this.unknownRequests, this.config.maxUnknownRequests)) {
      this.deliver(
        { type: 'TOO_MANY_UNKNOWN', closeReason: CloseReason.tooManyUnknownRequests },
        'too many unknown requests',
      );
    }
  }

  /**
   * A message already decoded (a transport that frames and decodes itself, or a test). Bytes
   * and messages take the same path through the machine.
   */
  receiveMessage(msg: PcepMessage): void {
    this.lastRecvUs = this.clock.nowUs();
    this.stats.messagesReceived++;
    if (this.trace?.wants('pcep.rx')) this.traceMessage('pcep.rx', msg.kind, 0);
    if (msg.kind === 'Keepalive') {
      if (this.currentState !== 'up') this.deliver({ type: 'KEEPALIVE_RX' }, 'Keepalive received');
      return;
    }
    if (this.currentState !== 'up' && msg.kind !== 'Open' && msg.kind !== 'PCErr' && msg.kind !== 'Close') {
      this.deliver({ type: 'OTHER_RX', kind: msg.kind }, `${msg.kind} before the session is up`);
      return;
    }
    this.dispatch(msg);
  }

  /** What our own Open advertises. */
  get localCapabilities(): SpeakerCapabilities {
    return capabilitiesOf(this.openObject(this.keepaliveS, this.deadTimerS));
  }

  /** Bytes from the transport, in order, split or joined any way. */
  receive(chunk: Uint8Array): void {
    // An idle session has no connection to read: whatever still arrives is dropped.
    if (this.isIdle()) return;
    this.framer.push(chunk);
    for (;;) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = this.framer.next();
      } catch (err) {
        if (!(err instanceof PcepDecodeError)) throw err;
        // A bad common header: nothing after it can be framed (RFC 5440 §6.1; Close reason 3).
        this.deliver({ type: 'MALFORMED_RX', error: err }, err.reason);
        this.framer = new PcepFramer();
        if (this.currentState !== 'idle') {
          this.io.close();
          this.deliver({ type: 'TCP_CLOSED' }, 'unframeable bytes');
        }
        return;
      }
      if (bytes === undefined) return;
      this.lastRecvUs = this.clock.nowUs();
      this.stats.messagesReceived++;
      this.stats.bytesReceived += bytes.length;
      if (bytes.length === 4 && bytes[1] === 2) {
        // Keepalive: in up it only refreshes the DeadTimer deadline, no decode, no transition.
        if (this.trace?.wants('pcep.rx')) this.traceMessage('pcep.rx', 'Keepalive', 4);
        if (this.currentState !== 'up') this.deliver({ type: 'KEEPALIVE_RX' }, 'Keepalive received');
        continue;
      }
      const type = bytes[1] as number;
      if (this.currentState !== 'up' && type !== 1 && type !== 6 && type !== 7) {
        // RFC 5440 Appendix A: before up, anything but Open, Keepalive or PCErr (or a Close) is
        // answered with PCErr 1/1, whatever its content.
        if (this.trace?.wants('pcep.rx')) this.traceMessage('pcep.rx', kindOfType(type), bytes.length);
        this.deliver(
          { type: 'OTHER_RX', kind: kindOfType(type) },
          `${kindOfType(type)} before the session is up`,
        );
        if (this.isIdle()) return;
        continue;
      }
      if (messageDefinitionByType(type) === undefined) {
        // RFC 5440 §6.9: an unrecognised message is answered PCErr 2 and counted; its body is
        // not ours to judge.
        if (this.trace?.wants('pcep.rx')) this.traceMessage('pcep.rx', kindOfType(type), bytes.length);
        this.unknownMessage();
        if (this.isIdle()) return;
        continue;
      }
      let msg: PcepMessage;
      try {
        msg = decodeMessage(bytes, { unknownObjects: 'reject' });
      } catch (err) {
        if (!(err instanceof PcepDecodeError)) throw err;
        if (this.trace?.on) {
          this.trace.emit({
            timeUs: this.clock.nowUs(),
            kind: 'pcep.error',
            node: this.node,
            peer: this.peer,
            offset: err.offset,
            path: err.path.join(' > '),
            reason: err.reason,
            pcErr: err.pcErr,
            closeReason: err.closeReason,
          });
        }
        this.deliver({ type: 'MALFORMED_RX', error: err }, `malformed message: ${err.reason}`);
        if (this.isIdle()) return;
        continue;
      }
      if (this.trace?.wants('pcep.rx')) this.traceMessage('pcep.rx', msg.kind, bytes.length);
      this.dispatch(msg);
      if (this.isIdle()) return;
    }
  }

  // --- SessionHost: what the machine asks for -------------------------------------------------

  get openWaitMs(): number {
    return this.config.openWaitS * 1000;
  }
  get keepWaitMs(): number {
    return this.config.keepWaitS * 1000;
  }
  get connectMs(): number {
    return this.config.connectS * 1000;
  }
  connectRetryMs(failures: number): number {
    const s = Math.min(
      this.config.connectRetryMaxS,
      this.config.connectRetryS * 2 ** Math.max(0, failures - 1),
    );
    return s * 1000;
  }
  get maxConnectRetries(): number {
    return this.config.maxConnectRetries;
  }
  connect(): void {
    this.io.connect();
  }
  closeTransport(): void {
    this.io.close();
    this.framer = new PcepFramer();
  }
  sendOpen(): void {
    this.transmit(
      encodeMessage({ kind: 'Open', objects: [this.openObject(this.keepaliveS, this.deadTimerS)] }),
      'Open',
    );
  }
  sendKeepalive(): void {
    this.transmit(KEEPALIVE_BYTES, 'Keepalive');
  }
  sendPcErr(code: PcErrCode, open?: OpenObject): void {
    const objects: PcepMessage['objects'] = [
      {
        kind: 'PCEP-ERROR',
        p: false,
        i: false,
        errorType: code.errorType,
        errorValue: code.errorValue,
        tlvs: [],
      },
    ];
    if (open !== undefined) objects.push(open);
    this.transmit(encodeMessage({ kind: 'PCErr', objects }), 'PCErr');
  }
  sendCounterProposal(open: OpenObject): void {
    const verdict = judgeOpen(open, this.config);
    if (verdict.acceptable) return;
    // RFC 5440 §6.2: the PCErr 1/4 carries an OPEN object with values we would accept.
    this.sendPcErr(PcErr.negotiable, this.openObject(verdict.counterKeepaliveS, verdict.counterDeadTimerS));
  }
  noteUnacceptable(open: OpenObject): void {
    const verdict = judgeOpen(open, this.config);
    if (!verdict.acceptable) this.reason = `unacceptable Open: ${verdict.reason}`;
  }
  sendClose(reason: number): void {
    this.transmit(
      encodeMessage({ kind: 'Close', objects: [{ kind: 'CLOSE', p: false, i: false, reason, tlvs: [] }] }),
      'Close',
    );
  }
  judgeOpen(open: OpenObject): boolean {
    return judgeOpen(open, this.config).acceptable;
  }
  note(reason: string): void {
    this.reason = reason;
  }
  isNegotiable(open: OpenObject): boolean {
    // Only the timers can be negotiated; another PCEP version cannot (RFC 5440 §6.2: 1/3).
    return open.version === 1;
  }
  recordPeerOpen(open: OpenObject): void {
    this.peerCapabilities = capabilitiesOf(open);
  }
  canAdopt(open: OpenObject | undefined): boolean {
    return open !== undefined && canAdopt(open, this.config);
  }
  adoptProposal(open: OpenObject): void {
    this.keepaliveS = open.keepaliveS;
    this.deadTimerS = open.deadTimerS;
  }
  enterUp(): void {
    const now = this.clock.nowUs();
    this.keepaliveUs = this.keepaliveS * 1_000_000;
    // The peer's DeadTimer says how long we wait for it (RFC 5440 §7.3); 0: never dead. It
    // MUST be ignored when the peer's Keepalive is 0 (§7.3): such a peer sends no Keepalives.
    const peer = this.peerCapabilities;
    this.deadUs = peer === undefined || peer.keepaliveS === 0 ? 0 : peer.deadTimerS * 1_000_000;
    this.unknownMessages.length = 0;
    this.unknownRequests.length = 0;
    this.lastRecvUs = now;
    this.armLazyTimer();
  }
  leaveUp(): void {
    if (this.timer >= 0) this.clock.cancel(this.timer);
    this.timer = -1;
  }

  /** The lazy timer of the up state: DeadTimer first, then Keepalive, then re-arm. */
  lazyTimerFired(): void {
    this.timer = -1;
    if (this.currentState !== 'up') return;
    const now = this.clock.nowUs();
    if (this.deadUs > 0 && now - this.lastRecvUs >= this.deadUs) {
      this.deliver({ type: 'DEAD_TIMER' }, 'DeadTimer expired');
      return;
    }
    if (this.keepaliveUs > 0 && now - this.lastSentUs >= this.keepaliveUs) this.sendKeepalive();
    this.armLazyTimer();
  }

  // --- internals ------------------------------------------------------------------------------

  private openObject(keepaliveS: number, deadTimerS: number): OpenObject {
    return {
      kind: 'OPEN',
      p: false,
      i: false,
      version: 1,
      openRefresh: this.config.openRefresh,
      keepaliveS,
      deadTimerS,
      sessionId: this.sessionId,
      tlvs: this.config.openTlvs,
    };
  }

  private armLazyTimer(): void {
    const now = this.clock.nowUs();
    let next = Infinity;
    if (this.keepaliveUs > 0) next = this.lastSentUs + this.keepaliveUs;
    if (this.deadUs > 0) next = Math.min(next, this.lastRecvUs + this.deadUs);
    if (next === Infinity) return;
    this.timer = this.clock.scheduleUs(Math.max(0, next - now), onLazyTimer, this, 'session.timer');
  }

  private transmit(bytes: Uint8Array, kind: string): void {
    this.lastSentUs = this.clock.nowUs();
    this.stats.messagesSent++;
    this.stats.bytesSent += bytes.length;
    if (this.trace?.wants('pcep.tx')) this.traceMessage('pcep.tx', kind, bytes.length);
    this.io.send(bytes);
  }

  private traceMessage(kind: 'pcep.tx' | 'pcep.rx', message: string, bytes: number): void {
    (this.trace as Trace).emit({
      timeUs: this.clock.nowUs(),
      kind,
      node: this.node,
      peer: this.peer,
      message,
      bytes,
    });
  }

  private deliver(event: SessionEvent, reason: string): void {
    this.reason = reason;
    this.actor.send(event);
    if (this.failure !== undefined) {
      const err = this.failure;
      this.failure = undefined;
      throw err;
    }
  }

  private dispatch(msg: PcepMessage): void {
    if (this.currentState === 'up') {
      switch (msg.kind) {
        case 'Open':
          // An Open on an established session: RFC 5440 §7.15 Error-Type 9.
          this.sendPcErr(PcErr.secondSession);
          return;
        case 'Close':
          this.deliver(
            { type: 'CLOSE_RX', reason: closeReasonOf(msg) },
            `Close received (reason ${closeReasonOf(msg)})`,
          );
          return;
        case 'UNKNOWN-MESSAGE':
          // RFC 5440 §6.9: an unknown message is answered with PCErr 2/0 and counted.
          this.sendPcErr({ errorType: 2, errorValue: 0 });
          if (this.countInWindow(this.unknownMessages, this.config.maxUnknownMessages)) {
            this.deliver(
              { type: 'TOO_MANY_UNKNOWN', closeReason: CloseReason.tooManyUnknownMessages },
              'too many unknown messages',
            );
          }
          return;
        default:
          this.listener?.onMessage?.(this, msg);
          return;
      }
    }
    switch (msg.kind) {
      case 'Open':
        this.deliver({ type: 'OPEN_RX', open: msg.objects[0] as OpenObject }, 'Open received');
        return;
      case 'PCErr': {
        const errors: PcErrCode[] = [];
        let open: OpenObject | undefined;
        for (const o of msg.objects) {
          if (o.kind === 'PCEP-ERROR') errors.push({ errorType: o.errorType, errorValue: o.errorValue });
          else if (o.kind === 'OPEN') open = o;
        }
        this.deliver(
          { type: 'PCERR_RX', errors, open },
          `PCErr received (${errors.map((e) => `${e.errorType},${e.errorValue}`).join(' ')})`,
        );
        return;
      }
      case 'Close':
        this.deliver({ type: 'TCP_CLOSED' }, `Close received (reason ${closeReasonOf(msg)})`);
        this.io.close();
        return;
      default:
        this.deliver({ type: 'OTHER_RX', kind: msg.kind }, `${msg.kind} before the session is up`);
    }
  }

  /** True in idle (a method, so checks after a state change are not narrowed away). */
  private isIdle(): boolean {
    return this.currentState === 'idle';
  }

  /** RFC 5440 §6.9: PCErr 2 for an unrecognised message; Close 5 at the limit per minute. */
  private unknownMessage(): void {
    this.sendPcErr(PcErr.capabilityNotSupported);
    if (this.countInWindow(this.unknownMessages, this.config.maxUnknownMessages)) {
      this.deliver(
        { type: 'TOO_MANY_UNKNOWN', closeReason: CloseReason.tooManyUnknownMessages },
        'too many unknown messages',
      );
    }
  }

  /**
   * Records an event now; true when `limit` or more fall in the last 60 s, a true sliding
   * window (RFC 5440 §6.9: a rate equal to or greater than the limit per minute closes).
   */
  private countInWindow(times: number[], limit: number): boolean {
    const now = this.clock.nowUs();
    times.push(now);
    while (times.length > 0 && (times[0] as number) <= now - UNKNOWN_WINDOW_US) times.shift();
    return times.length >= limit;
  }
}

function closeReasonOf(msg: PcepMessage): number {
  const o = msg.objects[0];
  return o !== undefined && o.kind === 'CLOSE' ? o.reason : 0;
}
