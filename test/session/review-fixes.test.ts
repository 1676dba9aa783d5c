/** Regression tests for defects found in review: each names the rule it protects. */
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../sim/core/errors.ts';
import { Simulator } from '../../sim/core/simulator.ts';
import { MemoryTraceSink } from '../../sim/core/trace.ts';
import { Network } from '../../sim/net/network.ts';
import { PcepSpeaker } from '../../sim/nodes/speaker.ts';
import { PcepEncodeError } from '../../sim/pcep/index.ts';
import { harness, keepalive, open } from './harness.ts';

const S = 1_000_000;

describe('session fixes', () => {
  it('an error inside the machine surfaces at once, not later on the real clock', () => {
    const h = harness({ openTlvs: [{ kind: 'BOGUS' } as never] }, 'active');
    h.session.start();
    expect(() => h.session.tcpConnected()).toThrow(PcepEncodeError);
  });

  it('an error thrown by a timer-driven action becomes a SimulationError in simulated time', () => {
    const h = harness();
    // Make the OpenWait expiry's PCErr fail to send.
    (h.session as unknown as { sendPcErr: () => void }).sendPcErr = () => {
      throw new Error('send failed');
    };
    expect(() => h.sim.run()).toThrow(SimulationError);
  });

  it('an unknown message type whose body is not objects: PCErr 2/0, the session stays up (RFC 5440 §6.9)', () => {
    const h = harness();
    h.peerSends(open());
    h.peerSends(keepalive);
    h.peerSends(Uint8Array.of(0x20, 0x63, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00), 1000);
    h.peerSends(Uint8Array.of(0x20, 0x63, 0x00, 0x08, 0xc8, 0x10, 0x00, 0x04), 2000);
    h.sim.run({ untilUs: 3000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', 'PCErr(2,0)', 'PCErr(2,0)']);
    expect(h.session.state).toBe('up');
  });

  it('a peer Keepalive of 0 means its DeadTimer is ignored (RFC 5440 §7.3)', () => {
    const h = harness({ acceptableKeepaliveS: { min: 0, max: 255 } });
    h.peerSends(open(0, 40));
    h.peerSends(keepalive);
    h.sim.run({ untilUs: 600 * S });
    expect(h.session.state).toBe('up');
  });

  it('a DeadTimer shorter than the Keepalive is negotiated: PCErr 1/4 proposing 4 x Keepalive', () => {
    const h = harness();
    h.peerSends(open(60, 30));
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,4)+OPEN']);
    expect(h.sent[1]?.msg.objects.find((o) => o.kind === 'OPEN')).toMatchObject({
      keepaliveS: 60,
      deadTimerS: 240,
    });
  });

  it('a malformed Open in OpenWait is answered PCErr 1/1 (RFC 5440 Appendix A)', () => {
    const h = harness();
    h.peerSends(Uint8Array.of(0x20, 0x01, 0x00, 0x08, 0x01, 0x10, 0x00, 0x06));
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,1)']);
  });

  it('closing before up sends no Close message, only closes TCP (RFC 5440 §6.8)', () => {
    const h = harness();
    h.session.stop();
    expect(h.sentKinds()).toStrictEqual(['Open']);
    expect(h.transport).toStrictEqual(['close']);
  });

  it('input that reaches an idle session is dropped', () => {
    const h = harness();
    h.session.stop();
    for (let k = 0; k < 3; k++)
      h.session.receive(
        Uint8Array.of(0x20, 0x01, 0x00, 0x0c, 0x01, 0x10, 0x00, 0x08, 0x20, 0x1e, 0x78, 0x01),
      );
    expect(h.sentKinds()).toStrictEqual(['Open']);
  });

  it('a late transport close in idle does not restart the ConnectRetry back-off', () => {
    const h = harness({ connectRetryS: 10 }, 'active');
    h.session.start();
    h.session.tcpFailed(); // idle, reconnect due at 10 s
    h.sim.run({ untilUs: 5 * S });
    h.session.tcpClosed();
    h.sim.run({ untilUs: 11 * S });
    expect(h.transport.filter((t) => t === 'connect')).toHaveLength(2);
  });
});

describe('speaker fixes', () => {
  function pair(pccConfig = {}, pceConfig = {}) {
    const sim = new Simulator();
    const net = new Network(sim);
    const pce = new PcepSpeaker({ name: 'pce1', sim, net, listen: true, config: pceConfig });
    const pcc = new PcepSpeaker({ name: 'pcc1', sim, net, config: pccConfig });
    net.addLink({ id: 'l', a: 'pcc1', b: 'pce1', delayUs: 1000, bandwidthBps: 1e9 });
    return { sim, net, pce, pcc };
  }

  it('the back-off grows when every attempt fails after TCP is up', () => {
    // The PCE insists on a DeadTimer the PCC will not adopt: 1/4, then 1/6, every time.
    const { sim, pcc } = pair(
      { acceptableDeadTimerS: { min: 4, max: 100 } },
      { acceptableDeadTimerS: { min: 200, max: 255 } },
    );
    const trace = new MemoryTraceSink(new Set(['net.connect']));
    sim.trace.add(trace);
    pcc.connectTo('pce1');
    sim.run({ untilUs: 120 * S });
    const starts = trace.events.filter((e) => e.node === 'pcc1').map((e) => e.timeUs);
    const gaps = starts.slice(1).map((t, k) => t - (starts[k] as number));
    expect(gaps.length).toBeGreaterThan(3);
    for (let k = 1; k < gaps.length; k++) expect(gaps[k]).toBeGreaterThan(gaps[k - 1] as number);
  });

  it('every new session carries a new Session ID (RFC 5440 §7.3)', () => {
    const { sim, net, pcc } = pair();
    const ids: number[] = [];
    const trace = new MemoryTraceSink(new Set(['session.state']));
    sim.trace.add(trace);
    const session = pcc.connectTo('pce1');
    sim.run({ untilUs: S });
    ids.push((session.localCapabilities as { sessionId: number }).sessionId);
    net.setLinkUp('l', false);
    sim.run({ untilUs: 10 * S });
    net.setLinkUp('l', true);
    sim.run({ untilUs: 120 * S });
    expect(session.state).toBe('up');
    ids.push((session.localCapabilities as { sessionId: number }).sessionId);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('connecting again to a peer reuses the live session instead of orphaning it', () => {
    const { sim, pcc } = pair();
    const first = pcc.connectTo('pce1');
    sim.run({ untilUs: S });
    expect(pcc.connectTo('pce1')).toBe(first);
  });
});
