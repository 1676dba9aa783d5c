/**
 * Reading PCEP sessions back out of capture files: classic libpcap (either byte order,
 * microsecond or nanosecond magic) and pcapng, then IPv4/IPv6 and TCP, then one reassembled
 * byte stream per TCP direction, ready for the PCEP framer.
 *
 * pcapng block layout (draft-ietf-opsawg-pcapng §3.1), in the section's byte order:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Block Type                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Block Total Length                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  /                          Block Body                           /
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Block Total Length                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Blocks read: Section Header (0x0A0D0D0A; body: byte-order magic 0x1A2B3C4D, version 1.0,
 * section length, options), Interface Description (1; link type, snaplen, options if_tsresol
 * and if_tsoffset), Enhanced Packet (6; interface, 64-bit timestamp, captured and original
 * length, data), Simple Packet (3; original length, data; no timestamp) and the obsolete
 * Packet Block (2). Other blocks are skipped.
 *
 * A malformed file (bad magic, truncated record or block, bad block length, a packet naming an
 * interface that was not described) raises {@link PcapError}; nothing else is thrown. A packet
 * that is not TCP over IPv4/IPv6, or whose network headers are cut or ill-formed, is skipped:
 * such packets are ordinary in real captures and are no reason to refuse the file.
 */
import { readIpv4, readIpv6 } from './address.ts';
import { LinkType, PCAP_MAGIC_NS, PCAP_MAGIC_US, PCEP_TCP_PORT } from './pcap-writer.ts';

/** A capture file that cannot be read. */
export class PcapError extends Error {
  override readonly name = 'PcapError';
  /** What is wrong, in one line. */
  readonly reason: string;
  /** Byte offset in the file of the header, record or block at fault. */
  readonly offset: number;

  constructor(reason: string, offset: number) {
    super(`offset ${offset}: ${reason}`);
    this.reason = reason;
    this.offset = offset;
  }
}

/** One captured frame. */
export interface CapturePacket {
  /** Capture time in microseconds since the epoch (nanoseconds are truncated). */
  timeUs: number;
  /** LINKTYPE_* of the frame (see {@link LinkType}). */
  linkType: number;
  /** The captured bytes: a view into the file, not a copy. */
  data: Uint8Array;
  /** Length of the frame on the wire (more than data.length when the snaplen cut it). */
  originalBytes: number;
  /** Offset in the file of the record or block holding the frame. */
  fileOffset: number;
}

const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const PCAPNG_IDB = 1;
const PCAPNG_OPB = 2;
const PCAPNG_SPB = 3;
const PCAPNG_EPB = 6;
const PCAP_FILE_HEADER_BYTES = 24;
const PCAP_RECORD_HEADER_BYTES = 16;

function u16(b: Uint8Array, at: number, le: boolean): number {
  return le
    ? (b[at] as number) | ((b[at + 1] as number) << 8)
    : ((b[at] as number) << 8) | (b[at + 1] as number);
}

function u32(b: Uint8Array, at: number, le: boolean): number {
  return le
    ? ((b[at] as number) |
        ((b[at + 1] as number) << 8) |
        ((b[at + 2] as number) << 16) |
        ((b[at + 3] as number) << 24)) >>>
        0
    : (((b[at] as number) << 24) |
        ((b[at + 1] as number) << 16) |
        ((b[at + 2] as number) << 8) |
        (b[at + 3] as number)) >>>
        0;
}

/**
 * Every frame of a classic pcap or pcapng file, in file order. Throws {@link PcapError} for a
 * file that is not a capture or is cut short or inconsistent.
 */
export function readCapturePackets(file: Uint8Array): CapturePacket[] {
  if (file.length < 4) throw new PcapError('file too short for a capture magic number', 0);
  const magic = u32(file, 0, true);
  if (magic === PCAPNG_SHB) return readPcapng(file);
  if (magic === PCAP_MAGIC_US) return readPcap(file, true, false);
  if (magic === PCAP_MAGIC_NS) return readPcap(file, true, true);
  const swapped = u32(file, 0, false);
  if (swapped === PCAP_MAGIC_US) return readPcap(file, false, false);
  if (swapped === PCAP_MAGIC_NS) return readPcap(file, false, true);
  throw new PcapError(`not a pcap or pcapng file (magic 0x${swapped.toString(16).padStart(8, '0')})`, 0);
}

function readPcap(file: Uint8Array, le: boolean, nanos: boolean): CapturePacket[] {
  if (file.length < PCAP_FILE_HEADER_BYTES) throw new PcapError('truncated pcap file header', 0);
  const major = u16(file, 4, le);
  if (major !== 2) throw new PcapError(`unsupported pcap version ${major}.${u16(file, 6, le)}`, 4);
  // The low 16 bits are the link type; the high bits may carry FCS information, which needs
  // no handling here because IP lengths bound every packet.
  const linkType = u32(file, 20, le) & 0xffff;
  const packets: CapturePacket[] = [];
  let at = PCAP_FILE_HEADER_BYTES;
  while (at < file.length) {
    if (file.length - at < PCAP_RECORD_HEADER_BYTES) throw new PcapError('truncated record header', at);
    const seconds = u32(file, at, le);
    const fraction = u32(file, at + 4, le);
    const captured = u32(file, at + 8, le);
    const original = u32(file, at + 12, le);
    const dataAt = at + PCAP_RECORD_HEADER_BYTES;
    if (captured > file.length - dataAt) {
      throw new PcapError(`truncated record: ${captured} bytes announced, ${file.length - dataAt} left`, at);
    }
    packets.push({
      timeUs: seconds * 1_000_000 + (nanos ? Math.floor(fraction / 1000) : fraction),
      linkType,
      data: file.subarray(dataAt, dataAt + captured),
      originalBytes: original,
      fileOffset: at,
    });
    at = dataAt + captured;
  }
  return packets;
}

interface Interface {
  linkType: number;
  snaplenBytes: number;
  /** Timestamp units per second (if_tsresol); 1,000,000 unless told otherwise. */
  unitsPerS: bigint;
  /** if_tsoffset in seconds. */
  offsetS: bigint;
}

function readPcapng(file: Uint8Array): CapturePacket[] {
  const packets: CapturePacket[] = [];
  let interfaces: Interface[] = [];
  let le = true;
  let lastTimeUs = 0;
  let at = 0;
  while (at < file.length) {
    if (file.length - at < 12) throw new PcapError('truncated block header', at);
    const type = u32(file, at, le);
    if (type === PCAPNG_SHB) {
      // The Section Header's byte-order magic sets the byte order of everything up to the next.
      const bom = u32(file, at + 8, true);
      if (bom === PCAPNG_BYTE_ORDER_MAGIC) le = true;
      else if (u32(file, at + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) le = false;
      else throw new PcapError('bad pcapng byte-order magic', at + 8);
      interfaces = [];
    } else if (at === 0) {
      throw new PcapError('a pcapng file must start with a Section Header Block', 0);
    }
    const total = u32(file, at + 4, le);
    if (total < 12 || total % 4 !== 0) throw new PcapError(`bad block length ${total}`, at + 4);
    if (total > file.length - at) {
      throw new PcapError(`truncated block: ${total} bytes announced, ${file.length - at} left`, at);
    }
    if (u32(file, at + total - 4, le) !== total) {
      throw new PcapError('block trailing length does not match its leading length', at + total - 4);
    }
    const body = at + 8;
    const bodyEnd = at + total - 4;
    if (type === PCAPNG_SHB) {
      if (bodyEnd - body < 16) throw new PcapError('Section Header Block too short', at);
      const major = u16(file, body + 4, le);
      if (major !== 1)
        throw new PcapError(`unsupported pcapng version ${major}.${u16(file, body + 6, le)}`, body + 4);
    } else if (type === PCAPNG_IDB) {
      if (bodyEnd - body < 8) throw new PcapError('Interface Description Block too short', at);
      interfaces.push(readInterface(file, body, bodyEnd, le));
    } else if (type === PCAPNG_EPB || type === PCAPNG_OPB) {
      if (bodyEnd - body < 20) throw new PcapError('packet block too short', at);
      const ifIndex = type === PCAPNG_EPB ? u32(file, body, le) : u16(file, body, le);
      const iface = interfaces[ifIndex];
      if (iface === undefined) throw new PcapError(`packet names undescribed interface ${ifIndex}`, body);
      const captured = u32(file, body + 12, le);
      if (captured > bodyEnd - body - 20) {
        throw new PcapError(`captured length ${captured} overruns its block`, body + 12);
      }
      lastTimeUs = timestampUs(u32(file, body + 4, le), u32(file, body + 8, le), iface);
      packets.push({
        timeUs: lastTimeUs,
        linkType: iface.linkType,
        data: file.subarray(body + 20, body + 20 + captured),
        originalBytes: u32(file, body + 16, le),
        fileOffset: at,
      });
    } else if (type === PCAPNG_SPB) {
      if (bodyEnd - body < 4) throw new PcapError('Simple Packet Block too short', at);
      const iface = interfaces[0];
      if (iface === undefined) throw new PcapError('Simple Packet Block before any interface', at);
      const original = u32(file, body, le);
      // The captured length is implied: the original length cut to the snaplen and the block.
      let captured = bodyEnd - body - 4;
      if (original < captured) captured = original;
      if (iface.snaplenBytes !== 0 && iface.snaplenBytes < captured) captured = iface.snaplenBytes;
      packets.push({
        // A Simple Packet Block has no timestamp: it is taken to follow the previous packet.
        timeUs: lastTimeUs,
        linkType: iface.linkType,
        data: file.subarray(body + 4, body + 4 + captured),
        originalBytes: original,
        fileOffset: at,
      });
    }
    at += total;
  }
  return packets;
}

function readInterface(file: Uint8Array, body: number, bodyEnd: number, le: boolean): Interface {
  const iface: Interface = {
    linkType: u16(file, body, le),
    snaplenBytes: u32(file, body + 4, le),
    unitsPerS: 1_000_000n,
    offsetS: 0n,
  };
  let at = body + 8;
  while (at < bodyEnd) {
    if (bodyEnd - at < 4) throw new PcapError('truncated interface option', at);
    const code = u16(file, at, le);
    const length = u16(file, at + 2, le);
    if (code === 0) break; // opt_endofopt
    const value = at + 4;
    if (length > bodyEnd - value) throw new PcapError(`option ${code} overruns its block`, at);
    if (code === 9 && length >= 1) {
      // if_tsresol: high bit clear, 10^-n seconds; set, 2^-n seconds.
      const r = file[value] as number;
      iface.unitsPerS = (r & 0x80) === 0 ? 10n ** BigInt(r) : 1n << BigInt(r & 0x7f);
    } else if (code === 14 && length >= 8) {
      // if_tsoffset: signed 64-bit seconds added to every timestamp.
      const hi = u32(file, le ? value + 4 : value, le);
      const lo = u32(file, le ? value : value + 4, le);
      iface.offsetS = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
    }
    at = value + ((length + 3) & ~3);
  }
  return iface;
}

function timestampUs(high: number, low: number, iface: Interface): number {
  if (iface.unitsPerS === 1_000_000n && iface.offsetS === 0n) return high * 4294967296 + low;
  const units = (BigInt(high) << 32n) | BigInt(low);
  return Number((units * 1_000_000n) / iface.unitsPerS + iface.offsetS * 1_000_000n);
}

/** One direction of a TCP connection, reassembled. */
export interface TcpStream {
  /** Sender address (dotted quad or RFC 5952 text). */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Time of the first packet seen in this direction, microseconds. */
  firstTimeUs: number;
  /**
   * The byte stream in order, one chunk per contributing segment. A chunk's time is when its
   * bytes became deliverable: its segment's arrival, or later if an earlier gap filled later.
   */
  chunks: { timeUs: number; bytes: Uint8Array }[];
  /** Present when bytes are missing: the stream stops at `atByte` (bytes delivered before it). */
  gap?: { atByte: number; missingBytes: number };
}

export interface ReadTcpStreamsOptions {
  /** Keep flows with one of these ports on either side; default [4189]. */
  ports?: readonly number[];
  /** Keep every TCP flow (ports is then ignored). */
  allPorts?: boolean;
}

interface Segment {
  /** Unwrapped sequence number of the first payload byte, relative to the first one seen. */
  rel: number;
  timeUs: number;
  payload: Uint8Array;
}

interface StreamBuilder {
  stream: TcpStream;
  hasRef: boolean;
  lastRaw: number;
  lastRel: number;
  /** Raw ISN and unwrapped sequence number of the SYN, when one was seen. */
  synRaw: number;
  synRel: number;
  hasSyn: boolean;
  /** FIN or RST seen: a later SYN with a new ISN starts a new connection. */
  ended: boolean;
  segments: Segment[];
}

const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_RST = 0x04;

/** Scratch result of the network-layer parse (one per call, reused). */
interface TcpPacketView {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  flags: number;
  payloadStart: number;
  payloadEnd: number;
}

/**
 * Offset of the IP header inside a frame of the given link type, or -1 when the frame carries
 * no IPv4/IPv6 (or its link header is cut).
 */
function networkOffset(linkType: number, d: Uint8Array): number {
  switch (linkType) {
    case LinkType.ethernet:
      if (d.length < 14) return -1;
      return afterEtherType(d, 12, 14);
    case LinkType.linuxSll:
      if (d.length < 16) return -1;
      return afterEtherType(d, 14, 16);
    case LinkType.linuxSll2:
      if (d.length < 20) return -1;
      return afterEtherType(d, 0, 20);
    case LinkType.raw:
    case LinkType.ipv4:
    case LinkType.ipv6:
      return 0;
    case LinkType.null:
    case LinkType.loop: {
      if (d.length < 4) return -1;
      // DLT_NULL holds the address family in the capturing host's byte order; DLT_LOOP in
      // network order. A family is small, so whichever reading is small is the right one.
      let family = u32(d, 0, linkType === LinkType.null);
      if (family > 0xffff) family = u32(d, 0, linkType !== LinkType.null);
      // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
      if (family === 2 || family === 10 || family === 24 || family === 28 || family === 30) return 4;
      return -1;
    }
    default:
      return -1;
  }
}

/** Follows 802.1Q/802.1ad tags from the EtherType at `typeAt`; payload would start at `next`. */
function afterEtherType(d: Uint8Array, typeAt: number, next: number): number {
  let type = ((d[typeAt] as number) << 8) | (d[typeAt + 1] as number);
  while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    if (d.length < next + 4) return -1;
    type = ((d[next + 2] as number) << 8) | (d[next + 3] as number);
    next += 4;
  }
  return type === 0x0800 || type === 0x86dd ? next : -1;
}

/** Fills `v` from the IP packet at `ip`; false when it is not a whole-enough TCP segment. */
function parseTcp(d: Uint8Array, ip: number, v: TcpPacketView): boolean {
  if (d.length - ip < 1) return false;
  const version = (d[ip] as number) >>> 4;
  let t: number;
  let end: number;
  if (version === 4) {
    if (d.length - ip < 20) return false;
    const ihl = ((d[ip] as number) & 0x0f) * 4;
    const total = ((d[ip + 2] as number) << 8) | (d[ip + 3] as number);
    if (ihl < 20 || total < ihl || d.length - ip < ihl) return false;
    // A fragment (MF set or nonzero offset) cannot be read alone; PCEP speakers send DF.
    if ((((d[ip + 6] as number) << 8) | (d[ip + 7] as number)) & 0x3fff) return false;
    if (d[ip + 9] !== 6) return false;
    v.src = readIpv4(d, ip + 12);
    v.dst = readIpv4(d, ip + 16);
    t = ip + ihl;
    // The snaplen may have cut the datagram; Ethernet padding follows a short one.
    end = ip + total < d.length ? ip + total : d.length;
  } else if (version === 6) {
    if (d.length - ip < 40) return false;
    const payloadLength = ((d[ip + 4] as number) << 8) | (d[ip + 5] as number);
    if (payloadLength === 0) return false; // a jumbogram (RFC 2675) is not PCEP
    end = ip + 40 + payloadLength < d.length ? ip + 40 + payloadLength : d.length;
    let next = d[ip + 6] as number;
    t = ip + 40;
    // RFC 8200 §4: skip extension headers up to TCP.
    for (;;) {
      if (next === 6) break;
      if (end - t < 8) return false;
      if (next === 0 || next === 43 || next === 60) {
        const len = ((d[t + 1] as number) + 1) * 8;
        next = d[t] as number;
        t += len;
      } else if (next === 44) {
        if ((((d[t + 2] as number) << 8) | (d[t + 3] as number)) !== 0) return false; // fragment
        next = d[t] as number;
        t += 8;
      } else if (next === 51) {
        const len = ((d[t + 1] as number) + 2) * 4;
        next = d[t] as number;
        t += len;
      } else {
        return false;
      }
      if (t > end) return false;
    }
    v.src = readIpv6(d, ip + 8);
    v.dst = readIpv6(d, ip + 24);
  } else {
    return false;
  }
  if (end - t < 20) return false;
  const dataOffset = ((d[t + 12] as number) >>> 4) * 4;
  if (dataOffset < 20 || dataOffset > end - t) return false;
  v.srcPort = ((d[t] as number) << 8) | (d[t + 1] as number);
  v.dstPort = ((d[t + 2] as number) << 8) | (d[t + 3] as number);
  v.seq = u32(d, t + 4, false);
  v.flags = d[t + 13] as number;
  v.payloadStart = t + dataOffset;
  v.payloadEnd = end;
  return true;
}

/**
 * Reassembles the TCP directions of `packets`, in first-seen order. Retransmitted and duplicate
 * bytes are dropped (the first copy in sequence order wins), segments that arrived out of order
 * are put back in order, and a stream stops at its first hole (reported in `gap`). A SYN with a
 * new ISN after a FIN or RST starts a new stream for the same addresses and ports.
 */
export function tcpStreamsFromPackets(
  packets: readonly CapturePacket[],
  opts: ReadTcpStreamsOptions = {},
): TcpStream[] {
  const ports = opts.ports ?? [PCEP_TCP_PORT];
  const all = opts.allPorts === true;
  const builders: StreamBuilder[] = [];
  const current = new Map<string, StreamBuilder>();
  const v: TcpPacketView = {
    src: '',
    dst: '',
    srcPort: 0,
    dstPort: 0,
    seq: 0,
    flags: 0,
    payloadStart: 0,
    payloadEnd: 0,
  };
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i] as CapturePacket;
    const ip = networkOffset(p.linkType, p.data);
    if (ip < 0 || !parseTcp(p.data, ip, v)) continue;
    if (!all && !ports.includes(v.srcPort) && !ports.includes(v.dstPort)) continue;
    const key = `${v.src} ${v.srcPort} ${v.dst} ${v.dstPort}`;
    const syn = (v.flags & TCP_SYN) !== 0;
    let b = current.get(key);
    if (b === undefined || (syn && b.hasSyn && b.synRaw !== v.seq) || (syn && !b.hasSyn && b.ended)) {
      b = {
        stream: {
          src: v.src,
          dst: v.dst,
          srcPort: v.srcPort,
          dstPort: v.dstPort,
          firstTimeUs: p.timeUs,
          chunks: [],
        },
        hasRef: false,
        lastRaw: 0,
        lastRel: 0,
        synRaw: 0,
        synRel: 0,
        hasSyn: false,
        ended: false,
        segments: [],
      };
      builders.push(b);
      current.set(key, b);
    }
    // Unwrap the 32-bit sequence number against the previous one seen in this direction, so
    // a stream may pass 2^32 and a late segment still sorts before an early one.
    let rel = 0;
    if (b.hasRef) rel = b.lastRel + ((v.seq - b.lastRaw) | 0);
    b.hasRef = true;
    b.lastRaw = v.seq;
    b.lastRel = rel;
    if (syn && !b.hasSyn) {
      b.hasSyn = true;
      b.synRaw = v.seq;
      b.synRel = rel;
    }
    // RFC 9293 §3.4: a SYN occupies the first sequence number; any data follows it.
    if (v.payloadEnd > v.payloadStart) {
      b.segments.push({
        rel: syn ? rel + 1 : rel,
        timeUs: p.timeUs,
        payload: p.data.subarray(v.payloadStart, v.payloadEnd),
      });
    }
    if ((v.flags & (TCP_FIN | TCP_RST)) !== 0) b.ended = true;
  }
  const out: TcpStream[] = [];
  for (let i = 0; i < builders.length; i++) {
    const b = builders[i] as StreamBuilder;
    reassemble(b);
    out.push(b.stream);
  }
  return out;
}

function reassemble(b: StreamBuilder): void {
  const segs = b.segments;
  if (segs.length === 0) return;
  // Array.prototype.sort is stable: among equal starts the earlier arrival comes first.
  segs.sort(bySequence);
  let base: number;
  if (b.hasSyn) base = b.synRel + 1;
  else base = (segs[0] as Segment).rel;
  let next = base;
  let lastTimeUs = -Infinity;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as Segment;
    const end = s.rel + s.payload.length;
    if (end <= next) continue; // retransmission or duplicate of bytes already delivered
    if (s.rel > next) {
      b.stream.gap = { atByte: next - base, missingBytes: s.rel - next };
      return;
    }
    if (s.timeUs > lastTimeUs) lastTimeUs = s.timeUs;
    b.stream.chunks.push({ timeUs: lastTimeUs, bytes: s.payload.slice(next - s.rel) });
    next = end;
  }
}

function bySequence(a: Segment, b: Segment): number {
  return a.rel - b.rel;
}

/**
 * The TCP streams of a capture file whose flows use port 4189 (or `opts.ports`) on either side.
 * Throws {@link PcapError} for a malformed file.
 */
export function readTcpStreams(file: Uint8Array, opts: ReadTcpStreamsOptions = {}): TcpStream[] {
  return tcpStreamsFromPackets(readCapturePackets(file), opts);
}

/** The concatenated bytes of a stream's chunks. */
export function streamBytes(stream: TcpStream): Uint8Array {
  let length = 0;
  for (let i = 0; i < stream.chunks.length; i++)
    length += (stream.chunks[i] as { bytes: Uint8Array }).bytes.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i < stream.chunks.length; i++) {
    const c = (stream.chunks[i] as { bytes: Uint8Array }).bytes;
    out.set(c, at);
    at += c.length;
  }
  return out;
}
