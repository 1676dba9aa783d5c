/** CSPF: pruning, metrics, hop limits and the tie-break, by table and against brute force. */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { comparePaths, computePath, pathFeasible, type PathRequest } from '../../sim/te/cspf.ts';
import { PRIORITY_LEVELS, emptyTeState, type TeState } from '../../sim/te/graph.ts';
import {
  allPaths,
  arcsOf,
  graphOf,
  names,
  node,
  randomNet,
  randomRequest,
  randomRequestArb,
  referenceCompare,
  referencePath,
} from './te-helpers.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);

//      B ---- D ---- F
//    / |     /       |
//   A  |   /         |
//   |\ | /           |
//   |  C             |
//   E ---------------+
const graph = graphOf(
  ['A', 'B', 'C', 'D', 'E', 'F'],
  [
    { a: 'A', b: 'B', igp: 1, te: 5 },
    { a: 'B', b: 'D', igp: 1, te: 5, srlgs: [1] },
    { a: 'A', b: 'C', igp: 2, te: 1 },
    { a: 'C', b: 'D', igp: 2, te: 1, capM: 3 },
    { a: 'D', b: 'F', igp: 1 },
    { a: 'A', b: 'E', igp: 3 },
    { a: 'E', b: 'F', igp: 3, srlgs: [2] },
    { a: 'B', b: 'C', igp: 1, srlgs: [1] },
  ],
);
const linkId = (id: string): number => graph.linkIndex.get(id)!;

/** The empty state, with link B-D (both ways) holding 8 of its 10 units at priorities 4 and worse. */
function stateWithReservations(): TeState {
  const state = emptyTeState(graph);
  for (const arc of arcsOf(graph, 'B-D').concat(arcsOf(graph, 'D-B'))) {
    for (let p = 4; p < PRIORITY_LEVELS; p++) state.unreservedBps[arc * PRIORITY_LEVELS + p] = 2e6;
  }
  return state;
}

function downState(route: string): TeState {
  const state = emptyTeState(graph);
  for (const arc of arcsOf(graph, route)) state.arcUp[arc] = 0;
  return state;
}

interface Case {
  name: string;
  from: string;
  to: string;
  req?: Partial<PathRequest>;
  state?: TeState;
  route: string;
  cost?: number;
}

const cases: Case[] = [
  { name: 'IGP metric', from: 'A', to: 'D', route: 'A-B-D', cost: 2 },
  { name: 'TE metric', from: 'A', to: 'D', req: { metric: 'te' }, route: 'A-C-D', cost: 2 },
  {
    name: 'bandwidth prunes C-D (3 units)',
    from: 'A',
    to: 'D',
    req: { metric: 'te', bandwidthBps: 5e6 },
    route: 'A-C-B-D',
    cost: 7,
  },
  {
    name: 'bandwidth exactly the capacity fits',
    from: 'C',
    to: 'D',
    req: { bandwidthBps: 3e6 },
    route: 'C-D',
    cost: 2,
  },
  { name: 'bandwidth above every capacity', from: 'A', to: 'D', req: { bandwidthBps: 11e6 }, route: '-' },
  {
    name: 'priority 3 sees B-D unreserved',
    from: 'A',
    to: 'D',
    req: { bandwidthBps: 5e6, setupPriority: 3 },
    state: stateWithReservations(),
    route: 'A-B-D',
  },
  {
    name: 'priority 4 does not',
    from: 'A',
    to: 'D',
    req: { bandwidthBps: 5e6, setupPriority: 4 },
    state: stateWithReservations(),
    route: 'A-E-F-D',
  },
  {
    name: 'own bandwidth counts as available (shared explicit)',
    from: 'A',
    to: 'D',
    req: {
      bandwidthBps: 5e6,
      setupPriority: 4,
      ownBps: new Map(arcsOf(graph, 'B-D').map((arc) => [arc, 3e6])),
    },
    state: stateWithReservations(),
    route: 'A-B-D',
  },
  {
    name: 'exclude link B-D',
    from: 'A',
    to: 'D',
    req: { excludeLinks: new Set([linkId('B-D')]) },
    route: 'A-C-D',
    cost: 4,
  },
  {
    name: 'exclude node B',
    from: 'A',
    to: 'D',
    req: { excludeNodes: new Set([1]) },
    route: 'A-C-D',
    cost: 4,
  },
  {
    name: 'excluding the ends has no effect',
    from: 'A',
    to: 'D',
    req: { excludeNodes: new Set([0, 3]) },
    route: 'A-B-D',
  },
  {
    name: 'exclude SRLG 1 (B-D and B-C)',
    from: 'A',
    to: 'F',
    req: { excludeSrlgs: new Set([1]) },
    route: 'A-C-D-F',
    cost: 5,
  },
  {
    name: 'exclude SRLGs 1 and 2',
    from: 'A',
    to: 'F',
    req: { excludeSrlgs: new Set([1, 2]), bandwidthBps: 4e6 },
    route: '-',
  },
  {
    name: 'hop limit 2 takes the costlier short path',
    from: 'A',
    to: 'F',
    req: { excludeLinks: new Set([linkId('B-D')]), maxHops: 2 },
    route: 'A-E-F',
    cost: 6,
  },
  {
    name: 'hop limit 3 keeps the cheaper path',
    from: 'A',
    to: 'F',
    req: { excludeLinks: new Set([linkId('B-D')]), maxHops: 3 },
    route: 'A-C-D-F',
    cost: 5,
  },
  { name: 'hop limit 1 with no direct link', from: 'A', to: 'F', req: { maxHops: 1 }, route: '-' },
  { name: 'hop limit 0', from: 'A', to: 'B', req: { maxHops: 0 }, route: '-' },
  { name: 'link down one way only', from: 'A', to: 'D', state: downState('B-D'), route: 'A-C-D' },
  { name: 'the other direction still up', from: 'D', to: 'A', state: downState('B-D'), route: 'D-B-A' },
  { name: 'head end equals tail end', from: 'A', to: 'A', route: '-' },
];

describe('computePath', () => {
  it.each(cases)('$name', ({ from, to, req, state, route, cost }) => {
    const request: PathRequest = {
      metric: 'igp',
      bandwidthBps: 0,
      setupPriority: 7,
      ...req,
      src: node(graph, from),
      dst: node(graph, to),
    };
    const path = computePath(graph, state ?? emptyTeState(graph), request);
    expect(names(graph, path)).toBe(route);
    if (cost !== undefined) expect(path?.cost).toBe(cost);
    if (path !== undefined)
      expect(pathFeasible(graph, state ?? emptyTeState(graph), request, path.arcs)).toBe(true);
  });

  // S is index 0, then Y before X, so the node order prefers Y.
  const tie = graphOf(
    ['S', 'Y', 'X', 'T', 'U'],
    [
      { a: 'S', b: 'X' },
      { a: 'X', b: 'T' },
      { a: 'S', b: 'Y' },
      { a: 'Y', b: 'T' },
      { a: 'S', b: 'U', igp: 2, id: 'S-U-1' },
      { a: 'S', b: 'U', igp: 2, id: 'S-U-2' },
      { a: 'U', b: 'T', igp: 2, id: 'U-T-2' },
      { a: 'U', b: 'T', igp: 2, id: 'U-T-1' },
    ],
  );
  const tieReq = (from: string, to: string, extra: Partial<PathRequest> = {}): PathRequest => ({
    metric: 'igp',
    bandwidthBps: 0,
    setupPriority: 0,
    src: node(tie, from),
    dst: node(tie, to),
    ...extra,
  });

  it('breaks equal cost and hops by the smallest node index sequence', () => {
    expect(names(tie, computePath(tie, emptyTeState(tie), tieReq('S', 'T')))).toBe('S-Y-T');
    expect(names(tie, computePath(tie, emptyTeState(tie), tieReq('T', 'S')))).toBe('T-Y-S');
  });

  it('prefers fewer hops at equal cost', () => {
    const g = graphOf(
      ['S', 'X', 'T'],
      [
        { a: 'S', b: 'X' },
        { a: 'X', b: 'T' },
        { a: 'S', b: 'T', igp: 2 },
      ],
    );
    const path = computePath(g, emptyTeState(g), {
      metric: 'igp',
      bandwidthBps: 0,
      setupPriority: 0,
      src: 0,
      dst: 2,
    });
    expect(names(g, path)).toBe('S-T');
  });

  it('between parallel links takes the lower link index, whatever the order found', () => {
    const state = emptyTeState(tie);
    const yLinks = new Set([tie.linkIndex.get('S-Y')!, tie.linkIndex.get('S-X')!]);
    const path = computePath(tie, state, tieReq('S', 'T', { excludeLinks: yLinks }))!;
    expect(path.arcs.map((a) => tie.linkIds[a >> 1])).toStrictEqual(['S-U-1', 'U-T-2']);
  });

  it('throws RangeError on a node or priority out of range', () => {
    const state = emptyTeState(graph);
    const base: PathRequest = { metric: 'igp', bandwidthBps: 0, setupPriority: 0, src: 0, dst: 1 };
    expect(() => computePath(graph, state, { ...base, dst: 99 })).toThrow(RangeError);
    expect(() => computePath(graph, state, { ...base, setupPriority: 8 })).toThrow(RangeError);
    expect(() => computePath(graph, state, { ...base, src: -1 })).toThrow(RangeError);
  });

  it('answers the same after other queries (scratch reuse)', () => {
    const state = emptyTeState(graph);
    const req: PathRequest = { metric: 'te', bandwidthBps: 5e6, setupPriority: 0, src: 0, dst: 3 };
    const first = computePath(graph, state, req);
    computePath(graph, state, { ...req, excludeNodes: new Set([1, 2]), src: 5, dst: 0 });
    computePath(graph, state, { ...req, maxHops: 1, src: 1, dst: 5 });
    expect(computePath(graph, state, req)).toStrictEqual(first);
  });
});

describe('computePath against brute force', () => {
  it('returns the first simple path in (cost, hops, nodes, links) order', () => {
    fc.assert(
      fc.property(randomRequestArb, (r) => {
        const { graph: g, state, request } = randomRequest(r);
        const expected = allPaths(g, state, request).sort((a, b) => referenceCompare(g, a, b))[0];
        const got = computePath(g, state, request);
        expect(got).toStrictEqual(expected);
        if (got !== undefined) expect(comparePaths(g, got, expected!)).toBe(0);
      }),
      { seed, numRuns: 1500 },
    );
  });

  it("within a hop limit below the best path's length, returns the first path that fits", () => {
    let bounded = 0;
    fc.assert(
      fc.property(randomRequestArb, fc.nat(), (r, cut) => {
        // Larger nets with fewer exclusions, so that many best paths are long.
        const spec = {
          ...r,
          maxHops: undefined,
          nodes: 4 + (r.nodes % 4),
          density: 2 + (r.density % 2),
          excludeNode: undefined,
        };
        const { graph: g, state, request } = randomRequest(spec);
        const best = computePath(g, state, request);
        if (best === undefined || best.arcs.length < 2) return;
        const limited = { ...request, maxHops: 1 + (cut % (best.arcs.length - 1)) };
        const expected = allPaths(g, state, limited).sort((a, b) => referenceCompare(g, a, b))[0];
        if (expected !== undefined) bounded++;
        expect(computePath(g, state, limited)).toStrictEqual(expected);
      }),
      { seed, numRuns: 1500 },
    );
    expect(bounded).toBeGreaterThan(100);
  });

  it('equals the reference on medium graphs with many ties (many queries per graph)', () => {
    for (let net = 0; net < 4; net++) {
      const { graph: g, state } = randomNet(`medium-${net}`, 80, 200, 3);
      const rng = seedrandom(`medium-queries-${net}`);
      const pick = (k: number): number => Math.floor(rng() * k);
      for (let q = 0; q < 250; q++) {
        const request: PathRequest = {
          src: pick(80),
          dst: pick(80),
          metric: rng() < 0.5 ? 'igp' : 'te',
          bandwidthBps: pick(4) * 1e6,
          setupPriority: pick(8),
          excludeNodes: rng() < 0.3 ? new Set([pick(80), pick(80)]) : undefined,
          excludeLinks: rng() < 0.3 ? new Set([pick(200)]) : undefined,
        };
        expect(computePath(g, state, request)).toStrictEqual(referencePath(g, state, request));
      }
    }
  });
});
