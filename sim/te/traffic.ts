/**
 * The traffic the LSPs actually carry, apart from what they reserved (RFC 8051 §3.1.2: an
 * out-of-profile LSP hurts its neighbours). A fluid model: each LSP offers its demand along its
 * path; on an arc loaded beyond capacity every flow through it keeps capacity/load of its rate,
 * and a flow delivers its demand times the smallest such share on its path. Loss is integrated
 * over simulated time between changes.
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
  /** Bits lost by flows sending within their reservation. */
  inProfileLostBits: number;
}

export class TrafficModel {
  readonly graph: TeGraph;
  private readonly flows = new Map<string, FlowState>();
  private readonly totals = new Map<string, FlowTotals>();
  private rates = new Map<string, number>();
  private lastUs = 0;
  /** Highest offered load / capacity seen on any up arc. */
  peakUtilization = 0;
  private readonly load: Float64Array;

  constructor(graph: TeGraph) {
    this.graph = graph;
    this.load = new Float64Array(graph.arcCount);
  }

  /** Sets (or with `undefined`, removes) the flow of an LSP at `nowUs`. */
  set(nowUs: number, name: string, flow: FlowState | undefined): void {
    this.advance(nowUs);
    if (flow === undefined) this.flows.delete(name);
    else this.flows.set(name, flow);
    if (!this.totals.has(name))
      this.totals.set(name, { offeredBits: 0, deliveredBits: 0, lostBits: 0, inProfileLostBits: 0 });
    this.recompute();
  }

  /** Integrates loss up to `nowUs`. */
  advance(nowUs: number): void {
    const dtS = (nowUs - this.lastUs) / 1e6;
    this.lastUs = nowUs;
    if (dtS <= 0) return;
    for (const [name, flow] of this.flows) {
      const t = this.totals.get(name)!;
      const delivered = this.rates.get(name) ?? 0;
      t.offeredBits += flow.trafficBps * dtS;
      t.deliveredBits += delivered * dtS;
      const lost = (flow.trafficBps - delivered) * dtS;
      t.lostBits += lost;
      if (flow.trafficBps <= flow.reservedBps * (1 + 1e-9)) t.inProfileLostBits += lost;
    }
  }

  flowTotals(name: string): FlowTotals | undefined {
    return this.totals.get(name);
  }

  deliveredBps(name: string): number {
    return this.rates.get(name) ?? 0;
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

  private recompute() {
    this.load.fill(0);
    for (const flow of this.flows.values()) for (const arc of flow.arcs) this.load[arc]! += flow.trafficBps;
    const rates = new Map<string, number>();
    for (const [name, flow] of this.flows) {
      let share = 1;
      for (const arc of flow.arcs) {
        const capacity = this.graph.linkCapacityBps[arcLink(arc)]!;
        const load = this.load[arc]!;
        if (load > capacity) share = Math.min(share, capacity / load);
      }
      rates.set(name, flow.trafficBps * share);
    }
    for (let arc = 0; arc < this.graph.arcCount; arc++) {
      const u = this.load[arc]! / this.graph.linkCapacityBps[arcLink(arc)]!;
      if (u > this.peakUtilization) this.peakUtilization = u;
    }
    this.rates = rates;
  }
}
