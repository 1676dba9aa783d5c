/**
 * Constrained shortest path first (CSPF) for RSVP-TE LSPs: the path computation a PCE performs
 * for one request (RFC 5440 §4.2; constraints as carried in the BANDWIDTH, METRIC, LSPA, XRO and
 * IRO objects, RFC 5440 §7.5–7.11 and RFC 5521).
 *
 * Pruning. An arc (one direction of a link) is usable when it is up, its link is not excluded,
 * none of the link's SRLGs is excluded (RFC 5521 §2.1.3), neither end is an excluded node (the
 * head and tail end never count as excluded), and the bandwidth unreserved at the request's setup
 * priority (RFC 3630 §2.5.8; RFC 3209 §4.7 for what setup priority may take) plus the bandwidth
 * this LSP already holds on the arc (shared explicit, RFC 3209 §2.5) covers the request, within
 * a relative slack of 1e-9 so that sums of reservations never fail on rounding.
 *
 * Objective and tie-break, in order:
 *   1. minimum cost: the sum of the IGP or the TE metric (RFC 5440 §7.8, RFC 3630 §2.5.5);
 *   2. fewest hops;
 *   3. the lexicographically smallest sequence of node indices (topology file order);
 *   4. between parallel links, the lexicographically smallest sequence of link indices.
 * Rules 3 and 4 make the answer a function of the request and the topology alone, never of heap
 * order or of the order in which results happened to be found. With `maxHops` the same order
 * applies to the paths of at most that many hops (RFC 5440 §7.8: a bound on the hop count).
 *
 * Method. A bidirectional Dijkstra on (cost, hops) labels, each arc weighing (metric, 1), which
 * is strictly positive in lexicographic order even for TE metric 0. The side with the smaller
 * queue expands next (on the near-random graphs of the benchmark this settles far fewer nodes
 * than alternating by label), and the search stops only once the two queues' least labels add up
 * to strictly more than the best path found: then every node of every optimal path is settled on
 * at least one side with its exact label. A walk from the head end then takes, at each step, the
 * first arc in the fixed adjacency order (neighbour index, then link index) whose far end can
 * still finish on an optimal path: that is exactly rules 3 and 4. A node settled backwards knows
 * its exact distance to the tail end; a node settled only forwards finishes if one of its tight
 * successors does, found by a depth-first search whose outcomes are remembered for the query.
 * When the best path is longer than `maxHops`, a hop-layered Bellman–Ford gives the cheapest cost
 * to the tail within h hops for every h, and the same greedy walk runs over the layers. Metrics
 * are whole numbers (the topology loader enforces it), so costs are exact and compared with `===`.
 *
 * Speed. All work arrays live in a per-graph scratch (a WeakMap on the TeGraph) and are reset by
 * generation stamps, not by clearing; the heaps are typed arrays without decrease-key; a query
 * allocates only its result. The benchmark (npm run bench:cspf) compares it with graphology.
 *
 * A request with `src === dst` has no path (an LSP needs two ends): computePath returns undefined.
 */
import { PRIORITY_LEVELS, type TeGraph, type TePath, type TeState } from './graph.ts';

export interface PathConstraints {
  /** Which metric to minimise: the IGP metric or the TE metric (RFC 5440 §7.8). */
  metric: 'igp' | 'te';
  /** Bandwidth to reserve on every arc (RFC 5440 §7.7); 0 or less means none. */
  bandwidthBps: number;
  /** RSVP-TE setup priority, 0 (best) to 7 (RFC 3209 §4.7.4). */
  setupPriority: number;
  /** Link indices the path must avoid (both directions). */
  excludeLinks?: ReadonlySet<number>;
  /** Node indices the path must avoid; the head and tail end are exempt. */
  excludeNodes?: ReadonlySet<number>;
  /** SRLGs the path must avoid (RFC 5521 §2.1.3). */
  excludeSrlgs?: ReadonlySet<number>;
  /** At most this many arcs. */
  maxHops?: number;
  /** Bandwidth this LSP already holds per arc (make-before-break with shared explicit, RFC 3209 §2.5): counted as available on those arcs. */
  ownBps?: ReadonlyMap<number, number>;
}

export interface PathRequest extends PathConstraints {
  /** Head end (node index). */
  src: number;
  /** Tail end (node index). */
  dst: number;
}

/** Relative slack when comparing bandwidths, so a reservation that fits exactly is not lost to rounding. */
const BANDWIDTH_SLACK = 1e-9;

/** The least available bandwidth on an arc that admits `bandwidthBps` (-Infinity when nothing is asked). */
export function bandwidthNeeded(bandwidthBps: number): number {
  return bandwidthBps > 0 ? bandwidthBps * (1 - BANDWIDTH_SLACK) : -Infinity;
}

/** True when `availableBps` admits a reservation of `bandwidthBps` (RFC 3209 admission, with rounding slack). */
export function bandwidthFits(availableBps: number, bandwidthBps: number): boolean {
  return availableBps >= bandwidthNeeded(bandwidthBps);
}

/** The per-arc metric array a request minimises. */
export function metricOf(graph: TeGraph, metric: 'igp' | 'te'): Float64Array {
  return metric === 'te' ? graph.arcTeMetric : graph.arcIgpMetric;
}

/**
 * Orders paths as computePath ranks them: cost, then hops, then node indices lexicographically,
 * then link (arc) indices lexicographically. Negative when `a` comes first.
 */
export function comparePaths(graph: TeGraph, a: TePath, b: TePath): number {
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
  if (a.arcs.length !== b.arcs.length) return a.arcs.length - b.arcs.length;
  for (let i = 0; i < a.arcs.length; i++) {
    const d = graph.arcTo[a.arcs[i]!]! - graph.arcTo[b.arcs[i]!]!;
    if (d !== 0) return d;
  }
  for (let i = 0; i < a.arcs.length; i++) {
    const d = a.arcs[i]! - b.arcs[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A binary min-heap of (cost, hops, node) entries in three parallel typed arrays, without
 * decrease-key: an improved label pushes a new entry, and the stale one is skipped when popped
 * (its node is settled by then).
 */
class LabelHeap {
  readonly cost: Float64Array;
  readonly hops: Int32Array;
  readonly node: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.cost = new Float64Array(capacity);
    this.hops = new Int32Array(capacity);
    this.node = new Int32Array(capacity);
  }

  push(node: number, cost: number, hops: number): void {
    const { cost: hc, hops: hh, node: hn } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pc = hc[parent]!;
      if (pc < cost || (pc === cost && hh[parent]! <= hops)) break;
      hc[i] = pc;
      hh[i] = hh[parent]!;
      hn[i] = hn[parent]!;
      i = parent;
    }
    hc[i] = cost;
    hh[i] = hops;
    hn[i] = node;
  }

  /** Removes the entry with the least (cost, hops); returns its node. */
  pop(): number {
    const { cost: hc, hops: hh, node: hn } = this;
    const top = hn[0]!;
    const size = --this.size;
    if (size > 0) {
      const cost = hc[size]!;
      const hops = hh[size]!;
      const node = hn[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        const r = c + 1;
        if (r < size) {
          const cr = hc[r]!;
          const cc = hc[c]!;
          if (cr < cc || (cr === cc && hh[r]! < hh[c]!)) c = r;
        }
        const cc = hc[c]!;
        if (cost < cc || (cost === cc && hops <= hh[c]!)) break;
        hc[i] = cc;
        hh[i] = hh[c]!;
        hn[i] = hn[c]!;
        i = c;
      }
      hc[i] = cost;
      hh[i] = hops;
      hn[i] = node;
    }
    return top;
  }
}

/** One direction of the search: labels and stamps per node, and its heap. */
class Side {
  readonly cost: Float64Array;
  readonly hops: Int32Array;
  /** Stamp: cost/hops hold a label (tentative until settled). */
  readonly reached: Uint32Array;
  /** Stamp: the label is final. */
  readonly settled: Uint32Array;
  readonly heap: LabelHeap;

  constructor(nodes: number, arcs: number) {
    this.cost = new Float64Array(nodes);
    this.hops = new Int32Array(nodes);
    this.reached = new Uint32Array(nodes);
    this.settled = new Uint32Array(nodes);
    // Every push follows a strict improvement of a label through one arc, plus the start.
    this.heap = new LabelHeap(arcs + 1);
  }

  start(node: number, gen: number): void {
    this.heap.size = 0;
    this.cost[node] = 0;
    this.hops[node] = 0;
    this.reached[node] = gen;
    this.heap.push(node, 0, 0);
  }
}

/** Per-graph work arrays; entries are valid only where their stamp equals the current generation. */
class Scratch {
  gen = 0;
  /** From the head end along arcs. */
  readonly forward: Side;
  /** From the tail end against arcs. */
  readonly backward: Side;
  readonly nodeExcluded: Uint32Array;
  readonly linkExcluded: Uint32Array;
  readonly ownStamp: Uint32Array;
  readonly ownBps: Float64Array;
  /** The walk's memo: a forward-settled node with (alive) or without (dead) an optimal way on. */
  readonly alive: Uint32Array;
  readonly dead: Uint32Array;
  readonly stackNode: Int32Array;
  readonly stackNext: Int32Array;
  /** Hop layers for maxHops: layers[h * nodes + n], grown on demand. */
  layers = new Float64Array(0);
  /** outTo[i] = arcTo[outArcs[i]]: the adjacency's far ends, read in order. */
  readonly outTo: Int32Array;

  constructor(graph: TeGraph) {
    const nodes = graph.nodeNames.length;
    const arcs = graph.arcCount;
    this.outTo = graph.outArcs.map((arc) => graph.arcTo[arc]!);
    this.forward = new Side(nodes, arcs);
    this.backward = new Side(nodes, arcs);
    this.nodeExcluded = new Uint32Array(nodes);
    this.linkExcluded = new Uint32Array(arcs >> 1);
    this.ownStamp = new Uint32Array(arcs);
    this.ownBps = new Float64Array(arcs);
    this.alive = new Uint32Array(nodes);
    this.dead = new Uint32Array(nodes);
    this.stackNode = new Int32Array(nodes);
    this.stackNext = new Int32Array(nodes);
  }

  nextGeneration(): number {
    if (this.gen === 0xffffffff) {
      this.gen = 0;
      for (const a of [
        this.forward.reached,
        this.forward.settled,
        this.backward.reached,
        this.backward.settled,
        this.nodeExcluded,
        this.linkExcluded,
        this.ownStamp,
        this.alive,
        this.dead,
      ]) {
        a.fill(0);
      }
    }
    return ++this.gen;
  }
}

const scratches = new WeakMap<TeGraph, Scratch>();

function scratchFor(graph: TeGraph): Scratch {
  let s = scratches.get(graph);
  if (s === undefined) {
    s = new Scratch(graph);
    scratches.set(graph, s);
  }
  return s;
}

function checkRequest(graph: TeGraph, request: PathRequest): void {
  const n = graph.nodeNames.length;
  const { src, dst, setupPriority, bandwidthBps, maxHops } = request;
  if (!Number.isInteger(src) || src < 0 || src >= n) throw new RangeError(`src ${src} is not a node index`);
  if (!Number.isInteger(dst) || dst < 0 || dst >= n) throw new RangeError(`dst ${dst} is not a node index`);
  if (!Number.isInteger(setupPriority) || setupPriority < 0 || setupPriority >= PRIORITY_LEVELS) {
    throw new RangeError(`setupPriority ${setupPriority} is not 0..7`);
  }
  if (Number.isNaN(bandwidthBps)) throw new RangeError('bandwidthBps is NaN');
  if (maxHops !== undefined && Number.isNaN(maxHops)) throw new RangeError('maxHops is NaN');
}

/** Marks the request's exclusions and own bandwidth in the scratch under generation `gen`. */
function markExclusions(graph: TeGraph, s: Scratch, gen: number, request: PathRequest): void {
  if (request.excludeNodes !== undefined) for (const n of request.excludeNodes) s.nodeExcluded[n] = gen;
  // The head and tail end are never excluded (an exclusion cannot remove the request's own ends),
  // so the searches below test nodeExcluded alone.
  s.nodeExcluded[request.src] = 0;
  s.nodeExcluded[request.dst] = 0;
  if (request.excludeLinks !== undefined) for (const l of request.excludeLinks) s.linkExcluded[l] = gen;
  const srlgs = request.excludeSrlgs;
  if (srlgs !== undefined && srlgs.size > 0) {
    const linkSrlgs = graph.linkSrlgs;
    for (let l = 0; l < linkSrlgs.length; l++) {
      for (const g of linkSrlgs[l]!) {
        if (srlgs.has(g)) {
          s.linkExcluded[l] = gen;
          break;
        }
      }
    }
  }
  if (request.ownBps !== undefined) {
    for (const [arc, bps] of request.ownBps) {
      s.ownStamp[arc] = gen;
      s.ownBps[arc] = bps;
    }
  }
}

/**
 * The best path for `request` (see the file header for the order), or undefined when there is
 * none or `src === dst`. Throws RangeError for node indices or a priority out of range.
 */
export function computePath(graph: TeGraph, state: TeState, request: PathRequest): TePath | undefined {
  checkRequest(graph, request);
  const { src, dst } = request;
  if (src === dst) return undefined;
  const maxHops = request.maxHops;
  if (maxHops !== undefined && maxHops < 1) return undefined;
  const s = scratchFor(graph);
  const gen = s.nextGeneration();
  markExclusions(graph, s, gen, request);

  const { outStart, outArcs, arcTo } = graph;
  const weight = metricOf(graph, request.metric);
  const arcUp = state.arcUp;
  const unreserved = state.unreservedBps;
  const priority = request.setupPriority;
  const need = bandwidthNeeded(request.bandwidthBps);
  const checkBandwidth = need > -Infinity;
  const hasOwn = request.ownBps !== undefined && request.ownBps.size > 0;
  const { nodeExcluded, linkExcluded, ownStamp, ownBps, forward, backward, outTo } = s;
  const excludesNodes = (request.excludeNodes?.size ?? 0) > 0;
  const excludesLinks = (request.excludeLinks?.size ?? 0) > 0 || (request.excludeSrlgs?.size ?? 0) > 0;

  // Bidirectional Dijkstra on (cost, hops) labels: every arc weighs (metric, 1), strictly
  // positive in lexicographic order, so labels add and compare like numbers.
  let bestCost = Infinity;
  let bestHops = 0;
  forward.start(src, gen);
  backward.start(dst, gen);
  const fHeap = forward.heap;
  const bHeap = backward.heap;
  while (fHeap.size > 0 && bHeap.size > 0) {
    // Stop once no unsettled node can lie on a path as good as the best (strictly: then every
    // node of every optimal path is settled on one side at least, which the walk relies on).
    const fc = fHeap.cost[0]!;
    const fh = fHeap.hops[0]!;
    const bc = bHeap.cost[0]!;
    const bh = bHeap.hops[0]!;
    const sumCost = fc + bc;
    if (sumCost > bestCost || (sumCost === bestCost && fh + bh > bestHops)) break;
    const isForward = fHeap.size <= bHeap.size;
    const side = isForward ? forward : backward;
    const other = isForward ? backward : forward;
    const v = side.heap.pop();
    if (side.settled[v] === gen) continue;
    side.settled[v] = gen;
    const cv = side.cost[v]!;
    const hv = side.hops[v]! + 1;
    const { cost, hops, reached, settled } = side;
    for (let i = outStart[v]!, end = outStart[v + 1]!; i < end; i++) {
      const u = outTo[i]!;
      if (settled[u] === gen || (excludesNodes && nodeExcluded[u] === gen)) continue;
      const out = outArcs[i]!;
      const arc = isForward ? out : out ^ 1; // the arc as the path would use it
      if (arcUp[arc] !== 1 || (excludesLinks && linkExcluded[out >> 1] === gen)) continue;
      if (checkBandwidth) {
        let available = unreserved[arc * PRIORITY_LEVELS + priority]!;
        if (hasOwn && ownStamp[arc] === gen) available += ownBps[arc]!;
        if (available < need) continue;
      }
      const c = cv + weight[arc]!;
      if (reached[u] !== gen || c < cost[u]! || (c === cost[u]! && hv < hops[u]!)) {
        reached[u] = gen;
        cost[u] = c;
        hops[u] = hv;
        side.heap.push(u, c, hv);
      }
      if (other.reached[u] === gen) {
        const pc = c + other.cost[u]!;
        const ph = hv + other.hops[u]!;
        if (pc < bestCost || (pc === bestCost && ph < bestHops)) {
          bestCost = pc;
          bestHops = ph;
        }
      }
    }
  }
  if (bestCost === Infinity) return undefined;

  // The same pruning as the search loop, for the walk and the hop-limited search.
  const usable = (arc: number): boolean => {
    if (arcUp[arc] !== 1 || linkExcluded[arc >> 1] === gen) return false;
    if (!checkBandwidth) return true;
    let available = unreserved[arc * PRIORITY_LEVELS + priority]!;
    if (hasOwn && ownStamp[arc] === gen) available += ownBps[arc]!;
    return available >= need;
  };
  if (maxHops !== undefined && bestHops > maxHops) {
    return hopBounded(graph, s, gen, request, Math.min(maxHops, graph.nodeNames.length - 1), usable);
  }

  // Whether arriving at v with label (c, h) can still finish on an optimal path. A node settled
  // backwards (and dst, whose distance 0 is known from the start) knows its exact distance to
  // dst; any other node of an optimal path is settled forwards with exactly that label, and
  // finishes if one of its successors does.
  const { alive, dead, stackNode, stackNext } = s;
  // A node not settled backwards is at least the backward heap's least label away from dst.
  const restCost = bHeap.size > 0 ? bHeap.cost[0]! : Infinity;
  const restHops = bHeap.size > 0 ? bHeap.hops[0]! : 0;
  const mayFinish = (c: number, h: number): boolean => {
    const total = c + restCost;
    return total < bestCost || (total === bestCost && h + restHops <= bestHops);
  };
  const finishes = (v: number, c: number, h: number): boolean => {
    if (v === dst || backward.settled[v] === gen) {
      return c + backward.cost[v]! === bestCost && h + backward.hops[v]! === bestHops;
    }
    if (forward.settled[v] !== gen || forward.cost[v] !== c || forward.hops[v] !== h) return false;
    if (alive[v] === gen) return true;
    if (dead[v] === gen || !mayFinish(c, h)) return false;
    // Depth-first over tight arcs (they form a DAG: labels strictly grow along them).
    let depth = 0;
    stackNode[0] = v;
    stackNext[0] = outStart[v]!;
    while (depth >= 0) {
      const x = stackNode[depth]!;
      const i = stackNext[depth]!;
      if (i === outStart[x + 1]!) {
        dead[x] = gen;
        depth--;
        continue;
      }
      stackNext[depth] = i + 1;
      const arc = outArcs[i]!;
      const y = arcTo[arc]!;
      const yc = forward.cost[x]! + weight[arc]!;
      const yh = forward.hops[x]! + 1;
      if (y === dst || backward.settled[y] === gen) {
        if (yc + backward.cost[y]! !== bestCost || yh + backward.hops[y]! !== bestHops) continue;
        if (nodeExcluded[y] === gen || !usable(arc)) continue;
      } else {
        if (forward.settled[y] !== gen || forward.cost[y] !== yc || forward.hops[y] !== yh) continue;
        if (dead[y] === gen || nodeExcluded[y] === gen || !usable(arc)) continue;
        if (alive[y] !== gen) {
          if (mayFinish(yc, yh)) {
            depth++;
            stackNode[depth] = y;
            stackNext[depth] = outStart[y]!;
          } else dead[y] = gen;
          continue;
        }
      }
      for (let d = 0; d <= depth; d++) alive[stackNode[d]!] = gen;
      return true;
    }
    return false;
  };

  // Walk from src: at each step the first arc (neighbour index, then link index) that keeps the
  // path optimal.
  const arcs: number[] = [];
  let u = src;
  let pc = 0;
  let ph = 0;
  while (u !== dst) {
    let next = -1;
    for (let i = outStart[u]!, end = outStart[u + 1]!; i < end; i++) {
      const arc = outArcs[i]!;
      const v = arcTo[arc]!;
      if (nodeExcluded[v] === gen || !usable(arc)) continue;
      const c = pc + weight[arc]!;
      if (!finishes(v, c, ph + 1)) continue;
      arcs.push(arc);
      next = v;
      pc = c;
      ph++;
      break;
    }
    if (next < 0) throw new Error('computePath: no optimal next hop (metrics must be whole numbers)');
    u = next;
  }
  return { arcs, cost: bestCost };
}

/**
 * The best path with at most `limit` arcs. layers[h * n + v] is the least cost from v to dst over
 * walks of at most h arcs; a least-cost walk with the fewest arcs is a simple path (removing a
 * cycle never adds cost and always removes arcs), so the greedy walk below yields one.
 */
function hopBounded(
  graph: TeGraph,
  s: Scratch,
  gen: number,
  request: PathRequest,
  limit: number,
  usable: (arc: number) => boolean,
): TePath | undefined {
  const n = graph.nodeNames.length;
  const { src, dst } = request;
  const { outStart, outArcs, arcTo } = graph;
  const weight = metricOf(graph, request.metric);
  const { nodeExcluded } = s;
  if (s.layers.length < (limit + 1) * n) s.layers = new Float64Array((limit + 1) * n);
  const layers = s.layers;
  layers.fill(Infinity, 0, n);
  layers[dst] = 0;
  for (let h = 1; h <= limit; h++) {
    const prev = (h - 1) * n;
    const row = h * n;
    for (let v = 0; v < n; v++) {
      let best = layers[prev + v]!;
      if (v !== dst && nodeExcluded[v] !== gen) {
        for (let i = outStart[v]!, end = outStart[v + 1]!; i < end; i++) {
          const arc = outArcs[i]!;
          const c = layers[prev + arcTo[arc]!]! + weight[arc]!;
          if (c < best && usable(arc)) best = c;
        }
      }
      layers[row + v] = best;
    }
  }
  const cost = layers[limit * n + src]!;
  if (cost === Infinity) return undefined;
  let hops = limit;
  while (hops > 1 && layers[(hops - 1) * n + src] === cost) hops--;

  const arcs: number[] = [];
  let u = src;
  let remaining = cost;
  for (let h = hops; u !== dst; h--) {
    const prev = (h - 1) * n;
    let next = -1;
    for (let i = outStart[u]!, end = outStart[u + 1]!; i < end; i++) {
      const arc = outArcs[i]!;
      const v = arcTo[arc]!;
      const rest = layers[prev + v]!;
      if (rest + weight[arc]! !== remaining || !usable(arc)) continue;
      arcs.push(arc);
      remaining = rest;
      next = v;
      break;
    }
    if (next < 0) throw new Error('computePath: no optimal next hop within the hop limit');
    u = next;
  }
  return { arcs, cost };
}

/**
 * Whether `arcs` is a simple path from `request.src` to `request.dst` that meets every constraint
 * of the request (the same pruning rules as computePath).
 */
export function pathFeasible(
  graph: TeGraph,
  state: TeState,
  request: PathRequest,
  arcs: readonly number[],
): boolean {
  checkRequest(graph, request);
  if (arcs.length === 0 || request.src === request.dst) return false;
  if (request.maxHops !== undefined && arcs.length > request.maxHops) return false;
  const visited = new Set<number>([request.src]);
  let at = request.src;
  const need = bandwidthNeeded(request.bandwidthBps);
  for (const arc of arcs) {
    if (!Number.isInteger(arc) || arc < 0 || arc >= graph.arcCount || graph.arcFrom[arc] !== at) return false;
    const link = arc >> 1;
    if (state.arcUp[arc] !== 1 || request.excludeLinks?.has(link) === true) return false;
    if (
      request.excludeSrlgs !== undefined &&
      graph.linkSrlgs[link]!.some((g) => request.excludeSrlgs!.has(g))
    ) {
      return false;
    }
    const available =
      state.unreservedBps[arc * PRIORITY_LEVELS + request.setupPriority]! + (request.ownBps?.get(arc) ?? 0);
    if (available < need) return false;
    at = graph.arcTo[arc]!;
    if (visited.has(at)) return false;
    visited.add(at);
    if (at !== request.dst && request.excludeNodes?.has(at) === true) return false;
  }
  return at === request.dst;
}

/** The cost of `arcs` under a metric. */
export function pathCost(graph: TeGraph, metric: 'igp' | 'te', arcs: readonly number[]): number {
  const weight = metricOf(graph, metric);
  let cost = 0;
  for (const arc of arcs) cost += weight[arc]!;
  return cost;
}
