/** Capture files for `pcelab decode --pcap` and `pcelab encode --pcap`. */
import { readFileSync } from 'node:fs';
import {
  PcapError,
  pcapFromMessages,
  readTcpStreams,
  readU16,
  streamBytes,
  type CaptureMessage,
  type DecodeOptions,
  type TcpStream,
} from '../index.ts';
import { decodeStream } from './decode.ts';
import type { CaptureMeta } from './encode.ts';
import { UsageError } from './io.ts';

const PCEP_PORT = 4189;

/**
 * Decodes every PCEP stream of a capture into JSON lines ordered by time, each with a
 * `$capture` field: time, direction and endpoints. A gap or a cut-off message in a stream is a
 * warning on stderr (captures lose packets); malformed PCEP is a UsageError naming the stream.
 */
export function decodeCapture(
  file: string,
  extraPorts: string[],
  options: DecodeOptions,
  out: string[],
  _flush: () => void,
): void {
  const ports = [PCEP_PORT];
  for (const p of extraPorts) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--port ${p}: not a TCP port`);
    ports.push(n);
  }
  const bytes = new Uint8Array(readFileSync(file));
  let streams: TcpStream[];
  try {
    streams = readTcpStreams(bytes, { ports });
  } catch (err) {
    if (err instanceof PcapError) throw new UsageError(`${file}: offset ${err.offset}: ${err.reason}`);
    throw err;
  }
  if (streams.length === 0)
    process.stderr.write(`pcelab decode: ${file}: no TCP stream on port ${ports.join(', ')}\n`);
  const timed: { timeUs: number; order: number; line: string }[] = [];
  try {
    decodeStreams(streams, ports, options, file, timed);
  } finally {
    // Whatever decoded before an error is printed, in capture order, as the help promises.
    timed.sort((a, b) => a.timeUs - b.timeUs || a.order - b.order);
    for (const t of timed) out.push(t.line);
  }
}

function decodeStreams(
  streams: TcpStream[],
  ports: number[],
  options: DecodeOptions,
  file: string,
  timed: { timeUs: number; order: number; line: string }[],
): void {
  for (const s of streams) {
    const name = `${s.src}:${s.srcPort} > ${s.dst}:${s.dstPort}`;
    const from =
      ports.includes(s.dstPort) && !ports.includes(s.srcPort)
        ? 'client'
        : ports.includes(s.srcPort)
          ? 'server'
          : 'client';
    const data = streamBytes(s);
    if (s.gap) {
      process.stderr.write(
        `pcelab decode: ${file}: ${name}: ${s.gap.missingBytes} bytes missing after stream byte ${s.gap.atByte}; the rest of this direction is not decoded\n`,
      );
    }
    // Message boundaries → the time of the chunk that completed each message.
    const lines: string[] = [];
    const usable = cutAtWholeMessages(data, file, name);
    decodeStream(usable, options, `${file}: ${name}`, lines);
    let at = 0;
    let chunkIndex = 0;
    let chunkEnd = s.chunks[0]?.bytes.length ?? 0;
    for (const line of lines) {
      const length = readU16(usable, at + 2);
      const last = at + length - 1;
      while (last >= chunkEnd && chunkIndex + 1 < s.chunks.length)
        chunkEnd += (s.chunks[++chunkIndex] as { bytes: Uint8Array }).bytes.length;
      const timeUs = s.chunks[chunkIndex]?.timeUs ?? s.firstTimeUs;
      const capture = JSON.stringify({
        timeUs,
        from,
        src: `${s.src}:${s.srcPort}`,
        dst: `${s.dst}:${s.dstPort}`,
      });
      timed.push({ timeUs, order: timed.length, line: `${line.slice(0, -1)},"$capture":${capture}}` });
      at += length;
    }
  }
}

/** The prefix of a stream that holds whole messages; a cut-off last message is a warning. */
function cutAtWholeMessages(data: Uint8Array, file: string, name: string): Uint8Array {
  let at = 0;
  while (data.length - at >= 4) {
    const length = readU16(data, at + 2);
    if (length < 4 || at + length > data.length) break;
    at += length;
  }
  if (at < data.length && data.length - at < 4 + 65535) {
    const rest = data.length - at;
    // A bad header is for decodeStream to report; only a message that runs past the end is cut.
    const length = rest >= 4 ? readU16(data, at + 2) : 0;
    if (rest < 4 || length > rest) {
      process.stderr.write(
        `pcelab decode: ${file}: ${name}: the capture ends inside a message (${rest} bytes of it)\n`,
      );
      return data.subarray(0, at);
    }
  }
  return data;
}

/** A capture of the encoded messages: one TCP connection, directions and times from `$capture`. */
export function captureOf(messages: { bytes: Uint8Array; meta: CaptureMeta }[]): Uint8Array {
  let clock = 0;
  const list: CaptureMessage[] = messages.map((m, k) => {
    const t = m.meta.timeUs;
    if (t !== undefined && (!Number.isInteger(t) || t < clock)) {
      throw new UsageError(
        `message ${k + 1}: $capture.timeUs must be an integer not before the previous message`,
      );
    }
    clock = t ?? (k === 0 ? 0 : clock + 1000);
    const from = m.meta.from ?? 'client';
    if (from !== 'client' && from !== 'server')
      throw new UsageError(`message ${k + 1}: $capture.from must be "client" or "server"`);
    return { from, timeUs: clock, bytes: m.bytes };
  });
  return pcapFromMessages(list);
}
