/**
 * `npm run bench:sync [-- --lsps N]`: one PCC with N (default 65,535, the PLSP-ID space of a
 * 16-bit counter OpenDaylight's scale test uses) delegated LSPs and an active stateful PCE.
 * Phase 1: the session comes up and the PCC synchronises every LSP (RFC 8231 §5.6) until the
 * end-of-sync marker is in. Phase 2: the PCE sends one PCUpd per LSP (a new bandwidth) and
 * each comes back as a PCRpt after make-before-break signalling. Everything goes through the
 * codec, the framer, the session machine and the simulated TCP. Wall time per phase; last line:
 *   {"lsps","syncWallS","updatesWallS","totalWallS","messages","peakRssBytes"}
 * OpenDaylight's scale test allows 120 s for the sync and 300 s for the updates; the target
 * here is all of it within 10 s.
 */
import { parseArgs } from 'node:util';
import { Simulator } from '../../sim/core/simulator.ts';
import { Lab } from '../../sim/nodes/lab.ts';
import { Pcc } from '../../sim/nodes/pcc.ts';
import { Pce } from '../../sim/nodes/pce.ts';
import { DEFAULT_PCC_SETTINGS, DEFAULT_PCE_SETTINGS } from '../../sim/nodes/settings.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const { values } = parseArgs({ options: { lsps: { type: 'string', default: '65535' } } });
const lsps = Number(values.lsps);
if (!Number.isInteger(lsps) || lsps < 1 || lsps > 0xfffff) {
  process.stderr.write('bench:sync: --lsps must be an integer from 1 to 1048575\n');
  process.exit(2);
}

const topology = parseTopology(
  `name: sync-bench
nodes:
  - { name: A, routerId: 192.0.2.1, role: pcc }
  - { name: B, routerId: 192.0.2.2 }
links:
  - { a: A, b: B, capacityBps: 1.0e15, delayUs: 100 }
pces:
  - { name: pce1, routerId: 192.0.2.100, attachTo: A }
`,
  'sync-bench.yaml',
);
const sim = new Simulator({ seed: 'sync' });
let messages = 0;
sim.trace.add({ write: () => messages++ }, ['pcep.tx']);
const lab = Lab.build(sim, topology, 1000);
const pce = new Pce({ name: 'pce1', lab, role: 'active', attachTo: 'A', settings: DEFAULT_PCE_SETTINGS });
pce.start();
const pcc = new Pcc({ name: 'A', lab, pces: ['pce1'], settings: DEFAULT_PCC_SETTINGS });

// The LSPs are up on locally configured paths before the PCE is reachable.
const config = (i: number) => ({
  name: `lsp${i}`,
  dst: 'B',
  bandwidthBps: 1e6,
  setupPriority: 7,
  holdPriority: 7,
  metric: 'te' as const,
  exclude: { links: [], nodes: [], srlgs: [] },
  protection: 'none' as const,
  autoBandwidth: false,
});
for (let i = 1; i <= lsps; i++) pcc.establish(config(i), ['A', 'B']);
sim.run({ untilUs: 1_000_000 });
const upBefore = [...pcc.lsps.values()].filter((l) => l.status === 'up').length;
if (upBefore !== lsps) throw new Error(`only ${upBefore} of ${lsps} LSPs came up locally`);
process.stderr.write(`bench:sync: ${lsps} LSPs up; synchronising\n`);

const t0 = process.hrtime.bigint();
pcc.start();
let syncedAtUs = -1;
sim.trace.add(
  {
    write: (e) => {
      if (syncedAtUs < 0) syncedAtUs = e.timeUs;
    },
  },
  ['pce.synced'],
);
while (syncedAtUs < 0 && sim.pendingEvents > 0) sim.run({ untilUs: sim.nowUs + 100_000 });
const t1 = process.hrtime.bigint();
if (pce.lspDb.size !== lsps) throw new Error(`PCE learnt ${pce.lspDb.size} of ${lsps} LSPs`);
process.stderr.write(`bench:sync: synchronised in ${Number(t1 - t0) / 1e9} s wall; updating\n`);

// A round trip ends when the PCE has the PCC's report of the resized LSP.
let acked = 0;
sim.trace.add(
  {
    write: (e) => {
      if (e.node === 'pce1' && e.message === 'PCRpt') acked++;
    },
  },
  ['pcep.rx'],
);
const ackedBefore = acked;
for (const record of pce.lspDb.all()) {
  if (!pce.updateLsp('A', record.plspId, ['A', 'B'], 2e6)) throw new Error(`cannot update ${record.name}`);
}
while (acked - ackedBefore < lsps && sim.pendingEvents > 0) sim.run({ untilUs: sim.nowUs + 100_000 });
const t2 = process.hrtime.bigint();
const resized = [...pcc.lsps.values()].filter((l) => l.up?.bandwidthBps === 2e6).length;
if (resized !== lsps) throw new Error(`${resized} of ${lsps} LSPs resized`);
const reported = pce.lspDb.all().filter((r) => r.reservedBps === 2e6).length;
if (reported !== lsps) throw new Error(`PCE saw ${reported} of ${lsps} updates reported`);

const syncWallS = Number(t1 - t0) / 1e9;
const updatesWallS = Number(t2 - t1) / 1e9;
const round = (x: number) => Math.round(x * 1000) / 1000;
process.stdout.write(
  `${JSON.stringify({
    lsps,
    syncWallS: round(syncWallS),
    updatesWallS: round(updatesWallS),
    totalWallS: round(syncWallS + updatesWallS),
    messages,
    simulatedS: sim.nowUs / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
