/**
 * `pcelab run`, `pcelab compare` and `pcelab list`: run a scenario (built-in or a file) under a
 * PCE mode, print a summary table or one JSON document, and write the results, the NDJSON
 * trace and a pcap of all PCEP traffic to a folder, all or nothing.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  builtinScenarioNames,
  builtinTopologyNames,
  loadBuiltinScenario,
  loadScenarioFile,
  NdjsonTraceSink,
  PCE_MODES,
  PcapWriter,
  runScenario,
  ScenarioError,
  TcpConversation,
  TopologyError,
  type CapturedFrame,
  type PceMode,
  type RunResult,
  type Scenario,
} from '../index.ts';
import { UsageError } from './io.ts';

export const RUN_HELP = `Usage: pcelab run <scenario or file> [options]

Runs a scenario: a built-in one by name (see 'pcelab list') or a scenario file (YAML, format
in sim/scenario/README.md). Prints a summary table, or with --json one JSON document:
  {"scenario","mode","seed","durationS","lsps":[{"name","src","dst","bandwidth","state","path",...}],
   "metrics":{"requestedBandwidth","admittedBandwidth","blocked","reroutes","preemptions",
   "maxLinkUtilization","trafficLoss","messages":{type:count},...},"invariants":{"ok","violations"}}
Bandwidths are in bits per second; trafficLoss is the share of offered traffic lost.

Options:
  --mode MODE   stateless | passive | active (default: the scenario's)
  --seed N      seed for every random stream (default: the scenario's)
  --out DIR     write summary.json, trace.ndjson and pcep.pcap to DIR (replaced as a whole)
  --json        print the JSON document instead of the table
  -h, --help    show this help

Exit status: 0 done, 1 internal failure or a broken end-of-run invariant, 2 bad input.`;

export const COMPARE_HELP = `Usage: pcelab compare [<scenario or file>...] [options]

Runs each scenario under the stateless, passive and active stateful PCE on the same seed and
prints their metrics side by side. Without a scenario: every built-in RFC 8051 scenario.

Options:
  --seed N      seed (default: each scenario's)
  --json        print one JSON document: {"runs": [<run result>...]}
  -h, --help    show this help`;

export const LIST_HELP = `Usage: pcelab list [--json]

Lists the built-in scenarios and topologies.`;

/** Loads a built-in scenario by name, or a scenario file; bad input becomes a UsageError. */
export function loadScenarioArgument(arg: string): Scenario {
  try {
    if (builtinScenarioNames().includes(arg)) return loadBuiltinScenario(arg);
    if (!existsSync(arg)) {
      throw new UsageError(
        `'${arg}' is neither a built-in scenario nor a file (built-ins: ${builtinScenarioNames().join(', ')})`,
      );
    }
    return loadScenarioFile(arg);
  } catch (err) {
    if (err instanceof ScenarioError || err instanceof TopologyError) throw new UsageError(err.message);
    throw err;
  }
}

function parseMode(text: string | undefined): PceMode | undefined {
  if (text === undefined) return undefined;
  if (!(PCE_MODES as readonly string[]).includes(text)) {
    throw new UsageError(`--mode: '${text}' is not one of ${PCE_MODES.join(', ')}`);
  }
  return text as PceMode;
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--seed: '${text}' is not a non-negative integer`);
  }
  return Number(text);
}

function mbps(bps: number): string {
  return `${+(bps / 1e6).toFixed(3)}M`;
}

/** The terminal table for one run. */
export function formatRun(result: RunResult): string {
  const rows = [['LSP', 'src', 'dst', 'bandwidth', 'state', 'path']];
  for (const l of result.lsps)
    rows.push([l.name, l.src, l.dst, mbps(l.bandwidth), l.state, l.path.join('-') || '---']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  const m = result.metrics;
  const messages = Object.entries(m.messages)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `${result.scenario} (mode ${result.mode}, seed ${result.seed}, ${result.durationS} s simulated)`,
    '',
    table,
    '',
    `admitted ${mbps(m.admittedBandwidth)} of ${mbps(m.requestedBandwidth)} requested; blocked ${m.blocked}; ` +
      `reroutes ${m.reroutes}; preemptions ${m.preemptions}`,
    `max link utilization ${(m.maxLinkUtilization * 100).toFixed(1)}%; traffic lost ${(m.trafficLoss * 100).toFixed(2)}%` +
      ` (${mbps(m.inProfileTrafficLossBits)}bit from in-profile LSPs); backup conflicts ${m.backupConflicts}`,
    `PCEP messages: ${messages || 'none'}`,
    result.invariants.ok
      ? 'invariants: ok'
      : `invariants BROKEN:\n  ${result.invariants.violations.join('\n  ')}`,
    '',
  ].join('\n');
}

/** A progress bar on standard error, only when it is a terminal. */
function progressBar(label: string): ((fraction: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (fraction) => {
    const width = 30;
    const done = Math.round(fraction * width);
    process.stderr.write(
      `\r${label} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${Math.round(fraction * 100)}%`,
    );
    if (fraction >= 1) process.stderr.write('\r\x1b[K');
  };
}

/** Collects PCEP sends into TCP conversations (PCC the client) and writes one capture. */
class CaptureCollector {
  private readonly conversations = new Map<string, { conv: TcpConversation; pccIsA: boolean }>();
  private readonly frames: CapturedFrame[] = [];
  private nextPort = 40000;
  constructor(
    private readonly addressOf: (name: string) => string,
    private readonly isPce: (name: string) => boolean,
  ) {}

  send(timeUs: number, from: string, to: string, bytes: Uint8Array) {
    const fromPce = this.isPce(from);
    const client = fromPce && !this.isPce(to) ? to : from;
    const server = client === from ? to : from;
    const key = `${client}>${server}`;
    let entry = this.conversations.get(key);
    // A new Open from the client starts a new connection (a new source port).
    const isOpen = bytes.length >= 2 && bytes[1] === 1;
    if (entry === undefined || (isOpen && client === from && entry.pccIsA)) {
      if (entry !== undefined) this.frames.push(...entry.conv.close(timeUs));
      const conv = new TcpConversation({
        clientIp: this.addressOf(client),
        serverIp: this.addressOf(server),
        clientPort: this.nextPort++,
        serverPort: 4189,
        isnClient: 1000,
        isnServer: 2000,
      });
      this.frames.push(...conv.open(timeUs));
      entry = { conv, pccIsA: false };
      this.conversations.set(key, entry);
    }
    if (isOpen && client === from) entry.pccIsA = true;
    this.frames.push(...entry.conv.send(client === from ? 'client' : 'server', timeUs, bytes));
  }

  bytes(): Uint8Array {
    const w = new PcapWriter();
    // Stable sort: frames of one conversation keep their order.
    w.addFrames([...this.frames].sort((a, b) => a.timeUs - b.timeUs));
    return w.bytes();
  }
}

const RESULT_FILES = ['pcep.pcap', 'summary.json', 'trace.ndjson'];

/**
 * --out DIR must be new, or an earlier results folder (only pcelab's three files in it): a run
 * replaces DIR as a whole, so anything else there would be lost.
 */
function checkOutFolder(dir: string) {
  const target = resolve(dir);
  if (!existsSync(dirname(target))) throw new UsageError(`--out: folder ${dirname(target)} does not exist`);
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new UsageError(`--out: ${dir} exists and is not a folder`);
  const foreign = readdirSync(target).filter((f) => !RESULT_FILES.includes(f));
  if (foreign.length > 0) {
    throw new UsageError(
      `--out: ${dir} holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); ` +
        'give a new folder or an earlier results folder',
    );
  }
}

/** Writes the files into a fresh folder next to DIR, then swaps it in: DIR is never half-written. */
function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>) {
  const target = resolve(dir);
  const parent = dirname(target);
  if (!existsSync(parent)) throw new UsageError(`--out: folder ${parent} does not exist`);
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data);
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw err;
  }
}

export async function runRun(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mode: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${RUN_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one scenario (a built-in name or a file)');
  const mode = parseMode(values.mode);
  const seed = parseSeed(values.seed);
  const scenario = loadScenarioArgument(positionals[0]!);
  if (values.out !== undefined) checkOutFolder(values.out);
  const traceChunks: string[] = [];
  const pces = new Set(scenario.topology.pces.map((p) => p.name));
  const addresses = new Map(
    [...scenario.topology.nodes, ...scenario.topology.pces].map((n) => [n.name, n.routerId]),
  );
  const capture =
    values.out !== undefined
      ? new CaptureCollector(
          (n) => addresses.get(n)!,
          (n) => pces.has(n),
        )
      : undefined;
  const progress = progressBar(scenario.name);
  const result = runScenario(scenario, {
    ...(mode !== undefined ? { mode } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.out !== undefined
      ? { sinks: [{ sink: new NdjsonTraceSink((t) => traceChunks.push(t)) }] }
      : {}),
    ...(progress !== undefined ? { onProgress: progress } : {}),
    ...(capture !== undefined
      ? { tap: (t: number, from: string, to: string, b: Uint8Array) => capture.send(t, from, to, b) }
      : {}),
  });
  const json = `${JSON.stringify(result)}\n`;
  if (values.out !== undefined) {
    writeFolderAtomic(values.out, {
      'summary.json': `${JSON.stringify(result, null, 2)}\n`,
      'trace.ndjson': traceChunks.join(''),
      'pcep.pcap': capture!.bytes(),
    });
  }
  process.stdout.write(values.json ? json : formatRun(result));
  if (!result.invariants.ok) {
    process.stderr.write(
      `pcelab run: end-of-run invariants broken:\n  ${result.invariants.violations.join('\n  ')}\n`,
    );
    return 1;
  }
  return 0;
}

/** The side-by-side table of `pcelab compare`. */
export function formatCompare(
  groups: RunResult[][],
  references: readonly (string | undefined)[] = [],
): string {
  const out: string[] = [];
  for (const [index, runs] of groups.entries()) {
    const first = runs[0]!;
    const reference = references[index];
    out.push(`${first.scenario} (${reference !== undefined ? `${reference}; ` : ''}seed ${first.seed})`);
    const rows: [string, ...string[]][] = [['', ...runs.map((r) => r.mode)]];
    const metric = (label: string, f: (r: RunResult) => string) => rows.push([label, ...runs.map(f)]);
    metric('admitted', (r) => `${mbps(r.metrics.admittedBandwidth)}/${mbps(r.metrics.requestedBandwidth)}`);
    metric('blocked', (r) => String(r.metrics.blocked));
    metric('reroutes', (r) => String(r.metrics.reroutes));
    metric('preemptions', (r) => String(r.metrics.preemptions));
    metric('max utilization', (r) => `${(r.metrics.maxLinkUtilization * 100).toFixed(0)}%`);
    metric('traffic lost', (r) => `${(r.metrics.trafficLoss * 100).toFixed(2)}%`);
    metric('in-profile lost', (r) => mbps(r.metrics.inProfileTrafficLossBits) + 'bit');
    metric('backup conflicts', (r) => String(r.metrics.backupConflicts));
    metric('PCEP messages', (r) => String(Object.values(r.metrics.messages).reduce((a, b) => a + b, 0)));
    for (const lsp of first.lsps) {
      metric(`${lsp.name} path`, (r) => {
        const l = r.lsps.find((x) => x.name === lsp.name);
        return l === undefined ? 'removed' : l.state === 'up' ? l.path.join('-') : l.state;
      });
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows)
      out.push(
        `  ${r
          .map((cell, c) => cell.padEnd(widths[c]!))
          .join('  ')
          .trimEnd()}`,
      );
    out.push('');
  }
  return out.join('\n');
}

export async function runCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${COMPARE_HELP}\n`);
    return 0;
  }
  const seed = parseSeed(values.seed);
  const names =
    positionals.length > 0 ? positionals : builtinScenarioNames().filter((n) => n.startsWith('rfc8051-'));
  const scenarios = names.map(loadScenarioArgument);
  const groups: RunResult[][] = [];
  let broken = false;
  for (const scenario of scenarios) {
    const runs = PCE_MODES.map((mode) =>
      runScenario(scenario, { mode, ...(seed !== undefined ? { seed } : {}) }),
    );
    for (const r of runs) {
      if (!r.invariants.ok) {
        broken = true;
        process.stderr.write(
          `pcelab compare: ${r.scenario} (${r.mode}): ${r.invariants.violations.join('; ')}\n`,
        );
      }
    }
    groups.push(runs);
  }
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ runs: groups.flat() })}\n`
      : formatCompare(
          groups,
          scenarios.map((sc) => sc.reference),
        ),
  );
  return broken ? 1 : 0;
}

export async function runList(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${LIST_HELP}\n`);
    return 0;
  }
  const scenarios = builtinScenarioNames().map((name) => {
    const s = loadBuiltinScenario(name);
    return { name, topology: s.topologyName, reference: s.reference ?? '', description: s.description ?? '' };
  });
  const topologies = builtinTopologyNames();
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ scenarios, topologies })}\n`);
    return 0;
  }
  const width = Math.max(...scenarios.map((s) => s.name.length));
  process.stdout.write(
    [
      'Scenarios:',
      ...scenarios.map((s) => `  ${s.name.padEnd(width)}  ${s.reference || s.description.split('\n')[0]}`),
      '',
      'Topologies:',
      ...topologies.map((t) => `  ${t}`),
      '',
    ].join('\n'),
  );
  return 0;
}
