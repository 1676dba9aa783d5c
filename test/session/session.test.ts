/** The RFC 5440 session machine against a scripted peer, every timer on the kernel clock. */
import { describe, expect, it } from 'vitest';
import { harness, keepalive, open, transitions } from './harness.ts';

const S = 1_000_000;

describe('session bring-up (RFC 5440 Appendix A)', () => {
  it('passive side: Open out at once, peer Open accepted, Keepalive, up', () => {
    const h = harness();
    h.peerSends(open(30, 120), 1000);
    h.peerSends(keepalive, 2000);
    h.sim.run({ untilUs: 10_000 });
    expect(h.session.state).toBe('up');
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive']);
    expect(transitions(h).map(([f, t]) => `${f}>${t}`)).toStrictEqual([
      'idle>openWait',
      'openWait>keepWait',
      'keepWait>up',
    ]);
    expect(h.session.peerCapabilities?.deadTimerS).toBe(120);
  });

  it('takes decoded messages as well as bytes', () => {
    const h = harness({ openRefresh: true });
    h.session.receiveMessage(open(30, 120));
    h.session.receiveMessage(keepalive);
    expect(h.session.state).toBe('up');
    expect(h.session.localCapabilities.openRefresh).toBe(true);
    expect(h.session.peerCapabilities?.openRefresh).toBe(false);
  });

  it('active side connects, then negotiates', () => {
    const h = harness({}, 'active');
    h.session.start();
    expect(h.transport).toStrictEqual(['connect']);
    expect(h.session.state).toBe('tcpPending');
    h.session.tcpConnected();
    expect(h.session.state).toBe('openWait');
    expect(h.sentKinds()).toStrictEqual(['Open']);
  });

  it('sends Keepalives every Keepalive period while up, and nothing else', () => {
    const h = harness({ keepaliveS: 30 });
    h.peerSends(open(30, 120));
    h.peerSends(keepalive);
    // The peer keeps us alive every 30 s for 10 minutes.
    for (let t = 30; t <= 600; t += 30) h.peerSends(keepalive, t * S);
    h.sim.run({ untilUs: 600 * S });
    expect(h.session.state).toBe('up');
    const kas = h.sent.filter((s) => s.msg.kind === 'Keepalive').map((s) => s.timeUs / S);
    expect(kas).toStrictEqual([0, ...Array.from({ length: 20 }, (_, k) => 30 * (k + 1))]);
  });

  it('DeadTimer: a silent peer is closed with reason 2 after its DeadTimer', () => {
    const h = harness();
    h.peerSends(open(30, 120));
    h.peerSends(keepalive);
    h.sim.run();
    expect(h.session.state).toBe('idle');
    expect(h.sentKinds().at(-1)).toBe('Close(2)');
    expect(h.sent.at(-1)?.timeUs).toBe(120 * S);
    expect(h.transport).toContain('close');
  });
});

describe('negotiation', () => {
  it('first unacceptable Open: PCErr 1/4 with acceptable values; revised Open accepted', () => {
    const h = harness({ acceptableKeepaliveS: { min: 10, max: 60 } });
    h.peerSends(open(5, 20)); // unacceptable: PCErr 1/4, then KeepWait (our Open not yet acknowledged)
    h.peerSends(keepalive, 1000); // the peer acknowledges our Open: LocalOK, back to OpenWait
    h.peerSends(open(10, 20), 2000); // the revised Open: acceptable, and LocalOK: up
    h.sim.run({ untilUs: 5000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,4)+OPEN', 'Keepalive']);
    expect(transitions(h).map(([, to]) => to)).toStrictEqual(['openWait', 'keepWait', 'openWait', 'up']);
    expect(transitions(h)[1]?.[2]).toBe('unacceptable Open: Keepalive 5 s outside 10..60');
    const counter = h.sent[1]?.msg.objects.find((o) => o.kind === 'OPEN');
    expect(counter).toMatchObject({ keepaliveS: 10, deadTimerS: 20 }); // 20 s was acceptable already
    expect(h.session.state).toBe('up');
  });

  it('second unacceptable Open: PCErr 1/5 and close', () => {
    const h = harness({ acceptableKeepaliveS: { min: 10, max: 60 } });
    h.peerSends(open(5, 20));
    h.peerSends(keepalive, 500);
    h.peerSends(open(5, 20), 1000);
    h.sim.run({ untilUs: 5000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,4)+OPEN', 'PCErr(1,5)']);
    expect(h.session.state).toBe('idle');
    expect(h.transport).toStrictEqual(['close']);
  });

  it('a PCErr 1/4 we can follow: new Open with the proposed values', () => {
    const h = harness();
    h.peerSends(open(30, 120)); // acceptable: Keepalive, KeepWait
    h.peerSends({
      kind: 'PCErr',
      objects: [
        { kind: 'PCEP-ERROR', p: false, i: false, errorType: 1, errorValue: 4, tlvs: [] },
        ...open(20, 80).objects,
      ],
    });
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', 'Open']);
    expect(h.sent[2]?.msg.objects[0]).toMatchObject({ keepaliveS: 20, deadTimerS: 80 });
    expect(h.session.state).toBe('keepWait');
  });

  it('a PCErr 1/4 we cannot follow: PCErr 1/6 and close', () => {
    const h = harness({ acceptableDeadTimerS: { min: 100, max: 200 } });
    h.peerSends(open(30, 120));
    h.peerSends({
      kind: 'PCErr',
      objects: [
        { kind: 'PCEP-ERROR', p: false, i: false, errorType: 1, errorValue: 4, tlvs: [] },
        ...open(20, 80).objects,
      ],
    });
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', 'PCErr(1,6)']);
    expect(h.session.state).toBe('idle');
  });
});

describe('timers and protocol errors', () => {
  it('OpenWait expiry: PCErr 1/2 after 60 s', () => {
    const h = harness();
    h.sim.run();
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,2)']);
    expect(h.sent[1]?.timeUs).toBe(60 * S);
    expect(h.session.state).toBe('idle');
  });

  it('KeepWait expiry: PCErr 1/7 after 60 s', () => {
    const h = harness();
    h.peerSends(open());
    h.sim.run();
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', 'PCErr(1,7)']);
    expect(h.sent[2]?.timeUs).toBe(60 * S);
  });

  it("a Keepalive before the peer's Open: PCErr 1/1 and close", () => {
    const h = harness();
    h.peerSends(keepalive);
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,1)']);
    expect(h.session.state).toBe('idle');
  });

  it('an Open of another PCEP version: PCErr 1/3 (not negotiable)', () => {
    const h = harness();
    const v2 = open();
    (v2.objects[0] as { version: number }).version = 2;
    h.peerSends(v2);
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'PCErr(1,3)']);
  });

  it('the Connect timer ends a TCP attempt that never completes', () => {
    const h = harness({ connectS: 60 }, 'active');
    h.session.start();
    h.sim.run({ untilUs: 61 * S });
    expect(
      transitions(h)
        .slice(0, 2)
        .map(([, to, why]) => [to, why]),
    ).toStrictEqual([
      ['tcpPending', 'start'],
      ['idle', 'Connect timer expired'],
    ]);
  });

  it('a non-Open message in OpenWait: PCErr 1/1 and close', () => {
    const h = harness();
    h.peerSends({ kind: 'Close', objects: [{ kind: 'CLOSE', p: false, i: false, reason: 1, tlvs: [] }] }, 0);
    h.sim.run({ untilUs: 1000 });
    expect(h.session.state).toBe('idle');
  });

  it('a PCRpt before the session is up: PCErr 1/1', () => {
    const h = harness();
    h.peerSends(Uint8Array.from([0x20, 0x0a, 0x00, 0x0c, 0x20, 0x10, 0x00, 0x08, 0x00, 0x00, 0x10, 0x09]), 0);
    h.sim.run({ untilUs: 1000 });
    expect(h.sentKinds()).toContain('PCErr(1,1)');
    expect(h.session.state).toBe('idle');
  });

  it('an Open while up: PCErr 9/0, the session stays up', () => {
    const h = harness();
    h.peerSends(open());
    h.peerSends(keepalive);
    h.peerSends(open(), 1000);
    h.sim.run({ untilUs: 2000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', 'PCErr(9,0)']);
    expect(h.session.state).toBe('up');
  });

  it('unknown messages at 5 in 60 s: PCErr 2/0 each, and Close 5 at the fifth', () => {
    const h = harness();
    h.peerSends(open());
    h.peerSends(keepalive);
    for (let k = 1; k <= 6; k++) h.peerSends(Uint8Array.from([0x20, 200, 0x00, 0x04]), k * S);
    h.sim.run({ untilUs: 10 * S });
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', ...Array(5).fill('PCErr(2,0)'), 'Close(5)']);
    expect(h.sent.at(-1)?.timeUs).toBe(5 * S);
    expect(h.session.state).toBe('idle');
  });

  it('unknown requests reaching the configured limit in 60 s: Close 4', () => {
    const h = harness({ maxUnknownRequests: 2 });
    h.peerSends(open());
    h.peerSends(keepalive);
    h.sim.run({ untilUs: 1000 });
    h.session.noteUnknownRequest();
    expect(h.session.state).toBe('up');
    h.session.noteUnknownRequest();
    expect(h.sentKinds().at(-1)).toBe('Close(4)');
    expect(h.session.state).toBe('idle');
  });

  it('unknown messages spread wider than the window are tolerated', () => {
    const h = harness();
    h.peerSends(open(30, 120));
    h.peerSends(keepalive);
    // One every 16 s: never 5 within 60 s.
    for (let k = 1; k <= 12; k++) {
      h.peerSends(Uint8Array.from([0x20, 200, 0x00, 0x04]), k * 16 * S);
      h.peerSends(keepalive, k * 16 * S);
    }
    h.sim.run({ untilUs: 200 * S });
    expect(h.session.state).toBe('up');
  });

  it('a malformed message in up: its PCErr, and the session stays up', () => {
    const h = harness();
    h.peerSends(open());
    h.peerSends(keepalive);
    // A PCRpt without an LSP object: PCErr 6/8.
    h.peerSends(
      Uint8Array.from([0x20, 0x0a, 0x00, 0x10, 0x21, 0x10, 0x00, 0x0c, 0, 0, 0, 0, 0, 0, 0, 1]),
      1000,
    );
    h.sim.run({ untilUs: 2000 });
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive', 'PCErr(6,8)']);
    expect(h.session.state).toBe('up');
  });

  it('a malformed object framing in up: Close 3', () => {
    const h = harness();
    h.peerSends(open());
    h.peerSends(keepalive);
    h.peerSends(Uint8Array.from([0x20, 0x0a, 0x00, 0x08, 0x21, 0x10, 0x00, 0x03]), 1000);
    h.sim.run({ untilUs: 2000 });
    expect(h.sentKinds().at(-1)).toBe('Close(3)');
    expect(h.session.state).toBe('idle');
  });

  it('a peer that sends garbage (bad version) is cut off', () => {
    const h = harness();
    h.peerSends(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff]));
    h.sim.run({ untilUs: 1000 });
    expect(h.session.state).toBe('idle');
    expect(h.transport).toContain('close');
  });

  it('Keepalive 0 / DeadTimer 0: no Keepalives, never dead', () => {
    const h = harness({
      keepaliveS: 0,
      deadTimerS: 0,
      acceptableKeepaliveS: { min: 0, max: 255 },
      acceptableDeadTimerS: { min: 0, max: 255 },
    });
    h.peerSends(open(0, 0));
    h.peerSends(keepalive);
    h.sim.run({ untilUs: 3600 * S });
    expect(h.session.state).toBe('up');
    expect(h.sentKinds()).toStrictEqual(['Open', 'Keepalive']);
  });
});
