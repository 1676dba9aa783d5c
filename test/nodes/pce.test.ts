/**
 * The PCE in its three roles against real PCCs over real PCEP on the simulated clock: a
 * stateless PCE answering from a TED that lags the network; a passive stateful PCE holding what
 * it handed out and planning restoration after a failure (RFC 8051 §3.4.2); an active stateful
 * PCE batching, ordering moves before setups (RFC 8051 §3.1), timing out a PCC's state,
 * surviving a crash, and taking operator updates.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink, type TraceEvent } from '../../sim/core/trace.ts';
import { Lab } from '../../sim/nodes/lab.ts';
import { Pcc, type PccLspConfig } from '../../sim/nodes/pcc.ts';
import { Pce, type PceRole } from '../../sim/nodes/pce.ts';
import {
  DEFAULT_PCC_SETTINGS,
  DEFAULT_PCE_SETTINGS,
  type PccSettings,
  type PceSettings,
} from '../../sim/nodes/settings.ts';
import { PRIORITY_LEVELS } from '../../sim/te/graph.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const S = 1_000_000;
const P7 = PRIORITY_LEVELS - 1;

/**
 * A and B reach D through C: directly (C-D, 10 Mb/s, TE metric 10), by E (C-E-D, 5 Mb/s,
 * metric 20) or by F (C-F-D, 10 Mb/s, metric 40). The PCE hangs off `attachTo`.
 */
const threeWays = (attachTo: string) => `
name: three-ways
defaults: { capacityBps: 10.0e6, delayUs: 1000 }
nodes:
  - { name: A, routerId: 10.0.0.1 }
  - { name: B, routerId: 10.0.0.2 }
  - { name: C, routerId: 10.0.0.3 }
  - { name: D, routerId: 10.0.0.4 }
  - { name: E, routerId: 10.0.0.5 }
  - { name: F, routerId: 10.0.0.6 }
links:
  - { a: A, b: C, capacityBps: 100.0e6 }
  - { a: B, b: C, capacityBps: 100.0e6 }
  - { a: C, b: D }
  - { a: C, b: E, capacityBps: 5.0e6 }
  - { a: E, b: D, capacityBps: 5.0e6 }
  - { a: C, b: F, igpMetric: 20 }
  - { a: F, b: D, igpMetric: 20 }
pces:
  - { name: pce1, routerId: 10.0.0.100, attachTo: ${attachTo} }
`;

/** Two ways from C to D: C-D (10 Mb/s, metric 10) and C-E-D (6 Mb/s, metric 20). */
const TWO_WAYS = `
name: two-ways
defaults: { delayUs: 1000 }
nodes:
  - { name: A, routerId: 10.0.0.1 }
  - { name: B, routerId: 10.0.0.2 }
  - { name: C, routerId: 10.0.0.3 }
  - { name: D, routerId: 10.0.0.4 }
  - { name: E, routerId: 10.0.0.5 }
links:
  - { a: A, b: C, capacityBps: 100.0e6 }
  - { a: B, b: C, capacityBps: 100.0e6 }
  - { a: C, b: D, capacityBps: 10.0e6 }
  - { a: C, b: E, capacityBps: 6.0e6 }
  - { a: E, b: D, capacityBps: 6.0e6 }
pces:
  - { name: pce1, routerId: 10.0.0.100, attachTo: C }
`;

/** The network, lab, one PCE and PCCs A and B, built as the scenario runner builds them. */
function setup(
  yaml: string,
  o: { role: PceRole; pce?: Partial<PceSettings>; pcc?: Partial<PccSettings>; floodHopDelayUs?: number },
) {
  const topology = parseTopology(yaml, 'inline.yaml');
  const sim = new Simulator({ seed: 'pce' });
  const trace = new MemoryTraceSink();
  sim.trace.add(trace);
  const p = topology.pces[0]!;
  const lab = Lab.build(sim, topology, o.floodHopDelayUs ?? 5_000);
  const { net, graph } = lab;
  const pce = new Pce({
    name: p.name,
    lab,
    role: o.role,
    attachTo: p.attachTo,
    settings: { ...DEFAULT_PCE_SETTINGS, ...o.pce },
  });
  pce.start();
  const settings = { ...DEFAULT_PCC_SETTINGS, ...o.pcc };
  const a = new Pcc({ name: 'A', lab, pces: [p.name], settings });
  const b = new Pcc({ name: 'B', lab, pces: [p.name], settings });
  a.start();
  b.start();
  const kinds = (kind: string, node?: string) =>
    trace.events.filter((e) => e.kind === kind && (node === undefined || e.node === node));
  /** Calls `look` at the moment each event of `kind` is traced. */
  const at = (kind: string, look: (e: TraceEvent) => void) => sim.trace.add({ write: look }, [kind]);
  const unreserved = (state: { unreservedBps: Float64Array }, link: string) =>
    state.unreservedBps[graph.linkIndex.get(link)! * 2 * PRIORITY_LEVELS + P7]!;
  return { sim, net, graph, lab, pce, a, b, trace, kinds, at, unreserved };
}

function lspConfig(name: string, dst: string, bandwidthBps: number, extra: Partial<PccLspConfig> = {}) {
  return {
    name,
    dst,
    bandwidthBps,
    setupPriority: 7,
    holdPriority: 7,
    metric: 'te',
    exclude: { links: [], nodes: [], srlgs: [] },
    protection: 'none',
    autoBandwidth: false,
    ...extra,
  } satisfies PccLspConfig;
}

const paths = (events: TraceEvent[]) => events.map((e) => [e.src, (e.path as string[] | null)?.join('-')]);

describe('stateless PCE', () => {
  it('answers from a TED that lags the network: a double booking, then crankback', () => {
    // The PCE peers at D; floods from C take 1 ms + 500 ms to reach it.
    const t = setup(threeWays('D'), { role: 'stateless', floodHopDelayUs: 500_000 });
    t.sim.run({ untilUs: S });
    const la = t.a.configure(lspConfig('la', 'D', 6e6));
    t.sim.run({ untilUs: 1.05 * S });
    expect(la.up?.nodes).toEqual(['A', 'C', 'D']);
    const seen: { ted: number; network: number }[] = [];
    t.at('path.computed', () =>
      seen.push({ ted: t.unreserved(t.pce.ted, 'C-D'), network: t.unreserved(t.lab.dataPlane, 'C-D') }),
    );
    const lb = t.b.configure(lspConfig('lb', 'D', 6e6));
    t.sim.run({ untilUs: 4 * S });
    // When B asked, C-D held A's 6 Mb/s but the TED still showed it empty.
    expect(seen[0]).toEqual({ ted: 10e6, network: 4e6 });
    expect(paths(t.kinds('path.computed'))).toEqual([
      ['A', 'A-C-D'],
      ['B', 'B-C-D'],
      ['B', 'B-C-F-D'], // C-E-D is too thin for 6 Mb/s
    ]);
    expect(t.kinds('lsp.admission-failed', 'B')).toMatchObject([{ link: 'C-D', reason: 'no-bandwidth' }]);
    expect(t.b.stats).toMatchObject({ crankbacks: 1, setupFailures: 1 });
    expect(lb.up?.nodes).toEqual(['B', 'C', 'F', 'D']);
    // The stateless PCE keeps no LSP state.
    expect(t.pce.lspDb.size).toBe(0);
  });

  it('two requests answered together double-book the detour after a failure', () => {
    const t = setup(threeWays('C'), { role: 'stateless' });
    t.sim.run({ untilUs: S });
    t.a.configure(lspConfig('la', 'D', 4e6));
    t.b.configure(lspConfig('lb', 'D', 4e6));
    t.sim.run({ untilUs: 3 * S });
    t.lab.setLinkUp(t.graph.linkIndex.get('C-D')!, false);
    t.sim.run({ untilUs: 3.5 * S });
    // C-E-D has room for one of them; both were sent there.
    expect(paths(t.kinds('path.computed').slice(2))).toEqual([
      ['A', 'A-C-E-D'],
      ['B', 'B-C-E-D'],
    ]);
    expect(t.kinds('lsp.admission-failed')).toMatchObject([{ node: 'B', link: 'C-E' }]);
  });
});

describe('passive stateful PCE', () => {
  it('holds the bandwidth of a path it handed out until the LSP is reported', () => {
    const t = setup(threeWays('C'), { role: 'passive' });
    t.sim.run({ untilUs: S });
    const held: { reported: boolean; view: number; ted: number }[] = [];
    t.at('path.computed', () =>
      held.push({
        reported: t.pce.lspDb.get('A', 1) !== undefined,
        view: t.unreserved(t.pce.view(new Set()), 'C-D'),
        ted: t.unreserved(t.pce.ted, 'C-D'),
      }),
    );
    const la = t.a.configure(lspConfig('la', 'D', 6e6));
    const lb = t.b.configure(lspConfig('lb', 'D', 6e6));
    t.sim.run({ untilUs: 3 * S });
    // B was computed right after A, before any report and any flooding: only the hold explains it.
    expect(held[1]).toEqual({ reported: false, view: 4e6, ted: 10e6 });
    expect(paths(t.kinds('path.computed'))).toEqual([
      ['A', 'A-C-D'],
      ['B', 'B-C-F-D'],
    ]);
    expect(t.kinds('lsp.admission-failed')).toEqual([]);
    expect([la.up?.nodes.join('-'), lb.up?.nodes.join('-')]).toEqual(['A-C-D', 'B-C-F-D']);
    // Once reported, the LSP-DB accounts for it, and the hold no longer counts twice.
    expect(t.pce.lspDb.get('A', 1)).toMatchObject({ operational: 1, reservedBps: 6e6 });
    expect(t.unreserved(t.pce.view(new Set()), 'C-D')).toBe(4e6);
    expect(t.unreserved(t.pce.view(new Set(['A/1'])), 'C-D')).toBe(10e6);
  });

  it('plans the restoration of every LSP a failure hit, together, at the first reroute request', () => {
    const t = setup(threeWays('C'), { role: 'passive' });
    t.sim.run({ untilUs: S });
    const la = t.a.configure(lspConfig('la', 'D', 4e6));
    const lb = t.b.configure(lspConfig('lb', 'D', 4e6));
    t.sim.run({ untilUs: 3 * S });
    expect(t.pce.lspDb.all().map((r) => r.arcs.length)).toEqual([2, 2]);
    t.lab.setLinkUp(t.graph.linkIndex.get('C-D')!, false);
    t.sim.run({ untilUs: 3.5 * S });
    const [plan] = t.kinds('pce.restoration-plan');
    expect(plan).toMatchObject({ lsps: ['A/la', 'B/lb'], placed: 8e6 });
    // The first request (A's) triggered it, and both answers come from it: C-E-D fits only one.
    const answers = t.kinds('path.computed').slice(2);
    expect(answers[0]!.timeUs).toBe(plan!.timeUs);
    expect(paths(answers)).toEqual([
      ['A', 'A-C-E-D'],
      ['B', 'B-C-F-D'],
    ]);
    expect(t.kinds('lsp.admission-failed')).toEqual([]);
    expect([la.up?.nodes.join('-'), lb.up?.nodes.join('-')]).toEqual(['A-C-E-D', 'B-C-F-D']);
    expect(t.pce.stats.restorationPlans).toBeGreaterThanOrEqual(1);
  });

  // After C-D fails, A's request consumes A's planned path; B's request, a moment later, finds
  // A without a plan and still reported down, and plans A again. That spare plan for A
  // (A-C-E-D) lives for 5 s. When E-D fails one second later, A's reroute request (XRO F: E-D)
  // skips planning for A, since A "has a plan", and is answered with the stale A-C-E-D across
  // the link it just reported failed. A's setup is refused (link-down) and restored only after
  // a crankback one retry interval later.
  it('a reroute request is never answered with a path over the link it reports failed', () => {
    const t = setup(threeWays('C'), { role: 'passive' });
    t.sim.run({ untilUs: S });
    t.a.configure(lspConfig('la', 'D', 4e6));
    t.b.configure(lspConfig('lb', 'D', 4e6));
    t.sim.run({ untilUs: 3 * S });
    t.lab.setLinkUp(t.graph.linkIndex.get('C-D')!, false);
    t.sim.run({ untilUs: 4 * S });
    expect(t.a.lsps.get('la')!.up?.nodes).toEqual(['A', 'C', 'E', 'D']);
    t.lab.setLinkUp(t.graph.linkIndex.get('E-D')!, false);
    t.sim.run({ untilUs: 8 * S });
    const answers = t.kinds('path.computed').filter((e) => e.src === 'A' && e.timeUs > 4 * S);
    expect(paths(answers.slice(0, 1))).toEqual([['A', 'A-C-F-D']]);
    expect(t.kinds('lsp.admission-failed')).toEqual([]);
  });
});

describe('active stateful PCE', () => {
  it('computes what arrives within the batching window together, whatever the order', () => {
    const outcome = (first: 'A' | 'B') => {
      const t = setup(TWO_WAYS, { role: 'active', pce: { batchWindowUs: 50_000 } });
      t.sim.run({ untilUs: S });
      const small = () => t.a.configure(lspConfig('small', 'D', 5e6));
      const big = () => t.b.configure(lspConfig('big', 'D', 7e6));
      (first === 'A' ? small : big)();
      t.sim.run({ untilUs: 1.02 * S });
      (first === 'A' ? big : small)();
      t.sim.run({ untilUs: 3 * S });
      const [scheduled] = t.kinds('pce.replan-scheduled');
      const updates = t.kinds('pce.update');
      // Nothing goes out before the window closes, then one placement covers both.
      expect(updates.every((u) => u.timeUs === scheduled!.timeUs + 50_000)).toBe(true);
      expect(t.kinds('pce.placement')).toMatchObject([{ lsps: 2, admittedBps: 12e6 }]);
      return {
        small: t.a.lsps.get('small')!.up?.nodes.join('-'),
        big: t.b.lsps.get('big')!.up?.nodes.join('-'),
      };
    };
    // Taken one by one in arrival order, small-first would put small on C-D and block big.
    expect(outcome('A')).toEqual({ small: 'A-C-E-D', big: 'B-C-D' });
    expect(outcome('B')).toEqual(outcome('A'));
  });

  it('moves placed LSPs before setting up new ones, so nothing is preempted (RFC 8051 §3.1.3)', () => {
    const t = setup(TWO_WAYS, { role: 'active' });
    t.sim.run({ untilUs: S });
    const small = t.a.configure(lspConfig('small', 'D', 5e6));
    t.sim.run({ untilUs: 2 * S });
    expect(small.up?.nodes).toEqual(['A', 'C', 'D']);
    // A more important LSP that only fits on C-D: the PCE moves small out of its way first.
    const big = t.b.configure(lspConfig('big', 'D', 7e6, { setupPriority: 0, holdPriority: 0 }));
    t.sim.run({ untilUs: 4 * S });
    const updates = t.kinds('pce.update').filter((e) => e.timeUs > 2 * S);
    expect(updates.map((u) => [u.lsp, (u.path as string[]).join('-')])).toEqual([
      ['small', 'A-C-E-D'],
      ['big', 'B-C-D'],
    ]);
    expect(t.kinds('pce.placement').at(-1)).toMatchObject({ moved: ['A/1'], dropped: [] });
    // Phase two waits for the report of phase one.
    const smallReported = t.kinds('lsp.up', 'A').at(-1)!;
    expect(smallReported).toMatchObject({ why: 'update', moved: true });
    expect(updates[1]!.timeUs).toBeGreaterThan(smallReported.timeUs);
    expect(t.kinds('lsp.preempted')).toEqual([]);
    expect(t.kinds('lsp.down')).toEqual([]);
    expect(t.a.stats.preemptions + t.b.stats.preemptions).toBe(0);
    expect([small.up?.nodes.join('-'), big.up?.nodes.join('-')]).toEqual(['A-C-E-D', 'B-C-D']);
  });

  it('(for contrast) a stateless PCE lets the important LSP preempt the placed one', () => {
    const t = setup(TWO_WAYS, { role: 'stateless' });
    t.sim.run({ untilUs: S });
    const small = t.a.configure(lspConfig('small', 'D', 5e6));
    t.sim.run({ untilUs: 2 * S });
    t.b.configure(lspConfig('big', 'D', 7e6, { setupPriority: 0, holdPriority: 0 }));
    t.sim.run({ untilUs: 4 * S });
    expect(t.kinds('lsp.preempted')).toMatchObject([{ node: 'A', lsp: 'small' }]);
    expect(t.a.stats.preemptions).toBe(1);
    expect(small.up?.nodes).toEqual(['A', 'C', 'E', 'D']);
  });

  it('purges a PCC’s LSPs when its session stays down past the state timeout', () => {
    const t = setup(TWO_WAYS, { role: 'active', pce: { stateTimeoutUs: 3 * S } });
    t.sim.run({ untilUs: S });
    t.a.configure(lspConfig('la', 'D', 2e6));
    t.b.configure(lspConfig('lb', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    expect(t.pce.lspDb.byPcc('A')).toHaveLength(1);
    expect(t.pce.lspDb.version('A')).toBeDefined();
    // A's PCEP transport fails (the network link only; the TE link and the LSP stay up).
    t.net.setLinkUp('A-C', false);
    const downAt = 2 * S + t.net.failureDetectionUs;
    t.sim.run({ untilUs: downAt });
    // The record stays, delegated as it was; it is just not placed while the session is down.
    expect(t.pce.lspDb.get('A', 1)?.delegated).toBe(true);
    t.sim.run({ untilUs: downAt + 3 * S - 1 });
    expect(t.pce.lspDb.byPcc('A')).toHaveLength(1);
    t.sim.run({ untilUs: downAt + 3 * S });
    expect(t.kinds('pce.state-timeout')).toMatchObject([{ pcc: 'A', removed: 1 }]);
    expect(t.pce.lspDb.byPcc('A')).toEqual([]);
    expect(t.pce.lspDb.version('A')).toBeUndefined();
    // B is untouched.
    expect(t.pce.lspDb.byPcc('B')).toMatchObject([{ name: 'lb', delegated: true }]);
  });

  it('a crash clears all state; after a restart the PCCs resynchronise and delegate again', () => {
    const t = setup(TWO_WAYS, { role: 'active' });
    t.sim.run({ untilUs: S });
    const la = t.a.configure(lspConfig('la', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    expect(t.pce.lspDb.size).toBe(1);
    t.pce.crash();
    expect(t.pce.alive).toBe(false);
    expect(t.pce.lspDb.size).toBe(0);
    expect(t.pce.speaker.sessions.size).toBe(0);
    t.sim.run({ untilUs: 5 * S });
    t.pce.restart();
    t.sim.run({ untilUs: 60 * S });
    // The PCE lost the version it held: a full synchronisation, not an avoided one.
    const restartAt = t.kinds('pce.restart')[0]!.timeUs;
    expect(t.kinds('pcc.synced', 'A').filter((e) => e.timeUs > restartAt)).toMatchObject([
      { lsps: 1, avoided: false },
    ]);
    expect(t.pce.lspDb.byPcc('A')).toMatchObject([{ name: 'la', delegated: true, operational: 1 }]);
    // The LSP never went down.
    expect(t.kinds('lsp.down')).toEqual([]);
    expect(la.up?.nodes).toEqual(['A', 'C', 'D']);
  });

  it('updateLsp sends one PCUpd for a delegated LSP, and refuses others', () => {
    const t = setup(TWO_WAYS, { role: 'active' });
    t.sim.run({ untilUs: S });
    const la = t.a.configure(lspConfig('la', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    expect(t.pce.updateLsp('A', la.plspId, ['A', 'C', 'E', 'D'], 3e6)).toBe(true);
    t.sim.run({ untilUs: 3 * S });
    expect(t.kinds('pce.update').at(-1)).toMatchObject({
      lsp: 'la',
      path: ['A', 'C', 'E', 'D'],
      bandwidthBps: 3e6,
    });
    expect(la.up).toMatchObject({ nodes: ['A', 'C', 'E', 'D'], bandwidthBps: 3e6 });
    expect(t.kinds('lsp.up', 'A').at(-1)).toMatchObject({ why: 'update', moved: true });
    expect(t.pce.lspDb.get('A', la.plspId)).toMatchObject({ reservedBps: 3e6, arcs: [0, 6, 8] });
    // Unknown LSPs, and LSPs not delegated, are refused.
    expect(t.pce.updateLsp('A', 99, ['A', 'C', 'D'], 1e6)).toBe(false);
    const t2 = setup(TWO_WAYS, { role: 'active', pcc: { delegate: false } });
    t2.sim.run({ untilUs: S });
    const own = t2.a.configure(lspConfig('own', 'D', 2e6));
    t2.sim.run({ untilUs: 2 * S });
    expect(own.status).toBe('up');
    expect(t2.pce.lspDb.get('A', own.plspId)?.delegated).toBe(false);
    expect(t2.pce.updateLsp('A', own.plspId, ['A', 'C', 'E', 'D'], 2e6)).toBe(false);
  });

  // RFC 8231 §5.7.2.2: a session re-established before the Redelegation Timeout keeps the
  // delegations intact. The PCE clears `delegated` on every record of a PCC whose session
  // goes down; when the new session skips synchronisation (RFC 8232, versions equal) no report
  // sets it again. The PCC still believes the LSP is delegated (and will not ask anyone else),
  // while the PCE will neither replan it nor accept updateLsp for it.
  it('a session that skips synchronisation keeps the delegations at the PCE too', () => {
    const t = setup(TWO_WAYS, { role: 'active' });
    t.sim.run({ untilUs: S });
    const la = t.a.configure(lspConfig('la', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    t.net.setLinkUp('pce1-C', false);
    t.sim.run({ untilUs: 4 * S });
    t.net.setLinkUp('pce1-C', true);
    t.sim.run({ untilUs: 20 * S });
    expect(t.kinds('pce.sync-avoided').map((e) => e.pcc)).toEqual(['A', 'B']);
    expect(la.delegatedTo).toBe('pce1');
    expect(t.pce.lspDb.get('A', la.plspId)?.delegated).toBe(true);
    expect(t.pce.updateLsp('A', la.plspId, ['A', 'C', 'E', 'D'], 2e6)).toBe(true);
  });
});
