/**
 * `npm run bench:codec`: decode and encode throughput of the PCEP codec on one core.
 * Prints a line per (message, op) and, last, one JSON line:
 *   {"results":[{"message":"PCRpt","op":"decode","msgsPerS":N,"mbPerS":M,"bytes":B}, ...]}
 * Options: --seconds S (per measurement, default 1), --message NAME (only that message).
 */
import { parseArgs } from 'node:util';
import { decodeMessage, encodeMessage, type PcepMessage } from '../../sim/index.ts';
import { benchMessageBytes } from './codec-messages.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '1' }, message: { type: 'string' } },
});
const seconds = Number(values.seconds);
if (!(seconds > 0)) {
  process.stderr.write('bench:codec: --seconds must be a positive number\n');
  process.exit(2);
}

interface Result {
  message: string;
  op: 'decode' | 'encode';
  msgsPerS: number;
  mbPerS: number;
  bytes: number;
}

/** Runs `fn` in batches until `seconds` have passed; returns calls per second. */
function measure(fn: () => unknown): number {
  const batch = 2000;
  for (let i = 0; i < batch * 20; i++) fn(); // warm up: let the JIT settle
  let calls = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const limitNs = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < limitNs) {
    for (let i = 0; i < batch; i++) sink ^= (fn() as { length?: number }).length ?? 1;
    calls += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  if (sink === 0.5) process.stdout.write(''); // keep results alive
  return calls / (Number(elapsed) / 1e9);
}

const results: Result[] = [];
for (const { message, bytes } of benchMessageBytes()) {
  if (values.message !== undefined && values.message !== message) continue;
  const decoded: PcepMessage = decodeMessage(bytes);
  const reencoded = encodeMessage(decoded);
  if (Buffer.compare(Buffer.from(reencoded), Buffer.from(bytes)) !== 0) {
    throw new Error(`${message}: encode(decode(bytes)) differs from bytes`);
  }
  for (const op of ['decode', 'encode'] as const) {
    const rate =
      op === 'decode' ? measure(() => decodeMessage(bytes)) : measure(() => encodeMessage(decoded));
    const r: Result = {
      message,
      op,
      msgsPerS: Math.round(rate),
      mbPerS: Math.round(((rate * bytes.length) / 1e6) * 10) / 10,
      bytes: bytes.length,
    };
    results.push(r);
    process.stdout.write(
      `${message.padEnd(11)} ${op}  ${(r.msgsPerS / 1e6).toFixed(2).padStart(6)} M msgs/s  ${r.mbPerS.toFixed(1).padStart(7)} MB/s  (${bytes.length} bytes)\n`,
    );
  }
}
process.stdout.write(`${JSON.stringify({ results })}\n`);
