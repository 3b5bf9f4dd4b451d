/**
 * The risk of a plan, and the robust plan (`robust: { deadlineProbability: p }`): docs/PLANNER.md,
 * "Plans with a stated risk".
 *
 * Method: quantile derating, then verification by sampling. Each option's speed is planned at its 1-p
 * quantile (engine band and bf16-peak spread together), the usual MILP chooses the fleet, and the plan is
 * sampled. A one-pool job then meets its deadline in p of the draws by construction; a two-pool job waits
 * for the slower pool, so its joint probability is lower, and the sampling shows it: any workload short
 * of p raises the planning level by the shortfall (plus a margin) and the plan is made again, at most
 * MAX_ROUNDS times; a plan that overshoots after a short round is improved by bisecting the level with the
 * rounds left (the cheapest plan that still reaches p is kept). Sample average approximation (one deadline row per draw, a binary per draw) would need
 * K x candidates rows and a candidate set generated for each draw; the quantile keeps the deterministic
 * MILP and its pruning, and the sampling states the probability actually reached.
 */
import type { Catalog } from '../catalog/catalog';
import type { FleetPlan } from './interpret';
import type { PlanProblem } from './problem';
import type { PlanOutput } from './request';
import {
  compileRiskPlan,
  type DrawRunner,
  type RiskReport,
  runDrawsInThread,
  servingSpeedQuantile,
  summariseRisk,
  trainingSpeedQuantile,
  type UncertaintyModel,
  uncertaintyModel,
} from './risk';
import { normalCdf, normalQuantile } from './rng';
import type { Scenario } from './scenario';

export const DEFAULT_RISK_SAMPLES = 1000;
export const DEFAULT_RISK_SEED = 1;
/** At most this many planning rounds for a robust plan. */
export const MAX_ROUNDS = 5;
/** Added to the level when a round falls short: one binomial standard error at p = 0.9 and 1,000 draws. */
const MARGIN = 0.01;
const MAX_LEVEL = 0.999;
/** Bisection stops when the levels that fell short and that held are this close. */
const BISECT_RESOLUTION = 0.005;

export interface RiskOptions {
  readonly samples: number;
  readonly seed: number;
  /** How draws are run (the CLI's worker threads); default in this thread. */
  readonly run?: DrawRunner;
}

export interface RobustReport {
  readonly deadlineProbability: number;
  /** The quantile level the final plan's speeds were taken at. */
  readonly planningLevel: number;
  readonly rounds: number;
  /** Per option id, the speed factor the final plan was made with. */
  readonly speedScale: Record<string, number>;
  /** Whether every workload reached the target in the sampled draws. */
  readonly met: boolean;
}

type PlanFn = (
  speedScale?: Readonly<Record<string, number>>,
) => Promise<{ out: PlanOutput; problem: PlanProblem; plan: FleetPlan | null }>;

async function riskOf(
  model: UncertaintyModel,
  problem: PlanProblem,
  plan: FleetPlan,
  opts: RiskOptions,
  speedScale: Readonly<Record<string, number>> = {},
): Promise<RiskReport> {
  const compiled = compileRiskPlan(plan, problem, speedScale);
  const outcomes = await (opts.run ?? runDrawsInThread)(model, compiled, opts.seed, opts.samples);
  return summariseRisk(compiled, outcomes, opts.seed);
}

/** The plan with its risk; for a robust scenario, the derated plan that reaches the target. */
export async function withRisk(
  scenario: Scenario,
  catalog: Catalog,
  planFn: PlanFn,
  opts: RiskOptions,
): Promise<PlanOutput> {
  const target = scenario.robust?.deadlineProbability;
  let result = await planFn();
  const model = uncertaintyModel(
    scenario,
    catalog,
    result.problem.options.map((o) => o.id),
  );
  if (!result.plan) return result.out;
  let risk = await riskOf(model, result.problem, result.plan, opts);
  if (target === undefined) return { ...result.out, risk };

  // Serving-only or training-only scenarios: one level for both kinds of speed.
  const scaleAt = (level: number) =>
    Object.fromEntries(
      model.options.map((o) => {
        const serving = scenario.workloads.some((w) => w.kind === 'serving');
        const training = scenario.workloads.some((w) => w.kind === 'training');
        const factors = [
          ...(training ? [trainingSpeedQuantile(o, level)] : []),
          ...(serving ? [servingSpeedQuantile(o, level)] : []),
        ];
        return [o.id, Math.min(...factors)];
      }),
    );
  const lowest = (r: RiskReport) => Math.min(...r.workloads.map((w) => w.deadlineProbability ?? 1));
  // The shortfall in normal-quantile terms moves the planning level (a plan's probability responds to its
  // speed margin roughly as a normal CDF), plus a margin of one binomial standard error.
  const nextLevel = (current: number, reached: number) => {
    const clamp = (x: number) => Math.min(MAX_LEVEL, Math.max(1 - MAX_LEVEL, x));
    const z = normalQuantile(clamp(current)) + normalQuantile(target) - normalQuantile(clamp(reached));
    return clamp(normalCdf(z) + MARGIN);
  };
  const shortfall = (r: RiskReport) =>
    Math.max(
      0,
      ...r.workloads.map((w) => (w.deadlineProbability === null ? 0 : target - w.deadlineProbability)),
    );
  const deterministic = { totalUsd: result.out.costs.totalUsd, risk };
  let level = target;
  let rounds = 0;
  let speedScale: Record<string, number> = {};
  // The highest level that fell short (the deterministic plan is the median, level 0.5).
  let shortLevel = 0.5;
  // A deterministic plan that already reaches the target is the robust plan (derating cannot make it cheaper).
  while (shortfall(risk) > 0 && rounds < MAX_ROUNDS) {
    if (rounds > 0) {
      shortLevel = level;
      level = nextLevel(level, lowest(risk));
    }
    rounds++;
    speedScale = scaleAt(level);
    result = await planFn(speedScale);
    if (!result.plan) break;
    risk = await riskOf(model, result.problem, result.plan, opts, speedScale);
    if (level >= MAX_LEVEL) break;
  }
  // A plan that overshoots after a short round: bisect the level between the two with the rounds left,
  // keeping the cheapest plan that still reaches the target (fleets come in whole units, so the cost is a
  // step function of the level).
  let best = { result, risk, level, speedScale };
  let metLevel = level;
  while (
    rounds > 1 &&
    rounds < MAX_ROUNDS &&
    result.plan !== null &&
    shortfall(best.risk) === 0 &&
    metLevel - shortLevel > BISECT_RESOLUTION
  ) {
    const mid = (shortLevel + metLevel) / 2;
    rounds++;
    const scale = scaleAt(mid);
    const tried = await planFn(scale);
    if (!tried.plan) break;
    const triedRisk = await riskOf(model, tried.problem, tried.plan, opts, scale);
    if (shortfall(triedRisk) > 0) shortLevel = mid;
    else {
      metLevel = mid;
      if (tried.out.costs.totalUsd < best.result.out.costs.totalUsd)
        best = { result: tried, risk: triedRisk, level: mid, speedScale: scale };
    }
  }
  ({ result, risk, level, speedScale } = best);
  const robust: RobustReport = {
    deadlineProbability: target,
    planningLevel: rounds ? level : 0.5,
    rounds,
    speedScale,
    met: result.plan !== null && shortfall(risk) === 0,
  };
  const extraUsd = result.out.costs.totalUsd - deterministic.totalUsd;
  return {
    ...result.out,
    ...(result.plan ? { risk } : {}),
    robust: {
      ...robust,
      deterministic: {
        totalUsd: deterministic.totalUsd,
        deadlineProbability: deterministic.risk.workloads.map((w) => ({
          id: w.id,
          deadlineProbability: w.deadlineProbability,
        })),
      },
      extraUsd,
      extraPct: deterministic.totalUsd > 0 ? (extraUsd / deterministic.totalUsd) * 100 : null,
    },
  };
}
