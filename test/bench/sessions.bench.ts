/**
 * `npm run bench:sessions -- --pccs N --pces M --hours H`: N PCCs, each with a session to each
 * of M PCEs over in-memory links (PCCs and PCEs hang off one core router), run for H simulated
 * hours of Keepalives through the real codec, framer and session machine. Session starts are
 * spread over the first 10 s (seeded). Last line:
 *   {"pccs","pces","hours","wallS","eventsPerS","messagesPerS","peakRssBytes", ...}
 * Options: --seed S, --trace FILE (write the NDJSON trace too, to see what tracing costs),
 * --trace-kinds K1,K2 (only those kinds, e.g. session.state,pcep.tx).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Simulator } from '../../sim/core/simulator.ts';
import { NdjsonTraceSink } from '../../sim/core/trace.ts';
import { Network } from '../../sim/net/network.ts';
import { PcepSpeaker } from '../../sim/nodes/speaker.ts';

const { values } = parseArgs({
  options: {
    pccs: { type: 'string', default: '10000' },
    pces: { type: 'string', default: '2' },
    hours: { type: 'string', default: '1' },
    seed: { type: 'string', default: 'sessions' },
    trace: { type: 'string' },
    'trace-kinds': { type: 'string' },
  },
});
const pccs = Number(values.pccs);
const pces = Number(values.pces);
const hours = Number(values.hours);
if (![pccs, pces].every((n) => Number.isInteger(n) && n > 0) || !(hours > 0)) {
  process.stderr.write(
    'bench:sessions: --pccs and --pces must be positive integers, --hours a positive number\n',
  );
  process.exit(2);
}

const S = 1_000_000;
const started = process.hrtime.bigint();
const sim = new Simulator({ seed: values.seed });
let traceFd: number | undefined;
if (values.trace !== undefined) {
  // Synchronous 64 KiB writes: memory stays bounded however long the run.
  const fd = openSync(values.trace, 'w');
  traceFd = fd;
  const kinds = values['trace-kinds']?.split(',').filter((k) => k !== '');
  sim.trace.add(new NdjsonTraceSink((chunk) => writeSync(fd, chunk)), kinds);
}
const net = new Network(sim);
net.addNode('core');
const pceSpeakers: PcepSpeaker[] = [];
for (let k = 1; k <= pces; k++) {
  const name = `pce${k}`;
  pceSpeakers.push(new PcepSpeaker({ name, sim, net, listen: true }));
  net.addLink({ id: `${name}-core`, a: name, b: 'core', delayUs: 500, bandwidthBps: 10e9 });
}
const pccSpeakers: PcepSpeaker[] = [];
for (let k = 1; k <= pccs; k++) {
  const name = `pcc${k}`;
  const pcc = new PcepSpeaker({ name, sim, net });
  pccSpeakers.push(pcc);
  net.addLink({ id: `${name}-core`, a: name, b: 'core', delayUs: 1000, bandwidthBps: 1e9 });
  const startUs = sim.random.stream(`start:${name}`).int(10 * S);
  sim.schedule(startUs, () => {
    for (const pce of pceSpeakers) pcc.connectTo(pce.name);
  });
}
const builtS = Number(process.hrtime.bigint() - started) / 1e9;

const runStart = process.hrtime.bigint();
const endUs = Math.round(hours * 3600 * S);
const stepUs = 600 * S;
for (let t = Math.min(stepUs, endUs); ; t = Math.min(t + stepUs, endUs)) {
  sim.run({ untilUs: t });
  process.stderr.write(`bench:sessions: ${(t / 3600 / S).toFixed(2)} of ${hours} simulated hours\n`);
  if (t >= endUs) break;
}
sim.trace.flush();
if (traceFd !== undefined) closeSync(traceFd);
const wallS = Number(process.hrtime.bigint() - runStart) / 1e9;

let messages = 0;
let up = 0;
for (const speaker of [...pccSpeakers, ...pceSpeakers]) {
  for (const session of speaker.sessions.values()) {
    messages += session.stats.messagesSent;
    if (session.state === 'up') up++;
  }
}
const result = {
  pccs,
  pces,
  hours,
  wallS: Math.round(wallS * 100) / 100,
  eventsPerS: Math.round(sim.eventsRun / wallS),
  messagesPerS: Math.round(messages / wallS),
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  buildS: Math.round(builtS * 100) / 100,
  events: sim.eventsRun,
  messages,
  sessionEndsUp: up,
  sessionEnds: 2 * pccs * pces,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
