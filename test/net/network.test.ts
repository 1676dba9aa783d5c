/** Links and the TCP-like stream: timing, segmentation, order, loss, failures. */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink } from '../../sim/core/trace.ts';
import { Network, type CloseReason, type Connection } from '../../sim/net/network.ts';

function twoHops(opts: { mtuBytes?: number; lossProbability?: number; jitterUs?: number } = {}) {
  const sim = new Simulator({ seed: 'net' });
  const net = new Network(sim, { failureDetectionUs: 500_000 });
  // 1 ms each way per link, 8 Mb/s: a 1000-byte packet serialises in 1 ms.
  net.addLink({ id: 'A-R', a: 'A', b: 'R', delayUs: 1000, bandwidthBps: 8e6, ...opts });
  net.addLink({ id: 'R-B', a: 'R', b: 'B', delayUs: 1000, bandwidthBps: 8e6, ...opts });
  const received: { t: number; bytes: number[] }[] = [];
  const closed: [string, CloseReason][] = [];
  let server: Connection | undefined;
  net.listen('B', 4189, (conn) => {
    server = conn;
    return {
      onData: (_c, chunk) => received.push({ t: sim.nowUs, bytes: [...chunk] }),
      onClose: (_c, r) => closed.push(['B', r]),
    };
  });
  let openedAt = -1;
  const client = net.connect('A', 'B', 4189, {
    onOpen: () => (openedAt = sim.nowUs),
    onData: () => {},
    onClose: (_c, r) => closed.push(['A', r]),
  });
  return { sim, net, client, received, closed, getServer: () => server, openedAt: () => openedAt };
}

describe('Network', () => {
  it('opens after the handshake round trip and delivers after serialisation and propagation', () => {
    const { sim, client, received, openedAt } = twoHops();
    sim.run();
    // SYN and SYN-ACK: 40 bytes = 40 µs serialisation + 1000 µs per hop, four hops in all.
    expect(openedAt()).toBe(4 * 1040);
    client.send(new Uint8Array(960)); // 1000 bytes on the wire
    const sentAt = sim.nowUs;
    sim.run();
    expect(received).toHaveLength(1);
    // Store and forward: (1000 µs serialisation + 1000 µs delay) per hop.
    expect(received[0]!.t - sentAt).toBe(2 * 2000);
  });

  it('segments at the path MSS and keeps order', () => {
    const { sim, client, received } = twoHops({ mtuBytes: 140 });
    sim.run();
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    client.send(data);
    sim.run();
    expect(received.map((r) => r.bytes.length)).toStrictEqual([
      100, 100, 100, 100, 100, 100, 100, 100, 100, 100,
    ]);
    expect(received.flatMap((r) => r.bytes)).toStrictEqual([...data]);
    const times = received.map((r) => r.t);
    expect([...times].sort((a, b) => a - b)).toStrictEqual(times);
  });

  it('keeps stream order under jitter and loss, and loss costs retransmission time', () => {
    const { sim, client, received } = twoHops({ mtuBytes: 140, jitterUs: 5000, lossProbability: 0.3 });
    sim.run();
    const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);
    const start = sim.nowUs;
    client.send(data);
    sim.run();
    expect(received.flatMap((r) => r.bytes)).toStrictEqual([...data]);
    expect(sim.nowUs - start).toBeGreaterThan(200_000); // at least one retransmission timeout
  });

  it('resets both ends after the detection delay when a link on the path fails', () => {
    const { sim, net, client, received, closed } = twoHops();
    const trace = new MemoryTraceSink(new Set(['link.down']));
    sim.trace.add(trace);
    sim.run();
    client.send(new Uint8Array(100));
    net.setLinkUp('R-B', false);
    const failedAt = sim.nowUs;
    sim.run();
    expect(received).toHaveLength(0); // in flight when the link failed: lost
    expect(closed).toStrictEqual([
      ['A', 'reset'],
      ['B', 'reset'],
    ]);
    expect(sim.nowUs).toBe(failedAt + 500_000);
    expect(trace.events).toHaveLength(1);
  });

  it('refuses a connection to a port nobody listens on, and reports an unreachable peer', () => {
    const sim = new Simulator();
    const net = new Network(sim);
    net.addLink({ id: 'A-B', a: 'A', b: 'B', delayUs: 10, bandwidthBps: 1e9 });
    net.addNode('C');
    const reasons: CloseReason[] = [];
    net.connect('A', 'B', 4189, { onData: () => {}, onClose: (_c, r) => reasons.push(r) });
    net.connect('A', 'C', 4189, { onData: () => {}, onClose: (_c, r) => reasons.push(r) });
    sim.run();
    expect(reasons).toStrictEqual(['refused', 'unreachable']);
  });

  it('a graceful close reaches the peer after the data', () => {
    const { sim, client, received, closed } = twoHops();
    sim.run();
    client.send(new Uint8Array(10));
    client.close();
    sim.run();
    expect(received).toHaveLength(1);
    expect(closed).toStrictEqual([['B', 'closed']]);
  });

  it('routes over the least-delay path and around a failed link', () => {
    const sim = new Simulator();
    const net = new Network(sim);
    net.addLink({ id: 'A-B', a: 'A', b: 'B', delayUs: 1000, bandwidthBps: 1e12 });
    net.addLink({ id: 'A-C', a: 'A', b: 'C', delayUs: 100, bandwidthBps: 1e12 });
    net.addLink({ id: 'C-B', a: 'C', b: 'B', delayUs: 100, bandwidthBps: 1e12 });
    net.listen('B', 4189, () => ({ onData: () => {} }));
    const openAfter = (): number => {
      const start = sim.nowUs;
      let at = -1;
      net.connect('A', 'B', 4189, { onOpen: () => (at = sim.nowUs), onData: () => {} });
      sim.run();
      return at - start;
    };
    expect(openAfter()).toBe(2 * 2 * (100 + 1)); // two hops each way, 1 µs serialisation per hop
    net.setLinkUp('C-B', false);
    expect(openAfter()).toBe(2 * (1000 + 1));
  });

  it('a link that fails while the SYN is in flight leaves no half-open listener end', () => {
    const sim = new Simulator();
    const net = new Network(sim, { failureDetectionUs: 1_000_000 });
    net.addLink({ id: 'A-B', a: 'A', b: 'B', delayUs: 10_000, bandwidthBps: 1e9 });
    let accepted = 0;
    net.listen('B', 4189, () => {
      accepted++;
      return { onData: () => {} };
    });
    const reasons: CloseReason[] = [];
    net.connect('A', 'B', 4189, { onData: () => {}, onClose: (_c, r) => reasons.push(r) });
    sim.schedule(5000, () => net.setLinkUp('A-B', false));
    sim.run();
    expect(accepted).toBe(0);
    expect(reasons).toStrictEqual(['reset']);
  });

  it('refuses link parameters that would hang or mislead the model', () => {
    const net = new Network(new Simulator());
    expect(() =>
      net.addLink({ id: 'x', a: 'A', b: 'B', delayUs: 1, bandwidthBps: 1, lossProbability: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      net.addLink({ id: 'y', a: 'A', b: 'B', delayUs: 1, bandwidthBps: 1, jitterUs: 0.5 }),
    ).toThrow(RangeError);
  });
});
