/**
 * A working path and a diverse backup for one request, with the least total cost: end-to-end
 * protection (RFC 4427 §5; RFC 8051 §3.4.1), and the diversity a PCReq asks for with SVEC's L, N
 * and S flags (RFC 5440 §7.13.2: link, node and SRLG diverse).
 *
 * Link and node diversity: Suurballe's method, written as a minimum-cost flow of two units from
 * the head end to the tail end over the usable arcs (the same pruning as computePath: state,
 * bandwidth at the setup priority, exclusions), each arc carrying at most one unit and, for node
 * diversity, each transit node split in two with one unit between the halves. Two shortest
 * augmenting paths (Bellman–Ford on the residual graph, which has negative arcs after the first)
 * give the optimal pair; a link that ends up used in both directions is cancelled, which keeps
 * the total and makes the two paths link-disjoint. Both paths need the requested bandwidth, and
 * being disjoint they never share an arc, so per-arc pruning is exact.
 *
 * SRLG diversity (NP-hard in general) and hop-limited pairs (a constrained disjoint-paths problem)
 * use a heuristic: working candidates come from Yen's algorithm in order; each gets the cheapest
 * backup that avoids its links, its transit nodes (node diversity) or every link sharing one of
 * its SRLGs (SRLG diversity, which also rules out its links). Since the working path is the
 * cheaper of the two, a pair is at least twice its working cost: the search stops once twice the
 * next candidate's cost reaches the best total found, and then the answer is optimal. It gives up
 * after MAX_WORKING_CANDIDATES working paths; only then may a cheaper pair exist.
 *
 * Of the pair, the working path is the better one by the CSPF order (cost, hops, node indices,
 * link indices). Every step visits arcs in the graph's fixed order, so results are deterministic.
 */
import { bandwidthNeeded, comparePaths, computePath, metricOf, type PathRequest } from './cspf.ts';
import { yenPaths } from './k-shortest.ts';
import { PRIORITY_LEVELS, arcLink, pathNodes, type TeGraph, type TePath, type TeState } from './graph.ts';

export type Diversity = 'link' | 'node' | 'srlg';

export interface DiversePair {
  working: TePath;
  backup: TePath;
}

/** Working paths the SRLG (and hop-limited) heuristic tries before giving up. */
export const MAX_WORKING_CANDIDATES = 64;

/**
 * The pair of `diversity`-disjoint paths for `request` with the least total cost, or undefined
 * when no such pair exists (or, for the heuristic cases, none was found).
 */
export function computeDiversePair(
  graph: TeGraph,
  state: TeState,
  request: PathRequest,
  diversity: Diversity,
): DiversePair | undefined {
  if (request.src === request.dst) return undefined;
  if (diversity !== 'srlg') {
    const pair = suurballe(graph, state, request, diversity);
    if (pair === undefined) return undefined;
    const limit = request.maxHops;
    if (limit === undefined || (pair.working.arcs.length <= limit && pair.backup.arcs.length <= limit)) {
      return pair;
    }
  }
  return pairByCandidates(graph, state, request, diversity);
}

function orient(graph: TeGraph, a: TePath, b: TePath): DiversePair {
  return comparePaths(graph, a, b) <= 0 ? { working: a, backup: b } : { working: b, backup: a };
}

/** Heuristic pairing over Yen's working paths (see the file header). */
function pairByCandidates(
  graph: TeGraph,
  state: TeState,
  request: PathRequest,
  diversity: Diversity,
): DiversePair | undefined {
  let best: DiversePair | undefined;
  let bestTotal = Infinity;
  let tried = 0;
  for (const working of yenPaths(graph, state, request)) {
    if (2 * working.cost >= bestTotal || tried++ >= MAX_WORKING_CANDIDATES) break;
    const excludeLinks = new Set(request.excludeLinks);
    for (const arc of working.arcs) excludeLinks.add(arcLink(arc));
    const excludeNodes = new Set(request.excludeNodes);
    if (diversity === 'node') for (const n of pathNodes(graph, working.arcs)) excludeNodes.add(n);
    const excludeSrlgs = new Set(request.excludeSrlgs);
    if (diversity === 'srlg') {
      for (const arc of working.arcs) for (const g of graph.linkSrlgs[arcLink(arc)]!) excludeSrlgs.add(g);
    }
    const backup = computePath(graph, state, { ...request, excludeLinks, excludeNodes, excludeSrlgs });
    if (backup === undefined) continue;
    const total = working.cost + backup.cost;
    const pair = orient(graph, working, backup);
    if (
      best === undefined ||
      total < bestTotal ||
      (total === bestTotal &&
        (comparePaths(graph, pair.working, best.working) || comparePaths(graph, pair.backup, best.backup)) <
          0)
    ) {
      best = pair;
      bestTotal = total;
    }
  }
  return best;
}

/**
 * Two-unit minimum-cost flow (Suurballe). Flow node 2v is v's "in" half and 2v+1 its "out" half;
 * a graph arc u -> v is the flow edge out(u) -> in(v). Flow edges are stored in pairs (e, e ^ 1)
 * with the residual reverse edge at e ^ 1.
 */
function suurballe(
  graph: TeGraph,
  state: TeState,
  request: PathRequest,
  diversity: 'link' | 'node',
): DiversePair | undefined {
  const n = graph.nodeNames.length;
  const { src, dst, setupPriority } = request;
  const weight = metricOf(graph, request.metric);
  const need = bandwidthNeeded(request.bandwidthBps);
  const excludedNodes = request.excludeNodes ?? new Set<number>();
  const excludedLinks = new Set(request.excludeLinks);
  if (request.excludeSrlgs !== undefined && request.excludeSrlgs.size > 0) {
    graph.linkSrlgs.forEach((srlgs, l) => {
      if (srlgs.some((g) => request.excludeSrlgs!.has(g))) excludedLinks.add(l);
    });
  }
  const nodeUsable = (v: number): boolean => v === src || v === dst || !excludedNodes.has(v);

  const eTo: number[] = [];
  const eCap: number[] = [];
  const eCost: number[] = [];
  /** The graph arc a flow edge stands for, or -1 for a node's internal edge. */
  const eArc: number[] = [];
  const edgesFrom: number[][] = Array.from({ length: 2 * n }, () => []);
  const addEdge = (from: number, to: number, cap: number, cost: number, arc: number): void => {
    eTo.push(to, from);
    eCap.push(cap, 0);
    eCost.push(cost, -cost);
    eArc.push(arc, arc);
    edgesFrom[from]!.push(eTo.length - 2);
    edgesFrom[to]!.push(eTo.length - 1);
  };
  for (let v = 0; v < n; v++) {
    // The ends are never transit nodes; transit nodes carry one unit (node diversity) or two.
    if (v === src || v === dst || !nodeUsable(v)) continue;
    addEdge(2 * v, 2 * v + 1, diversity === 'node' ? 1 : 2, 0, -1);
  }
  for (let arc = 0; arc < graph.arcCount; arc++) {
    const u = graph.arcFrom[arc]!;
    const v = graph.arcTo[arc]!;
    if (u === dst || v === src || !nodeUsable(u) || !nodeUsable(v)) continue;
    if (state.arcUp[arc] !== 1 || excludedLinks.has(arcLink(arc))) continue;
    let available = state.unreservedBps[arc * PRIORITY_LEVELS + setupPriority]!;
    available += request.ownBps?.get(arc) ?? 0;
    if (available < need) continue;
    addEdge(2 * u + 1, 2 * v, 1, weight[arc]!, arc);
  }
  const source = 2 * src + 1;
  const sink = 2 * dst;

  // Two augmentations along least-cost residual paths (queue-based Bellman–Ford, FIFO order).
  const dist = new Float64Array(2 * n);
  const viaEdge = new Int32Array(2 * n);
  const inQueue = new Uint8Array(2 * n);
  for (let unit = 0; unit < 2; unit++) {
    dist.fill(Infinity);
    viaEdge.fill(-1);
    dist[source] = 0;
    const queue: number[] = [source];
    inQueue[source] = 1;
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head]!;
      inQueue[x] = 0;
      for (const e of edgesFrom[x]!) {
        if (eCap[e]! <= 0) continue;
        const y = eTo[e]!;
        const d = dist[x]! + eCost[e]!;
        if (d < dist[y]!) {
          dist[y] = d;
          viaEdge[y] = e;
          if (inQueue[y] === 0) {
            inQueue[y] = 1;
            queue.push(y);
          }
        }
      }
    }
    if (dist[sink] === Infinity) return undefined;
    for (let x = sink; x !== source;) {
      const e = viaEdge[x]!;
      eCap[e]!--;
      eCap[e ^ 1]!++;
      x = eTo[e ^ 1]!;
    }
  }

  // Arcs carrying flow; a link used both ways cancels out (same total, now link-disjoint).
  const flowArc = new Uint8Array(graph.arcCount);
  for (let e = 0; e < eTo.length; e += 2) if (eArc[e]! >= 0 && eCap[e] === 0) flowArc[eArc[e]!] = 1;
  for (let arc = 0; arc < graph.arcCount; arc += 2) {
    if (flowArc[arc] === 1 && flowArc[arc + 1] === 1) flowArc[arc] = flowArc[arc + 1] = 0;
  }
  const first = extractPath(graph, flowArc, src, dst, weight);
  const second = extractPath(graph, flowArc, src, dst, weight);
  if (first === undefined || second === undefined)
    throw new Error('computeDiversePair: flow decomposition failed');
  return orient(graph, first, second);
}

/** Follows unused flow arcs from src to dst in adjacency order, erasing any loop it closes. */
function extractPath(
  graph: TeGraph,
  flowArc: Uint8Array,
  src: number,
  dst: number,
  weight: Float64Array,
): TePath | undefined {
  const arcs: number[] = [];
  const onPath = new Map<number, number>([[src, 0]]);
  let u = src;
  while (u !== dst) {
    let next = -1;
    for (let i = graph.outStart[u]!; i < graph.outStart[u + 1]!; i++) {
      const arc = graph.outArcs[i]!;
      if (flowArc[arc] !== 1) continue;
      flowArc[arc] = 0;
      next = arc;
      break;
    }
    if (next < 0) return undefined;
    const v = graph.arcTo[next]!;
    const at = onPath.get(v);
    if (at !== undefined) {
      // A cycle back to v: drop it (its cost is not negative, so the total cannot grow).
      for (const arc of arcs.splice(at)) onPath.delete(graph.arcTo[arc]!);
      onPath.set(v, at);
    } else {
      arcs.push(next);
      onPath.set(v, arcs.length);
    }
    u = v;
  }
  let cost = 0;
  for (const arc of arcs) cost += weight[arc]!;
  return { arcs, cost };
}
