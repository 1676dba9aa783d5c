/**
 * Named random streams from one seed. Each consumer (a node, a link, a scenario component)
 * asks for its stream by a stable name; the stream's seed is derived from the run seed and
 * that name only, so adding a consumer never shifts another's numbers.
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1) with the draws pcelab needs. */
export class RandomStream {
  private readonly next: () => number;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    // Alea: fast, small state, good quality for simulation (seedrandom's own recommendation for speed).
    this.next = seedrandom.alea(`${seed}\u0000${name}`);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Exponentially distributed with the given mean (same unit as the mean). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** The streams of one run, created on first use and cached by name. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: string) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = new RandomStream(name, this.seed);
      this.streams.set(name, s);
    }
    return s;
  }
}
