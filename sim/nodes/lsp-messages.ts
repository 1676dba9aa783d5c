/**
 * The PCEP messages PCCs and PCEs exchange about LSPs, built from and read into plain records:
 * PCReq/PCRep (RFC 5440 §6.4–6.5, with RFC 8231 §6.4's LSP object), PCRpt and PCUpd
 * (RFC 8231 §6.1–6.2), PCInitiate (RFC 8281 §5.1). Paths travel as EROs/RROs of IPv4 /32
 * router ids (RFC 3209 §4.3.3); excluded links as unnumbered interfaces (RFC 5521 XRO, the
 * interface id being the link's index + 1), excluded SRLGs as SRLG subobjects.
 */
import type { PcepMessage, PcepObject, Subobject, Tlv } from '../pcep/index.ts';
import { arcLink, PRIORITY_LEVELS, type TeGraph, type TeState } from '../te/graph.ts';

type ObjectOf<K extends PcepObject['kind']> = Extract<PcepObject, { kind: K }>;

/** Router names and their addresses (router ids), for routers and PCEs alike. */
export class Directory {
  readonly graph: TeGraph;
  private readonly ids = new Map<string, string>();
  private readonly names = new Map<string, string>();

  constructor(graph: TeGraph, pces: readonly { name: string; routerId: string }[]) {
    this.graph = graph;
    for (const n of graph.topology.nodes) this.add(n.name, n.routerId);
    for (const p of pces) this.add(p.name, p.routerId);
  }

  private add(name: string, routerId: string) {
    this.ids.set(name, routerId);
    this.names.set(routerId, name);
  }

  routerIdOf(name: string): string {
    const id = this.ids.get(name);
    if (id === undefined) throw new Error(`no router id for ${name}`);
    return id;
  }

  nameOf(routerId: string): string | undefined {
    return this.names.get(routerId);
  }
}

/** What path computation is asked to respect. */
export interface LspConstraints {
  bandwidthBps: number;
  setupPriority: number;
  holdPriority: number;
  metric: 'igp' | 'te';
  maxHops?: number;
  excludeLinks: readonly string[];
  excludeNodes: readonly string[];
  excludeSrlgs: readonly number[];
}

const IGP_METRIC = 1;
const TE_METRIC = 2;
const HOP_COUNT_METRIC = 3;

/** RFC 8231 §7.3.3 LSP-ERROR-CODE values. */
export const LspErrorCode = {
  unknown: 1,
  unacceptableParameters: 4,
  internal: 5,
  adminDown: 6,
  preempted: 7,
  rsvpSignalingError: 8,
} as const;

const base = { p: false, i: false } as const;

// ---------------------------------------------------------------------------------------------
// Routes

export function eroOf(dir: Directory, nodes: readonly string[]): ObjectOf<'ERO'> {
  return { kind: 'ERO', ...base, subobjects: nodes.slice(1).map((n) => hop(dir, n)) };
}

export function rroOf(dir: Directory, nodes: readonly string[]): ObjectOf<'RRO'> {
  return { kind: 'RRO', ...base, subobjects: nodes.slice(1).map((n) => hop(dir, n)) };
}

function hop(dir: Directory, name: string): Subobject {
  return { kind: 'IPV4-PREFIX', l: false, address: dir.routerIdOf(name), prefixLength: 32, flags: 0 };
}

/**
 * What is wrong with constraints a peer sent, if anything: priorities outside 0-7 (RFC 3209
 * §4.7.4), a bandwidth that is not a finite non-negative number, a hop bound below 1.
 */
export function constraintsProblem(c: LspConstraints): string | undefined {
  const priority = (p: number) => Number.isInteger(p) && p >= 0 && p <= 7;
  if (!priority(c.setupPriority) || !priority(c.holdPriority)) return 'priority outside 0-7';
  if (!Number.isFinite(c.bandwidthBps) || c.bandwidthBps < 0)
    return 'bandwidth not a finite non-negative number';
  if (c.maxHops !== undefined && !(Number.isFinite(c.maxHops) && c.maxHops >= 1)) return 'hop bound below 1';
  return undefined;
}

/** The node names a route visits after `head`, or undefined when a hop is not a known router. */
export function routeNodes(
  dir: Directory,
  head: string,
  subobjects: readonly Subobject[],
): string[] | undefined {
  const nodes = [head];
  for (const so of subobjects) {
    if (so.kind !== 'IPV4-PREFIX') return undefined;
    const name = dir.nameOf(so.address);
    // A hop that is no router of this network, or one visited twice (a loop), makes no route.
    if (name === undefined || !dir.graph.nodeIndex.has(name) || nodes.includes(name)) return undefined;
    nodes.push(name);
  }
  return nodes;
}

/**
 * The arcs joining consecutive nodes. Between parallel links the one with the most unreserved
 * bandwidth at `priority` in `state` is taken (what RSVP's next hop would pick), then the
 * lowest link index.
 */
export function arcsOfNodes(
  graph: TeGraph,
  nodes: readonly string[],
  state?: TeState,
  priority = PRIORITY_LEVELS - 1,
): number[] | undefined {
  const arcs: number[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const u = graph.nodeIndex.get(nodes[i]!);
    const v = graph.nodeIndex.get(nodes[i + 1]!);
    if (u === undefined || v === undefined) return undefined;
    let best = -1;
    for (let k = graph.outStart[u]!; k < graph.outStart[u + 1]!; k++) {
      const arc = graph.outArcs[k]!;
      if (graph.arcTo[arc] !== v) continue;
      if (best < 0) best = arc;
      else if (state !== undefined) {
        const a = state.unreservedBps[arc * PRIORITY_LEVELS + priority]!;
        const b = state.unreservedBps[best * PRIORITY_LEVELS + priority]!;
        if (a > b) best = arc;
      }
    }
    if (best < 0) return undefined;
    arcs.push(best);
  }
  return arcs;
}

// ---------------------------------------------------------------------------------------------
// Attribute objects

function bandwidthObject(bps: number): ObjectOf<'BANDWIDTH-REQUESTED'> {
  return { kind: 'BANDWIDTH-REQUESTED', ...base, bandwidthBytesPerS: bps / 8 };
}

function lspaObject(c: { setupPriority: number; holdPriority: number }, tlvs: Tlv[] = []): ObjectOf<'LSPA'> {
  return {
    kind: 'LSPA',
    ...base,
    excludeAny: 0,
    includeAny: 0,
    includeAll: 0,
    setupPriority: c.setupPriority,
    holdingPriority: c.holdPriority,
    localProtection: false,
    tlvs,
  };
}

function metricObjects(c: LspConstraints): ObjectOf<'METRIC'>[] {
  const objective: ObjectOf<'METRIC'> = {
    kind: 'METRIC',
    ...base,
    bound: false,
    computed: false,
    metricType: c.metric === 'igp' ? IGP_METRIC : TE_METRIC,
    metricValue: 0,
  };
  if (c.maxHops === undefined) return [objective];
  // RFC 5440 §7.8: a bound (B set) on the hop count.
  return [objective, { ...objective, bound: true, metricType: HOP_COUNT_METRIC, metricValue: c.maxHops }];
}

function xroObject(
  dir: Directory,
  c: LspConstraints,
  failedLinks: readonly string[] = [],
): ObjectOf<'XRO'> | undefined {
  const subobjects: Subobject[] = [];
  // RFC 5521 §2.1.1: Attribute 1 excludes the node the address belongs to (0: the interface).
  for (const name of c.excludeNodes) {
    subobjects.push({
      kind: 'IPV4-PREFIX',
      x: false,
      address: dir.routerIdOf(name),
      prefixLength: 32,
      flags: 1,
    });
  }
  for (const id of [...c.excludeLinks, ...failedLinks]) {
    const l = dir.graph.linkIndex.get(id);
    if (l === undefined) continue;
    const link = dir.graph.topology.links[l]!;
    subobjects.push({
      kind: 'UNNUMBERED-INTERFACE-ID',
      x: false,
      routerId: dir.routerIdOf(link.a),
      interfaceId: l + 1,
      flags: 0,
    });
  }
  for (const srlg of c.excludeSrlgs) subobjects.push({ kind: 'SRLG', x: false, srlgId: srlg, attribute: 2 });
  // RFC 5521 §2.1.1: F marks a request for a new path for an LSP that failed.
  if (subobjects.length === 0 && failedLinks.length === 0) return undefined;
  return { kind: 'XRO', ...base, fail: failedLinks.length > 0, subobjects };
}

/** Reads the constraints carried by a request's or report's objects (defaults where absent). */
function readConstraints(
  dir: Directory,
  objects: readonly PcepObject[],
): LspConstraints & { failedLinks: string[] } {
  const c: LspConstraints & { failedLinks: string[] } = {
    bandwidthBps: 0,
    setupPriority: 7,
    holdPriority: 7,
    metric: 'te',
    excludeLinks: [],
    excludeNodes: [],
    excludeSrlgs: [],
    failedLinks: [],
  };
  const links: string[] = [];
  const nodes: string[] = [];
  const srlgs: number[] = [];
  for (const o of objects) {
    if (o.kind === 'BANDWIDTH-REQUESTED') c.bandwidthBps = o.bandwidthBytesPerS * 8;
    else if (o.kind === 'LSPA') {
      c.setupPriority = o.setupPriority;
      c.holdPriority = o.holdingPriority;
    } else if (o.kind === 'METRIC') {
      if (o.bound && o.metricType === HOP_COUNT_METRIC) c.maxHops = o.metricValue;
      else if (!o.bound) c.metric = o.metricType === IGP_METRIC ? 'igp' : 'te';
    } else if (o.kind === 'XRO') {
      for (const so of o.subobjects) {
        if (so.kind === 'IPV4-PREFIX') {
          const name = dir.nameOf(so.address);
          if (name !== undefined) nodes.push(name);
        } else if (so.kind === 'UNNUMBERED-INTERFACE-ID') {
          const id = dir.graph.linkIds[so.interfaceId - 1];
          if (id !== undefined) (o.fail ? c.failedLinks : links).push(id);
        } else if (so.kind === 'SRLG') srlgs.push(so.srlgId);
      }
    }
  }
  c.excludeLinks = links;
  c.excludeNodes = nodes;
  c.excludeSrlgs = srlgs;
  return c;
}

function symbolicName(name: string): Tlv {
  return { kind: 'SYMBOLIC-PATH-NAME', name };
}

function nameOf(tlvs: readonly Tlv[]): string | undefined {
  for (const t of tlvs)
    if (t.kind === 'SYMBOLIC-PATH-NAME') return typeof t.name === 'string' ? t.name : undefined;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// PCReq / PCRep

export interface PathRequestRecord extends LspConstraints {
  requestId: number;
  src: string;
  dst: string;
  /** RFC 5440 §7.4.1 R flag: reoptimisation of an existing LSP (then `currentNodes` is its path). */
  reoptimization: boolean;
  currentNodes?: readonly string[];
  /** Bandwidth the LSP holds now, for a reoptimisation (RFC 5440 §7.7 BANDWIDTH Object-Type 2). */
  currentBps?: number;
  /** Links that failed under the LSP (XRO with F set, RFC 5521 §2.1.1). */
  failedLinks: readonly string[];
  /** RFC 8231 §6.4: the LSP the request is for, when the PCE knows it (PLSP-ID and name). */
  lsp?: { plspId: number; name: string };
}

export interface PcReqRecord {
  requests: PathRequestRecord[];
  /** RFC 5440 §7.13 SVEC: compute these requests together, diverse as flagged. */
  svec?: { linkDiverse: boolean; nodeDiverse: boolean; srlgDiverse: boolean; requestIds: number[] };
}

export function buildPcReq(dir: Directory, r: PcReqRecord): PcepMessage {
  const objects: PcepObject[] = [];
  if (r.svec !== undefined) {
    objects.push({
      kind: 'SVEC',
      ...base,
      linkDiverse: r.svec.linkDiverse,
      nodeDiverse: r.svec.nodeDiverse,
      srlgDiverse: r.svec.srlgDiverse,
      requestIdNumbers: r.svec.requestIds,
    });
  }
  for (const q of r.requests) {
    // RFC 5440 §7.4.1, §7.6: RP and END-POINTS in a request have P set (else PCErr 10/1).
    objects.push({
      kind: 'RP',
      ...base,
      p: true,
      priority: 0,
      reoptimization: q.reoptimization,
      bidirectional: false,
      loose: false,
      requestIdNumber: q.requestId,
      tlvs: [],
    });
    objects.push({
      kind: 'END-POINTS-IPV4',
      ...base,
      p: true,
      source: dir.routerIdOf(q.src),
      destination: dir.routerIdOf(q.dst),
    });
    if (q.lsp !== undefined) objects.push(lspObject({ plspId: q.lsp.plspId, name: q.lsp.name }));
    objects.push(lspaObject(q), bandwidthObject(q.bandwidthBps), ...metricObjects(q));
    // RRO: the current path of a reoptimised LSP, or the path a failed LSP lost (RFC 8051
    // §3.4.2: XRO with F set together with the RRO).
    if (q.currentNodes !== undefined && (q.reoptimization || q.failedLinks.length > 0)) {
      objects.push(rroOf(dir, q.currentNodes));
      if (q.reoptimization && q.currentBps !== undefined) {
        objects.push({ kind: 'BANDWIDTH-EXISTING', ...base, bandwidthBytesPerS: q.currentBps / 8 });
      }
    }
    const xro = xroObject(dir, q, q.failedLinks);
    if (xro !== undefined) objects.push(xro);
  }
  return { kind: 'PCReq', objects };
}

export function readPcReq(dir: Directory, msg: PcepMessage): PcReqRecord {
  const record: PcReqRecord = { requests: [] };
  let current: { rp: ObjectOf<'RP'>; objects: PcepObject[] } | undefined;
  const groups: { rp: ObjectOf<'RP'>; objects: PcepObject[] }[] = [];
  for (const o of msg.objects) {
    if (o.kind === 'SVEC' && current === undefined) {
      record.svec = {
        linkDiverse: o.linkDiverse,
        nodeDiverse: o.nodeDiverse,
        srlgDiverse: o.srlgDiverse,
        requestIds: o.requestIdNumbers,
      };
    } else if (o.kind === 'RP') {
      current = { rp: o, objects: [] };
      groups.push(current);
    } else if (current !== undefined) current.objects.push(o);
  }
  for (const g of groups) {
    const endpoints = g.objects.find((o) => o.kind === 'END-POINTS-IPV4');
    if (endpoints?.kind !== 'END-POINTS-IPV4') continue;
    // End points this network does not know still get an answer (NO-PATH): names are ''.
    const src = dir.nameOf(endpoints.source) ?? '';
    const dst = dir.nameOf(endpoints.destination) ?? '';
    const c = readConstraints(dir, g.objects);
    const lsp = g.objects.find((o) => o.kind === 'LSP');
    const rro = g.objects.find((o) => o.kind === 'RRO');
    const q: PathRequestRecord = {
      ...c,
      requestId: g.rp.requestIdNumber,
      src,
      dst,
      reoptimization: g.rp.reoptimization,
    };
    if (rro?.kind === 'RRO') {
      const nodes = routeNodes(dir, src, rro.subobjects);
      if (nodes !== undefined) q.currentNodes = nodes;
    }
    // With an RRO, the F-flagged links that join two consecutive hops of it are the failed
    // ones; the others are plain exclusions the LSP carries anyway.
    if (q.currentNodes !== undefined && c.failedLinks.length > 0) {
      const hops = q.currentNodes;
      const onPath = (id: string) => {
        const link = dir.graph.topology.links[dir.graph.linkIndex.get(id)!]!;
        const i = hops.indexOf(link.a);
        const j = hops.indexOf(link.b);
        return i >= 0 && j >= 0 && Math.abs(i - j) === 1;
      };
      q.failedLinks = c.failedLinks.filter(onPath);
      q.excludeLinks = [...c.excludeLinks, ...c.failedLinks.filter((id) => !onPath(id))];
    }
    const existing = g.objects.find((o) => o.kind === 'BANDWIDTH-EXISTING');
    if (existing?.kind === 'BANDWIDTH-EXISTING') q.currentBps = existing.bandwidthBytesPerS * 8;
    if (lsp?.kind === 'LSP') q.lsp = { plspId: lsp.plspId, name: nameOf(lsp.tlvs) ?? `plsp-${lsp.plspId}` };
    record.requests.push(q);
  }
  return record;
}

export interface PathReplyRecord {
  requestId: number;
  /** Undefined: NO-PATH. */
  nodes?: readonly string[];
  bandwidthBps?: number;
  cost?: number;
}

export function buildPcRep(dir: Directory, replies: readonly PathReplyRecord[]): PcepMessage {
  const objects: PcepObject[] = [];
  for (const r of replies) {
    objects.push({
      kind: 'RP',
      ...base,
      priority: 0,
      reoptimization: false,
      bidirectional: false,
      loose: false,
      requestIdNumber: r.requestId,
      tlvs: [],
    });
    if (r.nodes === undefined) {
      objects.push({ kind: 'NO-PATH', ...base, natureOfIssue: 0, unsatisfiedConstraints: false, tlvs: [] });
      continue;
    }
    objects.push(eroOf(dir, r.nodes));
    if (r.bandwidthBps !== undefined) objects.push(bandwidthObject(r.bandwidthBps));
  }
  return { kind: 'PCRep', objects };
}

export function readPcRep(
  dir: Directory,
  msg: PcepMessage,
  heads: (requestId: number) => string | undefined,
): PathReplyRecord[] {
  const replies: PathReplyRecord[] = [];
  let current: PathReplyRecord | undefined;
  for (const o of msg.objects) {
    if (o.kind === 'RP') {
      current = { requestId: o.requestIdNumber };
      replies.push(current);
    } else if (current !== undefined && o.kind === 'ERO' && current.nodes === undefined) {
      const head = heads(current.requestId);
      if (head !== undefined) {
        const nodes = routeNodes(dir, head, o.subobjects);
        if (nodes !== undefined) current.nodes = nodes;
      }
    } else if (current !== undefined && o.kind === 'BANDWIDTH-REQUESTED')
      current.bandwidthBps = o.bandwidthBytesPerS * 8;
  }
  return replies;
}

// ---------------------------------------------------------------------------------------------
// PCRpt / PCUpd / PCInitiate

export interface LspReportRecord {
  plspId: number;
  name: string;
  src: string;
  dst: string;
  delegated: boolean;
  sync: boolean;
  remove: boolean;
  administrative: boolean;
  operational: number;
  create: boolean;
  srpId?: number;
  /** RSVP tunnel and LSP ids (RFC 8231 §7.3.1 IPV4-LSP-IDENTIFIERS). */
  tunnelId: number;
  lspId: number;
  /** The path it is signalled on (ERO) and the path it took (RRO); empty when down. */
  intendedNodes: readonly string[];
  actualNodes: readonly string[];
  /** Bandwidth reserved now (actual attribute list) and wanted (intended attribute list). */
  reservedBps: number;
  constraints: LspConstraints;
  errorCode?: number;
  /** RFC 8232 §4.1 LSP-DB-VERSION after this change. */
  dbVersion?: bigint;
}

function lspObject(r: {
  plspId: number;
  name?: string;
  delegated?: boolean;
  sync?: boolean;
  remove?: boolean;
  administrative?: boolean;
  operational?: number;
  create?: boolean;
  tlvs?: Tlv[];
}): ObjectOf<'LSP'> {
  return {
    kind: 'LSP',
    ...base,
    plspId: r.plspId,
    delegate: r.delegated ?? false,
    sync: r.sync ?? false,
    remove: r.remove ?? false,
    administrative: r.administrative ?? true,
    operational: r.operational ?? 0,
    create: r.create ?? false,
    tlvs: [...(r.tlvs ?? []), ...(r.name !== undefined ? [symbolicName(r.name)] : [])],
  };
}

function srpObject(srpId: number, remove = false): ObjectOf<'SRP'> {
  return { kind: 'SRP', ...base, remove, srpIdNumber: srpId, tlvs: [] };
}

/** One report's objects: [SRP] LSP ERO [BANDWIDTH RRO] LSPA BANDWIDTH METRIC… (RFC 8231 §6.1). */
export function reportObjects(dir: Directory, r: LspReportRecord): PcepObject[] {
  const tlvs: Tlv[] = [
    {
      kind: 'IPV4-LSP-IDENTIFIERS',
      tunnelSenderAddress: dir.routerIdOf(r.src),
      lspId: r.lspId,
      tunnelId: r.tunnelId,
      extendedTunnelId: dir.routerIdOf(r.src),
      tunnelEndpointAddress: dir.routerIdOf(r.dst),
    },
  ];
  if (r.errorCode !== undefined) tlvs.push({ kind: 'LSP-ERROR-CODE', lspErrorCode: r.errorCode });
  if (r.dbVersion !== undefined) tlvs.push({ kind: 'LSP-DB-VERSION', lspDbVersion: r.dbVersion });
  const objects: PcepObject[] = [];
  // RFC 8281 §5.4: the report confirming a removal has R set in its SRP as in the LSP.
  if (r.srpId !== undefined) objects.push(srpObject(r.srpId, r.remove));
  objects.push(lspObject({ ...r, tlvs }));
  objects.push(eroOf(dir, r.intendedNodes));
  if (r.actualNodes.length > 0) objects.push(bandwidthObject(r.reservedBps), rroOf(dir, r.actualNodes));
  objects.push(
    lspaObject(r.constraints),
    bandwidthObject(r.constraints.bandwidthBps),
    ...metricObjects(r.constraints),
  );
  const xro = xroObject(dir, r.constraints);
  if (xro !== undefined) objects.push(xro);
  return objects;
}

export function buildPcRpt(dir: Directory, reports: readonly LspReportRecord[]): PcepMessage {
  return { kind: 'PCRpt', objects: reports.flatMap((r) => reportObjects(dir, r)) };
}

/** RFC 8231 §5.6: the end-of-synchronisation marker, PLSP-ID 0 and an empty ERO. */
export function buildEndOfSync(dbVersion?: bigint): PcepMessage {
  const tlvs: Tlv[] = dbVersion !== undefined ? [{ kind: 'LSP-DB-VERSION', lspDbVersion: dbVersion }] : [];
  return {
    kind: 'PCRpt',
    objects: [
      lspObject({ plspId: 0, sync: false, administrative: false, tlvs }),
      { kind: 'ERO', ...base, subobjects: [] },
    ],
  };
}

/** Splits a PCRpt/PCUpd/PCInitiate into its requests, each led by [SRP] LSP. */
function splitRequests(msg: PcepMessage): PcepObject[][] {
  const groups: PcepObject[][] = [];
  let current: PcepObject[] | undefined;
  for (const o of msg.objects) {
    const opens =
      o.kind === 'SRP' ||
      (o.kind === 'LSP' && (current === undefined || current.some((x) => x.kind === 'LSP')));
    if (opens || current === undefined) {
      current = [];
      groups.push(current);
    }
    current.push(o);
  }
  return groups;
}

/** Reads a PCRpt's reports; the PCC's own name is `pcc` (reports carry the head end's id too). */
export function readPcRpt(
  dir: Directory,
  msg: PcepMessage,
  pcc: string,
): (LspReportRecord | { endOfSync: true; dbVersion?: bigint })[] {
  const out: (LspReportRecord | { endOfSync: true; dbVersion?: bigint })[] = [];
  for (const group of splitRequests(msg)) {
    const lsp = group.find((o) => o.kind === 'LSP');
    if (lsp?.kind !== 'LSP') continue;
    const version = lsp.tlvs.find((t) => t.kind === 'LSP-DB-VERSION');
    const dbVersion = version?.kind === 'LSP-DB-VERSION' ? version.lspDbVersion : undefined;
    if (lsp.plspId === 0) {
      out.push(dbVersion !== undefined ? { endOfSync: true, dbVersion } : { endOfSync: true });
      continue;
    }
    const ids = lsp.tlvs.find((t) => t.kind === 'IPV4-LSP-IDENTIFIERS');
    const src = ids?.kind === 'IPV4-LSP-IDENTIFIERS' ? (dir.nameOf(ids.tunnelSenderAddress) ?? pcc) : pcc;
    const dst = ids?.kind === 'IPV4-LSP-IDENTIFIERS' ? dir.nameOf(ids.tunnelEndpointAddress) : undefined;
    const ero = group.find((o) => o.kind === 'ERO');
    const rroAt = group.findIndex((o) => o.kind === 'RRO');
    const rro = rroAt >= 0 ? group[rroAt] : undefined;
    // The BANDWIDTH before the RRO is the actual one, the last one the intended one.
    const actualBw =
      rroAt > 0 ? group.slice(0, rroAt).findLast((o) => o.kind === 'BANDWIDTH-REQUESTED') : undefined;
    const intended = readConstraints(dir, rroAt >= 0 ? group.slice(rroAt + 1) : group);
    const srp = group.find((o) => o.kind === 'SRP');
    const errorTlv = lsp.tlvs.find((t) => t.kind === 'LSP-ERROR-CODE');
    const record: LspReportRecord = {
      plspId: lsp.plspId,
      name: nameOf(lsp.tlvs) ?? `plsp-${lsp.plspId}`,
      src,
      dst: dst ?? '',
      delegated: lsp.delegate,
      sync: lsp.sync,
      remove: lsp.remove,
      administrative: lsp.administrative,
      operational: lsp.operational,
      create: lsp.create,
      tunnelId: ids?.kind === 'IPV4-LSP-IDENTIFIERS' ? ids.tunnelId : 0,
      lspId: ids?.kind === 'IPV4-LSP-IDENTIFIERS' ? ids.lspId : 0,
      intendedNodes: ero?.kind === 'ERO' ? (routeNodes(dir, src, ero.subobjects) ?? []) : [],
      actualNodes: rro?.kind === 'RRO' ? (routeNodes(dir, src, rro.subobjects) ?? []) : [],
      reservedBps: actualBw?.kind === 'BANDWIDTH-REQUESTED' ? actualBw.bandwidthBytesPerS * 8 : 0,
      constraints: intended,
    };
    if (record.intendedNodes.length === 1) record.intendedNodes = [];
    if (record.actualNodes.length === 1) record.actualNodes = [];
    if (srp?.kind === 'SRP') record.srpId = srp.srpIdNumber;
    if (errorTlv?.kind === 'LSP-ERROR-CODE') record.errorCode = errorTlv.lspErrorCode;
    if (dbVersion !== undefined) record.dbVersion = dbVersion;
    out.push(record);
  }
  return out;
}

export interface LspUpdateRecord {
  srpId: number;
  plspId: number;
  name: string;
  /** New path; empty asks the PCC to take the LSP down (no path meets its constraints). */
  nodes: readonly string[];
  /** The ERO names hops this network does not have (or is not a list of /32 router ids). */
  unusable?: boolean;
  /** RFC 8231 §5.7.3: D clear in a PCUpd returns the delegation to the PCC. */
  returnsDelegation?: boolean;
  bandwidthBps: number;
  setupPriority: number;
  holdPriority: number;
}

export function buildPcUpd(dir: Directory, updates: readonly LspUpdateRecord[]): PcepMessage {
  const objects: PcepObject[] = [];
  for (const u of updates) {
    objects.push(srpObject(u.srpId), lspObject({ plspId: u.plspId, delegated: true, operational: 0 }));
    objects.push(
      eroOf(dir, u.nodes.length > 0 ? u.nodes : []),
      lspaObject(u),
      bandwidthObject(u.bandwidthBps),
    );
  }
  return { kind: 'PCUpd', objects };
}

export function readPcUpd(
  dir: Directory,
  msg: PcepMessage,
  headOf: (plspId: number) => string | undefined,
): LspUpdateRecord[] {
  const out: LspUpdateRecord[] = [];
  for (const group of splitRequests(msg)) {
    const srp = group.find((o) => o.kind === 'SRP');
    const lsp = group.find((o) => o.kind === 'LSP');
    const ero = group.find((o) => o.kind === 'ERO');
    if (srp?.kind !== 'SRP' || lsp?.kind !== 'LSP' || ero?.kind !== 'ERO') continue;
    const head = headOf(lsp.plspId);
    const c = readConstraints(dir, group);
    const route =
      head !== undefined && ero.subobjects.length > 0 ? routeNodes(dir, head, ero.subobjects) : [];
    out.push({
      srpId: srp.srpIdNumber,
      plspId: lsp.plspId,
      name: nameOf(lsp.tlvs) ?? '',
      nodes: route ?? [],
      ...(route === undefined ? { unusable: true } : {}),
      ...(!lsp.delegate ? { returnsDelegation: true } : {}),
      bandwidthBps: c.bandwidthBps,
      setupPriority: c.setupPriority,
      holdPriority: c.holdPriority,
    });
  }
  return out;
}

export interface LspInitiateRecord {
  srpId: number;
  /** Create: the name, end points, path and attributes. Remove: the PLSP-ID. */
  remove: boolean;
  plspId: number;
  name: string;
  src: string;
  dst: string;
  nodes: readonly string[];
  constraints: LspConstraints;
}

export function buildPcInitiate(dir: Directory, r: LspInitiateRecord): PcepMessage {
  if (r.remove) {
    // RFC 8281 §5.1: a deletion is <SRP with R> <LSP>.
    return {
      kind: 'PCInitiate',
      objects: [srpObject(r.srpId, true), lspObject({ plspId: r.plspId, name: r.name })],
    };
  }
  // RFC 8281 §5.1: the attribute list may carry an XRO (RFC 5521) with the LSP's exclusions.
  const xro = xroObject(dir, r.constraints);
  return {
    kind: 'PCInitiate',
    objects: [
      srpObject(r.srpId),
      lspObject({ plspId: 0, name: r.name, delegated: true, create: true }),
      {
        kind: 'END-POINTS-IPV4',
        ...base,
        p: true,
        source: dir.routerIdOf(r.src),
        destination: dir.routerIdOf(r.dst),
      },
      eroOf(dir, r.nodes),
      lspaObject(r.constraints),
      bandwidthObject(r.constraints.bandwidthBps),
      ...metricObjects(r.constraints),
      ...(xro !== undefined ? [xro] : []),
    ],
  };
}

export function readPcInitiate(dir: Directory, msg: PcepMessage, pcc: string): LspInitiateRecord[] {
  const out: LspInitiateRecord[] = [];
  for (const group of splitRequests(msg)) {
    const srp = group.find((o) => o.kind === 'SRP');
    const lsp = group.find((o) => o.kind === 'LSP');
    if (srp?.kind !== 'SRP' || lsp?.kind !== 'LSP') continue;
    const endpoints = group.find((o) => o.kind === 'END-POINTS-IPV4');
    const src = endpoints?.kind === 'END-POINTS-IPV4' ? (dir.nameOf(endpoints.source) ?? pcc) : pcc;
    const dst = endpoints?.kind === 'END-POINTS-IPV4' ? (dir.nameOf(endpoints.destination) ?? '') : '';
    const ero = group.find((o) => o.kind === 'ERO');
    out.push({
      srpId: srp.srpIdNumber,
      remove: srp.remove,
      plspId: lsp.plspId,
      name: nameOf(lsp.tlvs) ?? '',
      src,
      dst,
      nodes: ero?.kind === 'ERO' ? (routeNodes(dir, src, ero.subobjects) ?? []) : [],
      constraints: readConstraints(dir, group),
    });
  }
  return out;
}

/** The link index of an arc, re-exported for callers that only import this module. */
export { arcLink };
