/**
 * `--fail-on CONDITION` for CI gates: the command prints its result as usual, then exits 3 when a
 * requested condition holds (2 stays "bad input", 0 "passed the gate"). Repeatable or comma-separated.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { GateFailure } from './errors';

export type FailCondition = 'non-compliant' | 'infeasible' | 'warning';

/** Adds `--fail-on` to a command, accepting only the conditions it can report. */
export function addFailOn(command: Command, allowed: readonly FailCondition[]): Command {
  const parse = (value: string, previous: FailCondition[] = []): FailCondition[] => {
    const added = value.split(',').map((v) => v.trim());
    for (const v of added)
      if (!(allowed as readonly string[]).includes(v))
        throw new InvalidArgumentError(`expected ${allowed.join(', ')}`);
    return [...previous, ...(added as FailCondition[])];
  };
  return command.addOption(
    new Option(
      '--fail-on <condition>',
      `exit 3 when the result is ${allowed.join(' / ')} (for CI gates; repeatable)`,
    )
      .choices(allowed) // listed in help and completion; the parser below also takes a comma list
      .argParser(parse),
  );
}

/**
 * Throws GateFailure for the first requested condition that holds. `found` maps each condition the
 * command can judge to a one-line reason when it holds, or null when it does not.
 */
export function checkFailOn(
  requested: readonly FailCondition[] | undefined,
  found: Partial<Record<FailCondition, string | null>>,
): void {
  for (const condition of requested ?? []) {
    const reason = found[condition];
    if (reason) throw new GateFailure(`--fail-on ${condition}: ${reason}`);
  }
}
