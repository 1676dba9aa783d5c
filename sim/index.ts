/**
 * pcelab's public facade: what sim/cli and web/ use. Layers below are reached through here.
 */
export * from './pcep/index.ts';
export {
  HashTraceSink,
  MemoryTraceSink,
  NdjsonTraceSink,
  traceLine,
  type TraceEvent,
  type TraceSink,
} from './core/trace.ts';
export * from './topology/topology.ts';
export { parseTopology } from './topology/loader.ts';
export { TopologyError } from './topology/errors.ts';
export * from './scenario/scenario.ts';
export { parseScenario, loadScenarioFile } from './scenario/loader.ts';
export {
  builtinScenarioNames,
  builtinTopologyNames,
  loadBuiltinScenario,
  loadBuiltinTopology,
} from './scenario/builtin.ts';
export { ScenarioError } from './scenario/errors.ts';
export * from './scenario/runner.ts';
