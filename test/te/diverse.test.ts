/** Diverse working/backup pairs: really disjoint, and optimal against brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePaths, computePath, pathFeasible, type PathRequest } from '../../sim/te/cspf.ts';
import { computeDiversePair, type Diversity } from '../../sim/te/diverse.ts';
import { emptyTeState, pathNodes, type TeGraph, type TePath } from '../../sim/te/graph.ts';
import { allPaths, graphOf, names, node, randomRequest, randomRequestArb } from './te-helpers.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);

function disjoint(graph: TeGraph, a: TePath, b: TePath, diversity: Diversity): boolean {
  const linksA = new Set(a.arcs.map((arc) => arc >> 1));
  if (b.arcs.some((arc) => linksA.has(arc >> 1))) return false;
  if (diversity === 'node') {
    const inner = new Set(pathNodes(graph, a.arcs).slice(1, -1));
    if (pathNodes(graph, b.arcs).some((n) => inner.has(n))) return false;
  }
  if (diversity === 'srlg') {
    const groups = new Set(a.arcs.flatMap((arc) => graph.linkSrlgs[arc >> 1]!));
    if (b.arcs.some((arc) => graph.linkSrlgs[arc >> 1]!.some((g) => groups.has(g)))) return false;
  }
  return true;
}

describe('computeDiversePair', () => {
  // The trap topology: the shortest path S-A-B-T leaves no disjoint partner, yet the pair
  // S-A-D-T / S-C-B-T exists.
  const trap = graphOf(
    ['S', 'A', 'B', 'C', 'D', 'T'],
    [
      { a: 'S', b: 'A', igp: 1 },
      { a: 'A', b: 'B', igp: 1 },
      { a: 'B', b: 'T', igp: 1 },
      { a: 'S', b: 'C', igp: 2 },
      { a: 'C', b: 'B', igp: 2, srlgs: [5] },
      { a: 'A', b: 'D', igp: 2, srlgs: [5] },
      { a: 'D', b: 'T', igp: 2 },
      { a: 'C', b: 'D', igp: 9 },
    ],
  );
  const req = (extra: Partial<PathRequest> = {}): PathRequest => ({
    metric: 'igp',
    bandwidthBps: 0,
    setupPriority: 0,
    src: node(trap, 'S'),
    dst: node(trap, 'T'),
    ...extra,
  });

  it.each(['link', 'node'] as const)('gets out of the trap (%s diverse)', (diversity) => {
    const state = emptyTeState(trap);
    const shortest = computePath(trap, state, req())!;
    expect(names(trap, shortest)).toBe('S-A-B-T');
    const pair = computeDiversePair(trap, state, req(), diversity)!;
    expect([names(trap, pair.working), names(trap, pair.backup)]).toStrictEqual(['S-A-D-T', 'S-C-B-T']);
    expect(pair.working.cost + pair.backup.cost).toBe(10);
  });

  it('SRLG diversity refuses the pair that shares SRLG 5 and finds the next', () => {
    const pair = computeDiversePair(trap, emptyTeState(trap), req(), 'srlg')!;
    expect([names(trap, pair.working), names(trap, pair.backup)]).toStrictEqual(['S-A-B-T', 'S-C-D-T']);
    expect(disjoint(trap, pair.working, pair.backup, 'srlg')).toBe(true);
  });

  it('node diversity is stricter than link diversity', () => {
    // Two link-disjoint paths through the same middle node M.
    const g = graphOf(
      ['S', 'M', 'T', 'X'],
      [
        { a: 'S', b: 'M', id: 'SM1' },
        { a: 'S', b: 'M', id: 'SM2' },
        { a: 'M', b: 'T', id: 'MT1' },
        { a: 'M', b: 'T', id: 'MT2' },
        { a: 'S', b: 'X', igp: 5 },
        { a: 'X', b: 'T', igp: 5 },
      ],
    );
    const r: PathRequest = { metric: 'igp', bandwidthBps: 0, setupPriority: 0, src: 0, dst: 2 };
    const link = computeDiversePair(g, emptyTeState(g), r, 'link')!;
    expect([names(g, link.working), names(g, link.backup)]).toStrictEqual(['S-M-T', 'S-M-T']);
    const nodePair = computeDiversePair(g, emptyTeState(g), r, 'node')!;
    expect([names(g, nodePair.working), names(g, nodePair.backup)]).toStrictEqual(['S-M-T', 'S-X-T']);
  });

  it('prunes by bandwidth and gives up when no pair fits', () => {
    const state = emptyTeState(trap);
    expect(computeDiversePair(trap, state, req({ bandwidthBps: 10e6 }), 'link')).toBeDefined();
    state.unreservedBps.fill(1e6, 0, 8); // link S-A (arc 0), one way, at every priority
    expect(computeDiversePair(trap, state, req({ bandwidthBps: 5e6 }), 'link')).toBeUndefined();
    expect(computeDiversePair(trap, emptyTeState(trap), req({ src: 0, dst: 0 }), 'link')).toBeUndefined();
  });

  it('keeps each path within a hop limit', () => {
    const pair = computeDiversePair(trap, emptyTeState(trap), req({ maxHops: 3 }), 'link')!;
    expect(pair.working.arcs.length).toBeLessThanOrEqual(3);
    expect(pair.backup.arcs.length).toBeLessThanOrEqual(3);
  });

  it.each(['link', 'node', 'srlg'] as const)(
    'is disjoint and optimal against brute force (%s)',
    (diversity) => {
      fc.assert(
        fc.property(randomRequestArb, (r) => {
          const { graph: g, state, request } = randomRequest({ ...r, nodes: Math.max(3, r.nodes) });
          const paths = allPaths(g, state, request);
          let best = Infinity;
          for (let i = 0; i < paths.length; i++) {
            for (let j = i + 1; j < paths.length; j++) {
              if (disjoint(g, paths[i]!, paths[j]!, diversity))
                best = Math.min(best, paths[i]!.cost + paths[j]!.cost);
            }
          }
          const pair = computeDiversePair(g, state, request, diversity);
          if (best === Infinity) {
            expect(pair).toBeUndefined();
            return;
          }
          expect(pair).toBeDefined();
          const { working, backup } = pair!;
          expect(disjoint(g, working, backup, diversity)).toBe(true);
          expect(pathFeasible(g, state, request, working.arcs)).toBe(true);
          expect(pathFeasible(g, state, request, backup.arcs)).toBe(true);
          expect(working.cost + backup.cost).toBe(best);
          expect(comparePaths(g, working, backup)).toBeLessThanOrEqual(0);
        }),
        { seed, numRuns: 600 },
      );
    },
  );

  it('is deterministic', () => {
    fc.assert(
      fc.property(randomRequestArb, (r) => {
        const { graph: g, state, request } = randomRequest(r);
        expect(computeDiversePair(g, state, request, 'link')).toStrictEqual(
          computeDiversePair(g, state, request, 'link'),
        );
      }),
      { seed, numRuns: 100 },
    );
  });
});
