/**
 * Interop with Wireshark's PCEP dissector: every golden message fixture (plus oversized
 * messages that span TCP segments) goes into one capture written by pcapFromMessages; tshark
 * must see every message, find nothing malformed and no expert error (bad IP/TCP checksums
 * included), and agree with pcelab's codec on the key fields.
 *
 * Skipped, with a warning, when tshark is not on PATH (Debian/Ubuntu:
 * `apt-get install -y tshark`). Developed against TShark 4.0.17.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, messageDefinitionByKind, toJson } from '../../sim/pcep/index.ts';
import { pcapFromMessages, type CaptureMessage } from '../../sim/pcep/pcap.ts';
import { parseHex, type Fixture } from '../fixtures/pcep/fixture.ts';

const version = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
const hasTshark = version.error === undefined && version.status === 0;
if (!hasTshark && process.env.PCELAB_REQUIRE_TSHARK !== undefined) {
  // CI installs tshark and sets this: a missing tshark there is a failure, not a skip.
  throw new Error('PCELAB_REQUIRE_TSHARK is set but tshark is not on PATH');
}
if (!hasTshark) {
  console.warn(
    'tshark interop test skipped: tshark is not on PATH (install it, e.g. apt-get install -y tshark)',
  );
}

/**
 * Fixtures Wireshark cannot dissect although the bytes are right, keyed `file: name`, each
 * with the reason. They stay out of the capture. Keep this list short and explained.
 */
const wiresharkLimitations: Record<string, string> = {};

const modules = import.meta.glob<{ default: Fixture[] }>('../fixtures/pcep/messages/*.ts', { eager: true });

interface Entry {
  /** `file: name` of the fixture, or a description of a built message. */
  label: string;
  bytes: Uint8Array;
}

const fixtureEntries: Entry[] = Object.keys(modules)
  .sort()
  .flatMap((file) =>
    (modules[file]?.default ?? [])
      .filter((f) => f.level === 'message' && f.error === undefined)
      .map((f) => ({
        label: `${file.replace('../fixtures/pcep/messages/', '')}: ${f.name}`,
        bytes: parseHex(f.hex),
      })),
  )
  .filter((e) => wiresharkLimitations[e.label] === undefined);

function withLength(type: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  out[0] = 0x20; // Ver=1, Flags=0
  out[1] = type;
  out[2] = out.length >>> 8;
  out[3] = out.length & 0xff;
  out.set(body, 4);
  return out;
}

/** A PCNtf of 400 NOTIFICATION objects (type 2 value 2, "no longer overloaded"): 3,204 bytes. */
function bigPcNtf(): Uint8Array {
  const body = new Uint8Array(400 * 8);
  for (let k = 0; k < 400; k++) {
    // Object-Class 12, OT 1, Length 8 | Reserved, Flags, Notification-type 2, Notification-value 2
    body.set([0x0c, 0x10, 0x00, 0x08, 0x00, 0x00, 0x02, 0x02], 8 * k);
  }
  return withLength(5, body);
}

/**
 * The first PCRpt fixture's state reports repeated until the message passes 3,000 bytes
 * (RFC 8231 §6.1: <state-report-list> ::= <state-report> [<state-report-list>]).
 */
function bigPcRpt(): Entry | undefined {
  const rpt = fixtureEntries.find((e) => e.bytes[1] === 10 && e.bytes.length > 4);
  if (rpt === undefined) return undefined;
  const body = rpt.bytes.subarray(4);
  const copies = Math.ceil(3001 / body.length);
  const all = new Uint8Array(body.length * copies);
  for (let k = 0; k < copies; k++) all.set(body, k * body.length);
  return { label: `${copies} copies of the state reports of ${rpt.label}`, bytes: withLength(10, all) };
}

const pcRpt = bigPcRpt();
const entries: Entry[] = [
  ...fixtureEntries,
  { label: 'PCNtf with 400 NOTIFICATION objects (3,204 bytes)', bytes: bigPcNtf() },
  ...(pcRpt === undefined ? [] : [pcRpt]),
];

const EPOCH_US = 1_700_000_000_000_000;
const messages: CaptureMessage[] = entries.map((e, k) => ({
  from: k % 2 === 0 ? 'client' : 'server',
  timeUs: 1_000 * (k + 1),
  bytes: e.bytes,
}));

/** The fields compared, as both sides see them. */
interface KeyFields {
  type: number;
  keepaliveS: number[];
  deadTimerS: number[];
  plspId: number[];
  srpId: number[];
  /** IPv4 prefix subobject addresses, one list per ERO. */
  eroIpv4: string[][];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every value of `key` under `node`, in document order (arrays from --no-duplicate-keys flattened). */
function valuesOf(node: Json, key: string, out: Json[] = []): Json[] {
  if (Array.isArray(node)) {
    for (const x of node) valuesOf(x, key, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) {
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
      } else {
        valuesOf(v, key, out);
      }
    }
  }
  return out;
}

function asList(v: Json | undefined): Json[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** tshark's view of one PCEP PDU (one element of a frame's `pcep` layer). */
function tsharkFields(pdu: Json): KeyFields {
  const num = (key: string): number[] => valuesOf(pdu, key).map(Number);
  return {
    type: Number(valuesOf(pdu, 'pcep.msg')[0]),
    keepaliveS: num('pcep.obj.open.keepalive'),
    deadTimerS: num('pcep.obj.open.deadtime'),
    plspId: num('pcep.obj.lsp.plsp-id'),
    srpId: num('pcep.obj.srp.id-number'),
    eroIpv4: valuesOf(pdu, 'pcep.obj.ero').map((ero) => valuesOf(ero, 'pcep.subobj.ipv4.ipv4').map(String)),
  };
}

/** pcelab's view: the codec's decode of the same bytes. */
function codecFields(bytes: Uint8Array): KeyFields {
  const msg = decodeMessage(bytes);
  const f: KeyFields = { type: -1, keepaliveS: [], deadTimerS: [], plspId: [], srpId: [], eroIpv4: [] };
  f.type = msg.kind === 'UNKNOWN-MESSAGE' ? msg.messageType : (messageDefinitionByKind(msg.kind)?.type ?? -1);
  for (const o of msg.objects as unknown as Record<string, unknown>[]) {
    if (o.kind === 'OPEN') {
      f.keepaliveS.push(o.keepaliveS as number);
      f.deadTimerS.push(o.deadTimerS as number);
    } else if (o.kind === 'LSP') {
      f.plspId.push(o.plspId as number);
    } else if (o.kind === 'SRP') {
      f.srpId.push(o.srpIdNumber as number);
    } else if (o.kind === 'ERO') {
      f.eroIpv4.push(
        (o.subobjects as { kind: string; address?: string }[])
          .filter((so) => so.kind === 'IPV4-PREFIX')
          .map((so) => String(so.address)),
      );
    }
  }
  return f;
}

interface Dissection {
  /** One entry per PCEP PDU tshark found, in order, with the frame it ended in. */
  pdus: { frame: number; pdu: Json }[];
  /** Frame numbers flagged `_ws.malformed`. */
  malformedFrames: number[];
  /** Expert infos of severity Error: frame number and message. */
  expertErrors: { frame: number; message: string }[];
  /** Frames with any TCP analysis flag (retransmission, lost segment, window problems, ...). */
  tcpAnalysisFrames: number[];
  /** The `-z expert` summary, for failure messages. */
  expertSummary: string;
}

/** Wireshark's PI_ERROR severity as it appears in `_ws.expert.severity`. */
const PI_ERROR = 0x00800000;

function runTshark(file: string): Dissection {
  // Checksums are verified so that a bad one becomes an expert error; PCEP is forced on 4189
  // (its registered port, so this only guards against a changed preference).
  const common = ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];
  const json = spawnSync(
    'tshark',
    [...common, '-d', 'tcp.port==4189,pcep', '-T', 'json', '--no-duplicate-keys'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (json.status !== 0) throw new Error(`tshark -T json failed (${json.status}): ${json.stderr}`);
  const expert = spawnSync('tshark', [...common, '-d', 'tcp.port==4189,pcep', '-q', '-z', 'expert'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (expert.status !== 0) throw new Error(`tshark -z expert failed (${expert.status}): ${expert.stderr}`);
  const frames = JSON.parse(json.stdout) as { _source: { layers: Record<string, Json> } }[];
  const out: Dissection = {
    pdus: [],
    malformedFrames: [],
    expertErrors: [],
    tcpAnalysisFrames: [],
    expertSummary: expert.stdout,
  };
  frames.forEach((frame, k) => {
    const layers = frame._source.layers;
    const number = k + 1;
    for (const pdu of asList(layers.pcep)) out.pdus.push({ frame: number, pdu });
    if (valuesOf(layers, '_ws.malformed').length > 0) out.malformedFrames.push(number);
    const severities = valuesOf(layers, '_ws.expert.severity').map(Number);
    const texts = valuesOf(layers, '_ws.expert.message').map(String);
    severities.forEach((s, i) => {
      if (s === PI_ERROR) out.expertErrors.push({ frame: number, message: texts[i] ?? '' });
    });
    if (valuesOf(layers, 'tcp.analysis.flags').length > 0) out.tcpAnalysisFrames.push(number);
  });
  return out;
}

describe.skipIf(!hasTshark)('tshark interop (skipped when tshark is not on PATH)', () => {
  let dir = '';
  let dissection: Dissection;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcelab-tshark-'));
    const file = join(dir, 'pcelab-messages.pcap');
    writeFileSync(file, pcapFromMessages(messages, { epochUs: EPOCH_US }));
    dissection = runTshark(file);
  }, 120_000);

  afterAll(() => {
    if (dir !== '' && process.env.PCELAB_KEEP_CAPTURE === undefined)
      rmSync(dir, { recursive: true, force: true });
  });

  /** The entries whose PDU ended in one of `frames`: names a culprit in a failure message. */
  const culprits = (frames: number[]): string[] =>
    dissection.pdus.flatMap((p, k) => (frames.includes(p.frame) ? [entries[k]?.label ?? `PDU ${k}`] : []));

  it('exercises reassembly: some message spans several TCP segments', () => {
    expect(Math.max(...entries.map((e) => e.bytes.length))).toBeGreaterThan(3000);
  });

  it('sees exactly the messages written', () => {
    expect(dissection.pdus.length).toBe(entries.length);
  });

  it('flags no frame as malformed', () => {
    expect(culprits(dissection.malformedFrames)).toStrictEqual([]);
    expect(dissection.malformedFrames).toStrictEqual([]);
  });

  it('reports no expert info of severity error (bad checksums included)', () => {
    expect(dissection.expertErrors).toStrictEqual([]);
    expect(dissection.expertSummary).not.toMatch(/^\s*Errors \(\d+\)/m);
  });

  it('finds nothing to say about the TCP sequence numbers', () => {
    expect(dissection.tcpAnalysisFrames).toStrictEqual([]);
  });

  it('agrees on the message types, in order', () => {
    const theirs = dissection.pdus.map((p) => Number(valuesOf(p.pdu, 'pcep.msg')[0]));
    expect(theirs).toStrictEqual(entries.map((e) => e.bytes[1]));
  });

  it.each(entries.map((e, k) => [e.label, k] as const))(
    'agrees on OPEN timers, PLSP-IDs, SRP-IDs and ERO IPv4 hops: %s',
    (_label, k) => {
      const pdu = dissection.pdus[k];
      expect(pdu).toBeDefined();
      expect(tsharkFields(pdu!.pdu)).toStrictEqual(codecFields(entries[k]!.bytes));
    },
  );
});

describe.skipIf(!hasTshark)('tshark dissects what `pcelab encode --pcap` writes', () => {
  it('every golden message, as a user writes the capture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcelab-tshark-cli-'));
    try {
      const file = join(dir, 'cli.pcap');
      const jsonl = entries.map((e) => toJson(decodeMessage(e.bytes))).join('\n');
      const bin = join(import.meta.dirname, '../../sim/cli/pcelab.mjs');
      const r = spawnSync(process.execPath, [bin, 'encode', '--pcap', file], {
        input: jsonl,
        encoding: 'utf8',
      });
      expect(r.stderr).toContain(`wrote ${entries.length} messages`);
      expect(r.status).toBe(0);
      const d = runTshark(file);
      expect(d.pdus.length).toBe(entries.length);
      expect(d.malformedFrames).toStrictEqual([]);
      expect(d.expertErrors).toStrictEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
