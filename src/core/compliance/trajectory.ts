/**
 * Compliance over time (pure): the verdict at every date where something changes (hardware
 * arrives or leaves, a rule takes or loses effect) between `from` and `to`, both included.
 * With more change points than `maxPoints`, the first day of each month is used instead (plus
 * `from` and `to`), so a chart stays readable and the evaluation stays fast.
 */
import { type ComplianceInput, type ComplianceResult, effectiveRules, evaluateCompliance } from './evaluate';
import { ComplianceTimeline } from './timeline';
import type { Basis } from './types';

export interface TrajectoryOptions {
  readonly from: string;
  readonly to: string;
  /** Default `pipeline`: planned and ordered hardware counts from its expected install date. */
  readonly basis?: Basis;
  /** Default 120. */
  readonly maxPoints?: number;
}

export interface Trajectory {
  readonly from: string;
  readonly to: string;
  readonly basis: Basis;
  readonly points: ComplianceResult[];
}

export function complianceTrajectory(input: ComplianceInput, options: TrajectoryOptions): Trajectory {
  const basis = options.basis ?? 'pipeline';
  const { from, to } = options;
  if (from > to) throw new RangeError(`trajectory: from ${from} is after to ${to}`);
  // built once: each point is then a search per series, not a pass over the records
  const timeline =
    input.records instanceof ComplianceTimeline
      ? input.records
      : ComplianceTimeline.fromRecords(input.records);
  const dates = new Set<string>([from, to]);
  const consider = (date: string | null | undefined): void => {
    if (date != null && date > from && date < to) dates.add(date);
  };
  for (const date of timeline.changeDates()) consider(date);
  for (const rule of effectiveRules(input.rules)) {
    consider(rule.effectiveFrom);
    consider(rule.effectiveUntil);
  }
  let sorted = [...dates].sort();
  if (sorted.length > (options.maxPoints ?? 120)) sorted = monthStarts(from, to);
  const grouped = { ...input, records: timeline };
  return { from, to, basis, points: sorted.map((asOf) => evaluateCompliance(grouped, { asOf, basis })) };
}

/** `from`, the first day of every month after it, and `to`. */
export function monthStarts(from: string, to: string): string[] {
  const out = [from];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    if (date >= to) break;
    out.push(date);
  }
  if (to !== from) out.push(to);
  return out;
}
