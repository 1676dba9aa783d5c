/**
 * Message grammars (RBNF checks), table-driven over object kinds: what each message accepts,
 * and for what it refuses, the object it points at and the PCErr or Close reason it owes.
 * Validators read only `kind`, the P flag and the SRP's R flag, so small `{ kind, p }` objects
 * stand in for decoded ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GrammarViolation, Kinded } from '../../sim/pcep/definition.ts';
import { messageDefinitionByKind, messageDefinitions } from '../../sim/pcep/messages/registry.ts';

type Want = undefined | { index: number; pcErr?: [number, number]; closeReason?: number };

/**
 * 'SRP!' stands for an SRP with the R (LSP-Remove) flag set; a trailing '~' for an object with
 * the P flag clear (every other object has it set, as speakers send mandatory objects).
 */
function objects(spec: string): Kinded[] {
  if (spec === '') return [];
  return spec
    .split(' ')
    .map((k) =>
      k === 'SRP!'
        ? { kind: 'SRP', p: true, remove: true }
        : k.endsWith('~')
          ? { kind: k.slice(0, -1), p: false }
          : { kind: k, p: true },
    );
}

function check(message: string, spec: string, want: Want): void {
  const def = messageDefinitionByKind(message);
  if (def === undefined) throw new Error(`no message ${message}`);
  const got: GrammarViolation | undefined = def.validate(objects(spec));
  if (want === undefined) {
    expect(got).toBeUndefined();
    return;
  }
  expect(got).toBeDefined();
  expect(got?.index).toBe(want.index);
  expect(got?.reason).toEqual(expect.any(String));
  if (want.pcErr) {
    expect(got?.pcErr).toEqual({ errorType: want.pcErr[0], errorValue: want.pcErr[1] });
    expect(got?.closeReason).toBeUndefined();
  } else {
    expect(got?.pcErr).toBeUndefined();
    expect(got?.closeReason).toBe(want.closeReason);
  }
}

const ok = undefined;
const close3 = (index: number): Want => ({ index, closeReason: 3 });
const err = (index: number, t: number, v: number): Want => ({ index, pcErr: [t, v] });

const cases: [string, string, Want][] = [
  // Keepalive and Open (exemplars).
  ['Keepalive', '', ok],
  ['Keepalive', 'UNKNOWN-OBJECT', close3(0)],
  ['Open', 'OPEN', ok],

  // PCReq, RFC 5440 §6.4.
  ['PCReq', 'RP END-POINTS-IPV4', ok],
  ['PCReq', 'RP END-POINTS-IPV4~', { index: 1, pcErr: [10, 1] }], // RFC 5440 §7.6
  ['PCReq', 'RP~ END-POINTS-IPV4', { index: 0, pcErr: [10, 1] }], // RFC 5440 §7.4.1
  ['PCReq', 'END-POINTS-IPV4~', { index: 0, pcErr: [6, 1] }], // no RP comes first
  [
    'PCReq',
    'RP END-POINTS-IPV6 LSPA BANDWIDTH-REQUESTED METRIC METRIC RRO BANDWIDTH-EXISTING IRO LOAD-BALANCING',
    ok,
  ],
  ['PCReq', 'RP LSPA END-POINTS-IPV4 METRIC', ok], // reordered inside the request
  ['PCReq', 'SVEC OF METRIC GLOBAL-CONSTRAINTS XRO SVEC RP END-POINTS-IPV4 RP END-POINTS-IPV4', ok],
  ['PCReq', 'MONITORING PCC-REQ-ID-IPV4 RP END-POINTS-IPV4', ok],
  ['PCReq', 'RP P2MP-END-POINTS-IPV4', ok],
  ['PCReq', 'RP PATH-KEY', ok], // RFC 5520 path-key expansion
  ['PCReq', 'VENDOR-INFORMATION RP UNKNOWN-OBJECT END-POINTS-IPV4 VENDOR-INFORMATION', ok],
  ['PCReq', 'RP END-POINTS-IPV4 LSP', ok], // RFC 8231 §6.4
  ['PCReq', '', err(0, 6, 1)],
  ['PCReq', 'SVEC', err(1, 6, 1)],
  ['PCReq', 'END-POINTS-IPV4 RP', err(0, 6, 1)],
  ['PCReq', 'SVEC LSPA RP END-POINTS-IPV4', err(1, 6, 1)],
  ['PCReq', 'RP', err(0, 6, 3)],
  ['PCReq', 'RP BANDWIDTH-REQUESTED', err(0, 6, 3)],
  ['PCReq', 'RP END-POINTS-IPV4 RP METRIC RP END-POINTS-IPV4', err(2, 6, 3)],
  ['PCReq', 'RP END-POINTS-IPV4 RP LSPA', err(2, 6, 3)],
  ['PCReq', 'RP END-POINTS-IPV4 NOTIFICATION', close3(2)],
  ['PCReq', 'OPEN RP END-POINTS-IPV4', close3(0)],

  // PCRep, RFC 5440 §6.5.
  ['PCRep', 'RP', ok],
  ['PCRep', 'RP NO-PATH', ok],
  ['PCRep', 'RP ERO LSPA BANDWIDTH-REQUESTED METRIC IRO ERO METRIC RP NO-PATH', ok],
  ['PCRep', 'RP METRIC ERO', ok],
  ['PCRep', 'VENDOR-INFORMATION RP ERO', ok],
  ['PCRep', '', err(0, 6, 1)],
  ['PCRep', 'VENDOR-INFORMATION', err(1, 6, 1)],
  ['PCRep', 'ERO RP', err(0, 6, 1)],
  ['PCRep', 'NO-PATH', err(0, 6, 1)],
  ['PCRep', 'RP PCEP-ERROR', close3(1)],

  // PCNtf, RFC 5440 §6.6.
  ['PCNtf', 'NOTIFICATION', ok],
  ['PCNtf', 'NOTIFICATION NOTIFICATION', ok],
  ['PCNtf', 'RP RP NOTIFICATION NOTIFICATION RP NOTIFICATION NOTIFICATION', ok],
  ['PCNtf', 'UNKNOWN-OBJECT NOTIFICATION', ok],
  ['PCNtf', '', close3(0)],
  ['PCNtf', 'RP', close3(0)],
  ['PCNtf', 'NOTIFICATION RP RP', close3(1)],
  ['PCNtf', 'RP NOTIFICATION ERO', close3(2)],

  // PCErr, RFC 5440 §6.7 and RFC 8231 §6.3.
  ['PCErr', 'PCEP-ERROR', ok],
  ['PCErr', 'PCEP-ERROR PCEP-ERROR OPEN', ok],
  ['PCErr', 'RP RP PCEP-ERROR', ok],
  ['PCErr', 'SRP PCEP-ERROR PCEP-ERROR', ok],
  ['PCErr', 'PCEP-ERROR OPEN RP PCEP-ERROR SRP SRP PCEP-ERROR PCEP-ERROR', ok],
  ['PCErr', 'PCEP-ERROR RP PCEP-ERROR', ok],
  ['PCErr', 'PCEP-ERROR OPEN PCEP-ERROR', ok],
  ['PCErr', 'SRP PCEP-ERROR LSP', ok], // RFC 8231 §8.5 before erratum 5970
  ['PCErr', '', close3(0)],
  ['PCErr', 'VENDOR-INFORMATION', close3(1)],
  ['PCErr', 'RP', close3(0)],
  ['PCErr', 'PCEP-ERROR RP', close3(1)],
  ['PCErr', 'OPEN PCEP-ERROR', close3(0)],
  ['PCErr', 'RP PCEP-ERROR OPEN', close3(2)],
  ['PCErr', 'PCEP-ERROR OPEN OPEN', close3(2)],
  ['PCErr', 'PCEP-ERROR RP PCEP-ERROR OPEN', close3(3)],
  ['PCErr', 'RP SRP PCEP-ERROR', close3(1)],
  ['PCErr', 'LSP PCEP-ERROR', close3(0)],
  ['PCErr', 'PCEP-ERROR OPEN LSP', close3(2)],
  ['PCErr', 'PCEP-ERROR ERO', close3(1)],

  // Close, RFC 5440 §6.8.
  ['Close', 'CLOSE', ok],
  ['Close', 'VENDOR-INFORMATION CLOSE UNKNOWN-OBJECT', ok],
  ['Close', '', close3(0)],
  ['Close', 'CLOSE CLOSE', close3(1)],
  ['Close', 'CLOSE RP', close3(1)],

  // PCMonReq / PCMonRep, RFC 5886.
  ['PCMonReq', 'MONITORING PCC-REQ-ID-IPV4', ok],
  ['PCMonReq', 'MONITORING PCC-REQ-ID-IPV4 SVEC RP END-POINTS-IPV4', ok],
  ['PCMonReq', 'PCC-REQ-ID-IPV6 MONITORING', ok],
  ['PCMonReq', 'PCC-REQ-ID-IPV4', err(0, 6, 4)],
  ['PCMonReq', '', err(0, 6, 4)],
  ['PCMonReq', 'MONITORING CLOSE', close3(1)],
  ['PCMonRep', 'MONITORING PCC-REQ-ID-IPV4 RP', ok],
  ['PCMonRep', 'MONITORING PCC-REQ-ID-IPV4 RP UNKNOWN-OBJECT PROC-TIME OVERLOAD', ok],
  ['PCMonRep', 'RP PCC-REQ-ID-IPV4', err(0, 6, 4)],

  // PCRpt, RFC 8231 §6.1.
  ['PCRpt', 'LSP ERO', ok],
  ['PCRpt', 'SRP LSP ERO', ok],
  ['PCRpt', 'SRP LSP ERO BANDWIDTH-REQUESTED METRIC RRO LSPA BANDWIDTH-REQUESTED METRIC METRIC IRO', ok],
  ['PCRpt', 'LSP ERO SRP LSP ERO LSP ERO RRO', ok],
  ['PCRpt', 'SRP LSP METRIC BANDWIDTH-REQUESTED ERO', ok], // reordered after the LSP
  ['PCRpt', 'SRP ERO LSP', ok],
  ['PCRpt', 'LSP VENDOR-INFORMATION ERO UNKNOWN-OBJECT', ok],
  ['PCRpt', '', err(0, 6, 8)],
  ['PCRpt', 'UNKNOWN-OBJECT', err(1, 6, 8)],
  ['PCRpt', 'SRP ERO', err(0, 6, 8)],
  ['PCRpt', 'LSP ERO SRP ERO', err(2, 6, 8)],
  ['PCRpt', 'ERO', err(0, 6, 8)],
  ['PCRpt', 'LSP', err(0, 6, 9)],
  ['PCRpt', 'SRP LSP RRO', err(1, 6, 9)],
  ['PCRpt', 'LSP LSP ERO', err(0, 6, 9)],
  ['PCRpt', 'SRP LSP ERO SRP LSP BANDWIDTH-REQUESTED', err(4, 6, 9)],
  ['PCRpt', 'LSP ERO PCEP-ERROR', close3(2)],

  // PCUpd, RFC 8231 §6.2.
  ['PCUpd', 'SRP LSP ERO', ok],
  ['PCUpd', 'SRP LSP ERO LSPA BANDWIDTH-REQUESTED METRIC SRP LSP ERO', ok],
  ['PCUpd', 'SRP LSP METRIC ERO', ok],
  ['PCUpd', 'LSP ERO', err(0, 6, 10)],
  ['PCUpd', 'SRP LSP ERO LSP ERO', err(3, 6, 10)],
  ['PCUpd', 'SRP ERO', err(0, 6, 8)],
  ['PCUpd', 'SRP LSP', err(1, 6, 9)],
  ['PCUpd', 'SRP LSP SRP LSP ERO', err(1, 6, 9)],
  ['PCUpd', 'SRP!', err(0, 6, 8)],
  ['PCUpd', '', err(0, 6, 8)],
  ['PCUpd', 'SRP LSP ERO OPEN', close3(3)],

  // PCInitiate, RFC 8281 §5.1.
  ['PCInitiate', 'SRP LSP ERO', ok],
  ['PCInitiate', 'SRP LSP END-POINTS-IPV4 ERO LSPA BANDWIDTH-REQUESTED METRIC', ok],
  ['PCInitiate', 'SRP LSP ERO END-POINTS-IPV6', ok],
  ['PCInitiate', 'SRP! LSP', ok], // deletion
  ['PCInitiate', 'SRP! LSP SRP LSP ERO SRP! LSP', ok],
  ['PCInitiate', 'SRP LSP', err(1, 6, 9)],
  ['PCInitiate', 'SRP LSP END-POINTS-IPV4', err(1, 6, 9)],
  ['PCInitiate', 'SRP! LSP SRP LSP', err(3, 6, 9)],
  ['PCInitiate', 'LSP ERO', err(0, 6, 10)],
  ['PCInitiate', 'SRP! LSP LSP', err(2, 6, 10)],
  ['PCInitiate', 'SRP', err(0, 6, 8)],
  ['PCInitiate', 'SRP! ERO', err(0, 6, 8)],
  ['PCInitiate', '', err(0, 6, 8)],
  ['PCInitiate', 'SRP LSP ERO NOTIFICATION', close3(3)],
];

describe('message grammars', () => {
  it.each(cases)('%s [%s]', (message, spec, want) => {
    check(message, spec, want);
  });

  it('every registered message has grammar cases', () => {
    const covered = new Set(cases.map(([m]) => m));
    for (const d of messageDefinitions) expect(covered.has(d.kind)).toBe(true);
  });

  it('uses the IANA message types', () => {
    const types = Object.fromEntries(messageDefinitions.map((d) => [d.kind, d.type]));
    expect(types).toEqual({
      Open: 1,
      Keepalive: 2,
      PCReq: 3,
      PCRep: 4,
      PCNtf: 5,
      PCErr: 6,
      Close: 7,
      PCMonReq: 8,
      PCMonRep: 9,
      PCRpt: 10,
      PCUpd: 11,
      PCInitiate: 12,
    });
  });
});

describe('message grammar properties', () => {
  const kinds = [
    'RP',
    'END-POINTS-IPV4',
    'P2MP-END-POINTS-IPV6',
    'PATH-KEY',
    'SVEC',
    'OF',
    'METRIC',
    'ERO',
    'RRO',
    'IRO',
    'LSPA',
    'BANDWIDTH-REQUESTED',
    'NO-PATH',
    'LSP',
    'SRP',
    'SRP!',
    'OPEN',
    'CLOSE',
    'PCEP-ERROR',
    'NOTIFICATION',
    'MONITORING',
    'PCC-REQ-ID-IPV4',
    'VENDOR-INFORMATION',
    'UNKNOWN-OBJECT',
  ];

  it('every validator is total: undefined, or a violation inside the message with one answer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...messageDefinitions),
        fc.array(fc.constantFrom(...kinds), { maxLength: 12 }),
        (def, list) => {
          const objs = objects(list.join(' '));
          const v = def.validate(objs);
          if (v === undefined) return;
          expect(Number.isInteger(v.index) && v.index >= 0 && v.index <= objs.length).toBe(true);
          expect((v.pcErr === undefined) !== (v.closeReason === undefined)).toBe(true);
        },
      ),
      { seed: Number(process.env.FC_SEED), numRuns: 2000 },
    );
  });

  it('unknown and vendor objects never change the verdict', () => {
    fc.assert(
      fc.property(
        // Open and Keepalive are exact (RFC 5440 §6.2, §6.3): nothing else may ride along.
        fc.constantFrom(...messageDefinitions.filter((d) => d.kind !== 'Keepalive' && d.kind !== 'Open')),
        fc.array(fc.constantFrom(...kinds.slice(0, -2)), { maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('VENDOR-INFORMATION', 'UNKNOWN-OBJECT')), {
          maxLength: 4,
        }),
        (def, list, extras) => {
          const plain = def.validate(objects(list.join(' ')));
          const mixed = [...list];
          for (const [at, kind] of extras) mixed.splice(at % (mixed.length + 1), 0, kind);
          const withExtras = def.validate(objects(mixed.join(' ')));
          expect(withExtras === undefined).toBe(plain === undefined);
          if (plain !== undefined) {
            expect(withExtras?.pcErr).toEqual(plain.pcErr);
            expect(withExtras?.closeReason).toBe(plain.closeReason);
          }
        },
      ),
      { seed: Number(process.env.FC_SEED), numRuns: 2000 },
    );
  });
});
