/**
 * The shared network a scenario's speakers live in: the simulator, the PCEP transport
 * (sim/net), the TE graph, the data plane's real reservations, the modelled IGP-TE flooding
 * that feeds every PCE's TED, and RSVP-TE signalling with its delays. PCCs and PCEs receive
 * one of these; nothing here speaks PCEP.
 */
import type { Simulator } from '../core/simulator.ts';
import { Network } from '../net/network.ts';
import { DataPlane, type AdmissionResult, type Reservation } from '../te/data-plane.ts';
import { arcLink, buildTeGraph, PRIORITY_LEVELS, type TeGraph } from '../te/graph.ts';
import type { TrafficEngineeringDatabase } from '../te/ted.ts';
import { TrafficModel } from '../te/traffic.ts';
import type { Topology } from '../topology/topology.ts';
import { Directory } from './lsp-messages.ts';

/** Line rate of PCE attachment links, and the least any link carries PCEP at. */
export const CONTROL_LINK_BPS = 1e9;

/** RSVP-TE processing time per hop for a Path or Resv message. */
export const RSVP_HOP_PROCESSING_US = 100;

/** What a head end hears from RSVP about its reservations. */
export interface HeadEndHandler {
  /** Preempted by a more important LSP at `arc` (RFC 3209 PathErr, preemption). */
  preempted(key: string, arc: number): void;
  /** A link on the path failed (PathErr / ResvTear after the failure). */
  failed(key: string, link: number): void;
  /** A link came back; the head end hears it through the IGP like every router. */
  linkUp?(link: number): void;
}

export class Lab {
  readonly sim: Simulator;
  readonly net: Network;
  readonly graph: TeGraph;
  readonly dir: Directory;
  readonly dataPlane: DataPlane;
  readonly traffic: TrafficModel;
  readonly floodHopDelayUs: number;
  private readonly heads = new Map<string, HeadEndHandler>();
  private readonly distanceCache = new Map<string, Float64Array>();
  private readonly subscribers: {
    ted: TrafficEngineeringDatabase;
    from: Float64Array;
    pending: Map<number, { up: boolean; unreserved: Float64Array }>;
    lastUs: Float64Array;
    onUpdate: (arc: number) => void;
    active: boolean;
  }[] = [];

  constructor(options: {
    sim: Simulator;
    net: Network;
    graph: TeGraph;
    dir: Directory;
    floodHopDelayUs: number;
  }) {
    this.sim = options.sim;
    this.net = options.net;
    this.graph = options.graph;
    this.dir = options.dir;
    this.floodHopDelayUs = options.floodHopDelayUs;
    this.dataPlane = new DataPlane(options.graph);
    this.traffic = new TrafficModel(options.graph);
    this.dataPlane.onArcChange((arc) => this.flood(arc));
  }

  /**
   * The lab of a topology: its links on the PCEP transport (at their capacity, at least
   * CONTROL_LINK_BPS), a link from every PCE to the router it hangs off, the TE graph and the
   * router ids.
   */
  static build(sim: Simulator, topology: Topology, floodHopDelayUs: number): Lab {
    const net = new Network(sim);
    for (const link of topology.links) {
      const bandwidthBps = Math.max(link.capacityBps, CONTROL_LINK_BPS);
      net.addLink({ id: link.id, a: link.a, b: link.b, delayUs: link.delayUs, bandwidthBps });
    }
    for (const pce of topology.pces) {
      const id = `${pce.name}-${pce.attachTo}`;
      net.addLink({
        id,
        a: pce.name,
        b: pce.attachTo,
        delayUs: pce.attachDelayUs,
        bandwidthBps: CONTROL_LINK_BPS,
      });
    }
    const graph = buildTeGraph(topology);
    return new Lab({ sim, net, graph, dir: new Directory(graph, topology.pces), floodHopDelayUs });
  }

  /** Propagation delay plus per-hop processing from router `from` to every router (static topology). */
  distancesFrom(from: number, perHopUs: number): Float64Array {
    const cacheKey = `${from}:${perHopUs}`;
    const cached = this.distanceCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const g = this.graph;
    const dist = new Float64Array(g.nodeNames.length).fill(Infinity);
    const done = new Uint8Array(g.nodeNames.length);
    dist[from] = 0;
    // Small graphs: a simple O(n²) Dijkstra keeps this obviously right.
    for (;;) {
      let u = -1;
      for (let n = 0; n < dist.length; n++)
        if (!done[n] && dist[n]! < Infinity && (u < 0 || dist[n]! < dist[u]!)) u = n;
      if (u < 0) break;
      done[u] = 1;
      for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
        const arc = g.outArcs[k]!;
        const d = dist[u]! + g.topology.links[arcLink(arc)]!.delayUs + perHopUs;
        if (d < dist[g.arcTo[arc]!]!) dist[g.arcTo[arc]!] = d;
      }
    }
    this.distanceCache.set(cacheKey, dist);
    return dist;
  }

  // -------------------------------------------------------------------------------------------
  // IGP-TE flooding (RFC 3630): every change of an arc's TE state is originated by the arc's
  // head router and reaches each PCE's TED after the flooding delay from that router to the
  // router the PCE peers with. Updates of one arc arrive in order; while one is in flight a
  // newer state replaces it (the IGP's LSA pacing).

  subscribe(ted: TrafficEngineeringDatabase, attachTo: string, onUpdate: (arc: number) => void): () => void {
    const at = this.graph.nodeIndex.get(attachTo);
    if (at === undefined) throw new Error(`no router ${attachTo}`);
    const sub = {
      ted,
      from: this.distancesFrom(at, this.floodHopDelayUs),
      pending: new Map<number, { up: boolean; unreserved: Float64Array }>(),
      lastUs: new Float64Array(this.graph.arcCount),
      onUpdate,
      active: true,
    };
    this.subscribers.push(sub);
    return () => {
      sub.active = false;
      this.subscribers.splice(this.subscribers.indexOf(sub), 1);
    };
  }

  private flood(arc: number) {
    const up = this.dataPlane.arcUp[arc] === 1;
    const unreserved = this.dataPlane.unreservedBps.slice(arc * PRIORITY_LEVELS, (arc + 1) * PRIORITY_LEVELS);
    const origin = this.graph.arcFrom[arc]!;
    for (const sub of this.subscribers) {
      const pending = sub.pending.get(arc);
      if (pending !== undefined) {
        pending.up = up;
        pending.unreserved = unreserved;
        continue;
      }
      sub.pending.set(arc, { up, unreserved });
      const delay = sub.from[origin]!;
      const at = Math.max(
        this.sim.nowUs + (Number.isFinite(delay) ? Math.round(delay) : 0),
        sub.lastUs[arc]!,
      );
      sub.lastUs[arc] = at;
      this.sim.scheduleAt(
        at,
        () => {
          const state = sub.pending.get(arc)!;
          sub.pending.delete(arc);
          if (!sub.active) return;
          sub.ted.apply(arc, state.up, state.unreserved);
          sub.onUpdate(arc);
        },
        undefined,
        'igp.flood',
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // RSVP-TE signalling

  registerHeadEnd(name: string, handler: HeadEndHandler): void {
    this.heads.set(name, handler);
  }

  /** One-way signalling delay along a path: link delays plus per-hop processing. */
  pathDelayUs(arcs: readonly number[]): number {
    let d = 0;
    for (const arc of arcs) d += this.graph.topology.links[arcLink(arc)]!.delayUs + RSVP_HOP_PROCESSING_US;
    return d;
  }

  /**
   * Signals a reservation: admission is decided when the Path message reaches the tail end
   * (one-way delay), and the head end learns the result a round trip after it asked. Victims
   * of preemption hear of it from the preempting point.
   */
  signal(request: Reservation, replaces: string | undefined, done: (result: AdmissionResult) => void): void {
    const oneWayUs = this.pathDelayUs(request.arcs);
    this.sim.schedule(
      oneWayUs,
      () => {
        const result = this.dataPlane.admit(request, replaces);
        if (result.ok) {
          for (const victim of result.preempted) {
            // RFC 3209: the node where preemption happened sends the PathErr.
            const arc = result.preemptedAt?.get(victim.key) ?? victim.arcs[0]!;
            this.notify(victim, arc, (h) => h.preempted(victim.key, arc));
          }
        }
        this.sim.schedule(oneWayUs, () => done(result), undefined, 'rsvp.resv', request.headEnd);
      },
      undefined,
      'rsvp.path',
      request.headEnd,
    );
  }

  /** Takes a link down or up in the data plane and the PCEP transport alike. */
  setLinkUp(link: number, up: boolean): void {
    this.net.setLinkUp(this.graph.linkIds[link]!, up);
    const failed = this.dataPlane.setLinkUp(link, up);
    this.traffic.setArcUp(this.sim.nowUs, 2 * link, up);
    this.traffic.setArcUp(this.sim.nowUs, 2 * link + 1, up);
    if (up) {
      const from = this.graph.nodeIndex.get(this.graph.topology.links[link]!.a)!;
      const distances = this.distancesFrom(from, this.floodHopDelayUs);
      for (const [name, handler] of this.heads) {
        const at = this.graph.nodeIndex.get(name);
        const delay = at === undefined ? 0 : distances[at]!;
        this.sim.schedule(
          Number.isFinite(delay) ? Math.round(delay) : 0,
          () => handler.linkUp?.(link),
          undefined,
          'igp.link-up',
          name,
        );
      }
    }
    for (const r of failed) {
      const arc = r.arcs.find((a) => arcLink(a) === link)!;
      this.notify(r, arc, (h) => h.failed(r.key, link));
    }
  }

  private notify(r: Reservation, arc: number, deliver: (h: HeadEndHandler) => void) {
    const head = this.graph.nodeIndex.get(r.headEnd);
    const from = this.graph.arcFrom[arc]!;
    const delay = head === undefined ? 0 : this.distancesFrom(from, RSVP_HOP_PROCESSING_US)[head]!;
    this.sim.schedule(
      Number.isFinite(delay) ? Math.round(delay) : 0,
      () => {
        const h = this.heads.get(r.headEnd);
        if (h !== undefined) deliver(h);
      },
      undefined,
      'rsvp.patherr',
      r.headEnd,
    );
  }
}
