/**
 * The discrete-event simulator: a clock in integer microseconds, the pending-event set, the
 * run's named random streams. It knows nothing of PCEP.
 */
import { SimulationError } from './errors.ts';
import { EventQueue, type EventHandler, type PoppedEvent } from './event-queue.ts';
import { RandomStreams } from './random.ts';
import { Trace } from './trace.ts';

/** A scheduled event's handle, for cancel(); stale handles are harmless. */
export type EventHandle = number;

export interface RunOptions {
  /** Stop before the first event later than this time (µs); the clock then reads this time. */
  untilUs?: number;
  /** Stop after this many events; exceeding it is not an error. */
  maxEvents?: number;
}

export interface RunResult {
  /** Events run by this call. */
  events: number;
  /** Why the run ended. */
  stoppedBy: 'empty' | 'until' | 'maxEvents' | 'stop';
  /** The clock when it ended (µs). */
  nowUs: number;
}

export interface SimulatorOptions {
  /** The run's seed; every random stream derives from it and the stream's name. */
  seed?: string;
}

export class Simulator {
  private readonly queue = new EventQueue();
  private readonly popped: PoppedEvent = {
    timeUs: 0,
    handler: noop,
    arg: undefined,
    label: undefined,
    owner: undefined,
  };
  private stopRequested = false;
  private current: PoppedEvent | undefined;
  /** Events run since the simulator was made. */
  eventsRun = 0;
  readonly random: RandomStreams;
  /** Where everything observable goes; producers check `trace.on` first. */
  readonly trace = new Trace();

  constructor(options: SimulatorOptions = {}) {
    this.random = new RandomStreams(options.seed ?? '1');
  }

  /** Simulated time now, in microseconds. */
  get nowUs(): number {
    return this.queue.nowUs;
  }

  /** Events pending. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /**
   * Schedules `handler(arg)` after `delayUs` microseconds (an integer ≥ 0). `label` and `owner`
   * name the event and its node in errors and traces; pass constants so scheduling allocates
   * nothing. Throws SimulationError for a negative or non-integer delay.
   */
  schedule(
    delayUs: number,
    handler: EventHandler,
    arg?: unknown,
    label?: string,
    owner?: string,
  ): EventHandle {
    if (!(delayUs >= 0) || delayUs !== Math.floor(delayUs) || delayUs > Number.MAX_SAFE_INTEGER) {
      throw new SimulationError(
        `cannot schedule ${delayUs} µs from now: delays are integers ≥ 0`,
        this.nowUs,
        label,
        owner,
      );
    }
    return this.queue.push(this.queue.nowUs + delayUs, handler, arg, label, owner);
  }

  /** Schedules at an absolute time (µs, integer ≥ now). Throws SimulationError for the past. */
  scheduleAt(
    timeUs: number,
    handler: EventHandler,
    arg?: unknown,
    label?: string,
    owner?: string,
  ): EventHandle {
    if (!(timeUs >= this.nowUs) || timeUs !== Math.floor(timeUs) || timeUs > Number.MAX_SAFE_INTEGER) {
      throw new SimulationError(
        `cannot schedule at ${timeUs} µs: the clock reads ${this.nowUs} µs`,
        this.nowUs,
        label,
        owner,
      );
    }
    return this.queue.push(timeUs, handler, arg, label, owner);
  }

  /** Cancels a pending event in O(1); returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** True while the event is pending. */
  isPending(handle: EventHandle): boolean {
    return this.queue.isPending(handle);
  }

  /** Ends the current run() after the running event returns. */
  stop(): void {
    this.stopRequested = true;
  }

  /** The label and owner of the event being run, for traces. */
  get currentEvent(): { label: string | undefined; owner: string | undefined } | undefined {
    return this.current;
  }

  /**
   * Runs events in (time, sequence) order. An exception from a handler becomes a
   * SimulationError naming the time, event and node, with the original as its cause.
   */
  run(options: RunOptions = {}): RunResult {
    const until = options.untilUs ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (until < this.nowUs) {
      throw new SimulationError(`run until ${until} µs is in the past`, this.nowUs, undefined, undefined);
    }
    const ev = this.popped;
    const queue = this.queue;
    this.stopRequested = false;
    let n = 0;
    let stoppedBy: RunResult['stoppedBy'] = 'empty';
    while (true) {
      if (n >= maxEvents) {
        stoppedBy = 'maxEvents';
        break;
      }
      if (!queue.pop(ev, until)) {
        if (queue.size > 0 || until !== Infinity) {
          if (until !== Infinity) queue.advanceTo(until);
          stoppedBy = queue.size > 0 ? 'until' : 'empty';
        }
        break;
      }
      n++;
      this.current = ev;
      try {
        ev.handler(ev.arg);
      } catch (err) {
        this.current = undefined;
        this.eventsRun += n;
        if (err instanceof SimulationError) throw err;
        const reason = err instanceof Error ? err.message : String(err);
        throw new SimulationError(`event handler threw: ${reason}`, ev.timeUs, ev.label, ev.owner, {
          cause: err,
        });
      }
      if (this.stopRequested) {
        stoppedBy = 'stop';
        break;
      }
    }
    this.current = undefined;
    this.eventsRun += n;
    return { events: n, stoppedBy, nowUs: this.nowUs };
  }
}

function noop(): void {}
