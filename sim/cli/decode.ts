/** `pcelab decode`: PCEP bytes (hex or a capture) to one JSON document per message. */
import { parseArgs } from 'node:util';
import { decodeMessage, PcepDecodeError, peekMessageLength, toJson, type DecodeOptions } from '../index.ts';
import { parseHexArgument, readStdin, UsageError } from './io.ts';

export const DECODE_HELP = `Usage: pcelab decode [options] HEX...
       pcelab decode [options] -            (hex on standard input)
       pcelab decode [options] --pcap FILE

Decodes PCEP messages and prints one JSON document per message, one per line. Hex may
contain spaces, newlines and ':' separators; several messages may follow each other.
Opaque bytes print as {"$bytes":"hex"}, 64-bit numbers as {"$u64":"decimal"}.

Options:
  --pcap FILE        read a pcap or pcapng capture; decode the TCP streams on port 4189
  --port N           with --pcap: also treat TCP port N as PCEP (repeatable)
  --reject-unknown   treat unknown objects as a PCEP speaker must (PCErr 3/1, 3/2)
  --no-validate      skip message grammar checks (mandatory objects, order)
  -h, --help         show this help

On malformed bytes, prints the messages before them, then one line on standard error with
the byte offset, the path (message > object > TLV) and the PCErr a speaker would answer
with, and exits with status 2.`;

/** Decodes a complete byte stream; returns the JSON lines, or throws a UsageError for bad bytes. */
export function decodeStream(bytes: Uint8Array, options: DecodeOptions, where: string, out: string[]): void {
  let at = 0;
  while (at < bytes.length) {
    let length: number;
    try {
      length = peekMessageLength(bytes, at, bytes.length);
    } catch (err) {
      throw describeDecodeError(err, 0, where);
    }
    if (length < 0 || at + length > bytes.length) {
      const have = bytes.length - at;
      throw new UsageError(
        `${where}: offset ${at}: truncated message: ${have} byte${have === 1 ? '' : 's'} left, ` +
          (length < 0 ? 'too few for the common header' : `the header says ${length}`),
      );
    }
    let line: string;
    try {
      line = toJson(decodeMessage(bytes.subarray(at, at + length), options));
    } catch (err) {
      throw describeDecodeError(err, at, where);
    }
    out.push(line);
    at += length;
  }
}

function describeDecodeError(err: unknown, base: number, where: string): unknown {
  if (!(err instanceof PcepDecodeError)) return err;
  const path = err.path.length > 0 ? ` (${err.path.join(' > ')})` : '';
  const pcErr = err.pcErr ? `; answer PCErr(${err.pcErr.errorType},${err.pcErr.errorValue})` : '';
  const close = err.closeReason !== undefined ? `; close with reason ${err.closeReason}` : '';
  return new UsageError(`${where}: offset ${base + err.offset}${path}: ${err.reason}${pcErr}${close}`);
}

export async function runDecode(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pcap: { type: 'string' },
      port: { type: 'string', multiple: true },
      'reject-unknown': { type: 'boolean' },
      'no-validate': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${DECODE_HELP}\n`);
    return 0;
  }
  const options: DecodeOptions = {
    unknownObjects: values['reject-unknown'] ? 'reject' : 'keep',
    validate: !values['no-validate'],
  };
  const lines: string[] = [];
  const flush = (): void => {
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    lines.length = 0;
  };
  try {
    if (values.pcap !== undefined) {
      if (positionals.length > 0) throw new UsageError('give either --pcap FILE or hex, not both');
      const { decodeCapture } = await import('./capture.ts');
      decodeCapture(values.pcap, values.port ?? [], options, lines, flush);
    } else {
      if (positionals.length === 0) throw new UsageError("nothing to decode: give HEX, '-' or --pcap FILE");
      const chunks: Uint8Array[] = [];
      for (const [k, arg] of positionals.entries()) {
        if (arg === '-') chunks.push(parseHexArgument((await readStdin()).toString('utf8'), 'stdin'));
        else chunks.push(parseHexArgument(arg, `argument ${k + 1}`));
      }
      decodeStream(Buffer.concat(chunks), options, 'input', lines);
    }
  } finally {
    flush();
  }
  return 0;
}
