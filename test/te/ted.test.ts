/**
 * A PCE's TED: it starts as an empty network, takes flooded arc updates one at a time, and can
 * start from a copy of another state (the data plane) that does not follow later changes.
 */
import { describe, expect, it } from 'vitest';
import { DataPlane } from '../../sim/te/data-plane.ts';
import { buildTeGraph, PRIORITY_LEVELS, type TeGraph } from '../../sim/te/graph.ts';
import { TrafficEngineeringDatabase } from '../../sim/te/ted.ts';
import { parseTopology } from '../../sim/topology/loader.ts';

const M = 1e6;

const graph: TeGraph = buildTeGraph(
  parseTopology(
    `name: ted
nodes:
  - { name: A, routerId: 192.0.2.1 }
  - { name: B, routerId: 192.0.2.2 }
  - { name: C, routerId: 192.0.2.3 }
links:
  - { a: A, b: B, capacityBps: 10e6 }
  - { a: B, b: C, capacityBps: 40e6 }
`,
    'ted.yaml',
  ),
);

const slot = (ted: { unreservedBps: Float64Array }, arc: number): number[] => [
  ...ted.unreservedBps.subarray(arc * PRIORITY_LEVELS, (arc + 1) * PRIORITY_LEVELS),
];

describe('TrafficEngineeringDatabase', () => {
  it('starts with every arc up, each at its link capacity at every priority, and no updates', () => {
    const ted = new TrafficEngineeringDatabase(graph);
    expect(ted.graph).toBe(graph);
    expect([...ted.arcUp]).toStrictEqual([1, 1, 1, 1]);
    expect(ted.unreservedBps.length).toBe(4 * PRIORITY_LEVELS);
    expect(slot(ted, 0)).toStrictEqual(new Array(8).fill(10 * M));
    expect(slot(ted, 1)).toStrictEqual(new Array(8).fill(10 * M));
    expect(slot(ted, 2)).toStrictEqual(new Array(8).fill(40 * M));
    expect(slot(ted, 3)).toStrictEqual(new Array(8).fill(40 * M));
    expect(ted.updates).toBe(0);
  });

  it('applies one flooded arc update to that arc only and counts it', () => {
    const ted = new TrafficEngineeringDatabase(graph);
    const values = [40, 39, 38, 37, 36, 35, 34, 33].map((x) => x * M);
    ted.apply(3, false, values);
    expect([...ted.arcUp]).toStrictEqual([1, 1, 1, 0]);
    expect(slot(ted, 3)).toStrictEqual(values);
    expect(slot(ted, 2)).toStrictEqual(new Array(8).fill(40 * M));
    expect(slot(ted, 0)).toStrictEqual(new Array(8).fill(10 * M));
    expect(ted.updates).toBe(1);
    ted.apply(3, true, new Array(8).fill(1 * M));
    expect(ted.arcUp[3]).toBe(1);
    expect(slot(ted, 3)).toStrictEqual(new Array(8).fill(1 * M));
    expect(ted.updates).toBe(2);
  });

  it('takes an update straight from a slice of the data plane and keeps its own copy', () => {
    const dp = new DataPlane(graph);
    dp.admit({ key: 'r', headEnd: 'A', arcs: [0], bandwidthBps: 4 * M, setupPriority: 3, holdPriority: 3 });
    const ted = new TrafficEngineeringDatabase(graph);
    ted.apply(0, dp.arcUp[0] === 1, dp.unreservedBps.subarray(0, PRIORITY_LEVELS));
    expect(slot(ted, 0)).toStrictEqual([10, 10, 10, 6, 6, 6, 6, 6].map((x) => x * M));
    dp.release('r');
    expect(slot(ted, 0)).toStrictEqual([10, 10, 10, 6, 6, 6, 6, 6].map((x) => x * M));
  });

  it('copies a whole state without sharing its arrays and without counting an update', () => {
    const dp = new DataPlane(graph);
    dp.admit({ key: 'r', headEnd: 'B', arcs: [2], bandwidthBps: 5 * M, setupPriority: 7, holdPriority: 7 });
    dp.setLinkUp(0, false);
    const ted = new TrafficEngineeringDatabase(graph);
    ted.apply(1, true, new Array(8).fill(0));
    ted.copyFrom(dp);
    expect([...ted.arcUp]).toStrictEqual([...dp.arcUp]);
    expect([...ted.unreservedBps]).toStrictEqual([...dp.unreservedBps]);
    expect(slot(ted, 1)).toStrictEqual(new Array(8).fill(10 * M));
    expect(slot(ted, 2)).toStrictEqual([40, 40, 40, 40, 40, 40, 40, 35].map((x) => x * M));
    expect(ted.updates).toBe(1);
    expect(ted.arcUp).not.toBe(dp.arcUp);
    dp.release('r');
    dp.setLinkUp(0, true);
    expect(ted.arcUp[0]).toBe(0);
    expect(slot(ted, 2)[7]).toBe(35 * M);
  });
});
