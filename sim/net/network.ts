/**
 * Point-to-point links and a TCP-like ordered byte stream between two nodes over a path of
 * links, on the simulated clock.
 *
 * Model, per segment: the sender cuts its bytes into segments of at most the path MSS (the
 * smallest link MTU less 40 bytes of IPv4 and TCP headers), so a receiver really reassembles
 * messages from chunks. Each hop costs queueing behind earlier segments on that link direction,
 * serialisation (bytes × 8 / bandwidth, rounded up to a microsecond), propagation delay and
 * optional jitter; a lost segment costs a retransmission timeout and is sent again. Delivery
 * keeps stream order. Traces: net.tx per segment with its delivery time (deliverUs), net.drop
 * for a segment that never arrives, net.connect/open/close, link.up/down, node.up/down. Connection set-up takes the SYN/SYN-ACK/ACK round trip; a failed link or
 * node on the path resets the connection at both ends after a detection delay, and whatever
 * was in flight is lost.
 */
import type { Simulator } from '../core/simulator.ts';
import type { RandomStream } from '../core/random.ts';
import type { Trace } from '../core/trace.ts';

/** IPv4 (20) + TCP (20) header bytes carried by every segment. */
export const SEGMENT_HEADER_BYTES = 40;

export interface LinkConfig {
  /** Unique link name, e.g. `R1-R2`. */
  id: string;
  a: string;
  b: string;
  /** One-way propagation delay. */
  delayUs: number;
  /** Line rate; serialisation delay is bytes × 8 / bandwidthBps. */
  bandwidthBps: number;
  /** Uniform extra delay in [0, jitterUs] per segment per hop (stream order is kept). */
  jitterUs?: number;
  /** Largest IP packet; the path MSS is the smallest MTU less 40. Default 1500. */
  mtuBytes?: number;
  /** Probability that a segment is lost on this link and must be retransmitted. Default 0. */
  lossProbability?: number;
}

export interface NetworkOptions {
  /** How long after a failure on its path a connection is reset. Default 1 s. */
  failureDetectionUs?: number;
  /** Retransmission timeout for a lost segment. Default 200 ms. */
  retransmitTimeoutUs?: number;
  /** How long a connect() to an unreachable or non-listening peer takes to fail. Default 3 s. */
  connectTimeoutUs?: number;
}

/** Why a connection ended. */
export type CloseReason = 'closed' | 'reset' | 'refused' | 'unreachable';

export interface ConnectionHandlers {
  /** The connection is established; data may flow. */
  onOpen?(conn: Connection): void;
  /** Bytes arrived in order (one segment's worth). */
  onData(conn: Connection, chunk: Uint8Array): void;
  /** The connection is over: the peer closed, a failure reset it, or it never came up. */
  onClose?(conn: Connection, reason: CloseReason): void;
}

interface LinkState {
  readonly config: Required<Omit<LinkConfig, 'jitterUs' | 'lossProbability'>> & {
    jitterUs: number;
    lossProbability: number;
  };
  up: boolean;
  /** When each direction's transmitter is next free (a→b, b→a). */
  busyUntilUs: [number, number];
  random: RandomStream;
}

/** One hop of a path: a link and the direction it is crossed in (0: a→b, 1: b→a). */
interface Hop {
  link: LinkState;
  dir: 0 | 1;
}

export class Connection {
  /** `node#n`: the n-th connection end made at its node (stable when other nodes are added). */
  readonly id: string;
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  /** The other end, once accepted. */
  peer: Connection | undefined;
  handlers: ConnectionHandlers;
  /** When the last segment towards this end is delivered; later ones never overtake it. */
  lastDeliveryUs = 0;
  /** A failure cut the path: nothing more is delivered, and the reset is on its way. */
  broken = false;

  constructor(
    readonly net: Network,
    readonly localNode: string,
    readonly remoteNode: string,
    readonly port: number,
    handlers: ConnectionHandlers,
    /** The hops from this end to the other. */
    readonly path: Hop[],
    id: string,
  ) {
    this.id = id;
    this.handlers = handlers;
  }

  /** Queues bytes for the peer. Ignored (as a dead socket would) once the connection is closed. */
  send(bytes: Uint8Array): void {
    if (this.state !== 'open' || this.peer === undefined || this.broken) return;
    this.net.transmit(this, bytes);
  }

  /** Closes gracefully: the peer learns after the one-way delay. */
  close(): void {
    if (this.state === 'closed') return;
    this.net.closeConnection(this, 'closed');
  }
}

export class Network {
  private readonly links = new Map<string, LinkState>();
  private readonly adjacency = new Map<string, string[]>(); // node -> link ids, in insertion order
  private readonly nodesDown = new Set<string>();
  private readonly listeners = new Map<string, (conn: Connection) => ConnectionHandlers | undefined>();
  private readonly connections = new Set<Connection>();
  private readonly connectionCounts = new Map<string, number>();
  /** Shortest-path trees by destination; cleared whenever a link or node changes state. */
  private readonly trees = new Map<string, Map<string, Hop>>();
  readonly failureDetectionUs: number;
  readonly retransmitTimeoutUs: number;
  readonly connectTimeoutUs: number;

  constructor(
    private readonly sim: Simulator,
    options: NetworkOptions = {},
  ) {
    this.failureDetectionUs = options.failureDetectionUs ?? 1_000_000;
    this.retransmitTimeoutUs = options.retransmitTimeoutUs ?? 200_000;
    this.connectTimeoutUs = options.connectTimeoutUs ?? 3_000_000;
  }

  addNode(name: string): void {
    if (!this.adjacency.has(name)) this.adjacency.set(name, []);
  }

  /** Adds a link; throws RangeError for a duplicate id or a bad parameter (a programmer error). */
  addLink(config: LinkConfig): void {
    if (this.links.has(config.id)) throw new RangeError(`link ${config.id} exists`);
    if (!(config.delayUs >= 0 && Number.isInteger(config.delayUs)))
      throw new RangeError(`link ${config.id}: delayUs`);
    if (!(config.bandwidthBps > 0)) throw new RangeError(`link ${config.id}: bandwidthBps`);
    const jitterUs = config.jitterUs ?? 0;
    if (!(Number.isInteger(jitterUs) && jitterUs >= 0)) throw new RangeError(`link ${config.id}: jitterUs`);
    const loss = config.lossProbability ?? 0;
    // A loss probability of 1 would retransmit forever.
    if (!(loss >= 0 && loss < 1))
      throw new RangeError(`link ${config.id}: lossProbability must be in [0, 1)`);
    const mtuBytes = config.mtuBytes ?? 1500;
    if (!(mtuBytes > SEGMENT_HEADER_BYTES)) throw new RangeError(`link ${config.id}: mtuBytes`);
    this.addNode(config.a);
    this.addNode(config.b);
    this.links.set(config.id, {
      config: {
        ...config,
        mtuBytes,
        jitterUs: config.jitterUs ?? 0,
        lossProbability: config.lossProbability ?? 0,
      },
      up: true,
      busyUntilUs: [0, 0],
      random: this.sim.random.stream(`link:${config.id}`),
    });
    this.adjacency.get(config.a)?.push(config.id);
    this.adjacency.get(config.b)?.push(config.id);
    this.trees.clear();
  }

  /**
   * Accepts connections to `node`:`port`. `accept` receives the listener's end of each new
   * connection (its remoteNode is the caller) and returns its handlers, or undefined to refuse.
   */
  listen(node: string, port: number, accept: (conn: Connection) => ConnectionHandlers | undefined): void {
    this.listeners.set(`${node}:${port}`, accept);
  }

  /** Opens a connection; handlers.onOpen or onClose('refused' | 'unreachable') follows. */
  connect(from: string, to: string, port: number, handlers: ConnectionHandlers): Connection {
    const path = this.route(from, to);
    const conn = new Connection(this, from, to, port, handlers, path ?? [], this.connectionId(from));
    this.connections.add(conn);
    const trace = this.sim.trace;
    if (trace.on)
      trace.emit({ timeUs: this.sim.nowUs, kind: 'net.connect', node: from, peer: to, port, conn: conn.id });
    if (path === undefined || this.nodesDown.has(from)) {
      this.sim.schedule(
        this.connectTimeoutUs,
        () => this.fail(conn, 'unreachable'),
        undefined,
        'net.connect',
        from,
      );
      return conn;
    }
    const oneWayUs = this.pathDelayUs(path, SEGMENT_HEADER_BYTES);
    // SYN reaches the listener after one way; SYN-ACK returns after a round trip.
    this.sim.schedule(
      oneWayUs,
      () => {
        // A failure on the path while the SYN was in flight: it never arrives (the reset of
        // the client end is already scheduled by breakConnection).
        if (conn.state !== 'connecting' || conn.broken) return;
        const accept = this.listeners.get(`${to}:${port}`);
        // Links are symmetric: the way back is the way there, reversed.
        const back = path.map((h): Hop => ({ link: h.link, dir: h.dir === 0 ? 1 : 0 })).reverse();
        const peer = new Connection(this, to, from, port, { onData: () => {} }, back, this.connectionId(to));
        const remoteHandlers = accept === undefined || this.nodesDown.has(to) ? undefined : accept(peer);
        if (remoteHandlers === undefined) {
          this.sim.schedule(oneWayUs, () => this.fail(conn, 'refused'), undefined, 'net.refused', from);
          return;
        }
        peer.handlers = remoteHandlers;
        peer.peer = conn;
        conn.peer = peer;
        this.connections.add(peer);
        this.sim.schedule(
          oneWayUs,
          () => {
            if (conn.state !== 'connecting' || conn.broken || peer.broken) return; // SYN-ACK lost
            conn.state = 'open';
            // The ACK completes the handshake at the listener one way later; it is scheduled
            // before the client can send, so the listener is open before any data arrives.
            this.sim.schedule(
              oneWayUs,
              () => {
                if (peer.state !== 'connecting' || peer.broken) return; // ACK lost
                peer.state = 'open';
                if (trace.on)
                  trace.emit({
                    timeUs: this.sim.nowUs,
                    kind: 'net.open',
                    node: to,
                    peer: from,
                    port,
                    conn: peer.id,
                  });
                peer.handlers.onOpen?.(peer);
              },
              undefined,
              'net.ack',
              to,
            );
            if (trace.on)
              trace.emit({
                timeUs: this.sim.nowUs,
                kind: 'net.open',
                node: from,
                peer: to,
                port,
                conn: conn.id,
              });
            conn.handlers.onOpen?.(conn);
          },
          undefined,
          'net.syn-ack',
          from,
        );
      },
      undefined,
      'net.syn',
      to,
    );
    return conn;
  }

  /** Brings a link down or up; connections whose path crosses a failed link are reset. */
  setLinkUp(id: string, up: boolean): void {
    const link = this.links.get(id);
    if (link === undefined) throw new RangeError(`no link ${id}`);
    if (link.up === up) return;
    link.up = up;
    this.trees.clear();
    const trace = this.sim.trace;
    if (trace.on) trace.emit({ timeUs: this.sim.nowUs, kind: up ? 'link.up' : 'link.down', link: id });
    if (!up) this.resetCrossing((hop) => hop.link === link);
  }

  /** Fails or restores a node; its connections and those routed through it are reset. */
  setNodeUp(name: string, up: boolean): void {
    if (up) this.nodesDown.delete(name);
    else this.nodesDown.add(name);
    this.trees.clear();
    const trace = this.sim.trace;
    if (trace.on) trace.emit({ timeUs: this.sim.nowUs, kind: up ? 'node.up' : 'node.down', node: name });
    if (!up) {
      for (const conn of [...this.connections]) {
        if (
          conn.localNode === name ||
          conn.remoteNode === name ||
          conn.path.some((h) => h.link.config.a === name || h.link.config.b === name)
        ) {
          this.breakConnection(conn);
        }
      }
    }
  }

  /** The trace when something listens (deliveries check this before building an event). */
  traceIfOn(): Trace | undefined {
    return this.sim.trace.on ? this.sim.trace : undefined;
  }

  get nowUs(): number {
    return this.sim.nowUs;
  }

  isLinkUp(id: string): boolean {
    return this.links.get(id)?.up ?? false;
  }

  // --- internals used by Connection ----------------------------------------------------------

  /** Cuts `bytes` into segments and schedules their in-order delivery at the peer. */
  transmit(conn: Connection, bytes: Uint8Array): void {
    const peer = conn.peer as Connection;
    const mss = this.pathMss(conn.path);
    for (let off = 0; off < bytes.length; off += mss) {
      const segment = bytes.subarray(off, Math.min(bytes.length, off + mss));
      let t = this.sim.nowUs;
      for (const hop of conn.path) t = this.crossHop(hop, t, segment.length + SEGMENT_HEADER_BYTES);
      if (t < peer.lastDeliveryUs) t = peer.lastDeliveryUs; // a stream never reorders
      peer.lastDeliveryUs = t;
      const trace = this.sim.trace;
      if (trace.wants('net.tx')) {
        trace.emit({
          timeUs: this.sim.nowUs,
          kind: 'net.tx',
          node: conn.localNode,
          peer: conn.remoteNode,
          conn: conn.id,
          bytes: segment.length,
          deliverUs: t,
        });
      }
      this.sim.scheduleAt(t, deliverSegment, { peer, segment }, 'net.deliver', peer.localNode);
    }
  }

  closeConnection(conn: Connection, reason: CloseReason): void {
    conn.state = 'closed';
    this.connections.delete(conn);
    const peer = conn.peer;
    const trace = this.sim.trace;
    if (trace.on)
      trace.emit({ timeUs: this.sim.nowUs, kind: 'net.close', node: conn.localNode, conn: conn.id, reason });
    // Over a failed path no FIN arrives: the peer learns of it by the reset already scheduled.
    if (peer !== undefined && peer.state !== 'closed' && !conn.broken) {
      // The FIN follows the data already sent.
      const at = Math.max(
        this.sim.nowUs + this.pathDelayUs(conn.path, SEGMENT_HEADER_BYTES),
        peer.lastDeliveryUs,
      );
      this.sim.scheduleAt(at, () => this.fail(peer, reason), undefined, 'net.fin', peer.localNode);
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private connectionId(node: string): string {
    const n = (this.connectionCounts.get(node) ?? 0) + 1;
    this.connectionCounts.set(node, n);
    return `${node}#${n}`;
  }

  private fail(conn: Connection, reason: CloseReason): void {
    if (conn.state === 'closed') return;
    conn.state = 'closed';
    this.connections.delete(conn);
    const trace = this.sim.trace;
    if (trace.on)
      trace.emit({ timeUs: this.sim.nowUs, kind: 'net.close', node: conn.localNode, conn: conn.id, reason });
    conn.handlers.onClose?.(conn, reason);
  }

  /** A failure under the connection: both ends reset after the detection delay; data in flight is lost. */
  private breakConnection(conn: Connection): void {
    const ends = [conn, conn.peer].filter((c): c is Connection => c !== undefined && c.state !== 'closed');
    for (const end of ends) {
      end.broken = true; // data in flight and data sent from now on is lost
      this.connections.delete(end);
      this.sim.schedule(
        this.failureDetectionUs,
        () => this.fail(end, 'reset'),
        undefined,
        'net.reset',
        end.localNode,
      );
    }
  }

  private resetCrossing(crosses: (hop: Hop) => boolean): void {
    for (const conn of [...this.connections]) if (conn.path.some(crosses)) this.breakConnection(conn);
  }

  /** Time a segment of `bytes` leaves hop's far end when it reaches the near end at `t`. */
  private crossHop(hop: Hop, t: number, bytes: number): number {
    const link = hop.link;
    const cfg = link.config;
    const serialisationUs = Math.ceil((bytes * 8 * 1e6) / cfg.bandwidthBps);
    const start = Math.max(t, link.busyUntilUs[hop.dir]);
    link.busyUntilUs[hop.dir] = start + serialisationUs;
    let arrive = start + serialisationUs + cfg.delayUs;
    if (cfg.jitterUs > 0) arrive += link.random.int(cfg.jitterUs + 1);
    if (cfg.lossProbability > 0) {
      // Each loss costs a retransmission timeout; losses repeat independently.
      while (link.random.uniform() < cfg.lossProbability) arrive += this.retransmitTimeoutUs;
    }
    return arrive;
  }

  private pathDelayUs(path: Hop[], bytes: number): number {
    let us = 0;
    for (const hop of path)
      us += hop.link.config.delayUs + Math.ceil((bytes * 8 * 1e6) / hop.link.config.bandwidthBps);
    return us;
  }

  private pathMss(path: Hop[]): number {
    let mtu = 65535;
    for (const hop of path) if (hop.link.config.mtuBytes < mtu) mtu = hop.link.config.mtuBytes;
    return mtu - SEGMENT_HEADER_BYTES;
  }

  /**
   * Least-delay path over up links and up nodes; undefined when unreachable. Paths come from a
   * shortest-path tree rooted at the destination, computed once per destination and kept until
   * a link or node changes state, so thousands of connections to a few PCEs cost a few trees.
   */
  private route(from: string, to: string): Hop[] | undefined {
    if (from === to) return [];
    if (this.nodesDown.has(from) || this.nodesDown.has(to)) return undefined;
    let tree = this.trees.get(to);
    if (tree === undefined) {
      tree = this.shortestPathTree(to);
      this.trees.set(to, tree);
    }
    if (!tree.has(from)) return undefined;
    const path: Hop[] = [];
    for (let n = from; n !== to;) {
      const hop = tree.get(n) as Hop; // the hop from n one step towards `to`
      path.push(hop);
      n = hop.dir === 0 ? hop.link.config.b : hop.link.config.a;
    }
    return path;
  }

  /**
   * Dijkstra from `root` over up links and nodes, with a binary heap; for every reached node,
   * the hop that leads one step towards `root`. Ties go to the link added first (deterministic);
   * each hop also costs 1 µs so equal delays prefer fewer hops.
   */
  private shortestPathTree(root: string): Map<string, Hop> {
    const toward = new Map<string, Hop>();
    const dist = new Map<string, number>([[root, 0]]);
    const order = new Map<string, number>([[root, 0]]); // insertion order breaks heap ties
    const heap: string[] = [root];
    const less = (a: string, b: string): boolean => {
      const da = dist.get(a) as number;
      const db = dist.get(b) as number;
      return da < db || (da === db && (order.get(a) as number) < (order.get(b) as number));
    };
    const done = new Set<string>();
    while (heap.length > 0) {
      const n = heapPop(heap, less);
      if (done.has(n)) continue;
      done.add(n);
      const dn = dist.get(n) as number;
      for (const id of this.adjacency.get(n) ?? []) {
        const link = this.links.get(id) as LinkState;
        if (!link.up) continue;
        const other = link.config.a === n ? link.config.b : link.config.a;
        if (done.has(other) || this.nodesDown.has(other)) continue;
        const d = dn + link.config.delayUs + 1;
        if (d < (dist.get(other) ?? Infinity)) {
          dist.set(other, d);
          order.set(other, order.size);
          // Crossing this link from `other` towards n: direction 0 when other is its a end.
          toward.set(other, { link, dir: link.config.a === other ? 0 : 1 });
          heapPush(heap, other, less);
        }
      }
    }
    return toward;
  }
}

function heapPush(heap: string[], item: string, less: (a: string, b: string) => boolean): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >>> 1;
    if (!less(item, heap[parent] as string)) break;
    heap[i] = heap[parent] as string;
    i = parent;
  }
  heap[i] = item;
}

function heapPop(heap: string[], less: (a: string, b: string) => boolean): string {
  const top = heap[0] as string;
  const last = heap.pop() as string;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && less(heap[r] as string, heap[l] as string) ? r : l;
      if (!less(heap[c] as string, last)) break;
      heap[i] = heap[c] as string;
      i = c;
    }
    heap[i] = last;
  }
  return top;
}

function deliverSegment(arg: unknown): void {
  const { peer, segment } = arg as { peer: Connection; segment: Uint8Array };
  if (peer.state === 'closed' || peer.broken) {
    // A segment's delivery is in its net.tx (deliverUs); one that does not arrive is a drop.
    peer.net.traceIfOn()?.emit({
      timeUs: peer.net.nowUs,
      kind: 'net.drop',
      node: peer.localNode,
      peer: peer.remoteNode,
      conn: peer.id,
      bytes: segment.length,
      why: peer.broken ? 'path failed' : 'closed',
    });
    return;
  }
  peer.handlers.onData(peer, segment);
}
