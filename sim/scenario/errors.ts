/** A scenario file that cannot be used: where, and what is wrong, in one line. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    /** The file as the user named it (`builtin:<name>` for a built-in scenario). */
    readonly file: string,
    /** 1-based line of the offending value (0 when the whole file is at fault). */
    readonly line: number,
    /** Path of the field, e.g. `lsps[2].holdPriority`. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${field === '' ? '' : `${field}: `}${reason}`);
  }
}
