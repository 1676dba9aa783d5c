/**
 * The k best loopless paths for one request: Yen's algorithm over computePath. A PCE uses them
 * when one path is not enough: candidates for concurrent placement (RFC 5557), working paths to
 * pair with a backup (RFC 8051 §3.4), or several LSPs between the same ends.
 *
 * Paths are ranked as computePath ranks them (cost, hops, node indices, then link indices; see
 * cspf.ts) and every path meets all of the request's constraints. The order is compatible with
 * prefixes (two paths sharing a root compare as their remainders do), which is what Yen's
 * argument needs, so the i-th path returned is the i-th best under that order. Paths are arc
 * sequences: two parallel links give two different paths over the same nodes.
 */
import { computePath, comparePaths, pathCost, type PathRequest } from './cspf.ts';
import { arcLink, pathNodes, type TeGraph, type TePath, type TeState } from './graph.ts';

/** Up to `k` best loopless paths for `request`, best first (fewer when fewer exist). */
export function kShortestPaths(graph: TeGraph, state: TeState, request: PathRequest, k: number): TePath[] {
  const out: TePath[] = [];
  if (k <= 0) return out;
  for (const path of yenPaths(graph, state, request)) {
    out.push(path);
    if (out.length >= k) break;
  }
  return out;
}

/**
 * Yen's algorithm as a lazy sequence: each step yields the next best path, so a caller can stop
 * as soon as it has seen enough (computeDiversePair does).
 */
export function* yenPaths(graph: TeGraph, state: TeState, request: PathRequest): Generator<TePath> {
  const first = computePath(graph, state, request);
  if (first === undefined) return;
  const found: TePath[] = [first];
  const seen = new Set<string>([first.arcs.join(',')]);
  /** Candidates not yet taken, kept sorted best first. */
  const candidates: TePath[] = [];
  yield first;
  for (;;) {
    const last = found[found.length - 1]!;
    const nodes = pathNodes(graph, last.arcs);
    for (let i = 0; i < last.arcs.length; i++) {
      // Spur from nodes[i]: keep the root (the first i arcs), avoid the root's nodes and every
      // next arc already taken after this same root.
      const root = last.arcs.slice(0, i);
      const excludeLinks = new Set(request.excludeLinks);
      for (const p of found) {
        if (p.arcs.length > i && sameStart(p.arcs, last.arcs, i)) excludeLinks.add(arcLink(p.arcs[i]!));
      }
      const excludeNodes = new Set(request.excludeNodes);
      for (let j = 0; j < i; j++) excludeNodes.add(nodes[j]!);
      // computePath exempts only the spur's own ends (nodes[i] and dst) from exclusion, so the
      // root's nodes, the original head end among them, stay off the spur: paths remain loopless.
      const spur = computePath(graph, state, {
        ...request,
        src: nodes[i]!,
        excludeLinks,
        excludeNodes,
        maxHops: request.maxHops === undefined ? undefined : request.maxHops - i,
      });
      if (spur === undefined) continue;
      const arcs = root.concat(spur.arcs);
      const key = arcs.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      insertSorted(graph, candidates, { arcs, cost: pathCost(graph, request.metric, root) + spur.cost });
    }
    const next = candidates.shift();
    if (next === undefined) return;
    found.push(next);
    yield next;
  }
}

function sameStart(a: readonly number[], b: readonly number[], length: number): boolean {
  for (let j = 0; j < length; j++) if (a[j] !== b[j]) return false;
  return true;
}

function insertSorted(graph: TeGraph, list: TePath[], path: TePath): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePaths(graph, list[mid]!, path) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, path);
}
