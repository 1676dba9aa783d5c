/**
 * The traffic-engineering graph a PCE computes on, built once from a topology: routers are
 * numbered in file order, every link becomes two arcs (RSVP-TE reserves per direction, RFC 3209),
 * and the adjacency is a compressed sparse row array in a fixed order (neighbour index, then link
 * index), so every search visits arcs in the same order on every run.
 *
 * Arc 2*l is link l from its `a` end to its `b` end; arc 2*l + 1 is the reverse.
 */
import type { Topology } from '../topology/topology.ts';

/** RSVP-TE setup and holding priorities run 0 (most important) to 7 (RFC 3209 §4.7). */
export const PRIORITY_LEVELS = 8;

export interface TeGraph {
  readonly topology: Topology;
  /** Router names by index, in topology file order. */
  readonly nodeNames: readonly string[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Link ids by index, in topology file order. */
  readonly linkIds: readonly string[];
  readonly linkIndex: ReadonlyMap<string, number>;
  readonly arcCount: number;
  readonly arcFrom: Int32Array;
  readonly arcTo: Int32Array;
  readonly arcIgpMetric: Float64Array;
  readonly arcTeMetric: Float64Array;
  /** Capacity of each link in each direction (full duplex). */
  readonly linkCapacityBps: Float64Array;
  readonly linkSrlgs: readonly (readonly number[])[];
  /** Outgoing arcs of node n are outArcs[outStart[n] .. outStart[n + 1]). */
  readonly outStart: Int32Array;
  readonly outArcs: Int32Array;
}

export const arcLink = (arc: number): number => arc >> 1;
export const reverseArc = (arc: number): number => arc ^ 1;

export function buildTeGraph(topology: Topology): TeGraph {
  const nodeNames = topology.nodes.map((n) => n.name);
  const nodeIndex = new Map(nodeNames.map((name, i) => [name, i]));
  const linkIds = topology.links.map((l) => l.id);
  const linkIndex = new Map(linkIds.map((id, i) => [id, i]));
  const arcCount = topology.links.length * 2;
  const arcFrom = new Int32Array(arcCount);
  const arcTo = new Int32Array(arcCount);
  const arcIgpMetric = new Float64Array(arcCount);
  const arcTeMetric = new Float64Array(arcCount);
  const linkCapacityBps = new Float64Array(topology.links.length);
  topology.links.forEach((link, l) => {
    const a = nodeIndex.get(link.a);
    const b = nodeIndex.get(link.b);
    if (a === undefined || b === undefined) throw new Error(`link ${link.id} names an unknown node`);
    arcFrom[2 * l] = a;
    arcTo[2 * l] = b;
    arcFrom[2 * l + 1] = b;
    arcTo[2 * l + 1] = a;
    arcIgpMetric[2 * l] = arcIgpMetric[2 * l + 1] = link.igpMetric;
    arcTeMetric[2 * l] = arcTeMetric[2 * l + 1] = link.teMetric;
    linkCapacityBps[l] = link.capacityBps;
  });
  const order = Array.from({ length: arcCount }, (_, arc) => arc).sort(
    (x, y) => arcFrom[x]! - arcFrom[y]! || arcTo[x]! - arcTo[y]! || x - y,
  );
  const outStart = new Int32Array(nodeNames.length + 1);
  for (let arc = 0; arc < arcCount; arc++) outStart[arcFrom[arc]! + 1]!++;
  for (let n = 0; n < nodeNames.length; n++) outStart[n + 1]! += outStart[n]!;
  return {
    topology,
    nodeNames,
    nodeIndex,
    linkIds,
    linkIndex,
    arcCount,
    arcFrom,
    arcTo,
    arcIgpMetric,
    arcTeMetric,
    linkCapacityBps,
    linkSrlgs: topology.links.map((l) => l.srlgs),
    outStart,
    outArcs: Int32Array.from(order),
  };
}

/**
 * What a path computation may use: which arcs are up and how much bandwidth each arc has
 * unreserved at each priority (RFC 3630 §2.5.8: Unreserved Bandwidth per priority, where an
 * LSP of setup priority p may take bandwidth held at holding priorities worse than p).
 * A PCE's TED, the data plane and the concurrent optimiser all present this shape.
 */
export interface TeState {
  /** 1 when the arc is up. */
  readonly arcUp: Uint8Array;
  /** unreservedBps[arc * PRIORITY_LEVELS + p]. */
  readonly unreservedBps: Float64Array;
}

/**
 * Adds `deltaBps` at `arc` for every priority from `holdPriority` to 7: bandwidth held at
 * priority h counts against every priority h and worse (RFC 3630 §2.5.8). Negative to reserve
 * in an unreserved array, positive to release (or to sum reservations).
 */
export function addFromPriority(
  values: Float64Array,
  arc: number,
  holdPriority: number,
  deltaBps: number,
): void {
  for (let p = holdPriority; p < PRIORITY_LEVELS; p++) values[arc * PRIORITY_LEVELS + p]! += deltaBps;
}

/** A state with every arc up and nothing reserved. */
export function emptyTeState(graph: TeGraph): { arcUp: Uint8Array; unreservedBps: Float64Array } {
  const arcUp = new Uint8Array(graph.arcCount).fill(1);
  const unreservedBps = new Float64Array(graph.arcCount * PRIORITY_LEVELS);
  for (let arc = 0; arc < graph.arcCount; arc++) {
    unreservedBps.fill(
      graph.linkCapacityBps[arcLink(arc)]!,
      arc * PRIORITY_LEVELS,
      (arc + 1) * PRIORITY_LEVELS,
    );
  }
  return { arcUp, unreservedBps };
}

/** A path as arcs from head end to tail end. */
export interface TePath {
  readonly arcs: readonly number[];
  /** Sum of the chosen metric over the arcs. */
  readonly cost: number;
}

export function pathNodes(graph: TeGraph, arcs: readonly number[]): number[] {
  if (arcs.length === 0) return [];
  return [graph.arcFrom[arcs[0]!]!, ...arcs.map((arc) => graph.arcTo[arc]!)];
}

export function pathNodeNames(graph: TeGraph, arcs: readonly number[]): string[] {
  return pathNodes(graph, arcs).map((n) => graph.nodeNames[n]!);
}
