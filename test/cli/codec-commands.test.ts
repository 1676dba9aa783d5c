/** `pcelab decode` and `pcelab encode` as a user runs them: real processes, real pipes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../sim/cli/pcelab.mjs');

function pcelab(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const open = '2001001401100010201e78010010000400000005';
const keepalive = '20020004';

describe('pcelab decode | pcelab encode', () => {
  it('round-trips hex through JSON lines', () => {
    const decoded = pcelab(['decode', open, keepalive]);
    expect(decoded.status).toBe(0);
    const lines = decoded.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      kind: 'Open',
      objects: [{ kind: 'OPEN', keepaliveS: 30 }],
    });
    const encoded = pcelab(['encode'], decoded.stdout);
    expect(encoded.status).toBe(0);
    expect(encoded.stdout).toBe(`${open}\n${keepalive}\n`);
  });

  it('reads hex from stdin with -', () => {
    const r = pcelab(['decode', '-'], `${keepalive.slice(0, 4)} ${keepalive.slice(4)}\n`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({ kind: 'Keepalive', objects: [] });
  });

  it('reports malformed bytes with offset, path and PCErr, exit 2', () => {
    // STATEFUL-PCE-CAPABILITY claims 8 bytes of value where the OPEN object holds 4.
    const bad = '2001001401100010201e78010010000800000005';
    const r = pcelab(['decode', keepalive, bad]);
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // the good message before it
    const err = r.stderr.trim();
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain('offset 16'); // 4 bytes of Keepalive + 12 into the Open
    expect(err).toContain('Open > OPEN');
    expect(err).toContain('PCErr(10,11)');
  });

  it('reports a truncated message, exit 2', () => {
    const r = pcelab(['decode', open.slice(0, 20)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/offset 0: truncated message/);
  });

  it('rejects bad hex with its position, exit 2', () => {
    const r = pcelab(['decode', '2002000x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('argument 1, character 8');
  });

  it('encode names the line and field of a bad value and writes nothing, exit 2', () => {
    const good = JSON.stringify({ kind: 'Keepalive', objects: [] });
    const bad = JSON.stringify({
      kind: 'Open',
      objects: [
        {
          kind: 'OPEN',
          p: false,
          i: false,
          version: 1,
          openRefresh: false,
          keepaliveS: 300,
          deadTimerS: 120,
          sessionId: 1,
          tlvs: [],
        },
      ],
    });
    const r = pcelab(['encode'], `${good}\n${bad}\n`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('stdin:2: objects[0].keepaliveS');
  });

  it('encode refuses a __proto__ key instead of letting it change the value', () => {
    const r = pcelab(['encode'], '{"__proto__":{"kind":"Keepalive"},"objects":[]}\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('__proto__');
  });

  it('encode rejects a line that is not JSON, exit 2', () => {
    const r = pcelab(['encode'], '{"kind":\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('stdin:1:');
  });

  it('leaves no file behind when encode --pcap fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcelab-'));
    const r = pcelab(['encode', '--pcap', join(dir, 'out.pcap')], '{"kind":"Nope","objects":[]}\n');
    expect(r.status).toBe(2);
    expect(readdirSync(dir)).toStrictEqual([]);
    expect(existsSync(join(dir, 'out.pcap'))).toBe(false);
  });
});

describe('captures', () => {
  it('encode --pcap then decode --pcap gives the messages back, with direction and time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcelab-'));
    const file = join(dir, 'a.pcap');
    const lines = pcelab(['decode', open, keepalive]).stdout;
    const serverKeepalive = JSON.stringify({
      kind: 'Keepalive',
      objects: [],
      $capture: { timeUs: 5000, from: 'server' },
    });
    const w = pcelab(['encode', '--pcap', file], `${lines}${serverKeepalive}\n`);
    expect(w.status).toBe(0);
    const r = pcelab(['decode', '--pcap', file]);
    expect(r.status).toBe(0);
    const got = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; $capture: { from: string; timeUs: number } });
    expect(got.map((m) => [m.kind, m.$capture.from, m.$capture.timeUs])).toStrictEqual([
      ['Open', 'client', 0],
      ['Keepalive', 'client', 1000],
      ['Keepalive', 'server', 5000],
    ]);
    // And decode --pcap | encode --pcap rewrites the same capture, byte for byte.
    const again = join(dir, 'b.pcap');
    expect(pcelab(['encode', '--pcap', again], r.stdout).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });

  it('a damaged capture is exit 2 with the file and offset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcelab-'));
    const file = join(dir, 'bad.pcap');
    writeFileSync(file, Buffer.from('d4c3b2a1020004000000000000000000ffff0000', 'hex'));
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('0100000002', 'hex')]));
    const r = pcelab(['decode', '--pcap', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: offset`);
  });

  it('a missing capture file is exit 2', () => {
    const r = pcelab(['decode', '--pcap', '/nonexistent/x.pcap']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('pcelab arguments', () => {
  it('--help explains the commands', () => {
    const r = pcelab(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('decode');
    expect(r.stdout).toContain('encode');
    expect(pcelab(['help', 'decode']).stdout).toContain('--pcap FILE');
  });

  it('an unknown option is exit 2 with one line', () => {
    const r = pcelab(['decode', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unknown command is exit 2', () => {
    expect(pcelab(['frobnicate']).status).toBe(2);
  });

  it('bad PCELAB_CODEPOINTS is exit 2', () => {
    const r = pcelab(['decode', keepalive], undefined, { PCELAB_CODEPOINTS: '{"openRefreshFlagMask":3}' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PCELAB_CODEPOINTS');
  });

  it('PCELAB_CODEPOINTS moves the Open Refresh flag', () => {
    const openR2 = '2001000c01100008221e7801'; // OPEN Flags 0b00010
    expect(JSON.parse(pcelab(['decode', openR2]).stdout).objects[0].openRefresh).toBe(false);
    const r = pcelab(['decode', openR2], undefined, { PCELAB_CODEPOINTS: '{"openRefreshFlagMask":2}' });
    expect(JSON.parse(r.stdout).objects[0].openRefresh).toBe(true);
  });
});
