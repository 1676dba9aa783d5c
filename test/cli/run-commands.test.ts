/** `pcelab run`, `compare` and `list` as a user runs them: real processes, real files. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMessage, readTcpStreams, streamBytes } from '../../sim/pcep/index.ts';

const bin = join(import.meta.dirname, '../../sim/cli/pcelab.mjs');

function pcelab(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pcelab run', () => {
  it('--json prints one document with the fields the issue names', () => {
    const r = pcelab(['run', 'rfc8051-bin-packing', '--mode', 'active', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ scenario: 'rfc8051-bin-packing', mode: 'active', seed: 1 });
    expect(doc.lsps[0]).toEqual(
      expect.objectContaining({
        name: 'lsp1',
        src: 'A',
        dst: 'E',
        bandwidth: 5e6,
        state: 'up',
        path: ['A', 'C', 'E'],
      }),
    );
    for (const field of [
      'requestedBandwidth',
      'admittedBandwidth',
      'blocked',
      'reroutes',
      'preemptions',
      'maxLinkUtilization',
      'trafficLoss',
      'messages',
    ]) {
      expect(doc.metrics).toHaveProperty(field);
    }
    expect(doc.metrics.messages.PCUpd).toBeGreaterThan(0);
  });

  it('prints a table by default', () => {
    const r = pcelab(['run', 'rfc8051-throughput']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/lsp1\s+E\s+G\s+10M\s+up\s+E-F-G/);
    expect(r.stdout).toContain('invariants: ok');
  });

  it('--out writes the summary, the trace and a pcap whose PCEP decodes', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pcelab-run-')), 'out');
    const r = pcelab(['run', 'rfc8051-restoration', '--mode', 'passive', '--out', dir, '--json']);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['pcep.pcap', 'summary.json', 'trace.ndjson']);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
    const trace = readFileSync(join(dir, 'trace.ndjson'), 'utf8').trim().split('\n');
    expect(trace.length).toBeGreaterThan(50);
    for (const line of trace.slice(0, 50)) expect(JSON.parse(line)).toHaveProperty('timeUs');
    const streams = readTcpStreams(readFileSync(join(dir, 'pcep.pcap')));
    let messages = 0;
    for (const stream of streams) {
      const bytes = streamBytes(stream);
      let at = 0;
      while (at < bytes.length) {
        const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
        decodeMessage(bytes.subarray(at, at + length));
        at += length;
        messages++;
      }
    }
    const counted = Object.values(JSON.parse(r.stdout).metrics.messages as Record<string, number>).reduce(
      (a, b) => a + b,
    );
    expect(messages).toBe(counted);
  });

  it('a bad scenario file gets file:line, exit status 2, and nothing written', () => {
    const base = mkdtempSync(join(tmpdir(), 'pcelab-bad-'));
    const file = join(base, 'bad.yaml');
    writeFileSync(
      file,
      'name: bad\ntopology: rfc8051-topology-1\ndurationS: 10\nlsps:\n  - { name: x, src: A, dst: Q, bandwidthBps: 1 }\n',
    );
    const out = join(base, 'out');
    const r = pcelab(['run', file, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5: lsps\[0\]\.dst/);
    expect(existsSync(out)).toBe(false);
  });

  it('bad arguments get one line and exit status 2', () => {
    for (const args of [
      ['run', 'rfc8051-throughput', '--mode', 'clever'],
      ['run', 'rfc8051-throughput', '--seed', '-1'],
      ['run', 'no-such-scenario'],
      ['run'],
      ['run', 'rfc8051-throughput', '--bogus'],
    ]) {
      const r = pcelab(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--out into a folder that does not exist is refused before running', () => {
    const r = pcelab(['run', 'rfc8051-throughput', '--out', '/nonexistent/place/out']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('does not exist');
  });

  it('--out replaces an earlier result as a whole', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pcelab-again-')), 'out');
    expect(pcelab(['run', 'rfc8051-throughput', '--out', dir]).status).toBe(0);
    writeFileSync(join(dir, 'summary.json'), 'stale');
    expect(pcelab(['run', 'rfc8051-throughput', '--out', dir]).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['pcep.pcap', 'summary.json', 'trace.ndjson']);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).not.toBe('stale');
  });

  it('--out never deletes a folder holding anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcelab-keep-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const r = pcelab(['run', 'rfc8051-throughput', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds other files');
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'sub']);
  });
});

describe('pcelab compare and list', () => {
  it('compare shows the three modes side by side', () => {
    const r = pcelab(['compare', 'rfc8051-bin-packing']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/stateless\s+passive\s+active/);
    expect(r.stdout).toMatch(/lsp1 path\s+A-C-D-E\s+A-C-D-E\s+A-C-E/);
  });

  it('compare --json gives three runs with the same seed', () => {
    const r = pcelab(['compare', 'rfc8051-deadlock', '--seed', '7', '--json']);
    expect(r.status).toBe(0);
    const { runs } = JSON.parse(r.stdout);
    expect(runs.map((x: { mode: string; seed: number }) => [x.mode, x.seed])).toEqual([
      ['stateless', 7],
      ['passive', 7],
      ['active', 7],
    ]);
  });

  it('list names the built-in scenarios and topologies', () => {
    const r = pcelab(['list', '--json']);
    expect(r.status).toBe(0);
    const { scenarios, topologies } = JSON.parse(r.stdout);
    expect(scenarios.map((s: { name: string }) => s.name)).toContain('rfc8051-predictability-2');
    expect(topologies).toEqual(['rfc8051-topology-1', 'rfc8051-topology-2', 'rfc8051-topology-3']);
  });
});
