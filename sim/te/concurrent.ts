/**
 * Concurrent (global) placement of a set of LSPs, as an active stateful PCE does it (RFC 8051
 * §3.1; RFC 5557, Global Concurrent Optimization): all delegated LSPs are placed together, so the
 * outcome depends neither on the order in which requests arrived nor on who asked first.
 *
 * Model. `state` is the network without the demands' own reservations. A demand placed on a path
 * reserves its bandwidth on every arc at its holding priority: the bandwidth unreserved at every
 * priority p >= hold goes down (RFC 3630 §2.5.8). A demand fits on an arc when, with it added,
 * the unreserved bandwidth is still non-negative at its own setup priority and at the setup
 * priority of every demand already placed there: the placement must hold together without one
 * demand preempting another (RFC 3209 §4.7). A holding priority numerically above the setup
 * priority is taken as equal to it (RFC 3209 §4.7.4: holding should not be weaker than setup).
 * Pinned demands (not delegated to this PCE) keep their current arcs and count in every sum.
 *
 * Objective, compared lexicographically:
 *   1. admitted bandwidth per setup-priority class, class 0 first (the most important LSPs are
 *      placed first; RFC 8051 §3.1.1 throughput and bin packing, §3.1.3 priorities);
 *   2. the least traffic lost by in-profile demands (traffic <= bandwidth) in a fluid model: each
 *      placed demand sends its traffic along its path; on an arc whose load exceeds what the
 *      demands may use (the bandwidth unreserved at priority 7 in `state`, i.e. capacity minus the
 *      other LSPs' reservations) every flow is scaled by capacity/load, and a flow delivers its
 *      traffic times the smallest scale on its path (RFC 8051 §3.1.2: isolate in-profile LSPs
 *      from out-of-profile ones);
 *   3. the fewest demands moved or dropped (RFC 8051 §3.1.3, minimum perturbation), then, among
 *      those, the fewest in-profile ones: when someone has to move, it is the out-of-profile
 *      LSP causing the harm rather than the one suffering it (RFC 8051 §3.1.2);
 *   4. the least total cost (each demand's own metric);
 *   5. the canonical choice: demands in canonical order (setup priority ascending, bandwidth
 *      descending, id ascending), each preferring its earlier candidate (current path, then its
 *      k shortest paths in CSPF order, then unplaced). This makes the result a function of the
 *      set of demands, never of the order they were given in (RFC 8051 §3.1.4, predictability).
 *
 * Candidates per demand: its current path when still feasible on `state`, then its k shortest
 * paths on `state` (kShortestPaths with its constraints; ownBps is ignored, since `state` holds
 * none of the demands' reservations), then "unplaced".
 *
 * Search: exact depth-first branch and bound over the candidates in canonical order, which visits
 * complete assignments in the order of rule 5, so the first assignment found with a given score
 * is the canonical one. Bounds: (1) admitted so far plus every later demand with a candidate that
 * still fits; (2)–(4) the partial sums, which only grow as demands are added (more load never
 * delivers more). The incumbent starts as a greedy placement (current paths kept where they fit,
 * then CSPF on the residual network in canonical order); if the search budget runs out, the best
 * placement found so far is returned with `exhaustive: false`.
 */
import { bandwidthNeeded, computePath, pathCost, pathFeasible, type PathConstraints } from './cspf.ts';
import { kShortestPaths } from './k-shortest.ts';
import { addFromPriority, PRIORITY_LEVELS, type TeGraph, type TePath, type TeState } from './graph.ts';

export interface PlacementDemand extends PathConstraints {
  id: string;
  src: number;
  dst: number;
  holdPriority: number;
  /** Arcs of the path it holds now, if placed. */
  currentArcs?: readonly number[];
  /** Measured traffic; above bandwidthBps means out of profile (RFC 8051 §3.1.2). Default bandwidthBps. */
  trafficBps?: number;
  /** Cannot be moved or dropped (not delegated to this PCE). */
  pinned?: boolean;
}

export interface PlacementOptions {
  /** k shortest paths per demand, default 4. */
  candidates?: number;
  /** Branch-and-bound nodes, default 200,000. */
  searchBudget?: number;
}

export interface Placement {
  /** Every demand's path, in input order; undefined when not placed. */
  paths: Map<string, TePath | undefined>;
  /** Bandwidth of every placed demand, pinned ones included. */
  admittedBps: number;
  /** Demands with a current path now placed on another path (input order). */
  moved: string[];
  /** Demands with a current path now not placed (input order). */
  dropped: string[];
  /** True when the search finished within its budget, so the placement is optimal over the candidates. */
  exhaustive: boolean;
}

interface Prepared {
  demand: PlacementDemand;
  setup: number;
  hold: number;
  bandwidthBps: number;
  /** Least unreserved bandwidth on an arc that admits this demand. */
  need: number;
  trafficBps: number;
  inProfile: boolean;
  current: readonly number[] | undefined;
  candidates: TePath[];
}

interface Score {
  admitted: Float64Array;
  loss: number;
  moved: number;
  movedInProfile: number;
  cost: number;
}

const near = (x: number, y: number): boolean =>
  Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

/** Negative when `a` is better than `b` (rules 1–4 of the file header), 0 when they tie. */
function compareScores(a: Score, b: Score): number {
  for (let p = 0; p < PRIORITY_LEVELS; p++) {
    const x = a.admitted[p]!;
    const y = b.admitted[p]!;
    if (!near(x, y)) return x > y ? -1 : 1;
  }
  if (!near(a.loss, b.loss)) return a.loss < b.loss ? -1 : 1;
  if (a.moved !== b.moved) return a.moved - b.moved;
  if (a.movedInProfile !== b.movedInProfile) return a.movedInProfile - b.movedInProfile;
  if (!near(a.cost, b.cost)) return a.cost < b.cost ? -1 : 1;
  return 0;
}

function sameArcs(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkPriority(id: string, name: string, p: number): void {
  if (!Number.isInteger(p) || p < 0 || p >= PRIORITY_LEVELS) {
    throw new RangeError(`demand ${id}: ${name} ${p} is not 0..7`);
  }
}

/**
 * Places `demands` together on `state` (the network without their reservations); see the file
 * header for the model and the objective. Throws RangeError on duplicate ids or priorities out
 * of range.
 */
export function placeConcurrently(
  graph: TeGraph,
  state: TeState,
  demands: readonly PlacementDemand[],
  options: PlacementOptions = {},
): Placement {
  const k = options.candidates ?? 4;
  const budget = options.searchBudget ?? 200_000;
  const ids = new Set<string>();
  const prepared = demands.map((demand): Prepared => {
    if (ids.has(demand.id)) throw new RangeError(`demand id ${demand.id} given twice`);
    ids.add(demand.id);
    checkPriority(demand.id, 'setupPriority', demand.setupPriority);
    checkPriority(demand.id, 'holdPriority', demand.holdPriority);
    const bandwidthBps = Math.max(0, demand.bandwidthBps);
    const trafficBps = demand.trafficBps ?? bandwidthBps;
    const request = { ...demand, ownBps: undefined };
    const candidates: TePath[] = [];
    const current = demand.currentArcs;
    if (demand.pinned !== true) {
      if (current !== undefined && pathFeasible(graph, state, request, current)) {
        candidates.push({ arcs: [...current], cost: pathCost(graph, demand.metric, current) });
      }
      for (const path of kShortestPaths(graph, state, request, k)) {
        if (!sameArcs(path.arcs, current)) candidates.push(path);
      }
    }
    return {
      demand,
      setup: demand.setupPriority,
      hold: Math.min(demand.holdPriority, demand.setupPriority),
      bandwidthBps,
      need: bandwidthNeeded(bandwidthBps),
      trafficBps,
      inProfile: trafficBps <= bandwidthBps,
      current,
      candidates,
    };
  });

  const search = new Search(graph, state);
  for (const d of prepared) {
    if (d.demand.pinned === true && d.current !== undefined) search.place(d, d.current, true);
  }
  const order = prepared
    .filter((d) => d.demand.pinned !== true)
    .sort(
      (a, b) =>
        a.setup - b.setup ||
        b.bandwidthBps - a.bandwidthBps ||
        (a.demand.id < b.demand.id ? -1 : a.demand.id > b.demand.id ? 1 : 0),
    );
  const best = search.run(order, budget);

  const chosen = new Map<Prepared, TePath | undefined>();
  order.forEach((d, i) => chosen.set(d, best[i]));
  const paths = new Map<string, TePath | undefined>();
  const moved: string[] = [];
  const dropped: string[] = [];
  let admittedBps = 0;
  for (const d of prepared) {
    const id = d.demand.id;
    let path: TePath | undefined;
    if (d.demand.pinned === true) {
      path =
        d.current === undefined
          ? undefined
          : { arcs: [...d.current], cost: pathCost(graph, d.demand.metric, d.current) };
    } else {
      path = chosen.get(d);
      if (d.current !== undefined) {
        if (path === undefined) dropped.push(id);
        else if (!sameArcs(path.arcs, d.current)) moved.push(id);
      }
    }
    if (path !== undefined) admittedBps += d.bandwidthBps;
    paths.set(id, path);
  }
  return { paths, admittedBps, moved, dropped, exhaustive: !search.aborted };
}

/** The mutable network state of the search: residual bandwidth, who sits where, traffic load. */
class Search {
  /** Unreserved bandwidth per arc and priority, as state minus the placed demands. */
  private readonly residual: Float64Array;
  /** Placed demands per arc and setup priority. */
  private readonly setupCount: Int32Array;
  /** Traffic offered to each arc by placed demands. */
  private readonly load: Float64Array;
  /** What the demands' traffic may use on each arc (fluid model). */
  private readonly fluidCapacity: Float64Array;
  /** Placed in-profile demands, for the loss. */
  private readonly flows: { trafficBps: number; arcs: readonly number[] }[] = [];
  private readonly admitted = new Float64Array(PRIORITY_LEVELS);
  private moved = 0;
  private movedInProfile = 0;
  private cost = 0;
  aborted = false;

  constructor(
    private readonly graph: TeGraph,
    private readonly state: TeState,
  ) {
    this.residual = Float64Array.from(state.unreservedBps);
    this.setupCount = new Int32Array(graph.arcCount * PRIORITY_LEVELS);
    this.load = new Float64Array(graph.arcCount);
    this.fluidCapacity = new Float64Array(graph.arcCount);
    for (let arc = 0; arc < graph.arcCount; arc++) {
      const free = state.unreservedBps[arc * PRIORITY_LEVELS + PRIORITY_LEVELS - 1]!;
      this.fluidCapacity[arc] = state.arcUp[arc] === 1 ? Math.max(0, free) : 0;
    }
  }

  /** Whether `d` fits on every arc of `arcs` next to what is placed (see the model above). */
  fits(d: Prepared, arcs: readonly number[]): boolean {
    const { residual, setupCount } = this;
    for (const arc of arcs) {
      if (this.state.arcUp[arc] !== 1) return false;
      const base = arc * PRIORITY_LEVELS;
      for (let p = d.hold; p < PRIORITY_LEVELS; p++) {
        if ((p === d.setup || setupCount[base + p]! > 0) && residual[base + p]! < d.need) return false;
      }
    }
    return true;
  }

  place(d: Prepared, arcs: readonly number[], pinned = false): void {
    this.reserve(d, arcs, 1);
    this.admitted[d.setup]! += d.bandwidthBps;
    if (d.inProfile) this.flows.push({ trafficBps: d.trafficBps, arcs });
    if (!pinned) this.account(d, arcs, 1);
  }

  unplace(d: Prepared, arcs: readonly number[]): void {
    this.reserve(d, arcs, -1);
    this.admitted[d.setup]! -= d.bandwidthBps;
    if (d.inProfile) this.flows.pop();
    this.account(d, arcs, -1);
  }

  private reserve(d: Prepared, arcs: readonly number[], sign: 1 | -1): void {
    const bw = sign * d.bandwidthBps;
    for (const arc of arcs) {
      addFromPriority(this.residual, arc, d.hold, -bw);
      this.setupCount[arc * PRIORITY_LEVELS + d.setup]! += sign;
      this.load[arc]! += sign * d.trafficBps;
    }
  }

  /** Perturbation and cost of choosing `arcs` (undefined: unplaced) for a demand of the search. */
  private account(d: Prepared, arcs: readonly number[] | undefined, sign: 1 | -1): void {
    if (d.current !== undefined && !sameArcs(arcs, d.current)) {
      this.moved += sign;
      if (d.inProfile) this.movedInProfile += sign;
    }
    if (arcs !== undefined) this.cost += sign * pathCost(this.graph, d.demand.metric, arcs);
  }

  /** Traffic the in-profile placed demands lose in the fluid model. */
  private loss(): number {
    let loss = 0;
    for (const flow of this.flows) {
      let scale = 1;
      for (const arc of flow.arcs) {
        const load = this.load[arc]!;
        const capacity = this.fluidCapacity[arc]!;
        if (load > capacity) scale = Math.min(scale, capacity / load);
      }
      loss += flow.trafficBps * (1 - scale);
    }
    return loss;
  }

  private score(admitted: Float64Array): Score {
    return {
      admitted,
      loss: this.loss(),
      moved: this.moved,
      movedInProfile: this.movedInProfile,
      cost: this.cost,
    };
  }

  /** The greedy seed: current paths kept where they fit, then CSPF on the residual, canonical order. */
  private greedy(order: readonly Prepared[]): (TePath | undefined)[] {
    const chosen: (TePath | undefined)[] = order.map(() => undefined);
    order.forEach((d, i) => {
      const first = d.candidates[0];
      if (first !== undefined && sameArcs(first.arcs, d.current) && this.fits(d, first.arcs)) {
        this.place(d, first.arcs);
        chosen[i] = first;
      }
    });
    const effective = new Float64Array(this.residual.length);
    const view: TeState = { arcUp: this.state.arcUp, unreservedBps: effective };
    order.forEach((d, i) => {
      if (chosen[i] !== undefined || d.candidates.length === 0) return;
      // What this demand may take on each arc: the least residual over the priorities it must respect.
      for (let arc = 0; arc < this.graph.arcCount; arc++) {
        const base = arc * PRIORITY_LEVELS;
        let free = Infinity;
        for (let p = d.hold; p < PRIORITY_LEVELS; p++) {
          if (p === d.setup || this.setupCount[base + p]! > 0)
            free = Math.min(free, this.residual[base + p]!);
        }
        effective[base + d.setup] = free;
      }
      const path = computePath(this.graph, view, { ...d.demand, ownBps: undefined });
      if (path !== undefined && this.fits(d, path.arcs)) {
        this.place(d, path.arcs);
        chosen[i] = path;
      }
    });
    for (let i = order.length - 1; i >= 0; i--) {
      const path = chosen[i];
      if (path !== undefined) this.unplace(order[i]!, path.arcs);
    }
    return chosen;
  }

  /** Branch and bound over `order`; returns the chosen path per demand of `order`. */
  run(order: readonly Prepared[], budget: number): (TePath | undefined)[] {
    const m = order.length;
    let incumbent = this.greedy(order);
    // Score the seed by replaying it.
    for (let i = 0; i < m; i++) {
      const path = incumbent[i];
      if (path !== undefined) this.place(order[i]!, path.arcs);
      else this.account(order[i]!, undefined, 1);
    }
    let incumbentScore = this.score(Float64Array.from(this.admitted));
    for (let i = m - 1; i >= 0; i--) {
      const path = incumbent[i];
      if (path !== undefined) this.unplace(order[i]!, path.arcs);
      else this.account(order[i]!, undefined, -1);
    }
    /** The seed is not a search result: a search result with the same score replaces it (rule 5). */
    let incumbentFromSearch = false;

    const choice: (TePath | undefined)[] = order.map(() => undefined);
    const bound = new Float64Array(PRIORITY_LEVELS);
    let nodes = 0;

    const prune = (i: number): boolean => {
      // Rule 1: admitted so far plus every remaining demand that still has a candidate that fits.
      bound.set(this.admitted);
      for (let j = i; j < m; j++) {
        const d = order[j]!;
        if (d.candidates.some((c) => this.fits(d, c.arcs))) bound[d.setup]! += d.bandwidthBps;
      }
      for (let p = 0; p < PRIORITY_LEVELS; p++) {
        const x = bound[p]!;
        const y = incumbentScore.admitted[p]!;
        if (!near(x, y)) return x < y;
      }
      // Rules 2-4: the partial values only grow with more demands placed.
      const cmp = compareScores(this.score(incumbentScore.admitted), incumbentScore);
      return cmp > 0 || (cmp === 0 && incumbentFromSearch);
    };

    const visit = (i: number): void => {
      if (i === m) {
        const score = this.score(Float64Array.from(this.admitted));
        const cmp = compareScores(score, incumbentScore);
        if (cmp < 0 || (cmp === 0 && !incumbentFromSearch)) {
          incumbent = choice.slice();
          incumbentScore = score;
          incumbentFromSearch = true;
        }
        return;
      }
      if (prune(i)) return;
      const d = order[i]!;
      for (const candidate of d.candidates) {
        if (++nodes > budget) {
          this.aborted = true;
          return;
        }
        if (!this.fits(d, candidate.arcs)) continue;
        this.place(d, candidate.arcs);
        choice[i] = candidate;
        visit(i + 1);
        this.unplace(d, candidate.arcs);
        choice[i] = undefined;
        if (this.aborted) return;
      }
      if (++nodes > budget) {
        this.aborted = true;
        return;
      }
      this.account(d, undefined, 1);
      visit(i + 1);
      this.account(d, undefined, -1);
    };
    visit(0);
    return incumbent;
  }
}
