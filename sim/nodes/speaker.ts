/**
 * A PCEP speaker on the simulated network: it listens on TCP port 4189 (a PCE) and/or opens
 * sessions to peers (a PCC, or a PCE towards another PCE), each session the real RFC 5440
 * machine over a TCP-like connection. Later issues build PCC and PCE behaviour on top.
 */
import { kernelClock, type SimClock } from '../core/clock.ts';
import type { Simulator } from '../core/simulator.ts';
import type { Connection, Network } from '../net/network.ts';
import { encodeMessage, PcErr, type Tlv } from '../pcep/index.ts';
import { sessionConfig, type SessionConfig } from '../session/config.ts';
import { PcepSession, type SessionListener } from '../session/session.ts';

/** The IANA-assigned PCEP port (RFC 5440 §5). */
export const PCEP_PORT = 4189;

export interface SpeakerOptions {
  name: string;
  sim: Simulator;
  net: Network;
  config?: Partial<SessionConfig>;
  /** Accept sessions from peers (a PCE does). */
  listen?: boolean;
  /** Hears every session's messages and state changes. */
  listener?: SessionListener;
  /**
   * The OPEN TLVs for a session with `peer`, when they depend on the peer (RFC 8232 §3.2: a PCE
   * puts the LSP-DB version it holds for that PCC in its Open). Default: config.openTlvs.
   */
  openTlvsFor?: (peer: string) => Tlv[];
  /** Sees every byte this speaker sends, for captures. */
  tap?: (from: string, to: string, bytes: Uint8Array) => void;
}

export class PcepSpeaker {
  readonly name: string;
  readonly config: SessionConfig;
  /** Sessions by peer name; an accepted session replaces an older one from the same peer. */
  readonly sessions = new Map<string, PcepSession>();
  private readonly sim: Simulator;
  private readonly net: Network;
  private readonly clock: SimClock;
  private readonly listener: SessionListener | undefined;
  private readonly openTlvsFor: ((peer: string) => Tlv[]) | undefined;
  private readonly tap: ((from: string, to: string, bytes: Uint8Array) => void) | undefined;
  private nextSessionId = 0;

  constructor(options: SpeakerOptions) {
    this.name = options.name;
    this.sim = options.sim;
    this.net = options.net;
    this.config = sessionConfig(options.config);
    this.clock = kernelClock(options.sim, options.name);
    this.listener = options.listener;
    this.openTlvsFor = options.openTlvsFor;
    this.tap = options.tap;
    options.net.addNode(options.name);
    if (options.listen) options.net.listen(options.name, PCEP_PORT, (conn) => this.accept(conn));
  }

  /**
   * Opens a session to `peer` (actively; it reconnects with back-off after failures). A live
   * session to that peer is returned as it is; an idle one is replaced.
   */
  connectTo(peer: string): PcepSession {
    const existing = this.sessions.get(peer);
    if (existing !== undefined) {
      if (existing.state !== 'idle') return existing;
      existing.abandon('replaced by a new session');
    }
    let conn: Connection | undefined;
    const session = this.newSession(peer, {
      connect: () => {
        conn = this.net.connect(this.name, peer, PCEP_PORT, {
          onOpen: () => session.tcpConnected(),
          onData: (_c, chunk) => session.receive(chunk),
          onClose: (_c, reason) => {
            conn = undefined;
            if (session.state === 'tcpPending') session.tcpFailed(`connection ${reason}`);
            else session.tcpClosed(`connection ${reason}`);
          },
        });
      },
      send: (bytes) => conn?.send(bytes),
      close: () => {
        conn?.close();
        conn = undefined;
      },
    });
    session.start();
    return session;
  }

  private accept(conn: Connection) {
    const peer = conn.remoteNode;
    const existing = this.sessions.get(peer);
    if (existing !== undefined) {
      if (existing.state === 'up') return this.refuseSecondSession();
      // Both ends opening at once (RFC 5440 Appendix A, OpenWait): the session opened by the
      // higher address survives. Node names stand in for addresses until topologies give them.
      if (existing.active && existing.state !== 'idle' && this.name > peer) return undefined; // ours wins
      // Otherwise the new connection replaces the old session, which must stop for good (an
      // idle active one would otherwise reconnect behind the map's back).
      existing.abandon(`replaced by ${peer}'s new connection`);
    }
    let open: Connection | undefined = conn;
    const session = this.newSession(peer, {
      connect: () => {}, // an accepted session never dials out
      send: (bytes) => open?.send(bytes),
      close: () => {
        open?.close();
        open = undefined;
      },
    });
    return {
      onOpen: () => session.accepted(),
      onData: (_c: Connection, chunk: Uint8Array) => session.receive(chunk),
      onClose: (_c: Connection, reason: string) => {
        open = undefined;
        session.tcpClosed(`connection ${reason}`);
      },
    };
  }

  /**
   * A second connection while a session is up: answer PCErr Error-Type 9 and close it
   * (RFC 5440 §7.15); the established session stays.
   */
  private refuseSecondSession() {
    const { errorType, errorValue } = PcErr.secondSession;
    const pcErr9 = encodeMessage({
      kind: 'PCErr',
      objects: [{ kind: 'PCEP-ERROR', p: false, i: false, errorType, errorValue, tlvs: [] }],
    });
    return {
      onOpen: (c: Connection) => {
        c.send(pcErr9);
        c.close();
      },
      onData: () => {},
    };
  }

  private newSession(
    peer: string,
    io: { connect(): void; send(b: Uint8Array): void; close(): void },
  ): PcepSession {
    const session = new PcepSession({
      node: this.name,
      peer,
      nextSessionId: () => this.nextSessionId++ & 0xff,
      config:
        this.openTlvsFor === undefined ? this.config : { ...this.config, openTlvs: this.openTlvsFor(peer) },
      clock: this.clock,
      io:
        this.tap === undefined
          ? io
          : {
              ...io,
              send: (bytes) => {
                this.tap!(this.name, peer, bytes);
                io.send(bytes);
              },
            },
      trace: this.sim.trace,
      ...(this.listener !== undefined ? { listener: this.listener } : {}),
    });
    this.sessions.set(peer, session);
    return session;
  }
}
