/**
 * Concurrent placement: the RFC 8051 §3.1 use cases, order independence, and the branch and
 * bound against an exhaustive search written out plainly.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { placeConcurrently, type Placement, type PlacementDemand } from '../../sim/te/concurrent.ts';
import { bandwidthFits, pathCost, pathFeasible } from '../../sim/te/cspf.ts';
import {
  PRIORITY_LEVELS,
  emptyTeState,
  type TeGraph,
  type TePath,
  type TeState,
} from '../../sim/te/graph.ts';
import { kShortestPaths } from '../../sim/te/k-shortest.ts';
import { arcsOf, graphOf, linksOf, names, node, randomNet } from './te-helpers.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);
const M = 1e6;

/** RFC 8051 Figure 1 (Reference Topology 1) with a link table: [a, b, metric, capacity]. */
const topology1 = (rows: [string, string, number, number][]): TeGraph =>
  graphOf(['A', 'B', 'C', 'D', 'E'], linksOf(rows));
/** RFC 8051 Figure 2 (Reference Topology 2). */
const topology2 = (rows: [string, string, number, number][]): TeGraph =>
  graphOf(['A', 'B', 'C', 'E', 'F', 'G'], linksOf(rows));

function demand(
  graph: TeGraph,
  id: string,
  from: string,
  to: string,
  bandwidthM: number,
  extra: Partial<PlacementDemand> & { current?: string } = {},
): PlacementDemand {
  const { current, ...rest } = extra;
  return {
    id,
    src: node(graph, from),
    dst: node(graph, to),
    metric: 'igp',
    bandwidthBps: bandwidthM * M,
    setupPriority: 7,
    holdPriority: 7,
    ...(current === undefined ? {} : { currentArcs: arcsOf(graph, current) }),
    ...rest,
  };
}

function routes(graph: TeGraph, placement: Placement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, path] of placement.paths) out[id] = names(graph, path);
  return out;
}

describe('placeConcurrently: RFC 8051 §3.1 use cases', () => {
  it('bin packing (Tables 3 and 4): moving LSP 1 to A-C-E makes room for LSP 2', () => {
    const g = topology1([
      ['A', 'C', 1, 10],
      ['B', 'C', 1, 10],
      ['C', 'E', 10, 5],
      ['C', 'D', 1, 10],
      ['D', 'E', 1, 10],
    ]);
    const result = placeConcurrently(g, emptyTeState(g), [
      demand(g, 'lsp1', 'A', 'E', 5, { current: 'A-C-D-E' }),
      demand(g, 'lsp2', 'B', 'E', 10),
    ]);
    expect(routes(g, result)).toStrictEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(result).toMatchObject({ admittedBps: 15 * M, moved: ['lsp1'], dropped: [], exhaustive: true });
  });

  it('throughput (Tables 1 and 2): dropping E-G admits A-B and F-C', () => {
    const g = topology2([
      ['A', 'E', 1, 10],
      ['B', 'F', 1, 10],
      ['C', 'G', 1, 10],
      ['E', 'F', 1, 10],
      ['F', 'G', 1, 10],
    ]);
    const result = placeConcurrently(g, emptyTeState(g), [
      demand(g, 'lsp1', 'E', 'G', 10, { current: 'E-F-G' }),
      demand(g, 'lsp2', 'A', 'B', 10),
      demand(g, 'lsp3', 'F', 'C', 10),
    ]);
    expect(routes(g, result)).toStrictEqual({ lsp1: '-', lsp2: 'A-E-F-B', lsp3: 'F-G-C' });
    expect(result).toMatchObject({ admittedBps: 20 * M, moved: [], dropped: ['lsp1'], exhaustive: true });
  });

  it('minimum perturbation (Tables 7 and 8): the priority-0 LSP gets the short path, nobody is preempted', () => {
    const g = topology1([
      ['A', 'C', 1, 10],
      ['B', 'C', 1, 10],
      ['C', 'E', 10, 10],
      ['C', 'D', 1, 10],
      ['D', 'E', 1, 10],
    ]);
    const result = placeConcurrently(g, emptyTeState(g), [
      demand(g, 'lsp1', 'A', 'E', 7, { setupPriority: 7, holdPriority: 7 }),
      demand(g, 'lsp2', 'B', 'E', 7, { setupPriority: 0, holdPriority: 0 }),
    ]);
    expect(routes(g, result)).toStrictEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(result).toMatchObject({ admittedBps: 14 * M, moved: [], dropped: [] });
  });

  it('predictability (Tables 9 to 11): the same placement whatever the arrival order', () => {
    const g = topology1([
      ['A', 'C', 1, 10],
      ['B', 'C', 1, 10],
      ['C', 'E', 1, 10],
      ['C', 'D', 1, 10],
      ['D', 'E', 1, 10],
    ]);
    const d1 = demand(g, 'lsp1', 'A', 'E', 7);
    const d2 = demand(g, 'lsp2', 'B', 'E', 7);
    const first = placeConcurrently(g, emptyTeState(g), [d1, d2]);
    const second = placeConcurrently(g, emptyTeState(g), [d2, d1]);
    expect(routes(g, first)).toStrictEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(routes(g, second)).toStrictEqual(routes(g, first));
  });

  it('deadlock (Tables 5 and 6): the out-of-profile LSP moves, the in-profile one is isolated and left alone', () => {
    const g = topology1([
      ['A', 'C', 1, 10],
      ['B', 'C', 1, 10],
      ['C', 'E', 10, 5],
      ['C', 'D', 1, 10],
      ['D', 'E', 1, 10],
    ]);
    const result = placeConcurrently(g, emptyTeState(g), [
      demand(g, 'lsp1', 'A', 'E', 2, { current: 'A-C-D-E', trafficBps: 20 * M }),
      demand(g, 'lsp2', 'B', 'E', 2, { current: 'B-C-D-E' }),
    ]);
    expect(routes(g, result)).toStrictEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(result).toMatchObject({ admittedBps: 4 * M, moved: ['lsp1'], dropped: [] });
  });
});

describe('placeConcurrently: rules', () => {
  const g = topology1([
    ['A', 'C', 1, 10],
    ['B', 'C', 1, 10],
    ['C', 'E', 10, 5],
    ['C', 'D', 1, 10],
    ['D', 'E', 1, 10],
  ]);

  it('keeps a pinned demand where it is and counts it', () => {
    const result = placeConcurrently(g, emptyTeState(g), [
      demand(g, 'pinned', 'A', 'E', 5, { current: 'A-C-D-E', pinned: true }),
      demand(g, 'lsp2', 'B', 'E', 10),
    ]);
    expect(routes(g, result)).toStrictEqual({ pinned: 'A-C-D-E', lsp2: '-' });
    expect(result).toMatchObject({ admittedBps: 5 * M, moved: [], dropped: [] });
  });

  it('does not let a better priority squeeze out a placed worse one (no preemption inside the set)', () => {
    // 6 + 6 cannot share C-D-E; the priority-0 demand takes the short path, the other the long one.
    const result = placeConcurrently(g, emptyTeState(g), [
      demand(g, 'low', 'A', 'E', 5, { current: 'A-C-D-E' }),
      demand(g, 'high', 'B', 'E', 6, { setupPriority: 0, holdPriority: 0 }),
    ]);
    expect(routes(g, result)).toStrictEqual({ low: 'A-C-E', high: 'B-C-D-E' });
  });

  it('returns the greedy seed with exhaustive false when the budget runs out', () => {
    const demands = [demand(g, 'lsp1', 'A', 'E', 5, { current: 'A-C-D-E' }), demand(g, 'lsp2', 'B', 'E', 10)];
    const result = placeConcurrently(g, emptyTeState(g), demands, { searchBudget: 1 });
    expect(result.exhaustive).toBe(false);
    // The greedy keeps lsp1 where it is, so lsp2 does not fit.
    expect(routes(g, result)).toStrictEqual({ lsp1: 'A-C-D-E', lsp2: '-' });
  });

  it('rejects duplicate ids and priorities out of range', () => {
    const d = demand(g, 'x', 'A', 'E', 1);
    expect(() => placeConcurrently(g, emptyTeState(g), [d, d])).toThrow(RangeError);
    expect(() => placeConcurrently(g, emptyTeState(g), [{ ...d, holdPriority: 9 }])).toThrow(RangeError);
  });
});

// ---- Exhaustive reference: every combination of candidates, the objective written out plainly.

interface Instance {
  graph: TeGraph;
  state: TeState;
  demands: PlacementDemand[];
}

function randomInstance(net: number, count: number, k: number): Instance {
  const rng = seedrandom(`demands-${net}`);
  const nodes = 4 + Math.floor(rng() * 3);
  const { graph, state } = randomNet(`placement-${net}`, nodes, nodes + 2 + Math.floor(rng() * nodes), 3);
  const demands: PlacementDemand[] = [];
  for (let i = 0; i < count; i++) {
    const src = Math.floor(rng() * nodes);
    const dst = (src + 1 + Math.floor(rng() * (nodes - 1))) % nodes;
    const setupPriority = rng() < 0.5 ? 0 : Math.floor(rng() * PRIORITY_LEVELS);
    const d: PlacementDemand = {
      id: `d${i}`,
      src,
      dst,
      metric: rng() < 0.5 ? 'igp' : 'te',
      bandwidthBps: (1 + Math.floor(rng() * 6)) * M,
      setupPriority,
      holdPriority: Math.floor(rng() * (setupPriority + 1)),
    };
    if (rng() < 0.5) d.trafficBps = Math.floor(rng() * 12) * M;
    const paths = kShortestPaths(graph, emptyTeState(graph), d, k);
    if (paths.length > 0 && rng() < 0.6) d.currentArcs = paths[Math.floor(rng() * paths.length)]!.arcs;
    if (d.currentArcs !== undefined && rng() < 0.15) d.pinned = true;
    demands.push(d);
  }
  return { graph, state, demands };
}

type Key = number[];

function exhaustive(inst: Instance, k: number): Map<string, string> {
  const { graph, state, demands } = inst;
  const hold = (d: PlacementDemand): number => Math.min(d.holdPriority, d.setupPriority);
  const traffic = (d: PlacementDemand): number => d.trafficBps ?? d.bandwidthBps;
  const same = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean =>
    a !== undefined && b !== undefined && a.join() === b.join();
  const pinned = demands.filter((d) => d.pinned === true && d.currentArcs !== undefined);
  const free = demands
    .filter((d) => d.pinned !== true)
    .sort(
      (a, b) =>
        a.setupPriority - b.setupPriority || b.bandwidthBps - a.bandwidthBps || (a.id < b.id ? -1 : 1),
    );
  const options = free.map((d) => {
    const list: (TePath | undefined)[] = [];
    const r = { ...d, ownBps: undefined };
    if (d.currentArcs !== undefined && pathFeasible(graph, state, r, d.currentArcs)) {
      list.push({ arcs: d.currentArcs, cost: pathCost(graph, d.metric, d.currentArcs) });
    }
    for (const p of kShortestPaths(graph, state, r, k)) if (!same(p.arcs, d.currentArcs)) list.push(p);
    list.push(undefined);
    return list;
  });

  let best: { key: Key; choice: (TePath | undefined)[] } | undefined;
  const choice: (TePath | undefined)[] = [];
  const evaluate = (): void => {
    const placed: [PlacementDemand, readonly number[]][] = pinned.map((d) => [d, d.currentArcs!]);
    free.forEach((d, i) => {
      if (choice[i] !== undefined) placed.push([d, choice[i]!.arcs]);
    });
    // Feasible: on every arc of a placed demand d, every demand e there whose setup priority d's
    // reservation counts against (d itself included) still fits. Pinned demands are not checked
    // on their own: they stay wherever they are.
    for (const [d, arcs] of placed) {
      if (d.pinned === true) continue;
      for (const arc of arcs) {
        for (const [e, other] of placed) {
          const s = e.setupPriority;
          if (!other.includes(arc) || (e !== d && hold(d) > s)) continue;
          let reserved = 0;
          for (const [f, fa] of placed) if (fa.includes(arc) && hold(f) <= s) reserved += f.bandwidthBps;
          if (
            !bandwidthFits(
              state.unreservedBps[arc * PRIORITY_LEVELS + s]! - reserved + e.bandwidthBps,
              e.bandwidthBps,
            )
          )
            return;
        }
      }
    }
    const admitted = new Array<number>(PRIORITY_LEVELS).fill(0);
    for (const [d] of placed) admitted[d.setupPriority]! += d.bandwidthBps;
    const load = new Float64Array(graph.arcCount);
    for (const [d, arcs] of placed) for (const arc of arcs) load[arc]! += traffic(d);
    let loss = 0;
    for (const [d, arcs] of placed) {
      if (traffic(d) > d.bandwidthBps) continue;
      let scale = 1;
      for (const arc of arcs) {
        const cap = state.arcUp[arc] === 1 ? Math.max(0, state.unreservedBps[arc * PRIORITY_LEVELS + 7]!) : 0;
        if (load[arc]! > cap) scale = Math.min(scale, cap / load[arc]!);
      }
      loss += traffic(d) * (1 - scale);
    }
    let moved = 0;
    let movedIn = 0;
    let cost = 0;
    free.forEach((d, i) => {
      const c = choice[i];
      if (d.currentArcs !== undefined && !same(c?.arcs, d.currentArcs)) {
        moved++;
        if (traffic(d) <= d.bandwidthBps) movedIn++;
      }
      if (c !== undefined) cost += c.cost;
    });
    const key = [...admitted.map((x) => -x), loss, moved, movedIn, cost];
    if (best === undefined || better(key, best.key)) best = { key, choice: [...choice] };
  };
  const walk = (i: number): void => {
    if (i === free.length) return evaluate();
    for (const c of options[i]!) {
      choice[i] = c;
      walk(i + 1);
    }
  };
  walk(0);
  const out = new Map<string, string>();
  for (const d of demands) {
    const i = free.indexOf(d);
    out.set(
      d.id,
      i < 0
        ? d.currentArcs === undefined
          ? '-'
          : d.currentArcs.join()
        : (best!.choice[i]?.arcs.join() ?? '-'),
    );
  }
  return out;
}

function better(a: Key, b: Key): boolean {
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]! - b[i]!) > 1e-6 * Math.max(1, Math.abs(a[i]!), Math.abs(b[i]!))) return a[i]! < b[i]!;
  }
  return false;
}

const arcsById = (p: Placement): Map<string, string> =>
  new Map([...p.paths].map(([id, path]) => [id, path === undefined ? '-' : path.arcs.join()]));

describe('placeConcurrently against an exhaustive search', () => {
  it('finds the same placement on random small instances', () => {
    let nonTrivial = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), (net, count) => {
        const inst = randomInstance(net, count, 3);
        const result = placeConcurrently(inst.graph, inst.state, inst.demands, { candidates: 3 });
        expect(result.exhaustive).toBe(true);
        const expected = exhaustive(inst, 3);
        expect(arcsById(result)).toStrictEqual(expected);
        if ([...expected.values()].filter((v) => v !== '-').length >= 2) nonTrivial++;
      }),
      { seed, numRuns: 300 },
    );
    expect(nonTrivial).toBeGreaterThan(50);
  });

  it('does not depend on the order of the demands', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2, max: 6 }), (net, count) => {
        const inst = randomInstance(net, count, 4);
        const forward = placeConcurrently(inst.graph, inst.state, inst.demands);
        const backward = placeConcurrently(inst.graph, inst.state, [...inst.demands].reverse());
        expect(arcsById(backward)).toStrictEqual(arcsById(forward));
        expect(backward.admittedBps).toBe(forward.admittedBps);
        expect([...backward.moved].sort()).toStrictEqual([...forward.moved].sort());
      }),
      { seed, numRuns: 150 },
    );
  });
});
