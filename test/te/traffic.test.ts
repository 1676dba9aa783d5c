/**
 * The fluid traffic model: sharing on overloaded arcs, delivered rates, loss integrated over
 * simulated time, in-profile against out-of-profile loss, peak utilisation, and RFC 8051
 * §3.1.2's deadlock numbers. A property test checks the incremental bookkeeping against a
 * from-scratch computation after random sequences of changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTeGraph, type TeGraph } from '../../sim/te/graph.ts';
import { TrafficModel, type FlowState, type FlowTotals } from '../../sim/te/traffic.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const M = 1e6;
const S = 1_000_000; // microseconds per second
const seed = Number(process.env.FC_SEED ?? 20261121);

/** RFC 8051 §3.1, Figure 1 (Reference Topology 1): 10 Mb/s links, C-E 5 Mb/s. */
const yaml = `name: rfc8051-1
defaults: { capacityBps: 10e6 }
nodes:
  - { name: A, routerId: 192.0.2.1 }
  - { name: B, routerId: 192.0.2.2 }
  - { name: C, routerId: 192.0.2.3 }
  - { name: D, routerId: 192.0.2.4 }
  - { name: E, routerId: 192.0.2.5 }
links:
  - { a: A, b: C }
  - { a: B, b: C }
  - { a: C, b: E, igpMetric: 10, capacityBps: 5e6 }
  - { a: C, b: D }
  - { a: D, b: E }
`;

const graph: TeGraph = buildTeGraph(parseTopology(yaml, 'rfc8051-1.yaml'));

/** Arcs along a route written 'A-C-D-E'. */
function route(path: string): number[] {
  const hops = path.split('-').map((n) => graph.nodeIndex.get(n)!);
  const arcs: number[] = [];
  for (let i = 0; i + 1 < hops.length; i++) {
    let found = -1;
    for (let a = 0; a < graph.arcCount; a++) {
      if (graph.arcFrom[a] === hops[i] && graph.arcTo[a] === hops[i + 1]) found = a;
    }
    if (found < 0) throw new Error(`no arc ${path}`);
    arcs.push(found);
  }
  return arcs;
}

const flow = (path: string, trafficBps: number, reservedBps = trafficBps): FlowState => ({
  arcs: route(path),
  trafficBps,
  reservedBps,
});

/** Relative closeness for bit counts (bits, not digits after the point). */
function expectNear(actual: number, expected: number, what = '') {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (Math.abs(actual - expected) > tolerance) {
    expect.fail(`${what}: ${actual} is not within ${tolerance} of ${expected}`);
  }
}

function expectTotals(actual: FlowTotals | undefined, expected: FlowTotals, what = '') {
  expect(actual).toBeDefined();
  for (const k of ['offeredBits', 'deliveredBits', 'lostBits', 'inProfileLostBits'] as const) {
    expectNear(actual![k], expected[k], `${what} ${k}`);
  }
}

describe('TrafficModel: RFC 8051 §3.1.2 (a stateless PCE cannot see that an LSP sends out of profile)', () => {
  it('LSP1 A-C-D-E sending 20 Mb/s on a 2 Mb/s reservation makes LSP2 B-C-D-E lose in-profile traffic', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'LSP1', flow('A-C-D-E', 20 * M, 2 * M));
    tm.set(0, 'LSP2', flow('B-C-D-E', 2 * M, 2 * M));
    // C-D and D-E carry 22 Mb/s on 10: every flow through them keeps 10/22 of its rate; LSP1's
    // own A-C (20 on 10) leaves it 1/2, the smaller share rules.
    expectNear(tm.deliveredBps('LSP1'), (20 * M * 10) / 22);
    expectNear(tm.deliveredBps('LSP2'), (2 * M * 10) / 22);
    tm.advance(10 * S);
    const lsp2Lost = (2 * M - (2 * M * 10) / 22) * 10;
    expectTotals(tm.flowTotals('LSP2'), {
      offeredBits: 20 * M,
      deliveredBits: (20 * M * 10) / 22,
      lostBits: lsp2Lost,
      inProfileLostBits: lsp2Lost,
    });
    const lsp1Lost = (20 * M - (20 * M * 10) / 22) * 10;
    expectTotals(tm.flowTotals('LSP1'), {
      offeredBits: 200 * M,
      deliveredBits: (200 * M * 10) / 22,
      lostBits: lsp1Lost,
      inProfileLostBits: 0,
    });
    expectTotals(tm.sum(), {
      offeredBits: 220 * M,
      // C-D delivers its 10 Mb/s for 10 s, no more.
      deliveredBits: 100 * M,
      lostBits: lsp1Lost + lsp2Lost,
      inProfileLostBits: lsp2Lost,
    });
    expect(tm.peakUtilization).toBeCloseTo(2.2, 12);
  });

  it('with LSP1 on A-C-E instead, LSP2 loses nothing (LSP1 hurts only itself)', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'LSP1', flow('A-C-E', 20 * M, 2 * M));
    tm.set(0, 'LSP2', flow('B-C-D-E', 2 * M, 2 * M));
    expect(tm.deliveredBps('LSP2')).toBe(2 * M);
    // A-C gives LSP1 half, C-E (20 on 5) a quarter.
    expectNear(tm.deliveredBps('LSP1'), 5 * M);
    tm.advance(10 * S);
    expectTotals(tm.flowTotals('LSP2'), {
      offeredBits: 20 * M,
      deliveredBits: 20 * M,
      lostBits: 0,
      inProfileLostBits: 0,
    });
    expectTotals(tm.flowTotals('LSP1'), {
      offeredBits: 200 * M,
      deliveredBits: 50 * M,
      lostBits: 150 * M,
      inProfileLostBits: 0,
    });
    expect(tm.peakUtilization).toBe(4);
  });

  it('moving LSP1 off C-D mid-run stops LSP2 losing from that moment on', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'LSP1', flow('A-C-D-E', 20 * M, 2 * M));
    tm.set(0, 'LSP2', flow('B-C-D-E', 2 * M, 2 * M));
    tm.set(4 * S, 'LSP1', flow('A-C-E', 20 * M, 2 * M));
    expect(tm.deliveredBps('LSP2')).toBe(2 * M);
    tm.advance(10 * S);
    const lost = (2 * M - (2 * M * 10) / 22) * 4;
    expectTotals(tm.flowTotals('LSP2'), {
      offeredBits: 20 * M,
      deliveredBits: 20 * M - lost,
      lostBits: lost,
      inProfileLostBits: lost,
    });
  });
});

describe('TrafficModel: sharing', () => {
  it('delivers everything while an arc is within capacity, exactly at capacity included', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'f1', flow('C-D', 6 * M));
    tm.set(0, 'f2', flow('C-D', 4 * M));
    expect(tm.deliveredBps('f1')).toBe(6 * M);
    expect(tm.deliveredBps('f2')).toBe(4 * M);
    tm.advance(2 * S);
    expectTotals(tm.sum(), { offeredBits: 20 * M, deliveredBits: 20 * M, lostBits: 0, inProfileLostBits: 0 });
  });

  it('shares an overloaded arc in proportion to what each flow offers', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'f1', flow('C-D', 8 * M));
    tm.set(0, 'f2', flow('C-D', 4 * M));
    expectNear(tm.deliveredBps('f1'), (8 * M * 10) / 12);
    expectNear(tm.deliveredBps('f2'), (4 * M * 10) / 12);
    tm.advance(3 * S);
    // The arc delivers its capacity, no more.
    expectNear(tm.sum().deliveredBits, 30 * M);
    expectNear(tm.sum().lostBits, 6 * M);
  });

  it('takes the smallest share along the path, not the product of the shares', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'f1', flow('A-C-D-E', 15 * M));
    tm.set(0, 'f2', flow('C-D', 5 * M));
    // A-C: 15 on 10 (2/3); C-D: 20 on 10 (1/2); D-E: 15 on 10 (2/3).
    expectNear(tm.deliveredBps('f1'), 7.5 * M);
    expectNear(tm.deliveredBps('f2'), 2.5 * M);
  });

  it('treats the two directions of a link as separate arcs', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'east', flow('C-D', 8 * M));
    tm.set(0, 'west', flow('D-C', 8 * M));
    expect(tm.deliveredBps('east')).toBe(8 * M);
    expect(tm.deliveredBps('west')).toBe(8 * M);
    expect(tm.peakUtilization).toBeCloseTo(0.8, 12);
  });

  it('gives the others their full rate back when a flow lowers its rate, moves or ends', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'f1', flow('C-D', 8 * M));
    tm.set(0, 'f2', flow('C-D', 4 * M));
    tm.set(0, 'f3', flow('B-C-D', 3 * M));
    expectNear(tm.deliveredBps('f3'), (3 * M * 10) / 15);
    tm.set(1 * S, 'f1', flow('C-D', 2 * M));
    expect(tm.deliveredBps('f2')).toBe(4 * M);
    expect(tm.deliveredBps('f3')).toBe(3 * M);
    tm.set(2 * S, 'f1', flow('C-D', 8 * M));
    expectNear(tm.deliveredBps('f2'), (4 * M * 10) / 15);
    tm.set(3 * S, 'f1', flow('C-E', 8 * M));
    expect(tm.deliveredBps('f2')).toBe(4 * M);
    expectNear(tm.deliveredBps('f1'), 5 * M);
    tm.set(4 * S, 'f1', flow('C-D', 8 * M));
    tm.set(5 * S, 'f1', undefined);
    expect(tm.deliveredBps('f1')).toBe(0);
    expect(tm.deliveredBps('f2')).toBe(4 * M);
    expect(tm.deliveredBps('f3')).toBe(3 * M);
  });
});

describe('TrafficModel: loss over time', () => {
  it('integrates piecewise and splits in-profile from out-of-profile loss', () => {
    const tm = new TrafficModel(graph);
    // 6 Mb/s on C-E (5 Mb/s) within a 6 Mb/s reservation: the loss is in profile.
    tm.set(0, 'x', flow('C-E', 6 * M, 6 * M));
    // At 1 s it sends 8 Mb/s on the same reservation: now out of profile.
    tm.set(1 * S, 'x', flow('C-E', 8 * M, 6 * M));
    tm.advance(3 * S);
    expectTotals(tm.flowTotals('x'), {
      offeredBits: 6 * M + 16 * M,
      deliveredBits: 15 * M,
      lostBits: 1 * M + 6 * M,
      inProfileLostBits: 1 * M,
    });
  });

  it('counts sending exactly the reservation as in profile', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'x', flow('C-E', 7 * M, 7 * M));
    tm.set(0, 'y', flow('C-E', 1 * M, 0));
    tm.advance(1 * S);
    expectNear(tm.flowTotals('x')!.inProfileLostBits, 7 * M * (3 / 8));
    expect(tm.flowTotals('y')!.inProfileLostBits).toBe(0);
    expectNear(tm.flowTotals('y')!.lostBits, 1 * M * (3 / 8));
  });

  it('keeps an ended flow totals frozen while the others go on', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'f1', flow('C-D', 8 * M));
    tm.set(0, 'f2', flow('C-D', 4 * M));
    tm.set(2 * S, 'f2', undefined);
    expect(tm.deliveredBps('f2')).toBe(0);
    expect(tm.deliveredBps('f1')).toBe(8 * M);
    tm.advance(4 * S);
    tm.advance(4 * S);
    const f2Delivered = ((4 * M * 10) / 12) * 2;
    expectTotals(tm.flowTotals('f2'), {
      offeredBits: 8 * M,
      deliveredBits: f2Delivered,
      lostBits: 8 * M - f2Delivered,
      inProfileLostBits: 8 * M - f2Delivered,
    });
    const f1Delivered = ((8 * M * 10) / 12) * 2 + 16 * M;
    expectTotals(tm.flowTotals('f1'), {
      offeredBits: 32 * M,
      deliveredBits: f1Delivered,
      lostBits: 32 * M - f1Delivered,
      inProfileLostBits: 32 * M - f1Delivered,
    });
  });

  it('adds a restarted flow to the totals its name already had', () => {
    const tm = new TrafficModel(graph);
    tm.set(0, 'f', flow('A-C', 1 * M));
    tm.set(1 * S, 'f', undefined);
    tm.set(5 * S, 'f', flow('A-C', 2 * M));
    tm.advance(6 * S);
    expectTotals(tm.flowTotals('f'), {
      offeredBits: 3 * M,
      deliveredBits: 3 * M,
      lostBits: 0,
      inProfileLostBits: 0,
    });
  });

  it('counts nothing over zero time and knows only names it was given', () => {
    const tm = new TrafficModel(graph);
    expect(tm.flowTotals('f')).toBeUndefined();
    expect(tm.deliveredBps('f')).toBe(0);
    tm.set(7 * S, 'f', flow('C-E', 9 * M));
    tm.set(7 * S, 'f', flow('C-E', 10 * M));
    tm.advance(7 * S);
    expectTotals(tm.flowTotals('f'), { offeredBits: 0, deliveredBits: 0, lostBits: 0, inProfileLostBits: 0 });
    tm.advance(7.5 * S);
    expectTotals(tm.flowTotals('f'), {
      offeredBits: 5 * M,
      deliveredBits: 2.5 * M,
      lostBits: 2.5 * M,
      inProfileLostBits: 2.5 * M,
    });
  });
});

describe('TrafficModel.peakUtilization', () => {
  it('is the highest offered load over capacity seen on any arc, and stays when the load falls', () => {
    const tm = new TrafficModel(graph);
    expect(tm.peakUtilization).toBe(0);
    tm.set(0, 'f1', flow('C-D', 4 * M));
    expect(tm.peakUtilization).toBeCloseTo(0.4, 12);
    tm.set(0, 'f2', flow('A-C-D', 4 * M));
    expect(tm.peakUtilization).toBeCloseTo(0.8, 12);
    tm.set(1 * S, 'f3', flow('C-E', 7.5 * M));
    expect(tm.peakUtilization).toBeCloseTo(1.5, 12);
    tm.set(2 * S, 'f3', undefined);
    tm.set(2 * S, 'f1', flow('C-D', 1 * M));
    expect(tm.peakUtilization).toBeCloseTo(1.5, 12);
  });
});

// -----------------------------------------------------------------------------------------------
// Property: the incremental model against a from-scratch computation.

const paths = ['A-C-D-E', 'A-C-E', 'B-C-D-E', 'B-C-E', 'C-D', 'E-D-C', 'D-E', 'E-C-A', 'D-C-B'].map(route);
const names = ['f0', 'f1', 'f2', 'f3', 'f4'];

interface Step {
  dtUs: number;
  name: number;
  state: { path: number; trafficM: number; reservedM: number } | null;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  dtUs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * S })),
  name: fc.nat(names.length - 1),
  state: fc.option(
    fc.record({
      path: fc.nat(paths.length - 1),
      trafficM: fc.integer({ min: 0, max: 14 }),
      reservedM: fc.integer({ min: 0, max: 8 }),
    }),
    { freq: 4 },
  ),
});

/** Loads, shares and delivered rates computed from nothing but the current flows. */
function naiveRates(flows: ReadonlyMap<string, FlowState>): Map<string, number> {
  const load = new Float64Array(graph.arcCount);
  for (const f of flows.values()) for (const a of f.arcs) load[a]! += f.trafficBps;
  const rates = new Map<string, number>();
  for (const [name, f] of flows) {
    let share = 1;
    for (const a of f.arcs) {
      const capacity = graph.linkCapacityBps[a >> 1]!;
      if (load[a]! > capacity) share = Math.min(share, capacity / load[a]!);
    }
    rates.set(name, f.trafficBps * share);
  }
  return rates;
}

describe('TrafficModel property', () => {
  it('incremental totals, rates and peak equal a from-scratch computation', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 2 * S }),
        (steps, tailUs) => {
          const tm = new TrafficModel(graph);
          const flows = new Map<string, FlowState>();
          const totals = new Map<string, FlowTotals>();
          let peak = 0;
          let nowUs = 0;
          const integrate = (untilUs: number) => {
            const dtS = (untilUs - nowUs) / 1e6;
            const rates = naiveRates(flows);
            for (const [name, f] of flows) {
              const t = totals.get(name)!;
              const delivered = rates.get(name)!;
              t.offeredBits += f.trafficBps * dtS;
              t.deliveredBits += delivered * dtS;
              t.lostBits += (f.trafficBps - delivered) * dtS;
              if (f.trafficBps <= f.reservedBps) t.inProfileLostBits += (f.trafficBps - delivered) * dtS;
            }
            nowUs = untilUs;
          };
          for (const step of steps) {
            const name = names[step.name]!;
            const state =
              step.state === null
                ? undefined
                : {
                    arcs: paths[step.state.path]!,
                    trafficBps: step.state.trafficM * M,
                    reservedBps: step.state.reservedM * M,
                  };
            integrate(nowUs + step.dtUs);
            if (!totals.has(name))
              totals.set(name, { offeredBits: 0, deliveredBits: 0, lostBits: 0, inProfileLostBits: 0 });
            if (state === undefined) flows.delete(name);
            else flows.set(name, state);
            const load = new Float64Array(graph.arcCount);
            for (const f of flows.values()) for (const a of f.arcs) load[a]! += f.trafficBps;
            for (let a = 0; a < graph.arcCount; a++)
              peak = Math.max(peak, load[a]! / graph.linkCapacityBps[a >> 1]!);

            tm.set(nowUs, name, state);
            const rates = naiveRates(flows);
            for (const n of names) expectNear(tm.deliveredBps(n), rates.get(n) ?? 0, `deliveredBps ${n}`);
            expectNear(tm.peakUtilization, peak, 'peakUtilization');
          }
          integrate(nowUs + tailUs);
          tm.advance(nowUs);
          for (const n of names) {
            const want = totals.get(n);
            if (want === undefined) expect(tm.flowTotals(n)).toBeUndefined();
            else expectTotals(tm.flowTotals(n), want, n);
          }
          const sum: FlowTotals = { offeredBits: 0, deliveredBits: 0, lostBits: 0, inProfileLostBits: 0 };
          for (const t of totals.values()) {
            sum.offeredBits += t.offeredBits;
            sum.deliveredBits += t.deliveredBits;
            sum.lostBits += t.lostBits;
            sum.inProfileLostBits += t.inProfileLostBits;
          }
          expectTotals(tm.sum(), sum, 'sum');
        },
      ),
      { seed, numRuns: 500 },
    );
  });
});

describe('failed arcs', () => {
  it('a flow across a failed arc delivers nothing until the arc is back or the flow moves', () => {
    const t = new TrafficModel(graph);
    const arcs = route('A-C-D-E');
    t.set(0, 'a', { arcs, trafficBps: 2 * M, reservedBps: 2 * M });
    t.set(0, 'b', { arcs: route('B-C-E'), trafficBps: 1 * M, reservedBps: 1 * M });
    t.setArcUp(1 * S, arcs[1]!, false);
    expect(t.deliveredBps('a')).toBe(0);
    expect(t.deliveredBps('b')).toBe(1 * M);
    t.setArcUp(3 * S, arcs[1]!, true);
    expect(t.deliveredBps('a')).toBe(2 * M);
    t.advance(4 * S);
    expect(t.flowTotals('a')).toMatchObject({
      offeredBits: 8 * M,
      lostBits: 4 * M,
      inProfileLostBits: 4 * M,
    });
    expect(t.flowTotals('b')?.lostBits).toBe(0);
  });
});
