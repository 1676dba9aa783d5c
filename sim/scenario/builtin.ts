/**
 * The scenarios and topologies that ship with pcelab: `sim/scenario/builtin/*.yaml` and
 * `topologies/*.yaml`, found from this module's own location so they load from any working
 * directory. Names are file names without `.yaml`, listed in sorted order.
 *
 * loader.ts and this module import each other (a file scenario may name a built-in topology, a
 * built-in scenario is parsed like any file); neither touches the other at load time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TopologyError } from '../topology/errors.ts';
import { parseTopology } from '../topology/loader.ts';
import type { Topology } from '../topology/topology.ts';
import { ScenarioError } from './errors.ts';
import { parseScenario } from './loader.ts';
import type { Scenario } from './scenario.ts';

const SCENARIO_DIR = fileURLToPath(new URL('./builtin/', import.meta.url));
const TOPOLOGY_DIR = fileURLToPath(new URL('../../topologies/', import.meta.url));

function yamlNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Names of the built-in scenarios, sorted. */
export function builtinScenarioNames(): string[] {
  return yamlNames(SCENARIO_DIR);
}

/** Names of the built-in topologies, sorted. */
export function builtinTopologyNames(): string[] {
  return yamlNames(TOPOLOGY_DIR);
}

/**
 * A built-in topology by name. Throws TopologyError (file `builtin:<name>`, line 0) naming the
 * built-ins when there is no such topology.
 */
export function loadBuiltinTopology(name: string): Topology {
  const names = builtinTopologyNames();
  if (!names.includes(name))
    throw new TopologyError(
      `builtin:${name}`,
      0,
      '',
      `no such built-in topology (built-ins: ${names.join(', ')})`,
    );
  return parseTopology(readFileSync(join(TOPOLOGY_DIR, `${name}.yaml`), 'utf8'), `topologies/${name}.yaml`);
}

/**
 * A built-in scenario by name; its `file` is `builtin:<name>`. Throws ScenarioError naming the
 * built-ins when there is no such scenario.
 */
export function loadBuiltinScenario(name: string): Scenario {
  const names = builtinScenarioNames();
  if (!names.includes(name))
    throw new ScenarioError(
      `builtin:${name}`,
      0,
      '',
      `no such built-in scenario (built-ins: ${names.join(', ')})`,
    );
  return parseScenario(readFileSync(join(SCENARIO_DIR, `${name}.yaml`), 'utf8'), `builtin:${name}`, {
    loadTopology: (nameOrPath) => resolveTopology(nameOrPath, SCENARIO_DIR),
  });
}

/**
 * What a scenario's `topology:` names, read from disk: a bare name (no slash, no `.yaml`/`.yml`)
 * is a built-in; anything else is a path relative to `scenarioDir`. Throws a plain Error for an
 * unknown built-in or an unreadable file (parseScenario reports it on the `topology:` line) and
 * TopologyError for a bad topology file.
 */
export function resolveTopology(
  nameOrPath: string,
  scenarioDir: string,
): { topology: Topology; name: string } {
  if (!/[\\/]/.test(nameOrPath) && !/\.ya?ml$/i.test(nameOrPath)) {
    const names = builtinTopologyNames();
    if (!names.includes(nameOrPath))
      throw new Error(
        `'${nameOrPath}' is not a built-in topology (built-ins: ${names.join(', ')}); ` +
          'name a topology file with its .yaml extension',
      );
    return { topology: loadBuiltinTopology(nameOrPath), name: nameOrPath };
  }
  const path = isAbsolute(nameOrPath) ? nameOrPath : join(scenarioDir, nameOrPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new Error(`cannot read topology file ${path} (${typeof code === 'string' ? code : String(err)})`, {
      cause: err,
    });
  }
  return { topology: parseTopology(text, path), name: path };
}
