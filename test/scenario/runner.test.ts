/**
 * The runner beyond the RFC tables: determinism (same scenario and seed, same trace byte for
 * byte), the PCE crash fault scenario with its end-of-run invariant, PCE-initiated LSPs, and
 * the invariant itself catching a broken LSP-DB.
 */
import { describe, expect, it } from 'vitest';
import { HashTraceSink, MemoryTraceSink } from '../../sim/core/trace.ts';
import {
  builtinScenarioNames,
  loadBuiltinScenario,
  loadBuiltinTopology,
} from '../../sim/scenario/builtin.ts';
import { parseScenario } from '../../sim/scenario/loader.ts';
import { runScenario } from '../../sim/scenario/runner.ts';
import type { PceMode } from '../../sim/scenario/scenario.ts';

function digest(name: string, mode: PceMode, seed?: number): string {
  const sink = new HashTraceSink();
  runScenario(loadBuiltinScenario(name), {
    mode,
    sinks: [{ sink }],
    ...(seed !== undefined ? { seed } : {}),
  });
  return `${sink.digest()}/${sink.count}`;
}

function scenario(yaml: string) {
  return parseScenario(yaml, 'inline.yaml', {
    loadTopology: (name) => ({ topology: loadBuiltinTopology(name), name }),
  });
}

describe('determinism', () => {
  for (const name of builtinScenarioNames()) {
    it(`${name}: the same seed gives the same trace in every mode`, () => {
      for (const mode of ['stateless', 'passive', 'active'] as const)
        expect(digest(name, mode)).toBe(digest(name, mode));
    });
  }
  it('the modes really differ (the digest sees the PCE)', () => {
    expect(digest('rfc8051-bin-packing', 'stateless')).not.toBe(digest('rfc8051-bin-packing', 'active'));
  });
});

describe('PCE crash during delegated operation (rfc8051-pce-failover)', () => {
  it('after restart and resynchronisation every LSP is in the LSP-DB once, and the failure is rerouted', () => {
    const memory = new MemoryTraceSink();
    const r = runScenario(loadBuiltinScenario('rfc8051-pce-failover'), {
      mode: 'active',
      sinks: [{ sink: memory, kinds: ['pce.crash', 'pce.restart', 'pce.synced', 'lsp.up', 'pcc.synced'] }],
    });
    expect(r.invariants).toEqual({ ok: true, violations: [] });
    const kinds = memory.events.map((e) => e.kind);
    const restart = kinds.indexOf('pce.restart');
    expect(kinds.indexOf('pce.crash')).toBeLessThan(restart);
    // Both PCCs resynchronise with the restarted PCE, reporting what they hold.
    const resyncs = memory.events.slice(restart).filter((e) => e.kind === 'pcc.synced');
    expect(resyncs.map((e) => [e.node, e.lsps])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    // C-E fails at 20 s: the restarted PCE moves all three, learnt only from the resync.
    expect(r.lsps.map((l) => [l.name, l.state, l.path.join('-'), l.delegated])).toEqual([
      ['lsp1', 'up', 'A-C-D-E', true],
      ['lsp2', 'up', 'B-C-D-E', true],
      ['lsp3', 'up', 'A-C-D-E', true],
    ]);
    expect(r.metrics.reroutes).toBe(3);
  });

  it('a PCE that stays down past the redelegation timeout leaves the LSPs under local control, up', () => {
    const s = loadBuiltinScenario('rfc8051-pce-failover');
    s.events = s.events.filter((e) => e.kind !== 'pce-restart' && e.kind !== 'link-down');
    s.durationUs = 60_000_000;
    const r = runScenario(s, { mode: 'active' });
    expect(r.lsps.every((l) => l.state === 'up' && !l.delegated)).toBe(true);
  });
});

describe('PCE-initiated LSPs (RFC 8281)', () => {
  const yaml = `
name: initiated
topology: rfc8051-topology-1
durationS: 20
lsps:
  - { name: web, src: A, dst: E, bandwidthBps: 4e6, startS: 1, stopS: 10, initiatedBy: pce }
  - { name: db, src: B, dst: E, bandwidthBps: 4e6, startS: 2, initiatedBy: pce }
`;
  it('an active PCE creates them with PCInitiate and deletes one at its stop time', () => {
    const r = runScenario(scenario(yaml), { mode: 'active' });
    expect(r.metrics.messages.PCInitiate).toBe(3); // two creations, one removal
    expect(r.lsps.map((l) => [l.name, l.state, l.pceInitiated])).toEqual([['db', 'up', true]]);
    expect(r.invariants.ok).toBe(true);
  });
  it('under a stateless PCE the head end configures them itself', () => {
    const r = runScenario(scenario(yaml), { mode: 'stateless' });
    expect(r.metrics.messages.PCInitiate).toBeUndefined();
    expect(r.lsps.map((l) => [l.name, l.state, l.pceInitiated])).toEqual([['db', 'up', false]]);
  });
});

describe('LSP-DB version (RFC 8232)', () => {
  it('a session that flaps while the PCE keeps its state skips the resynchronisation', () => {
    const s = scenario(`
name: flap
topology: rfc8051-topology-3
durationS: 30
lsps:
  - { name: l1, src: A, dst: E, bandwidthBps: 1e6, startS: 1 }
events:
  # A's PCEP session runs over A-B to pce1 at B; the LSP runs over A-E and never notices.
  - { atS: 5, linkDown: A-B }
  - { atS: 20, linkUp: A-B }
`);
    const memory = new MemoryTraceSink();
    runScenario(s, { mode: 'passive', sinks: [{ sink: memory, kinds: ['pcc.synced', 'pce.sync-avoided'] }] });
    const syncs = memory.events.filter((e) => e.kind === 'pcc.synced');
    expect(syncs.length).toBe(2);
    expect(syncs[1]!.avoided).toBe(true);
    expect(memory.events.some((e) => e.kind === 'pce.sync-avoided')).toBe(true);
  });
});

describe('found in review', () => {
  it('a blocked LSP comes back when the failed link does (the head end hears the IGP)', () => {
    const s = loadBuiltinScenario('rfc8051-restoration');
    s.events.push({ kind: 'link-up', atUs: 20_000_000, link: 'A-E', line: 0 });
    const r = runScenario(s, { mode: 'stateless' });
    expect(r.metrics.blocked).toBe(0);
    expect(r.lsps.find((l) => l.name === 'lsp-big')?.state).toBe('up');
  });

  it('two resizes in quick succession leave one reservation of the last size', () => {
    const s = scenario(`
name: resize
topology: rfc8051-topology-1
durationS: 10
lsps:
  - name: l1
    src: A
    dst: E
    bandwidthBps: 1e6
    startS: 1
    autoBandwidth: true
    demand:
      - { atS: 2, bps: 2e6 }
      - { atS: 2.0015, bps: 3e6 }
`);
    for (const mode of ['stateless', 'active'] as const) {
      const r = runScenario(s, { mode });
      expect(r.lsps[0]).toMatchObject({ state: 'up', reservedBandwidth: 3e6 });
      expect(r.metrics.admittedBandwidth).toBe(3e6);
      expect(r.metrics.maxLinkUtilization).toBe(0.3);
    }
  });
});
