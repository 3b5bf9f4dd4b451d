/** A failure the user can fix: printed as one line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  /** The process exit code: 2 for bad input; 3 for a `--fail-on` gate (GateFailure). */
  readonly exitCode: number = 2;
}

/**
 * A `--fail-on` gate tripped: the command printed its result as usual, then exits 3 with one line
 * naming the condition, so a CI job can tell "the fleet fails the rule" (3) from "bad input" (2).
 */
export class GateFailure extends UsageError {
  override readonly name = 'GateFailure';
  override readonly exitCode = 3;
}
