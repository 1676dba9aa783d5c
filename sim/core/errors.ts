/** Kernel errors: programmer errors and failures inside event handlers, with where they happened. */

export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  constructor(
    readonly reason: string,
    /** Simulated time in microseconds when it happened. */
    readonly timeUs: number,
    /** The label of the event being scheduled or run, when there is one. */
    readonly eventLabel: string | undefined,
    /** The node the event belongs to, when there is one. */
    readonly node: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `t=${timeUs}us${eventLabel !== undefined ? ` event ${eventLabel}` : ''}${node !== undefined ? ` node ${node}` : ''}: ${reason}`,
      options,
    );
  }
}
