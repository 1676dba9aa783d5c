/**
 * The network's real reservations: what RSVP-TE has admitted on every arc, by holding priority.
 * PCEs never read this directly; they see it through IGP-TE flooding (their TED) or through
 * the LSP reports of PCCs. Head ends signal through it (sim/nodes/lab.ts adds the delays).
 *
 * Admission follows RFC 3209 with the priorities of RFC 3209 §4.7.4: an LSP of setup priority s
 * may take bandwidth held by reservations of holding priority worse (numerically greater) than
 * s, preempting them. Make-before-break uses Shared Explicit style (RFC 3209 §2.5): the new
 * instance shares bandwidth with the old one on the arcs they have in common.
 */
import { addFromPriority, arcLink, PRIORITY_LEVELS, type TeGraph, type TeState } from './graph.ts';

/** Room left for rounding when comparing bandwidths (bits per second). */
export const BANDWIDTH_EPSILON_BPS = 1e-3;

export interface Reservation {
  /** Unique per LSP instance, e.g. `A/lsp1#2`. */
  readonly key: string;
  /** The head end, told when the reservation is preempted or its path fails. */
  readonly headEnd: string;
  readonly arcs: readonly number[];
  readonly bandwidthBps: number;
  readonly setupPriority: number;
  readonly holdPriority: number;
}

export type AdmissionResult =
  /** `preemptedAt` gives, per victim key, the arc where it had to give way. */
  | { ok: true; preempted: Reservation[]; preemptedAt?: ReadonlyMap<string, number> }
  /** Refused at `arc` (the crankback point, RFC 4920): down, or not enough bandwidth even by preemption. */
  | { ok: false; arc: number; reason: 'link-down' | 'no-bandwidth' };

export class DataPlane implements TeState {
  readonly graph: TeGraph;
  readonly arcUp: Uint8Array;
  /** Unreserved bandwidth per arc and priority, kept current on every change. */
  readonly unreservedBps: Float64Array;
  private readonly reservations = new Map<string, Reservation>();
  /** Reservation keys on each arc, in admission order. */
  private readonly onArc: Set<string>[];
  /** Listeners told of every change to an arc's TE state (the IGP floods it). */
  private readonly arcListeners: ((arc: number) => void)[] = [];

  constructor(graph: TeGraph) {
    this.graph = graph;
    this.arcUp = new Uint8Array(graph.arcCount).fill(1);
    this.unreservedBps = new Float64Array(graph.arcCount * PRIORITY_LEVELS);
    for (let arc = 0; arc < graph.arcCount; arc++) {
      const capacity = graph.linkCapacityBps[arcLink(arc)]!;
      this.unreservedBps.fill(capacity, arc * PRIORITY_LEVELS, (arc + 1) * PRIORITY_LEVELS);
    }
    this.onArc = Array.from({ length: graph.arcCount }, () => new Set<string>());
  }

  onArcChange(listener: (arc: number) => void): void {
    this.arcListeners.push(listener);
  }

  get(key: string): Reservation | undefined {
    return this.reservations.get(key);
  }

  /** All reservations in admission order. */
  all(): Reservation[] {
    return [...this.reservations.values()];
  }

  /** Reservations crossing an arc, in admission order. */
  holdersOf(arc: number): Reservation[] {
    return [...this.onArc[arc]!].map((key) => this.reservations.get(key)!);
  }

  reservedBps(arc: number): number {
    return (
      this.graph.linkCapacityBps[arcLink(arc)]! -
      this.unreservedBps[arc * PRIORITY_LEVELS + PRIORITY_LEVELS - 1]!
    );
  }

  /**
   * Admits a reservation along `arcs` or refuses it at the first arc that cannot carry it.
   * `replaces` names the same tunnel's current instance (make-before-break, Shared Explicit):
   * its bandwidth counts as available on the arcs in common, and on success it is released as
   * the new instance takes over. Preemption victims are chosen per arc, worst holding priority
   * first, then the largest, then by key, until the new reservation fits.
   */
  admit(request: Reservation, replaces?: string): AdmissionResult {
    if (this.reservations.has(request.key)) throw new Error(`reservation ${request.key} exists`);
    const old = replaces !== undefined ? this.reservations.get(replaces) : undefined;
    const own = (arc: number) =>
      old !== undefined && old.holdPriority <= request.setupPriority && old.arcs.includes(arc)
        ? old.bandwidthBps
        : 0;
    const setup = request.setupPriority;
    for (const arc of request.arcs) {
      if (this.arcUp[arc] !== 1) return { ok: false, arc, reason: 'link-down' };
      // Unreserved at the setup priority already counts what lower priorities hold as available.
      if (
        this.unreservedBps[arc * PRIORITY_LEVELS + setup]! + own(arc) + BANDWIDTH_EPSILON_BPS <
        request.bandwidthBps
      ) {
        return { ok: false, arc, reason: 'no-bandwidth' };
      }
    }
    const victims = new Map<string, Reservation>();
    const victimArcs = new Map<string, number>();
    // Free bandwidth counts every reservation, the old instance's too, so it comes back here
    // whatever its holding priority.
    const oldOn = (arc: number) => (old !== undefined && old.arcs.includes(arc) ? old.bandwidthBps : 0);
    for (const arc of request.arcs) {
      let freeBps = this.unreservedBps[arc * PRIORITY_LEVELS + PRIORITY_LEVELS - 1]! + oldOn(arc);
      for (const victim of victims.values()) if (victim.arcs.includes(arc)) freeBps += victim.bandwidthBps;
      if (freeBps + BANDWIDTH_EPSILON_BPS >= request.bandwidthBps) continue;
      const candidates = this.holdersOf(arc)
        .filter((r) => r.holdPriority > setup && r.key !== replaces && !victims.has(r.key))
        .sort(
          (x, y) =>
            y.holdPriority - x.holdPriority || y.bandwidthBps - x.bandwidthBps || (x.key < y.key ? -1 : 1),
        );
      for (const victim of candidates) {
        if (freeBps + BANDWIDTH_EPSILON_BPS >= request.bandwidthBps) break;
        victims.set(victim.key, victim);
        victimArcs.set(victim.key, arc);
        freeBps += victim.bandwidthBps;
      }
    }
    const preempted = [...victims.values()];
    for (const victim of preempted) this.release(victim.key);
    if (old !== undefined) this.release(old.key);
    this.reservations.set(request.key, request);
    for (const arc of request.arcs) {
      this.onArc[arc]!.add(request.key);
      this.adjust(arc, request.holdPriority, -request.bandwidthBps);
    }
    for (const arc of request.arcs) this.changed(arc);
    return preempted.length === 0
      ? { ok: true, preempted }
      : { ok: true, preempted, preemptedAt: victimArcs };
  }

  /** Removes a reservation (teardown, or the old instance after make-before-break). */
  release(key: string): Reservation | undefined {
    const reservation = this.reservations.get(key);
    if (reservation === undefined) return undefined;
    this.reservations.delete(key);
    for (const arc of reservation.arcs) {
      this.onArc[arc]!.delete(key);
      this.adjust(arc, reservation.holdPriority, reservation.bandwidthBps);
    }
    for (const arc of reservation.arcs) this.changed(arc);
    return reservation;
  }

  /**
   * Takes a link down or up. Returns the reservations crossing a link that went down; their
   * head ends learn of it by RSVP PathErr (the caller delivers that) and they are released.
   */
  setLinkUp(link: number, up: boolean): Reservation[] {
    const value = up ? 1 : 0;
    if (this.arcUp[2 * link] === value) return [];
    this.arcUp[2 * link] = this.arcUp[2 * link + 1] = value;
    const failed = up
      ? []
      : [...new Set([...this.onArc[2 * link]!, ...this.onArc[2 * link + 1]!])].map((key) =>
          this.reservations.get(key)!,
        );
    for (const r of failed) this.release(r.key);
    this.changed(2 * link);
    this.changed(2 * link + 1);
    return failed;
  }

  /** Adds `deltaBps` to the unreserved bandwidth of every priority at or worse than `holdPriority`. */
  private adjust(arc: number, holdPriority: number, deltaBps: number) {
    addFromPriority(this.unreservedBps, arc, holdPriority, deltaBps);
  }

  private changed(arc: number) {
    for (const listener of this.arcListeners) listener(arc);
  }
}
