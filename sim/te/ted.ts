/**
 * A PCE's traffic-engineering database: its own copy of every arc's state (up, unreserved
 * bandwidth per priority), as last flooded by the IGP (RFC 3630 TE LSAs). It lags the network
 * by the flooding delay, which is exactly what a stateless PCE has to live with.
 */
import { emptyTeState, PRIORITY_LEVELS, type TeGraph, type TeState } from './graph.ts';

export class TrafficEngineeringDatabase implements TeState {
  readonly graph: TeGraph;
  readonly arcUp: Uint8Array;
  readonly unreservedBps: Float64Array;
  /** Updates applied so far. */
  updates = 0;

  constructor(graph: TeGraph) {
    this.graph = graph;
    const state = emptyTeState(graph);
    this.arcUp = state.arcUp;
    this.unreservedBps = state.unreservedBps;
  }

  /** Applies one flooded arc update: `unreservedBps` holds the 8 per-priority values. */
  apply(arc: number, up: boolean, unreservedBps: ArrayLike<number>): void {
    this.arcUp[arc] = up ? 1 : 0;
    for (let p = 0; p < PRIORITY_LEVELS; p++)
      this.unreservedBps[arc * PRIORITY_LEVELS + p] = unreservedBps[p]!;
    this.updates++;
  }

  /** Starts from a copy of another state (a PCE that boots with a full database dump). */
  copyFrom(state: TeState): void {
    this.arcUp.set(state.arcUp);
    this.unreservedBps.set(state.unreservedBps);
  }
}
