/**
 * The shared lab: IGP-TE flooding into a PCE's TED (delays, order, coalescing), RSVP-TE
 * signalling delays, and how preemption and link failures reach head ends, all on the
 * simulated clock. Times are computed by hand from the topology below.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink } from '../../sim/core/trace.ts';
import { Lab, RSVP_HOP_PROCESSING_US, type HeadEndHandler } from '../../sim/nodes/lab.ts';
import { PcepSpeaker } from '../../sim/nodes/speaker.ts';
import type { AdmissionResult, Reservation } from '../../sim/te/data-plane.ts';
import { PRIORITY_LEVELS } from '../../sim/te/graph.ts';
import { TrafficEngineeringDatabase } from '../../sim/te/ted.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const S = 1_000_000;
const FLOOD_HOP_US = 5_000;
const P7 = PRIORITY_LEVELS - 1;

// A --1 ms-- B --2 ms-- C --3 ms-- D, plus a spur B --4 ms-- X. Link i is arcs 2i (a→b), 2i+1.
const LINE = `
name: line
defaults: { capacityBps: 10.0e6 }
nodes:
  - { name: A, routerId: 10.0.0.1 }
  - { name: B, routerId: 10.0.0.2 }
  - { name: C, routerId: 10.0.0.3 }
  - { name: D, routerId: 10.0.0.4 }
  - { name: X, routerId: 10.0.0.9 }
links:
  - { a: A, b: B, delayUs: 1000, capacityBps: 100.0e6 }
  - { a: B, b: C, delayUs: 2000 }
  - { a: C, b: D, delayUs: 3000 }
  - { a: B, b: X, delayUs: 4000 }
`;

/** Arcs by name, e.g. `B>C`, from the link order above. */
const ARC = { 'A>B': 0, 'B>A': 1, 'B>C': 2, 'C>B': 3, 'C>D': 4, 'D>C': 5, 'B>X': 6, 'X>B': 7 } as const;

function setup() {
  const topology = parseTopology(LINE, 'line.yaml');
  const sim = new Simulator({ seed: 'lab' });
  const trace = new MemoryTraceSink();
  sim.trace.add(trace);
  const lab = Lab.build(sim, topology, FLOOD_HOP_US);
  const { net, graph } = lab;
  return { sim, net, graph, lab, trace };
}

type Setup = ReturnType<typeof setup>;

/** A TED fed by the lab's flooding at `attachTo`, with every delivery recorded. */
function tedAt(t: Setup, attachTo: string) {
  const ted = new TrafficEngineeringDatabase(t.graph);
  const deliveries: { arc: number; timeUs: number; unreservedBps: number }[] = [];
  const unsubscribe = t.lab.subscribe(ted, attachTo, (arc) =>
    deliveries.push({
      arc,
      timeUs: t.sim.nowUs,
      unreservedBps: ted.unreservedBps[arc * PRIORITY_LEVELS + P7]!,
    }),
  );
  return { ted, deliveries, unsubscribe };
}

function reservation(
  key: string,
  headEnd: string,
  arcs: number[],
  bandwidthBps: number,
  prio = 7,
): Reservation {
  return { key, headEnd, arcs, bandwidthBps, setupPriority: prio, holdPriority: prio };
}

/** What a head end hears from RSVP, with the time it hears it. */
function headEnd(t: Setup, name: string) {
  const heard: { what: 'preempted' | 'failed'; key: string; at: number; timeUs: number }[] = [];
  const handler: HeadEndHandler = {
    preempted: (key, arc) => heard.push({ what: 'preempted', key, at: arc, timeUs: t.sim.nowUs }),
    failed: (key, link) => heard.push({ what: 'failed', key, at: link, timeUs: t.sim.nowUs }),
  };
  t.lab.registerHeadEnd(name, handler);
  return heard;
}

/** RSVP one-way delay over links of these delays: propagation plus per-hop processing. */
const rsvp = (...linkDelaysUs: number[]) =>
  linkDelaysUs.reduce((sum, d) => sum + d + RSVP_HOP_PROCESSING_US, 0);
/** IGP flooding delay over links of these delays. */
const flood = (...linkDelaysUs: number[]) => linkDelaysUs.reduce((sum, d) => sum + d + FLOOD_HOP_US, 0);

describe('IGP-TE flooding into a TED', () => {
  it('an arc change reaches the TED after the flooding delay from its head router to the attach router', () => {
    const t = setup();
    const { ted, deliveries } = tedAt(t, 'D');
    // One reservation changes A>B (head A), B>C (head B) and C>D (head C) at once.
    t.lab.dataPlane.admit(reservation('r', 'A', [ARC['A>B'], ARC['B>C'], ARC['C>D']], 4e6));
    expect(deliveries).toEqual([]);
    t.sim.run({ untilUs: S });
    expect(deliveries).toEqual([
      { arc: ARC['C>D'], timeUs: flood(3000), unreservedBps: 6e6 },
      { arc: ARC['B>C'], timeUs: flood(3000, 2000), unreservedBps: 6e6 },
      { arc: ARC['A>B'], timeUs: flood(3000, 2000, 1000), unreservedBps: 96e6 },
    ]);
    // Unchanged arcs are never flooded.
    expect(ted.updates).toBe(3);
  });

  it('the TED lags the data plane until the update lands', () => {
    const t = setup();
    const { ted } = tedAt(t, 'D');
    t.lab.dataPlane.admit(reservation('r', 'A', [ARC['A>B']], 30e6));
    const at = flood(3000, 2000, 1000);
    t.sim.run({ untilUs: at - 1 });
    expect(t.lab.dataPlane.unreservedBps[ARC['A>B'] * PRIORITY_LEVELS + P7]).toBe(70e6);
    expect(ted.unreservedBps[ARC['A>B'] * PRIORITY_LEVELS + P7]).toBe(100e6);
    t.sim.run({ untilUs: at });
    expect(ted.unreservedBps[ARC['A>B'] * PRIORITY_LEVELS + P7]).toBe(70e6);
  });

  it('each TED hears an arc after its own distance from the arc head', () => {
    const t = setup();
    const nearA = tedAt(t, 'A');
    const atD = tedAt(t, 'D');
    const atB = tedAt(t, 'B');
    t.lab.dataPlane.admit(reservation('r', 'B', [ARC['B>C']], 1e6));
    t.sim.run({ untilUs: S });
    expect(atB.deliveries.map((d) => d.timeUs)).toEqual([0]);
    expect(nearA.deliveries.map((d) => d.timeUs)).toEqual([flood(1000)]);
    expect(atD.deliveries.map((d) => d.timeUs)).toEqual([flood(3000, 2000)]);
  });

  it('a newer state replaces one in flight; later changes follow in order', () => {
    const t = setup();
    const { ted, deliveries } = tedAt(t, 'D');
    const arc = ARC['B>C'];
    const delay = flood(3000, 2000);
    t.lab.dataPlane.admit(reservation('r1', 'B', [arc], 2e6));
    t.sim.run({ untilUs: 1_000 });
    t.lab.dataPlane.admit(reservation('r2', 'B', [arc], 3e6)); // while r1's update is in flight
    t.sim.run({ untilUs: delay + 10_000 });
    t.lab.dataPlane.release('r1');
    t.sim.run({ untilUs: delay + 10_001 });
    t.lab.dataPlane.release('r2');
    t.sim.run({ untilUs: S });
    expect(deliveries).toEqual([
      // One delivery at the first change's time, carrying both reservations.
      { arc, timeUs: delay, unreservedBps: 5e6 },
      // Both releases coalesce into one delivery with the newest state.
      { arc, timeUs: delay + 10_000 + delay, unreservedBps: 10e6 },
    ]);
    expect(ted.updates).toBe(2);
  });

  it('a link failure floods both directions, each from its own head router', () => {
    const t = setup();
    const { ted, deliveries } = tedAt(t, 'D');
    t.lab.setLinkUp(t.graph.linkIndex.get('A-B')!, false);
    t.sim.run({ untilUs: S });
    expect(deliveries.map((d) => [d.arc, d.timeUs])).toEqual([
      [ARC['B>A'], flood(3000, 2000)],
      [ARC['A>B'], flood(3000, 2000, 1000)],
    ]);
    expect([ted.arcUp[ARC['A>B']], ted.arcUp[ARC['B>A']]]).toEqual([0, 0]);
  });

  it('an unsubscribed TED hears nothing more, not even updates already in flight', () => {
    const t = setup();
    const { ted, deliveries, unsubscribe } = tedAt(t, 'D');
    t.lab.dataPlane.admit(reservation('r', 'A', [ARC['A>B']], 1e6));
    t.sim.run({ untilUs: 1_000 });
    unsubscribe();
    t.lab.dataPlane.admit(reservation('r2', 'C', [ARC['C>D']], 1e6));
    t.sim.run({ untilUs: S });
    expect(deliveries).toEqual([]);
    expect(ted.updates).toBe(0);
  });
});

describe('RSVP-TE signalling', () => {
  it('admission happens when the Path message reaches the tail; the head end learns a round trip later', () => {
    const t = setup();
    const results: { result: AdmissionResult; timeUs: number }[] = [];
    t.lab.signal(reservation('r', 'A', [ARC['A>B'], ARC['B>C']], 4e6), undefined, (result) =>
      results.push({ result, timeUs: t.sim.nowUs }),
    );
    const oneWay = rsvp(1000, 2000);
    expect(t.lab.pathDelayUs([ARC['A>B'], ARC['B>C']])).toBe(oneWay);
    t.sim.run({ untilUs: oneWay - 1 });
    expect(t.lab.dataPlane.get('r')).toBeUndefined();
    t.sim.run({ untilUs: oneWay });
    expect(t.lab.dataPlane.get('r')).toBeDefined();
    expect(results).toEqual([]);
    t.sim.run({ untilUs: S });
    expect(results).toEqual([{ result: { ok: true, preempted: [] }, timeUs: 2 * oneWay }]);
  });

  it('a refusal names the arc that refused, a round trip after the request', () => {
    const t = setup();
    t.lab.dataPlane.admit(reservation('big', 'B', [ARC['B>C']], 8e6, 0));
    const results: { result: AdmissionResult; timeUs: number }[] = [];
    t.lab.signal(reservation('r', 'A', [ARC['A>B'], ARC['B>C']], 4e6), undefined, (result) =>
      results.push({ result, timeUs: t.sim.nowUs }),
    );
    t.sim.run({ untilUs: S });
    expect(results).toEqual([
      { result: { ok: false, arc: ARC['B>C'], reason: 'no-bandwidth' }, timeUs: 2 * rsvp(1000, 2000) },
    ]);
    expect(t.lab.dataPlane.get('r')).toBeUndefined();
  });

  it('a preempted head end hears the PathErr after the distance from the preempting router', () => {
    const t = setup();
    const heardA = headEnd(t, 'A');
    t.lab.dataPlane.admit(reservation('victim', 'A', [ARC['A>B'], ARC['B>C'], ARC['C>D']], 6e6, 7));
    // B signals over B>C alone at setup priority 0: B>C cannot hold both, so B preempts there.
    const okAt: number[] = [];
    t.lab.signal(reservation('winner', 'B', [ARC['B>C']], 6e6, 0), undefined, (r) => {
      if (r.ok) okAt.push(t.sim.nowUs);
    });
    const admittedAt = rsvp(2000);
    t.sim.run({ untilUs: admittedAt });
    expect(t.lab.dataPlane.get('victim')).toBeUndefined();
    expect(heardA).toEqual([]);
    t.sim.run({ untilUs: S });
    expect(heardA).toEqual([
      { what: 'preempted', key: 'victim', at: ARC['B>C'], timeUs: admittedAt + rsvp(1000) },
    ]);
    expect(okAt).toEqual([2 * admittedAt]);
  });

  // RFC 3209 §4.7: the node that preempts sends the PathErr. Here the preemptor shares A>B with
  // its victim but only B>C lacks bandwidth (A-B has 100 Mb/s), so B preempts and A should hear
  // of it one hop later. The lab times the PathErr from the first arc the two paths share (A>B,
  // head A: no delay at all) and names A>B as the preempting arc.
  it('the PathErr comes from where preemption happened, not from the first shared arc', () => {
    const t = setup();
    const heardA = headEnd(t, 'A');
    t.lab.dataPlane.admit(reservation('victim', 'A', [ARC['A>B'], ARC['B>C']], 6e6, 7));
    t.lab.signal(reservation('winner', 'A', [ARC['A>B'], ARC['B>C']], 6e6, 0), undefined, () => {});
    const admittedAt = rsvp(1000, 2000);
    t.sim.run({ untilUs: S });
    expect(heardA).toEqual([
      { what: 'preempted', key: 'victim', at: ARC['B>C'], timeUs: admittedAt + rsvp(1000) },
    ]);
  });

  it('a link failure releases its reservations at once; the head end hears after the distance from the upstream router', () => {
    const t = setup();
    const heardA = headEnd(t, 'A');
    const heardB = headEnd(t, 'B');
    t.lab.dataPlane.admit(reservation('through', 'A', [ARC['A>B'], ARC['B>C'], ARC['C>D']], 1e6));
    t.lab.dataPlane.admit(reservation('elsewhere', 'B', [ARC['B>X']], 1e6));
    t.sim.run({ untilUs: 10_000 });
    t.lab.setLinkUp(t.graph.linkIndex.get('C-D')!, false);
    expect(t.lab.dataPlane.get('through')).toBeUndefined();
    expect(t.lab.dataPlane.get('elsewhere')).toBeDefined();
    t.sim.run({ untilUs: S });
    const cd = t.graph.linkIndex.get('C-D')!;
    // C is upstream of the failed C>D for A's LSP: C → B → A.
    expect(heardA).toEqual([{ what: 'failed', key: 'through', at: cd, timeUs: 10_000 + rsvp(2000, 1000) }]);
    // B's reservation does not cross C-D: B hears nothing.
    expect(heardB).toEqual([]);
  });
});

describe('setLinkUp and PCEP transport', () => {
  it('a failed TE link also resets PCEP sessions routed over it, and only those', () => {
    const t = setup();
    const pce = new PcepSpeaker({ name: 'pce', sim: t.sim, net: t.net, listen: true });
    t.net.addLink({ id: 'pce-D', a: 'pce', b: 'D', delayUs: 100, bandwidthBps: 1e9 });
    const viaBC = new PcepSpeaker({ name: 'A', sim: t.sim, net: t.net }).connectTo('pce');
    const local = new PcepSpeaker({ name: 'C', sim: t.sim, net: t.net }).connectTo('pce');
    t.sim.run({ untilUs: S });
    expect([viaBC.state, local.state]).toEqual(['up', 'up']);
    t.lab.setLinkUp(t.graph.linkIndex.get('B-C')!, false);
    expect(t.net.isLinkUp('B-C')).toBe(false);
    expect(t.lab.dataPlane.arcUp[ARC['B>C']]).toBe(0);
    t.sim.run({ untilUs: 3 * S });
    expect(viaBC.state).not.toBe('up');
    expect(pce.sessions.get('A')?.state).not.toBe('up');
    expect(local.state).toBe('up');
    expect(t.trace.events.filter((e) => e.kind === 'link.down').map((e) => e.link)).toEqual(['B-C']);
    const downs = t.trace.events.filter(
      (e) => e.kind === 'session.state' && e.from === 'up' && e.node === 'A',
    );
    expect(downs.map((e) => e.reason)).toEqual(['connection reset']);
    // Back up: both the TE arc and the transport return, and A's session comes back.
    t.lab.setLinkUp(t.graph.linkIndex.get('B-C')!, true);
    t.sim.run({ untilUs: 60 * S });
    expect(t.lab.dataPlane.arcUp[ARC['B>C']]).toBe(1);
    expect(viaBC.state).toBe('up');
  });
});
