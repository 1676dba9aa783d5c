/** Topology files: what loads, and for what does not, the line and field the error names. */
import { describe, expect, it } from 'vitest';
import { TopologyError } from '../../sim/topology/errors.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const good = `name: triangle
description: three routers, one PCE
defaults:
  capacityBps: 1.0e9
  delayUs: 2000
nodes:
  - { name: A, routerId: 192.0.2.1, role: pcc, area: 0, as: 65000, position: { x: 0, y: 0 } }
  - { name: B, routerId: 192.0.2.2 }
  - name: C
    routerId: 192.0.2.3
    domain: 2
links:
  - { a: A, b: B, igpMetric: 5, srlgs: [7] }
  - { a: B, b: C, teMetric: 20, capacityBps: 4.0e8 }
  - { id: A-C-2, a: A, b: C, delayUs: 0 }
pces:
  - { name: pce1, routerId: 192.0.2.100, attachTo: B, domains: [1, 2] }
  - { name: pce0, routerId: 192.0.2.101, attachTo: C }
  - { name: pce2, routerId: 192.0.2.102, attachTo: A, parent: pce0 }
`;

describe('parseTopology', () => {
  it('loads a valid file with defaults filled in', () => {
    const t = parseTopology(good, 'triangle.yaml');
    expect(t.name).toBe('triangle');
    expect(t.nodes.map((n) => [n.name, n.role])).toStrictEqual([
      ['A', 'pcc'],
      ['B', 'router'],
      ['C', 'router'],
    ]);
    expect(t.nodes[0]).toMatchObject({ area: '0', as: 65000, position: { x: 0, y: 0 } });
    expect(t.nodes[2]?.domain).toBe('2');
    expect(t.links).toStrictEqual([
      { id: 'A-B', a: 'A', b: 'B', igpMetric: 5, teMetric: 5, capacityBps: 1e9, delayUs: 2000, srlgs: [7] },
      { id: 'B-C', a: 'B', b: 'C', igpMetric: 10, teMetric: 20, capacityBps: 4e8, delayUs: 2000, srlgs: [] },
      { id: 'A-C-2', a: 'A', b: 'C', igpMetric: 10, teMetric: 10, capacityBps: 1e9, delayUs: 0, srlgs: [] },
    ]);
    expect(t.pces[0]).toStrictEqual({
      name: 'pce1',
      routerId: '192.0.2.100',
      attachTo: 'B',
      attachDelayUs: 100,
      domains: ['1', '2'],
    });
    expect(t.pces[2]?.parent).toBe('pce0');
  });

  const replace = (from: string, to: string): string => {
    expect(good).toContain(from);
    return good.replace(from, to);
  };

  it.each([
    ['a typo in a field name', replace('igpMetric: 5', 'igpMetrik: 5'), 13, 'links[0].igpMetrik'],
    ['a link to an unknown node', replace('{ a: B, b: C,', '{ a: B, b: X,'), 14, 'links[1].b'],
    ['a negative capacity', replace('capacityBps: 4.0e8', 'capacityBps: -4'), 14, 'links[1].capacityBps'],
    ['a duplicate node name', replace('name: B, routerId', 'name: A, routerId'), 8, 'nodes[1].name'],
    ['a duplicate router id', replace('192.0.2.2 }', '192.0.2.1 }'), 8, 'nodes[1].routerId'],
    ['a bad router id', replace('192.0.2.3', '192.0.2'), 10, 'nodes[2].routerId'],
    ['an unknown role', replace('role: pcc', 'role: pce'), 7, 'nodes[0].role'],
    ['a self-loop', replace('{ a: A, b: B,', '{ a: A, b: A,'), 13, 'links[0].b'],
    [
      'a parallel link without its own id',
      replace('{ id: A-C-2, a: A, b: C, delayUs: 0 }', '{ a: A, b: B }'),
      15,
      'links[2].id',
    ],
    [
      'a missing router id',
      replace('  - name: C\n    routerId: 192.0.2.3\n', '  - name: C\n'),
      9,
      'nodes[2].routerId',
    ],
    ['an unknown parent PCE', replace('parent: pce0', 'parent: pce9'), 19, 'pces[2].parent'],
    ['a fractional delay', replace('delayUs: 0 }', 'delayUs: 0.5 }'), 15, 'links[2].delayUs'],
    ['broken YAML', replace('links:\n', 'links: [\n'), 13, ''],
  ])('%s', (_what, text, line, field) => {
    let caught: unknown;
    try {
      parseTopology(text, 'bad.yaml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TopologyError);
    const e = caught as TopologyError;
    expect([e.file, e.line, e.field]).toStrictEqual(['bad.yaml', line, field]);
    expect(e.message.startsWith(`bad.yaml:${line}: `)).toBe(true);
  });

  it('refuses an empty file', () => {
    expect(() => parseTopology('', 'empty.yaml')).toThrow(TopologyError);
  });
});
