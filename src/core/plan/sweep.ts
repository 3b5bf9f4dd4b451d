/**
 * The price of the rule: the same problem re-solved with the domestic-share threshold set to each
 * point of a range. Every point uses `>=` (0% = no share requirement, 100% = all domestic) on the rules
 * it targets (default: every share rule; with none, the default count rule is added per site). The
 * targeted rules' deny lists stay at every point (a ban is not a share); what they cost is reported
 * apart, per point, from a second solve without them.
 */
import { METRICS } from '../policy/schema';
import type { Shares } from './interpret';
import type { Solver } from './milp';
import type { PlanProblem } from './problem';
import { solveRoadmap } from './roadmap-solve';
import { type PlanStatus, solveFleet } from './solve';

export interface SweepPoint {
  /** Fraction 0..1. */
  readonly threshold: number;
  readonly status: PlanStatus;
  readonly totalUsd: number | null;
  readonly capexUsd: number | null;
  readonly energyUsd: number | null;
  /** Latest training completion, days; null without a plan or without training. */
  readonly completionDays: number | null;
  readonly domesticShare: Shares | null;
  /**
   * What the targeted rules' deny lists add to the total at this threshold (USD): the total less the
   * total re-solved without them. Null when no targeted rule has a deny list, or either solve has no plan.
   */
  readonly denyUsd: number | null;
}

export interface SweepRange {
  /** Percent. */
  readonly from: number;
  readonly to: number;
  readonly step: number;
}

/** Thresholds (fractions) of a percent range, both ends included; rejects empty or endless ranges. */
export function sweepThresholds(range: SweepRange): number[] {
  const { from, to, step } = range;
  if (!(step > 0)) throw new Error('step must be positive');
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const p = from + i * step;
    if (p > to + 1e-9) break;
    out.push(Math.round(p * 1e6) / 1e8);
    if (out.length > 1000) throw new Error('more than 1000 sweep points');
  }
  return out;
}

/**
 * Decimals that print every threshold (as a percent) exactly: at least 1, at most 4 (a 0.75% step
 * prints 0.75%, not 0.8%).
 */
export function sweepPercentDigits(thresholds: readonly number[]): number {
  for (let d = 1; d < 4; d++)
    if (thresholds.every((t) => Math.abs(Number((t * 100).toFixed(d)) - t * 100) < 1e-9)) return d;
  return 4;
}

/** Rule indexes the sweep sets (all rules when `ruleIds` is empty). */
export function sweepTargets(problem: PlanProblem, ruleIds: readonly string[] = []): number[] {
  return problem.rules
    .map((b, i) => [b.rule.id, i] as const)
    .filter(([id]) => ruleIds.length === 0 || ruleIds.includes(id))
    .map(([, i]) => i);
}

export async function sweepDomestic(
  problem: PlanProblem,
  thresholds: readonly number[],
  solver: Solver,
  targets: readonly number[] = sweepTargets(problem),
  onPoint?: (done: number, total: number, threshold: number) => void,
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  const denying = new Set(targets.filter((i) => problem.rules[i]?.denied.length));
  for (const threshold of thresholds) {
    const overrides = new Map(targets.map((i) => [i, { threshold, comparator: '>=' as const }]));
    // A roadmap sets the threshold of the targeted rules in every period they are in force.
    const solve = (withoutDeny?: ReadonlySet<number>) => {
      const opts = { solver, ruleOverrides: overrides, ...(withoutDeny ? { withoutDeny } : {}) };
      return problem.roadmap ? solveRoadmap(problem, opts) : solveFleet(problem, { ...opts, explain: false });
    };
    const r = await solve();
    const plan = r.plan;
    const free = plan && denying.size ? (await solve(denying)).plan : null;
    points.push({
      threshold,
      status: r.status,
      totalUsd: plan?.costs.totalUsd ?? null,
      capexUsd: plan?.costs.capexUsd ?? null,
      energyUsd: plan?.costs.energyUsd ?? null,
      completionDays: plan?.completionDays ?? null,
      domesticShare: plan
        ? (Object.fromEntries(METRICS.map((m) => [m, plan.domesticShare[m]])) as Shares)
        : null,
      denyUsd: plan && free ? Math.max(0, plan.costs.totalUsd - free.costs.totalUsd) : null,
    });
    onPoint?.(points.length, thresholds.length, threshold);
  }
  return points;
}
