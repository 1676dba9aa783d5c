/**
 * The built-in topologies and scenarios: they load, the topologies have exactly the RFC 8051
 * figures' links, and the link and LSP values are the RFC tables', written out here by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  builtinScenarioNames,
  builtinTopologyNames,
  loadBuiltinScenario,
  loadBuiltinTopology,
} from '../../sim/scenario/builtin.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { TopologyError } from '../../sim/topology/errors.ts';
import type { Topology } from '../../sim/topology/topology.ts';

/** Link id to [metric, capacity in the RFC tables' unit of 10 = 10 Mb/s]. */
type LinkTable = Record<string, [metric: number, capacity: number]>;

// RFC 8051 §3.1, Figures 1 and 2; §3.4.1, Figure 3.
const FIGURE_LINKS: Record<string, string[]> = {
  'rfc8051-topology-1': ['A-C', 'B-C', 'C-D', 'C-E', 'D-E'],
  'rfc8051-topology-2': ['A-E', 'B-F', 'C-G', 'E-F', 'F-G'],
  'rfc8051-topology-3': ['A-B', 'A-E', 'B-C', 'B-E', 'C-D', 'D-E'],
};
const PCE_AT: Record<string, string> = {
  'rfc8051-topology-1': 'C',
  'rfc8051-topology-2': 'F',
  'rfc8051-topology-3': 'B',
};

const TABLE_1: LinkTable = { 'A-E': [1, 10], 'B-F': [1, 10], 'C-G': [1, 10], 'E-F': [1, 10], 'F-G': [1, 10] };
const TABLE_3: LinkTable = { 'A-C': [1, 10], 'B-C': [1, 10], 'C-E': [10, 5], 'C-D': [1, 10], 'D-E': [1, 10] };
const TABLE_5: LinkTable = { 'A-C': [1, 10], 'B-C': [1, 10], 'C-E': [10, 5], 'C-D': [1, 10], 'D-E': [1, 10] };
const TABLE_7: LinkTable = {
  'A-C': [1, 10],
  'B-C': [1, 10],
  'C-E': [10, 10],
  'C-D': [1, 10],
  'D-E': [1, 10],
};
const TABLE_9: LinkTable = { 'A-C': [1, 10], 'B-C': [1, 10], 'C-E': [1, 10], 'C-D': [1, 10], 'D-E': [1, 10] };
const TOPOLOGY_3: LinkTable = {
  'A-B': [1, 10],
  'B-C': [1, 10],
  'A-E': [1, 10],
  'B-E': [1, 10],
  'C-D': [1, 10],
  'D-E': [1, 10],
};
const PROTECTION: LinkTable = { ...TOPOLOGY_3, 'B-E': [3, 5] };
const RESTORATION: LinkTable = { ...TOPOLOGY_3, 'B-C': [1, 4], 'C-D': [1, 4], 'D-E': [1, 4] };

const TOPOLOGY_TABLES: Record<string, LinkTable> = {
  'rfc8051-topology-1': TABLE_3,
  'rfc8051-topology-2': TABLE_1,
  'rfc8051-topology-3': TOPOLOGY_3,
};

/** name, src, dst, bandwidth (Mb/s), start (s), setup and hold priority. */
type LspRow = [
  name: string,
  src: string,
  dst: string,
  mbps: number,
  startS: number,
  setup: number,
  hold: number,
];

const SCENARIOS: Record<
  string,
  {
    topology: string;
    mode: string;
    table: LinkTable;
    lsps: LspRow[];
    durationS: number;
    batchWindowS: number;
  }
> = {
  // Table 2 (its third row's "LSP 1" is a third LSP).
  'rfc8051-throughput': {
    topology: 'rfc8051-topology-2',
    mode: 'stateless',
    table: TABLE_1,
    lsps: [
      ['lsp1', 'E', 'G', 10, 1, 7, 7],
      ['lsp2', 'A', 'B', 10, 2, 7, 7],
      ['lsp3', 'F', 'C', 10, 3, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 0,
  },
  // Table 4.
  'rfc8051-bin-packing': {
    topology: 'rfc8051-topology-1',
    mode: 'stateless',
    table: TABLE_3,
    lsps: [
      ['lsp1', 'A', 'E', 5, 1, 7, 7],
      ['lsp2', 'B', 'E', 10, 2, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 0,
  },
  // Table 6 (the third row is lsp1's demand growing, below).
  'rfc8051-deadlock': {
    topology: 'rfc8051-topology-1',
    mode: 'stateless',
    table: TABLE_5,
    lsps: [
      ['lsp1', 'A', 'E', 2, 1, 7, 7],
      ['lsp2', 'B', 'E', 2, 2, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 0,
  },
  // Table 8 ("time 2, relatively close to time 1": 1.5 s).
  'rfc8051-minimum-perturbation': {
    topology: 'rfc8051-topology-1',
    mode: 'stateless',
    table: TABLE_7,
    lsps: [
      ['lsp1', 'A', 'E', 7, 1, 7, 7],
      ['lsp2', 'B', 'E', 7, 1.5, 0, 0],
    ],
    durationS: 30,
    batchWindowS: 1,
  },
  // Table 10.
  'rfc8051-predictability-1': {
    topology: 'rfc8051-topology-1',
    mode: 'stateless',
    table: TABLE_9,
    lsps: [
      ['lsp1', 'A', 'E', 7, 1, 7, 7],
      ['lsp2', 'B', 'E', 7, 2, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 2,
  },
  // Table 11.
  'rfc8051-predictability-2': {
    topology: 'rfc8051-topology-1',
    mode: 'stateless',
    table: TABLE_9,
    lsps: [
      ['lsp1', 'A', 'E', 7, 2, 7, 7],
      ['lsp2', 'B', 'E', 7, 1, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 2,
  },
  'rfc8051-protection': {
    topology: 'rfc8051-topology-3',
    mode: 'stateless',
    table: PROTECTION,
    lsps: [
      ['lsp1', 'A', 'E', 5, 1, 7, 7],
      ['lsp2', 'B', 'E', 5, 2, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 0,
  },
  'rfc8051-restoration': {
    topology: 'rfc8051-topology-3',
    mode: 'stateless',
    table: RESTORATION,
    lsps: [
      ['lsp-small', 'A', 'E', 4, 1, 7, 7],
      ['lsp-big', 'A', 'E', 6, 1.5, 7, 7],
      ['lsp-b', 'B', 'E', 4, 2, 7, 7],
    ],
    durationS: 30,
    batchWindowS: 0,
  },
  'rfc8051-pce-failover': {
    topology: 'rfc8051-topology-1',
    mode: 'active',
    table: TABLE_9,
    lsps: [
      ['lsp1', 'A', 'E', 3, 1, 7, 7],
      ['lsp2', 'B', 'E', 3, 1, 7, 7],
      ['lsp3', 'A', 'E', 2, 2, 7, 7],
    ],
    durationS: 40,
    batchWindowS: 0,
  },
};

/** A topology's links as the RFC tables write them. */
function linkTable(t: Topology): LinkTable {
  return Object.fromEntries(
    t.links.map((l) => {
      expect(l.teMetric, `${l.id} TE metric`).toBe(l.igpMetric);
      expect(l.delayUs, `${l.id} delay`).toBe(1000);
      return [l.id, [l.igpMetric, l.capacityBps / 1e6]];
    }),
  );
}

describe('built-in topologies', () => {
  it('are the three RFC 8051 reference topologies', () => {
    expect(builtinTopologyNames()).toStrictEqual(Object.keys(FIGURE_LINKS).sort());
  });

  it.each(Object.keys(FIGURE_LINKS))('%s has exactly the figure’s links and nodes', (name) => {
    const t = loadBuiltinTopology(name);
    expect(t.name).toBe(name);
    const adjacency = t.links.map((l) => [l.a, l.b].sort().join('-')).sort();
    expect(adjacency).toStrictEqual(FIGURE_LINKS[name]);
    expect(t.links.every((l) => l.id === `${l.a}-${l.b}`)).toBe(true);
    const nodes = [...new Set(adjacency.flatMap((l) => l.split('-')))].sort();
    expect(t.nodes.map((n) => n.name).sort()).toStrictEqual(nodes);
    for (const n of t.nodes) {
      expect(n.role).toBe('pcc');
      // A = 192.0.2.1, B = .2, ...
      expect(n.routerId).toBe(`192.0.2.${n.name.charCodeAt(0) - 64}`);
      expect(n.position).toBeDefined();
    }
    expect(t.pces).toStrictEqual([
      { name: 'pce1', routerId: '192.0.2.100', attachTo: PCE_AT[name], attachDelayUs: 100, domains: [] },
    ]);
    expect(linkTable(t)).toStrictEqual(TOPOLOGY_TABLES[name]);
  });

  it('refuses an unknown name, listing the built-ins', () => {
    let err: unknown;
    try {
      loadBuiltinTopology('rfc9999');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TopologyError);
    expect((err as TopologyError).reason).toContain('rfc8051-topology-1');
  });
});

describe('built-in scenarios', () => {
  it('are the RFC 8051 use cases', () => {
    expect(builtinScenarioNames()).toStrictEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(Object.keys(SCENARIOS))('%s reproduces its RFC tables', (name) => {
    const want = SCENARIOS[name];
    if (want === undefined) throw new Error(name);
    const s = loadBuiltinScenario(name);
    expect([s.name, s.file, s.topologyName, s.topology.name]).toStrictEqual([
      name,
      `builtin:${name}`,
      want.topology,
      want.topology,
    ]);
    expect([s.mode, s.seed, s.durationUs, s.pce.batchWindowUs]).toStrictEqual([
      want.mode,
      1,
      want.durationS * 1e6,
      want.batchWindowS * 1e6,
    ]);
    expect(s.reference).toMatch(/^RFC 8051/);
    expect(linkTable(s.topology)).toStrictEqual(want.table);
    expect(
      s.lsps.map((l) => [
        l.name,
        l.src,
        l.dst,
        l.bandwidthBps / 1e6,
        l.startUs / 1e6,
        l.setupPriority,
        l.holdPriority,
      ]),
    ).toStrictEqual(want.lsps);
  });

  it('give the deadlock, protection and failover scenarios their LSP options and events', () => {
    const deadlock = loadBuiltinScenario('rfc8051-deadlock');
    expect(deadlock.lsps.map((l) => l.autoBandwidth)).toStrictEqual([true, false]);
    expect(deadlock.events).toMatchObject([{ kind: 'demand', atUs: 3e6, lsp: 'lsp1', bps: 20e6 }]);

    const protection = loadBuiltinScenario('rfc8051-protection');
    expect(protection.lsps.map((l) => l.protection)).toStrictEqual(['shared-backup', 'shared-backup']);
    expect(protection.events).toMatchObject([{ kind: 'link-down', atUs: 10e6, link: 'A-E' }]);

    expect(loadBuiltinScenario('rfc8051-restoration').events).toMatchObject([
      { kind: 'link-down', atUs: 10e6, link: 'A-E' },
    ]);

    expect(loadBuiltinScenario('rfc8051-pce-failover').events).toMatchObject([
      { kind: 'pce-crash', atUs: 10e6, pce: 'pce1' },
      { kind: 'pce-restart', atUs: 15e6, pce: 'pce1' },
      { kind: 'link-down', atUs: 20e6, link: 'C-E' },
    ]);

    for (const name of builtinScenarioNames())
      if (
        !['rfc8051-deadlock', 'rfc8051-protection', 'rfc8051-restoration', 'rfc8051-pce-failover'].includes(
          name,
        )
      )
        expect(loadBuiltinScenario(name).events, name).toStrictEqual([]);
  });

  it('refuses an unknown name, listing the built-ins', () => {
    let err: unknown;
    try {
      loadBuiltinScenario('rfc8051-nothing');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).file).toBe('builtin:rfc8051-nothing');
    expect((err as ScenarioError).reason).toContain('rfc8051-bin-packing');
  });
});
