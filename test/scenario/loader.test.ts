/** Scenario files: what loads and how, and for what does not, the line and field the error names. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { loadScenarioFile, parseScenario, type ScenarioLoadOptions } from '../../sim/scenario/loader.ts';
import {
  DEFAULT_IGP_SETTINGS,
  DEFAULT_PCC_SETTINGS,
  DEFAULT_PCE_SETTINGS,
  type Scenario,
} from '../../sim/scenario/scenario.ts';
import { TopologyError } from '../../sim/topology/errors.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const topologyText = `name: square
defaults: { capacityBps: 10e6 }
nodes:
  - { name: A, routerId: 192.0.2.1, role: pcc }
  - { name: B, routerId: 192.0.2.2, role: pcc }
  - { name: C, routerId: 192.0.2.3 }
  - { name: D, routerId: 192.0.2.4, role: pcc }
links:
  - { a: A, b: B }
  - { a: B, b: C }
  - { a: A, b: C, teMetric: 25 }
  - { a: C, b: D, srlgs: [9] }
pces:
  - { name: pce1, routerId: 192.0.2.100, attachTo: B }
`;
const square = parseTopology(topologyText, 'square.yaml');
const snapshot = structuredClone(square);

/** Hands out the same topology object every time, as a caching loader would. */
const options: ScenarioLoadOptions = {
  loadTopology(nameOrPath) {
    if (nameOrPath !== 'square') throw new Error(`no topology called '${nameOrPath}'`);
    return { topology: square, name: 'square' };
  },
};

const good = `name: test
description: every field given
reference: RFC 8051 §3.1.1
topology: square
mode: passive
seed: 7
durationS: 20
links:
  - { link: A-B, igpMetric: 5, capacityBps: 2e6 }
  - { link: B-C, teMetric: 30, delayUs: 250, srlgs: [1, 2] }
  - { link: A-C, igpMetric: 7 }
pce: { batchWindowS: 0.5, reoptimize: false, computeDelayS: 0.0025, stateTimeoutS: 60 }
pcc: { retryIntervalS: 2, maxRetries: 5, delegate: false, redelegationTimeoutS: 10 }
igp: { floodHopDelayS: 0.01 }
lsps:
  - name: lsp1
    src: A
    dst: C
    bandwidthBps: 1e6
    startS: 1.5
    stopS: 15
    setupPriority: 3
    holdPriority: 2
    metric: igp
    maxHops: 3
    exclude: { links: [A-C], nodes: [B], srlgs: [4] }
    protection: shared-backup
    initiatedBy: pce
    autoBandwidth: true
    demand:
      - { atS: 5, bps: 3e6 }
      - { atS: 2, bps: 2e6 }
  - { name: lsp2, src: D, dst: A, bandwidthBps: 0 }
events:
  - { atS: 5, linkDown: A-B }
  - { atS: 2, pceCrash: pce1 }
  - { atS: 6, linkUp: A-B }
  - { atS: 8, pceRestart: pce1 }
  - { atS: 5, demand: lsp2, bps: 4e5 }
`;

const minimal = `name: small
topology: square
durationS: 10
lsps:
  - { name: l, src: A, dst: D, bandwidthBps: 5e6 }
`;

/** 1-based line of the first occurrence of `snippet` in `text`. */
function lineOf(text: string, snippet: string): number {
  const at = text.indexOf(snippet);
  expect(at, `'${snippet}' in the text`).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('parseScenario', () => {
  it('loads every field, converting seconds to whole microseconds', () => {
    const s = parseScenario(good, 'test.yaml', options);
    expect(s).toMatchObject({
      name: 'test',
      description: 'every field given',
      reference: 'RFC 8051 §3.1.1',
      file: 'test.yaml',
      topologyName: 'square',
      mode: 'passive',
      seed: 7,
      durationUs: 20_000_000,
      pce: { batchWindowUs: 500_000, reoptimize: false, computeDelayUs: 2_500, stateTimeoutUs: 60_000_000 },
      pcc: { retryIntervalUs: 2_000_000, maxRetries: 5, delegate: false, redelegationTimeoutUs: 10_000_000 },
      igp: { floodHopDelayUs: 10_000 },
    });
    expect(s.lsps).toStrictEqual([
      {
        name: 'lsp1',
        src: 'A',
        dst: 'C',
        bandwidthBps: 1e6,
        setupPriority: 3,
        holdPriority: 2,
        metric: 'igp',
        maxHops: 3,
        exclude: { links: ['A-C'], nodes: ['B'], srlgs: [4] },
        protection: 'shared-backup',
        initiatedBy: 'pce',
        autoBandwidth: true,
        startUs: 1_500_000,
        stopUs: 15_000_000,
        line: lineOf(good, '- name: lsp1'),
      },
      {
        name: 'lsp2',
        src: 'D',
        dst: 'A',
        bandwidthBps: 0,
        setupPriority: 7,
        holdPriority: 7,
        metric: 'te',
        exclude: { links: [], nodes: [], srlgs: [] },
        protection: 'none',
        initiatedBy: 'pcc',
        autoBandwidth: false,
        startUs: 0,
        line: lineOf(good, '- { name: lsp2'),
      },
    ]);
  });

  it('fills in the defaults', () => {
    const s = parseScenario(minimal, 'small.yaml', options);
    expect(s.mode).toBe('stateless');
    expect(s.seed).toBe(1);
    expect(s.durationUs).toBe(10_000_000);
    expect(s.pce).toStrictEqual(DEFAULT_PCE_SETTINGS);
    expect(s.pcc).toStrictEqual(DEFAULT_PCC_SETTINGS);
    expect(s.igp).toStrictEqual(DEFAULT_IGP_SETTINGS);
    expect(s.events).toStrictEqual([]);
    expect(s.topology).toStrictEqual(square);
    expect('description' in s || 'reference' in s).toBe(false);
    expect(s.lsps[0]).toStrictEqual({
      name: 'l',
      src: 'A',
      dst: 'D',
      bandwidthBps: 5e6,
      setupPriority: 7,
      holdPriority: 7,
      metric: 'te',
      exclude: { links: [], nodes: [], srlgs: [] },
      protection: 'none',
      initiatedBy: 'pcc',
      autoBandwidth: false,
      startUs: 0,
      line: 5,
    });
    const hold = parseScenario(
      minimal.replace('bandwidthBps: 5e6', 'bandwidthBps: 5e6, setupPriority: 4'),
      'x',
      options,
    );
    expect(hold.lsps[0]).toMatchObject({ setupPriority: 4, holdPriority: 4 });
  });

  it('rounds times to the microsecond', () => {
    const s = parseScenario(
      minimal.replace('bandwidthBps: 5e6', 'bandwidthBps: 5e6, startS: 0.0000014, stopS: 2.0000006'),
      'x',
      options,
    );
    expect([s.lsps[0]?.startUs, s.lsps[0]?.stopUs]).toStrictEqual([1, 2_000_001]);
    const p = parseScenario(`${minimal}pce: { computeDelayS: 1.0e-7 }\n`, 'x', options);
    expect(p.pce.computeDelayUs).toBe(0);
  });

  it('applies the link table over a copy of the topology', () => {
    const s = parseScenario(good, 'test.yaml', options);
    expect(s.topology.links).toStrictEqual([
      // Only the IGP metric given, and the TE metric had followed it: it still does.
      { id: 'A-B', a: 'A', b: 'B', igpMetric: 5, teMetric: 5, capacityBps: 2e6, delayUs: 1000, srlgs: [] },
      {
        id: 'B-C',
        a: 'B',
        b: 'C',
        igpMetric: 10,
        teMetric: 30,
        capacityBps: 10e6,
        delayUs: 250,
        srlgs: [1, 2],
      },
      // The topology set its own TE metric: an IGP metric override leaves it alone.
      { id: 'A-C', a: 'A', b: 'C', igpMetric: 7, teMetric: 25, capacityBps: 10e6, delayUs: 1000, srlgs: [] },
      {
        id: 'C-D',
        a: 'C',
        b: 'D',
        igpMetric: 10,
        teMetric: 10,
        capacityBps: 10e6,
        delayUs: 1000,
        srlgs: [9],
      },
    ]);
    expect(square).toStrictEqual(snapshot);
  });

  it('turns demand series into events and sorts all events by time, file order on ties', () => {
    const s = parseScenario(good, 'test.yaml', options);
    const line = (snippet: string): number => lineOf(good, snippet);
    expect(s.events).toStrictEqual([
      { kind: 'demand', atUs: 2_000_000, lsp: 'lsp1', bps: 2e6, line: line('{ atS: 2, bps: 2e6 }') },
      { kind: 'pce-crash', atUs: 2_000_000, pce: 'pce1', line: line('pceCrash') },
      { kind: 'demand', atUs: 5_000_000, lsp: 'lsp1', bps: 3e6, line: line('{ atS: 5, bps: 3e6 }') },
      { kind: 'link-down', atUs: 5_000_000, link: 'A-B', line: line('linkDown') },
      { kind: 'demand', atUs: 5_000_000, lsp: 'lsp2', bps: 4e5, line: line('demand: lsp2') },
      { kind: 'link-up', atUs: 6_000_000, link: 'A-B', line: line('linkUp') },
      { kind: 'pce-restart', atUs: 8_000_000, pce: 'pce1', line: line('pceRestart') },
    ]);
  });

  it('keeps file order on ties when events come before the LSPs', () => {
    const text = `name: order
topology: square
durationS: 10
events:
  - { atS: 3, demand: l, bps: 1 }
  - { atS: 3, linkDown: A-B }
lsps:
  - { name: l, src: A, dst: D, bandwidthBps: 5e6, demand: [{ atS: 3, bps: 2 }, { atS: 3, bps: 3 }] }
`;
    const s = parseScenario(text, 'x', options);
    expect(s.events.map((e) => (e.kind === 'demand' ? e.bps : e.kind))).toStrictEqual([1, 'link-down', 2, 3]);
  });

  it('allows PCE-initiated LSPs in any mode (the runner decides)', () => {
    const s = parseScenario(
      minimal.replace('bandwidthBps: 5e6', 'bandwidthBps: 5e6, initiatedBy: pce'),
      'x',
      options,
    );
    expect([s.mode, s.lsps[0]?.initiatedBy]).toStrictEqual(['stateless', 'pce']);
  });

  const replace = (from: string, to: string): string => {
    expect(good).toContain(from);
    return good.replace(from, to);
  };
  const at = (text: string, snippet: string): number => lineOf(text, snippet);

  const cases: [string, string, string, string][] = [
    // [what, text, snippet on the offending line, field]
    ['an unknown top-level field', replace('seed: 7', 'sed: 7'), 'sed: 7', 'sed'],
    ['a field given twice', replace('seed: 7', 'seed: 7\nseed: 8'), 'seed: 8', 'seed'],
    ['a missing name', replace('name: test\n', ''), 'description', 'name'],
    ['a missing durationS', replace('durationS: 20\n', ''), 'name: test', 'durationS'],
    ['a missing topology', replace('topology: square\n', ''), 'name: test', 'topology'],
    ['a zero duration', replace('durationS: 20', 'durationS: 0'), 'durationS', 'durationS'],
    [
      'a duration under a microsecond',
      replace('durationS: 20', 'durationS: 1.0e-9'),
      'durationS',
      'durationS',
    ],
    ['an unknown mode', replace('mode: passive', 'mode: stateful'), 'mode:', 'mode'],
    ['a negative seed', replace('seed: 7', 'seed: -1'), 'seed', 'seed'],
    ['a fractional seed', replace('seed: 7', 'seed: 1.5'), 'seed', 'seed'],
    ['an unknown topology', replace('topology: square', 'topology: circle'), 'topology:', 'topology'],
    ['a name that is a list', replace('name: test', 'name: [a, b]'), 'name: [a', 'name'],
    ['an override of an unknown link', replace('{ link: A-B,', '{ link: A-D,'), 'link: A-D', 'links[0].link'],
    [
      'a link listed twice',
      replace('{ link: A-C, igpMetric: 7 }', '{ link: A-B }'),
      '{ link: A-B }',
      'links[2].link',
    ],
    [
      'an unknown link field',
      replace('capacityBps: 2e6 }', 'capacity: 2e6 }'),
      'capacity:',
      'links[0].capacity',
    ],
    [
      'a zero link capacity',
      replace('capacityBps: 2e6 }', 'capacityBps: 0 }'),
      'capacityBps: 0',
      'links[0].capacityBps',
    ],
    ['a zero IGP metric', replace('igpMetric: 7', 'igpMetric: 0'), 'igpMetric: 0', 'links[2].igpMetric'],
    ['a fractional link delay', replace('delayUs: 250', 'delayUs: 2.5'), 'delayUs', 'links[1].delayUs'],
    ['a bad SRLG', replace('srlgs: [1, 2]', 'srlgs: [1, -2]'), 'srlgs: [1', 'links[1].srlgs[1]'],
    [
      'an unknown PCE setting',
      replace('reoptimize: false', 'reoptimise: false'),
      'reoptimise',
      'pce.reoptimise',
    ],
    [
      'a negative batch window',
      replace('batchWindowS: 0.5', 'batchWindowS: -1'),
      'batchWindowS',
      'pce.batchWindowS',
    ],
    [
      'a PCE flag that is not a boolean',
      replace('reoptimize: false', 'reoptimize: no'),
      'reoptimize',
      'pce.reoptimize',
    ],
    [
      'a zero retry interval',
      replace('retryIntervalS: 2', 'retryIntervalS: 0'),
      'retryIntervalS',
      'pcc.retryIntervalS',
    ],
    ['fractional retries', replace('maxRetries: 5', 'maxRetries: 2.5'), 'maxRetries', 'pcc.maxRetries'],
    ['an IGP setting that is a list', replace('igp: { floodHopDelayS: 0.01 }', 'igp: [1]'), 'igp:', 'igp'],
    ['an unknown IGP setting', replace('floodHopDelayS', 'floodDelayS'), 'floodDelayS', 'igp.floodDelayS'],
    ['a duplicate LSP name', replace('name: lsp2', 'name: lsp1'), '{ name: lsp1', 'lsps[1].name'],
    [
      'an LSP without a name',
      replace('  - name: lsp1\n    src: A', '  - src: A'),
      '  - src: A',
      'lsps[0].name',
    ],
    ['an unknown LSP field', replace('metric: igp', 'metrik: igp'), 'metrik', 'lsps[0].metrik'],
    ['an LSP from an unknown node', replace('src: A', 'src: Z'), 'src: Z', 'lsps[0].src'],
    ['an LSP from a node that is not a PCC', replace('src: A', 'src: C'), 'src: C', 'lsps[0].src'],
    ['an LSP from a PCE', replace('src: D,', 'src: pce1,'), 'src: pce1', 'lsps[1].src'],
    ['an LSP to an unknown node', replace('dst: C', 'dst: Z'), 'dst: Z', 'lsps[0].dst'],
    ['an LSP to itself', replace('dst: A,', 'dst: D,'), 'dst: D', 'lsps[1].dst'],
    [
      'an LSP without bandwidth',
      replace(', bandwidthBps: 0 }', ' }'),
      '{ name: lsp2',
      'lsps[1].bandwidthBps',
    ],
    [
      'a negative bandwidth',
      replace('bandwidthBps: 1e6', 'bandwidthBps: -1'),
      'bandwidthBps: -1',
      'lsps[0].bandwidthBps',
    ],
    ['a start after the end of the run', replace('startS: 1.5', 'startS: 21'), 'startS', 'lsps[0].startS'],
    ['a negative start', replace('startS: 1.5', 'startS: -1'), 'startS', 'lsps[0].startS'],
    ['a stop before the start', replace('stopS: 15', 'stopS: 1.5'), 'stopS', 'lsps[0].stopS'],
    ['a stop after the end of the run', replace('stopS: 15', 'stopS: 20.5'), 'stopS', 'lsps[0].stopS'],
    [
      'a setup priority of 8',
      replace('setupPriority: 3', 'setupPriority: 8'),
      'setupPriority',
      'lsps[0].setupPriority',
    ],
    [
      'a fractional priority',
      replace('holdPriority: 2', 'holdPriority: 2.5'),
      'holdPriority',
      'lsps[0].holdPriority',
    ],
    [
      'a hold priority less important than the setup priority',
      replace('holdPriority: 2', 'holdPriority: 4'),
      'holdPriority',
      'lsps[0].holdPriority',
    ],
    ['an unknown metric', replace('metric: igp', 'metric: delay'), 'metric:', 'lsps[0].metric'],
    ['zero max hops', replace('maxHops: 3', 'maxHops: 0'), 'maxHops', 'lsps[0].maxHops'],
    [
      'excluding an unknown link',
      replace('links: [A-C]', 'links: [A-D]'),
      'exclude:',
      'lsps[0].exclude.links[0]',
    ],
    [
      'excluding an unknown node',
      replace('nodes: [B]', 'nodes: [Q]'),
      'exclude:',
      'lsps[0].exclude.nodes[0]',
    ],
    [
      'excluding its own tail end',
      replace('nodes: [B]', 'nodes: [B, C]'),
      'exclude:',
      'lsps[0].exclude.nodes[1]',
    ],
    [
      'an unknown exclusion',
      replace('srlgs: [4] }', 'colours: [4] }'),
      'exclude:',
      'lsps[0].exclude.colours',
    ],
    [
      'an unknown protection',
      replace('protection: shared-backup', 'protection: 1+1'),
      'protection',
      'lsps[0].protection',
    ],
    [
      'an unknown initiator',
      replace('initiatedBy: pce', 'initiatedBy: nms'),
      'initiatedBy',
      'lsps[0].initiatedBy',
    ],
    [
      'a non-boolean autoBandwidth',
      replace('autoBandwidth: true', 'autoBandwidth: 1'),
      'autoBandwidth',
      'lsps[0].autoBandwidth',
    ],
    [
      'demand after the run',
      replace('{ atS: 5, bps: 3e6 }', '{ atS: 25, bps: 3e6 }'),
      'atS: 25',
      'lsps[0].demand[0].atS',
    ],
    [
      'a negative demand',
      replace('{ atS: 2, bps: 2e6 }', '{ atS: 2, bps: -1 }'),
      'bps: -1',
      'lsps[0].demand[1].bps',
    ],
    [
      'a demand entry without bps',
      replace('{ atS: 2, bps: 2e6 }', '{ atS: 2 }'),
      '{ atS: 2 }',
      'lsps[0].demand[1].bps',
    ],
    [
      'a demand that is not a list',
      replace('    demand:\n      - { atS: 5, bps: 3e6 }\n      - { atS: 2, bps: 2e6 }', '    demand: 5'),
      'demand: 5',
      'lsps[0].demand',
    ],
    [
      'an event after the run',
      replace('{ atS: 8, pceRestart', '{ atS: 20.5, pceRestart'),
      'atS: 20.5',
      'events[3].atS',
    ],
    [
      'an event without a time',
      replace('{ atS: 8, pceRestart', '{ pceRestart'),
      '{ pceRestart',
      'events[3].atS',
    ],
    [
      'an event that does nothing',
      replace('{ atS: 8, pceRestart: pce1 }', '{ atS: 8 }'),
      '{ atS: 8 }',
      'events[3]',
    ],
    [
      'an event doing two things',
      replace('linkUp: A-B }', 'linkUp: A-B, pceCrash: pce1 }'),
      'linkUp',
      'events[2].pceCrash',
    ],
    [
      'an unknown event field',
      replace('linkUp: A-B }', 'linkUp: A-B, why: test }'),
      'linkUp',
      'events[2].why',
    ],
    [
      'a link event on an unknown link',
      replace('linkDown: A-B', 'linkDown: B-A'),
      'linkDown',
      'events[0].linkDown',
    ],
    [
      'a PCE event on an unknown PCE',
      replace('pceCrash: pce1', 'pceCrash: pce2'),
      'pceCrash',
      'events[1].pceCrash',
    ],
    ['a PCE event on a router', replace('pceCrash: pce1', 'pceCrash: B'), 'pceCrash', 'events[1].pceCrash'],
    [
      'a demand event for an unknown LSP',
      replace('demand: lsp2', 'demand: lsp3'),
      'demand: lsp3',
      'events[4].demand',
    ],
    [
      'a demand event without bps',
      replace('demand: lsp2, bps: 4e5', 'demand: lsp2'),
      'demand: lsp2',
      'events[4].bps',
    ],
    [
      'bps on a link event',
      replace('linkDown: A-B }', 'linkDown: A-B, bps: 1 }'),
      'linkDown',
      'events[0].bps',
    ],
    [
      'a link restored before it fails',
      replace('{ atS: 6, linkUp', '{ atS: 4, linkUp'),
      'linkUp',
      'events[2].linkUp',
    ],
    [
      'a link failing twice',
      replace('{ atS: 6, linkUp: A-B }', '{ atS: 6, linkDown: A-B }'),
      'atS: 6',
      'events[2].linkDown',
    ],
    ['a PCE crashing twice', replace('pceRestart: pce1', 'pceCrash: pce1'), 'atS: 8', 'events[3].pceCrash'],
    [
      'a PCE restarted before it crashes',
      replace('{ atS: 2, pceCrash', '{ atS: 9, pceCrash'),
      'pceRestart',
      'events[3].pceRestart',
    ],
    ['events that are not a list', `${minimal}events: 3\n`, 'events: 3', 'events'],
    ['broken YAML', replace('lsps:\n', 'lsps: [\n'), '  - name: lsp1', ''],
  ];

  it.each(cases)('refuses %s', (_what, text, snippet, field) => {
    const err = caught(() => parseScenario(text, 'bad.yaml', options));
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    const line = at(text, snippet);
    expect([e.file, e.line, e.field]).toStrictEqual(['bad.yaml', line, field]);
    expect(e.message.startsWith(`bad.yaml:${line}: ${field === '' ? '' : `${field}: `}`)).toBe(true);
  });

  it.each([
    ['a slash', 'a/b', 'is not a name'],
    ['the reserved .backup suffix', 'web.backup', 'reserved'],
    ['a 65-character name', 'x'.repeat(65), 'is not a name'],
  ])('refuses an LSP name with %s', (_what, name, message) => {
    const text = `name: t\ntopology: square\ndurationS: 5\nlsps:\n  - { name: '${name}', src: A, dst: C, bandwidthBps: 1 }\n`;
    const err = caught(() => parseScenario(text, 'bad.yaml', options)) as ScenarioError;
    expect(err).toBeInstanceOf(ScenarioError);
    expect([err.line, err.field]).toStrictEqual([5, 'lsps[0].name']);
    expect(err.message).toContain(message);
  });

  it('refuses LSPs on a topology without a PCE, at the topology line', () => {
    const noPce = { ...square, pces: [] };
    const text =
      'name: t\ntopology: square\ndurationS: 5\nlsps:\n  - { name: l, src: A, dst: C, bandwidthBps: 1 }\n';
    const err = caught(() =>
      parseScenario(text, 'bad.yaml', { loadTopology: () => ({ topology: noPce, name: 'square' }) }),
    ) as ScenarioError;
    expect(err).toBeInstanceOf(ScenarioError);
    expect([err.line, err.field]).toStrictEqual([2, 'topology']);
    expect(err.message).toContain('has no PCE');
  });

  it('names the line of a YAML syntax error', () => {
    const err = caught(() =>
      parseScenario('name: x\nlsps: [\n  - a\n', 'bad.yaml', options),
    ) as ScenarioError;
    expect(err).toBeInstanceOf(ScenarioError);
    expect([err.line, err.field]).toStrictEqual([3, '']);
  });

  it('refuses an empty file', () => {
    const err = caught(() => parseScenario('', 'empty.yaml', options));
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).line).toBe(0);
  });

  it("passes the topology loader's errors through unchanged", () => {
    const broken = new TopologyError('net.yaml', 3, 'links[0].b', "'Z' is not a node of this topology");
    const err = caught(() =>
      parseScenario(good, 'test.yaml', {
        loadTopology: () => {
          throw broken;
        },
      }),
    );
    expect(err).toBe(broken);
  });

  it('gives the ScenarioError message in the file:line: field: reason form', () => {
    const e = new ScenarioError('s.yaml', 4, 'lsps[0].src', 'bad');
    expect([e.name, e.message]).toStrictEqual(['ScenarioError', 's.yaml:4: lsps[0].src: bad']);
    expect(new ScenarioError('s.yaml', 0, '', 'empty').message).toBe('s.yaml:0: empty');
  });
});

describe('loadScenarioFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcelab-scenario-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a topology named by a path relative to the scenario file', () => {
    write('square.yaml', topologyText);
    const path = write('s1.yaml', minimal.replace('topology: square', 'topology: square.yaml'));
    const s: Scenario = loadScenarioFile(path);
    expect([s.file, s.topologyName, s.topology.name]).toStrictEqual([path, 'square.yaml', 'square']);
  });

  it('reads a built-in topology by name', () => {
    const path = write(
      's2.yaml',
      'name: s2\ntopology: rfc8051-topology-1\ndurationS: 5\nlsps: [{ name: l, src: A, dst: E, bandwidthBps: 1 }]\n',
    );
    const s = loadScenarioFile(path);
    expect([s.topologyName, s.topology.name]).toStrictEqual(['rfc8051-topology-1', 'rfc8051-topology-1']);
  });

  it('reports an unknown built-in or a missing file on the topology line', () => {
    for (const [name, topology] of [
      ['s3.yaml', 'no-such-topology'],
      ['s4.yaml', 'missing.yaml'],
    ] as const) {
      const path = write(name, `name: s\ndurationS: 5\ntopology: ${topology}\n`);
      const err = caught(() => loadScenarioFile(path));
      expect(err).toBeInstanceOf(ScenarioError);
      expect([
        (err as ScenarioError).file,
        (err as ScenarioError).line,
        (err as ScenarioError).field,
      ]).toStrictEqual([path, 3, 'topology']);
    }
    const unknown = caught(() => loadScenarioFile(join(dir, 's3.yaml'))) as ScenarioError;
    expect(unknown.reason).toContain('rfc8051-topology-1');
  });

  it('passes a bad topology file through as a TopologyError', () => {
    write('bad-net.yaml', topologyText.replace('{ a: A, b: B }', '{ a: A, b: Z }'));
    const path = write('s5.yaml', minimal.replace('topology: square', 'topology: bad-net.yaml'));
    const err = caught(() => loadScenarioFile(path));
    expect(err).toBeInstanceOf(TopologyError);
    expect([(err as TopologyError).line, (err as TopologyError).field]).toStrictEqual([9, 'links[0].b']);
  });

  it('refuses a file it cannot read', () => {
    const path = join(dir, 'nothing-here.yaml');
    const err = caught(() => loadScenarioFile(path));
    expect(err).toBeInstanceOf(ScenarioError);
    expect([(err as ScenarioError).file, (err as ScenarioError).line]).toStrictEqual([path, 0]);
  });
});
