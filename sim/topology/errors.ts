/** A topology file that cannot be used: where, and what is wrong, in one line. */
export class TopologyError extends Error {
  override readonly name = 'TopologyError';
  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** 1-based line of the offending value (0 when the whole file is at fault). */
    readonly line: number,
    /** Path of the field, e.g. `links[3].capacityBps`. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${field === '' ? '' : `${field}: `}${reason}`);
  }
}
