/**
 * Test harness for one PcepSession against a scripted peer: the test feeds it bytes (as the
 * peer would send them) and reads what it sent, decoded. Time is the kernel's.
 */
import { kernelClock } from '../../sim/core/clock.ts';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink } from '../../sim/core/trace.ts';
import { decodeMessage, encodeMessage, type PcepMessage } from '../../sim/pcep/index.ts';
import { sessionConfig, type SessionConfig } from '../../sim/session/config.ts';
import { PcepSession } from '../../sim/session/session.ts';

export interface Harness {
  sim: Simulator;
  session: PcepSession;
  /** What the session sent, decoded, with send times. */
  sent: { timeUs: number; msg: PcepMessage }[];
  /** Transport calls the session made. */
  transport: string[];
  trace: MemoryTraceSink;
  /** Messages the owner received in up. */
  delivered: PcepMessage[];
  /** Feed the session a message from the peer (now, or after `afterUs`). */
  peerSends(msg: PcepMessage | Uint8Array, afterUs?: number): void;
  /** Kinds of sent messages, with PCErr/Close details, e.g. 'PCErr(1,4)+OPEN', 'Close(2)'. */
  sentKinds(): string[];
}

export function open(
  keepaliveS = 30,
  deadTimerS = 120,
  extra: Partial<{ sessionId: number }> = {},
): PcepMessage {
  return {
    kind: 'Open',
    objects: [
      {
        kind: 'OPEN',
        p: false,
        i: false,
        version: 1,
        openRefresh: false,
        keepaliveS,
        deadTimerS,
        sessionId: extra.sessionId ?? 7,
        tlvs: [],
      },
    ],
  };
}

export const keepalive: PcepMessage = { kind: 'Keepalive', objects: [] };

export function harness(
  config: Partial<SessionConfig> = {},
  role: 'active' | 'passive' = 'passive',
): Harness {
  const sim = new Simulator({ seed: 'session' });
  const trace = new MemoryTraceSink();
  sim.trace.add(trace);
  const sent: Harness['sent'] = [];
  const transport: string[] = [];
  const delivered: PcepMessage[] = [];
  const session = new PcepSession({
    node: 'pce',
    peer: 'pcc',
    nextSessionId: () => 1,
    config: sessionConfig(config),
    clock: kernelClock(sim, 'pce'),
    trace: sim.trace,
    io: {
      send: (bytes) => sent.push({ timeUs: sim.nowUs, msg: decodeMessage(bytes) }),
      connect: () => transport.push('connect'),
      close: () => transport.push('close'),
    },
    listener: { onMessage: (_s, msg) => delivered.push(msg) },
  });
  if (role === 'passive') session.accepted();
  const h: Harness = {
    sim,
    session,
    sent,
    transport,
    trace,
    delivered,
    peerSends(msg, afterUs = 0) {
      const bytes = msg instanceof Uint8Array ? msg : encodeMessage(msg);
      sim.schedule(afterUs, () => session.receive(bytes));
    },
    sentKinds() {
      return sent.map(({ msg }) => {
        if (msg.kind === 'PCErr') {
          const e = msg.objects
            .filter((o) => o.kind === 'PCEP-ERROR')
            .map((o) => (o.kind === 'PCEP-ERROR' ? `${o.errorType},${o.errorValue}` : ''));
          return `PCErr(${e.join(' ')})${msg.objects.some((o) => o.kind === 'OPEN') ? '+OPEN' : ''}`;
        }
        if (msg.kind === 'Close')
          return `Close(${msg.objects[0]?.kind === 'CLOSE' ? msg.objects[0].reason : '?'})`;
        return msg.kind;
      });
    },
  };
  return h;
}

/** The session.state trace: [from, to, reason] triples. */
export function transitions(h: Harness): [string, string, string][] {
  return h.trace.events
    .filter((e) => e.kind === 'session.state')
    .map((e) => [e.from as string, e.to as string, e.reason as string]);
}
