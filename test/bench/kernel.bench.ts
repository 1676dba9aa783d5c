/**
 * `npm run bench:kernel -- --pending N --events M`: the hold model on pcelab's kernel, through
 * its public scheduling API. N events are pending; each, when it fires, schedules itself again
 * at now + Exp(mean 1 ms) (rounded down to a microsecond, plus one so time always moves), as
 * ../shared/bench/ns3-hold.cc does on ns-3. Stops after M events. Last line:
 *   {"pending":N,"events":M,"events_per_s":X}
 * Without --pending, runs the three reference sizes (1,000, 10,000 and 1,000,000 pending).
 */
import { parseArgs } from 'node:util';
import { Simulator } from '../../sim/core/simulator.ts';

const { values } = parseArgs({
  options: {
    pending: { type: 'string' },
    events: { type: 'string', default: '3000000' },
    seed: { type: 'string', default: '42' },
  },
});
const events = Number(values.events);
const sizes = values.pending === undefined ? [1000, 10000, 1000000] : [Number(values.pending)];
if (!Number.isInteger(events) || events <= 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  process.stderr.write('bench:kernel: --pending and --events must be positive integers\n');
  process.exit(2);
}

function hold(pending: number, limit: number): { eventsPerS: number; fired: number } {
  const sim = new Simulator({ seed: values.seed });
  const rng = sim.random.stream('hold');
  let fired = 0;
  const meanUs = 1000;
  const reschedule = (): void => {
    if (++fired >= limit) {
      sim.stop();
      return;
    }
    sim.schedule(Math.floor(rng.exponential(meanUs)) + 1, reschedule);
  };
  for (let i = 0; i < pending; i++) sim.schedule(Math.floor(rng.exponential(meanUs)) + 1, reschedule);
  const start = process.hrtime.bigint();
  sim.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { eventsPerS: fired / seconds, fired };
}

let last = '';
for (const pending of sizes) {
  hold(pending, Math.min(events, 200000)); // warm-up run: let the JIT settle
  const { eventsPerS, fired } = hold(pending, events);
  last = JSON.stringify({ pending, events: fired, events_per_s: Math.round(eventsPerS) });
  process.stdout.write(`${last}\n`);
}
if (sizes.length > 1) process.stdout.write(`${last}\n`);
