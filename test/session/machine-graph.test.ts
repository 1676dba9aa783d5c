/**
 * Model-based coverage of the session machine with xstate/graph: the graph of the machine is
 * traversed with concrete events (and its after-timers), every state and every (state, event)
 * the machine handles must be reached, and every generated shortest path is then replayed on a
 * real PcepSession (bytes through the codec and framer, timers on the kernel clock): the
 * session must end in the state the model says.
 */
import type { AnyStateMachine } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { encodeMessage, PcepDecodeError, type PcepMessage } from '../../sim/pcep/index.ts';
import type { OpenObject } from '../../sim/session/capabilities.ts';
import { sessionConfig } from '../../sim/session/config.ts';
import {
  sessionMachine,
  TRANSIENT_STATES,
  type SessionEvent,
  type SessionHost,
} from '../../sim/session/machine.ts';
import { canAdopt, judgeOpen } from '../../sim/session/negotiation.ts';
import { harness, keepalive, open } from './harness.ts';

const config = sessionConfig();

/** The real negotiation rules with no side effects: the model's host. */
const modelHost: SessionHost = {
  connect() {},
  closeTransport() {},
  sendOpen() {},
  sendKeepalive() {},
  sendPcErr() {},
  sendCounterProposal() {},
  noteUnacceptable() {},
  sendClose() {},
  judgeOpen: (o) => judgeOpen(o, config).acceptable,
  isNegotiable: (o) => o.version === 1,
  recordPeerOpen() {},
  canAdopt: (o) => o !== undefined && canAdopt(o, config),
  adoptProposal() {},
  note() {},
  enterUp() {},
  leaveUp() {},
  openWaitMs: config.openWaitS * 1000,
  keepWaitMs: config.keepWaitS * 1000,
  connectMs: config.connectS * 1000,
  connectRetryMs: () => 1000,
  maxConnectRetries: Infinity,
};

const openOf = (m: PcepMessage): OpenObject => m.objects[0] as OpenObject;
const goodOpen = open(30, 120);
const negotiableOpen = open(0, 120); // Keepalive 0 is outside the default 1..255
const otherVersion: PcepMessage = { kind: 'Open', objects: [{ ...openOf(open()), version: 2 }] };
const proposal = (ka: number, dt: number): PcepMessage => ({
  kind: 'PCErr',
  objects: [
    { kind: 'PCEP-ERROR', p: false, i: false, errorType: 1, errorValue: 4, tlvs: [] },
    openOf(open(ka, dt)),
  ],
});
const pcErr15: PcepMessage = {
  kind: 'PCErr',
  objects: [{ kind: 'PCEP-ERROR', p: false, i: false, errorType: 1, errorValue: 5, tlvs: [] }],
};
const closeMsg: PcepMessage = {
  kind: 'Close',
  objects: [{ kind: 'CLOSE', p: false, i: false, reason: 1, tlvs: [] }],
};
const pcNtf = Uint8Array.of(0x20, 0x05, 0x00, 0x0c, 0x0c, 0x10, 0x00, 0x08, 0x00, 0x00, 0x02, 0x01);
const twoOpens = Uint8Array.of(
  0x20,
  0x01,
  0x00,
  0x14,
  0x01,
  0x10,
  0x00,
  0x08,
  0x20,
  0x1e,
  0x78,
  0x01,
  0x01,
  0x10,
  0x00,
  0x08,
  0x20,
  0x1e,
  0x78,
  0x01,
);
// An Open whose only object claims 3 bytes: its framing is broken (Close reason 3).
const badFraming = Uint8Array.of(0x20, 0x01, 0x00, 0x08, 0x01, 0x10, 0x00, 0x03);
const grammarError = new PcepDecodeError('two OPEN objects', 12, { errorType: 1, errorValue: 1 });
const framingError = new PcepDecodeError('object length 3', 6, undefined, 3);
const unknownType = Uint8Array.of(0x20, 0xc8, 0x00, 0x04);

/** Each model event, and how to make the real session meet it. */
interface Stimulus {
  event: SessionEvent;
  apply(h: ReturnType<typeof harness>): void;
}
const feed = (bytes: Uint8Array) => (h: ReturnType<typeof harness>) => h.session.receive(bytes);
const stimuli: Stimulus[] = [
  { event: { type: 'START' }, apply: (h) => h.session.start() },
  { event: { type: 'TCP_ACCEPTED' }, apply: (h) => h.session.accepted() },
  { event: { type: 'TCP_CONNECTED' }, apply: (h) => h.session.tcpConnected() },
  { event: { type: 'TCP_FAILED' }, apply: (h) => h.session.tcpFailed() },
  { event: { type: 'TCP_CLOSED' }, apply: (h) => h.session.tcpClosed() },
  { event: { type: 'OPEN_RX', open: openOf(goodOpen) }, apply: feed(encodeMessage(goodOpen)) },
  { event: { type: 'OPEN_RX', open: openOf(negotiableOpen) }, apply: feed(encodeMessage(negotiableOpen)) },
  { event: { type: 'OPEN_RX', open: openOf(otherVersion) }, apply: feed(encodeMessage(otherVersion)) },
  { event: { type: 'KEEPALIVE_RX' }, apply: feed(encodeMessage(keepalive)) },
  {
    event: { type: 'PCERR_RX', errors: [{ errorType: 1, errorValue: 4 }], open: openOf(open(20, 80)) },
    apply: feed(encodeMessage(proposal(20, 80))),
  },
  {
    event: { type: 'PCERR_RX', errors: [{ errorType: 1, errorValue: 4 }], open: openOf(open(0, 0)) },
    apply: feed(encodeMessage(proposal(0, 0))),
  },
  {
    event: { type: 'PCERR_RX', errors: [{ errorType: 1, errorValue: 5 }], open: undefined },
    apply: feed(encodeMessage(pcErr15)),
  },
  { event: { type: 'OTHER_RX', kind: 'PCNtf' }, apply: feed(pcNtf) },
  { event: { type: 'MALFORMED_RX', error: grammarError }, apply: feed(twoOpens) },
  { event: { type: 'MALFORMED_RX', error: framingError }, apply: feed(badFraming) },
  { event: { type: 'CLOSE_RX', reason: 1 }, apply: feed(encodeMessage(closeMsg)) },
  { event: { type: 'STOP', reason: 1 }, apply: (h) => h.session.stop() },
  { event: { type: 'ABANDON' }, apply: (h) => h.session.abandon('test') },
];
/** Events that only the up state takes, made by what causes them. */
const upOnly: Record<string, (h: ReturnType<typeof harness>) => void> = {
  DEAD_TIMER: (h) => h.sim.run({ untilUs: h.sim.nowUs + 121_000_000 }),
  TOO_MANY_UNKNOWN: (h) => {
    for (let k = 0; k < 6; k++) h.session.receive(unknownType);
  },
};
const modelEvents: SessionEvent[] = [
  ...stimuli.map((s) => s.event),
  { type: 'DEAD_TIMER' },
  { type: 'TOO_MANY_UNKNOWN', closeReason: 5 },
];

const machineStates = (sessionMachine as unknown as AnyStateMachine).root.states;
/** The model events, plus the state's own timers (xstate names them xstate.after.*). */
function eventsIn(snapshot: { value: unknown }): SessionEvent[] {
  const node = machineStates[snapshot.value as string];
  const timers = [...(node?.transitions.keys() ?? [])].filter((k) => k.startsWith('xstate.after'));
  return [...modelEvents, ...timers.map((type) => ({ type }) as unknown as SessionEvent)];
}

const traversal = {
  input: { host: modelHost },
  events: eventsIn,
  serializeState: (s: { value: unknown; context: Record<string, unknown> }) =>
    JSON.stringify([
      s.value,
      s.context.localOk,
      s.context.remoteOk,
      s.context.openRetry,
      s.context.active,
      s.context.stopped,
    ]),
  serializeEvent: (e: SessionEvent) => JSON.stringify(e),
};

describe('session machine coverage (xstate/graph)', () => {
  const machine = sessionMachine as unknown as AnyStateMachine;
  const adjacency = getAdjacencyMap(machine, traversal as never);
  const handled = new Set<string>();
  for (const entry of Object.values(adjacency)) {
    const from = (entry.state as { value: string }).value;
    for (const [eventKey, step] of Object.entries(entry.transitions)) {
      const next = (step as { state: unknown }).state;
      const type = (JSON.parse(eventKey) as { type: string }).type;
      handled.add(`${from} ${type}`);
      if ((next as { value: string }).value !== from) handled.add(`${from} ${type} changes state`);
    }
  }

  it('reaches every RFC 5440 state', () => {
    const reached = new Set(Object.values(adjacency).map((e) => (e.state as { value: string }).value));
    expect([...reached].sort()).toStrictEqual(['idle', 'keepWait', 'openWait', 'tcpPending', 'up']);
  });

  it('exercises every event each state handles, including its timers', () => {
    const declared: string[] = [];
    for (const [name, node] of Object.entries(machine.root.states)) {
      if (TRANSIENT_STATES.includes(name)) continue;
      for (const t of node.transitions.keys())
        declared.push(`${name} ${t.startsWith('xstate.after') ? 'xstate.after' : t}`);
    }
    const seen = new Set([...handled].map((k) => k.replace(/xstate\.after\.[^ ]+/, 'xstate.after')));
    const missing = declared.filter((d) => !seen.has(d));
    expect(missing).toStrictEqual([]);
  });

  const paths = getShortestPaths(machine, traversal as never);
  it('generates paths', () => {
    expect(paths.length).toBeGreaterThan(10);
  });

  it.each(
    paths.map((p) => [p.steps.map((s) => (s.event as { type: string }).type).join(' > ') || '(start)', p]),
  )('real session follows %s', (_name, path) => {
    const h = harness({}, 'active'); // starts in idle; START or TCP_ACCEPTED pick the side
    for (const step of path.steps) {
      const e = step.event as SessionEvent & { type: string };
      if (e.type.startsWith('xstate.after')) {
        h.sim.run({ maxEvents: 1 }); // the state's only pending timer
        continue;
      }
      const stimulus = stimuli.find((s) => JSON.stringify(s.event) === JSON.stringify(e));
      if (stimulus !== undefined) stimulus.apply(h);
      else upOnly[e.type]?.(h);
    }
    expect(h.session.state).toBe((path.state as { value: string }).value);
  });
});
