/**
 * A simulation never crashes on what a peer sends: out-of-range priorities, NaN or negative
 * bandwidth, unknown destinations and looping EROs from a scripted peer get NO-PATH, a refusal
 * or an ignored report, each traced.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink } from '../../sim/core/trace.ts';
import { Lab } from '../../sim/nodes/lab.ts';
import { routeNodes } from '../../sim/nodes/lsp-messages.ts';
import { Pcc } from '../../sim/nodes/pcc.ts';
import { Pce } from '../../sim/nodes/pce.ts';
import { DEFAULT_PCC_SETTINGS, DEFAULT_PCE_SETTINGS } from '../../sim/nodes/settings.ts';
import { PcepSpeaker } from '../../sim/nodes/speaker.ts';
import type { PcepMessage, Tlv } from '../../sim/pcep/index.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const topology = parseTopology(
  `name: t
defaults: { capacityBps: 10.0e6, delayUs: 1000 }
nodes:
  - { name: A, routerId: 10.0.0.1 }
  - { name: C, routerId: 10.0.0.3 }
  - { name: D, routerId: 10.0.0.4 }
links:
  - { a: A, b: C }
  - { a: C, b: D }
pces:
  - { name: pce1, routerId: 10.0.0.100, attachTo: C }
`,
  't.yaml',
);

function world() {
  const sim = new Simulator({ seed: 'peer' });
  const memory = new MemoryTraceSink();
  sim.trace.add(memory, ['pce.request-refused', 'pce.report-ignored', 'pcc.initiate-refused', 'pcep.rx']);
  const lab = Lab.build(sim, topology, 5000);
  return { sim, net: lab.net, lab, dir: lab.dir, memory };
}

const stateful: Tlv = {
  kind: 'STATEFUL-PCE-CAPABILITY',
  lspUpdate: true,
  includeDbVersion: false,
  lspInstantiation: true,
  triggeredResync: false,
  deltaLspSync: false,
  triggeredInitialSync: false,
  stateSync: false,
};

function pcReq(
  setupPriority: number,
  bandwidthBytesPerS: number,
  bandwidthNaNBits?: number,
  destination = '10.0.0.4',
): PcepMessage {
  return {
    kind: 'PCReq',
    objects: [
      {
        kind: 'RP',
        p: true,
        i: false,
        priority: 0,
        reoptimization: false,
        bidirectional: false,
        loose: false,
        requestIdNumber: 1,
        tlvs: [],
      },
      { kind: 'END-POINTS-IPV4', p: true, i: false, source: '10.0.0.1', destination },
      {
        kind: 'LSPA',
        p: false,
        i: false,
        excludeAny: 0,
        includeAny: 0,
        includeAll: 0,
        setupPriority,
        holdingPriority: 7,
        localProtection: false,
        tlvs: [],
      },
      {
        kind: 'BANDWIDTH-REQUESTED',
        p: false,
        i: false,
        bandwidthBytesPerS,
        ...(bandwidthNaNBits !== undefined ? { bandwidthNaNBits } : {}),
      },
    ],
  };
}

describe('a PCE facing a rogue PCC', () => {
  for (const role of ['stateless', 'passive', 'active'] as const) {
    it(`${role}: priority 9, NaN and negative bandwidth, an unknown end point get NO-PATH, not a crash`, () => {
      const w = world();
      new Pce({ name: 'pce1', lab: w.lab, role, attachTo: 'C', settings: DEFAULT_PCE_SETTINGS }).start();
      const rogue = new PcepSpeaker({ name: 'A', sim: w.sim, net: w.net, config: { openTlvs: [stateful] } });
      const s = rogue.connectTo('pce1');
      w.sim.run({ untilUs: 1_000_000 });
      const unknownEnd = pcReq(7, 1000, undefined, '10.9.9.9');
      for (const msg of [pcReq(9, 1000), pcReq(7, NaN, 0x7fc00001), pcReq(7, -5), unknownEnd]) s.send(msg);
      expect(() => w.sim.run({ untilUs: 3_000_000 })).not.toThrow();
      expect(w.memory.events.filter((e) => e.kind === 'pce.request-refused')).toHaveLength(3);
      expect(
        w.memory.events.filter((e) => e.kind === 'pcep.rx' && e.node === 'A' && e.message === 'PCRep'),
      ).toHaveLength(4);
    });
  }
});

describe('a PCC facing a rogue PCE', () => {
  it('refuses a PCInitiate to an unknown destination or with a negative bandwidth', () => {
    const w = world();
    const rogue = new PcepSpeaker({
      name: 'pce1',
      sim: w.sim,
      net: w.net,
      listen: true,
      config: { openTlvs: [stateful] },
    });
    const pcc = new Pcc({ name: 'A', lab: w.lab, pces: ['pce1'], settings: DEFAULT_PCC_SETTINGS });
    pcc.start();
    w.sim.run({ untilUs: 1_000_000 });
    const s = rogue.sessions.get('A')!;
    const initiate = (destination: string, bandwidthBytesPerS: number, name: string): PcepMessage => ({
      kind: 'PCInitiate',
      objects: [
        { kind: 'SRP', p: false, i: false, remove: false, srpIdNumber: 5, tlvs: [] },
        {
          kind: 'LSP',
          p: false,
          i: false,
          plspId: 0,
          delegate: true,
          sync: false,
          remove: false,
          administrative: true,
          operational: 0,
          create: true,
          tlvs: [{ kind: 'SYMBOLIC-PATH-NAME', name }],
        },
        { kind: 'END-POINTS-IPV4', p: true, i: false, source: '10.0.0.1', destination },
        { kind: 'ERO', p: false, i: false, subobjects: [] },
        { kind: 'BANDWIDTH-REQUESTED', p: false, i: false, bandwidthBytesPerS },
      ],
    });
    s.send(initiate('10.9.9.9', 1000, 'x'));
    s.send(initiate('10.0.0.4', -1000, 'y'));
    expect(() => w.sim.run({ untilUs: 3_000_000 })).not.toThrow();
    expect(w.memory.events.filter((e) => e.kind === 'pcc.initiate-refused').map((e) => e.reason)).toEqual([
      'unknown destination',
      'bandwidth not a finite non-negative number',
    ]);
    expect(pcc.lsps.size).toBe(0);
    // Each refusal goes back as PCErr 24/1 (RFC 8281) naming the PCE's SRP.
    expect(
      w.memory.events.filter((e) => e.kind === 'pcep.rx' && e.node === 'pce1' && e.message === 'PCErr'),
    ).toHaveLength(2);
  });

  it('a looping ERO is no route', () => {
    const w = world();
    const hop = (address: string) => ({
      kind: 'IPV4-PREFIX' as const,
      l: false,
      address,
      prefixLength: 32,
      flags: 0,
    });
    expect(routeNodes(w.dir, 'A', [hop('10.0.0.3'), hop('10.0.0.1'), hop('10.0.0.3')])).toBeUndefined();
    expect(routeNodes(w.dir, 'A', [hop('10.0.0.3'), hop('10.0.0.4')])).toEqual(['A', 'C', 'D']);
  });
});
