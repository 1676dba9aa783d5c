/**
 * The PCC head end against real and scripted PCEs, over real PCEP on the simulated clock:
 * what its requests carry (RFC 5440), NO-PATH retries, crankback, preemption, auto-bandwidth
 * and removal; and its stateful side (RFC 8231/8232/8281): reports, synchronisation and its
 * avoidance, delegation, PCUpd, PCInitiate, and the redelegation/state timeouts.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink } from '../../sim/core/trace.ts';
import { Lab } from '../../sim/nodes/lab.ts';
import { buildPcInitiate, buildPcUpd, type LspConstraints } from '../../sim/nodes/lsp-messages.ts';
import { Pcc, type PccLspConfig } from '../../sim/nodes/pcc.ts';
import { Pce, type PceRole } from '../../sim/nodes/pce.ts';
import {
  DEFAULT_PCC_SETTINGS,
  DEFAULT_PCE_SETTINGS,
  type PccSettings,
  type PceSettings,
} from '../../sim/nodes/settings.ts';
import { PcepSpeaker } from '../../sim/nodes/speaker.ts';
import { decodeMessage, type PcepMessage, type PcepObject, type Tlv } from '../../sim/pcep/index.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const S = 1_000_000;

// Head ends A and B reach D through C, directly (C-D, TE metric 10) or around by E (metric 20).
// Two PCEs hang off C, so failures of C-D never cut a PCEP session.
const DIAMOND = `
name: diamond
defaults: { capacityBps: 10.0e6, delayUs: 1000 }
nodes:
  - { name: A, routerId: 10.0.0.1 }
  - { name: B, routerId: 10.0.0.2 }
  - { name: C, routerId: 10.0.0.3 }
  - { name: D, routerId: 10.0.0.4 }
  - { name: E, routerId: 10.0.0.5 }
links:
  - { a: A, b: C }
  - { a: B, b: C }
  - { a: C, b: D }
  - { a: C, b: E }
  - { a: E, b: D }
pces:
  - { name: pce1, routerId: 10.0.0.100, attachTo: C }
  - { name: pce2, routerId: 10.0.0.101, attachTo: C }
`;

type Obj<K extends PcepObject['kind']> = Extract<PcepObject, { kind: K }>;

interface WireMessage {
  timeUs: number;
  from: string;
  to: string;
  msg: PcepMessage;
}

/**
 * The diamond with PCEs built as the scenario runner builds them. `pces` lists the real PCEs
 * (the rest of the topology's PCEs exist on the network only, for scripted speakers); every
 * PCEP message sent by a PCC or a real PCE is decoded into `wire`.
 */
function setup(o: {
  role?: PceRole;
  pces?: string[];
  pcc?: Partial<PccSettings>;
  pce?: Partial<PceSettings>;
}) {
  const topology = parseTopology(DIAMOND, 'diamond.yaml');
  const sim = new Simulator({ seed: 'pcc' });
  const trace = new MemoryTraceSink();
  sim.trace.add(trace);
  const lab = Lab.build(sim, topology, 5_000);
  const { net, graph, dir } = lab;
  const wire: WireMessage[] = [];
  const tap = (from: string, to: string, bytes: Uint8Array) =>
    wire.push({ timeUs: sim.nowUs, from, to, msg: decodeMessage(bytes) });
  const pces = new Map<string, Pce>();
  for (const name of o.pces ?? ['pce1']) {
    const p = topology.pces.find((x) => x.name === name)!;
    const pce = new Pce({
      name,
      lab,
      role: o.role ?? 'stateless',
      attachTo: p.attachTo,
      settings: { ...DEFAULT_PCE_SETTINGS, ...o.pce },
      tap,
    });
    pce.start();
    pces.set(name, pce);
  }
  const pccSettings = { ...DEFAULT_PCC_SETTINGS, ...o.pcc };
  const pcc = (name: string, preference: string[] = ['pce1']) =>
    new Pcc({ name, lab, pces: preference, settings: pccSettings, tap });
  const kinds = (kind: string, node?: string) =>
    trace.events.filter((e) => e.kind === kind && (node === undefined || e.node === node));
  const sent = (kind: PcepMessage['kind'], from?: string, to?: string) =>
    wire.filter(
      (w) =>
        w.msg.kind === kind && (from === undefined || w.from === from) && (to === undefined || w.to === to),
    );
  return {
    sim,
    net,
    graph,
    dir,
    lab,
    trace,
    wire,
    pces,
    pce: pces.get(o.pces?.[0] ?? 'pce1'),
    pcc,
    kinds,
    sent,
  };
}

type Setup = ReturnType<typeof setup>;

function lspConfig(name: string, dst: string, bandwidthBps: number, extra: Partial<PccLspConfig> = {}) {
  return {
    name,
    dst,
    bandwidthBps,
    setupPriority: 7,
    holdPriority: 7,
    metric: 'te',
    exclude: { links: [], nodes: [], srlgs: [] },
    protection: 'none',
    autoBandwidth: false,
    ...extra,
  } satisfies PccLspConfig;
}

const CONSTRAINTS: LspConstraints = {
  bandwidthBps: 2e6,
  setupPriority: 7,
  holdPriority: 7,
  metric: 'te',
  excludeLinks: [],
  excludeNodes: [],
  excludeSrlgs: [],
};

/**
 * A PCE played by the test: a bare speaker with the STATEFUL-PCE-CAPABILITY flags given
 * (none: a stateless PCE), recording what it receives and sending what the test builds.
 */
function scriptedPce(
  t: Setup,
  name: string,
  caps: { u: boolean; i: boolean; dbVersion?: bigint } | undefined,
) {
  const received: WireMessage[] = [];
  const openTlvs: Tlv[] =
    caps === undefined
      ? []
      : [
          {
            kind: 'STATEFUL-PCE-CAPABILITY',
            lspUpdate: caps.u,
            includeDbVersion: true,
            lspInstantiation: caps.i,
            triggeredResync: false,
            deltaLspSync: false,
            triggeredInitialSync: false,
            stateSync: false,
          },
          ...(caps.dbVersion !== undefined
            ? [{ kind: 'LSP-DB-VERSION' as const, lspDbVersion: caps.dbVersion }]
            : []),
        ];
  const speaker = new PcepSpeaker({
    name,
    sim: t.sim,
    net: t.net,
    listen: true,
    config: { openTlvs },
    listener: {
      onMessage: (session, msg) => received.push({ timeUs: t.sim.nowUs, from: session.peer, to: name, msg }),
    },
  });
  return {
    received,
    send(pcc: string, msg: PcepMessage) {
      expect(speaker.sessions.get(pcc)?.send(msg)).toBe(true);
    },
  };
}

function objects<K extends PcepObject['kind']>(msg: PcepMessage, kind: K): Obj<K>[] {
  return msg.objects.filter((o): o is Obj<K> => o.kind === kind);
}

/** The LSP objects of reports (not the end-of-sync marker). */
function reportedLsps(messages: readonly WireMessage[]): Obj<'LSP'>[] {
  return messages.flatMap((w) => objects(w.msg, 'LSP')).filter((l) => l.plspId !== 0);
}

function tlv<K extends Tlv['kind']>(tlvs: readonly Tlv[], kind: K): Extract<Tlv, { kind: K }> | undefined {
  return tlvs.find((x): x is Extract<Tlv, { kind: K }> => x.kind === kind);
}

describe('PCC with a stateless PCE', () => {
  it('a PCReq carries RP, END-POINTS, LSPA, BANDWIDTH and METRIC, and no LSP object', () => {
    const t = setup({});
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    a.configure(lspConfig('l1', 'D', 4e6, { setupPriority: 3, holdPriority: 2, metric: 'igp' }));
    t.sim.run({ untilUs: 2 * S });
    const [req] = t.sent('PCReq', 'A', 'pce1');
    expect(req!.msg.objects.map((o) => o.kind)).toEqual([
      'RP',
      'END-POINTS-IPV4',
      'LSPA',
      'BANDWIDTH-REQUESTED',
      'METRIC',
    ]);
    const [rp] = objects(req!.msg, 'RP');
    expect([rp!.p, rp!.reoptimization, rp!.requestIdNumber]).toEqual([true, false, 1]);
    expect(objects(req!.msg, 'END-POINTS-IPV4')).toMatchObject([
      { p: true, source: '10.0.0.1', destination: '10.0.0.4' },
    ]);
    expect(objects(req!.msg, 'LSPA')).toMatchObject([{ setupPriority: 3, holdingPriority: 2 }]);
    expect(objects(req!.msg, 'BANDWIDTH-REQUESTED')).toMatchObject([{ bandwidthBytesPerS: 4e6 / 8 }]);
    // RFC 5440 §7.8: the objective (IGP metric, type 1), unbounded.
    expect(objects(req!.msg, 'METRIC')).toMatchObject([{ bound: false, metricType: 1, metricValue: 0 }]);
    expect(a.lsps.get('l1')!.status).toBe('up');
    // A stateless PCE gets no reports.
    expect(t.sent('PCRpt')).toEqual([]);
  });

  it('exclusions travel in an XRO (RFC 5521) and a hop limit as a bound METRIC', () => {
    const t = setup({});
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(
      lspConfig('l1', 'D', 1e6, { maxHops: 3, exclude: { links: ['C-D'], nodes: ['B'], srlgs: [42] } }),
    );
    t.sim.run({ untilUs: 2 * S });
    const [req] = t.sent('PCReq', 'A');
    expect(objects(req!.msg, 'METRIC')).toMatchObject([
      { bound: false, metricType: 2 },
      { bound: true, metricType: 3, metricValue: 3 },
    ]);
    const [xro] = objects(req!.msg, 'XRO');
    expect(xro!.fail).toBe(false);
    expect(xro!.subobjects).toMatchObject([
      { kind: 'IPV4-PREFIX', address: '10.0.0.2', prefixLength: 32, flags: 1 }, // node B
      { kind: 'UNNUMBERED-INTERFACE-ID', routerId: '10.0.0.3', interfaceId: 3 }, // link #2 (C-D)
      { kind: 'SRLG', srlgId: 42 },
    ]);
    // The PCE honoured it.
    expect(lsp.up?.nodes).toEqual(['A', 'C', 'E', 'D']);
  });

  it('NO-PATH: asks again every retryIntervalUs, then gives up with lsp.blocked', () => {
    const t = setup({ pcc: { retryIntervalUs: 500_000, maxRetries: 2 } });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('big', 'D', 20e6)); // more than any link
    t.sim.run({ untilUs: 30 * S });
    const requests = t.sent('PCReq', 'A').map((w) => w.timeUs);
    const replies = t
      .kinds('pcep.rx', 'A')
      .filter((e) => e.message === 'PCRep')
      .map((e) => e.timeUs);
    expect(requests).toHaveLength(3); // the first try and two retries
    expect(replies).toHaveLength(3);
    // Each retry leaves retryIntervalUs after the NO-PATH that triggered it.
    expect(requests[1]! - replies[0]!).toBe(500_000);
    expect(requests[2]! - replies[1]!).toBe(500_000);
    expect(a.stats).toMatchObject({ requests: 3, noPath: 3 });
    expect(t.kinds('lsp.blocked', 'A')).toMatchObject([{ lsp: 'big', retries: 2, timeUs: replies[2] }]);
    expect(lsp.status).toBe('down');
  });

  it('crankback: a setup refused on a link asks again with that link excluded (XRO F)', () => {
    const t = setup({ pcc: { retryIntervalUs: 200_000 } });
    const a = t.pcc('A');
    const b = t.pcc('B');
    a.start();
    b.start();
    t.sim.run({ untilUs: S });
    // Asked together, both get C-D from a TED that shows it empty; only one fits.
    const la = a.configure(lspConfig('la', 'D', 6e6));
    const lb = b.configure(lspConfig('lb', 'D', 6e6));
    t.sim.run({ untilUs: 3 * S });
    expect(t.kinds('path.computed').map((e) => e.path)).toEqual([
      ['A', 'C', 'D'],
      ['B', 'C', 'D'],
      ['B', 'C', 'E', 'D'],
    ]);
    expect(t.kinds('lsp.admission-failed')).toMatchObject([
      { node: 'B', lsp: 'lb', link: 'C-D', reason: 'no-bandwidth' },
    ]);
    const [, retry] = t.sent('PCReq', 'B');
    const [xro] = objects(retry!.msg, 'XRO');
    expect(xro).toMatchObject({
      fail: true,
      subobjects: [{ kind: 'UNNUMBERED-INTERFACE-ID', interfaceId: 3 }],
    });
    expect(b.stats).toMatchObject({ setupFailures: 1, crankbacks: 1, requests: 2 });
    expect(la.up?.nodes).toEqual(['A', 'C', 'D']);
    expect(lb.up?.nodes).toEqual(['B', 'C', 'E', 'D']);
    // Once up, the refused link is forgotten.
    expect(lb.failedLinks).toEqual([]);
  });

  it('preempted by a more important LSP, the head end asks for a new path', () => {
    const t = setup({});
    const a = t.pcc('A');
    const b = t.pcc('B');
    a.start();
    b.start();
    t.sim.run({ untilUs: S });
    const small = a.configure(lspConfig('small', 'D', 5e6));
    t.sim.run({ untilUs: 2 * S });
    const firstKey = small.up!.key;
    b.configure(lspConfig('big', 'D', 7e6, { setupPriority: 0, holdPriority: 0 }));
    t.sim.run({ untilUs: 4 * S });
    const [preempted] = t.kinds('lsp.preempted', 'A');
    expect(preempted).toMatchObject({ lsp: 'small' });
    expect(t.lab.dataPlane.get(firstKey)).toBeUndefined();
    const after = t.sent('PCReq', 'A').filter((w) => w.timeUs >= preempted!.timeUs);
    expect(after).toHaveLength(1);
    expect(after[0]!.timeUs).toBe(preempted!.timeUs);
    expect(a.stats).toMatchObject({ preemptions: 1, reroutes: 1 });
    expect(small.up?.nodes).toEqual(['A', 'C', 'E', 'D']);
    expect(t.kinds('lsp.up', 'A').at(-1)).toMatchObject({ moved: true });
  });

  it('auto-bandwidth grows an LSP make-before-break: a new instance, one larger reservation', () => {
    const t = setup({});
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('auto', 'D', 2e6, { autoBandwidth: true }));
    t.sim.run({ untilUs: 2 * S });
    const old = lsp.up!;
    expect(lsp.instance).toBe(1);
    // Within the 5 % threshold: nothing happens.
    a.setDemand('auto', 2.05e6);
    t.sim.run({ untilUs: 3 * S });
    expect(t.sent('PCReq', 'A')).toHaveLength(1);
    a.setDemand('auto', 9e6);
    t.sim.run({ untilUs: 4 * S });
    const [, resize] = t.sent('PCReq', 'A');
    // RFC 5440 §7.4.1 R flag with the current route and bandwidth (BANDWIDTH Object-Type 2).
    expect(objects(resize!.msg, 'RP')).toMatchObject([{ reoptimization: true }]);
    expect(objects(resize!.msg, 'BANDWIDTH-REQUESTED')).toMatchObject([{ bandwidthBytesPerS: 9e6 / 8 }]);
    expect(objects(resize!.msg, 'BANDWIDTH-EXISTING')).toMatchObject([{ bandwidthBytesPerS: 2e6 / 8 }]);
    expect(objects(resize!.msg, 'RRO')[0]!.subobjects).toMatchObject([
      { address: '10.0.0.3' },
      { address: '10.0.0.4' },
    ]);
    expect(lsp.instance).toBe(2);
    expect(lsp.up).toMatchObject({ key: 'A/auto#2', nodes: ['A', 'C', 'D'], bandwidthBps: 9e6 });
    expect(t.lab.dataPlane.get(old.key)).toBeUndefined();
    // Shared Explicit: 9 Mb/s on a 10 Mb/s link that already carried 2 Mb/s of this LSP.
    expect(t.lab.dataPlane.reservedBps(t.graph.linkIndex.get('C-D')! * 2)).toBe(9e6);
    expect(t.kinds('lsp.up', 'A').at(-1)).toMatchObject({ why: 'resize', moved: false, bandwidthBps: 9e6 });
    expect(a.stats).toMatchObject({ resizes: 1, resizeFailures: 0 });
  });

  it('a resize with no path keeps the old reservation (RFC 3209)', () => {
    const t = setup({});
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('auto', 'D', 2e6, { autoBandwidth: true }));
    t.sim.run({ untilUs: 2 * S });
    const old = lsp.up!;
    a.setDemand('auto', 25e6);
    t.sim.run({ untilUs: 4 * S });
    expect(t.kinds('lsp.resize-failed', 'A')).toMatchObject([{ lsp: 'auto', wantedBps: 25e6 }]);
    expect(lsp.status).toBe('up');
    expect(lsp.up).toBe(old);
    expect(lsp.wantedBps).toBe(25e6);
    expect(t.lab.dataPlane.get(old.key)?.bandwidthBps).toBe(2e6);
    expect(t.kinds('lsp.down', 'A')).toEqual([]);
    expect(a.stats).toMatchObject({ resizes: 0, resizeFailures: 1, noPath: 1 });
  });

  it('removal releases the reservation and forgets the LSP', () => {
    const t = setup({});
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 3e6));
    t.sim.run({ untilUs: 2 * S });
    const key = lsp.up!.key;
    a.remove('l1');
    expect(t.lab.dataPlane.get(key)).toBeUndefined();
    expect(a.lsps.has('l1')).toBe(false);
    expect(lsp.removed).toBe(true);
    expect(t.kinds('lsp.down', 'A')).toMatchObject([{ lsp: 'l1', reason: 'removed', timeUs: 2 * S }]);
    a.remove('l1'); // removing twice is harmless
    t.sim.run({ untilUs: 3 * S });
    expect(t.kinds('lsp.down', 'A')).toHaveLength(1);
  });
});

describe('PCC with a stateful PCE: reports and synchronisation', () => {
  it('reports to a passive stateful PCE, names the LSP in its requests, and never delegates (no U)', () => {
    const t = setup({ role: 'passive' });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 3e6));
    t.sim.run({ untilUs: 2 * S });
    const [req] = t.sent('PCReq', 'A');
    expect(req!.msg.objects.map((o) => o.kind)).toContain('LSP');
    const lspObj = objects(req!.msg, 'LSP')[0]!;
    expect(lspObj.plspId).toBe(lsp.plspId);
    expect(tlv(lspObj.tlvs, 'SYMBOLIC-PATH-NAME')?.name).toBe('l1');
    const reports = reportedLsps(t.sent('PCRpt', 'A'));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => !r.delegate)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ plspId: lsp.plspId, operational: 1, sync: false });
    expect(lsp.delegatedTo).toBeUndefined();
    expect(t.pce!.lspDb.get('A', lsp.plspId)).toMatchObject({ name: 'l1', delegated: false, operational: 1 });
  });

  it('with a stateless and a stateful PCE, reports (and synchronises) only to the stateful one', () => {
    const t = setup({ role: 'stateless' });
    const stateful = scriptedPce(t, 'pce2', { u: false, i: false });
    const a = t.pcc('A', ['pce1', 'pce2']);
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 3e6));
    t.sim.run({ untilUs: 2 * S });
    // Paths come from the preferred, stateless PCE, asked without an LSP object.
    expect(lsp.status).toBe('up');
    const requests = t.sent('PCReq', 'A');
    expect(requests.map((w) => w.to)).toEqual(['pce1']);
    expect(objects(requests[0]!.msg, 'LSP')).toEqual([]);
    expect(t.sent('PCRpt', 'A', 'pce1')).toEqual([]);
    const toStateful = stateful.received.filter((w) => w.msg.kind === 'PCRpt');
    expect(objects(toStateful[0]!.msg, 'LSP')).toMatchObject([{ plspId: 0 }]); // end of sync
    expect(reportedLsps(toStateful).at(-1)).toMatchObject({
      plspId: lsp.plspId,
      operational: 1,
      delegate: false,
    });
    expect(t.kinds('pcc.synced', 'A').map((e) => e.peer)).toEqual(['pce2']);
  });

  it('synchronises at session up: every LSP with S set, then the end-of-sync marker', () => {
    const t = setup({ role: 'passive' });
    const a = t.pcc('A');
    // Two LSPs up before the PCC has any session: one on an explicit path, one down.
    const up = a.establish(lspConfig('up', 'D', 1e6), ['A', 'C', 'E', 'D']);
    a.configure(lspConfig('waiting', 'D', 1e6));
    t.sim.run({ untilUs: S });
    expect(up.status).toBe('up');
    expect(t.wire).toEqual([]);
    a.start();
    t.sim.run({ untilUs: 2 * S });
    const reports = t.sent('PCRpt', 'A');
    const [sync, endOfSync] = reports;
    const syncLsps = objects(sync!.msg, 'LSP');
    expect(syncLsps.map((l) => [l.plspId, l.sync, l.operational])).toEqual([
      [1, true, 1],
      [2, true, 0],
    ]);
    expect(objects(sync!.msg, 'RRO')[0]!.subobjects.map((s) => (s as { address: string }).address)).toEqual([
      '10.0.0.3',
      '10.0.0.5',
      '10.0.0.4',
    ]);
    // RFC 8231 §5.6: PLSP-ID 0, S clear, with an empty ERO; RFC 8232: the DB version.
    const [marker] = objects(endOfSync!.msg, 'LSP');
    expect(marker).toMatchObject({ plspId: 0, sync: false });
    expect(objects(endOfSync!.msg, 'ERO')).toMatchObject([{ subobjects: [] }]);
    expect(tlv(marker!.tlvs, 'LSP-DB-VERSION')).toBeDefined();
    expect(t.kinds('pcc.synced', 'A')).toMatchObject([{ peer: 'pce1', lsps: 2, avoided: false }]);
    // Nothing after the marker carries S.
    expect(reportedLsps(reports.slice(2)).every((l) => !l.sync)).toBe(true);
    expect(t.pce!.lspDb.byPcc('A').map((r) => r.name)).toEqual(['up', 'waiting']);
  });

  it('skips synchronisation when the PCE already holds its LSP-DB version (RFC 8232), not otherwise', () => {
    const t = setup({ role: 'passive' });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    a.configure(lspConfig('l1', 'D', 1e6));
    t.sim.run({ untilUs: 2 * S });
    // Cut only the PCE's attachment: the LSP does not notice, the session resets.
    t.net.setLinkUp('pce1-C', false);
    t.sim.run({ untilUs: 4 * S });
    t.net.setLinkUp('pce1-C', true);
    t.sim.run({ untilUs: 20 * S });
    expect(t.kinds('pcc.synced', 'A').map((e) => e.avoided)).toEqual([false, true]);
    expect(t.kinds('pce.sync-avoided')).toHaveLength(1);
    const resumedAt = t.kinds('pcc.synced', 'A')[1]!.timeUs;
    expect(reportedLsps(t.sent('PCRpt', 'A').filter((w) => w.timeUs >= resumedAt))).toEqual([]);
    // A change while the session is down moves the version: the next session resynchronises.
    t.net.setLinkUp('pce1-C', false);
    t.sim.run({ untilUs: 22 * S });
    a.remove('l1');
    a.configure(lspConfig('l2', 'D', 1e6));
    t.net.setLinkUp('pce1-C', true);
    t.sim.run({ untilUs: 60 * S });
    const synced = t.kinds('pcc.synced', 'A');
    expect(synced.map((e) => e.avoided)).toEqual([false, true, false]);
    const third = reportedLsps(t.sent('PCRpt', 'A').filter((w) => w.timeUs === synced[2]!.timeUs));
    expect(third.map((l) => [l.plspId, l.sync])).toEqual([[2, true]]);
    expect(t.pce!.lspDb.byPcc('A').map((r) => r.name)).toEqual(['l2']);
  });
});

describe('PCC delegation, PCUpd and PCInitiate', () => {
  it('delegates to an active PCE (U set): D=1 from the first report, paths by PCUpd, no PCReq', () => {
    const t = setup({ role: 'active' });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 3e6));
    t.sim.run({ untilUs: 2 * S });
    expect(lsp.delegatedTo).toBe('pce1');
    const reports = reportedLsps(t.sent('PCRpt', 'A'));
    expect(reports[0]).toMatchObject({ plspId: lsp.plspId, delegate: true, operational: 0 });
    expect(reports.every((r) => r.delegate)).toBe(true);
    expect(t.sent('PCReq')).toEqual([]);
    const [upd] = t.sent('PCUpd', 'pce1', 'A');
    const srpId = objects(upd!.msg, 'SRP')[0]!.srpIdNumber;
    expect(lsp.status).toBe('up');
    // The report answering the update echoes its SRP-ID.
    const answer = t.sent('PCRpt', 'A').find((w) => objects(w.msg, 'SRP')[0]?.srpIdNumber === srpId);
    expect(objects(answer!.msg, 'LSP')).toMatchObject([
      { plspId: lsp.plspId, operational: 1, delegate: true },
    ]);
  });

  it('PCUpd is followed only from the PCE the LSP is delegated to', () => {
    const t = setup({ pces: [] });
    const pce1 = scriptedPce(t, 'pce1', { u: true, i: false });
    const pce2 = scriptedPce(t, 'pce2', { u: true, i: true });
    const a = t.pcc('A', ['pce1', 'pce2']);
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    // Delegated to the preferred PCE only; both hear every report.
    expect(lsp.delegatedTo).toBe('pce1');
    expect(reportedLsps(pce1.received).map((l) => l.delegate)).toEqual([true]);
    expect(reportedLsps(pce2.received).map((l) => l.delegate)).toEqual([false]);
    const update = (srpId: number, nodes: string[]) =>
      buildPcUpd(t.dir, [
        {
          srpId,
          plspId: lsp.plspId,
          name: 'l1',
          nodes,
          bandwidthBps: 2e6,
          setupPriority: 7,
          holdPriority: 7,
        },
      ]);
    pce2.send('A', update(9, ['A', 'C', 'E', 'D']));
    t.sim.run({ untilUs: 3 * S });
    expect(t.kinds('pcc.update-refused', 'A')).toMatchObject([{ pce: 'pce2', plspId: lsp.plspId }]);
    expect(t.kinds('lsp.signal', 'A')).toEqual([]);
    expect(lsp.status).toBe('down');
    pce1.send('A', update(7, ['A', 'C', 'D']));
    t.sim.run({ untilUs: 4 * S });
    expect(lsp.up?.nodes).toEqual(['A', 'C', 'D']);
    const answer = pce1.received.filter((w) => w.timeUs > 3 * S && w.msg.kind === 'PCRpt');
    expect(objects(answer[0]!.msg, 'SRP')).toMatchObject([{ srpIdNumber: 7 }]);
  });

  // RFC 8231 §5.7.2.1: a PCUpd for an LSP not delegated to the sender is answered with PCErr
  // Error-type 19 (Invalid Operation), Error-value 1. The PCC only traces pcc.update-refused
  // and sends nothing, so the PCE is never told.
  it('a PCUpd from a PCE without the delegation is answered with PCErr 19/1', () => {
    const t = setup({ pces: [] });
    scriptedPce(t, 'pce1', { u: true, i: false });
    const pce2 = scriptedPce(t, 'pce2', { u: true, i: false });
    const a = t.pcc('A', ['pce1', 'pce2']);
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    pce2.send(
      'A',
      buildPcUpd(t.dir, [
        {
          srpId: 9,
          plspId: lsp.plspId,
          name: 'l1',
          nodes: ['A', 'C', 'D'],
          bandwidthBps: 2e6,
          setupPriority: 7,
          holdPriority: 7,
        },
      ]),
    );
    t.sim.run({ untilUs: 3 * S });
    const errors = pce2.received.filter((w) => w.msg.kind === 'PCErr');
    expect(errors.flatMap((w) => objects(w.msg, 'PCEP-ERROR'))).toMatchObject([
      { errorType: 19, errorValue: 1 },
    ]);
  });

  // RFC 8231 §7.2: an SRP-ID-number is scoped to one PCEP session, and a report not caused by
  // that session's request carries 0 (or no SRP). The PCC echoes pce1's SRP-ID 7 in the report
  // it sends to pce2 as well, where 7 may name one of pce2's own outstanding requests.
  it("a report answering one PCE's update carries no SRP-ID to the other PCEs", () => {
    const t = setup({ pces: [] });
    const pce1 = scriptedPce(t, 'pce1', { u: true, i: false });
    const pce2 = scriptedPce(t, 'pce2', { u: true, i: false });
    const a = t.pcc('A', ['pce1', 'pce2']);
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    pce1.send(
      'A',
      buildPcUpd(t.dir, [
        {
          srpId: 7,
          plspId: lsp.plspId,
          name: 'l1',
          nodes: ['A', 'C', 'D'],
          bandwidthBps: 2e6,
          setupPriority: 7,
          holdPriority: 7,
        },
      ]),
    );
    t.sim.run({ untilUs: 3 * S });
    expect(lsp.status).toBe('up');
    const toPce2 = pce2.received.filter((w) => w.timeUs > 2 * S && w.msg.kind === 'PCRpt');
    expect(toPce2).toHaveLength(1);
    expect(objects(toPce2[0]!.msg, 'SRP').map((s) => s.srpIdNumber)).not.toContain(7);
  });

  it('an empty ERO in a PCUpd takes the LSP down and reports it, echoing the SRP-ID', () => {
    const t = setup({ pces: [] });
    const pce1 = scriptedPce(t, 'pce1', { u: true, i: false });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 2e6));
    t.sim.run({ untilUs: 2 * S });
    const update = (srpId: number, nodes: string[]) =>
      buildPcUpd(t.dir, [
        {
          srpId,
          plspId: lsp.plspId,
          name: 'l1',
          nodes,
          bandwidthBps: 2e6,
          setupPriority: 7,
          holdPriority: 7,
        },
      ]);
    pce1.send('A', update(1, ['A', 'C', 'D']));
    t.sim.run({ untilUs: 3 * S });
    const key = lsp.up!.key;
    pce1.send('A', update(2, []));
    t.sim.run({ untilUs: 4 * S });
    expect(t.kinds('lsp.down', 'A')).toMatchObject([{ lsp: 'l1', reason: 'PCE has no path' }]);
    expect(t.lab.dataPlane.get(key)).toBeUndefined();
    expect(lsp.status).toBe('down');
    // Still configured and still delegated: the PCE decides what comes next, the PCC asks nobody.
    expect(a.lsps.get('l1')).toBe(lsp);
    expect(lsp.delegatedTo).toBe('pce1');
    expect(t.sent('PCReq')).toEqual([]);
    const last = pce1.received.filter((w) => w.msg.kind === 'PCRpt').at(-1)!;
    expect(objects(last.msg, 'SRP')).toMatchObject([{ srpIdNumber: 2 }]);
    expect(objects(last.msg, 'LSP')).toMatchObject([{ plspId: lsp.plspId, operational: 0, delegate: true }]);
  });

  it('PCInitiate creates an LSP (C flag, PLSP-ID assigned, SRP-ID echoed) and removes it (R flag)', () => {
    const t = setup({ role: 'active' });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    t.pce!.initiate('A', 'init1', 'D', CONSTRAINTS);
    t.sim.run({ untilUs: 2 * S });
    const [create] = t.sent('PCInitiate', 'pce1', 'A');
    const createSrp = objects(create!.msg, 'SRP')[0]!;
    expect(createSrp.remove).toBe(false);
    expect(objects(create!.msg, 'LSP')).toMatchObject([{ plspId: 0, create: true, delegate: true }]);
    const lsp = a.lsps.get('init1')!;
    expect(lsp.plspId).toBeGreaterThan(0);
    expect(lsp).toMatchObject({ createdBy: 'pce1', delegatedTo: 'pce1', status: 'up' });
    expect(t.kinds('lsp.initiated', 'A')).toMatchObject([{ lsp: 'init1', pce: 'pce1' }]);
    const [report] = t.sent('PCRpt', 'A').filter((w) => objects(w.msg, 'LSP')[0]?.plspId === lsp.plspId);
    expect(objects(report!.msg, 'SRP')).toMatchObject([{ srpIdNumber: createSrp.srpIdNumber }]);
    const reported = objects(report!.msg, 'LSP')[0]!;
    expect(reported).toMatchObject({ plspId: lsp.plspId, create: true, delegate: true, operational: 1 });
    expect(tlv(reported.tlvs, 'SYMBOLIC-PATH-NAME')?.name).toBe('init1');
    const key = lsp.up!.key;

    t.pce!.removeInitiated('A', 'init1');
    t.sim.run({ untilUs: 3 * S });
    const [remove] = t.sent('PCInitiate', 'pce1', 'A').slice(1);
    const removeSrp = objects(remove!.msg, 'SRP')[0]!;
    expect(removeSrp.remove).toBe(true);
    expect(objects(remove!.msg, 'LSP')).toMatchObject([{ plspId: lsp.plspId }]);
    expect(a.lsps.has('init1')).toBe(false);
    expect(t.lab.dataPlane.get(key)).toBeUndefined();
    const last = t.sent('PCRpt', 'A').at(-1)!;
    expect(objects(last.msg, 'LSP')).toMatchObject([{ plspId: lsp.plspId, remove: true }]);
    expect(objects(last.msg, 'SRP')).toMatchObject([{ srpIdNumber: removeSrp.srpIdNumber }]);
    expect(t.pce!.lspDb.byPcc('A')).toEqual([]);
  });

  // RFC 8281 §5.4: the report confirming a PCE-requested removal carries the SRP-ID of the
  // PCInitiate with the SRP's R flag set. reportObjects (sim/nodes/lsp-messages.ts) always
  // builds the SRP with R clear, so only the LSP object says "removed".
  it('the report confirming a PCE-requested removal has the R flag set in its SRP', () => {
    const t = setup({ role: 'active' });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    t.pce!.initiate('A', 'init1', 'D', CONSTRAINTS);
    t.sim.run({ untilUs: 2 * S });
    t.pce!.removeInitiated('A', 'init1');
    t.sim.run({ untilUs: 3 * S });
    const last = t.sent('PCRpt', 'A').at(-1)!;
    expect(objects(last.msg, 'LSP')).toMatchObject([{ remove: true }]);
    expect(objects(last.msg, 'SRP')).toMatchObject([{ remove: true }]);
  });

  it('refuses PCInitiate from a PCE that did not advertise the I flag (RFC 8281 §4)', () => {
    const t = setup({ pces: [] });
    const pce1 = scriptedPce(t, 'pce1', { u: true, i: false });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    pce1.send(
      'A',
      buildPcInitiate(t.dir, {
        srpId: 5,
        remove: false,
        plspId: 0,
        name: 'sneaky',
        src: 'A',
        dst: 'D',
        nodes: ['A', 'C', 'D'],
        constraints: CONSTRAINTS,
      }),
    );
    t.sim.run({ untilUs: 2 * S });
    expect(t.kinds('pcc.initiate-refused', 'A')).toMatchObject([{ pce: 'pce1', name: 'sneaky' }]);
    expect(a.lsps.size).toBe(0);
    expect(t.lab.dataPlane.all()).toEqual([]);
    expect(reportedLsps(pce1.received)).toEqual([]);
  });
});

describe('PCC timeouts after losing its PCE', () => {
  it('the redelegation timeout returns delegated LSPs to the PCC; they stay up', () => {
    const t = setup({ role: 'active', pcc: { redelegationTimeoutUs: 5 * S } });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 3e6));
    t.sim.run({ untilUs: 2 * S });
    expect(lsp.delegatedTo).toBe('pce1');
    const key = lsp.up!.key;
    t.pce!.crash();
    t.sim.run({ untilUs: 3 * S });
    const [down] = t.kinds('session.state', 'A').filter((e) => e.from === 'up');
    expect(down!.timeUs).toBe(2 * S + t.net.failureDetectionUs);
    t.sim.run({ untilUs: down!.timeUs + 5 * S - 1 });
    expect(lsp.delegatedTo).toBe('pce1');
    t.sim.run({ untilUs: down!.timeUs + 5 * S });
    expect(t.kinds('lsp.revoked', 'A')).toMatchObject([
      { lsp: 'l1', pce: 'pce1', timeUs: down!.timeUs + 5 * S },
    ]);
    expect(lsp.delegatedTo).toBeUndefined();
    expect(lsp.status).toBe('up');
    expect(t.lab.dataPlane.get(key)).toBeDefined();
    expect(t.kinds('lsp.down', 'A')).toEqual([]);
  });

  it('a PCE that comes back within the redelegation timeout keeps its delegations', () => {
    const t = setup({ role: 'active', pcc: { redelegationTimeoutUs: 30 * S } });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    const lsp = a.configure(lspConfig('l1', 'D', 3e6));
    t.sim.run({ untilUs: 2 * S });
    t.pce!.crash();
    t.sim.run({ untilUs: 4 * S });
    t.pce!.restart();
    t.sim.run({ untilUs: 60 * S });
    expect(t.kinds('lsp.revoked', 'A')).toEqual([]);
    expect(lsp.delegatedTo).toBe('pce1');
    expect(t.pce!.lspDb.get('A', lsp.plspId)).toMatchObject({ delegated: true, operational: 1 });
  });

  it('PCE-initiated LSPs are removed when the timeout runs out (RFC 8281 §6)', () => {
    const t = setup({ role: 'active', pcc: { redelegationTimeoutUs: 5 * S } });
    const a = t.pcc('A');
    a.start();
    t.sim.run({ untilUs: S });
    t.pce!.initiate('A', 'init1', 'D', CONSTRAINTS);
    const own = a.configure(lspConfig('own', 'D', 1e6));
    t.sim.run({ untilUs: 2 * S });
    const init = a.lsps.get('init1')!;
    const key = init.up!.key;
    t.pce!.crash();
    const downAt = 2 * S + t.net.failureDetectionUs;
    t.sim.run({ untilUs: downAt + 5 * S - 1 });
    expect(a.lsps.has('init1')).toBe(true);
    t.sim.run({ untilUs: downAt + 5 * S });
    expect(t.kinds('lsp.state-timeout', 'A')).toMatchObject([{ lsp: 'init1', pce: 'pce1' }]);
    expect(a.lsps.has('init1')).toBe(false);
    expect(t.lab.dataPlane.get(key)).toBeUndefined();
    // The PCC's own LSP is only revoked, not removed.
    expect(t.kinds('lsp.revoked', 'A')).toMatchObject([{ lsp: 'own' }]);
    expect(own.status).toBe('up');
  });
});
