/**
 * A scenario as the runner takes it: the topology (with the use case's link table applied),
 * the PCE mode, the LSPs and their demand, the scripted events, the seed and the duration.
 * The file format is in sim/scenario/README.md; loader.ts turns a file into this shape.
 * Every time is an integer number of simulated microseconds, every rate bits per second.
 */
import type { IgpSettings, PccSettings, PceSettings } from '../nodes/settings.ts';
import type { Topology } from '../topology/topology.ts';

export type { IgpSettings, PccSettings, PceSettings } from '../nodes/settings.ts';
export { DEFAULT_IGP_SETTINGS, DEFAULT_PCC_SETTINGS, DEFAULT_PCE_SETTINGS } from '../nodes/settings.ts';

export type PceMode = 'stateless' | 'passive' | 'active';
export const PCE_MODES: readonly PceMode[] = ['stateless', 'passive', 'active'];

export type MetricType = 'igp' | 'te';

export interface LspExclusions {
  links: string[];
  nodes: string[];
  srlgs: number[];
}

export interface ScenarioLsp {
  name: string;
  /** Head end (a PCC) and tail end, router names. */
  src: string;
  dst: string;
  /** Bandwidth the LSP asks to reserve when it is set up. */
  bandwidthBps: number;
  setupPriority: number;
  holdPriority: number;
  metric: MetricType;
  maxHops?: number;
  exclude: LspExclusions;
  /** 'shared-backup': a working path plus a link-diverse backup whose bandwidth may be shared. */
  protection: 'none' | 'shared-backup';
  /** Who creates it: configured at the PCC, or PCE-initiated (RFC 8281, active mode only). */
  initiatedBy: 'pcc' | 'pce';
  /** Head end resizes the reservation to the measured traffic (RFC 8051 §3.2). */
  autoBandwidth: boolean;
  /** When the LSP is configured (or initiated). */
  startUs: number;
  /** When it is removed, if ever. */
  stopUs?: number;
  /** Line in the scenario file, for messages that point back at it. */
  line: number;
}

export type ScenarioEvent =
  | { kind: 'link-down' | 'link-up'; atUs: number; link: string; line: number }
  | { kind: 'pce-crash' | 'pce-restart'; atUs: number; pce: string; line: number }
  /** The traffic offered to an LSP changes (its demand time series). */
  | { kind: 'demand'; atUs: number; lsp: string; bps: number; line: number };

export interface Scenario {
  name: string;
  description?: string;
  /** Where the use case comes from, e.g. 'RFC 8051 §3.1.1, Tables 1 and 2'. */
  reference?: string;
  /** File the scenario was read from ('builtin:<name>' for built-ins). */
  file: string;
  /** Topology name as the file gave it (built-in name or path). */
  topologyName: string;
  /** The topology with the scenario's link overrides applied. */
  topology: Topology;
  mode: PceMode;
  seed: number;
  durationUs: number;
  pce: PceSettings;
  pcc: PccSettings;
  igp: IgpSettings;
  lsps: ScenarioLsp[];
  /** Scripted events and every LSP's demand series, sorted by time (stable: file order on ties). */
  events: ScenarioEvent[];
}
