/**
 * Shared by the path computation tests: small topologies from YAML text, seeded random graphs,
 * and brute force (every simple path) to check the fast algorithms against.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { bandwidthFits, type PathRequest } from '../../sim/te/cspf.ts';
import {
  PRIORITY_LEVELS,
  buildTeGraph,
  type TeGraph,
  type TePath,
  type TeState,
} from '../../sim/te/graph.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

export interface LinkSpec {
  a: string;
  b: string;
  igp?: number;
  te?: number;
  /** Capacity in units of 1e6 bps (as RFC 8051's tables give it). */
  capM?: number;
  srlgs?: number[];
  id?: string;
}

/** A TE graph from node names (in index order) and links, through the real topology loader. */
export function graphOf(nodes: readonly string[], links: readonly LinkSpec[]): TeGraph {
  const lines = ['name: test', 'nodes:'];
  nodes.forEach((name, i) => lines.push(`  - { name: ${name}, routerId: 10.0.${i >> 8}.${i & 255} }`));
  if (links.length > 0) lines.push('links:');
  for (const l of links) {
    const fields = [
      `a: ${l.a}`,
      `b: ${l.b}`,
      `igpMetric: ${l.igp ?? 1}`,
      `capacityBps: ${(l.capM ?? 10) * 1e6}`,
    ];
    if (l.te !== undefined) fields.push(`teMetric: ${l.te}`);
    if (l.srlgs !== undefined) fields.push(`srlgs: [${l.srlgs.join(', ')}]`);
    if (l.id !== undefined) fields.push(`id: ${l.id}`);
    lines.push(`  - { ${fields.join(', ')} }`);
  }
  return buildTeGraph(parseTopology(`${lines.join('\n')}\n`, 'test.yaml'));
}

/** "A-B" style link spec list: [a, b, igpMetric, capacity in 1e6 bps]. */
export function linksOf(rows: readonly [string, string, number, number][]): LinkSpec[] {
  return rows.map(([a, b, igp, capM]) => ({ a, b, igp, capM }));
}

export const node = (graph: TeGraph, name: string): number => {
  const n = graph.nodeIndex.get(name);
  if (n === undefined) throw new Error(`no node ${name}`);
  return n;
};

export const names = (graph: TeGraph, path: TePath | undefined): string =>
  path === undefined
    ? '-'
    : [graph.arcFrom[path.arcs[0]!]!, ...path.arcs.map((a) => graph.arcTo[a]!)]
        .map((n) => graph.nodeNames[n])
        .join('-');

/** Arcs along a node-name path like 'A-C-D-E' (first link between each pair). */
export function arcsOf(graph: TeGraph, route: string): number[] {
  const hops = route.split('-').map((n) => node(graph, n));
  const arcs: number[] = [];
  for (let i = 0; i + 1 < hops.length; i++) {
    let found = -1;
    for (let arc = 0; arc < graph.arcCount && found < 0; arc++) {
      if (graph.arcFrom[arc] === hops[i] && graph.arcTo[arc] === hops[i + 1]) found = arc;
    }
    if (found < 0) throw new Error(`no link on ${route}`);
    arcs.push(found);
  }
  return arcs;
}

export interface RandomNet {
  graph: TeGraph;
  state: TeState;
}

/**
 * A random connected-or-not small network: `nodes` routers, `links` links (parallel links
 * allowed), metrics 1..maxMetric (TE metric 0..maxMetric), capacities 1..10 units, a few SRLGs,
 * some arcs down and per-priority reservations.
 */
export function randomNet(seed: string, nodes: number, links: number, maxMetric = 4): RandomNet {
  const rng = seedrandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const names = Array.from({ length: nodes }, (_, i) => `N${i}`);
  const specs: LinkSpec[] = [];
  for (let l = 0; l < links; l++) {
    const a = int(0, nodes - 1);
    let b = int(0, nodes - 2);
    if (b >= a) b++;
    specs.push({
      a: names[a]!,
      b: names[b]!,
      igp: int(1, maxMetric),
      te: int(0, maxMetric),
      capM: int(1, 10),
      srlgs: rng() < 0.5 ? [int(1, 4)] : [],
      id: `L${l}`,
    });
  }
  const graph = graphOf(names, specs);
  const arcUp = new Uint8Array(graph.arcCount);
  const unreservedBps = new Float64Array(graph.arcCount * PRIORITY_LEVELS);
  for (let arc = 0; arc < graph.arcCount; arc++) {
    arcUp[arc] = rng() < 0.92 ? 1 : 0;
    let free = graph.linkCapacityBps[arc >> 1]!;
    for (let p = 0; p < PRIORITY_LEVELS; p++) {
      if (rng() < 0.25) free = Math.max(0, free - int(1, 4) * 1e6);
      unreservedBps[arc * PRIORITY_LEVELS + p] = free;
    }
  }
  return { graph, state: { arcUp, unreservedBps } };
}

/** Whether an arc may carry the request (the pruning rules of cspf.ts, written out plainly). */
export function arcAllowed(graph: TeGraph, state: TeState, req: PathRequest, arc: number): boolean {
  const link = arc >> 1;
  if (state.arcUp[arc] !== 1) return false;
  if (req.excludeLinks?.has(link) === true) return false;
  if (graph.linkSrlgs[link]!.some((g) => req.excludeSrlgs?.has(g) === true)) return false;
  for (const n of [graph.arcFrom[arc]!, graph.arcTo[arc]!]) {
    if (n !== req.src && n !== req.dst && req.excludeNodes?.has(n) === true) return false;
  }
  const free = state.unreservedBps[arc * PRIORITY_LEVELS + req.setupPriority]! + (req.ownBps?.get(arc) ?? 0);
  return bandwidthFits(free, req.bandwidthBps);
}

/** Every simple path (as arcs) meeting the request, unsorted. */
export function allPaths(graph: TeGraph, state: TeState, req: PathRequest): TePath[] {
  const weight = req.metric === 'te' ? graph.arcTeMetric : graph.arcIgpMetric;
  const out: TePath[] = [];
  const onPath = new Set<number>([req.src]);
  const arcs: number[] = [];
  const walk = (u: number, cost: number): void => {
    if (u === req.dst) {
      if (req.maxHops === undefined || arcs.length <= req.maxHops) out.push({ arcs: [...arcs], cost });
      return;
    }
    for (let arc = 0; arc < graph.arcCount; arc++) {
      if (graph.arcFrom[arc] !== u || !arcAllowed(graph, state, req, arc)) continue;
      const v = graph.arcTo[arc]!;
      if (onPath.has(v)) continue;
      onPath.add(v);
      arcs.push(arc);
      walk(v, cost + weight[arc]!);
      arcs.pop();
      onPath.delete(v);
    }
  };
  if (req.src !== req.dst) walk(req.src, 0);
  return out;
}

/** The reference order: cost, hops, node indices, then arc indices. */
export function referenceCompare(graph: TeGraph, a: TePath, b: TePath): number {
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.arcs.length !== b.arcs.length) return a.arcs.length - b.arcs.length;
  const nodesA = a.arcs.map((x) => graph.arcTo[x]!);
  const nodesB = b.arcs.map((x) => graph.arcTo[x]!);
  for (let i = 0; i < nodesA.length; i++) if (nodesA[i] !== nodesB[i]) return nodesA[i]! - nodesB[i]!;
  for (let i = 0; i < a.arcs.length; i++) if (a.arcs[i] !== b.arcs[i]) return a.arcs[i]! - b.arcs[i]!;
  return 0;
}

/** A random request on a random net, as fast-check numbers (see randomRequest). */
export const randomRequestArb = fc.record({
  net: fc.integer({ min: 0, max: 1_000_000 }),
  nodes: fc.integer({ min: 2, max: 7 }),
  /** Links per node. */
  density: fc.integer({ min: 1, max: 3 }),
  /** Small metrics make ties common. */
  maxMetric: fc.constantFrom(2, 9),
  src: fc.nat(),
  dst: fc.nat(),
  metric: fc.constantFrom<'igp' | 'te'>('igp', 'te'),
  bandwidthM: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 7 })),
  setupPriority: fc.integer({ min: 0, max: 7 }),
  maxHops: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined, freq: 2 }),
  excludeNode: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
  excludeLink: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
  excludeSrlg: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined, freq: 2 }),
  own: fc.boolean(),
});

export type RandomRequestSpec = typeof randomRequestArb extends fc.Arbitrary<infer T> ? T : never;

/** The network and request a RandomRequestSpec describes. */
export function randomRequest(r: RandomRequestSpec): RandomNet & { request: PathRequest } {
  const links = r.nodes * r.density;
  const { graph, state } = randomNet(`net-${r.net}`, r.nodes, links, r.maxMetric);
  const own = new Map<number, number>();
  if (r.own)
    for (const [arc, bps] of [
      [0, 3e6],
      [3, 5e6],
    ] as const)
      if (arc < graph.arcCount) own.set(arc, bps);
  const request: PathRequest = {
    src: r.src % r.nodes,
    dst: r.dst % r.nodes,
    metric: r.metric,
    bandwidthBps: r.bandwidthM * 1e6,
    setupPriority: r.setupPriority,
    maxHops: r.maxHops,
    excludeNodes: r.excludeNode === undefined ? undefined : new Set([r.excludeNode % r.nodes]),
    excludeLinks: r.excludeLink === undefined ? undefined : new Set([r.excludeLink % links]),
    excludeSrlgs: r.excludeSrlg === undefined ? undefined : new Set([r.excludeSrlg]),
    ownBps: r.own ? own : undefined,
  };
  return { graph, state, request };
}

/**
 * The best path without a hop limit, computed the slow and obvious way: exact (cost, hops) to dst
 * for every node by Bellman–Ford, then from src the first allowed arc, by (far end, arc index),
 * that stays optimal. For graphs too big to enumerate every path.
 */
export function referencePath(graph: TeGraph, state: TeState, req: PathRequest): TePath | undefined {
  if (req.src === req.dst) return undefined;
  const n = graph.nodeNames.length;
  const weight = req.metric === 'te' ? graph.arcTeMetric : graph.arcIgpMetric;
  const cost = new Array<number>(n).fill(Infinity);
  const hops = new Array<number>(n).fill(Infinity);
  cost[req.dst] = 0;
  hops[req.dst] = 0;
  const allowed = Array.from({ length: graph.arcCount }, (_, arc) => arcAllowed(graph, state, req, arc));
  for (let round = 0; round < n; round++) {
    let changed = false;
    for (let arc = 0; arc < graph.arcCount; arc++) {
      if (!allowed[arc]) continue;
      const u = graph.arcFrom[arc]!;
      const v = graph.arcTo[arc]!;
      const c = cost[v]! + weight[arc]!;
      const h = hops[v]! + 1;
      if (c < cost[u]! || (c === cost[u]! && h < hops[u]!)) {
        cost[u] = c;
        hops[u] = h;
        changed = true;
      }
    }
    if (!changed) break;
  }
  if (cost[req.src] === Infinity) return undefined;
  const arcs: number[] = [];
  for (let u = req.src; u !== req.dst;) {
    const options = [];
    for (let arc = 0; arc < graph.arcCount; arc++)
      if (graph.arcFrom[arc] === u && allowed[arc]) options.push(arc);
    options.sort((a, b) => graph.arcTo[a]! - graph.arcTo[b]! || a - b);
    const arc = options.find((a) => {
      const v = graph.arcTo[a]!;
      return cost[v]! + weight[a]! === cost[u] && hops[v]! + 1 === hops[u];
    })!;
    arcs.push(arc);
    u = graph.arcTo[arc]!;
  }
  return { arcs, cost: cost[req.src]! };
}
