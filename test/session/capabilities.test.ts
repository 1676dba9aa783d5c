/** Capabilities read from an Open, and the negotiation rules, table-driven. */
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../sim/pcep/index.ts';
import { capabilitiesOf, type OpenObject } from '../../sim/session/capabilities.ts';
import { sessionConfig } from '../../sim/session/config.ts';
import { canAdopt, judgeOpen } from '../../sim/session/negotiation.ts';
import { parseHex } from '../fixtures/pcep/fixture.ts';
import { open } from './harness.ts';

describe('capabilitiesOf', () => {
  it('reads stateful flags, path setup types with SR, H-PCE, domains, speaker id, DB version, R', () => {
    const msg = decodeMessage(
      parseHex(`
        20 01 0050
        01 10 004c  21 1e 78 05           # OPEN: R, Keepalive 30, DeadTimer 120, SID 5
        0010 0004 0000403f                # STATEFUL-PCE-CAPABILITY: state-sync, F D T I S U
        0022 0010 000000 02 00 01 0000    # PATH-SETUP-TYPE-CAPABILITY: RSVP-TE, SR
        001a 0004 0000 02 08              #   SR-PCE-CAPABILITY: N, MSD 8
        000d 0004 00000001                # H-PCE-CAPABILITY: parent PCE request
        000e 0008 02 000000 0000fde8      # DOMAIN-ID: 4-byte AS 65000
        0018 0004 70636531                # SPEAKER-ENTITY-ID "pce1"
        0017 0008 0000000000000007        # LSP-DB-VERSION 7
      `),
    );
    const caps = capabilitiesOf(msg.objects[0] as OpenObject);
    expect(caps).toMatchObject({
      keepaliveS: 30,
      deadTimerS: 120,
      sessionId: 5,
      openRefresh: true,
      stateful: {
        lspUpdate: true,
        includeDbVersion: true,
        lspInstantiation: true,
        triggeredResync: true,
        deltaLspSync: true,
        triggeredInitialSync: true,
        stateSync: true,
      },
      pathSetupTypes: [0, 1],
      sr: { msd: 8, unlimitedMsd: false, naiSupported: true },
      hPce: { parentPceRequest: true },
      speakerEntityId: 'pce1',
      lspDbVersion: 7n,
    });
    expect(caps.domains).toHaveLength(1);
  });

  it('an Open without TLVs: stateless, RSVP-TE only', () => {
    const caps = capabilitiesOf(open().objects[0] as OpenObject);
    expect([caps.stateful, caps.pathSetupTypes, caps.sr, caps.hPce]).toStrictEqual([
      undefined,
      [0],
      undefined,
      undefined,
    ]);
  });
});

describe('negotiation (RFC 5440 §6.2)', () => {
  const config = sessionConfig({
    acceptableKeepaliveS: { min: 10, max: 60 },
    acceptableDeadTimerS: { min: 40, max: 240 },
  });
  it.each([
    [30, 120, true, undefined, undefined],
    [5, 120, false, 10, 120],
    [100, 120, false, 60, 120],
    [30, 20, false, 30, 120],
    [5, 20, false, 10, 40],
  ])('Keepalive %d, DeadTimer %d: acceptable %s, proposal %s/%s', (ka, dt, ok, pka, pdt) => {
    const verdict = judgeOpen(open(ka, dt).objects[0] as OpenObject, config);
    expect(verdict.acceptable).toBe(ok);
    if (!verdict.acceptable)
      expect([verdict.counterKeepaliveS, verdict.counterDeadTimerS]).toStrictEqual([pka, pdt]);
  });

  it('another PCEP version is never acceptable', () => {
    const o = { ...(open().objects[0] as OpenObject), version: 2 };
    expect(judgeOpen(o, config).acceptable).toBe(false);
  });

  it.each([
    [20, 80, true],
    [5, 80, false],
    [20, 300, false],
  ])('a proposal of Keepalive %d / DeadTimer %d is adoptable: %s', (ka, dt, ok) => {
    expect(canAdopt(open(ka, dt).objects[0] as OpenObject, config)).toBe(ok);
  });
});
