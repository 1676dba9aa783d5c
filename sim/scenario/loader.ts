/**
 * Reads a scenario file (YAML, format in sim/scenario/README.md) into a Scenario. parseScenario is
 * pure: text in, value out, with the topology the file names fetched through
 * `options.loadTopology`, so the same code serves files on disk, the built-ins and the browser;
 * loadScenarioFile is the disk-reading wrapper the CLI uses. Everything the runner relies on is
 * checked here, before anything runs: names resolve, times fall within the run, priorities are
 * RSVP-TE priorities, scripted failures and repairs alternate. Any problem is one ScenarioError
 * naming the file, the line and the field; a problem inside the topology file is the topology
 * loader's TopologyError, passed on unchanged.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { TopologyError } from '../topology/errors.ts';
import type { Topology, TopologyLink, TopologyNode } from '../topology/topology.ts';
import { readYamlDocument, type YamlEntries, type YamlReader } from '../topology/yaml-reader.ts';
import { resolveTopology } from './builtin.ts';
import { ScenarioError } from './errors.ts';
import {
  DEFAULT_IGP_SETTINGS,
  DEFAULT_PCC_SETTINGS,
  DEFAULT_PCE_SETTINGS,
  PCE_MODES,
  type IgpSettings,
  type LspExclusions,
  type MetricType,
  type PccSettings,
  type PceSettings,
  type Scenario,
  type ScenarioEvent,
  type ScenarioLsp,
} from './scenario.ts';

export interface ScenarioLoadOptions {
  /**
   * Fetches the topology a scenario names: a built-in name or a path relative to `fromFile` (the
   * scenario's own file). Returns the topology and a name to use for it in messages. A bad
   * topology file is a TopologyError, which reaches the caller unchanged; any other Error (no such
   * file, no such built-in) becomes a ScenarioError on the scenario's `topology:` line.
   */
  loadTopology(nameOrPath: string, fromFile: string): { topology: Topology; name: string };
}

const TOP_FIELDS = [
  'name',
  'description',
  'reference',
  'topology',
  'mode',
  'seed',
  'durationS',
  'links',
  'pce',
  'pcc',
  'igp',
  'lsps',
  'events',
] as const;
const LINK_FIELDS = ['link', 'igpMetric', 'teMetric', 'capacityBps', 'delayUs', 'srlgs'] as const;
const LSP_FIELDS = [
  'name',
  'src',
  'dst',
  'bandwidthBps',
  'startS',
  'stopS',
  'setupPriority',
  'holdPriority',
  'metric',
  'maxHops',
  'exclude',
  'protection',
  'initiatedBy',
  'autoBandwidth',
  'demand',
] as const;
/** The keys that say what a scripted event does; an event has exactly one of them. */
const EVENT_KINDS = {
  linkDown: 'link-down',
  linkUp: 'link-up',
  pceCrash: 'pce-crash',
  pceRestart: 'pce-restart',
  demand: 'demand',
} as const;
type EventKey = keyof typeof EVENT_KINDS;
const EVENT_KEYS = Object.keys(EVENT_KINDS) as EventKey[];

const METRICS: readonly MetricType[] = ['te', 'igp'];
const PROTECTIONS: readonly ScenarioLsp['protection'][] = ['none', 'shared-backup'];
const INITIATORS: readonly ScenarioLsp['initiatedBy'][] = ['pcc', 'pce'];
/** RFC 3209 §4.7: setup and holding priorities run 0 (most important) to 7 (least). */
const LOWEST_PRIORITY = 7;
const US_PER_S = 1e6;

/** An event with where it came from: its offset orders ties, its node and field place errors. */
interface PlacedEvent {
  event: ScenarioEvent;
  offset: number;
  node: unknown;
  field: string;
}

class ScenarioReader {
  private readonly nodes: Map<string, TopologyNode>;
  private readonly links: Map<string, TopologyLink>;
  private readonly pces: Set<string>;

  constructor(
    private readonly r: YamlReader,
    /** The scenario's own copy, which the link table is written into. */
    topology: Topology,
    /** The topology's name in messages. */
    private readonly topologyName: string,
    private readonly durationUs: number,
  ) {
    this.nodes = new Map(topology.nodes.map((n) => [n.name, n]));
    this.links = new Map(topology.links.map((l) => [l.id, l]));
    this.pces = new Set(topology.pces.map((p) => p.name));
  }

  /** A time in seconds as whole microseconds, from 0 to the end of the run. */
  time(node: unknown, field: string): number {
    const us = seconds(this.r, node, field, { min: 0 });
    if (us > this.durationUs)
      this.r.fail(node, field, `must be within the run (at most durationS, ${this.durationUs / US_PER_S})`);
    return us;
  }

  nodeName(node: unknown, field: string): string {
    const v = this.r.string(node, field);
    if (!this.nodes.has(v)) this.r.fail(node, field, `'${v}' is not a node of ${this.topologyName}`);
    return v;
  }

  linkId(node: unknown, field: string): string {
    const v = this.r.string(node, field);
    if (!this.links.has(v))
      this.r.fail(
        node,
        field,
        `'${v}' is not a link of ${this.topologyName} (links: ${[...this.links.keys()].join(', ')})`,
      );
    return v;
  }

  pceName(node: unknown, field: string): string {
    const v = this.r.string(node, field);
    if (!this.pces.has(v)) this.r.fail(node, field, `'${v}' is not a PCE of ${this.topologyName}`);
    return v;
  }

  srlgs(node: unknown, field: string): number[] {
    return this.r
      .seq(node, field)
      .map((s, j) => this.r.number(s, `${field}[${j}]`, { integer: true, min: 0, max: 0xffffffff }));
  }

  /** The use case's link table, written over the topology's values (in place: the topology is a copy). */
  applyLinkOverrides(list: YamlNode[]): void {
    const seen = new Set<string>();
    list.forEach((item, k) => {
      const f = `links[${k}]`;
      const m = this.r.map(item, f, LINK_FIELDS);
      const id = this.r.required(m, 'link', item, f, (n, g) => this.linkId(n, g));
      if (seen.has(id)) this.r.fail(m.get('link')?.value, `${f}.link`, `'${id}' is already listed`);
      seen.add(id);
      const link = this.links.get(id) as TopologyLink;
      const igpMetric = this.r.optional(m, 'igpMetric', f, (n, g) =>
        this.r.number(n, g, { integer: true, min: 1, max: 0xffffff }),
      );
      const teMetric = this.r.optional(m, 'teMetric', f, (n, g) =>
        this.r.number(n, g, { integer: true, min: 0, max: 0xffffffff }),
      );
      if (igpMetric !== undefined) {
        // A TE metric the topology left at its default (the IGP metric) keeps following it.
        if (teMetric === undefined && link.teMetric === link.igpMetric) link.teMetric = igpMetric;
        link.igpMetric = igpMetric;
      }
      if (teMetric !== undefined) link.teMetric = teMetric;
      link.capacityBps =
        this.r.optional(m, 'capacityBps', f, (n, g) => this.r.number(n, g, { above: 0 })) ?? link.capacityBps;
      link.delayUs =
        this.r.optional(m, 'delayUs', f, (n, g) => this.r.number(n, g, { integer: true, min: 0 })) ??
        link.delayUs;
      link.srlgs = this.r.optional(m, 'srlgs', f, (n, g) => this.srlgs(n, g)) ?? link.srlgs;
    });
  }

  /** The LSPs, plus their demand series as events. */
  lsps(list: YamlNode[], events: PlacedEvent[]): ScenarioLsp[] {
    const r: YamlReader = this.r;
    const names = new Set<string>();
    return list.map((item, k) => {
      const f = `lsps[${k}]`;
      const m = r.map(item, f, LSP_FIELDS);
      const name = r.required(m, 'name', item, f, (n, g) => r.identifier(n, g));
      // '<name>.backup' is how a protected LSP's backup is reported (sim/nodes/pcc.ts).
      if (name.endsWith('.backup'))
        r.fail(m.get('name')?.value, `${f}.name`, `'${name}': names ending in .backup are reserved`);
      if (names.has(name)) r.fail(m.get('name')?.value, `${f}.name`, `'${name}' is already an LSP`);
      names.add(name);
      const src = r.required(m, 'src', item, f, (n, g) => {
        const v = this.nodeName(n, g);
        const role = this.nodes.get(v)?.role;
        if (role !== 'pcc')
          r.fail(n, g, `'${v}' is a ${role} node; only a node with role pcc can head an LSP`);
        return v;
      });
      const dst = r.required(m, 'dst', item, f, (n, g) => {
        const v = this.nodeName(n, g);
        if (v === src) r.fail(n, g, 'the tail end must differ from the head end (src)');
        return v;
      });
      const bandwidthBps = r.required(m, 'bandwidthBps', item, f, (n, g) => r.number(n, g, { min: 0 }));
      const startUs = r.optional(m, 'startS', f, (n, g) => this.time(n, g)) ?? 0;
      const stopUs = r.optional(m, 'stopS', f, (n, g) => {
        const us = this.time(n, g);
        if (!(us > startUs)) r.fail(n, g, `must be after startS (${startUs / US_PER_S})`);
        return us;
      });
      const priority = (n: unknown, g: string): number =>
        r.number(n, g, { integer: true, min: 0, max: LOWEST_PRIORITY });
      const setupPriority = r.optional(m, 'setupPriority', f, priority) ?? LOWEST_PRIORITY;
      const holdPriority =
        r.optional(m, 'holdPriority', f, (n, g) => {
          const v = priority(n, g);
          // RFC 3209 §4.7: an LSP must hold its resources at least as firmly as it takes them,
          // or two LSPs could preempt each other back and forth.
          if (v > setupPriority)
            r.fail(n, g, `must be at most setupPriority (${setupPriority}): 0 is the most important`);
          return v;
        }) ?? setupPriority;
      const lsp: ScenarioLsp = {
        name,
        src,
        dst,
        bandwidthBps,
        setupPriority,
        holdPriority,
        metric: r.optional(m, 'metric', f, (n, g) => r.oneOf(n, g, METRICS)) ?? 'te',
        exclude: this.exclusions(m, f, src, dst),
        protection: r.optional(m, 'protection', f, (n, g) => r.oneOf(n, g, PROTECTIONS)) ?? 'none',
        initiatedBy: r.optional(m, 'initiatedBy', f, (n, g) => r.oneOf(n, g, INITIATORS)) ?? 'pcc',
        autoBandwidth: r.optional(m, 'autoBandwidth', f, (n, g) => r.boolean(n, g)) ?? false,
        startUs,
        line: r.line(item),
      };
      const maxHops = r.optional(m, 'maxHops', f, (n, g) => r.number(n, g, { integer: true, min: 1 }));
      if (maxHops !== undefined) lsp.maxHops = maxHops;
      if (stopUs !== undefined) lsp.stopUs = stopUs;
      const demand = r.optional(m, 'demand', f, (n, g) => r.seq(n, g)) ?? [];
      demand.forEach((entry, j) => {
        const g = `${f}.demand[${j}]`;
        const dm = r.map(entry, g, ['atS', 'bps']);
        events.push({
          event: {
            kind: 'demand',
            atUs: r.required(dm, 'atS', entry, g, (n, h) => this.time(n, h)),
            lsp: name,
            bps: r.required(dm, 'bps', entry, g, (n, h) => r.number(n, h, { min: 0 })),
            line: r.line(entry),
          },
          offset: r.offset(entry),
          node: entry,
          field: g,
        });
      });
      return lsp;
    });
  }

  private exclusions(m: YamlEntries, f: string, src: string, dst: string): LspExclusions {
    const out: LspExclusions = { links: [], nodes: [], srlgs: [] };
    const e = m.get('exclude');
    if (e === undefined) return out;
    const g = `${f}.exclude`;
    const em = this.r.map(e.value, g, ['links', 'nodes', 'srlgs']);
    out.links =
      this.r.optional(em, 'links', g, (n, h) =>
        this.r.seq(n, h).map((s, j) => this.linkId(s, `${h}[${j}]`)),
      ) ?? [];
    out.nodes =
      this.r.optional(em, 'nodes', g, (n, h) =>
        this.r.seq(n, h).map((s, j) => {
          const v = this.nodeName(s, `${h}[${j}]`);
          if (v === src || v === dst)
            this.r.fail(s, `${h}[${j}]`, `'${v}' is an end of the LSP itself and cannot be avoided`);
          return v;
        }),
      ) ?? [];
    out.srlgs = this.r.optional(em, 'srlgs', g, (n, h) => this.srlgs(n, h)) ?? [];
    return out;
  }

  /** Scripted events, each `atS` plus exactly one of the EVENT_KINDS keys. */
  events(list: YamlNode[], lspNames: ReadonlySet<string>, out: PlacedEvent[]): void {
    const r: YamlReader = this.r;
    list.forEach((item, k) => {
      const f = `events[${k}]`;
      const m = r.map(item, f, ['atS', ...EVENT_KEYS, 'bps']);
      const keys = EVENT_KEYS.filter((key) => m.has(key));
      const key = keys[0];
      if (key === undefined) r.fail(item, f, `says what happens with one of: ${EVENT_KEYS.join(', ')}`);
      if (keys.length > 1)
        r.fail(
          m.get(keys[1] as EventKey)?.key,
          `${f}.${keys[1]}`,
          `an event does one thing (it already has ${key})`,
        );
      const atUs = r.required(m, 'atS', item, f, (n, g) => this.time(n, g));
      const target = m.get(key)?.value;
      const g = `${f}.${key}`;
      const line = r.line(item);
      let event: ScenarioEvent;
      if (key === 'demand') {
        const lsp = r.string(target, g);
        if (!lspNames.has(lsp)) r.fail(target, g, `'${lsp}' is not an LSP of this scenario`);
        const bps = r.required(m, 'bps', item, f, (n, h) => r.number(n, h, { min: 0 }));
        event = { kind: 'demand', atUs, lsp, bps, line };
      } else {
        if (m.has('bps')) r.fail(m.get('bps')?.key, `${f}.bps`, 'only a demand event takes bps');
        event =
          key === 'linkDown' || key === 'linkUp'
            ? { kind: EVENT_KINDS[key], atUs, link: this.linkId(target, g), line }
            : { kind: EVENT_KINDS[key], atUs, pce: this.pceName(target, g), line };
      }
      out.push({ event, offset: r.offset(item), node: target, field: g });
    });
  }

  /**
   * Walks the sorted events once: a link goes down only while up and comes up only while down,
   * and a PCE crashes only while running and restarts only after a crash. A pair out of order is
   * almost always a typo in a time or a name.
   */
  checkSequence(events: readonly PlacedEvent[]): void {
    const downLinks = new Set<string>();
    const crashedPces = new Set<string>();
    for (const { event: e, node, field } of events) {
      const at = `at ${e.atUs / US_PER_S} s`;
      if (e.kind === 'link-down') {
        if (downLinks.has(e.link)) this.r.fail(node, field, `'${e.link}' is already down ${at}`);
        downLinks.add(e.link);
      } else if (e.kind === 'link-up') {
        if (!downLinks.delete(e.link)) this.r.fail(node, field, `'${e.link}' is not down ${at}`);
      } else if (e.kind === 'pce-crash') {
        if (crashedPces.has(e.pce)) this.r.fail(node, field, `'${e.pce}' has already crashed ${at}`);
        crashedPces.add(e.pce);
      } else if (e.kind === 'pce-restart') {
        if (!crashedPces.delete(e.pce)) this.r.fail(node, field, `'${e.pce}' is running ${at}, not crashed`);
      }
    }
  }
}

/** A duration or time in seconds as whole microseconds (rounded), within the given bounds. */
function seconds(
  r: YamlReader,
  node: unknown,
  field: string,
  opts: { min?: number; above?: number },
): number {
  const s = r.number(node, field, opts);
  const us = Math.round(s * US_PER_S);
  if (!Number.isSafeInteger(us)) r.fail(node, field, 'is too large');
  if (opts.above !== undefined && us <= Math.round(opts.above * US_PER_S))
    r.fail(node, field, `must be more than ${opts.above} (it rounds to ${us} microseconds)`);
  return us;
}

function readPce(r: YamlReader, node: unknown): PceSettings {
  const m = r.map(node, 'pce', ['batchWindowS', 'reoptimize', 'computeDelayS', 'stateTimeoutS']);
  const d = DEFAULT_PCE_SETTINGS;
  const s = (n: unknown, f: string): number => seconds(r, n, f, { min: 0 });
  return {
    batchWindowUs: r.optional(m, 'batchWindowS', 'pce', s) ?? d.batchWindowUs,
    reoptimize: r.optional(m, 'reoptimize', 'pce', (n, f) => r.boolean(n, f)) ?? d.reoptimize,
    computeDelayUs: r.optional(m, 'computeDelayS', 'pce', s) ?? d.computeDelayUs,
    stateTimeoutUs: r.optional(m, 'stateTimeoutS', 'pce', s) ?? d.stateTimeoutUs,
  };
}

function readPcc(r: YamlReader, node: unknown): PccSettings {
  const m = r.map(node, 'pcc', ['retryIntervalS', 'maxRetries', 'delegate', 'redelegationTimeoutS']);
  const d = DEFAULT_PCC_SETTINGS;
  return {
    retryIntervalUs:
      r.optional(m, 'retryIntervalS', 'pcc', (n, f) => seconds(r, n, f, { above: 0 })) ?? d.retryIntervalUs,
    maxRetries:
      r.optional(m, 'maxRetries', 'pcc', (n, f) => r.number(n, f, { integer: true, min: 0 })) ?? d.maxRetries,
    delegate: r.optional(m, 'delegate', 'pcc', (n, f) => r.boolean(n, f)) ?? d.delegate,
    redelegationTimeoutUs:
      r.optional(m, 'redelegationTimeoutS', 'pcc', (n, f) => seconds(r, n, f, { min: 0 })) ??
      d.redelegationTimeoutUs,
  };
}

function readIgp(r: YamlReader, node: unknown): IgpSettings {
  const m = r.map(node, 'igp', ['floodHopDelayS']);
  return {
    floodHopDelayUs:
      r.optional(m, 'floodHopDelayS', 'igp', (n, f) => seconds(r, n, f, { min: 0 })) ??
      DEFAULT_IGP_SETTINGS.floodHopDelayUs,
  };
}

/**
 * Parses and validates a scenario file. `file` names it in errors and in `Scenario.file`.
 * Throws ScenarioError (file:line: field: reason), or the topology loader's TopologyError.
 */
export function parseScenario(text: string, file: string, options: ScenarioLoadOptions): Scenario {
  const { root, reader: r } = readYamlDocument(
    text,
    file,
    (f, line, field, reason) => new ScenarioError(f, line, field, reason),
  );
  const top = r.map(root, '', TOP_FIELDS);
  const name = r.required(top, 'name', root, '', (n, f) => r.string(n, f));
  const description = r.optional(top, 'description', '', (n, f) => r.string(n, f));
  const reference = r.optional(top, 'reference', '', (n, f) => r.string(n, f));
  const mode = r.optional(top, 'mode', '', (n, f) => r.oneOf(n, f, PCE_MODES)) ?? 'stateless';
  const seed =
    r.optional(top, 'seed', '', (n, f) =>
      r.number(n, f, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }),
    ) ?? 1;
  const durationUs = r.required(top, 'durationS', root, '', (n, f) => seconds(r, n, f, { above: 0 }));

  const topologyName = r.required(top, 'topology', root, '', (n, f) => r.string(n, f));
  let loaded: { topology: Topology; name: string };
  try {
    loaded = options.loadTopology(topologyName, file);
  } catch (err) {
    if (err instanceof TopologyError || err instanceof ScenarioError || !(err instanceof Error)) throw err;
    return r.fail(top.get('topology')?.value, 'topology', err.message);
  }
  // A copy: the loader may hand the same (cached) topology to several scenarios.
  const topology = structuredClone(loaded.topology);
  const s = new ScenarioReader(r, topology, loaded.name, durationUs);

  const linkList = r.optional(top, 'links', '', (n, f) => r.seq(n, f));
  if (linkList !== undefined) s.applyLinkOverrides(linkList);

  const pceNode = top.get('pce');
  const pccNode = top.get('pcc');
  const igpNode = top.get('igp');
  const pce = pceNode === undefined ? { ...DEFAULT_PCE_SETTINGS } : readPce(r, pceNode.value);
  const pcc = pccNode === undefined ? { ...DEFAULT_PCC_SETTINGS } : readPcc(r, pccNode.value);
  const igp = igpNode === undefined ? { ...DEFAULT_IGP_SETTINGS } : readIgp(r, igpNode.value);

  const placed: PlacedEvent[] = [];
  const lsps = s.lsps(r.optional(top, 'lsps', '', (n, f) => r.seq(n, f)) ?? [], placed);
  s.events(
    r.optional(top, 'events', '', (n, f) => r.seq(n, f)) ?? [],
    new Set(lsps.map((l) => l.name)),
    placed,
  );
  if (lsps.length > 0 && topology.pces.length === 0) {
    r.fail(top.get('topology')?.value, 'topology', `${topologyName} has no PCE to compute the LSPs' paths`);
  }
  placed.sort((a, b) => a.event.atUs - b.event.atUs || a.offset - b.offset);
  s.checkSequence(placed);

  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(reference === undefined ? {} : { reference }),
    file,
    topologyName,
    topology,
    mode,
    seed,
    durationUs,
    pce,
    pcc,
    igp,
    lsps,
    events: placed.map((p) => p.event),
  };
}

/**
 * Reads and parses a scenario file from disk; `topology:` is a built-in name or a path relative to
 * the file (see resolveTopology). `Scenario.file` is `path` as given. Throws ScenarioError (also
 * when the file cannot be read, at line 0) or the topology's TopologyError.
 */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new ScenarioError(
      path,
      0,
      '',
      `cannot read the file (${typeof code === 'string' ? code : String(err)})`,
    );
  }
  return parseScenario(text, path, {
    loadTopology: (nameOrPath) => resolveTopology(nameOrPath, dirname(path)),
  });
}
