/** The simulator's public API: scheduling rules, run limits, errors that name time and event. */
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../sim/core/errors.ts';
import { Simulator } from '../../sim/core/simulator.ts';

describe('Simulator', () => {
  it('runs events in time order and advances the clock', () => {
    const sim = new Simulator();
    const seen: [number, string][] = [];
    sim.schedule(30, () => seen.push([sim.nowUs, 'c']));
    sim.schedule(10, () => seen.push([sim.nowUs, 'a']));
    sim.schedule(10, () => seen.push([sim.nowUs, 'b']));
    expect(sim.run()).toStrictEqual({ events: 3, stoppedBy: 'empty', nowUs: 30 });
    expect(seen).toStrictEqual([
      [10, 'a'],
      [10, 'b'],
      [30, 'c'],
    ]);
  });

  it('stops at untilUs with the clock there, and resumes later', () => {
    const sim = new Simulator();
    let fired = 0;
    sim.schedule(100, () => fired++);
    expect(sim.run({ untilUs: 50 })).toStrictEqual({ events: 0, stoppedBy: 'until', nowUs: 50 });
    expect(sim.run({ untilUs: 100 })).toMatchObject({ events: 1, nowUs: 100 });
    expect(fired).toBe(1);
  });

  it('stops after maxEvents and on stop()', () => {
    const sim = new Simulator();
    const tick = (): void => {
      sim.schedule(1, tick);
    };
    sim.schedule(0, tick);
    expect(sim.run({ maxEvents: 10 })).toMatchObject({ events: 10, stoppedBy: 'maxEvents' });
    sim.schedule(0, () => sim.stop());
    expect(sim.run()).toMatchObject({ stoppedBy: 'stop' });
  });

  it('cancels in O(1) by handle', () => {
    const sim = new Simulator();
    let fired = false;
    const h = sim.schedule(5, () => (fired = true));
    expect(sim.cancel(h)).toBe(true);
    sim.run();
    expect(fired).toBe(false);
    expect(sim.cancel(h)).toBe(false);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses a delay of %d µs with a SimulationError', (delayUs) => {
    const sim = new Simulator();
    expect(() => sim.schedule(delayUs, () => {}, undefined, 'timer', 'pcc1')).toThrow(SimulationError);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulator();
    sim.schedule(10, () => {
      try {
        sim.scheduleAt(5, () => {}, undefined, 'late', 'pce1');
      } catch (err) {
        expect(err).toBeInstanceOf(SimulationError);
        expect((err as SimulationError).timeUs).toBe(10);
        expect((err as SimulationError).eventLabel).toBe('late');
        expect((err as SimulationError).node).toBe('pce1');
        throw err;
      }
    });
    expect(() => sim.run()).toThrow(SimulationError);
  });

  it('turns a handler exception into a SimulationError naming time, event and node', () => {
    const sim = new Simulator();
    const boom = new TypeError('boom');
    sim.schedule(
      7,
      () => {
        throw boom;
      },
      undefined,
      'keepalive',
      'pcc42',
    );
    let caught: unknown;
    try {
      sim.run();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    const e = caught as SimulationError;
    expect([e.timeUs, e.eventLabel, e.node, e.cause]).toStrictEqual([7, 'keepalive', 'pcc42', boom]);
  });
});

describe('RandomStreams', () => {
  it('gives the same numbers for the same seed and name, whatever other streams exist', () => {
    const a = new Simulator({ seed: 's' });
    const b = new Simulator({ seed: 's' });
    b.random.stream('another-node').uniform(); // an extra consumer in run b
    const xs = Array.from({ length: 5 }, () => a.random.stream('link:1').uniform());
    const ys = Array.from({ length: 5 }, () => b.random.stream('link:1').uniform());
    expect(ys).toStrictEqual(xs);
    expect(new Simulator({ seed: 't' }).random.stream('link:1').uniform()).not.toBe(xs[0]);
  });
});
