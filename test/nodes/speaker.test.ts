/** PCEP speakers over the simulated network: real bytes, real framing, real session machines. */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../sim/core/simulator.ts';
import { HashTraceSink, MemoryTraceSink } from '../../sim/core/trace.ts';
import { Network } from '../../sim/net/network.ts';
import { PcepSpeaker } from '../../sim/nodes/speaker.ts';

const S = 1_000_000;

function lab(seed = 'lab', extraPccs = 0) {
  const sim = new Simulator({ seed });
  const net = new Network(sim, { failureDetectionUs: 2 * S });
  const pce = new PcepSpeaker({ name: 'pce1', sim, net, listen: true });
  const pcc = new PcepSpeaker({ name: 'pcc1', sim, net });
  net.addLink({
    id: 'pcc1-pce1',
    a: 'pcc1',
    b: 'pce1',
    delayUs: 5000,
    bandwidthBps: 1e9,
    mtuBytes: 100,
    jitterUs: 300,
  });
  for (let k = 0; k < extraPccs; k++) {
    const other = new PcepSpeaker({ name: `pcc${k + 2}`, sim, net });
    net.addLink({
      id: `pcc${k + 2}-pce1`,
      a: `pcc${k + 2}`,
      b: 'pce1',
      delayUs: 7000,
      bandwidthBps: 1e9,
      jitterUs: 300,
    });
    other.connectTo('pce1');
  }
  return { sim, net, pce, pcc };
}

describe('PCC and PCE over a link', () => {
  it('bring the session up and keep it alive for an hour', () => {
    const { sim, pce, pcc } = lab();
    const session = pcc.connectTo('pce1');
    sim.run({ untilUs: 3600 * S });
    expect(session.state).toBe('up');
    expect(pce.sessions.get('pcc1')?.state).toBe('up');
    // Open + first Keepalive + one Keepalive per 30 s.
    expect(session.stats.messagesSent).toBe(2 + 119);
    expect(session.stats.messagesReceived).toBe(2 + 119);
  });

  it('a failed link resets both ends; the PCC reconnects once the link is back', () => {
    const { sim, net, pce, pcc } = lab();
    const trace = new MemoryTraceSink(new Set(['session.state', 'link.down', 'link.up']));
    sim.trace.add(trace);
    const session = pcc.connectTo('pce1');
    sim.run({ untilUs: 10 * S });
    net.setLinkUp('pcc1-pce1', false);
    sim.run({ untilUs: 60 * S });
    expect(session.state).not.toBe('up');
    net.setLinkUp('pcc1-pce1', true);
    sim.run({ untilUs: 400 * S });
    expect(session.state).toBe('up');
    expect(pce.sessions.get('pcc1')?.state).toBe('up');
    const pccStates = trace.events
      .filter((e) => e.kind === 'session.state' && e.node === 'pcc1')
      .map((e) => e.to);
    expect(pccStates.slice(0, 4)).toStrictEqual(['tcpPending', 'openWait', 'keepWait', 'up']);
    expect(pccStates).toContain('idle');
    expect(pccStates.at(-1)).toBe('up');
  });

  it('a link that fails during OpenWait: the session resets, and comes up once the link is back', () => {
    const { sim, net, pcc } = lab();
    const trace = new MemoryTraceSink(new Set(['session.state', 'net.drop']));
    sim.trace.add(trace);
    const session = pcc.connectTo('pce1');
    // The handshake takes two round trips of 5 ms; the Opens are in flight at 12 ms.
    sim.run({ untilUs: 12_000 });
    expect(session.state).toBe('openWait');
    net.setLinkUp('pcc1-pce1', false);
    sim.run({ untilUs: 30 * S });
    expect(session.state).not.toBe('up');
    expect(trace.events.some((e) => e.kind === 'net.drop')).toBe(true);
    net.setLinkUp('pcc1-pce1', true);
    sim.run({ untilUs: 300 * S });
    expect(session.state).toBe('up');
    const reasons = trace.events
      .filter((e) => e.kind === 'session.state' && e.node === 'pcc1' && e.to === 'idle')
      .map((e) => e.reason);
    expect(reasons[0]).toBe('connection reset');
  });

  it('segments at a small MTU: the framer reassembles the Open', () => {
    const { sim, pcc } = lab();
    const session = pcc.connectTo('pce1');
    sim.run({ untilUs: S });
    expect(session.state).toBe('up');
  });

  it('a PCC with no PCE to reach retries with back-off', () => {
    const sim = new Simulator();
    const net = new Network(sim, { connectTimeoutUs: S });
    const pcc = new PcepSpeaker({
      name: 'pcc1',
      sim,
      net,
      config: { connectRetryS: 1, connectRetryMaxS: 8 },
    });
    net.addNode('pce1');
    const trace = new MemoryTraceSink(new Set(['net.connect']));
    sim.trace.add(trace);
    pcc.connectTo('pce1');
    sim.run({ untilUs: 40 * S });
    // Each attempt fails after 1 s; waits double 1, 2, 4, 8, 8 ... s.
    const starts = trace.events.map((e) => e.timeUs / S);
    expect(starts.slice(0, 6)).toStrictEqual([0, 2, 5, 10, 19, 28]);
  });
});

describe('session collisions', () => {
  it("two PCEs opening to each other at once end with one session, the higher name's", () => {
    const sim = new Simulator();
    const net = new Network(sim);
    const a = new PcepSpeaker({ name: 'pceA', sim, net, listen: true });
    const b = new PcepSpeaker({ name: 'pceB', sim, net, listen: true });
    net.addLink({ id: 'A-B', a: 'pceA', b: 'pceB', delayUs: 3000, bandwidthBps: 1e9 });
    a.connectTo('pceB');
    b.connectTo('pceA');
    sim.run({ untilUs: 600 * S });
    const atA = a.sessions.get('pceB');
    const atB = b.sessions.get('pceA');
    expect([atA?.state, atB?.state]).toStrictEqual(['up', 'up']);
    expect(atB?.active).toBe(true); // pceB opened the surviving session
    expect(atA?.active).toBe(false);
  });

  it('a second connection while a session is up gets PCErr 9 and is closed; the session stays', () => {
    const { sim, net, pce, pcc } = lab();
    pcc.connectTo('pce1');
    sim.run({ untilUs: 10 * S });
    const trace = new MemoryTraceSink(new Set(['net.close']));
    sim.trace.add(trace);
    let got: Uint8Array = new Uint8Array();
    net.connect('pcc1', 'pce1', 4189, { onData: (_c, chunk) => (got = chunk) });
    sim.run({ untilUs: 20 * S });
    expect(Buffer.from(got).toString('hex')).toBe('2006000c0d100008000009' + '00');
    expect(pce.sessions.get('pcc1')?.state).toBe('up');
    expect(trace.events.length).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  function runHash(seed: string, extraPccs: number): string {
    const { sim, pcc } = lab(seed, extraPccs);
    const hash = new HashTraceSink();
    const pcc1Only = {
      write: (e: Parameters<HashTraceSink['write']>[0]) => (e.node === 'pcc1' ? hash.write(e) : undefined),
    };
    sim.trace.add(pcc1Only);
    pcc.connectTo('pce1');
    sim.run({ untilUs: 600 * S });
    return hash.digest();
  }

  it('the same seed gives the same trace, byte for byte; another seed another trace (jitter)', () => {
    expect(runHash('a', 0)).toBe(runHash('a', 0));
    expect(runHash('b', 0)).not.toBe(runHash('a', 0));
  });

  it('adding unrelated PCCs does not change what pcc1 does', () => {
    expect(runHash('a', 3)).toBe(runHash('a', 0));
  });
});
