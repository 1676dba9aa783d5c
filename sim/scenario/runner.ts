/**
 * Runs a scenario: builds the network (routers, links, PCE attachments), a PCC on every head
 * end and the PCEs in the chosen mode, plays the LSPs and the scripted events on the
 * simulated clock, and gathers the results and the end-of-run invariants.
 */
import { Simulator } from '../core/simulator.ts';
import type { TraceSink } from '../core/trace.ts';
import { Lab } from '../nodes/lab.ts';
import { constraintsOfConfig, Pcc, type PccLsp, type PccLspConfig } from '../nodes/pcc.ts';
import { Pce } from '../nodes/pce.ts';
import { arcLink } from '../te/graph.ts';
import { LspOperational } from '../te/lsp-db.ts';
import type { PceMode, Scenario, ScenarioLsp } from './scenario.ts';

export interface RunOptions {
  /** Overrides the scenario's mode. */
  mode?: PceMode;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Trace sinks, each with the kinds it wants (all when omitted). */
  sinks?: { sink: TraceSink; kinds?: Iterable<string> }[];
  /** Called with the fraction of simulated time done, about a hundred times per run. */
  onProgress?: (fraction: number) => void;
  /** Receives every PCEP byte sent, with the simulated time, for a capture. */
  tap?: (timeUs: number, from: string, to: string, bytes: Uint8Array) => void;
}

export type LspResultState = 'up' | 'down' | 'protected';

export interface LspResult {
  name: string;
  src: string;
  dst: string;
  /** Bandwidth asked for (configured, or what auto-bandwidth wants now), bits per second. */
  bandwidth: number;
  /** Bandwidth reserved at the end. */
  reservedBandwidth: number;
  state: LspResultState;
  path: string[];
  setupPriority: number;
  holdPriority: number;
  delegated: boolean;
  pceInitiated: boolean;
  trafficLossBits: number;
  backupPath?: string[];
}

export interface RunMetrics {
  /** Sum of what the LSPs existing at the end ask for (bits per second). */
  requestedBandwidth: number;
  /** Sum of what they have reserved at the end. */
  admittedBandwidth: number;
  /** LSPs down at the end. */
  blocked: number;
  /** LSPs coming up on another path than they had: make-before-break moves and restorations. */
  reroutes: number;
  /** Reservations preempted by more important ones. */
  preemptions: number;
  /** Highest reserved/capacity over the links at the end. */
  maxLinkUtilization: number;
  /** Highest offered-traffic/capacity seen on any link during the run (above 1: congestion). */
  peakTrafficUtilization: number;
  /** Share of the traffic offered to up LSPs that congestion drops over the run (0–1); blocked LSPs are in `blocked`. */
  trafficLoss: number;
  trafficLossBits: number;
  /** Bits lost by LSPs that sent within their reservation. */
  inProfileTrafficLossBits: number;
  /** Path requests, NO-PATH answers, failed setups and crankbacks at the head ends. */
  pathRequests: number;
  noPath: number;
  setupFailures: number;
  crankbacks: number;
  /**
   * Most pairs of protected LSPs at any time whose working paths share a link while their
   * backups share one too (they would contend for the shared backup bandwidth).
   */
  backupConflicts: number;
  /** PCEP messages sent, by type. */
  messages: Record<string, number>;
  /** Simulated events processed. */
  events: number;
}

export interface RunResult {
  scenario: string;
  mode: PceMode;
  seed: number;
  durationS: number;
  lsps: LspResult[];
  metrics: RunMetrics;
  /** End-of-run invariants (every LSP in its stateful PCE's LSP-DB once, ...). */
  invariants: { ok: boolean; violations: string[] };
}

export class RunError extends Error {
  override readonly name = 'RunError';
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const mode = options.mode ?? scenario.mode;
  const seed = options.seed ?? scenario.seed;
  const sim = new Simulator({ seed: String(seed) });
  for (const { sink, kinds } of options.sinks ?? []) sim.trace.add(sink, kinds);
  const messages: Record<string, number> = {};
  sim.trace.add(
    {
      write(event) {
        const type = String(event.message);
        messages[type] = (messages[type] ?? 0) + 1;
      },
    },
    ['pcep.tx'],
  );
  const topology = scenario.topology;
  const lab = Lab.build(sim, topology, scenario.igp.floodHopDelayUs);
  const graph = lab.graph;
  const tap =
    options.tap !== undefined
      ? (from: string, to: string, bytes: Uint8Array) => options.tap!(sim.nowUs, from, to, bytes)
      : undefined;
  const pces = new Map<string, Pce>();
  for (const p of topology.pces) {
    const pce = new Pce({
      name: p.name,
      lab,
      role: mode,
      attachTo: p.attachTo,
      settings: scenario.pce,
      ...(tap ? { tap } : {}),
    });
    pces.set(p.name, pce);
    pce.start();
  }
  if (pces.size === 0 && scenario.lsps.length > 0)
    throw new RunError(`${scenario.name}: the topology has no PCE`);
  const pccs = new Map<string, Pcc>();
  const heads = [...new Set(scenario.lsps.map((l) => l.src))];
  for (const head of heads) {
    const pcc = new Pcc({
      name: head,
      lab,
      pces: [...pces.keys()],
      settings: scenario.pcc,
      ...(tap ? { tap } : {}),
    });
    pccs.set(head, pcc);
    pcc.start();
  }
  // Shared-backup conflicts are counted whenever an LSP comes up; the peak is the metric.
  let peakConflicts = 0;
  if (scenario.lsps.some((l) => l.protection === 'shared-backup')) {
    const protectedNames = new Set(
      scenario.lsps.filter((l) => l.protection === 'shared-backup').map((l) => l.name),
    );
    sim.trace.add(
      {
        write(event) {
          if (!protectedNames.has(String(event.lsp))) return;
          const held = [...pccs.values()].flatMap((p) => [...p.lsps.values()].map((lsp) => ({ lsp })));
          peakConflicts = Math.max(peakConflicts, backupConflicts(held));
        },
      },
      ['lsp.up'],
    );
  }
  const firstPce = [...pces.values()][0];
  const initiatedByPce = (lsp: ScenarioLsp) => lsp.initiatedBy === 'pce' && mode === 'active';
  for (const lsp of scenario.lsps) {
    sim.scheduleAt(
      lsp.startUs,
      () => {
        if (initiatedByPce(lsp))
          firstPce!.initiate(lsp.src, lsp.name, lsp.dst, constraintsOfConfig(configOf(lsp)));
        else pccs.get(lsp.src)!.configure(configOf(lsp));
      },
      undefined,
      'scenario.lsp-start',
    );
    if (lsp.stopUs !== undefined) {
      sim.scheduleAt(
        lsp.stopUs,
        () => {
          if (initiatedByPce(lsp)) firstPce!.removeInitiated(lsp.src, lsp.name);
          else pccs.get(lsp.src)!.remove(lsp.name);
        },
        undefined,
        'scenario.lsp-stop',
      );
    }
  }
  const lspByName = new Map(scenario.lsps.map((l) => [l.name, l]));
  for (const event of scenario.events) {
    sim.scheduleAt(
      event.atUs,
      () => {
        if (sim.trace.wants('scenario.event'))
          sim.trace.emit({
            timeUs: sim.nowUs,
            kind: 'scenario.event',
            event: event.kind,
            ...eventFields(event),
          });
        switch (event.kind) {
          case 'link-down':
          case 'link-up':
            lab.setLinkUp(graph.linkIndex.get(event.link)!, event.kind === 'link-up');
            return;
          case 'pce-crash':
            pces.get(event.pce)?.crash();
            return;
          case 'pce-restart':
            pces.get(event.pce)?.restart();
            return;
          case 'demand': {
            const lsp = lspByName.get(event.lsp);
            if (lsp !== undefined) pccs.get(lsp.src)?.setDemand(lsp.name, event.bps);
            return;
          }
        }
      },
      undefined,
      'scenario.event',
    );
  }
  const slices = options.onProgress !== undefined ? 100 : 1;
  let events = 0;
  for (let i = 1; i <= slices; i++) {
    const result = sim.run({ untilUs: Math.round((scenario.durationUs * i) / slices) });
    events += result.events;
    options.onProgress?.(i / slices);
  }
  lab.traffic.advance(scenario.durationUs);
  sim.trace.flush();
  return collect(scenario, mode, seed, lab, pccs, pces, messages, events, peakConflicts);
}

function configOf(lsp: ScenarioLsp): PccLspConfig {
  return {
    name: lsp.name,
    dst: lsp.dst,
    bandwidthBps: lsp.bandwidthBps,
    setupPriority: lsp.setupPriority,
    holdPriority: lsp.holdPriority,
    metric: lsp.metric,
    ...(lsp.maxHops !== undefined ? { maxHops: lsp.maxHops } : {}),
    exclude: lsp.exclude,
    protection: lsp.protection,
    autoBandwidth: lsp.autoBandwidth,
  };
}

function eventFields(event: Scenario['events'][number]): Record<string, unknown> {
  const { kind: _kind, line: _line, atUs: _atUs, ...rest } = event;
  return rest;
}

function collect(
  scenario: Scenario,
  mode: PceMode,
  seed: number,
  lab: Lab,
  pccs: Map<string, Pcc>,
  pces: Map<string, Pce>,
  messages: Record<string, number>,
  events: number,
  peakConflicts: number,
): RunResult {
  const lsps: LspResult[] = [];
  const held: { lsp: PccLsp; pcc: Pcc }[] = [];
  for (const lsp of scenario.lsps) {
    const pcc = pccs.get(lsp.src)!;
    const state = pcc.lsps.get(lsp.name);
    if (state === undefined) continue; // removed, or never created
    held.push({ lsp: state, pcc });
    const totals = lab.traffic.flowTotals(`${pcc.name}/${lsp.name}`);
    const result: LspResult = {
      name: lsp.name,
      src: lsp.src,
      dst: lsp.dst,
      bandwidth: state.wantedBps,
      reservedBandwidth: state.up?.bandwidthBps ?? 0,
      state: state.up !== undefined ? 'up' : state.onBackup ? 'protected' : 'down',
      path: pcc.pathOf(state),
      setupPriority: lsp.setupPriority,
      holdPriority: lsp.holdPriority,
      delegated: state.delegatedTo !== undefined,
      pceInitiated: state.createdBy !== undefined,
      trafficLossBits: Math.round(totals?.lostBits ?? 0),
    };
    if (state.backup !== undefined) result.backupPath = state.backup.nodes;
    lsps.push(result);
  }
  const sumStats = (k: keyof Pcc['stats']) => [...pccs.values()].reduce((s, p) => s + p.stats[k], 0);
  const g = lab.graph;
  let maxUtil = 0;
  for (let arc = 0; arc < g.arcCount; arc++)
    maxUtil = Math.max(maxUtil, lab.dataPlane.reservedBps(arc) / g.linkCapacityBps[arcLink(arc)]!);
  const totals = lab.traffic.sum();
  const metrics: RunMetrics = {
    requestedBandwidth: lsps.reduce((s, l) => s + l.bandwidth, 0),
    admittedBandwidth: lsps.reduce((s, l) => s + l.reservedBandwidth, 0),
    blocked: lsps.filter((l) => l.state === 'down').length,
    reroutes: sumStats('reroutes'),
    preemptions: sumStats('preemptions'),
    maxLinkUtilization: round(maxUtil),
    peakTrafficUtilization: round(lab.traffic.peakUtilization),
    trafficLoss: totals.offeredBits > 0 ? round(totals.lostBits / totals.offeredBits) : 0,
    trafficLossBits: Math.round(totals.lostBits),
    inProfileTrafficLossBits: Math.round(totals.inProfileLostBits),
    pathRequests: sumStats('requests'),
    noPath: sumStats('noPath'),
    setupFailures: sumStats('setupFailures'),
    crankbacks: sumStats('crankbacks'),
    backupConflicts: Math.max(peakConflicts, backupConflicts(held)),
    messages: Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : 1))),
    events,
  };
  return {
    scenario: scenario.name,
    mode,
    seed,
    durationS: scenario.durationUs / 1e6,
    lsps,
    metrics,
    invariants: checkInvariants(pccs, pces),
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function backupConflicts(held: { lsp: PccLsp }[]): number {
  const protectedLsps = held.map((h) => h.lsp).filter((l) => l.backup !== undefined && l.up !== undefined);
  let conflicts = 0;
  for (let i = 0; i < protectedLsps.length; i++) {
    for (let j = i + 1; j < protectedLsps.length; j++) {
      const a = protectedLsps[i]!;
      const b = protectedLsps[j]!;
      const shareWorking = a.up!.arcs.some((x) => b.up!.arcs.some((y) => arcLink(x) === arcLink(y)));
      const shareBackup = a.backup!.arcs.some((x) => b.backup!.arcs.some((y) => arcLink(x) === arcLink(y)));
      if (shareWorking && shareBackup) conflicts++;
    }
  }
  return conflicts;
}

/**
 * RFC 8231 state synchronisation, checked at the end of every run: every stateful PCE that is
 * up holds, for every PCC with a synchronised session, exactly that PCC's LSPs (none lost,
 * none duplicated, none left over), with the same operational state.
 */
export function checkInvariants(
  pccs: Map<string, Pcc>,
  pces: Map<string, Pce>,
): { ok: boolean; violations: string[] } {
  const violations: string[] = [];
  for (const pce of pces.values()) {
    if (!pce.stateful || !pce.alive) continue;
    for (const pcc of pccs.values()) {
      const session = pce.speaker.sessions.get(pcc.name);
      if (session === undefined || session.state !== 'up') continue;
      const records = pce.lspDb.byPcc(pcc.name);
      const seen = new Set<string>();
      for (const r of records) {
        if (seen.has(r.name)) violations.push(`${pce.name}: ${pcc.name}/${r.name} appears twice`);
        seen.add(r.name);
      }
      const reported = new Set(pcc.reportedPlspIds());
      const byPlspId = new Map(records.map((r) => [r.plspId, r]));
      for (const lsp of pcc.lsps.values()) {
        const r = byPlspId.get(lsp.plspId);
        if (r === undefined) {
          violations.push(`${pce.name}: ${pcc.name}/${lsp.config.name} missing from the LSP-DB`);
          continue;
        }
        const up = lsp.up !== undefined;
        if (up !== (r.operational !== LspOperational.down))
          violations.push(
            `${pce.name}: ${pcc.name}/${lsp.config.name} is ${up ? 'up' : 'down'} but the LSP-DB says otherwise`,
          );
      }
      for (const r of records)
        if (!reported.has(r.plspId))
          violations.push(`${pce.name}: ${pcc.name}/${r.name} is in the LSP-DB but not at the PCC`);
    }
  }
  return { ok: violations.length === 0, violations: [...new Set(violations)] };
}
