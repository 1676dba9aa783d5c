/**
 * The network a scenario runs on, as loaded from a topology file (topologies/README.md): nodes,
 * links with their TE attributes, and where the PCEs sit. Units are in the field names.
 */

export type NodeRole = 'router' | 'pcc' | 'boundary';

export interface TopologyNode {
  name: string;
  /** IPv4 router id (dotted quad); also the node's address in PCEP objects. */
  routerId: string;
  role: NodeRole;
  /** IGP area (as written: '0', '0.0.0.1', ...), when the topology has areas. */
  area?: string;
  /** Autonomous system number. */
  as?: number;
  /** Path computation domain (RFC 6805), when the topology has several. */
  domain?: string;
  /** Drawing position, when the file fixes one. */
  position?: { x: number; y: number };
}

export interface TopologyLink {
  /** Unique link name; defaults to `a-b`. */
  id: string;
  a: string;
  b: string;
  igpMetric: number;
  teMetric: number;
  capacityBps: number;
  delayUs: number;
  /** Shared risk link groups. */
  srlgs: number[];
}

export interface TopologyPce {
  name: string;
  routerId: string;
  /** The router the PCE hangs off; a link of `attachDelayUs` joins them. */
  attachTo: string;
  attachDelayUs: number;
  /** Domains the PCE computes paths for (RFC 6805); empty means the whole topology. */
  domains: string[];
  /** The parent PCE in a hierarchy (RFC 6805), if any. */
  parent?: string;
}

export interface Topology {
  name: string;
  description?: string;
  nodes: TopologyNode[];
  links: TopologyLink[];
  pces: TopologyPce[];
}
