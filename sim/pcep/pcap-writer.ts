/**
 * Capture files of simulated PCEP sessions, for Wireshark and tshark.
 *
 * {@link PcapWriter} writes the classic libpcap format (little-endian, magic 0xa1b2c3d4,
 * microsecond timestamps, version 2.4, snaplen 262144, LINKTYPE_ETHERNET). Above it,
 * {@link TcpConversation} models one TCP connection and produces Ethernet II / IPv4 (or IPv6) /
 * TCP frames with correct checksums and sequence numbers, so that Wireshark reassembles PCEP
 * messages that span segments exactly as it would for a live session. Everything is a pure
 * function of the calls made: the same calls give the same bytes, and every timestamp is the
 * caller's simulated time.
 *
 * File header (24 bytes) and record header (16 bytes), each field in the file's byte order:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Magic Number (0xa1b2c3d4)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Major Version (2)         |      Minor Version (4)        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Reserved1 (thiszone, 0)                      |
 *  |                  Reserved2 (sigfigs, 0)                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          SnapLen                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  LinkType (1 = Ethernet)                      |
 *  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *  |                Timestamp (seconds)                            |
 *  |                Timestamp (microseconds)                       |
 *  |                Captured Packet Length                         |
 *  |                Original Packet Length                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  /                Packet Data (Captured Packet Length bytes)     /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { parseIpv4, parseIpv6 } from './address.ts';
import { PcepEncodeError } from './errors.ts';
import { ByteWriter } from './wire.ts';

/** The classic pcap magic number for microsecond timestamps. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
/** The classic pcap magic number for nanosecond timestamps. */
export const PCAP_MAGIC_NS = 0xa1b23c4d;
/** Largest packet a capture written here records in full (the tcpdump default). */
export const PCAP_SNAPLEN_BYTES = 262144;
/** The IANA-registered PCEP port (RFC 5440 §10.1). */
export const PCEP_TCP_PORT = 4189;

/** LINKTYPE_* values of the tcpdump.org link-layer header registry that pcelab reads or writes. */
export const LinkType = {
  null: 0,
  ethernet: 1,
  raw: 101,
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

const RECORD_HEADER_BYTES = 16;

/** One frame and the simulated time it was seen. */
export interface CapturedFrame {
  /** Simulated time in microseconds. */
  timeUs: number;
  frame: Uint8Array;
}

function checkTimeUs(timeUs: number, field: string): number {
  if (!Number.isSafeInteger(timeUs) || timeUs < 0) {
    throw new PcepEncodeError('must be a non-negative integer number of microseconds', field, timeUs);
  }
  // The record header holds whole seconds in 32 bits.
  if (Math.floor(timeUs / 1_000_000) > 0xffffffff) {
    throw new PcepEncodeError('is past the 32-bit seconds of a pcap timestamp', field, timeUs);
  }
  return timeUs;
}

/**
 * A classic libpcap file being written in memory. Frames longer than the snaplen are cut to it
 * (the record keeps the original length, as libpcap does).
 */
export class PcapWriter {
  // pcap headers are written little-endian (the writer's byte order, read by every tool).
  private readonly out = new ByteWriter(4096);
  private readonly snaplenBytes: number;
  private packets = 0;

  /**
   * @param linkType a LINKTYPE_* value for every frame (default Ethernet).
   * @param snaplenBytes the largest frame recorded in full (default 262,144).
   */
  constructor(linkType: number = LinkType.ethernet, snaplenBytes: number = PCAP_SNAPLEN_BYTES) {
    if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
      throw new PcepEncodeError('must be a 16-bit LINKTYPE value', 'linkType', linkType);
    }
    if (!Number.isInteger(snaplenBytes) || snaplenBytes < 1 || snaplenBytes > 0x7fffffff) {
      throw new PcepEncodeError('must be a positive 31-bit integer', 'snaplenBytes', snaplenBytes);
    }
    this.snaplenBytes = snaplenBytes;
    const o = this.out;
    o.u32le(PCAP_MAGIC_US);
    o.u16le(2);
    o.u16le(4);
    o.u32le(0); // thiszone: timestamps are UTC
    o.u32le(0); // sigfigs
    o.u32le(snaplenBytes);
    o.u32le(linkType);
  }

  /** Number of records written so far. */
  get packetCount(): number {
    return this.packets;
  }

  /** Appends one frame seen at simulated time `timeUs` (integer microseconds). Throws PcepEncodeError. */
  addPacket(timeUs: number, frame: Uint8Array): void {
    checkTimeUs(timeUs, 'timeUs');
    if (!(frame instanceof Uint8Array)) throw new PcepEncodeError('must be a Uint8Array', 'frame', frame);
    const captured = frame.length > this.snaplenBytes ? this.snaplenBytes : frame.length;
    const o = this.out;
    o.ensure(RECORD_HEADER_BYTES + captured);
    o.u32le(Math.floor(timeUs / 1_000_000));
    o.u32le(timeUs % 1_000_000);
    o.u32le(captured);
    o.u32le(frame.length);
    o.bytes(captured === frame.length ? frame : frame.subarray(0, captured));
    this.packets++;
  }

  /** Appends frames in order. */
  addFrames(frames: readonly CapturedFrame[]): void {
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i] as CapturedFrame;
      this.addPacket(f.timeUs, f.frame);
    }
  }

  /** A copy of the file written so far. */
  bytes(): Uint8Array {
    return this.out.buf.slice(0, this.out.pos); // a file-sized copy: not from the small-array pool
  }
}

/** Adds the 16-bit big-endian words of `b[start, end)` to the Internet checksum sum `acc` (RFC 1071). */
function sum16(b: Uint8Array, start: number, end: number, acc: number): number {
  let i = start;
  for (; i + 1 < end; i += 2) {
    acc += ((b[i] as number) << 8) | (b[i + 1] as number);
    // Fold the carries in as they build up so the sum stays within 32 bits for any length.
    if (acc > 0xffffff) acc = (acc & 0xffff) + (acc >>> 16);
  }
  if (i < end) acc += (b[i] as number) << 8; // an odd last byte is padded with a zero
  return (acc & 0xffff) + (acc >>> 16);
}

function fold(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + (acc >>> 16);
  return ~acc & 0xffff;
}

const ETHERNET_HEADER_BYTES = 14;
const IPV4_HEADER_BYTES = 20;
const IPV6_HEADER_BYTES = 40;
const TCP_HEADER_BYTES = 20;
const TCP_MSS_OPTION_BYTES = 4;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const IPPROTO_TCP = 6;
const TTL = 64;
const WINDOW = 65535;
const MAX_MSS_BYTES = 0xffff - IPV4_HEADER_BYTES - TCP_HEADER_BYTES;

/** TCP flag bits (RFC 9293 §3.1). */
export const TcpFlag = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const;

export type TcpSide = 'client' | 'server';

export interface TcpConversationOptions {
  /** Dotted quad or IPv6 text; both ends use the same family. */
  clientIp: string;
  serverIp: string;
  clientPort: number;
  /** Default 4189 (PCEP). */
  serverPort?: number;
  /** `aa:bb:cc:dd:ee:ff`; default 02:00:00:00:00:01 (locally administered). */
  clientMac?: string;
  /** Default 02:00:00:00:00:02. */
  serverMac?: string;
  /** Largest TCP payload per segment, announced in the SYN's MSS option. Default 1460. */
  mssBytes?: number;
  /** Initial sequence numbers (32-bit). */
  isnClient: number;
  isnServer: number;
}

interface Endpoint {
  ip: Uint8Array;
  mac: Uint8Array;
  port: number;
  /** Next sequence number this side sends (SND.NXT), modulo 2^32. */
  nextSeq: number;
  /** IP Identification of this side's next IPv4 datagram. */
  ipId: number;
}

function parseMac(text: string, field: string): Uint8Array {
  const parts = typeof text === 'string' ? text.split(':') : [];
  const out = new Uint8Array(6);
  if (parts.length !== 6) throw new PcepEncodeError('must be a MAC address aa:bb:cc:dd:ee:ff', field, text);
  for (let i = 0; i < 6; i++) {
    const p = parts[i] as string;
    const v = /^[0-9a-fA-F]{2}$/.test(p) ? parseInt(p, 16) : -1;
    if (v < 0) throw new PcepEncodeError('must be a MAC address aa:bb:cc:dd:ee:ff', field, text);
    out[i] = v;
  }
  return out;
}

function parseIp(text: string, field: string): Uint8Array {
  const v4 = typeof text === 'string' ? parseIpv4(text) : -1;
  if (v4 >= 0) return new Uint8Array([v4 >>> 24, (v4 >>> 16) & 0xff, (v4 >>> 8) & 0xff, v4 & 0xff]);
  const v6 = parseIpv6(text);
  if (v6 === undefined) throw new PcepEncodeError('must be an IPv4 or IPv6 address', field, text);
  return v6;
}

function checkPort(port: number, field: string): number {
  if (!Number.isInteger(port) || port < 1 || port > 0xffff) {
    throw new PcepEncodeError('must be a TCP port 1..65535', field, port);
  }
  return port;
}

function checkU32(v: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
    throw new PcepEncodeError('must be 0..2^32-1', field, v);
  return v;
}

/**
 * One TCP connection between a client (the PCC, usually) and a server on port 4189, turned into
 * Ethernet frames. It models a loss-free network: each side acknowledges everything the other
 * has sent so far, so every data segment carries ACK = the peer's next sequence number. IPv4
 * datagrams have DF set, TTL 64 and an Identification that counts up per direction; IPv6
 * packets have hop limit 64 and no extension headers. The window is 65,535 (no scaling).
 */
export class TcpConversation {
  private readonly client: Endpoint;
  private readonly server: Endpoint;
  private readonly ipv6: boolean;
  private readonly mssBytes: number;
  private state: 'fresh' | 'open' | 'closed' = 'fresh';

  /** Throws PcepEncodeError for an address, port, MAC, MSS or ISN that cannot be used. */
  constructor(opts: TcpConversationOptions) {
    const clientIp = parseIp(opts.clientIp, 'clientIp');
    const serverIp = parseIp(opts.serverIp, 'serverIp');
    if (clientIp.length !== serverIp.length) {
      throw new PcepEncodeError('must be of the same family as clientIp', 'serverIp', opts.serverIp);
    }
    this.ipv6 = clientIp.length === 16;
    const mss = opts.mssBytes ?? 1460;
    // A segment must fit one IP datagram: 65,535 bytes less the IPv4 and TCP headers.
    if (!Number.isInteger(mss) || mss < 1 || mss > MAX_MSS_BYTES) {
      throw new PcepEncodeError(`must be 1..${MAX_MSS_BYTES}`, 'mssBytes', mss);
    }
    this.mssBytes = mss;
    this.client = {
      ip: clientIp,
      mac: parseMac(opts.clientMac ?? '02:00:00:00:00:01', 'clientMac'),
      port: checkPort(opts.clientPort, 'clientPort'),
      nextSeq: checkU32(opts.isnClient, 'isnClient'),
      ipId: 0,
    };
    this.server = {
      ip: serverIp,
      mac: parseMac(opts.serverMac ?? '02:00:00:00:00:02', 'serverMac'),
      port: checkPort(opts.serverPort ?? PCEP_TCP_PORT, 'serverPort'),
      nextSeq: checkU32(opts.isnServer, 'isnServer'),
      ipId: 0,
    };
  }

  /** The three-way handshake at `timeUs`: SYN, SYN-ACK, ACK (each SYN announces the MSS). */
  open(timeUs: number): CapturedFrame[] {
    checkTimeUs(timeUs, 'timeUs');
    if (this.state !== 'fresh')
      throw new PcepEncodeError('the conversation is already open', 'open', this.state);
    this.state = 'open';
    const c = this.client;
    const s = this.server;
    const syn = this.segment(c, s, timeUs, TcpFlag.syn, 0, undefined, 0, 0);
    c.nextSeq = (c.nextSeq + 1) >>> 0; // RFC 9293 §3.4: the SYN occupies one sequence number
    const synAck = this.segment(s, c, timeUs, TcpFlag.syn | TcpFlag.ack, c.nextSeq, undefined, 0, 0);
    s.nextSeq = (s.nextSeq + 1) >>> 0;
    const ack = this.segment(c, s, timeUs, TcpFlag.ack, s.nextSeq, undefined, 0, 0);
    return [syn, synAck, ack];
  }

  /**
   * `payload` from one side at `timeUs`, cut into segments of at most the MSS; the last carries
   * PSH. An empty payload gives no frames. Throws PcepEncodeError after {@link close}.
   */
  send(from: TcpSide, timeUs: number, payload: Uint8Array): CapturedFrame[] {
    checkTimeUs(timeUs, 'timeUs');
    if (this.state === 'closed') throw new PcepEncodeError('the conversation is closed', 'send', from);
    if (!(payload instanceof Uint8Array))
      throw new PcepEncodeError('must be a Uint8Array', 'payload', payload);
    const [src, dst] = this.sides(from);
    const frames: CapturedFrame[] = [];
    for (let at = 0; at < payload.length; at += this.mssBytes) {
      const end = Math.min(at + this.mssBytes, payload.length);
      const flags = end === payload.length ? TcpFlag.ack | TcpFlag.psh : TcpFlag.ack;
      frames.push(this.segment(src, dst, timeUs, flags, dst.nextSeq, payload, at, end));
      src.nextSeq = (src.nextSeq + (end - at)) >>> 0;
    }
    return frames;
  }

  /** A bare ACK from one side for everything the other has sent. */
  ack(from: TcpSide, timeUs: number): CapturedFrame {
    checkTimeUs(timeUs, 'timeUs');
    const [src, dst] = this.sides(from);
    return this.segment(src, dst, timeUs, TcpFlag.ack, dst.nextSeq, undefined, 0, 0);
  }

  /** The orderly release at `timeUs`: FIN-ACK from `from`, FIN-ACK back, final ACK. */
  close(timeUs: number, from: TcpSide = 'client'): CapturedFrame[] {
    checkTimeUs(timeUs, 'timeUs');
    if (this.state === 'closed')
      throw new PcepEncodeError('the conversation is already closed', 'close', from);
    this.state = 'closed';
    const [a, b] = this.sides(from);
    const fin1 = this.segment(a, b, timeUs, TcpFlag.fin | TcpFlag.ack, b.nextSeq, undefined, 0, 0);
    a.nextSeq = (a.nextSeq + 1) >>> 0; // RFC 9293 §3.4: the FIN occupies one sequence number
    const fin2 = this.segment(b, a, timeUs, TcpFlag.fin | TcpFlag.ack, a.nextSeq, undefined, 0, 0);
    b.nextSeq = (b.nextSeq + 1) >>> 0;
    const last = this.segment(a, b, timeUs, TcpFlag.ack, b.nextSeq, undefined, 0, 0);
    return [fin1, fin2, last];
  }

  private sides(from: TcpSide): [Endpoint, Endpoint] {
    if (from === 'client') return [this.client, this.server];
    if (from === 'server') return [this.server, this.client];
    throw new PcepEncodeError("must be 'client' or 'server'", 'from', from);
  }

  /** One Ethernet frame carrying `payload[at, end)` from `src` with sequence number src.nextSeq. */
  private segment(
    src: Endpoint,
    dst: Endpoint,
    timeUs: number,
    flags: number,
    ackNumber: number,
    payload: Uint8Array | undefined,
    at: number,
    end: number,
  ): CapturedFrame {
    const dataBytes = end - at;
    const optionBytes = (flags & TcpFlag.syn) !== 0 ? TCP_MSS_OPTION_BYTES : 0;
    const tcpBytes = TCP_HEADER_BYTES + optionBytes + dataBytes;
    const ipHeaderBytes = this.ipv6 ? IPV6_HEADER_BYTES : IPV4_HEADER_BYTES;
    const f = new Uint8Array(ETHERNET_HEADER_BYTES + ipHeaderBytes + tcpBytes);

    // Ethernet II: destination, source, EtherType.
    f.set(dst.mac, 0);
    f.set(src.mac, 6);
    const etherType = this.ipv6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    f[12] = etherType >>> 8;
    f[13] = etherType & 0xff;

    const ip = ETHERNET_HEADER_BYTES;
    if (this.ipv6) {
      // RFC 8200 §3: version 6, traffic class 0, flow label 0.
      f[ip] = 0x60;
      f[ip + 4] = tcpBytes >>> 8;
      f[ip + 5] = tcpBytes & 0xff;
      f[ip + 6] = IPPROTO_TCP;
      f[ip + 7] = TTL;
      f.set(src.ip, ip + 8);
      f.set(dst.ip, ip + 24);
    } else {
      // RFC 791 §3.1: version 4, IHL 5, TOS 0.
      const total = IPV4_HEADER_BYTES + tcpBytes;
      f[ip] = 0x45;
      f[ip + 2] = total >>> 8;
      f[ip + 3] = total & 0xff;
      f[ip + 4] = src.ipId >>> 8;
      f[ip + 5] = src.ipId & 0xff;
      src.ipId = (src.ipId + 1) & 0xffff;
      f[ip + 6] = 0x40; // DF, fragment offset 0
      f[ip + 8] = TTL;
      f[ip + 9] = IPPROTO_TCP;
      f.set(src.ip, ip + 12);
      f.set(dst.ip, ip + 16);
      const c = fold(sum16(f, ip, ip + IPV4_HEADER_BYTES, 0));
      f[ip + 10] = c >>> 8;
      f[ip + 11] = c & 0xff;
    }

    const t = ip + ipHeaderBytes;
    f[t] = src.port >>> 8;
    f[t + 1] = src.port & 0xff;
    f[t + 2] = dst.port >>> 8;
    f[t + 3] = dst.port & 0xff;
    writeU32(f, t + 4, src.nextSeq);
    writeU32(f, t + 8, (flags & TcpFlag.ack) !== 0 ? ackNumber : 0);
    f[t + 12] = ((TCP_HEADER_BYTES + optionBytes) / 4) << 4;
    f[t + 13] = flags;
    f[t + 14] = WINDOW >>> 8;
    f[t + 15] = WINDOW & 0xff;
    if (optionBytes !== 0) {
      // RFC 9293 §3.7.1: Maximum Segment Size option, kind 2, length 4.
      f[t + 20] = 2;
      f[t + 21] = 4;
      f[t + 22] = this.mssBytes >>> 8;
      f[t + 23] = this.mssBytes & 0xff;
    }
    if (payload !== undefined && dataBytes > 0)
      f.set(payload.subarray(at, end), t + TCP_HEADER_BYTES + optionBytes);

    // RFC 9293 §3.1: the checksum covers a pseudo-header (addresses, protocol, TCP length),
    // RFC 8200 §8.1 for IPv6 (32-bit upper-layer length).
    let acc = sum16(src.ip, 0, src.ip.length, 0);
    acc = sum16(dst.ip, 0, dst.ip.length, acc);
    acc += IPPROTO_TCP + (tcpBytes >>> 16) + (tcpBytes & 0xffff);
    const c = fold(sum16(f, t, f.length, acc));
    f[t + 16] = c >>> 8;
    f[t + 17] = c & 0xff;
    return { timeUs, frame: f };
  }
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/** One PCEP message (or any payload) and the side and time it is sent. */
export interface CaptureMessage {
  from: TcpSide;
  /** Simulated time in microseconds. */
  timeUs: number;
  bytes: Uint8Array;
}

export interface PcapFromMessagesOptions extends Partial<TcpConversationOptions> {
  /** When the handshake happens; default the first message's time (or 0). */
  openTimeUs?: number;
  /** When the FIN exchange happens; default the last message's time (or the open time). */
  closeTimeUs?: number;
  /** Which side sends the first FIN; default 'client'. */
  closeFrom?: TcpSide;
  /** Added to every timestamp, e.g. to date a capture; default 0 (1970-01-01T00:00:00Z). */
  epochUs?: number;
}

/**
 * A complete capture of one PCEP session: handshake, each message in its own send (split at the
 * MSS, so a large message spans segments Wireshark must reassemble), then the FIN exchange.
 * Defaults: client 192.0.2.1:40000, server 192.0.2.2:4189 (RFC 5737 documentation addresses),
 * ISNs 1000 and 2000. Throws PcepEncodeError for an unusable option or message.
 */
export function pcapFromMessages(
  messages: readonly CaptureMessage[],
  opts: PcapFromMessagesOptions = {},
): Uint8Array {
  const epochUs = opts.epochUs ?? 0;
  checkTimeUs(epochUs, 'epochUs');
  const conv = new TcpConversation({
    clientIp: opts.clientIp ?? '192.0.2.1',
    serverIp: opts.serverIp ?? '192.0.2.2',
    clientPort: opts.clientPort ?? 40000,
    serverPort: opts.serverPort ?? PCEP_TCP_PORT,
    ...(opts.clientMac !== undefined ? { clientMac: opts.clientMac } : {}),
    ...(opts.serverMac !== undefined ? { serverMac: opts.serverMac } : {}),
    mssBytes: opts.mssBytes ?? 1460,
    isnClient: opts.isnClient ?? 1000,
    isnServer: opts.isnServer ?? 2000,
  });
  const w = new PcapWriter();
  const first = messages[0];
  const last = messages[messages.length - 1];
  const openTimeUs = opts.openTimeUs ?? first?.timeUs ?? 0;
  const closeTimeUs = opts.closeTimeUs ?? last?.timeUs ?? openTimeUs;
  w.addFrames(conv.open(epochUs + openTimeUs));
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as CaptureMessage;
    if (m === null || typeof m !== 'object')
      throw new PcepEncodeError('must be a message', `messages[${i}]`, m);
    checkTimeUs(m.timeUs, `messages[${i}].timeUs`);
    w.addFrames(conv.send(m.from, epochUs + m.timeUs, m.bytes));
  }
  w.addFrames(conv.close(epochUs + closeTimeUs, opts.closeFrom ?? 'client'));
  return w.bytes();
}
