/**
 * Reads a topology file (YAML, format in topologies/README.md) into a Topology. Pure: text in,
 * value out, so it runs in the browser worker too; the CLI reads the file. Any problem is one
 * TopologyError naming the file, the line and the field; unknown fields are errors, so a typo
 * never silently falls back to a default.
 */
import { parseIpv4 } from '../pcep/index.ts';
import { TopologyError } from './errors.ts';
import type { NodeRole, Topology, TopologyLink, TopologyNode, TopologyPce } from './topology.ts';
import { readYamlDocument, type YamlReader } from './yaml-reader.ts';

const ROLES: readonly NodeRole[] = ['router', 'pcc', 'boundary'];

/** Link attributes a file may set once under `defaults`. */
const LINK_DEFAULTS = { igpMetric: 10, capacityBps: 10e9, delayUs: 1000 };

function readRouterId(r: YamlReader, node: unknown, field: string): string {
  const v = r.string(node, field);
  if (parseIpv4(v) < 0) r.fail(node, field, `'${v}' is not an IPv4 router id (a.b.c.d)`);
  return v;
}

/** Parses and validates a topology file. Throws TopologyError (file:line: field: reason). */
export function parseTopology(text: string, file: string): Topology {
  const { root, reader: r } = readYamlDocument(
    text,
    file,
    (f, line, field, reason) => new TopologyError(f, line, field, reason),
  );
  const top = r.map(root, '', ['name', 'description', 'defaults', 'nodes', 'links', 'pces']);

  const defaults = { ...LINK_DEFAULTS };
  const d = top.get('defaults');
  if (d !== undefined) {
    const m = r.map(d.value, 'defaults', ['igpMetric', 'capacityBps', 'delayUs']);
    defaults.igpMetric =
      r.optional(m, 'igpMetric', 'defaults', (n, f) => r.number(n, f, { integer: true, min: 1 })) ??
      defaults.igpMetric;
    defaults.capacityBps =
      r.optional(m, 'capacityBps', 'defaults', (n, f) => r.number(n, f, { above: 0 })) ??
      defaults.capacityBps;
    defaults.delayUs =
      r.optional(m, 'delayUs', 'defaults', (n, f) => r.number(n, f, { integer: true, min: 0 })) ??
      defaults.delayUs;
  }

  // Nodes.
  const nodes: TopologyNode[] = [];
  const nodeNames = new Set<string>();
  const routerIds = new Map<string, string>();
  const nodeList = r.required(top, 'nodes', root, '', (n, f) => r.seq(n, f));
  if (nodeList.length === 0) r.fail(top.get('nodes')?.value, 'nodes', 'a topology needs at least one node');
  nodeList.forEach((item, k) => {
    const f = `nodes[${k}]`;
    const m = r.map(item, f, ['name', 'routerId', 'role', 'area', 'as', 'domain', 'position']);
    const name = r.required(m, 'name', item, f, (n, g) => r.identifier(n, g));
    if (nodeNames.has(name)) r.fail(m.get('name')?.value, `${f}.name`, `'${name}' is already a node`);
    nodeNames.add(name);
    const routerId = r.required(m, 'routerId', item, f, (n, g) => readRouterId(r, n, g));
    const other = routerIds.get(routerId);
    if (other !== undefined)
      r.fail(m.get('routerId')?.value, `${f}.routerId`, `${routerId} is already ${other}'s`);
    routerIds.set(routerId, name);
    const role = r.optional(m, 'role', f, (n, g) => {
      const v = r.string(n, g);
      if (!ROLES.includes(v as NodeRole))
        r.fail(n, g, `'${v}' is not a role (expected one of: ${ROLES.join(', ')})`);
      return v as NodeRole;
    });
    const node: TopologyNode = { name, routerId, role: role ?? 'router' };
    const area = r.optional(m, 'area', f, (n, g) => r.string(n, g));
    if (area !== undefined) node.area = area;
    const as = r.optional(m, 'as', f, (n, g) => r.number(n, g, { integer: true, min: 1, max: 0xffffffff }));
    if (as !== undefined) node.as = as;
    const domain = r.optional(m, 'domain', f, (n, g) => r.string(n, g));
    if (domain !== undefined) node.domain = domain;
    const pos = m.get('position');
    if (pos !== undefined) {
      const pm = r.map(pos.value, `${f}.position`, ['x', 'y']);
      node.position = {
        x: r.required(pm, 'x', pos.value, `${f}.position`, (n, g) => r.number(n, g, {})),
        y: r.required(pm, 'y', pos.value, `${f}.position`, (n, g) => r.number(n, g, {})),
      };
    }
    nodes.push(node);
  });

  // Links.
  const links: TopologyLink[] = [];
  const linkIds = new Set<string>();
  const linkList = r.optional(top, 'links', '', (n, f) => r.seq(n, f)) ?? [];
  linkList.forEach((item, k) => {
    const f = `links[${k}]`;
    const m = r.map(item, f, ['id', 'a', 'b', 'igpMetric', 'teMetric', 'capacityBps', 'delayUs', 'srlgs']);
    const end = (key: 'a' | 'b'): string =>
      r.required(m, key, item, f, (n, g) => {
        const v = r.string(n, g);
        if (!nodeNames.has(v)) r.fail(n, g, `'${v}' is not a node of this topology`);
        return v;
      });
    const a = end('a');
    const b = end('b');
    if (a === b) r.fail(m.get('b')?.value, `${f}.b`, 'a link joins two different nodes');
    const id = r.optional(m, 'id', f, (n, g) => r.string(n, g)) ?? `${a}-${b}`;
    if (linkIds.has(id))
      r.fail(
        m.get('id')?.value ?? item,
        `${f}.id`,
        `'${id}' is already a link (name parallel links with id)`,
      );
    linkIds.add(id);
    const igpMetric =
      r.optional(m, 'igpMetric', f, (n, g) => r.number(n, g, { integer: true, min: 1, max: 0xffffff })) ??
      defaults.igpMetric;
    links.push({
      id,
      a,
      b,
      igpMetric,
      teMetric:
        r.optional(m, 'teMetric', f, (n, g) => r.number(n, g, { integer: true, min: 0, max: 0xffffffff })) ??
        igpMetric,
      capacityBps:
        r.optional(m, 'capacityBps', f, (n, g) => r.number(n, g, { above: 0 })) ?? defaults.capacityBps,
      delayUs:
        r.optional(m, 'delayUs', f, (n, g) => r.number(n, g, { integer: true, min: 0 })) ?? defaults.delayUs,
      srlgs:
        r.optional(m, 'srlgs', f, (n, g) =>
          r.seq(n, g).map((s, j) => r.number(s, `${g}[${j}]`, { integer: true, min: 0, max: 0xffffffff })),
        ) ?? [],
    });
  });

  // PCEs.
  const pces: TopologyPce[] = [];
  const pceNames = new Set<string>();
  const parents: { node: unknown; field: string; parent: string }[] = [];
  const pceList = r.optional(top, 'pces', '', (n, f) => r.seq(n, f)) ?? [];
  pceList.forEach((item, k) => {
    const f = `pces[${k}]`;
    const m = r.map(item, f, ['name', 'routerId', 'attachTo', 'attachDelayUs', 'domains', 'parent']);
    const name = r.required(m, 'name', item, f, (n, g) => r.identifier(n, g));
    if (nodeNames.has(name) || pceNames.has(name))
      r.fail(m.get('name')?.value, `${f}.name`, `'${name}' is already taken`);
    pceNames.add(name);
    const routerId = r.required(m, 'routerId', item, f, (n, g) => readRouterId(r, n, g));
    const other = routerIds.get(routerId);
    if (other !== undefined)
      r.fail(m.get('routerId')?.value, `${f}.routerId`, `${routerId} is already ${other}'s`);
    routerIds.set(routerId, name);
    const attachTo = r.required(m, 'attachTo', item, f, (n, g) => {
      const v = r.string(n, g);
      if (!nodeNames.has(v)) r.fail(n, g, `'${v}' is not a node of this topology`);
      return v;
    });
    const pce: TopologyPce = {
      name,
      routerId,
      attachTo,
      attachDelayUs:
        r.optional(m, 'attachDelayUs', f, (n, g) => r.number(n, g, { integer: true, min: 0 })) ?? 100,
      domains:
        r.optional(m, 'domains', f, (n, g) => r.seq(n, g).map((s, j) => r.string(s, `${g}[${j}]`))) ?? [],
    };
    const parent = m.get('parent');
    if (parent !== undefined) {
      pce.parent = r.string(parent.value, `${f}.parent`);
      parents.push({ node: parent.value, field: `${f}.parent`, parent: pce.parent });
    }
    pces.push(pce);
  });
  for (const p of parents)
    if (!pceNames.has(p.parent)) r.fail(p.node, p.field, `'${p.parent}' is not a PCE of this topology`);

  const topology: Topology = {
    name: r.required(top, 'name', root, '', (n, f) => r.string(n, f)),
    nodes,
    links,
    pces,
  };
  const description = r.optional(top, 'description', '', (n, f) => r.string(n, f));
  if (description !== undefined) topology.description = description;
  return topology;
}
