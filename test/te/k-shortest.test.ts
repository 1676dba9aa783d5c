/** Yen's k shortest paths: order, looplessness and constraints, against brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathFeasible, type PathRequest } from '../../sim/te/cspf.ts';
import { emptyTeState } from '../../sim/te/graph.ts';
import { kShortestPaths } from '../../sim/te/k-shortest.ts';
import {
  allPaths,
  graphOf,
  linksOf,
  names,
  node,
  randomRequest,
  randomRequestArb,
  referenceCompare,
} from './te-helpers.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);

describe('kShortestPaths', () => {
  // RFC 8051 Reference Topology 1 with the Table 3 metrics.
  const graph = graphOf(
    ['A', 'B', 'C', 'D', 'E'],
    linksOf([
      ['A', 'C', 1, 10],
      ['B', 'C', 1, 10],
      ['C', 'E', 10, 5],
      ['C', 'D', 1, 10],
      ['D', 'E', 1, 10],
    ]),
  );
  const req = (extra: Partial<PathRequest> = {}): PathRequest => ({
    metric: 'igp',
    bandwidthBps: 0,
    setupPriority: 7,
    src: node(graph, 'A'),
    dst: node(graph, 'E'),
    ...extra,
  });

  it('lists every loopless path, best first', () => {
    const paths = kShortestPaths(graph, emptyTeState(graph), req(), 10);
    expect(paths.map((p) => [names(graph, p), p.cost])).toStrictEqual([
      ['A-C-D-E', 3],
      ['A-C-E', 11],
    ]);
  });

  it('applies the constraints to every path', () => {
    const paths = kShortestPaths(graph, emptyTeState(graph), req({ bandwidthBps: 6e6 }), 10);
    expect(paths.map((p) => names(graph, p))).toStrictEqual(['A-C-D-E']);
    expect(
      kShortestPaths(graph, emptyTeState(graph), req({ maxHops: 2 }), 10).map((p) => names(graph, p)),
    ).toStrictEqual(['A-C-E']);
  });

  it('returns nothing for k = 0 or no path', () => {
    expect(kShortestPaths(graph, emptyTeState(graph), req(), 0)).toStrictEqual([]);
    expect(kShortestPaths(graph, emptyTeState(graph), req({ bandwidthBps: 11e6 }), 3)).toStrictEqual([]);
  });

  it('counts parallel links as different paths', () => {
    const g = graphOf(
      ['S', 'T'],
      [
        { a: 'S', b: 'T', igp: 2, id: 'one' },
        { a: 'S', b: 'T', igp: 1, id: 'two' },
        { a: 'S', b: 'T', igp: 2, id: 'three' },
      ],
    );
    const paths = kShortestPaths(
      g,
      emptyTeState(g),
      { metric: 'igp', bandwidthBps: 0, setupPriority: 0, src: 0, dst: 1 },
      5,
    );
    expect(paths.map((p) => g.linkIds[p.arcs[0]! >> 1])).toStrictEqual(['two', 'one', 'three']);
  });

  it('equals the first k simple paths of brute force', () => {
    fc.assert(
      fc.property(randomRequestArb, fc.integer({ min: 1, max: 8 }), (r, k) => {
        const { graph: g, state, request } = randomRequest(r);
        const expected = allPaths(g, state, request)
          .sort((a, b) => referenceCompare(g, a, b))
          .slice(0, k);
        const got = kShortestPaths(g, state, request, k);
        expect(got).toStrictEqual(expected);
        for (const p of got) expect(pathFeasible(g, state, request, p.arcs)).toBe(true);
      }),
      { seed, numRuns: 800 },
    );
  });
});
