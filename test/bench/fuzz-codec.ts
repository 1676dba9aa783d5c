/**
 * `npm run fuzz:codec -- --iterations N [--seed S]`: mutation fuzzing of the message decoder.
 *
 * Starts from the benchmark messages and every golden message fixture, mutates them (bit flips,
 * byte writes, length-field edits, truncation, insertion, splicing) with a seeded generator and
 * checks, for each input, in both unknown-object modes:
 *   - decoding either succeeds or throws PcepDecodeError, nothing else;
 *   - a decoded message encodes, and decoding that gives the same value back.
 * A failing input is written to test-results/fuzz/ and reported; the exit status is then 1.
 * The last line is JSON: {"iterations":N,"decoded":D,"rejected":R,"failures":F,"seed":S}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { decodeMessage, encodeMessage, PcepDecodeError, type DecodeOptions } from '../../sim/index.ts';
import { parseHex, type Fixture } from '../fixtures/pcep/fixture.ts';
import { benchMessageBytes } from './codec-messages.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200000' },
    seed: { type: 'string', default: 'pcelab-fuzz' },
  },
});
const iterations = Number(values.iterations);
if (!Number.isInteger(iterations) || iterations <= 0) {
  process.stderr.write('fuzz:codec: --iterations must be a positive integer\n');
  process.exit(2);
}

async function loadSeeds(): Promise<Uint8Array[]> {
  const seeds = benchMessageBytes().map((m) => m.bytes);
  const { readdirSync } = await import('node:fs');
  const dir = new URL('../fixtures/pcep/messages/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(new URL(file, dir).href)) as { default: Fixture[] };
    for (const f of mod.default) if (f.level === 'message') seeds.push(parseHex(f.hex));
  }
  return seeds;
}

const rng = seedrandom(values.seed);
const int = (n: number): number => Math.floor(rng() * n);

function mutate(seed: Uint8Array, other: Uint8Array): Uint8Array {
  let b = Uint8Array.from(seed);
  const rounds = 1 + int(4);
  for (let r = 0; r < rounds; r++) {
    const at = b.length === 0 ? 0 : int(b.length);
    switch (int(7)) {
      case 0: // flip a bit
        if (b.length > 0) b[at] = (b[at] as number) ^ (1 << int(8));
        break;
      case 1: // write a random byte
        if (b.length > 0) b[at] = int(256);
        break;
      case 2: // nudge a 16-bit field (lengths live at 2 mod 4 in headers)
        if (b.length > 3) {
          const p = (at & ~3) + 2;
          if (p + 1 < b.length) {
            const v = (((b[p] as number) << 8) | (b[p + 1] as number)) + (int(9) - 4) * (int(2) ? 1 : 4);
            b[p] = (v >>> 8) & 0xff;
            b[p + 1] = v & 0xff;
          }
        }
        break;
      case 3: // truncate
        b = b.slice(0, at);
        break;
      case 4: {
        // insert random bytes
        const n = 1 + int(8);
        const ins = Uint8Array.from({ length: n }, () => int(256));
        b = Uint8Array.from([...b.slice(0, at), ...ins, ...b.slice(at)]);
        break;
      }
      case 5: {
        // splice in a piece of another message
        const from = int(Math.max(1, other.length));
        const piece = other.slice(from, from + 4 + int(24));
        b = Uint8Array.from([...b.slice(0, at), ...piece, ...b.slice(at)]);
        break;
      }
      default: // set a plausible header length so the decoder goes deep
        if (b.length >= 4) {
          b[2] = (b.length >>> 8) & 0xff;
          b[3] = b.length & 0xff;
        }
    }
  }
  return b;
}

const seeds = await loadSeeds();
const modes: DecodeOptions[] = [{ unknownObjects: 'keep' }, { unknownObjects: 'reject' }];
let decoded = 0;
let rejected = 0;
let failures = 0;
const outDir = new URL('../../test-results/fuzz/', import.meta.url);

function fail(input: Uint8Array, why: string): void {
  failures++;
  mkdirSync(outDir, { recursive: true });
  const name = `crash-${failures}.hex`;
  writeFileSync(new URL(name, outDir), `${Buffer.from(input).toString('hex')}\n# ${why}\n`);
  process.stderr.write(`fuzz:codec: ${why} (input saved as test-results/fuzz/${name})\n`);
}

for (let n = 0; n < iterations; n++) {
  const seed = seeds[int(seeds.length)] as Uint8Array;
  const input = mutate(seed, seeds[int(seeds.length)] as Uint8Array);
  const options = modes[n & 1] as DecodeOptions;
  let msg;
  try {
    msg = decodeMessage(input, options);
  } catch (err) {
    if (err instanceof PcepDecodeError) rejected++;
    else fail(input, `decode threw ${String(err)}`);
    continue;
  }
  decoded++;
  try {
    const again = decodeMessage(encodeMessage(msg), options);
    if (!isDeepStrictEqual(again, msg)) fail(input, 'decode(encode(decode(x))) differs from decode(x)');
  } catch (err) {
    fail(input, `re-encoding a decoded message threw ${String(err)}`);
  }
  if ((n + 1) % 100000 === 0) process.stderr.write(`fuzz:codec: ${n + 1}/${iterations} inputs\n`);
}
process.stdout.write(`${JSON.stringify({ iterations, decoded, rejected, failures, seed: values.seed })}\n`);
process.exitCode = failures > 0 ? 1 : 0;
