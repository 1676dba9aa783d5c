/**
 * The event queue pops in (time, seq) order, whatever mix of near, far (overflow), equal-time
 * and cancelled events it holds: checked against a sorted reference model with fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, HORIZON_US, type PoppedEvent } from '../../sim/core/event-queue.ts';

const seed = Number(process.env.FC_SEED ?? 20261121);

type Op = { op: 'push'; delayUs: number } | { op: 'pop' } | { op: 'cancel'; pick: number };

const delay = fc.oneof(
  fc.integer({ min: 0, max: 3 }), // ties and near events
  fc.integer({ min: 0, max: 2000 }),
  fc.integer({ min: HORIZON_US - 3, max: HORIZON_US + 3 }), // the wheel's edge
  fc.integer({ min: 0, max: 5 * HORIZON_US }), // overflow
);
const ops = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: delay.map((delayUs) => ({ op: 'push', delayUs }) as Op) },
    { weight: 4, arbitrary: fc.constant({ op: 'pop' } as Op) },
    { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: 'cancel', pick }) as Op) },
  ),
  { maxLength: 400 },
);

function blank(): PoppedEvent {
  return { timeUs: 0, handler: () => {}, arg: undefined, label: undefined, owner: undefined };
}

describe('EventQueue', () => {
  it('pops in (time, seq) order against a reference model', () => {
    fc.assert(
      fc.property(ops, (program) => {
        const q = new EventQueue();
        const model: { timeUs: number; seq: number; handle: number }[] = [];
        let seqNo = 0;
        const out = blank();
        for (const step of program) {
          if (step.op === 'push') {
            const timeUs = q.nowUs + step.delayUs;
            const id = seqNo++;
            const handle = q.push(timeUs, () => {}, id, undefined, undefined);
            model.push({ timeUs, seq: id, handle });
          } else if (step.op === 'cancel') {
            if (model.length === 0) continue;
            const victim = model.splice(step.pick % model.length, 1)[0]!;
            expect(q.cancel(victim.handle)).toBe(true);
            expect(q.cancel(victim.handle)).toBe(false); // a second cancel is a no-op
          } else {
            model.sort((a, b) => a.timeUs - b.timeUs || a.seq - b.seq);
            const want = model.shift();
            const got = q.pop(out);
            expect(got).toBe(want !== undefined);
            if (want) {
              expect([out.timeUs, out.arg]).toStrictEqual([want.timeUs, want.seq]);
              expect(q.nowUs).toBe(want.timeUs);
            }
          }
          expect(q.size).toBe(model.length);
        }
        // Drain: the rest comes out in order too.
        model.sort((a, b) => a.timeUs - b.timeUs || a.seq - b.seq);
        for (const want of model) {
          expect(q.pop(out)).toBe(true);
          expect([out.timeUs, out.arg]).toStrictEqual([want.timeUs, want.seq]);
        }
        expect(q.pop(out)).toBe(false);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('keeps seq order for equal times when some arrive through the overflow heap', () => {
    const q = new EventQueue();
    const far = 3 * HORIZON_US;
    q.push(far, () => {}, 'early-far', undefined, undefined); // overflow
    q.push(far - HORIZON_US + 10, () => {}, 'step', undefined, undefined); // brings `far` into range
    const out = blank();
    expect(q.pop(out)).toBe(true);
    expect(out.arg).toBe('step');
    q.push(far, () => {}, 'late-near', undefined, undefined); // now within the wheel
    expect(q.pop(out)).toBe(true);
    expect(out.arg).toBe('early-far');
    expect(q.pop(out)).toBe(true);
    expect(out.arg).toBe('late-near');
  });

  it('stale handles do not cancel a reused slot', () => {
    const q = new EventQueue();
    const out = blank();
    const h1 = q.push(5, () => {}, 'a', undefined, undefined);
    q.pop(out);
    const h2 = q.push(6, () => {}, 'b', undefined, undefined);
    expect(q.cancel(h1)).toBe(false);
    expect(q.isPending(h2)).toBe(true);
    expect(q.pop(out)).toBe(true);
    expect(out.arg).toBe('b');
  });

  it('respects the pop limit without consuming the event', () => {
    const q = new EventQueue();
    const out = blank();
    q.push(100, () => {}, 'x', undefined, undefined);
    expect(q.pop(out, 99)).toBe(false);
    expect(q.size).toBe(1);
    expect(q.pop(out, 100)).toBe(true);
  });

  it('grows past its initial capacity', () => {
    const q = new EventQueue();
    for (let i = 0; i < 5000; i++) q.push(i % 97, () => {}, i, undefined, undefined);
    const out = blank();
    let last = -1;
    let count = 0;
    while (q.pop(out)) {
      expect(out.timeUs).toBeGreaterThanOrEqual(last);
      last = out.timeUs;
      count++;
    }
    expect(count).toBe(5000);
  });

  it('handles stay exact after the generation of a slot wraps', () => {
    const q = new EventQueue();
    const out = blank();
    // Force the generation of slot 0 near its 29-bit wrap, then check cancel still works.
    (q as unknown as { generation: Uint32Array }).generation[0] = 0x1ffffffe;
    for (let k = 0; k < 3; k++) {
      const h = q.push(1, () => {}, k, undefined, undefined);
      expect(q.isPending(h)).toBe(true);
      expect(q.cancel(h)).toBe(true);
      expect(q.pop(out)).toBe(false); // the cancelled event is dropped, its slot freed
    }
  });
});
