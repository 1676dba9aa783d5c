/**
 * Capture files: the libpcap writer and its TCP conversation model (checked against an
 * independent checksum routine and the RFC header layouts), and the pcap/pcapng reader
 * (round trips, hand-written pcapng blocks, every supported link type, reordered, duplicated
 * and missing segments, and malformed files that must raise PcapError and nothing else).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PcepEncodeError } from '../../sim/pcep/errors.ts';
import {
  LinkType,
  PcapError,
  PcapWriter,
  pcapFromMessages,
  readCapturePackets,
  readTcpStreams,
  streamBytes,
  TcpConversation,
  TcpFlag,
  type CapturedFrame,
  type TcpConversationOptions,
} from '../../sim/pcep/pcap.ts';
import { parseHex } from '../fixtures/pcep/fixture.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Deterministic filler so that a misplaced byte shows. */
function payload(length: number, salt = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + salt) & 0xff;
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

const be16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const be32 = (b: Uint8Array, at: number): number => Buffer.from(b).readUInt32BE(at);

/**
 * Independent Internet checksum check: the one's-complement sum of 16-bit words is congruent
 * to their plain sum modulo 0xffff, and a correct checksum makes the complete sum (checksum
 * field included) all ones, i.e. a nonzero multiple of 0xffff.
 */
function checksumHolds(words: number[]): boolean {
  const total = words.reduce((a, w) => a + w, 0);
  return total > 0 && total % 0xffff === 0;
}

function words16(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i += 2) out.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  return out;
}

interface ParsedFrame {
  etherType: number;
  ipVersion: number;
  ipHeader: Uint8Array;
  src: Uint8Array;
  dst: Uint8Array;
  tcp: Uint8Array;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  data: Uint8Array;
}

/** Reads an Ethernet/IPv4|IPv6/TCP frame by the RFC layouts, independently of the reader. */
function parseFrame(f: Uint8Array): ParsedFrame {
  const etherType = be16(f, 12);
  const ipVersion = (f[14] ?? 0) >> 4;
  const ipLen = ipVersion === 4 ? ((f[14] ?? 0) & 15) * 4 : 40;
  const ipHeader = f.subarray(14, 14 + ipLen);
  const src = ipVersion === 4 ? ipHeader.subarray(12, 16) : ipHeader.subarray(8, 24);
  const dst = ipVersion === 4 ? ipHeader.subarray(16, 20) : ipHeader.subarray(24, 40);
  const tcp = f.subarray(14 + ipLen);
  const dataOffset = ((tcp[12] ?? 0) >> 4) * 4;
  return {
    etherType,
    ipVersion,
    ipHeader,
    src,
    dst,
    tcp,
    srcPort: be16(tcp, 0),
    dstPort: be16(tcp, 2),
    seq: be32(tcp, 4),
    ack: be32(tcp, 8),
    flags: tcp[13] ?? 0,
    window: be16(tcp, 14),
    data: tcp.subarray(dataOffset),
  };
}

function tcpChecksumHolds(p: ParsedFrame): boolean {
  const pseudo = [...words16(p.src), ...words16(p.dst), 6, p.tcp.length >>> 16, p.tcp.length & 0xffff];
  return checksumHolds([...pseudo, ...words16(p.tcp)]);
}

const v4: TcpConversationOptions = {
  clientIp: '10.0.0.1',
  serverIp: '10.0.0.2',
  clientPort: 50000,
  isnClient: 100,
  isnServer: 900,
};

const v6: TcpConversationOptions = {
  clientIp: '2001:db8::1',
  serverIp: '2001:db8::2',
  clientPort: 50001,
  isnClient: 7,
  isnServer: 70000,
};

function fileOf(frames: CapturedFrame[], linkType: number = LinkType.ethernet): Uint8Array {
  const w = new PcapWriter(linkType);
  w.addFrames(frames);
  return w.bytes();
}

describe('PcapWriter', () => {
  it('writes the classic little-endian header: magic, 2.4, snaplen 262144, Ethernet', () => {
    expect(hex(new PcapWriter().bytes())).toBe(
      'd4c3b2a1' + // magic 0xa1b2c3d4 (microseconds), little-endian
        '0200' + // major 2
        '0400' + // minor 4
        '00000000' + // thiszone
        '00000000' + // sigfigs
        '00000400' + // snaplen 262144
        '01000000', // LINKTYPE_ETHERNET
    );
  });

  it('splits simulated microseconds into seconds and microseconds per record', () => {
    const w = new PcapWriter();
    w.addPacket(1_234_567_890, Uint8Array.of(1, 2, 3));
    expect(w.packetCount).toBe(1);
    expect(hex(w.bytes().subarray(24))).toBe(
      'd2040000' + // 1234 s
        '52aa0800' + // 567890 us = 0x0008aa52
        '03000000' + // captured 3
        '03000000' + // original 3
        '010203',
    );
  });

  it('cuts frames at the snaplen and keeps the original length', () => {
    const w = new PcapWriter(LinkType.ethernet, 4);
    w.addPacket(0, payload(10));
    const b = w.bytes();
    expect(b.length).toBe(24 + 16 + 4);
    expect(Buffer.from(b).readUInt32LE(24 + 8)).toBe(4);
    expect(Buffer.from(b).readUInt32LE(24 + 12)).toBe(10);
  });

  it('refuses times that are not whole non-negative microseconds', () => {
    const w = new PcapWriter();
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => w.addPacket(bad, Uint8Array.of(0))).toThrow(PcepEncodeError);
    }
  });
});

describe('TcpConversation', () => {
  it('opens with SYN, SYN-ACK, ACK announcing the MSS', () => {
    const conv = new TcpConversation({ ...v4, mssBytes: 1000 });
    const [syn, synAck, ack] = conv.open(5).map((f) => parseFrame(f.frame));
    expect(syn?.flags).toBe(TcpFlag.syn);
    expect([syn?.seq, syn?.ack]).toStrictEqual([100, 0]);
    expect(hex(syn?.tcp.subarray(20, 24) ?? new Uint8Array())).toBe('020403e8'); // MSS 1000
    expect(synAck?.flags).toBe(TcpFlag.syn | TcpFlag.ack);
    expect([synAck?.seq, synAck?.ack, synAck?.srcPort, synAck?.dstPort]).toStrictEqual([
      900, 101, 4189, 50000,
    ]);
    expect(ack?.flags).toBe(TcpFlag.ack);
    expect([ack?.seq, ack?.ack, ack?.data.length]).toStrictEqual([101, 901, 0]);
  });

  it('segments a payload at the MSS with PSH on the last and ACKs of the other side', () => {
    const conv = new TcpConversation({ ...v4, mssBytes: 1460 });
    conv.open(0);
    const data = payload(3000);
    const frames = conv.send('client', 10, data).map((f) => parseFrame(f.frame));
    expect(frames.map((f) => f.data.length)).toStrictEqual([1460, 1460, 80]);
    expect(frames.map((f) => f.seq)).toStrictEqual([101, 1561, 3021]);
    expect(frames.map((f) => f.ack)).toStrictEqual([901, 901, 901]);
    expect(frames.map((f) => f.flags)).toStrictEqual([TcpFlag.ack, TcpFlag.ack, TcpFlag.ack | TcpFlag.psh]);
    expect(hex(concat(...frames.map((f) => f.data)))).toBe(hex(data));
    const reply = parseFrame(conv.send('server', 11, payload(4))[0]?.frame ?? new Uint8Array());
    expect([reply.seq, reply.ack]).toStrictEqual([901, 3101]);
    expect(conv.send('client', 12, new Uint8Array())).toStrictEqual([]);
  });

  it('writes IPv4 with DF, TTL 64, per-direction IDs, window 65535 and valid checksums', () => {
    const conv = new TcpConversation(v4);
    const frames = [
      ...conv.open(0),
      ...conv.send('client', 1, payload(3001)), // odd length: the checksum pads a zero byte
      ...conv.send('server', 2, payload(17)),
      ...conv.close(3),
    ];
    const ids = { client: [] as number[], server: [] as number[] };
    for (const { frame } of frames) {
      const p = parseFrame(frame);
      expect(p.etherType).toBe(0x0800);
      expect(p.ipHeader[0]).toBe(0x45);
      expect(be16(p.ipHeader, 2)).toBe(frame.length - 14); // Total Length
      expect(be16(p.ipHeader, 6)).toBe(0x4000); // DF, offset 0
      expect(p.ipHeader[8]).toBe(64);
      expect(p.ipHeader[9]).toBe(6);
      expect(p.window).toBe(65535);
      expect(checksumHolds(words16(p.ipHeader))).toBe(true);
      expect(tcpChecksumHolds(p)).toBe(true);
      ids[p.srcPort === 4189 ? 'server' : 'client'].push(be16(p.ipHeader, 4));
    }
    expect(ids.client).toStrictEqual([0, 1, 2, 3, 4, 5, 6]); // SYN, ACK, 3 segments, FIN, ACK
    expect(ids.server).toStrictEqual([0, 1, 2]); // SYN-ACK, 1 segment, FIN
    // Ethernet addresses: default locally administered MACs.
    const first = frames[0]?.frame ?? new Uint8Array();
    expect(hex(first.subarray(0, 12))).toBe('020000000002' + '020000000001');
  });

  it('detects a corrupted byte through the independent checksum routine', () => {
    const conv = new TcpConversation(v4);
    const frame = conv.send('client', 0, payload(40))[0]?.frame ?? new Uint8Array();
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x01;
    expect(tcpChecksumHolds(parseFrame(frame))).toBe(false);
  });

  it('writes IPv6 with hop limit 64 and a valid TCP checksum over the IPv6 pseudo-header', () => {
    const conv = new TcpConversation({
      ...v6,
      clientMac: 'aa:bb:cc:dd:ee:01',
      serverMac: 'AA:BB:CC:DD:EE:02',
    });
    const frames = [...conv.open(0), ...conv.send('client', 1, payload(2000)), ...conv.close(2, 'server')];
    for (const { frame } of frames) {
      const p = parseFrame(frame);
      expect(p.etherType).toBe(0x86dd);
      expect(p.ipHeader[0]).toBe(0x60);
      expect(be16(p.ipHeader, 4)).toBe(p.tcp.length);
      expect([p.ipHeader[6], p.ipHeader[7]]).toStrictEqual([6, 64]);
      expect(tcpChecksumHolds(p)).toBe(true);
    }
    expect(hex(frames[0]?.frame.subarray(0, 12) ?? new Uint8Array())).toBe('aabbccddee02aabbccddee01');
  });

  it('closes with FIN-ACK, FIN-ACK, ACK, each FIN taking one sequence number', () => {
    const conv = new TcpConversation(v4);
    conv.open(0);
    conv.send('client', 1, payload(10));
    const [a, b, c] = conv.close(2).map((f) => parseFrame(f.frame));
    expect([a?.flags, a?.seq, a?.ack]).toStrictEqual([TcpFlag.fin | TcpFlag.ack, 111, 901]);
    expect([b?.flags, b?.seq, b?.ack]).toStrictEqual([TcpFlag.fin | TcpFlag.ack, 901, 112]);
    expect([c?.flags, c?.seq, c?.ack]).toStrictEqual([TcpFlag.ack, 112, 902]);
    expect(() => conv.send('client', 3, payload(1))).toThrow(PcepEncodeError);
    expect(() => conv.close(3)).toThrow(PcepEncodeError);
  });

  it('wraps sequence numbers modulo 2^32', () => {
    const conv = new TcpConversation({ ...v4, isnClient: 0xfffffff0, mssBytes: 16 });
    conv.open(0);
    const seqs = conv.send('client', 1, payload(40)).map((f) => parseFrame(f.frame).seq);
    expect(seqs).toStrictEqual([0xfffffff1, 0x00000001, 0x00000011]);
  });

  it('is deterministic: the same calls give the same bytes', () => {
    const run = (): string => {
      const conv = new TcpConversation(v4);
      return hex(fileOf([...conv.open(9), ...conv.send('server', 10, payload(5000)), ...conv.close(11)]));
    };
    expect(run()).toBe(run());
  });

  it('refuses unusable options with PcepEncodeError naming the field', () => {
    const cases: [Partial<TcpConversationOptions>, string][] = [
      [{ clientIp: '10.0.0.256' }, 'clientIp'],
      [{ serverIp: '2001:db8::1' }, 'serverIp'],
      [{ clientPort: 0 }, 'clientPort'],
      [{ serverPort: 65536 }, 'serverPort'],
      [{ clientMac: '02:00:00:00:00' }, 'clientMac'],
      [{ mssBytes: 0 }, 'mssBytes'],
      [{ isnServer: 2 ** 32 }, 'isnServer'],
    ];
    for (const [bad, field] of cases) {
      let caught: unknown;
      try {
        new TcpConversation({ ...v4, ...bad });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PcepEncodeError);
      expect((caught as PcepEncodeError).fieldPath).toBe(field);
    }
  });
});

describe('pcapFromMessages', () => {
  const messages = [
    { from: 'client' as const, timeUs: 1_000, bytes: payload(20, 1) },
    { from: 'server' as const, timeUs: 2_000, bytes: payload(20, 2) },
    { from: 'client' as const, timeUs: 3_000, bytes: payload(4, 3) },
    { from: 'server' as const, timeUs: 4_000, bytes: payload(3500, 4) },
  ];

  it('frames a handshake, one send per message (split at the MSS) and the FIN exchange', () => {
    const packets = readCapturePackets(pcapFromMessages(messages, { epochUs: 1_700_000_000_000_000 }));
    const frames = packets.map((p) => parseFrame(p.data));
    expect(frames.map((f) => f.flags)).toStrictEqual([
      TcpFlag.syn,
      TcpFlag.syn | TcpFlag.ack,
      TcpFlag.ack,
      TcpFlag.ack | TcpFlag.psh,
      TcpFlag.ack | TcpFlag.psh,
      TcpFlag.ack | TcpFlag.psh,
      TcpFlag.ack, // 1460
      TcpFlag.ack, // 1460
      TcpFlag.ack | TcpFlag.psh, // 580
      TcpFlag.fin | TcpFlag.ack,
      TcpFlag.fin | TcpFlag.ack,
      TcpFlag.ack,
    ]);
    expect(packets.map((p) => p.timeUs - 1_700_000_000_000_000)).toStrictEqual([
      1000, 1000, 1000, 1000, 2000, 3000, 4000, 4000, 4000, 4000, 4000, 4000,
    ]);
    expect(frames.every(tcpChecksumHolds)).toBe(true);
  });

  it('reads back as one stream per direction holding the messages in order', () => {
    const streams = readTcpStreams(pcapFromMessages(messages));
    expect(streams.map((s) => [s.src, s.srcPort, s.dst, s.dstPort, s.firstTimeUs])).toStrictEqual([
      ['192.0.2.1', 40000, '192.0.2.2', 4189, 1000],
      ['192.0.2.2', 4189, '192.0.2.1', 40000, 1000],
    ]);
    const [client, server] = streams;
    expect(hex(streamBytes(client!))).toBe(hex(concat(messages[0]!.bytes, messages[2]!.bytes)));
    expect(hex(streamBytes(server!))).toBe(hex(concat(messages[1]!.bytes, messages[3]!.bytes)));
    expect(client?.chunks.map((c) => c.timeUs)).toStrictEqual([1000, 3000]);
    expect(server?.chunks.map((c) => [c.timeUs, c.bytes.length])).toStrictEqual([
      [2000, 20],
      [4000, 1460],
      [4000, 1460],
      [4000, 580],
    ]);
    expect(client?.gap).toBeUndefined();
  });

  it('honours addresses, ports and times given as options', () => {
    const file = pcapFromMessages([messages[0]!], {
      clientIp: '2001:db8::a',
      serverIp: '2001:db8::b',
      clientPort: 1234,
      serverPort: 4190,
      openTimeUs: 10,
      closeTimeUs: 99_000_000,
    });
    const packets = readCapturePackets(file);
    expect(packets[0]?.timeUs).toBe(10);
    expect(packets[packets.length - 1]?.timeUs).toBe(99_000_000);
    expect(readTcpStreams(file)).toStrictEqual([]); // neither side on 4189
    const streams = readTcpStreams(file, { ports: [4190] });
    expect(streams.map((s) => [s.src, s.dstPort])).toStrictEqual([
      ['2001:db8::a', 4190],
      ['2001:db8::b', 1234],
    ]);
  });
});

/** Rewrites a little-endian microsecond pcap file as big-endian and/or nanosecond. */
function reencodeClassic(file: Uint8Array, bigEndian: boolean, nanos: boolean): Uint8Array {
  const src = Buffer.from(file);
  const out = Buffer.from(file);
  const put32 = (at: number, v: number): void => {
    if (bigEndian) out.writeUInt32BE(v, at);
    else out.writeUInt32LE(v, at);
  };
  const put16 = (at: number, v: number): void => {
    if (bigEndian) out.writeUInt16BE(v, at);
    else out.writeUInt16LE(v, at);
  };
  put32(0, nanos ? 0xa1b23c4d : 0xa1b2c3d4);
  put16(4, src.readUInt16LE(4));
  put16(6, src.readUInt16LE(6));
  for (const at of [8, 12, 16, 20]) put32(at, src.readUInt32LE(at));
  let at = 24;
  while (at < src.length) {
    put32(at, src.readUInt32LE(at));
    put32(at + 4, src.readUInt32LE(at + 4) * (nanos ? 1000 : 1) + (nanos ? 999 : 0));
    put32(at + 8, src.readUInt32LE(at + 8));
    put32(at + 12, src.readUInt32LE(at + 12));
    at += 16 + src.readUInt32LE(at + 8);
  }
  return new Uint8Array(out);
}

/** A short conversation used by the reader tests. */
function sampleFrames(opts: TcpConversationOptions = v4): CapturedFrame[] {
  const conv = new TcpConversation({ ...opts, mssBytes: 100 });
  return [
    ...conv.open(1_000_000),
    ...conv.send('client', 1_000_100, payload(250, 1)),
    ...conv.send('server', 1_000_200, payload(30, 2)),
    ...conv.close(1_000_300),
  ];
}

function expectSampleStreams(file: Uint8Array, clientIp = '10.0.0.1', serverIp = '10.0.0.2'): void {
  const streams = readTcpStreams(file);
  expect(streams.map((s) => [s.src, s.dst, s.firstTimeUs])).toStrictEqual([
    [clientIp, serverIp, 1_000_000],
    [serverIp, clientIp, 1_000_000],
  ]);
  expect(hex(streamBytes(streams[0]!))).toBe(hex(payload(250, 1)));
  expect(hex(streamBytes(streams[1]!))).toBe(hex(payload(30, 2)));
}

describe('reading classic pcap', () => {
  it('reads both byte orders, microsecond and nanosecond magic', () => {
    const le = fileOf(sampleFrames());
    for (const [bigEndian, nanos] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const file = reencodeClassic(le, bigEndian, nanos);
      expect(readCapturePackets(file).map((p) => p.timeUs)).toStrictEqual(
        readCapturePackets(le).map((p) => p.timeUs),
      );
      expectSampleStreams(file);
    }
  });

  it('reads a file of no packets', () => {
    expect(readCapturePackets(new PcapWriter().bytes())).toStrictEqual([]);
  });
});

/**
 * One TCP segment by hand: Ethernet II, IPv4 (no options), TCP (no options) carrying a PCEP
 * Keepalive. Checksums are left zero: the reader does not verify them (offloading makes them
 * unreliable in real captures).
 */
function keepaliveFrame(seqHex: string): string {
  return `
    020000000002 020000000001 0800   # Ethernet: dst, src, IPv4
    45 00 002c 0001 4000 40 06 0000   # IPv4: IHL 5, total 44, ID 1, DF, TTL 64, TCP, checksum
    c0000201 c0000202                 # 192.0.2.1 -> 192.0.2.2
    9c40 105d ${seqHex} 00000000      # TCP 40000 -> 4189, seq, ack
    50 18 ffff 0000 0000              # data offset 5, PSH+ACK, window, checksum, urgent
    20 02 0004                        # PCEP Keepalive
  `;
}

const pcapngLittleEndian = `
  0a0d0d0a 1c000000       # SHB, total length 28
  4d3c2b1a                # byte-order magic, little-endian
  0100 0000               # version 1.0
  ffffffff ffffffff       # section length unknown
  1c000000
  010000002000 0000       # IDB, total length 32
  0100 0000               # LINKTYPE_ETHERNET, reserved
  00000400                # snaplen 262144
  0900 0100 09 000000     # if_tsresol = 10^-9 (nanoseconds)
  0000 0000               # opt_endofopt
  20000000
  ad0b0000 10000000       # Custom Block (0xbad), total length 16: skipped
  d97e0000                # Private Enterprise Number 32473 (documentation), no data
  10000000
  04000000 10000000       # Name Resolution Block, total length 16: skipped
  00000000                # nrb_record_end
  10000000
  06000000 5c000000       # EPB, total length 92
  00000000                # interface 0
  fe9c9717 15cd853d       # timestamp 0x17979cfe_3d85cd15 ns = 1700000000.123456789 s
  3a000000 3a000000       # captured 58, original 58
  ${keepaliveFrame('00000064')}
  0000                    # padding to 32 bits
  5c000000
  03000000 4c000000       # SPB, total length 76
  3a000000                # original length 58
  ${keepaliveFrame('00000068')}
  0000
  4c000000
`;

const pcapngBigEndian = `
  0a0d0d0a 0000001c       # SHB, total length 28
  1a2b3c4d                # byte-order magic, big-endian
  0001 0000               # version 1.0
  ffffffff ffffffff
  0000001c
  00000001 00000014       # IDB, total length 20, no options (microseconds)
  0001 0000               # LINKTYPE_ETHERNET
  00000000                # snaplen unlimited
  00000014
  00000006 0000005c       # EPB, total length 92
  00000000                # interface 0
  00060a24 181e4000       # timestamp 0x00060a24_181e4000 us = 1700000000 s
  0000003a 0000003a
  ${keepaliveFrame('0000006c')}
  0000
  0000005c
`;

describe('reading pcapng', () => {
  it('reads a hand-written little-endian section: SHB, IDB with if_tsresol, EPB, SPB', () => {
    const packets = readCapturePackets(parseHex(pcapngLittleEndian));
    expect(packets.map((p) => [p.timeUs, p.linkType, p.data.length, p.originalBytes])).toStrictEqual([
      [1_700_000_000_123_456, 1, 58, 58],
      [1_700_000_000_123_456, 1, 58, 58], // the SPB has no timestamp: it follows the EPB
    ]);
    const [stream] = readTcpStreams(parseHex(pcapngLittleEndian));
    expect(stream).toStrictEqual({
      src: '192.0.2.1',
      dst: '192.0.2.2',
      srcPort: 40000,
      dstPort: 4189,
      firstTimeUs: 1_700_000_000_123_456,
      chunks: [
        { timeUs: 1_700_000_000_123_456, bytes: Uint8Array.of(0x20, 0x02, 0x00, 0x04) },
        { timeUs: 1_700_000_000_123_456, bytes: Uint8Array.of(0x20, 0x02, 0x00, 0x04) },
      ],
    });
  });

  it('reads a big-endian section, and a second section resets byte order and interfaces', () => {
    const file = parseHex(pcapngLittleEndian + pcapngBigEndian);
    const packets = readCapturePackets(file);
    expect(packets.map((p) => p.timeUs)).toStrictEqual([
      1_700_000_000_123_456, 1_700_000_000_123_456, 1_700_000_000_000_000,
    ]);
    const [stream] = readTcpStreams(file);
    expect(stream?.chunks.length).toBe(3);
    expect(readTcpStreams(parseHex(pcapngBigEndian))[0]?.firstTimeUs).toBe(1_700_000_000_000_000);
  });

  it('refuses a packet naming an interface the section did not describe', () => {
    // The big-endian section's EPB read after a fresh SHB with no IDB.
    const shb = pcapngBigEndian.slice(0, pcapngBigEndian.indexOf('00000001 00000014'));
    const epb = pcapngBigEndian.slice(pcapngBigEndian.indexOf('00000006 0000005c'));
    const file = parseHex(shb + epb);
    expect(() => readCapturePackets(file)).toThrow(PcapError);
    try {
      readCapturePackets(file);
    } catch (err) {
      expect((err as PcapError).offset).toBe(28 + 8);
    }
  });
});

/** Rewrites an Ethernet capture with another link-layer header. */
function relink(
  frames: CapturedFrame[],
  linkType: number,
  header: (ipVersion: number) => number[],
): Uint8Array {
  const w = new PcapWriter(linkType);
  for (const { timeUs, frame } of frames) {
    const ipVersion = (frame[14] ?? 0) >> 4;
    w.addPacket(timeUs, concat(Uint8Array.from(header(ipVersion)), frame.subarray(14)));
  }
  return w.bytes();
}

describe('link types', () => {
  const mac = [2, 0, 0, 0, 0, 1, 0, 0];
  const etherType = (ipVersion: number): number[] => (ipVersion === 4 ? [0x08, 0x00] : [0x86, 0xdd]);

  it.each([
    ['IPv4', v4, '10.0.0.1', '10.0.0.2'],
    ['IPv6', v6, '2001:db8::1', '2001:db8::2'],
  ] as const)('%s over every supported link type', (_family, opts, client, server) => {
    const frames = sampleFrames(opts);
    const v = opts === v4 ? 4 : 6;
    const files: [string, Uint8Array][] = [
      ['Ethernet', fileOf(frames)],
      [
        'Ethernet 802.1ad + 802.1Q',
        (() => {
          const w = new PcapWriter();
          for (const f of frames) {
            const tags = Uint8Array.of(0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x64);
            w.addPacket(f.timeUs, concat(f.frame.subarray(0, 12), tags, f.frame.subarray(12)));
          }
          return w.bytes();
        })(),
      ],
      ['raw (101)', relink(frames, LinkType.raw, () => [])],
      [
        v === 4 ? 'IPv4 (228)' : 'IPv6 (229)',
        relink(frames, v === 4 ? LinkType.ipv4 : LinkType.ipv6, () => []),
      ],
      ['Linux SLL', relink(frames, LinkType.linuxSll, (ip) => [0, 0, 0, 1, 0, 6, ...mac, ...etherType(ip)])],
      [
        'Linux SLL2',
        relink(frames, LinkType.linuxSll2, (ip) => [...etherType(ip), 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, ...mac]),
      ],
      // DLT_NULL in the capturing host's byte order: little-endian AF_INET (2) / AF_INET6 (Linux 10).
      [
        'null, little-endian',
        relink(frames, LinkType.null, (ip) => (ip === 4 ? [2, 0, 0, 0] : [10, 0, 0, 0])),
      ],
      // Big-endian host; AF_INET6 is 30 on macOS.
      ['null, big-endian', relink(frames, LinkType.null, (ip) => (ip === 4 ? [0, 0, 0, 2] : [0, 0, 0, 30]))],
      ['loop', relink(frames, LinkType.loop, (ip) => (ip === 4 ? [0, 0, 0, 2] : [0, 0, 0, 24]))],
    ];
    for (const [name, file] of files) {
      expect(readTcpStreams(file).length, name).toBe(2);
      expectSampleStreams(file, client, server);
    }
  });

  it('skips IPv6 extension headers before TCP', () => {
    const frames = sampleFrames(v6).map(({ timeUs, frame }) => {
      // Insert an 8-byte Hop-by-Hop Options header (next header TCP, PadN) after the IPv6 header.
      const out = concat(frame.subarray(0, 54), Uint8Array.of(6, 0, 1, 4, 0, 0, 0, 0), frame.subarray(54));
      const payloadLength = be16(out, 18) + 8;
      out[18] = payloadLength >> 8;
      out[19] = payloadLength & 0xff;
      out[20] = 0; // next header: Hop-by-Hop
      return { timeUs, frame: out };
    });
    expectSampleStreams(fileOf(frames), '2001:db8::1', '2001:db8::2');
  });

  it('skips frames that are not TCP over IP, cut short, or IPv4 fragments', () => {
    const frames = sampleFrames();
    const arp = concat(frames[0]!.frame.subarray(0, 12), Uint8Array.of(0x08, 0x06), payload(28));
    const cut = frames[3]!.frame.subarray(0, 30);
    const fragment = Uint8Array.from(frames[3]!.frame);
    fragment[20] = 0x20; // MF set
    const udp = Uint8Array.from(frames[3]!.frame);
    udp[23] = 17;
    const w = new PcapWriter();
    for (const junk of [arp, cut, fragment, udp, new Uint8Array(0)]) w.addPacket(999_999, junk);
    w.addFrames(frames);
    w.addPacket(2_000_000, Uint8Array.of(1, 2, 3));
    expect(readCapturePackets(w.bytes()).length).toBe(frames.length + 6);
    expectSampleStreams(w.bytes());
  });

  it('skips frames of a link type it does not read', () => {
    expect(readTcpStreams(relink(sampleFrames(), 147, () => []))).toStrictEqual([]);
  });
});

describe('TCP reassembly', () => {
  /** Client data of 35 bytes in segments of 10: [0,10) [10,20) [20,30) [30,35). */
  function segmented(mssBytes: number): { handshake: CapturedFrame[]; data: CapturedFrame[] } {
    const conv = new TcpConversation({ ...v4, mssBytes });
    const handshake = conv.open(0);
    return { handshake, data: conv.send('client', 0, payload(35, 9)) };
  }
  const at = (f: CapturedFrame | undefined, timeUs: number): CapturedFrame => ({ timeUs, frame: f!.frame });

  it('puts out-of-order segments back in order, delivering bytes when they become contiguous', () => {
    const { handshake, data } = segmented(10);
    const file = fileOf([...handshake, at(data[0], 10), at(data[2], 20), at(data[3], 30), at(data[1], 40)]);
    const [client] = readTcpStreams(file);
    expect(hex(streamBytes(client!))).toBe(hex(payload(35, 9)));
    expect(client?.chunks.map((c) => [c.timeUs, c.bytes.length])).toStrictEqual([
      [10, 10],
      [40, 10], // [10,20) arrived last
      [40, 10], // [20,30) had to wait for it
      [40, 5],
    ]);
  });

  it('drops duplicates and retransmissions, including ones that overlap differently', () => {
    const { handshake, data } = segmented(10);
    const { data: coarse } = segmented(15); // the same bytes cut [0,15) [15,30) [30,35)
    const file = fileOf([
      ...handshake,
      at(data[0], 10),
      at(data[0], 11), // exact duplicate
      at(coarse[0], 12), // overlaps [0,10), brings [10,15)
      at(data[1], 13), // overlaps, brings [15,20)
      at(coarse[1], 14), // brings [20,30)
      at(data[2], 15), // wholly old
      at(data[3], 16),
      at(coarse[2], 17), // wholly old
    ]);
    const [client] = readTcpStreams(file);
    expect(hex(streamBytes(client!))).toBe(hex(payload(35, 9)));
    expect(client?.chunks.map((c) => [c.timeUs, c.bytes.length])).toStrictEqual([
      [10, 10],
      [12, 5],
      [13, 5],
      [14, 10],
      [16, 5],
    ]);
  });

  it('stops a stream at a hole and reports it', () => {
    const { handshake, data } = segmented(10);
    const [client] = readTcpStreams(fileOf([...handshake, data[0]!, data[2]!, data[3]!]));
    expect(streamBytes(client!).length).toBe(10);
    expect(client?.gap).toStrictEqual({ atByte: 10, missingBytes: 10 });
  });

  it('treats bytes cut by the snaplen as missing', () => {
    const { handshake, data } = segmented(10);
    const w = new PcapWriter(LinkType.ethernet, 14 + 20 + 20 + 4); // keeps 4 payload bytes per segment
    w.addFrames([...handshake, ...data]);
    const [client] = readTcpStreams(w.bytes());
    expect(streamBytes(client!).length).toBe(4);
    expect(client?.gap).toStrictEqual({ atByte: 4, missingBytes: 6 });
  });

  it('starts from the lowest sequence number when the capture missed the handshake', () => {
    const { data } = segmented(10);
    const [client] = readTcpStreams(fileOf([at(data[1], 1), at(data[0], 2), at(data[2], 3), at(data[3], 4)]));
    expect(hex(streamBytes(client!))).toBe(hex(payload(35, 9)));
    expect(client?.firstTimeUs).toBe(1);
  });

  it('follows sequence numbers across 2^32', () => {
    const conv = new TcpConversation({ ...v4, isnClient: 0xffffffe0, mssBytes: 16 });
    const handshake = conv.open(0);
    const data = conv.send('client', 1, payload(100, 5));
    const file = fileOf([...handshake, ...data.slice(3), ...data.slice(0, 3)]);
    const [client] = readTcpStreams(file);
    expect(hex(streamBytes(client!))).toBe(hex(payload(100, 5)));
    expect(client?.gap).toBeUndefined();
  });

  it('starts a new stream when the same ports open a new connection', () => {
    const first = new TcpConversation(v4);
    const second = new TcpConversation({ ...v4, isnClient: 5555, isnServer: 6666 });
    const file = fileOf([
      ...first.open(0),
      ...first.send('client', 1, payload(3, 1)),
      ...first.close(2),
      ...second.open(3),
      ...second.send('client', 4, payload(3, 2)),
    ]);
    const streams = readTcpStreams(file);
    expect(streams.map((s) => [s.srcPort, s.firstTimeUs, hex(streamBytes(s))])).toStrictEqual([
      [50000, 0, hex(payload(3, 1))],
      [4189, 0, ''],
      [50000, 3, hex(payload(3, 2))],
      [4189, 3, ''],
    ]);
  });

  it('keeps only flows on the PCEP port unless told otherwise', () => {
    const pcep = new TcpConversation(v4);
    const web = new TcpConversation({ ...v4, clientPort: 50002, serverPort: 80 });
    const file = fileOf([...pcep.send('client', 0, payload(5)), ...web.send('client', 1, payload(6))]);
    expect(readTcpStreams(file).map((s) => s.dstPort)).toStrictEqual([4189]);
    expect(readTcpStreams(file, { ports: [80] }).map((s) => s.dstPort)).toStrictEqual([80]);
    expect(readTcpStreams(file, { allPorts: true }).map((s) => s.dstPort)).toStrictEqual([4189, 80]);
  });
});

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('malformed captures raise PcapError', () => {
  const classic = fileOf(sampleFrames());
  const ng = parseHex(pcapngLittleEndian);

  it.each([
    ['empty file', new Uint8Array(0), 0],
    ['bad magic', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 0],
    ['truncated pcap file header', classic.subarray(0, 23), 0],
    ['truncated record header', classic.subarray(0, 24 + 10), 24],
    ['truncated record data', classic.subarray(0, 24 + 16 + 5), 24],
    ['pcap version 1', Uint8Array.from([...classic.subarray(0, 4), 1, 0, ...classic.subarray(6)]), 4],
    ['truncated pcapng block header', ng.subarray(0, 8), 0],
    [
      'bad pcapng byte-order magic',
      Uint8Array.from([...ng.subarray(0, 8), 0, 0, 0, 0, ...ng.subarray(12)]),
      8,
    ],
    [
      'pcapng block length not a multiple of 4',
      Uint8Array.from([...ng.subarray(0, 4), 29, ...ng.subarray(5)]),
      4,
    ],
    ['pcapng block length under 12', Uint8Array.from([...ng.subarray(0, 4), 8, ...ng.subarray(5)]), 4],
    ['truncated pcapng block', ng.subarray(0, 28 + 20), 28],
    ['pcapng trailing length mismatch', Uint8Array.from([...ng.subarray(0, 24), 32, ...ng.subarray(25)]), 24],
  ] as const)('%s', (_name, file, offset) => {
    const err = caught(() => readTcpStreams(file));
    expect(err).toBeInstanceOf(PcapError);
    expect((err as PcapError).offset).toBe(offset);
    expect((err as PcapError).reason.length).toBeGreaterThan(0);
  });

  it('every cut of a file either reads (at a record boundary) or raises PcapError', () => {
    for (const file of [classic, ng]) {
      for (let n = 0; n < file.length; n++) {
        const err = caught(() => readTcpStreams(file.subarray(0, n)));
        if (err !== undefined) expect(err).toBeInstanceOf(PcapError);
      }
    }
  });

  it('mutated bytes never raise anything but PcapError', () => {
    const bases = [
      classic,
      ng,
      parseHex(pcapngBigEndian),
      reencodeClassic(classic, true, true),
      relink(sampleFrames(v6), LinkType.linuxSll2, () => [0x86, 0xdd, ...new Array<number>(18).fill(0)]),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (base, edits, cut) => {
          const file = Uint8Array.from(base);
          for (const [pos, byte] of edits) file[pos % file.length] = byte;
          const input = file.subarray(0, file.length - (cut % 8));
          const err = caught(() => readTcpStreams(input, { allPorts: true }));
          return err === undefined || err instanceof PcapError;
        },
      ),
      { seed, numRuns: 2000 },
    );
  });
});
