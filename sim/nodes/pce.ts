/**
 * A PCE in one of three roles (RFC 8051 §2):
 *  - stateless: answers PCReq from its TED alone (RFC 5440);
 *  - passive stateful: also learns every LSP from PCRpt into its LSP-DB (RFC 8231) and computes
 *    with it, holding the bandwidth of paths it handed out until they are reported, and
 *    recomputing all LSPs hit by a failure together when the first reroute request arrives
 *    (RFC 8051 §3.4.2);
 *  - active stateful: LSPs are delegated to it; it places them all together (RFC 8051 §3.1)
 *    after a batching window, moves existing LSPs make-before-break before setting up new ones
 *    so nothing is preempted, reoptimises on events, and creates and deletes LSPs itself
 *    (RFC 8281).
 * Its TED is fed by the modelled IGP flooding; after a crash it boots with a full dump.
 */
import type { PcepMessage, Tlv } from '../pcep/index.ts';
import type { PcepSession } from '../session/session.ts';
import type { SessionConfig } from '../session/config.ts';
import { placeConcurrently, type Placement, type PlacementDemand } from '../te/concurrent.ts';
import { computePath, pathCost, pathFeasible, type PathConstraints } from '../te/cspf.ts';
import { computeDiversePair } from '../te/diverse.ts';
import {
  addFromPriority,
  arcLink,
  pathNodeNames,
  PRIORITY_LEVELS,
  type TePath,
  type TeState,
} from '../te/graph.ts';
import { LspDatabase, LspOperational, type LspRecord } from '../te/lsp-db.ts';
import { TrafficEngineeringDatabase } from '../te/ted.ts';
import type { Lab } from './lab.ts';
import {
  arcsOfNodes,
  constraintsProblem,
  buildPcInitiate,
  buildPcRep,
  buildPcUpd,
  readPcReq,
  readPcRpt,
  type LspConstraints,
  type LspReportRecord,
  type LspUpdateRecord,
  type PathReplyRecord,
  type PathRequestRecord,
} from './lsp-messages.ts';
import type { PceSettings } from './settings.ts';
import { PcepSpeaker } from './speaker.ts';

export type PceRole = 'stateless' | 'passive' | 'active';

export interface PceOptions {
  name: string;
  lab: Lab;
  role: PceRole;
  /** The router the PCE peers with for IGP flooding. */
  attachTo: string;
  settings: PceSettings;
  session?: Partial<SessionConfig>;
  /** Sees every PCEP byte sent, for captures. */
  tap?: (from: string, to: string, bytes: Uint8Array) => void;
}

export interface PceStats {
  requests: number;
  computations: number;
  noPath: number;
  updates: number;
  initiations: number;
  replans: number;
  restorationPlans: number;
}

/** An update and the PCC it goes to. */
type PccUpdate = LspUpdateRecord & { pcc: string };

/** An LSP the PCE wants created (RFC 8281), until the PCC reports it. */
interface Initiation {
  pcc: string;
  name: string;
  dst: string;
  constraints: LspConstraints;
  srpId?: number;
  removeRequested: boolean;
}

/** How long bandwidth handed out in a reply is held for the LSP that will signal it. */
const HOLD_US = 5_000_000;
/** How long an active PCE waits for the reports of its first-phase updates. */
const PHASE_TIMEOUT_US = 2_000_000;
/** How long an active PCE waits for the report answering any update before it moves on. */
const UPDATE_TIMEOUT_US = 10_000_000;
/** Failed placements of one LSP in a row before the PCE waits for the network to change. */
const MAX_PLACEMENT_FAILURES = 3;
/** Batches up to this many LSPs go to the exact concurrent optimiser; larger ones first try incremental placement. */
const EXACT_PLACEMENT_LIMIT = 32;
/** Triggers after which resources may have been freed, so blocked LSPs are worth another search. */
const FREEING_TRIGGERS = new Set([
  'LSP removed',
  'LSP down',
  'state timeout',
  'session down',
  'link up',
  'demand change',
  'deferred',
]);

export class Pce {
  readonly name: string;
  readonly role: PceRole;
  readonly lab: Lab;
  readonly settings: PceSettings;
  readonly speaker: PcepSpeaker;
  readonly ted: TrafficEngineeringDatabase;
  readonly lspDb = new LspDatabase();
  readonly stats: PceStats = {
    requests: 0,
    computations: 0,
    noPath: 0,
    updates: 0,
    initiations: 0,
    replans: 0,
    restorationPlans: 0,
  };
  alive = true;
  private readonly attachTo: string;
  private unsubscribe: (() => void) | undefined;
  private nextSrpId = 1;
  /** Bandwidth handed out and not yet reported: LSP key → arcs, bandwidth, expiry. */
  private readonly holds = new Map<
    string,
    { arcs: number[]; bandwidthBps: number; holdPriority: number; untilUs: number }
  >();
  /** LSPs a restoration plan was made for, until they are up again (or the plan expires). */
  private readonly planned = new Map<string, number>();
  /** Paths computed ahead for LSPs a failure hit (passive, RFC 8051 §3.4.2). */
  private readonly plans = new Map<string, { nodes: string[]; untilUs: number }>();
  /** PCCs in state synchronisation: records not reported yet are stale (RFC 8231 §5.6). */
  private readonly syncing = new Map<string, Set<string>>();
  private readonly stateTimers = new Map<string, number>();
  private readonly initiations = new Map<string, Initiation>();
  private readonly failures = new Map<string, number>();
  private replanTimer: number | undefined;
  private awaiting = new Set<number>();
  private phaseTwo: PccUpdate[] | undefined;
  private phaseTimer: number | undefined;
  private dirty = false;
  /** Bumped by a crash, so timers of the PCE's previous life do nothing. */
  private generation = 0;
  private replanReason = 'sync';
  /** Large batches: demands the last placement left unplaced. */
  private readonly lastBlocked = new Set<string>();

  constructor(options: PceOptions) {
    this.name = options.name;
    this.role = options.role;
    this.lab = options.lab;
    this.settings = options.settings;
    this.attachTo = options.attachTo;
    this.ted = new TrafficEngineeringDatabase(options.lab.graph);
    this.speaker = new PcepSpeaker({
      name: options.name,
      sim: options.lab.sim,
      net: options.lab.net,
      listen: true,
      config: options.session ?? {},
      openTlvsFor: (peer) => this.openTlvsFor(peer),
      ...(options.tap !== undefined ? { tap: options.tap } : {}),
      listener: {
        onMessage: (session, msg) => this.onMessage(session, msg),
        onStateChange: (session, from, to) => {
          if (to === 'up') this.sessionUp(session);
          else if (from === 'up') this.sessionDown(session);
        },
      },
    });
  }

  get stateful(): boolean {
    return this.role !== 'stateless';
  }

  /** Boots: a full TED dump, then live flooding. */
  start(): void {
    this.ted.copyFrom(this.lab.dataPlane);
    this.lastArcUp = new Uint8Array(this.ted.arcUp);
    this.unsubscribe = this.lab.subscribe(this.ted, this.attachTo, (arc) => this.tedChanged(arc));
  }

  /** The PCE fails: its host goes down, its sessions with it, and it forgets everything. */
  crash(): void {
    if (!this.alive) return;
    this.alive = false;
    this.generation++;
    this.trace('pce.crash', {});
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.lab.net.setNodeUp(this.name, false);
    for (const session of this.speaker.sessions.values()) session.abandon('PCE crashed');
    this.speaker.sessions.clear();
    this.lspDb.clear();
    this.holds.clear();
    this.plans.clear();
    this.planned.clear();
    this.syncing.clear();
    for (const t of this.stateTimers.values()) this.lab.sim.cancel(t);
    this.stateTimers.clear();
    if (this.replanTimer !== undefined) this.lab.sim.cancel(this.replanTimer);
    if (this.phaseTimer !== undefined) this.lab.sim.cancel(this.phaseTimer);
    this.replanTimer = this.phaseTimer = this.phaseTwo = undefined;
    this.awaiting.clear();
    this.failures.clear();
    this.lastBlocked.clear();
    this.lastArcUp = undefined;
    for (const init of this.initiations.values()) delete init.srpId;
  }

  restart(): void {
    if (this.alive) return;
    this.alive = true;
    this.lab.net.setNodeUp(this.name, true);
    this.trace('pce.restart', {});
    this.start();
  }

  // -------------------------------------------------------------------------------------------
  // Sessions and synchronisation

  private openTlvsFor(peer: string): Tlv[] {
    if (!this.stateful) return [];
    const tlvs: Tlv[] = [
      {
        kind: 'STATEFUL-PCE-CAPABILITY',
        lspUpdate: this.role === 'active',
        includeDbVersion: true,
        lspInstantiation: this.role === 'active',
        triggeredResync: false,
        deltaLspSync: false,
        triggeredInitialSync: false,
        stateSync: false,
      },
    ];
    // RFC 8232 §3.2: the version this PCE holds for the PCC, so both can skip synchronisation.
    const version = this.lspDb.version(peer);
    if (version !== undefined) tlvs.push({ kind: 'LSP-DB-VERSION', lspDbVersion: version });
    return tlvs;
  }

  private sessionUp(session: PcepSession) {
    const pcc = session.peer;
    const timer = this.stateTimers.get(pcc);
    if (timer !== undefined) {
      this.lab.sim.cancel(timer);
      this.stateTimers.delete(pcc);
    }
    if (!this.stateful || session.peerCapabilities?.stateful === undefined) return;
    const theirs = session.peerCapabilities.lspDbVersion;
    const ours = this.lspDb.version(pcc);
    if (theirs !== undefined && ours !== undefined && theirs === ours) {
      this.trace('pce.sync-avoided', { pcc, version: String(ours) });
      this.afterSync(pcc);
      return;
    }
    this.syncing.set(pcc, new Set(this.lspDb.byPcc(pcc).map((r) => LspDatabase.key(r.pcc, r.plspId))));
  }

  private sessionDown(session: PcepSession) {
    const pcc = session.peer;
    if (this.syncing.delete(pcc) && this.alive) {
      // RFC 8231 §5.6: a synchronisation cut short leaves nothing behind, and no version that
      // would let the next session skip it.
      const removed = this.lspDb.purgePcc(pcc);
      this.lspDb.setVersion(pcc, undefined);
      this.trace('pce.sync-aborted', { pcc, removed });
    }
    if (!this.stateful || !this.alive) return;
    // RFC 8231 §5.7.2: the PCC's LSP state is kept for a State Timeout.
    const timer = this.lab.sim.schedule(
      this.settings.stateTimeoutUs,
      () => {
        this.stateTimers.delete(pcc);
        const removed = this.lspDb.purgePcc(pcc);
        this.lspDb.setVersion(pcc, undefined);
        this.trace('pce.state-timeout', { pcc, removed });
        this.triggerReplan('state timeout');
      },
      undefined,
      'pce.state-timeout',
      this.name,
    );
    this.stateTimers.set(pcc, timer);
    // Its LSPs stay in the LSP-DB, delegated as they were, but are not placed while the session
    // is down (replan skips them); the PCC takes them back at its redelegation timeout and says
    // so when it returns (a changed LSP-DB version forces a resynchronisation, RFC 8232).
    this.triggerReplan('session down');
  }

  private afterSync(pcc: string) {
    this.trace('pce.synced', { pcc, lsps: this.lspDb.byPcc(pcc).length });
    // Only work to do starts the batching window: delegated LSPs or LSPs to create.
    const work =
      this.lspDb.byPcc(pcc).some((r) => r.delegated) ||
      [...this.initiations.values()].some((i) => i.pcc === pcc && i.srpId === undefined);
    if (work) this.triggerReplan('sync');
  }

  // -------------------------------------------------------------------------------------------
  // Messages

  private onMessage(session: PcepSession, msg: PcepMessage) {
    if (!this.alive) return;
    if (msg.kind === 'PCReq') this.onPcReq(session, msg);
    else if (msg.kind === 'PCRpt' && this.stateful) this.onPcRpt(session, msg);
  }

  private onPcRpt(session: PcepSession, msg: PcepMessage) {
    const pcc = session.peer;
    for (const item of readPcRpt(this.lab.dir, msg, pcc)) {
      if ('endOfSync' in item) {
        const stale = this.syncing.get(pcc);
        if (stale !== undefined) {
          for (const key of stale) {
            const [, id] = key.split('/');
            this.lspDb.remove(pcc, Number(id));
          }
          this.syncing.delete(pcc);
        }
        if (item.dbVersion !== undefined) this.lspDb.setVersion(pcc, item.dbVersion);
        this.afterSync(pcc);
        continue;
      }
      this.syncing.get(pcc)?.delete(LspDatabase.key(pcc, item.plspId));
      this.learn(pcc, item);
    }
  }

  /** Updates the LSP-DB from one report and decides whether the placement must be revisited. */
  private learn(pcc: string, r: LspReportRecord) {
    const key = LspDatabase.key(pcc, r.plspId);
    if (r.dbVersion !== undefined) this.lspDb.setVersion(pcc, r.dbVersion);
    const before = this.lspDb.get(pcc, r.plspId);
    const acked = r.srpId !== undefined && this.awaiting.delete(r.srpId);
    if (r.remove) {
      this.lspDb.remove(pcc, r.plspId);
      this.holds.delete(key);
      this.initiations.delete(`${pcc}/${r.name}`);
      this.triggerReplan('LSP removed');
      this.phaseDone();
      return;
    }
    // A report about routers this network does not have cannot be computed with: count it, move on.
    const problem =
      !this.lab.graph.nodeIndex.has(r.src) || !this.lab.graph.nodeIndex.has(r.dst)
        ? 'unknown end points'
        : constraintsProblem(r.constraints);
    if (problem !== undefined) {
      this.trace('pce.report-ignored', { pcc, plspId: r.plspId, reason: problem });
      return;
    }
    const arcs = arcsOfNodes(this.lab.graph, r.actualNodes) ?? [];
    const record: LspRecord = {
      pcc,
      plspId: r.plspId,
      name: r.name,
      src: r.src,
      dst: r.dst,
      delegated: r.delegated,
      administrative: r.administrative,
      operational: r.operational,
      create: r.create,
      bandwidthBps: r.constraints.bandwidthBps,
      reservedBps: r.operational === LspOperational.down ? 0 : r.reservedBps,
      setupPriority: r.constraints.setupPriority,
      holdPriority: r.constraints.holdPriority,
      metric: r.constraints.metric,
      ...(r.constraints.maxHops !== undefined ? { maxHops: r.constraints.maxHops } : {}),
      excludeLinks: r.constraints.excludeLinks,
      excludeNodes: r.constraints.excludeNodes,
      excludeSrlgs: r.constraints.excludeSrlgs,
      arcs: r.operational === LspOperational.down ? [] : arcs,
      updatedUs: this.lab.sim.nowUs,
    };
    // A failed LSP's last path tells which failure hit it (RFC 8051 §3.4.2).
    const last = before !== undefined && before.arcs.length > 0 ? before.arcs : before?.lastArcs;
    if (record.arcs.length === 0 && last !== undefined) record.lastArcs = last;
    if (r.name.endsWith('.backup')) record.backupOf = r.name.slice(0, -'.backup'.length);
    this.lspDb.upsert(record);
    if (record.operational !== LspOperational.down) {
      this.holds.delete(key);
      this.planned.delete(key);
      this.failures.delete(key);
    }
    if (r.create) {
      const init = this.initiations.get(`${pcc}/${r.name}`);
      this.initiations.delete(`${pcc}/${r.name}`);
      if (init?.removeRequested === true) this.removeInitiated(pcc, r.name);
    }
    if (this.role !== 'active') return;
    if (acked) {
      if (record.operational === LspOperational.down && r.errorCode !== undefined) {
        this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
        this.triggerReplan('update failed');
      }
      this.phaseDone();
      return;
    }
    if (!record.delegated) return;
    const wantsPath = record.operational === LspOperational.down && record.administrative;
    const lostPath = before !== undefined && before.operational !== LspOperational.down && wantsPath;
    const resized = before !== undefined && before.bandwidthBps !== record.bandwidthBps;
    const isNew = before === undefined || !before.delegated;
    if (lostPath) this.failures.delete(key);
    if (wantsPath || lostPath || resized || isNew)
      this.triggerReplan(lostPath ? 'LSP down' : resized ? 'demand change' : 'delegation');
  }

  // -------------------------------------------------------------------------------------------
  // Requests (all roles)

  private onPcReq(session: PcepSession, msg: PcepMessage) {
    const request = readPcReq(this.lab.dir, msg);
    this.stats.requests += request.requests.length;
    this.lab.sim.schedule(
      this.settings.computeDelayUs,
      () => {
        if (!this.alive || session.state !== 'up') return;
        const replies = this.answer(session.peer, request.requests, request.svec);
        session.send(buildPcRep(this.lab.dir, replies));
      },
      undefined,
      'pce.compute',
      this.name,
    );
  }

  private answer(
    pcc: string,
    requests: readonly PathRequestRecord[],
    svec:
      { linkDiverse: boolean; nodeDiverse: boolean; srlgDiverse: boolean; requestIds: number[] } | undefined,
  ): PathReplyRecord[] {
    const replies: PathReplyRecord[] = [];
    const paired = svec !== undefined && svec.requestIds.length === 2 ? svec.requestIds : [];
    const working = requests.find((q) => q.requestId === paired[0]);
    const backup = requests.find((q) => q.requestId === paired[1]);
    if (working !== undefined && backup !== undefined) {
      const diversity = svec!.srlgDiverse ? 'srlg' : svec!.nodeDiverse ? 'node' : 'link';
      const pair = this.computePair(pcc, working, diversity);
      // No diverse pair: the working path alone, so the LSP is at least up (the backup gets NO-PATH).
      const alone = pair === undefined ? this.computeOne(pcc, working) : undefined;
      replies.push(this.reply(working, pair?.working ?? alone), this.reply(backup, pair?.backup));
    }
    for (const q of requests) {
      if (q === working || q === backup) continue;
      replies.push(this.reply(q, this.computeOne(pcc, q)));
    }
    return replies;
  }

  private reply(q: PathRequestRecord, path: TePath | undefined): PathReplyRecord {
    if (constraintsProblem(q) !== undefined) path = undefined;
    this.stats.computations++;
    if (path === undefined) {
      this.stats.noPath++;
      this.trace('path.computed', { src: q.src, dst: q.dst, requestId: q.requestId, path: null });
      return { requestId: q.requestId };
    }
    const nodes = pathNodeNames(this.lab.graph, path.arcs);
    this.trace('path.computed', {
      src: q.src,
      dst: q.dst,
      requestId: q.requestId,
      path: nodes,
      cost: path.cost,
    });
    return { requestId: q.requestId, nodes, bandwidthBps: q.bandwidthBps, cost: path.cost };
  }

  private constraintsOf(
    q: {
      bandwidthBps: number;
      setupPriority: number;
      metric: 'igp' | 'te';
      maxHops?: number;
      excludeLinks: readonly string[];
      excludeNodes: readonly string[];
      excludeSrlgs: readonly number[];
    },
    extraLinks: readonly string[] = [],
  ): PathConstraints {
    const g = this.lab.graph;
    const links = new Set<number>();
    for (const id of [...q.excludeLinks, ...extraLinks]) {
      const l = g.linkIndex.get(id);
      if (l !== undefined) links.add(l);
    }
    const nodes = new Set<number>();
    for (const n of q.excludeNodes) {
      const i = g.nodeIndex.get(n);
      if (i !== undefined) nodes.add(i);
    }
    return {
      metric: q.metric,
      bandwidthBps: q.bandwidthBps,
      setupPriority: q.setupPriority,
      ...(links.size > 0 ? { excludeLinks: links } : {}),
      ...(nodes.size > 0 ? { excludeNodes: nodes } : {}),
      ...(q.excludeSrlgs.length > 0 ? { excludeSrlgs: new Set(q.excludeSrlgs) } : {}),
      ...(q.maxHops !== undefined ? { maxHops: q.maxHops } : {}),
    };
  }

  private computeOne(pcc: string, q: PathRequestRecord): TePath | undefined {
    const problem = constraintsProblem(q);
    if (problem !== undefined) {
      // A peer's impossible constraints get NO-PATH, never a crash.
      this.trace('pce.request-refused', { pcc, requestId: q.requestId, reason: problem });
      return undefined;
    }
    const g = this.lab.graph;
    const src = g.nodeIndex.get(q.src);
    const dst = g.nodeIndex.get(q.dst);
    if (src === undefined || dst === undefined) return undefined;
    const key = q.lsp !== undefined ? LspDatabase.key(pcc, q.lsp.plspId) : undefined;
    // Passive restoration: a reroute request after a failure uses (or starts) a plan for
    // every LSP the failure hit, computed together (RFC 8051 §3.4.2).
    if (this.stateful && key !== undefined && q.failedLinks.length > 0) {
      this.planRestoration(q.failedLinks);
      const plan = this.plans.get(key);
      this.plans.delete(key);
      const arcs =
        plan !== undefined && plan.untilUs >= this.lab.sim.nowUs ? (arcsOfNodes(g, plan.nodes) ?? []) : [];
      // A plan made before this failure may cross it: only a plan that avoids every failed
      // link and that the TED still shows up is used.
      const failed = new Set(q.failedLinks.map((id) => g.linkIndex.get(id)));
      const usable =
        arcs.length > 0 && arcs.every((arc) => this.ted.arcUp[arc] === 1 && !failed.has(arcLink(arc)));
      if (usable) {
        this.hold(key, arcs, q.bandwidthBps, q.holdPriority);
        return { arcs, cost: 0 };
      }
    }
    const exclude = key !== undefined ? new Set([key]) : new Set<string>();
    const state = this.view(exclude);
    const constraints = this.constraintsOf(q, q.failedLinks);
    const request = { ...constraints, src, dst };
    // A reoptimisation keeps the LSP's own bandwidth usable on its current path (RFC 3209
    // Shared Explicit); a stateful PCE has already left that LSP out of its view.
    if (q.reoptimization && q.currentNodes !== undefined && !this.stateful) {
      const own = new Map<number, number>();
      for (const arc of arcsOfNodes(g, q.currentNodes) ?? []) own.set(arc, q.currentBps ?? 0);
      request.ownBps = own;
    }
    const path = computePath(g, state, request);
    if (path !== undefined && key !== undefined && this.stateful)
      this.hold(key, [...path.arcs], q.bandwidthBps, q.holdPriority);
    return path;
  }

  /** Working and backup paths; a stateful PCE keeps the backup away from shared-risk backups. */
  private computePair(pcc: string, q: PathRequestRecord, diversity: 'link' | 'node' | 'srlg') {
    if (constraintsProblem(q) !== undefined) return undefined;
    const g = this.lab.graph;
    const src = g.nodeIndex.get(q.src);
    const dst = g.nodeIndex.get(q.dst);
    if (src === undefined || dst === undefined) return undefined;
    const key = q.lsp !== undefined ? LspDatabase.key(pcc, q.lsp.plspId) : undefined;
    const state = this.view(key !== undefined ? new Set([key]) : new Set());
    const request = { ...this.constraintsOf(q, q.failedLinks), src, dst };
    const plain = computeDiversePair(g, state, request, diversity);
    if (!this.stateful || plain === undefined) return plain;
    // RFC 8051 §3.4.1: backups may share bandwidth only when their working paths cannot fail
    // together. Links carrying the backup of an LSP whose working path shares a link with
    // this working path are off limits for this backup.
    const conflicts = (working: readonly number[]): Set<number> => {
      const mine = new Set(working.map(arcLink));
      const banned = new Set<number>();
      for (const r of this.lspDb.all()) {
        if (r.backupOf === undefined || (r.pcc === pcc && r.backupOf === q.lsp?.name)) continue;
        const primary = this.lspDb.byName(r.pcc, r.backupOf);
        if (primary === undefined || !primary.arcs.some((arc) => mine.has(arcLink(arc)))) continue;
        for (const arc of r.arcs) banned.add(arcLink(arc));
      }
      return banned;
    };
    const banned = conflicts(plain.working.arcs);
    if (!plain.backup.arcs.some((arc) => banned.has(arcLink(arc)))) return plain;
    const excludeLinks = new Set([
      ...(request.excludeLinks ?? []),
      ...banned,
      ...plain.working.arcs.map(arcLink),
    ]);
    const backup = computePath(g, state, { ...request, excludeLinks });
    if (backup !== undefined) {
      this.trace('path.backup-diverted', {
        src: q.src,
        dst: q.dst,
        avoided: [...banned].map((l) => g.linkIds[l]),
      });
      return { working: plain.working, backup };
    }
    return plain;
  }

  private hold(key: string, arcs: number[], bandwidthBps: number, holdPriority: number) {
    this.holds.set(key, { arcs, bandwidthBps, holdPriority, untilUs: this.lab.sim.nowUs + HOLD_US });
  }

  /**
   * Computes new paths for every LSP in the LSP-DB whose path crosses one of `failedLinks`,
   * together, and keeps them for the reroute requests to come.
   */
  private planRestoration(failedLinks: readonly string[]) {
    const g = this.lab.graph;
    const failed = new Set(failedLinks.map((id) => g.linkIndex.get(id)).filter((l) => l !== undefined));
    const now = this.lab.sim.nowUs;
    const hit = this.lspDb
      .all()
      .filter((r) => r.backupOf === undefined && r.administrative)
      .filter((r) =>
        (r.arcs.length > 0 ? r.arcs : (r.lastArcs ?? [])).some((arc) => failed.has(arcLink(arc))),
      )
      .filter((r) => {
        // Already planned for (and not back up yet): its own request will use or redo that plan.
        const key = LspDatabase.key(r.pcc, r.plspId);
        return !this.plans.has(key) && (this.planned.get(key) ?? -1) < now;
      });
    if (hit.length === 0) return;
    const keys = new Set(hit.map((r) => LspDatabase.key(r.pcc, r.plspId)));
    const state = this.view(keys);
    const demands = hit.map((r) => this.demandOf(r, undefined, [...failedLinks]));
    const placement = placeConcurrently(g, state, demands);
    this.stats.restorationPlans++;
    for (const r of hit) {
      const key = LspDatabase.key(r.pcc, r.plspId);
      this.planned.set(key, now + HOLD_US);
      const path = placement.paths.get(key);
      if (path === undefined) continue;
      const nodes = pathNodeNames(g, path.arcs);
      this.plans.set(key, { nodes, untilUs: now + HOLD_US });
      this.hold(key, [...path.arcs], r.bandwidthBps, r.holdPriority);
    }
    this.trace('pce.restoration-plan', {
      lsps: hit.map((r) => `${r.pcc}/${r.name}`),
      placed: placement.admittedBps,
    });
  }

  // -------------------------------------------------------------------------------------------
  // The PCE's view of the network

  /**
   * What computation may use: the TED's topology, and reservations from the LSP-DB (minus the
   * LSPs in `exclude`, which are being recomputed) plus bandwidth handed out but not reported,
   * plus whatever the TED shows reserved that no known LSP explains. A stateless PCE has the
   * TED alone.
   */
  view(exclude: ReadonlySet<string>): TeState {
    if (!this.stateful) return this.ted;
    const g = this.lab.graph;
    const n = g.arcCount * PRIORITY_LEVELS;
    const add = (target: Float64Array, arcs: readonly number[], bps: number, hold: number) => {
      for (const arc of arcs) addFromPriority(target, arc, hold, bps);
    };
    const counts = (r: LspRecord) => r.operational !== LspOperational.down && r.backupOf === undefined;
    // What all known LSPs hold, rebuilt only when the LSP-DB changed.
    if (this.reservedCache?.revision !== this.lspDb.revision) {
      const all = new Float64Array(n);
      for (const r of this.lspDb.values()) if (counts(r)) add(all, r.arcs, r.reservedBps, r.holdPriority);
      this.reservedCache = { revision: this.lspDb.revision, all };
    }
    const all = this.reservedCache.all;
    const kept = Float64Array.from(all);
    for (const key of exclude) {
      const r = this.lspDb.getByKey(key);
      if (r !== undefined && counts(r)) add(kept, r.arcs, -r.reservedBps, r.holdPriority);
    }
    const now = this.lab.sim.nowUs;
    for (const [key, h] of [...this.holds]) {
      if (h.untilUs < now) {
        this.holds.delete(key);
        continue;
      }
      if (!exclude.has(key)) add(kept, h.arcs, h.bandwidthBps, h.holdPriority);
    }
    const unreservedBps = new Float64Array(n);
    for (let arc = 0; arc < g.arcCount; arc++) {
      const capacity = g.linkCapacityBps[arcLink(arc)]!;
      for (let p = 0; p < PRIORITY_LEVELS; p++) {
        const i = arc * PRIORITY_LEVELS + p;
        const tedReserved = capacity - this.ted.unreservedBps[i]!;
        const unexplained = Math.max(0, tedReserved - all[i]!);
        unreservedBps[i] = capacity - kept[i]! - unexplained;
      }
    }
    return { arcUp: this.ted.arcUp, unreservedBps };
  }
  private reservedCache: { revision: number; all: Float64Array } | undefined;

  private demandOf(
    r: LspRecord,
    current: readonly number[] | undefined,
    failedLinks: string[] = [],
  ): PlacementDemand {
    const g = this.lab.graph;
    return {
      ...this.constraintsOf(r, failedLinks),
      id: LspDatabase.key(r.pcc, r.plspId),
      src: g.nodeIndex.get(r.src)!,
      dst: g.nodeIndex.get(r.dst)!,
      holdPriority: r.holdPriority,
      ...(current !== undefined && current.length > 0 ? { currentArcs: current } : {}),
    };
  }

  private tedChanged(arc: number) {
    if (this.role !== 'active') return;
    // A link going down or coming up is an event worth replanning for (RFC 8051 §3.6).
    const wasUp = this.lastArcUp?.[arc];
    const up = this.ted.arcUp[arc];
    if (this.lastArcUp !== undefined) this.lastArcUp[arc] = up!;
    if (wasUp !== undefined && wasUp !== up) {
      this.failures.clear();
      this.triggerReplan(up === 1 ? 'link up' : 'link down');
    }
  }
  private lastArcUp: Uint8Array | undefined;

  // -------------------------------------------------------------------------------------------
  // Active stateful PCE: initiation and placement

  /** RFC 8281: asks `pcc` to create an LSP; the path comes from the next placement. */
  initiate(pcc: string, name: string, dst: string, constraints: LspConstraints): void {
    if (this.role !== 'active') throw new Error(`${this.name}: only an active stateful PCE initiates LSPs`);
    this.initiations.set(`${pcc}/${name}`, { pcc, name, dst, constraints, removeRequested: false });
    this.triggerReplan('initiation');
  }

  /** RFC 8281 §5.4: asks the PCC to delete an LSP this PCE created. */
  removeInitiated(pcc: string, name: string): void {
    const record = this.lspDb.byName(pcc, name);
    const session = this.speaker.sessions.get(pcc);
    const init = this.initiations.get(`${pcc}/${name}`);
    if (record === undefined && init !== undefined && init.srpId !== undefined) {
      // Sent but not reported yet: remove it as soon as the PCC reports it.
      init.removeRequested = true;
      return;
    }
    this.initiations.delete(`${pcc}/${name}`);
    if (record === undefined || session === undefined || session.state !== 'up' || !this.alive) return;
    this.stats.initiations++;
    session.send(
      buildPcInitiate(this.lab.dir, {
        srpId: this.nextSrpId++,
        remove: true,
        plspId: record.plspId,
        name,
        src: pcc,
        dst: record.dst,
        nodes: [],
        constraints: { ...record, excludeLinks: [], excludeNodes: [], excludeSrlgs: [] },
      }),
    );
  }

  /**
   * Sends one PCUpd for a delegated LSP (an operator's or a script's request): a new path and
   * bandwidth. Returns false when the LSP is not delegated to this PCE over an up session.
   */
  updateLsp(pcc: string, plspId: number, nodes: readonly string[], bandwidthBps: number): boolean {
    const record = this.lspDb.get(pcc, plspId);
    const session = this.speaker.sessions.get(pcc);
    if (record === undefined || !record.delegated || session === undefined || session.state !== 'up')
      return false;
    const update: PccUpdate = {
      pcc,
      srpId: 0,
      plspId,
      name: record.name,
      nodes,
      bandwidthBps,
      setupPriority: record.setupPriority,
      holdPriority: record.holdPriority,
    };
    this.sendUpdates([update]);
    return true;
  }

  private triggerReplan(why: string) {
    if (this.role !== 'active' || !this.alive) return;
    if (this.awaiting.size > 0 || this.phaseTwo !== undefined) {
      this.dirty = true;
      return;
    }
    // The strongest reason seen in the window wins: anything but sync/delegation forces a full look.
    if (why !== 'sync' && why !== 'delegation') this.replanReason = why;
    else if (this.replanTimer === undefined) this.replanReason = why;
    if (this.replanTimer !== undefined) return;
    const delay = Math.max(this.settings.batchWindowUs, this.settings.computeDelayUs);
    this.trace('pce.replan-scheduled', { reason: why, inUs: delay });
    this.replanTimer = this.lab.sim.schedule(
      delay,
      () => {
        this.replanTimer = undefined;
        this.replan(this.replanReason);
        this.replanReason = 'sync';
      },
      undefined,
      'pce.replan',
      this.name,
    );
  }

  /** Places every delegated LSP together and sends the updates the new placement needs. */
  replan(why = 'request'): void {
    const g = this.lab.graph;
    this.dirty = false;
    const up = (pcc: string) => {
      const s = this.speaker.sessions.get(pcc);
      return s !== undefined && s.state === 'up' && !this.syncing.has(pcc);
    };
    const records = this.lspDb
      .all()
      .filter((r) => r.delegated && r.administrative && r.backupOf === undefined && up(r.pcc))
      .filter((r) => (this.failures.get(LspDatabase.key(r.pcc, r.plspId)) ?? 0) < MAX_PLACEMENT_FAILURES);
    const keys = new Set(records.map((r) => LspDatabase.key(r.pcc, r.plspId)));
    const state = this.view(keys);
    const demands: PlacementDemand[] = [];
    for (const r of records) {
      const current = r.operational !== LspOperational.down ? r.arcs : undefined;
      const demand = this.demandOf(r, current);
      // Without reoptimisation the PCE places new LSPs only and leaves placed ones alone.
      if (!this.settings.reoptimize && current !== undefined) demand.pinned = true;
      // RFC 8051 §3.1.2: an LSP that wants more than any path offers keeps its reservation
      // and is treated as out of profile: its traffic still flows, so place it apart.
      if (current !== undefined && r.bandwidthBps > r.reservedBps) {
        const grown = computePath(g, state, { ...demand, bandwidthBps: r.bandwidthBps });
        if (grown === undefined) {
          demand.bandwidthBps = r.reservedBps;
          demand.trafficBps = r.bandwidthBps;
        }
      }
      demands.push(demand);
    }
    const pending = [...this.initiations.values()].filter((i) => i.srpId === undefined && up(i.pcc));
    for (const init of pending) {
      const src = g.nodeIndex.get(init.pcc);
      const dst = g.nodeIndex.get(init.dst);
      if (src === undefined || dst === undefined) continue;
      demands.push({
        ...this.constraintsOf(init.constraints),
        id: `init:${init.pcc}/${init.name}`,
        src,
        dst,
        holdPriority: init.constraints.holdPriority,
      });
    }
    const large = demands.length > EXACT_PLACEMENT_LIMIT;
    if (large && !FREEING_TRIGGERS.has(why)) {
      // Nothing was freed: LSPs blocked at the last placement stay blocked without a search.
      for (let i = demands.length - 1; i >= 0; i--)
        if (this.lastBlocked.has(demands[i]!.id)) demands.splice(i, 1);
    }
    if (demands.length === 0) return;
    // Synchronisation and new delegations of LSPs that are all placed need no computation;
    // network events (failure, removal, time-out) revisit every placement.
    const settled = demands.every((d) => d.currentArcs !== undefined && d.trafficBps === undefined);
    const resized = records.some(
      (r) => r.operational !== LspOperational.down && r.bandwidthBps !== r.reservedBps,
    );
    if (settled && !resized && (why === 'sync' || why === 'delegation')) return;
    this.stats.replans++;
    const placement =
      (large ? this.placeIncrementally(state, demands) : undefined) ??
      placeConcurrently(
        g,
        state,
        large ? this.neighbourhood(state, demands) : demands,
        large ? { searchBudget: 2_000 } : {},
      );
    if (large) {
      this.lastBlocked.clear();
      for (const d of demands) if (placement.paths.get(d.id) === undefined) this.lastBlocked.add(d.id);
    }
    const first: PccUpdate[] = [];
    const second: PccUpdate[] = [];
    const byKey = new Map(records.map((r) => [LspDatabase.key(r.pcc, r.plspId), r]));
    for (const demand of demands) {
      const path = placement.paths.get(demand.id);
      if (demand.id.startsWith('init:')) {
        const init = this.initiations.get(demand.id.slice(5))!;
        this.sendInitiate(init, path);
        continue;
      }
      const r = byKey.get(demand.id)!;
      const nodes = path !== undefined ? pathNodeNames(g, path.arcs) : [];
      const currentNodes = demand.currentArcs !== undefined ? pathNodeNames(g, demand.currentArcs) : [];
      const update: PccUpdate = {
        pcc: r.pcc,
        srpId: 0,
        plspId: r.plspId,
        name: r.name,
        nodes,
        bandwidthBps: demand.bandwidthBps,
        setupPriority: r.setupPriority,
        holdPriority: r.holdPriority,
      };
      if (demand.currentArcs !== undefined) {
        // Moves, resizes and drops of LSPs that are up go first (make-before-break frees room).
        if (nodes.join() !== currentNodes.join() || demand.bandwidthBps !== r.reservedBps) first.push(update);
      } else if (nodes.length > 0) second.push(update);
    }
    this.trace('pce.placement', {
      lsps: demands.length,
      admittedBps: placement.admittedBps,
      moved: placement.moved,
      dropped: placement.dropped,
      exhaustive: placement.exhaustive,
    });
    if (first.length > 0) {
      this.sendUpdates(first);
      this.phaseTwo = second;
      this.phaseTimer = this.lab.sim.schedule(
        PHASE_TIMEOUT_US,
        () => this.finishPhaseOne(),
        undefined,
        'pce.phase-timeout',
        this.name,
      );
    } else this.sendUpdates(second);
  }

  /**
   * Large batches: only placed LSPs whose paths touch the shortest routes of the LSPs that need
   * a path may move; the rest are pinned, so the optimiser searches where it matters.
   */
  private neighbourhood(state: TeState, demands: PlacementDemand[]): PlacementDemand[] {
    const g = this.lab.graph;
    const hot = new Set<number>();
    for (const d of demands) {
      const current = d.currentArcs;
      if (current !== undefined && current.every((arc) => state.arcUp[arc] === 1)) continue;
      const route = computePath(g, state, { ...d, bandwidthBps: 0 });
      for (const arc of route?.arcs ?? []) hot.add(arc);
    }
    return demands.map((d) =>
      d.currentArcs !== undefined && d.currentArcs.every((arc) => state.arcUp[arc] === 1 && !hot.has(arc))
        ? { ...d, pinned: true }
        : d,
    );
  }

  /**
   * Large batches: keep every placed LSP where it is and place the others one by one in the
   * canonical order (setup priority, then bandwidth, largest first, then id) on what is left.
   * Used when it places everything; otherwise the concurrent optimiser decides.
   */
  private placeIncrementally(state: TeState, demands: readonly PlacementDemand[]): Placement | undefined {
    if (demands.some((d) => d.trafficBps !== undefined)) return undefined;
    const g = this.lab.graph;
    const residual: TeState = { arcUp: state.arcUp, unreservedBps: Float64Array.from(state.unreservedBps) };
    const take = (arcs: readonly number[], bps: number, hold: number) => {
      for (const arc of arcs) addFromPriority(residual.unreservedBps, arc, hold, -bps);
    };
    const paths = new Map<string, TePath | undefined>();
    const waiting: PlacementDemand[] = [];
    for (const d of demands) {
      const current = d.currentArcs;
      if (
        current !== undefined &&
        pathFeasible(g, residual, { ...d, setupPriority: PRIORITY_LEVELS - 1 }, current)
      ) {
        paths.set(d.id, { arcs: current, cost: pathCost(g, d.metric, current) });
        take(current, d.bandwidthBps, d.holdPriority);
      } else if (current !== undefined)
        return undefined; // a placed LSP must move: optimise
      else waiting.push(d);
    }
    waiting.sort(
      (x, y) =>
        x.setupPriority - y.setupPriority ||
        y.bandwidthBps - x.bandwidthBps ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
    let admittedBps = 0;
    for (const d of waiting) {
      // Only bandwidth nobody holds: placing over weaker holders would plan a preemption,
      // which is the optimiser's call (it never preempts within the set).
      const path = computePath(g, residual, { ...d, setupPriority: PRIORITY_LEVELS - 1 });
      if (path === undefined) return undefined;
      paths.set(d.id, path);
      take(path.arcs, d.bandwidthBps, d.holdPriority);
    }
    for (const d of demands) admittedBps += d.bandwidthBps;
    return { paths, admittedBps, moved: [], dropped: [], exhaustive: false };
  }

  private phaseDone() {
    if (this.awaiting.size > 0) return;
    if (this.phaseTwo !== undefined) this.finishPhaseOne();
    else if (this.dirty) this.triggerReplan('deferred');
  }

  private finishPhaseOne() {
    if (this.phaseTimer !== undefined) this.lab.sim.cancel(this.phaseTimer);
    this.phaseTimer = undefined;
    const second = this.phaseTwo ?? [];
    this.phaseTwo = undefined;
    this.awaiting.clear();
    this.sendUpdates(second);
    if (this.awaiting.size === 0 && this.dirty) this.triggerReplan('deferred');
  }

  private sendUpdates(updates: PccUpdate[]) {
    const byPcc = new Map<string, LspUpdateRecord[]>();
    for (const u of updates) {
      const pcc = u.pcc;
      u.srpId = this.nextSrpId++;
      this.awaiting.add(u.srpId);
      const list = byPcc.get(pcc) ?? [];
      list.push(u);
      byPcc.set(pcc, list);
    }
    for (const [pcc, list] of byPcc) {
      const session = this.speaker.sessions.get(pcc);
      if (session === undefined || session.state !== 'up') {
        for (const u of list) this.awaiting.delete(u.srpId);
        continue;
      }
      this.stats.updates += list.length;
      for (const u of list)
        this.trace('pce.update', {
          pcc,
          lsp: u.name,
          path: u.nodes,
          bandwidthBps: u.bandwidthBps,
          srpId: u.srpId,
        });
      session.send(buildPcUpd(this.lab.dir, list));
    }
    // Reports that never come (a session lost, an update refused) must not hold the PCE back.
    const sent = updates.map((u) => u.srpId).filter((id) => this.awaiting.has(id));
    if (sent.length === 0) return;
    const generation = this.generation;
    this.lab.sim.schedule(
      UPDATE_TIMEOUT_US,
      () => {
        if (generation !== this.generation) return;
        let expired = 0;
        for (const id of sent) if (this.awaiting.delete(id)) expired++;
        if (expired > 0) {
          this.trace('pce.update-timeout', { updates: expired });
          this.phaseDone();
        }
      },
      undefined,
      'pce.update-timeout',
      this.name,
    );
  }

  private sendInitiate(init: Initiation, path: TePath | undefined) {
    const session = this.speaker.sessions.get(init.pcc);
    if (session === undefined || session.state !== 'up') return;
    init.srpId = this.nextSrpId++;
    this.stats.initiations++;
    const nodes = path !== undefined ? pathNodeNames(this.lab.graph, path.arcs) : [];
    this.trace('pce.initiate', { pcc: init.pcc, lsp: init.name, path: nodes });
    session.send(
      buildPcInitiate(this.lab.dir, {
        srpId: init.srpId,
        remove: false,
        plspId: 0,
        name: init.name,
        src: init.pcc,
        dst: init.dst,
        nodes,
        constraints: init.constraints,
      }),
    );
  }

  private trace(kind: string, fields: Record<string, unknown>) {
    const trace = this.lab.sim.trace;
    if (!trace.wants(kind)) return;
    trace.emit({ timeUs: this.lab.sim.nowUs, kind, node: this.name, ...fields });
  }
}
