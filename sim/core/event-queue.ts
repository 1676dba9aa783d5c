/**
 * The pending-event set: events ordered by (time, sequence number), O(1) schedule, pop and
 * cancel for events within the wheel's horizon, and no allocation per event.
 *
 * Simulated time is an integer number of microseconds, so a timing wheel with one bucket per
 * microsecond holds every event due within HORIZON_US of now. Events in a bucket all have the
 * same time, and a bucket is a FIFO list: since sequence numbers grow with each schedule call,
 * appending keeps each bucket in sequence order without comparing anything. A two-level bitmap
 * finds the next non-empty bucket in a few word operations. Events further ahead wait in a
 * binary heap ordered by (time, seq) and move into the wheel, in order, before the wheel could
 * receive any later-scheduled event of the same time, which keeps the (time, seq) order exact.
 *
 * Events live in a struct-of-arrays slab indexed by slot; a handle is slot + generation so a
 * stale handle never cancels a reused slot. Cancellation marks the slot; the event is dropped
 * when it reaches the front.
 */

const WHEEL_BITS = 16;
/** Events due within this many microseconds of now go straight into the wheel. */
export const HORIZON_US = 1 << WHEEL_BITS;
const WHEEL_MASK = HORIZON_US - 1;
const WORDS = HORIZON_US >>> 5; // level-0 bitmap words
const SUMMARY_WORDS = WORDS >>> 5; // level-1 bitmap words

/** Index of the lowest set bit of a non-zero 32-bit word. */
function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

const SLOT_BITS = 24;
const SLOT_LIMIT = 1 << SLOT_BITS;
const NONE = -1;

/** What a caller schedules: a handler called with the stored argument. */
export type EventHandler = (arg: unknown) => void;

/** The event at the front of the queue, as {@link EventQueue.pop} leaves it. */
export interface PoppedEvent {
  timeUs: number;
  handler: EventHandler;
  arg: unknown;
  label: string | undefined;
  owner: string | undefined;
}

export class EventQueue {
  private capacity = 1024;
  private timeUs = new Float64Array(this.capacity);
  private seq = new Float64Array(this.capacity);
  private next = new Int32Array(this.capacity);
  private generation = new Uint32Array(this.capacity);
  private live = new Uint8Array(this.capacity);
  private handlers: (EventHandler | undefined)[] = new Array<EventHandler | undefined>(this.capacity);
  private args: unknown[] = new Array<unknown>(this.capacity);
  private labels: (string | undefined)[] = new Array<string | undefined>(this.capacity);
  private owners: (string | undefined)[] = new Array<string | undefined>(this.capacity);
  private freeHead = NONE;
  private used = 0;

  private readonly head = new Int32Array(HORIZON_US).fill(NONE);
  private readonly tail = new Int32Array(HORIZON_US).fill(NONE);
  private readonly bits = new Uint32Array(WORDS);
  private readonly summary = new Uint32Array(SUMMARY_WORDS);
  private inWheel = 0;

  // Overflow: binary heap of slots ordered by (time, seq).
  private heap = new Int32Array(1024);
  private heapSize = 0;

  private nextSeq = 0;
  private pendingCount = 0;
  /** The time of the last event popped: the simulation's present. */
  nowUs = 0;

  /** Events scheduled and not yet run or cancelled. */
  get size(): number {
    return this.pendingCount;
  }

  /**
   * Adds an event at `timeUs` (an integer ≥ nowUs; the caller checks) and returns its handle.
   */
  push(
    timeUs: number,
    handler: EventHandler,
    arg: unknown,
    label: string | undefined,
    owner: string | undefined,
  ): number {
    const slot = this.allocate();
    this.timeUs[slot] = timeUs;
    this.seq[slot] = this.nextSeq++;
    this.handlers[slot] = handler;
    this.args[slot] = arg;
    this.labels[slot] = label;
    this.owners[slot] = owner;
    this.live[slot] = 1;
    this.pendingCount++;
    if (timeUs - this.nowUs < HORIZON_US) this.append(slot, timeUs);
    else this.heapPush(slot);
    return (this.generation[slot] as number) * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; returns false when the handle is stale (already run or cancelled). */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_LIMIT;
    const gen = Math.floor(handle / SLOT_LIMIT);
    if (slot >= this.used || this.generation[slot] !== gen || this.live[slot] !== 1) return false;
    this.live[slot] = 0;
    this.handlers[slot] = undefined;
    this.args[slot] = undefined;
    this.pendingCount--;
    return true;
  }

  /** True when the handle names an event still pending. */
  isPending(handle: number): boolean {
    const slot = handle % SLOT_LIMIT;
    return (
      slot < this.used && this.generation[slot] === Math.floor(handle / SLOT_LIMIT) && this.live[slot] === 1
    );
  }

  /** The time of the next live event, or Infinity when none is pending. */
  peekTimeUs(): number {
    for (;;) {
      const slot = this.front();
      if (slot === NONE) return Infinity;
      if (this.live[slot] === 1) return this.timeUs[slot] as number;
      this.removeFront(slot);
      this.release(slot);
    }
  }

  /**
   * Removes the next live event due at or before `limitUs`, advances nowUs to its time and
   * fills `out`; returns false when no such event is pending. `out` is reused by the caller so
   * popping allocates nothing.
   */
  pop(out: PoppedEvent, limitUs = Infinity): boolean {
    for (;;) {
      const slot = this.front();
      if (slot === NONE) return false;
      if (this.live[slot] !== 1) {
        this.removeFront(slot);
        this.release(slot);
        continue;
      }
      const t = this.timeUs[slot] as number;
      if (t > limitUs) return false;
      this.removeFront(slot);
      out.timeUs = t;
      out.handler = this.handlers[slot] as EventHandler;
      out.arg = this.args[slot];
      out.label = this.labels[slot];
      out.owner = this.owners[slot];
      this.pendingCount--;
      this.release(slot);
      if (t !== this.nowUs) this.advanceTo(t);
      return true;
    }
  }

  /**
   * Moves the present forward to `timeUs` (≥ nowUs and ≤ the next event's time), for a run that
   * stops at a time limit with nothing due then.
   */
  advanceTo(timeUs: number): void {
    this.nowUs = timeUs;
    this.migrate();
  }

  // --- slab ---------------------------------------------------------------------------------

  private allocate(): number {
    if (this.freeHead !== NONE) {
      const slot = this.freeHead;
      this.freeHead = this.next[slot] as number;
      return slot;
    }
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  private release(slot: number): void {
    this.live[slot] = 0;
    this.handlers[slot] = undefined;
    this.args[slot] = undefined;
    this.labels[slot] = undefined;
    this.owners[slot] = undefined;
    // Generations wrap at 2^29 so slot + generation x 2^24 stays an exact integer below 2^53.
    this.generation[slot] = ((this.generation[slot] as number) + 1) & 0x1fffffff;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
  }

  private grow(): void {
    if (this.capacity >= SLOT_LIMIT) throw new RangeError(`more than ${SLOT_LIMIT} pending events`);
    const cap = Math.min(this.capacity * 2, SLOT_LIMIT);
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.timeUs = f64(this.timeUs);
    this.seq = f64(this.seq);
    const next = new Int32Array(cap);
    next.set(this.next);
    this.next = next;
    const gen = new Uint32Array(cap);
    gen.set(this.generation);
    this.generation = gen;
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
    this.handlers.length = cap;
    this.args.length = cap;
    this.labels.length = cap;
    this.owners.length = cap;
    this.capacity = cap;
  }

  // --- wheel --------------------------------------------------------------------------------

  private append(slot: number, timeUs: number): void {
    const b = timeUs & WHEEL_MASK;
    this.next[slot] = NONE;
    const t = this.tail[b] as number;
    if (t === NONE) {
      this.head[b] = slot;
      const w = b >>> 5;
      const word = this.bits[w] as number;
      if (word === 0) this.summary[w >>> 5] = (this.summary[w >>> 5] as number) | (1 << (w & 31));
      this.bits[w] = word | (1 << (b & 31));
    } else {
      this.next[t] = slot;
    }
    this.tail[b] = slot;
    this.inWheel++;
  }

  /** The slot at the front of the queue (live or not), or NONE. */
  private front(): number {
    if (this.inWheel > 0) return this.head[this.nextBucket(this.nowUs & WHEEL_MASK)] as number;
    if (this.heapSize > 0) return this.heap[0] as number;
    return NONE;
  }

  private removeFront(slot: number): void {
    if (this.inWheel > 0) {
      const b = (this.timeUs[slot] as number) & WHEEL_MASK;
      const n = this.next[slot] as number;
      this.head[b] = n;
      if (n === NONE) {
        this.tail[b] = NONE;
        const w = b >>> 5;
        const word = (this.bits[w] as number) & ~(1 << (b & 31));
        this.bits[w] = word;
        if (word === 0) this.summary[w >>> 5] = (this.summary[w >>> 5] as number) & ~(1 << (w & 31));
      }
      this.inWheel--;
    } else {
      this.heapPop();
    }
  }

  /** The first non-empty bucket at or after `from`, circularly. The wheel is not empty. */
  private nextBucket(from: number): number {
    const w = from >>> 5;
    const word = (this.bits[w] as number) & (~0 << (from & 31));
    if (word !== 0) return (w << 5) | ctz(word);
    // The first non-empty word after w, circularly; the summary has a bit per non-empty word.
    const start = (w + 1) & (WORDS - 1);
    let si = start >>> 5;
    let sword = (this.summary[si] as number) & (~0 << (start & 31));
    for (let k = 0; k <= SUMMARY_WORDS; k++) {
      if (sword !== 0) {
        const found = (si << 5) | ctz(sword);
        return (found << 5) | ctz(this.bits[found] as number);
      }
      si = (si + 1) & (SUMMARY_WORDS - 1);
      sword = this.summary[si] as number;
    }
    throw new Error('event wheel bitmap out of step with its contents');
  }

  /** Moves overflow events that now fall inside the horizon into the wheel, in (time, seq) order. */
  private migrate(): void {
    const limit = this.nowUs + HORIZON_US;
    while (this.heapSize > 0) {
      const slot = this.heap[0] as number;
      if ((this.timeUs[slot] as number) >= limit) return;
      this.heapPop();
      if (this.live[slot] === 1) this.append(slot, this.timeUs[slot] as number);
      else this.release(slot);
    }
  }

  // --- overflow heap ------------------------------------------------------------------------

  private less(a: number, b: number): boolean {
    const ta = this.timeUs[a] as number;
    const tb = this.timeUs[b] as number;
    return ta < tb || (ta === tb && (this.seq[a] as number) < (this.seq[b] as number));
  }

  private heapPush(slot: number): void {
    if (this.heapSize === this.heap.length) {
      const h = new Int32Array(this.heap.length * 2);
      h.set(this.heap);
      this.heap = h;
    }
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const p = this.heap[parent] as number;
      if (!this.less(slot, p)) break;
      this.heap[i] = p;
      i = parent;
    }
    this.heap[i] = slot;
  }

  private heapPop(): void {
    const last = this.heap[--this.heapSize] as number;
    let i = 0;
    const n = this.heapSize;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(this.heap[r] as number, this.heap[l] as number)) c = r;
      if (!this.less(this.heap[c] as number, last)) break;
      this.heap[i] = this.heap[c] as number;
      i = c;
    }
    if (n > 0) this.heap[i] = last;
  }
}
