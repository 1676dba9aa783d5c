/**
 * A PCC: a head-end LSR with configured LSPs. It asks a PCE for paths (RFC 5440 PCReq/PCRep),
 * signals them with RSVP-TE (admission, priorities and preemption in the lab's data plane,
 * make-before-break, crankback on failure), carries their traffic, resizes them with
 * auto-bandwidth, and, when its PCE is stateful, reports every state change, delegates its
 * LSPs and follows PCUpd and PCInitiate (RFC 8231, RFC 8232, RFC 8281).
 *
 * What the PCC does is decided by what the session negotiated, never by a mode switch: a PCE
 * that sent no STATEFUL-PCE-CAPABILITY gets requests only; one without the U flag gets reports
 * but no delegation; one with I may create LSPs here.
 */
import { PcErr, type PcepMessage, type Tlv } from '../pcep/index.ts';
import type { PccSettings } from './settings.ts';
import type { SessionConfig } from '../session/config.ts';
import type { PcepSession } from '../session/session.ts';
import type { AdmissionResult } from '../te/data-plane.ts';
import { pathNodeNames } from '../te/graph.ts';
import { LspOperational } from '../te/lsp-db.ts';
import type { Lab } from './lab.ts';
import {
  arcsOfNodes,
  buildEndOfSync,
  buildPcReq,
  buildPcRpt,
  constraintsProblem,
  LspErrorCode,
  readPcInitiate,
  readPcRep,
  readPcUpd,
  type LspConstraints,
  type LspReportRecord,
  type PathRequestRecord,
} from './lsp-messages.ts';
import { PcepSpeaker } from './speaker.ts';

export interface PccLspConfig {
  name: string;
  dst: string;
  bandwidthBps: number;
  setupPriority: number;
  holdPriority: number;
  metric: 'igp' | 'te';
  maxHops?: number;
  exclude: { links: string[]; nodes: string[]; srlgs: number[] };
  protection: 'none' | 'shared-backup';
  autoBandwidth: boolean;
}

/** What path computation must respect for an LSP configured as `config`. */
export function constraintsOfConfig(
  config: PccLspConfig,
  bandwidthBps = config.bandwidthBps,
): LspConstraints {
  return {
    bandwidthBps,
    setupPriority: config.setupPriority,
    holdPriority: config.holdPriority,
    metric: config.metric,
    ...(config.maxHops !== undefined ? { maxHops: config.maxHops } : {}),
    excludeLinks: config.exclude.links,
    excludeNodes: config.exclude.nodes,
    excludeSrlgs: config.exclude.srlgs,
  };
}

export type PccLspStatus = 'down' | 'requesting' | 'signalling' | 'up';

/** One LSP as its head end holds it. */
export interface PccLsp {
  readonly config: PccLspConfig;
  readonly plspId: number;
  /**
   * Shared-backup LSPs: the PLSP-ID their backup is reported under, as `<name>.backup`, so a
   * stateful PCE knows which links back up which working paths (RFC 8051 §3.4.1).
   */
  readonly backupPlspId?: number;
  /** RSVP Tunnel ID; constant for the LSP's life. */
  readonly tunnelId: number;
  /** RSVP LSP ID of the current instance; a new one per make-before-break. */
  instance: number;
  status: PccLspStatus;
  /** Bandwidth the LSP wants reserved (the configured value, or what auto-bandwidth chose). */
  wantedBps: number;
  /** Traffic offered to the LSP now. */
  trafficBps: number;
  /** The admitted instance, when up. */
  up?: { key: string; nodes: string[]; arcs: number[]; bandwidthBps: number };
  /** The instance being signalled, if any: one at a time (RFC 8231 §6.2). */
  inFlight?: string;
  /** A signalling asked for while another was in flight; it goes next. */
  deferred?: { nodes: string[]; bandwidthBps: number; why: 'setup' | 'resize' | 'update' };
  /** The path it lost to a failure or preemption, until it is up again. */
  lostNodes?: string[];
  /** Shared-backup protection: the pre-planned backup route, and whether traffic is on it. */
  backup?: { nodes: string[]; arcs: number[] };
  onBackup: boolean;
  /** PCE the LSP is delegated to (RFC 8231 D flag), if any. */
  delegatedTo?: string;
  /** Created by this PCE (RFC 8281); removed if that PCE's state times out. */
  createdBy?: string;
  /**
   * SRP-ID of the update or initiation being carried out and the PCE that sent it: echoed in
   * the next report to that PCE only (SRP-IDs belong to a session, RFC 8231 §7.2).
   */
  srp?: { peer: string; id: number };
  retries: number;
  errorCode?: number;
  /** Links reported failed under the LSP since it last came up (XRO F, RFC 5521). */
  failedLinks: string[];
  removed: boolean;
}

export interface PccStats {
  requests: number;
  noPath: number;
  setupFailures: number;
  crankbacks: number;
  preemptions: number;
  reroutes: number;
  resizes: number;
  resizeFailures: number;
}

export interface PccOptions {
  name: string;
  lab: Lab;
  /** PCEs in order of preference. */
  pces: readonly string[];
  settings: PccSettings;
  session?: Partial<SessionConfig>;
  /** Sees every PCEP byte sent, for captures. */
  tap?: (from: string, to: string, bytes: Uint8Array) => void;
}

const AUTO_BANDWIDTH_THRESHOLD = 0.05;
/** A blocked LSP is tried again this often (a head end's retry timer). */
const BLOCKED_RETRY_US = 30_000_000;

export class Pcc {
  readonly name: string;
  readonly lab: Lab;
  readonly speaker: PcepSpeaker;
  readonly settings: PccSettings;
  readonly pces: readonly string[];
  /** LSPs by name, in configuration order. */
  readonly lsps = new Map<string, PccLsp>();
  readonly stats: PccStats = {
    requests: 0,
    noPath: 0,
    setupFailures: 0,
    crankbacks: 0,
    preemptions: 0,
    reroutes: 0,
    resizes: 0,
    resizeFailures: 0,
  };
  private readonly byPlspId = new Map<number, PccLsp>();
  private readonly byKey = new Map<string, PccLsp>();
  /** Instances preempted or cut before their Resv came back. */
  private readonly lostInFlight = new Map<string, { why: 'preempted' | 'failed'; link?: string }>();
  private readonly requests = new Map<
    number,
    { lsp: PccLsp; role: 'working' | 'backup' | 'resize'; peer: string }
  >();
  private readonly openTlvs: Tlv[];
  private nextPlspId = 1;
  private nextRequestId = 1;
  /** RFC 8232 §3.2 LSP State Database version: bumped on every change reported. */
  private dbVersion = 1n;
  /** Peers whose state synchronisation this PCC has finished (RFC 8231 §5.6). */
  private readonly synced = new Set<string>();
  private readonly redelegationTimers = new Map<string, number>();

  constructor(options: PccOptions) {
    this.name = options.name;
    this.lab = options.lab;
    this.settings = options.settings;
    this.pces = options.pces;
    this.openTlvs = [
      {
        kind: 'STATEFUL-PCE-CAPABILITY',
        lspUpdate: true,
        includeDbVersion: true,
        lspInstantiation: true,
        triggeredResync: false,
        deltaLspSync: false,
        triggeredInitialSync: false,
        stateSync: false,
      },
      { kind: 'LSP-DB-VERSION', lspDbVersion: this.dbVersion },
    ];
    this.speaker = new PcepSpeaker({
      name: options.name,
      sim: options.lab.sim,
      net: options.lab.net,
      config: { ...options.session, openTlvs: this.openTlvs },
      ...(options.tap !== undefined ? { tap: options.tap } : {}),
      listener: {
        onMessage: (session, msg) => this.onMessage(session, msg),
        onStateChange: (session, _from, to) => {
          if (to === 'up') this.sessionUp(session);
          else if (_from === 'up') this.sessionDown(session);
        },
      },
    });
    options.lab.registerHeadEnd(options.name, {
      preempted: (key) => this.lostReservation(key, 'preempted'),
      failed: (key, link) => this.lostReservation(key, 'failed', this.lab.graph.linkIds[link]),
      linkUp: () => this.retryDown('link up'),
    });
  }

  start(): void {
    for (const pce of this.pces) this.speaker.connectTo(pce);
  }

  // -------------------------------------------------------------------------------------------
  // Configuration and demand

  /** Configures an LSP: it is computed and signalled as soon as a PCE answers. */
  configure(config: PccLspConfig): PccLsp {
    const lsp = this.newLsp(config);
    this.trace('lsp.configured', lsp, {});
    this.bringUp(lsp);
    return lsp;
  }

  /**
   * Configures an LSP on an explicit path the head end chose itself (a locally configured ERO)
   * and signals it at once, without asking a PCE. It is reported and delegated like any other.
   */
  establish(config: PccLspConfig, nodes: string[]): PccLsp {
    const lsp = this.newLsp(config);
    this.trace('lsp.configured', lsp, { path: nodes });
    this.signal(lsp, nodes, config.bandwidthBps, 'setup');
    return lsp;
  }

  private newLsp(config: PccLspConfig, createdBy?: string): PccLsp {
    if (this.lsps.has(config.name)) throw new Error(`${this.name}: LSP ${config.name} exists`);
    const plspId = this.nextPlspId++;
    const lsp: PccLsp = {
      config,
      plspId,
      tunnelId: plspId,
      instance: 0,
      status: 'down',
      wantedBps: config.bandwidthBps,
      trafficBps: config.bandwidthBps,
      onBackup: false,
      retries: 0,
      failedLinks: [],
      removed: false,
      ...(config.protection === 'shared-backup' ? { backupPlspId: this.nextPlspId++ } : {}),
      ...(createdBy !== undefined ? { createdBy, delegatedTo: createdBy } : {}),
    };
    this.lsps.set(config.name, lsp);
    this.byPlspId.set(plspId, lsp);
    return lsp;
  }

  /** Removes an LSP: tears it down and reports the removal (RFC 8231 §5.8.2 R flag). */
  remove(name: string): void {
    const lsp = this.lsps.get(name);
    if (lsp === undefined || lsp.removed) return;
    lsp.removed = true;
    this.tearDown(lsp, 'removed');
    this.report(lsp, { remove: true });
    this.lsps.delete(name);
    this.byPlspId.delete(lsp.plspId);
  }

  /** The traffic offered to an LSP changes; auto-bandwidth may resize it (RFC 8051 §3.2). */
  setDemand(name: string, bps: number): void {
    const lsp = this.lsps.get(name);
    if (lsp === undefined) return;
    lsp.trafficBps = bps;
    this.updateFlow(lsp);
    this.trace('lsp.demand', lsp, { trafficBps: bps });
    if (!lsp.config.autoBandwidth) return;
    if (Math.abs(bps - lsp.wantedBps) <= AUTO_BANDWIDTH_THRESHOLD * lsp.wantedBps) return;
    lsp.wantedBps = bps;
    const pce = this.delegationPeer(lsp);
    if (pce !== undefined) {
      // Delegated: the PCE decides; tell it what the LSP now wants (intended BANDWIDTH).
      this.report(lsp, {});
      return;
    }
    if (lsp.status === 'up') this.requestPath(lsp, 'resize');
    else this.bringUp(lsp);
  }

  // -------------------------------------------------------------------------------------------
  // Sessions

  /** The first PCE in preference order whose session is up. */
  private activePeer(): PcepSession | undefined {
    for (const pce of this.pces) {
      const s = this.speaker.sessions.get(pce);
      if (s !== undefined && s.state === 'up') return s;
    }
    return undefined;
  }

  private isStateful(session: PcepSession): boolean {
    return session.peerCapabilities?.stateful !== undefined;
  }

  private canDelegate(session: PcepSession): boolean {
    return this.settings.delegate && session.peerCapabilities?.stateful?.lspUpdate === true;
  }

  /** The PCE this LSP is delegated to, when its session is up and synchronised. */
  private delegationPeer(lsp: PccLsp): PcepSession | undefined {
    if (lsp.delegatedTo === undefined) return undefined;
    const s = this.speaker.sessions.get(lsp.delegatedTo);
    return s !== undefined && s.state === 'up' && this.synced.has(s.peer) ? s : undefined;
  }

  private sessionUp(session: PcepSession) {
    const peer = session.peer;
    const timer = this.redelegationTimers.get(peer);
    if (timer !== undefined) {
      this.lab.sim.cancel(timer);
      this.redelegationTimers.delete(peer);
    }
    if (!this.isStateful(session)) {
      this.synced.add(peer);
      this.retryDown();
      return;
    }
    const delegate = this.canDelegate(session) && this.activePeer() === session;
    // LSPs delegated to this PCE before (its redelegation timer had not run out) and LSPs
    // under local control are offered to it again (RFC 8231 §5.7.2).
    for (const lsp of this.lsps.values()) {
      const ours = lsp.createdBy === undefined || lsp.createdBy === peer;
      if (delegate && ours && (lsp.delegatedTo === undefined || lsp.delegatedTo === peer))
        lsp.delegatedTo = peer;
    }
    // RFC 8232 §3.2: when the PCE already holds our LSP-DB version, synchronisation is skipped.
    const peerVersion = session.peerCapabilities?.lspDbVersion;
    const avoid =
      session.peerCapabilities?.stateful?.includeDbVersion === true && peerVersion === this.dbVersion;
    if (!avoid) {
      // RFC 8231 §5.6: every LSP reported with S set, then the end-of-sync marker.
      const reports = [...this.lsps.values()].flatMap((lsp) => this.reportRecords(lsp, { sync: true }, peer));
      for (let i = 0; i < reports.length; i += 64)
        session.send(buildPcRpt(this.lab.dir, reports.slice(i, i + 64)));
      session.send(buildEndOfSync(this.dbVersion));
    }
    this.synced.add(peer);
    this.trace('pcc.synced', undefined, { peer, lsps: this.lsps.size, avoided: avoid });
    this.retryDown();
  }

  private sessionDown(session: PcepSession) {
    const peer = session.peer;
    this.synced.delete(peer);
    for (const [id, req] of [...this.requests]) {
      if (req.peer !== peer) continue;
      this.requests.delete(id);
      if (req.lsp.status === 'requesting') req.lsp.status = req.lsp.up !== undefined ? 'up' : 'down';
    }
    const delegated = [...this.lsps.values()].filter((l) => l.delegatedTo === peer);
    if (delegated.length === 0) return;
    // RFC 8231 §5.7.2 redelegation timeout; RFC 8281 §6: PCE-initiated LSPs are removed at the
    // State Timeout when no PCE has taken them over.
    const timer = this.lab.sim.schedule(
      this.settings.redelegationTimeoutUs,
      () => {
        this.redelegationTimers.delete(peer);
        for (const lsp of [...this.lsps.values()]) {
          if (lsp.delegatedTo !== peer) continue;
          if (lsp.createdBy !== undefined) {
            this.trace('lsp.state-timeout', lsp, { pce: peer });
            this.remove(lsp.config.name);
            continue;
          }
          delete lsp.delegatedTo;
          this.bumpVersion(); // the delegation changed: a returning PCE must resynchronise
          this.trace('lsp.revoked', lsp, { pce: peer });
          const other = this.activePeer();
          if (other !== undefined && this.canDelegate(other) && this.synced.has(other.peer)) {
            lsp.delegatedTo = other.peer;
            this.report(lsp, {});
          }
        }
      },
      undefined,
      'pcc.redelegation-timeout',
      this.name,
    );
    this.redelegationTimers.set(peer, timer);
  }

  /** Gives LSPs that are down another chance (a PCE came back, a link came up). */
  private retryDown(why = 'PCE up') {
    for (const lsp of this.lsps.values()) {
      if (lsp.status === 'down' && !lsp.removed) {
        lsp.retries = 0;
        if (why === 'link up') lsp.failedLinks = [];
        this.bringUp(lsp);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Getting a path

  /** Starts setting the LSP up: delegated LSPs ask their PCE by report, others by request. */
  private bringUp(lsp: PccLsp) {
    if (lsp.removed || lsp.status === 'requesting' || lsp.status === 'signalling') return;
    const session = this.activePeer();
    if (session === undefined || !this.synced.has(session.peer)) return; // asked again at session up
    if (lsp.createdBy !== undefined) return; // the creating PCE drives it
    if (lsp.config.protection === 'none' && this.canDelegate(session)) {
      lsp.delegatedTo ??= session.peer;
      if (lsp.delegatedTo === session.peer) {
        // Delegate with no path; the PCE answers with a PCUpd. RFC 8231 §5.8.2 has the PCC ask
        // with a PCReq first; deployed PCCs skip that exchange, as draft-many-pce-stateful-
        // amendment describes, and so does pcelab (the PCE places every delegation together).
        this.report(lsp, {});
        return;
      }
    }
    this.requestPath(lsp, lsp.up !== undefined ? 'resize' : 'working');
  }

  private constraintsOf(lsp: PccLsp, bandwidthBps = lsp.wantedBps): LspConstraints {
    return constraintsOfConfig(lsp.config, bandwidthBps);
  }

  private requestPath(lsp: PccLsp, why: 'working' | 'resize') {
    const session = this.activePeer();
    if (session === undefined) return;
    const stateful = this.isStateful(session);
    const make = (role: 'working' | 'backup' | 'resize'): PathRequestRecord => {
      const requestId = this.nextRequestId++;
      this.requests.set(requestId, { lsp, role, peer: session.peer });
      const q: PathRequestRecord = {
        ...this.constraintsOf(lsp),
        requestId,
        src: this.name,
        dst: lsp.config.dst,
        reoptimization: role === 'resize',
        failedLinks: role === 'resize' ? [] : lsp.failedLinks,
      };
      if (role === 'resize' && lsp.up !== undefined) {
        q.currentNodes = lsp.up.nodes;
        q.currentBps = lsp.up.bandwidthBps;
      } else if (lsp.lostNodes !== undefined && lsp.failedLinks.length > 0) {
        q.currentNodes = lsp.lostNodes;
      }
      // RFC 8231 §6.4: a stateful PCC names the LSP the request is for.
      if (stateful) q.lsp = { plspId: lsp.plspId, name: lsp.config.name };
      return q;
    };
    lsp.status = why === 'resize' ? lsp.status : 'requesting';
    this.stats.requests++;
    if (why === 'working' && lsp.config.protection === 'shared-backup') {
      const working = make('working');
      const backup = make('backup');
      // RFC 5440 §7.13.2: the two paths must be link diverse.
      const svec = {
        linkDiverse: true,
        nodeDiverse: false,
        srlgDiverse: false,
        requestIds: [working.requestId, backup.requestId],
      };
      session.send(buildPcReq(this.lab.dir, { requests: [working, backup], svec }));
    } else {
      session.send(buildPcReq(this.lab.dir, { requests: [make(why)] }));
    }
  }

  private onPcRep(session: PcepSession, msg: PcepMessage) {
    const replies = readPcRep(this.lab.dir, msg, (id) => (this.requests.has(id) ? this.name : undefined));
    let working: { lsp: PccLsp; nodes: string[] | undefined; role: 'working' | 'resize' } | undefined;
    let backup: { lsp: PccLsp; nodes: string[] } | undefined;
    for (const reply of replies) {
      const req = this.requests.get(reply.requestId);
      if (req === undefined || req.peer !== session.peer) continue;
      this.requests.delete(reply.requestId);
      if (req.lsp.removed) continue;
      const nodes = reply.nodes !== undefined ? [...reply.nodes] : undefined;
      if (req.role === 'backup') {
        if (nodes !== undefined) backup = { lsp: req.lsp, nodes };
      } else working = { lsp: req.lsp, nodes, role: req.role };
    }
    if (working === undefined) return;
    const { lsp, nodes, role } = working;
    if (backup !== undefined && backup.lsp === lsp) {
      const arcs = arcsOfNodes(this.lab.graph, backup.nodes);
      if (arcs !== undefined) lsp.backup = { nodes: backup.nodes, arcs };
    }
    if (nodes === undefined) {
      this.stats.noPath++;
      if (role === 'resize') {
        // RFC 3209 / RFC 8051 §3.1.2: the LSP keeps its reservation when it cannot grow.
        this.stats.resizeFailures++;
        this.trace('lsp.resize-failed', lsp, { wantedBps: lsp.wantedBps });
        this.report(lsp, {});
        return;
      }
      this.setDown(lsp, 'no path');
      this.scheduleRetry(lsp);
      return;
    }
    this.signal(lsp, nodes, lsp.wantedBps, role === 'resize' ? 'resize' : 'setup');
  }

  /**
   * Asks again after retryIntervalUs, up to maxRetries times in a row; then the LSP is blocked
   * and tried again only every BLOCKED_RETRY_US, or when a link comes up or a PCE returns.
   * The retries in a row keep excluding the links that refused or failed (crankback); a
   * blocked LSP's retry, and a link coming up, forget them: they may be back.
   */
  private scheduleRetry(lsp: PccLsp) {
    const blocked = lsp.retries >= this.settings.maxRetries;
    if (blocked) this.trace('lsp.blocked', lsp, { retries: lsp.retries });
    else lsp.retries++;
    const attempt = lsp.retries;
    this.lab.sim.schedule(
      blocked ? BLOCKED_RETRY_US : this.settings.retryIntervalUs,
      () => {
        if (lsp.status !== 'down' || lsp.removed || (blocked && lsp.retries !== attempt)) return;
        if (blocked) {
          lsp.retries = 0;
          lsp.failedLinks = [];
        }
        this.bringUp(lsp);
      },
      undefined,
      'pcc.retry',
      this.name,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Signalling

  /** Signals an instance on `nodes`; an up LSP moves make-before-break (RFC 3209 §2.5). */
  private signal(lsp: PccLsp, nodes: string[], bandwidthBps: number, why: 'setup' | 'resize' | 'update') {
    const arcs = arcsOfNodes(this.lab.graph, nodes, this.lab.dataPlane, lsp.config.setupPriority);
    if (arcs === undefined || arcs.length === 0 || nodes[0] !== this.name) {
      this.setDown(lsp, 'unusable route');
      return;
    }
    if (lsp.inFlight !== undefined) {
      // One signalling at a time; the newest request waits for the current one to finish.
      lsp.deferred = { nodes, bandwidthBps, why };
      return;
    }
    lsp.instance++;
    const key = `${this.name}/${lsp.config.name}#${lsp.instance}`;
    lsp.inFlight = key;
    const replaces = lsp.up?.key;
    if (lsp.up === undefined) lsp.status = 'signalling';
    this.byKey.set(key, lsp);
    this.trace('lsp.signal', lsp, { path: nodes, bandwidthBps, why });
    this.lab.signal(
      {
        key,
        headEnd: this.name,
        arcs,
        bandwidthBps,
        setupPriority: lsp.config.setupPriority,
        holdPriority: lsp.config.holdPriority,
      },
      replaces,
      (result) => this.signalled(lsp, key, nodes, arcs, bandwidthBps, why, result),
    );
  }

  private signalled(
    lsp: PccLsp,
    key: string,
    nodes: string[],
    arcs: number[],
    bandwidthBps: number,
    why: 'setup' | 'resize' | 'update',
    result: AdmissionResult,
  ) {
    if (lsp.inFlight === key) delete lsp.inFlight;
    this.finishSignal(lsp, key, nodes, arcs, bandwidthBps, why, result);
    const next = lsp.deferred;
    if (next !== undefined && lsp.inFlight === undefined && !lsp.removed) {
      delete lsp.deferred;
      this.signal(lsp, next.nodes, next.bandwidthBps, next.why);
    }
  }

  private finishSignal(
    lsp: PccLsp,
    key: string,
    nodes: string[],
    arcs: number[],
    bandwidthBps: number,
    why: 'setup' | 'resize' | 'update',
    result: AdmissionResult,
  ) {
    if (!result.ok) {
      this.byKey.delete(key);
      if (lsp.removed) return;
      this.stats.setupFailures++;
      const at = this.lab.graph.linkIds[result.arc >> 1]!;
      this.trace('lsp.admission-failed', lsp, { path: nodes, link: at, reason: result.reason });
      if (why === 'resize') this.stats.resizeFailures++;
      if (lsp.up !== undefined) {
        // Make-before-break failed: the old instance carries on.
        this.report(lsp, { errorCode: LspErrorCode.rsvpSignalingError });
        return;
      }
      lsp.status = 'down';
      lsp.errorCode = LspErrorCode.rsvpSignalingError;
      if (this.delegationPeer(lsp) !== undefined || lsp.createdBy !== undefined) {
        // The PCE placed it; it will place it again from the report.
        this.report(lsp, { errorCode: LspErrorCode.rsvpSignalingError });
        return;
      }
      // RFC 4920 crankback: ask again, avoiding the link that refused.
      this.stats.crankbacks++;
      if (!lsp.failedLinks.includes(at)) lsp.failedLinks.push(at);
      this.report(lsp, { errorCode: LspErrorCode.rsvpSignalingError });
      this.scheduleRetry(lsp);
      return;
    }
    if (lsp.removed) {
      this.lab.dataPlane.release(key);
      this.byKey.delete(key);
      return;
    }
    if (this.lab.dataPlane.get(key) === undefined) {
      // Admitted, then preempted or cut while the Resv travelled back (the old instance went
      // at admission): the LSP is down as if it had been up for an instant.
      const lost = this.lostInFlight.get(key) ?? { why: 'failed' as const };
      this.lostInFlight.delete(key);
      if (lsp.up !== undefined) this.byKey.delete(lsp.up.key);
      lsp.up = { key, nodes, arcs, bandwidthBps };
      this.byKey.set(key, lsp);
      this.lostReservation(key, lost.why, lost.link);
      return;
    }
    const previous = lsp.up;
    if (previous !== undefined) this.byKey.delete(previous.key);
    // A reroute: up on another path than before, by make-before-break or after losing the old one.
    const before = previous?.nodes ?? lsp.lostNodes;
    const moved = before !== undefined && before.join() !== nodes.join();
    delete lsp.lostNodes;
    if (moved) this.stats.reroutes++;
    if (previous !== undefined && previous.bandwidthBps !== bandwidthBps) this.stats.resizes++;
    lsp.up = { key, nodes, arcs, bandwidthBps };
    lsp.status = 'up';
    lsp.retries = 0;
    lsp.onBackup = false;
    lsp.failedLinks = [];
    delete lsp.errorCode;
    this.updateFlow(lsp);
    this.trace('lsp.up', lsp, { path: nodes, bandwidthBps, why, moved });
    this.report(lsp, {});
  }

  /** A reservation was preempted or its path failed (RSVP PathErr reached the head end). */
  private lostReservation(key: string, why: 'preempted' | 'failed', link?: string) {
    const lsp = this.byKey.get(key);
    if (lsp !== undefined && lsp.inFlight === key) {
      // The Resv is still on its way: deal with it when it arrives.
      this.lostInFlight.set(key, link !== undefined ? { why, link } : { why });
      return;
    }
    this.byKey.delete(key);
    if (lsp === undefined || lsp.up?.key !== key) return;
    if (why === 'preempted') this.stats.preemptions++;
    if (link !== undefined && !lsp.failedLinks.includes(link)) lsp.failedLinks.push(link);
    lsp.lostNodes = lsp.up.nodes;
    delete lsp.up;
    // Shared-backup protection: traffic moves to the backup if it avoids the failure.
    const backupOk =
      lsp.backup !== undefined && lsp.backup.arcs.every((arc) => this.lab.dataPlane.arcUp[arc] === 1);
    lsp.onBackup = backupOk;
    lsp.status = 'down';
    lsp.errorCode = why === 'preempted' ? LspErrorCode.preempted : LspErrorCode.rsvpSignalingError;
    this.updateFlow(lsp);
    this.trace(why === 'preempted' ? 'lsp.preempted' : 'lsp.failed', lsp, { link, onBackup: backupOk });
    this.report(lsp, { errorCode: lsp.errorCode });
    if (this.delegationPeer(lsp) === undefined && lsp.createdBy === undefined) {
      lsp.retries = 0;
      this.bringUp(lsp);
    }
  }

  private tearDown(lsp: PccLsp, why: string) {
    if (lsp.up !== undefined) {
      this.lab.dataPlane.release(lsp.up.key);
      this.byKey.delete(lsp.up.key);
      delete lsp.up;
    }
    lsp.status = 'down';
    lsp.onBackup = false;
    this.updateFlow(lsp);
    this.trace('lsp.down', lsp, { reason: why });
  }

  private setDown(lsp: PccLsp, why: string) {
    if (lsp.up !== undefined) this.tearDown(lsp, why);
    lsp.status = 'down';
    this.trace('lsp.down', lsp, { reason: why });
    this.report(lsp, {});
  }

  /** The traffic the LSP carries now: on its path, on its backup, or nowhere. */
  private updateFlow(lsp: PccLsp) {
    const name = `${this.name}/${lsp.config.name}`;
    const arcs = lsp.up?.arcs ?? (lsp.onBackup ? lsp.backup?.arcs : undefined);
    const reservedBps = lsp.up?.bandwidthBps ?? (lsp.onBackup ? lsp.wantedBps : 0);
    this.lab.traffic.set(
      this.lab.sim.nowUs,
      name,
      arcs === undefined || lsp.removed ? undefined : { arcs, trafficBps: lsp.trafficBps, reservedBps },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Stateful PCE messages

  private onMessage(session: PcepSession, msg: PcepMessage) {
    switch (msg.kind) {
      case 'PCRep':
        this.onPcRep(session, msg);
        return;
      case 'PCUpd':
        this.onPcUpd(session, msg);
        return;
      case 'PCInitiate':
        this.onPcInitiate(session, msg);
        return;
      default:
        return;
    }
  }

  private onPcUpd(session: PcepSession, msg: PcepMessage) {
    const updates = readPcUpd(this.lab.dir, msg, (plspId) =>
      this.byPlspId.has(plspId) ? this.name : undefined,
    );
    for (const u of updates) {
      const lsp = this.byPlspId.get(u.plspId);
      // RFC 8231 §5.8.3: only the PCE the LSP is delegated to may update it.
      if (lsp === undefined || lsp.delegatedTo !== session.peer) {
        // RFC 8231: PCErr 19/3 for an unknown PLSP-ID, 19/1 for an LSP not delegated to the
        // sender, naming the request by its SRP.
        this.trace('pcc.update-refused', lsp, { pce: session.peer, plspId: u.plspId });
        this.refuse(
          session,
          u.srpId,
          lsp === undefined ? PcErr.updateUnknownPlspId : PcErr.updateNotDelegated,
        );
        continue;
      }
      lsp.srp = { peer: session.peer, id: u.srpId };
      if (u.returnsDelegation === true) {
        // RFC 8231 §5.7.3: the PCE gives the LSP back; it stays as it is, under local control.
        delete lsp.delegatedTo;
        this.trace('lsp.delegation-returned', lsp, { pce: session.peer });
        this.report(lsp, {});
        continue;
      }
      if (u.unusable === true || constraintsProblem({ ...this.constraintsOf(lsp), ...u }) !== undefined) {
        // A route this head end cannot follow: refuse it, keep the LSP as it is.
        this.trace('pcc.update-refused', lsp, { pce: session.peer, reason: 'unusable ERO' });
        this.report(lsp, { errorCode: LspErrorCode.unacceptableParameters });
        continue;
      }
      if (u.nodes.length === 0) {
        // An empty ERO: no path satisfies the LSP; take it down and wait for the PCE.
        this.tearDown(lsp, 'PCE has no path');
        this.report(lsp, {});
        continue;
      }
      const same =
        lsp.up !== undefined &&
        lsp.up.nodes.join() === u.nodes.join() &&
        lsp.up.bandwidthBps === u.bandwidthBps;
      if (same) {
        this.report(lsp, {});
        continue;
      }
      this.signal(lsp, [...u.nodes], u.bandwidthBps > 0 ? u.bandwidthBps : lsp.wantedBps, 'update');
    }
  }

  /** A PCErr naming the refused request by its SRP (RFC 8231 <stateful-request-id-list>). */
  private refuse(session: PcepSession, srpId: number, code: { errorType: number; errorValue: number }) {
    session.send({
      kind: 'PCErr',
      objects: [
        { kind: 'SRP', p: false, i: false, remove: false, srpIdNumber: srpId, tlvs: [] },
        { kind: 'PCEP-ERROR', p: false, i: false, ...code, tlvs: [] },
      ],
    });
  }

  private onPcInitiate(session: PcepSession, msg: PcepMessage) {
    const stateful = session.peerCapabilities?.stateful;
    for (const r of readPcInitiate(this.lab.dir, msg, this.name)) {
      if (r.remove) {
        const lsp = this.byPlspId.get(r.plspId);
        // RFC 8281 §5.4: only the PCE that owns a PCE-initiated LSP may remove it.
        if (lsp === undefined || lsp.createdBy !== session.peer) continue;
        lsp.srp = { peer: session.peer, id: r.srpId };
        this.remove(lsp.config.name);
        continue;
      }
      const refused =
        stateful?.lspInstantiation !== true
          ? 'instantiation not negotiated'
          : this.lsps.has(r.name) || r.name === ''
            ? 'no or duplicate name'
            : !this.lab.graph.nodeIndex.has(r.dst) || r.dst === this.name
              ? 'unknown destination'
              : constraintsProblem(r.constraints);
      if (refused !== undefined) {
        // RFC 8281: PCErr 24/1, unacceptable instantiation parameters, naming the SRP.
        this.trace('pcc.initiate-refused', undefined, { pce: session.peer, name: r.name, reason: refused });
        this.refuse(session, r.srpId, PcErr.unacceptableInstantiation);
        continue;
      }
      const c = r.constraints;
      const lsp = this.newLsp(
        {
          name: r.name,
          dst: r.dst,
          bandwidthBps: c.bandwidthBps,
          setupPriority: c.setupPriority,
          holdPriority: c.holdPriority,
          metric: c.metric,
          ...(c.maxHops !== undefined ? { maxHops: c.maxHops } : {}),
          exclude: { links: [...c.excludeLinks], nodes: [...c.excludeNodes], srlgs: [...c.excludeSrlgs] },
          protection: 'none',
          autoBandwidth: false,
        },
        session.peer,
      );
      lsp.srp = { peer: session.peer, id: r.srpId };
      this.trace('lsp.initiated', lsp, { pce: session.peer });
      if (r.nodes.length > 1) this.signal(lsp, [...r.nodes], c.bandwidthBps, 'setup');
      else this.report(lsp, {});
    }
  }

  // -------------------------------------------------------------------------------------------
  // Reports

  private reportRecord(
    lsp: PccLsp,
    extra: { sync?: boolean; remove?: boolean; errorCode?: number },
    peer: string,
  ): LspReportRecord {
    const up = lsp.up;
    const record: LspReportRecord = {
      plspId: lsp.plspId,
      name: lsp.config.name,
      src: this.name,
      dst: lsp.config.dst,
      delegated: lsp.delegatedTo === peer && !extra.remove,
      sync: extra.sync ?? false,
      remove: extra.remove ?? false,
      administrative: !lsp.removed,
      operational: up !== undefined ? LspOperational.up : LspOperational.down,
      create: lsp.createdBy !== undefined,
      tunnelId: lsp.tunnelId,
      lspId: lsp.instance,
      intendedNodes: up?.nodes ?? [],
      actualNodes: up?.nodes ?? [],
      reservedBps: up?.bandwidthBps ?? 0,
      constraints: this.constraintsOf(lsp),
      dbVersion: this.dbVersion,
    };
    if (lsp.srp !== undefined && lsp.srp.peer === peer && !extra.sync) record.srpId = lsp.srp.id;
    const errorCode = extra.errorCode ?? (up === undefined ? lsp.errorCode : undefined);
    if (errorCode !== undefined) record.errorCode = errorCode;
    return record;
  }

  /** The LSP's report, and its backup's when it has one. */
  private reportRecords(
    lsp: PccLsp,
    extra: { sync?: boolean; remove?: boolean; errorCode?: number },
    peer: string,
  ): LspReportRecord[] {
    const main = this.reportRecord(lsp, extra, peer);
    if (lsp.backupPlspId === undefined) return [main];
    const nodes = lsp.backup !== undefined && !lsp.removed ? lsp.backup.nodes : [];
    const backup: LspReportRecord = {
      ...main,
      plspId: lsp.backupPlspId,
      name: `${lsp.config.name}.backup`,
      delegated: false,
      operational: nodes.length > 0 ? LspOperational.up : LspOperational.down,
      intendedNodes: nodes,
      actualNodes: nodes,
      reservedBps: 0,
    };
    delete backup.srpId;
    delete backup.errorCode;
    return [main, backup];
  }

  /** PLSP-IDs this PCC reports: every LSP's, and every backup's. */
  reportedPlspIds(): number[] {
    return [...this.lsps.values()].flatMap((l) =>
      l.backupPlspId !== undefined ? [l.plspId, l.backupPlspId] : [l.plspId],
    );
  }

  /**
   * RFC 8231 §5.8.2: every state change is reported to every stateful PCE whose session is
   * synchronised; the LSP-DB version moves with each change (RFC 8232 §4).
   */
  private bumpVersion() {
    this.dbVersion++;
    const version = this.openTlvs.findIndex((t) => t.kind === 'LSP-DB-VERSION');
    this.openTlvs[version] = { kind: 'LSP-DB-VERSION', lspDbVersion: this.dbVersion };
  }

  private report(lsp: PccLsp, extra: { remove?: boolean; errorCode?: number }) {
    this.bumpVersion();
    for (const pce of this.pces) {
      const session = this.speaker.sessions.get(pce);
      if (
        session === undefined ||
        session.state !== 'up' ||
        !this.synced.has(pce) ||
        !this.isStateful(session)
      )
        continue;
      session.send(buildPcRpt(this.lab.dir, this.reportRecords(lsp, extra, pce)));
    }
    delete lsp.srp;
  }

  private trace(kind: string, lsp: PccLsp | undefined, fields: Record<string, unknown>) {
    const trace = this.lab.sim.trace;
    if (!trace.wants(kind)) return;
    trace.emit({
      timeUs: this.lab.sim.nowUs,
      kind,
      node: this.name,
      ...(lsp !== undefined ? { lsp: lsp.config.name, plspId: lsp.plspId } : {}),
      ...fields,
    });
  }

  /** For results: the path an LSP is on (working, or its backup while protecting). */
  pathOf(lsp: PccLsp): string[] {
    if (lsp.up !== undefined) return lsp.up.nodes;
    if (lsp.onBackup && lsp.backup !== undefined) return pathNodeNames(this.lab.graph, lsp.backup.arcs);
    return [];
  }
}
