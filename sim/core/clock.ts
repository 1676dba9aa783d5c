/**
 * The kernel clock for things that keep time but must not know the kernel: the session machine
 * (through xstate's actor clock, in milliseconds) and timers that re-arm themselves (in
 * microseconds, allocation-free with a static handler and an argument).
 */
import type { Simulator } from './simulator.ts';

export interface SimClock {
  /** Simulated time now, in microseconds. */
  nowUs(): number;
  /** Calls `handler(arg)` after `delayUs`; returns a handle for cancel. */
  scheduleUs(delayUs: number, handler: (arg: unknown) => void, arg: unknown, label?: string): number;
  cancel(handle: number): void;
  /** xstate's clock interface: `after` delays are milliseconds. */
  setTimeout(fn: (...args: unknown[]) => void, timeoutMs: number): number;
  clearTimeout(id: number): void;
}

function runCallback(fn: unknown): void {
  (fn as () => void)();
}

/** A SimClock backed by the simulator; `owner` names the node in errors and traces. */
export function kernelClock(sim: Simulator, owner?: string): SimClock {
  return {
    nowUs: () => sim.nowUs,
    scheduleUs: (delayUs, handler, arg, label) => sim.schedule(delayUs, handler, arg, label, owner),
    cancel: (handle) => {
      sim.cancel(handle);
    },
    // xstate delays are milliseconds; kernel time is integer microseconds.
    setTimeout: (fn, timeoutMs) =>
      sim.schedule(Math.round(timeoutMs * 1000), runCallback, fn, 'xstate.after', owner),
    clearTimeout: (id) => {
      sim.cancel(id);
    },
  };
}
