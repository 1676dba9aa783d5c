/**
 * `npm run bench:cspf`: constrained shortest path queries per second on a 1,000-router,
 * 4,000-link network, against graphology's bidirectional Dijkstra (graphology-shortest-path,
 * unconstrained, weighted by the `weight` attribute) on the same graph and the same queries.
 * Last line:
 *   {"cspfQueriesPerS":X,"graphologyQueriesPerS":Y,"ratio":X/Y,"nodes":1000,"links":4000}
 * Options: --queries N (distinct queries, default 2000), --seconds S (CPU time per round,
 * default 1), --rounds R (default 5), --seed S, --quick or PCELAB_BENCH_QUICK=1 (200 queries,
 * one short round: proves the benchmark runs; CI uses it).
 *
 * The network is seeded: a random spanning tree (so that it is connected), then random extra
 * links (no parallel links: graphology's simple graph would refuse them), IGP metrics 1..100,
 * capacities of 1, 2.5, 10 or 40 Gb/s with 10–90 % of each direction still unreserved. Every
 * CSPF query asks for 1 Gb/s at setup priority 3, which prunes about a third of the arcs;
 * graphology answers the plain shortest path. Rates are queries per second of this process's CPU time,
 * best of R rounds (as bench:codec measures: on a shared machine the best round is the one least
 * disturbed).
 */
import { UndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { computePath, type PathRequest } from '../../sim/te/cspf.ts';
import { PRIORITY_LEVELS, buildTeGraph, emptyTeState } from '../../sim/te/graph.ts';
import type { Topology } from '../../sim/topology/topology.ts';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: 'cspf-bench' },
    quick: { type: 'boolean', default: false },
  },
});
const quick = values.quick || process.env.PCELAB_BENCH_QUICK === '1';
const queries = quick ? 200 : Number(values.queries);
const seconds = quick ? 0.05 : Number(values.seconds);
const rounds = quick ? 1 : Number(values.rounds);
if (!Number.isInteger(queries) || queries < 1 || !Number.isInteger(rounds) || rounds < 1 || !(seconds > 0)) {
  process.stderr.write('bench:cspf: --queries and --rounds must be positive integers, --seconds positive\n');
  process.exit(2);
}

const NODES = 1000;
const LINKS = 4000;
const rng = seedrandom(values.seed);
const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const names = Array.from({ length: NODES }, (_, i) => `R${i}`);
const pairs = new Set<string>();
const links: Topology['links'] = [];
const addLink = (a: number, b: number): void => {
  const key = a < b ? `${a}:${b}` : `${b}:${a}`;
  pairs.add(key);
  const metric = int(1, 100);
  links.push({
    id: `L${links.length}`,
    a: names[a]!,
    b: names[b]!,
    igpMetric: metric,
    teMetric: metric,
    capacityBps: [1e9, 2.5e9, 10e9, 40e9][int(0, 3)]!,
    delayUs: 1000,
    srlgs: [],
  });
};
for (let n = 1; n < NODES; n++) addLink(n, int(0, n - 1));
while (links.length < LINKS) {
  const a = int(0, NODES - 1);
  const b = int(0, NODES - 1);
  if (a !== b && !pairs.has(a < b ? `${a}:${b}` : `${b}:${a}`)) addLink(a, b);
}
const topology: Topology = {
  name: 'bench',
  nodes: names.map((name, i) => ({
    name,
    routerId: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
    role: 'router',
  })),
  links,
  pces: [],
};
const graph = buildTeGraph(topology);
const state = emptyTeState(graph);
for (let arc = 0; arc < graph.arcCount; arc++) {
  const free = graph.linkCapacityBps[arc >> 1]! * (0.1 + 0.8 * rng());
  state.unreservedBps.fill(free, arc * PRIORITY_LEVELS, (arc + 1) * PRIORITY_LEVELS);
}

const g = new UndirectedGraph();
for (const name of names) g.addNode(name);
for (const l of links) g.addEdgeWithKey(l.id, l.a, l.b, { weight: l.igpMetric });

const requests: PathRequest[] = [];
for (let q = 0; q < queries; q++) {
  const src = int(0, NODES - 1);
  let dst = int(0, NODES - 2);
  if (dst >= src) dst++;
  requests.push({ src, dst, metric: 'igp', bandwidthBps: 1e9, setupPriority: 3 });
}

// Sanity: without a bandwidth constraint both find paths of the same cost.
for (const r of requests.slice(0, 20)) {
  const ours = computePath(graph, emptyTeState(graph), { ...r, bandwidthBps: 0 })!;
  const theirs = bidirectional(g, names[r.src], names[r.dst], 'weight') ?? [];
  let cost = 0;
  for (let i = 0; i + 1 < theirs.length; i++)
    cost += g.getEdgeAttribute(g.edge(theirs[i], theirs[i + 1])!, 'weight') as number;
  if (ours.cost !== cost) throw new Error(`cost mismatch ${ours.cost} vs ${cost}`);
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Best queries per CPU second over the rounds; each round runs the queries over and over for `seconds` of CPU. */
function measure(label: string, query: (r: PathRequest) => number): number {
  let sink = 0;
  for (const r of requests.slice(0, Math.min(requests.length, 200))) sink += query(r); // warm up the JIT
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    let done = 0;
    const start = cpuSeconds();
    let elapsed = 0;
    while (elapsed < seconds) {
      for (const r of requests) sink += query(r);
      done += requests.length;
      elapsed = cpuSeconds() - start;
    }
    const rate = done / elapsed;
    best = Math.max(best, rate);
    process.stderr.write(`${label}: round ${round + 1}/${rounds}: ${Math.round(rate)} queries/s\n`);
  }
  if (sink === -1) process.stdout.write(''); // keep results observable
  return best;
}

let pruned = 0;
for (let arc = 0; arc < graph.arcCount; arc++)
  if (state.unreservedBps[arc * PRIORITY_LEVELS + 3]! < 1e9) pruned++;
process.stderr.write(
  `cspf: the bandwidth constraint prunes ${Math.round((100 * pruned) / graph.arcCount)} % of the arcs\n`,
);
const found = requests.filter((r) => computePath(graph, state, r) !== undefined).length;
process.stderr.write(
  `cspf: ${Math.round((100 * found) / requests.length)} % of the queries have a path that fits\n`,
);
const cspf = measure('cspf', (r) => computePath(graph, state, r)?.arcs.length ?? 0);
const graphology = measure(
  'graphology',
  (r) => bidirectional(g, names[r.src], names[r.dst], 'weight')?.length ?? 0,
);
process.stdout.write(
  `${JSON.stringify({
    cspfQueriesPerS: Math.round(cspf),
    graphologyQueriesPerS: Math.round(graphology),
    ratio: Math.round((cspf / graphology) * 10) / 10,
    nodes: NODES,
    links: LINKS,
  })}\n`,
);
