/**
 * The RFC 8051 use cases, each as its table says: a stateless PCE reproduces the table row by
 * row (routable or not, path), and an active stateful PCE shows the improvement the RFC
 * describes. Assertions are on the fields `pcelab run --json` prints.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinScenario } from '../../sim/scenario/builtin.ts';
import { runScenario, type RunResult } from '../../sim/scenario/runner.ts';
import type { PceMode } from '../../sim/scenario/scenario.ts';

const cache = new Map<string, RunResult>();
function run(name: string, mode: PceMode): RunResult {
  const key = `${name}/${mode}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = runScenario(loadBuiltinScenario(name), { mode });
    cache.set(key, result);
  }
  return result;
}

/** name → path ('---' when down), as the RFC tables write them. */
function paths(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.lsps.map((l) => [l.name, l.state === 'up' ? l.path.join('-') : '---']));
}

const MODES: PceMode[] = ['stateless', 'passive', 'active'];

describe('every RFC 8051 scenario in every mode', () => {
  const names = [
    'rfc8051-throughput',
    'rfc8051-bin-packing',
    'rfc8051-deadlock',
    'rfc8051-minimum-perturbation',
    'rfc8051-predictability-1',
    'rfc8051-predictability-2',
    'rfc8051-protection',
    'rfc8051-restoration',
    'rfc8051-pce-failover',
  ];
  for (const name of names) {
    for (const mode of MODES) {
      it(`${name} under a ${mode} PCE keeps the end-of-run invariants`, () => {
        const result = run(name, mode);
        expect(result.invariants.violations).toEqual([]);
        expect(result.mode).toBe(mode);
        expect(result.metrics.messages.Open).toBeGreaterThan(0);
      });
    }
  }
});

describe('§3.1.1 throughput (Tables 1 and 2)', () => {
  it('stateless: E-G routed on E-F-G, A-B and F-C not routable', () => {
    const r = run('rfc8051-throughput', 'stateless');
    expect(paths(r)).toEqual({ lsp1: 'E-F-G', lsp2: '---', lsp3: '---' });
    expect(r.metrics.admittedBandwidth).toBe(10e6);
    expect(r.metrics.blocked).toBe(2);
  });
  it('active: giving up E-G admits both others, twice the throughput', () => {
    const r = run('rfc8051-throughput', 'active');
    expect(paths(r)).toEqual({ lsp1: '---', lsp2: 'A-E-F-B', lsp3: 'F-G-C' });
    expect(r.metrics.admittedBandwidth).toBe(20e6);
  });
});

describe('§3.1.1 bin packing (Tables 3 and 4)', () => {
  it('stateless: LSP 1 on A-C-D-E, LSP 2 not routable', () => {
    const r = run('rfc8051-bin-packing', 'stateless');
    expect(paths(r)).toEqual({ lsp1: 'A-C-D-E', lsp2: '---' });
    expect(r.metrics.admittedBandwidth).toBe(5e6);
  });
  it('active: LSP 1 moves to A-C-E make-before-break and both fit', () => {
    const r = run('rfc8051-bin-packing', 'active');
    expect(paths(r)).toEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(r.metrics.admittedBandwidth).toBe(15e6);
    expect(r.metrics.preemptions).toBe(0);
    expect(r.metrics.reroutes).toBe(1);
  });
});

describe('§3.1.2 deadlock (Tables 5 and 6)', () => {
  it('stateless: both on *-C-D-E, the resize to 20 fails, LSP 2 suffers', () => {
    const r = run('rfc8051-deadlock', 'stateless');
    expect(paths(r)).toEqual({ lsp1: 'A-C-D-E', lsp2: 'B-C-D-E' });
    const lsp1 = r.lsps.find((l) => l.name === 'lsp1')!;
    expect(lsp1.reservedBandwidth).toBe(2e6); // RFC 3209: kept, not torn down
    expect(lsp1.bandwidth).toBe(20e6);
    expect(r.lsps.find((l) => l.name === 'lsp2')!.trafficLossBits).toBeGreaterThan(1e6);
    expect(r.metrics.inProfileTrafficLossBits).toBeGreaterThan(1e6);
  });
  it('active: the out-of-profile LSP is moved away and the in-profile one loses (almost) nothing', () => {
    const r = run('rfc8051-deadlock', 'active');
    expect(paths(r)).toEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    const stateless = run('rfc8051-deadlock', 'stateless');
    // Only the moments before the move cost LSP 2 anything.
    expect(r.metrics.inProfileTrafficLossBits).toBeLessThan(stateless.metrics.inProfileTrafficLossBits / 100);
  });
});

describe('§3.1.3 minimum perturbation (Tables 7 and 8)', () => {
  it('stateless: LSP 2 preempts LSP 1, which comes back on A-C-E', () => {
    const r = run('rfc8051-minimum-perturbation', 'stateless');
    expect(paths(r)).toEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(r.metrics.preemptions).toBe(1);
  });
  it('active: computed together, the important LSP gets the short path and nothing is preempted', () => {
    const r = run('rfc8051-minimum-perturbation', 'active');
    expect(paths(r)).toEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(r.metrics.preemptions).toBe(0);
  });
});

describe('§3.1.4 predictability (Tables 9, 10 and 11)', () => {
  it('stateless: the two orders give different paths, as Tables 10 and 11 show', () => {
    expect(paths(run('rfc8051-predictability-1', 'stateless'))).toEqual({ lsp1: 'A-C-E', lsp2: 'B-C-D-E' });
    expect(paths(run('rfc8051-predictability-2', 'stateless'))).toEqual({ lsp1: 'A-C-D-E', lsp2: 'B-C-E' });
  });
  it('active: both orders give the same paths', () => {
    const one = paths(run('rfc8051-predictability-1', 'active'));
    const two = paths(run('rfc8051-predictability-2', 'active'));
    expect(one).toEqual(two);
    expect(Object.values(one)).not.toContain('---');
  });
});

describe('§3.4.1 protection (Figure 3)', () => {
  it('stateless: LSP 2 works on B-A-E and backs up on B-E, sharing with LSP 1 whose working path it shares', () => {
    const r = run('rfc8051-protection', 'stateless');
    expect(r.metrics.backupConflicts).toBe(1);
    expect(r.metrics.inProfileTrafficLossBits).toBeGreaterThan(0); // both backups on B-E after A-E fails
  });
  it('stateful: the LSP-DB keeps LSP 2 backup away from LSP 1 backup; when A-E fails only the detection time costs', () => {
    const stateless = run('rfc8051-protection', 'stateless');
    for (const mode of ['passive', 'active'] as const) {
      const r = run('rfc8051-protection', mode);
      expect(r.metrics.backupConflicts).toBe(0);
      // The ~1 ms before the PathErr switches both LSPs to their backups, and nothing after.
      expect(r.metrics.trafficLossBits).toBeGreaterThan(0);
      expect(r.metrics.trafficLossBits).toBeLessThan(stateless.metrics.trafficLossBits / 100);
    }
  });
});

describe('§3.4.2 restoration', () => {
  it('stateless: requests one at a time after the failure block the big LSP', () => {
    const r = run('rfc8051-restoration', 'stateless');
    expect(r.metrics.blocked).toBe(1);
    expect(paths(r)['lsp-big']).toBe('---');
  });
  it('stateful: computing the failed LSPs together blocks none', () => {
    for (const mode of ['passive', 'active'] as const) {
      const r = run('rfc8051-restoration', mode);
      expect(r.metrics.blocked).toBe(0);
      expect(r.metrics.admittedBandwidth).toBe(14e6);
    }
  });
});
