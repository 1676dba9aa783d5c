/** `pcelab encode`: JSON documents (as `pcelab decode` prints them) back to PCEP bytes. */
import { parseArgs } from 'node:util';
import { encodeMessage, fromJson, PcepEncodeError, PcepJsonError, type PcepMessage } from '../index.ts';
import { readStdin, UsageError, writeFileAtomic } from './io.ts';

export const ENCODE_HELP = `Usage: pcelab encode [options] < messages.jsonl

Reads one JSON message per line (the form 'pcelab decode' prints; blank lines and lines
starting with # are skipped) and prints each message's bytes as one line of hex, so
'pcelab decode HEX | pcelab encode' gives HEX back.

Options:
  --pcap FILE   write the messages as a pcap capture instead: one TCP connection on port
                4189 with a handshake, synthetic Ethernet/IPv4/TCP headers, consistent
                sequence numbers; Wireshark and tshark dissect it as PCEP. A message's
                "$capture" field (from 'pcelab decode --pcap') keeps its direction and time.
  -h, --help    show this help

On a bad line, prints 'stdin:LINE: field: what is wrong' and exits with status 2; nothing is
written (no partial output, no partial file).`;

/** Where a message sits in a capture: as `pcelab decode --pcap` reports it. */
export interface CaptureMeta {
  timeUs?: number;
  from?: 'client' | 'server';
}

/** Parses and encodes JSON lines; throws UsageError naming the line for bad input. */
export function encodeLines(text: string, where: string): { bytes: Uint8Array; meta: CaptureMeta }[] {
  const out: { bytes: Uint8Array; meta: CaptureMeta }[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = (lines[k] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = `${where}:${k + 1}`;
    let value: unknown;
    try {
      value = fromJson(line);
    } catch (err) {
      if (err instanceof PcepJsonError) throw new UsageError(`${at}: ${err.message}`);
      throw err;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new UsageError(`${at}: expected a JSON object (a message)`);
    }
    try {
      const meta = ((value as { $capture?: CaptureMeta }).$capture ?? {}) as CaptureMeta;
      out.push({ bytes: encodeMessage(value as PcepMessage), meta });
    } catch (err) {
      if (err instanceof PcepEncodeError) throw new UsageError(`${at}: ${err.message}`);
      throw err;
    }
  }
  return out;
}

export async function runEncode(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { pcap: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${ENCODE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}' (messages come on stdin)`);
  const messages = encodeLines((await readStdin()).toString('utf8'), 'stdin');
  if (values.pcap !== undefined) {
    const { captureOf } = await import('./capture.ts');
    writeFileAtomic(values.pcap, captureOf(messages));
    process.stderr.write(`pcelab encode: wrote ${messages.length} messages to ${values.pcap}\n`);
  } else {
    const hex = messages.map((m) => Buffer.from(m.bytes).toString('hex'));
    if (hex.length > 0) process.stdout.write(`${hex.join('\n')}\n`);
  }
  return 0;
}
