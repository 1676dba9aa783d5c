/**
 * `npm run bench:codec`: decode and encode throughput of the PCEP codec on one core.
 * Prints a line per (message, op) and, last, one JSON line:
 *   {"results":[{"message":"PCRpt","op":"decode","msgsPerS":N,"mbPerS":M,"bytes":B}, ...]}
 * Options: --seconds S (per round, default 0.5), --rounds R (default 5), --message NAME.
 *
 * Rates are calls per second of this process's CPU time (user + system), best of R rounds:
 * on a shared virtual machine, wall time includes time the host gave to others, and the best
 * round is the one least disturbed. The anchor (FRR pceplib) was measured the same way, on one core.
 */
import { parseArgs } from 'node:util';
import { decodeMessage, encodeMessage, type PcepMessage } from '../../sim/index.ts';
import { benchMessageBytes } from './codec-messages.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '0.5' },
    rounds: { type: 'string', default: '5' },
    message: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
if (!(seconds > 0) || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('bench:codec: --seconds must be a positive number and --rounds a positive integer\n');
  process.exit(2);
}

interface Result {
  message: string;
  op: 'decode' | 'encode';
  msgsPerS: number;
  mbPerS: number;
  bytes: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Runs `fn` in batches for `seconds` of CPU time per round; returns the best calls per CPU second. */
function measure(fn: () => unknown): number {
  const batch = 2000;
  let sink = 0;
  for (let i = 0; i < batch * 20; i++) sink ^= (fn() as { length?: number }).length ?? 1; // warm up the JIT
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const start = cpuSeconds();
    let elapsed = 0;
    while (elapsed < seconds) {
      for (let i = 0; i < batch; i++) sink ^= (fn() as { length?: number }).length ?? 1;
      calls += batch;
      elapsed = cpuSeconds() - start;
    }
    best = Math.max(best, calls / elapsed);
  }
  if (sink === 0.5) process.stdout.write(''); // keep results observable
  return best;
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
