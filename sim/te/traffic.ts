/**
 * The traffic the LSPs actually carry, apart from what they reserved (RFC 8051 §3.1.2: an
 * out-of-profile LSP hurts its neighbours). A fluid model: each LSP offers its demand along its
 * path; on an arc loaded beyond capacity every flow through it keeps capacity/load of its rate,
 * and a flow delivers its demand times the smallest such share on its path. Loss is integrated
 * over simulated time.
 *
 * Incremental: a change touches only the flows sharing an overloaded arc with it, and each
 * flow integrates its own totals whenever its rates change, so an uncongested network costs
 * O(path length) per change however many flows it carries.
 */
import { arcLink, type TeGraph } from './graph.ts';

export interface FlowState {
  arcs: readonly number[];
  trafficBps: number;
  reservedBps: number;
}

export interface FlowTotals {
  offeredBits: number;
  deliveredBits: number;
  lostBits: number;
  /** Bits lost while the flow sent within its reservation. */
  inProfileLostBits: number;
}

interface Flow extends FlowState {
  deliveredBps: number;
  sinceUs: number;
  totals: FlowTotals;
}

export class TrafficModel {
  readonly graph: TeGraph;
  private readonly flows = new Map<string, Flow>();
  /** Totals of flows that ended, and of live flows up to their last change. */
  private readonly totals = new Map<string, FlowTotals>();
  private readonly load: Float64Array;
  /** 1 while an arc is down: what crosses it is lost until the head end moves it. */
  private readonly arcDown: Uint8Array;
  private readonly onArc: (Set<string> | undefined)[];
  /** Highest offered load / capacity seen on any arc. */
  peakUtilization = 0;

  constructor(graph: TeGraph) {
    this.graph = graph;
    this.load = new Float64Array(graph.arcCount);
    this.arcDown = new Uint8Array(graph.arcCount);
    this.onArc = new Array<Set<string> | undefined>(graph.arcCount);
  }

  private capacity(arc: number): number {
    return this.graph.linkCapacityBps[arcLink(arc)]!;
  }

  /** Sets (or with `undefined`, ends) the flow of an LSP from `nowUs` on. */
  set(nowUs: number, name: string, state: FlowState | undefined): void {
    const old = this.flows.get(name);
    const touched = new Set<number>();
    if (old !== undefined) {
      this.accumulate(old, nowUs);
      for (const arc of old.arcs) {
        this.load[arc]! -= old.trafficBps;
        this.onArc[arc]!.delete(name);
        touched.add(arc);
      }
      this.flows.delete(name);
    }
    let totals = this.totals.get(name);
    if (totals === undefined) {
      totals = { offeredBits: 0, deliveredBits: 0, lostBits: 0, inProfileLostBits: 0 };
      this.totals.set(name, totals);
    }
    if (state !== undefined) {
      const flow: Flow = {
        ...state,
        arcs: [...state.arcs],
        deliveredBps: state.trafficBps,
        sinceUs: nowUs,
        totals,
      };
      this.flows.set(name, flow);
      for (const arc of flow.arcs) {
        this.load[arc]! += flow.trafficBps;
        (this.onArc[arc] ??= new Set()).add(name);
        touched.add(arc);
        const u = this.load[arc]! / this.capacity(arc);
        if (u > this.peakUtilization) this.peakUtilization = u;
      }
    }
    // Flows sharing a touched arc that is (or was) overloaded may now deliver another rate.
    const affected = new Set<string>();
    if (state !== undefined) affected.add(name);
    for (const arc of touched) {
      const wasOver =
        old !== undefined && old.arcs.includes(arc) && this.load[arc]! + old.trafficBps > this.capacity(arc);
      const isOver = this.load[arc]! > this.capacity(arc);
      if (!wasOver && !isOver) continue;
      for (const other of this.onArc[arc] ?? []) affected.add(other);
    }
    for (const n of affected) {
      const flow = this.flows.get(n)!;
      this.accumulate(flow, nowUs);
      flow.deliveredBps = flow.trafficBps * this.share(flow.arcs);
    }
  }

  /** An arc failed or came back: flows across it deliver nothing while it is down. */
  setArcUp(nowUs: number, arc: number, up: boolean): void {
    const value = up ? 0 : 1;
    if (this.arcDown[arc] === value) return;
    this.arcDown[arc] = value;
    for (const name of this.onArc[arc] ?? []) {
      const flow = this.flows.get(name)!;
      this.accumulate(flow, nowUs);
      flow.deliveredBps = flow.trafficBps * this.share(flow.arcs);
    }
  }

  private share(arcs: readonly number[]): number {
    let share = 1;
    for (const arc of arcs) {
      if (this.arcDown[arc] === 1) return 0;
      const load = this.load[arc]!;
      const capacity = this.capacity(arc);
      if (load > capacity) share = Math.min(share, capacity / load);
    }
    return share;
  }

  private accumulate(flow: Flow, nowUs: number) {
    const dtS = (nowUs - flow.sinceUs) / 1e6;
    flow.sinceUs = nowUs;
    if (dtS <= 0) return;
    const t = flow.totals;
    t.offeredBits += flow.trafficBps * dtS;
    t.deliveredBits += flow.deliveredBps * dtS;
    const lost = (flow.trafficBps - flow.deliveredBps) * dtS;
    t.lostBits += lost;
    if (flow.trafficBps <= flow.reservedBps * (1 + 1e-9)) t.inProfileLostBits += lost;
  }

  /** Brings every flow's totals up to `nowUs` (call at the end of a run, before reading). */
  advance(nowUs: number): void {
    for (const flow of this.flows.values()) this.accumulate(flow, nowUs);
  }

  flowTotals(name: string): FlowTotals | undefined {
    return this.totals.get(name);
  }

  deliveredBps(name: string): number {
    return this.flows.get(name)?.deliveredBps ?? 0;
  }

  sum(): FlowTotals {
    const s: FlowTotals = { offeredBits: 0, deliveredBits: 0, lostBits: 0, inProfileLostBits: 0 };
    for (const t of this.totals.values()) {
      s.offeredBits += t.offeredBits;
      s.deliveredBits += t.deliveredBits;
      s.lostBits += t.lostBits;
      s.inProfileLostBits += t.inProfileLostBits;
    }
    return s;
  }
}
