/**
 * The trace: everything observable in a run, as typed events in order. Summaries, the web views
 * and golden tests read traces, never the model's insides.
 *
 * Cost: producers test `trace.on` before building an event, so a run without sinks pays one
 * branch per would-be event. Sinks receive the event object; the NDJSON sink batches lines and
 * hands them to a writer in large chunks. Key order follows the producer's object literal, so
 * the same run gives the same bytes.
 */

/**
 * One trace record. `kind` is dotted lowercase (`pcep.tx`, `session.state`, `link.down`).
 * Fields are JSON values (strings, numbers, booleans, null, arrays and plain objects of them),
 * so a line is written with the engine's native JSON serialiser and nothing in between.
 */
export interface TraceEvent {
  /** Simulated time in microseconds. */
  timeUs: number;
  kind: string;
  /** The node the event happened at, when it belongs to one. */
  node?: string;
  [field: string]: unknown;
}

export interface TraceSink {
  write(event: TraceEvent): void;
  /** Called when the run ends or the caller asks; sinks that buffer write out here. */
  flush?(): void;
}

export class Trace {
  private sinks: { sink: TraceSink; kinds: ReadonlySet<string> | undefined }[] = [];
  /** Kinds some sink asked for, or undefined when a sink takes every kind. */
  private wanted: Set<string> | undefined = new Set();
  /** False when nothing listens: producers skip building events. */
  on = false;

  /** Adds a sink; with `kinds`, only those kinds reach it (and are built at all, if no sink wants more). */
  add(sink: TraceSink, kinds?: Iterable<string>): void {
    this.sinks.push({ sink, kinds: kinds === undefined ? undefined : new Set(kinds) });
    this.recompute();
  }

  remove(sink: TraceSink): void {
    this.sinks = this.sinks.filter((s) => s.sink !== sink);
    this.recompute();
  }

  /**
   * Whether any sink takes events of `kind`. High-volume producers (every segment, every
   * message) ask this rather than `on`, so a run tracing only session states pays nothing for them.
   */
  wants(kind: string): boolean {
    return this.on && (this.wanted === undefined || this.wanted.has(kind));
  }

  emit(event: TraceEvent): void {
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) {
      const s = sinks[i] as { sink: TraceSink; kinds: ReadonlySet<string> | undefined };
      if (s.kinds === undefined || s.kinds.has(event.kind)) s.sink.write(event);
    }
  }

  flush(): void {
    for (const s of this.sinks) s.sink.flush?.();
  }

  private recompute(): void {
    this.on = this.sinks.length > 0;
    if (this.sinks.some((s) => s.kinds === undefined)) {
      this.wanted = undefined;
      return;
    }
    this.wanted = new Set(this.sinks.flatMap((s) => [...(s.kinds as ReadonlySet<string>)]));
  }
}

/** Keeps events in memory, optionally only some kinds. */
export class MemoryTraceSink implements TraceSink {
  readonly events: TraceEvent[] = [];
  constructor(private readonly kinds?: ReadonlySet<string>) {}
  write(event: TraceEvent): void {
    if (this.kinds === undefined || this.kinds.has(event.kind)) this.events.push(event);
  }
}

/** True when JSON needs to escape something in `s`: a quote, a backslash or a control character. */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return true;
  }
  return false;
}

/**
 * Serialises one event as a JSON line: the same text as JSON.stringify, built directly for the
 * common flat event (strings that need no escaping, finite numbers, booleans), which is about
 * twice as fast; anything else in a field goes through JSON.stringify.
 */
export function traceLine(event: TraceEvent): string {
  let out = '{';
  let first = true;
  for (const key in event) {
    const v = event[key];
    let text: string;
    if (typeof v === 'string') text = needsEscape(v) ? JSON.stringify(v) : `"${v}"`;
    else if (typeof v === 'number') text = Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'boolean') text = v ? 'true' : 'false';
    else if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    else text = JSON.stringify(v);
    out += first ? `"${key}":${text}` : `,"${key}":${text}`;
    first = false;
  }
  return `${out}}`;
}

/** Writes NDJSON through `writeChunk`, in chunks of about `chunkChars` characters. */
export class NdjsonTraceSink implements TraceSink {
  // One growing string (V8 concatenates in place as a rope) is cheaper than an array joined.
  private text = '';
  constructor(
    private readonly writeChunk: (text: string) => void,
    private readonly chunkChars = 1 << 16,
  ) {}
  write(event: TraceEvent): void {
    this.text += `${traceLine(event)}\n`;
    if (this.text.length >= this.chunkChars) this.flush();
  }
  flush(): void {
    if (this.text.length === 0) return;
    const chunk = this.text;
    this.text = '';
    this.writeChunk(chunk);
  }
}

/**
 * A running 64-bit FNV-1a-style hash over the UTF-16 code units of each event's NDJSON line
 * (not the UTF-8 bytes, so digests are pcelab's own): two runs with the same scenario and seed
 * give the same hex digest. Pure JS, so it runs in a browser worker too.
 */
export class HashTraceSink implements TraceSink {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;
  count = 0;
  write(event: TraceEvent): void {
    const line = traceLine(event);
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i <= line.length; i++) {
      const c = i === line.length ? 10 : line.charCodeAt(i);
      lo ^= c & 0xff;
      if (c > 0xff) hi ^= c >>> 8;
      // multiply by the FNV prime 0x100000001b3: (hi, lo) * (0x100, 0x1b3)
      const loMul = lo * 0x1b3;
      const carry = Math.floor(loMul / 0x100000000);
      const newLo = loMul >>> 0;
      hi = (Math.imul(hi, 0x1b3) + ((lo << 8) >>> 0) + carry) >>> 0;
      lo = newLo;
    }
    this.hi = hi;
    this.lo = lo;
    this.count++;
  }
  /** The digest so far, as 16 hex digits. */
  digest(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}
