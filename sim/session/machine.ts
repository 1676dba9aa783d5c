/**
 * The PCEP session state machine of RFC 5440 Appendix A, in xstate v5: idle, tcpPending,
 * openWait, keepWait, up. It owns every state change; what it does on the wire it asks of its
 * host (the PcepSession), which encodes and sends. Timers (OpenWait, KeepWait, ConnectRetry)
 * are `after` delays, run by the actor's clock: the kernel clock in a simulation.
 *
 * The steady state does not run through the machine: in `up`, Keepalive and DeadTimer
 * bookkeeping and ordinary messages stay in the host (lazy deadlines, as OpenDaylight bgpcep
 * does); only the events that end a session come here.
 */
import { and, assign, setup } from 'xstate';
import { PcErr, type PcErrCode, type PcepDecodeError } from '../pcep/index.ts';
import type { OpenObject } from './capabilities.ts';

/** What the machine asks of the session that runs it. */
export interface SessionHost {
  /** Open a TCP connection to the peer (active side). */
  connect(): void;
  /** Close the TCP connection. */
  closeTransport(): void;
  sendOpen(): void;
  sendKeepalive(): void;
  sendPcErr(code: PcErrCode): void;
  /** PCErr 1/4 answering the peer's `open`, with an OPEN object of acceptable values (RFC 5440 §6.2). */
  sendCounterProposal(open: OpenObject): void;
  /** Say in the trace what made the peer's Open unacceptable. */
  noteUnacceptable(open: OpenObject): void;
  sendClose(reason: number): void;
  /** Is the peer's Open acceptable (RFC 5440 §6.2)? Pure. */
  judgeOpen(open: OpenObject): boolean;
  /** Is an unacceptable Open one whose values we could propose to fix (PCErr 1/4), not 1/3? */
  isNegotiable(open: OpenObject): boolean;
  /** Keep the accepted Open: the peer's timers and capabilities. */
  recordPeerOpen(open: OpenObject): void;
  /** Could we use the values the peer proposed in a PCErr 1/4's OPEN object? Pure. */
  canAdopt(open: OpenObject | undefined): boolean;
  /** Use them for the Open we send next. */
  adoptProposal(open: OpenObject): void;
  /** Why the next state change happens, for the trace (timers have no event of their own). */
  note(reason: string): void;
  /** The session reached up / left up: start or stop the lazy Keepalive/DeadTimer. */
  enterUp(): void;
  leaveUp(): void;
  /** Timer values and retry policy, read when a timer is armed. */
  readonly openWaitMs: number;
  readonly keepWaitMs: number;
  /** The Connect timer: how long a TCP connection attempt may take (RFC 5440 Appendix A: 60 s). */
  readonly connectMs: number;
  connectRetryMs(failures: number): number;
  readonly maxConnectRetries: number;
}

export type SessionEvent =
  | { type: 'START' }
  | { type: 'TCP_ACCEPTED' }
  | { type: 'TCP_CONNECTED' }
  | { type: 'TCP_FAILED' }
  | { type: 'TCP_CLOSED' }
  | { type: 'OPEN_RX'; open: OpenObject }
  | { type: 'KEEPALIVE_RX' }
  | { type: 'PCERR_RX'; errors: PcErrCode[]; open: OpenObject | undefined }
  | { type: 'OTHER_RX'; kind: string }
  | { type: 'MALFORMED_RX'; error: PcepDecodeError }
  | { type: 'DEAD_TIMER' }
  | { type: 'CLOSE_RX'; reason: number }
  | { type: 'TOO_MANY_UNKNOWN'; closeReason: number }
  | { type: 'STOP'; reason: number }
  /** Drop the session without a word (a collision lost, RFC 5440 Appendix A OpenWait). */
  | { type: 'ABANDON' };

export interface SessionContext {
  host: SessionHost;
  /** Opened by us (reconnects after failures) rather than accepted. */
  active: boolean;
  /** Closed on purpose: no reconnect. */
  stopped: boolean;
  /** RemoteOK (RFC 5440 Appendix A): we received an acceptable Open from the peer. */
  remoteOk: boolean;
  /** LocalOK: a Keepalive acknowledged our Open. */
  localOk: boolean;
  /** OpenRetry: unacceptable Opens received so far (the second one ends the session). */
  openRetry: number;
  /** Consecutive failed connection attempts, for the ConnectRetry back-off. */
  connectFailures: number;
}

// RFC 5440 §7.15 Error-Type 1, from the one error table.
const ERR = {
  invalidOpen: PcErr.invalidOpen,
  noOpen: PcErr.noOpenBeforeOpenWait,
  nonNegotiable: PcErr.nonNegotiable,
  secondUnacceptable: PcErr.secondUnacceptableOpen,
  unacceptableProposal: PcErr.pcErrUnacceptableParameters,
  noKeepalive: PcErr.noKeepaliveBeforeKeepWait,
} as const;

const isProposal = (e: { errors: PcErrCode[] }): boolean =>
  e.errors.some((c) => c.errorType === 1 && c.errorValue === 4);

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as { host: SessionHost },
  },
  delays: {
    openWait: ({ context }) => context.host.openWaitMs,
    keepWait: ({ context }) => context.host.keepWaitMs,
    connect: ({ context }) => context.host.connectMs,
    connectRetry: ({ context }) => context.host.connectRetryMs(context.connectFailures),
  },
  guards: {
    shouldReconnect: ({ context }) =>
      context.active && !context.stopped && context.connectFailures <= context.host.maxConnectRetries,
    openAcceptable: ({ context, event }) => event.type === 'OPEN_RX' && context.host.judgeOpen(event.open),
    remoteOk: ({ context }) => context.remoteOk,
    localOk: ({ context }) => context.localOk,
    firstUnacceptable: ({ context }) => context.openRetry === 0,
    // The transient `negotiate` state sees the OPEN_RX that led to it.
    isNotNegotiable: ({ context, event }) =>
      event.type === 'OPEN_RX' && !context.host.isNegotiable(event.open),
    proposalAdoptable: ({ context, event }) =>
      event.type === 'PCERR_RX' && isProposal(event) && context.host.canAdopt(event.open),
    proposalRejected: ({ event }) => event.type === 'PCERR_RX' && isProposal(event),
    malformedNeedsClose: ({ event }) =>
      event.type === 'MALFORMED_RX' && event.error.closeReason !== undefined,
  },
  actions: {
    note: ({ context }, params: { reason: string }) => context.host.note(params.reason),
    connect: ({ context }) => context.host.connect(),
    sendOpen: ({ context }) => context.host.sendOpen(),
    sendKeepalive: ({ context }) => context.host.sendKeepalive(),
    closeTransport: ({ context }) => context.host.closeTransport(),
    enterUp: ({ context }) => context.host.enterUp(),
    leaveUp: ({ context }) => context.host.leaveUp(),
    // Context changes are assigns, so the machine stays a pure transition function (which is
    // also what xstate/graph traverses in the coverage test).
    markActive: assign({ active: true, stopped: false }),
    markStopped: assign({ stopped: true }),
    resetNegotiation: assign({ localOk: false, remoteOk: false, openRetry: 0 }),
    resetConnectFailures: assign({ connectFailures: 0 }),
    setRemoteOk: assign({ remoteOk: true }),
    recordPeerOpen: ({ context, event }) => {
      if (event.type === 'OPEN_RX') context.host.recordPeerOpen(event.open);
    },
    adoptProposal: ({ context, event }) => {
      if (event.type === 'PCERR_RX' && event.open !== undefined) context.host.adoptProposal(event.open);
    },
    setLocalOk: assign({ localOk: true }),
    countUnacceptable: assign({ openRetry: ({ context }) => context.openRetry + 1 }),
    countFailureIfActive: assign({
      connectFailures: ({ context }) =>
        context.active ? context.connectFailures + 1 : context.connectFailures,
    }),
    // RFC 5440 Appendix A: the error each failure answers with, then the TCP connection closes.
    sendPcErrNoOpen: ({ context }) => context.host.sendPcErr(ERR.noOpen),
    sendPcErrNoKeepalive: ({ context }) => context.host.sendPcErr(ERR.noKeepalive),
    sendPcErrInvalidOpen: ({ context }) => context.host.sendPcErr(ERR.invalidOpen),
    // The transient `negotiate` state still sees the OPEN_RX that led to it.
    sendPcErrCounterProposal: ({ context, event }) => {
      if (event.type === 'OPEN_RX') context.host.sendCounterProposal(event.open);
    },
    noteUnacceptable: ({ context, event }) => {
      if (event.type === 'OPEN_RX') context.host.noteUnacceptable(event.open);
    },
    sendPcErrNonNegotiable: ({ context }) => context.host.sendPcErr(ERR.nonNegotiable),
    sendPcErrSecondUnacceptable: ({ context }) => context.host.sendPcErr(ERR.secondUnacceptable),
    sendPcErrUnacceptableProposal: ({ context }) => context.host.sendPcErr(ERR.unacceptableProposal),
    sendPcErrForMalformed: ({ context, event }) => {
      if (event.type === 'MALFORMED_RX' && event.error.pcErr !== undefined)
        context.host.sendPcErr(event.error.pcErr);
    },
    sendCloseDeadTimer: ({ context }) => context.host.sendClose(2),
    sendCloseMalformed: ({ context, event }) => {
      if (event.type === 'MALFORMED_RX') context.host.sendClose(event.error.closeReason ?? 3);
    },
    sendCloseTooManyUnknown: ({ context, event }) => {
      if (event.type === 'TOO_MANY_UNKNOWN') context.host.sendClose(event.closeReason);
    },
    sendCloseStop: ({ context, event }) => {
      if (event.type === 'STOP') context.host.sendClose(event.reason);
    },
  },
}).createMachine({
  id: 'pcep-session',
  context: ({ input }) => ({
    host: input.host,
    active: false,
    stopped: false,
    localOk: false,
    remoteOk: false,
    openRetry: 0,
    connectFailures: 0,
  }),
  initial: 'idle',
  on: {
    // A failure of the connection under any state ends the session (RFC 5440 Appendix A).
    TCP_CLOSED: { target: '.idle' },
    ABANDON: { target: '.idle', actions: ['markStopped', 'closeTransport'] },
  },
  states: {
    idle: {
      // Every return to idle of a session we opened is a failed attempt until one reaches up,
      // so the ConnectRetry back-off grows for failures after TCP is up too.
      entry: ['resetNegotiation', 'countFailureIfActive'],
      on: {
        // Already idle: a late transport close or abandon must not restart the back-off timer.
        TCP_CLOSED: {},
        ABANDON: { actions: 'markStopped' },
        START: { target: 'tcpPending', actions: 'markActive' },
        TCP_ACCEPTED: { target: 'openWait', actions: 'sendOpen' },
        STOP: { actions: 'markStopped' },
      },
      after: {
        // ConnectRetry with exponential back-off, for a speaker that opened the session.
        connectRetry: {
          guard: 'shouldReconnect',
          target: 'tcpPending',
          actions: { type: 'note', params: { reason: 'ConnectRetry back-off elapsed' } },
        },
      },
    },
    tcpPending: {
      entry: 'connect',
      after: {
        // The Connect timer: a TCP attempt that neither succeeds nor fails in time has failed.
        connect: {
          target: 'idle',
          actions: [{ type: 'note', params: { reason: 'Connect timer expired' } }, 'closeTransport'],
        },
      },
      on: {
        TCP_CONNECTED: { target: 'openWait', actions: 'sendOpen' },
        TCP_FAILED: { target: 'idle' },
        STOP: { target: 'idle', actions: ['markStopped', 'closeTransport'] },
      },
    },
    openWait: {
      after: {
        openWait: {
          target: 'idle',
          actions: [
            { type: 'note', params: { reason: 'OpenWait timer expired' } },
            'sendPcErrNoOpen',
            'closeTransport',
          ],
        },
      },
      on: {
        OPEN_RX: [
          // RFC 5440 Appendix A, OpenWait: an acceptable Open sets RemoteOK and is answered with
          // a Keepalive; UP if our Open was already acknowledged (LocalOK), else KeepWait.
          {
            guard: and(['openAcceptable', 'localOk']),
            target: 'up',
            actions: ['setRemoteOk', 'recordPeerOpen', 'sendKeepalive'],
          },
          {
            guard: 'openAcceptable',
            target: 'keepWait',
            actions: ['setRemoteOk', 'recordPeerOpen', 'sendKeepalive'],
          },
          // The second unacceptable Open ends the session (1/5), whatever is wrong with it.
          { guard: { type: 'firstUnacceptable' }, target: 'negotiate', actions: 'noteUnacceptable' },
          { target: 'idle', actions: ['noteUnacceptable', 'sendPcErrSecondUnacceptable', 'closeTransport'] },
        ],
        // Anything but an Open while waiting for one: PCErr 1/1.
        KEEPALIVE_RX: { target: 'idle', actions: ['sendPcErrInvalidOpen', 'closeTransport'] },
        PCERR_RX: { target: 'idle', actions: ['sendPcErrInvalidOpen', 'closeTransport'] },
        OTHER_RX: { target: 'idle', actions: ['sendPcErrInvalidOpen', 'closeTransport'] },
        // RFC 5440 Appendix A, OpenWait: an erroneous Open is answered PCErr 1/1, whatever broke.
        MALFORMED_RX: { target: 'idle', actions: ['sendPcErrInvalidOpen', 'closeTransport'] },
        // Close belongs to an established session (§6.8): before up, only the TCP connection closes.
        STOP: { target: 'idle', actions: ['markStopped', 'closeTransport'] },
      },
    },
    // The first unacceptable Open, decided in one step (a transient state): 1/3 when nothing
    // we could propose would fix it, else 1/4 with acceptable values, then wait for the revised
    // Open in OpenWait if our own Open is acknowledged already, else in KeepWait.
    negotiate: {
      always: [
        { guard: 'isNotNegotiable', target: 'idle', actions: ['sendPcErrNonNegotiable', 'closeTransport'] },
        {
          guard: 'localOk',
          target: 'openWait',
          reenter: true,
          actions: ['countUnacceptable', 'sendPcErrCounterProposal'],
        },
        { target: 'keepWait', actions: ['countUnacceptable', 'sendPcErrCounterProposal'] },
      ],
    },
    keepWait: {
      after: {
        keepWait: {
          target: 'idle',
          actions: [
            { type: 'note', params: { reason: 'KeepWait timer expired' } },
            'sendPcErrNoKeepalive',
            'closeTransport',
          ],
        },
      },
      on: {
        // RFC 5440 Appendix A, KeepWait: a Keepalive sets LocalOK; UP if the peer's Open was
        // acceptable (RemoteOK), else wait for its (revised) Open in OpenWait.
        KEEPALIVE_RX: [
          { guard: 'remoteOk', target: 'up', actions: 'setLocalOk' },
          { target: 'openWait', actions: 'setLocalOk' },
        ],
        PCERR_RX: [
          {
            guard: and(['proposalAdoptable', 'remoteOk']),
            target: 'keepWait',
            reenter: true,
            actions: ['adoptProposal', 'sendOpen'],
          },
          { guard: 'proposalAdoptable', target: 'openWait', actions: ['adoptProposal', 'sendOpen'] },
          {
            guard: 'proposalRejected',
            target: 'idle',
            actions: ['sendPcErrUnacceptableProposal', 'closeTransport'],
          },
          { target: 'idle', actions: 'closeTransport' },
        ],
        MALFORMED_RX: { target: 'idle', actions: ['sendPcErrInvalidOpen', 'closeTransport'] },
        // Any other event: release the session.
        OPEN_RX: { target: 'idle', actions: 'closeTransport' },
        OTHER_RX: { target: 'idle', actions: 'closeTransport' },
        STOP: { target: 'idle', actions: ['markStopped', 'closeTransport'] },
      },
    },
    up: {
      entry: ['resetConnectFailures', 'enterUp'],
      exit: 'leaveUp',
      on: {
        DEAD_TIMER: { target: 'idle', actions: ['sendCloseDeadTimer', 'closeTransport'] },
        CLOSE_RX: { target: 'idle', actions: 'closeTransport' },
        TOO_MANY_UNKNOWN: { target: 'idle', actions: ['sendCloseTooManyUnknown', 'closeTransport'] },
        MALFORMED_RX: [
          {
            guard: 'malformedNeedsClose',
            target: 'idle',
            actions: ['sendPcErrForMalformed', 'sendCloseMalformed', 'closeTransport'],
          },
          { actions: 'sendPcErrForMalformed' },
        ],
        STOP: { target: 'idle', actions: ['markStopped', 'sendCloseStop', 'closeTransport'] },
      },
    },
  },
});

/** State names of RFC 5440 Appendix A as the machine spells them. */
export type SessionState = 'idle' | 'tcpPending' | 'openWait' | 'keepWait' | 'up';

/** The machine's transient decision state, never observed from outside. */
export const TRANSIENT_STATES: readonly string[] = ['negotiate'];
