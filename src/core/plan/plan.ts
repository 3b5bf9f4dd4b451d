/**
 * The planner's entry point.
 *
 *   scenario ──parse/check──▶ problem ──build──▶ MILP ──solve──▶ values ──interpret──▶ plan
 *   (YAML/JSON)  (catalog,     (engines:       (named     (Solver,    (rounded)    (purchases, shares,
 *                 rules)        candidates)     rows)      injected)                binding | conflicts)
 *
 * Pure apart from the injected solver; the CLI supplies the clock (`asOf`) and the files.
 */
import type { Catalog } from '../catalog/catalog';
import { resolveHardware } from '../hardware/profile';
import { say } from '../messages/say';
import type { Issue, Result } from '../result';
import { fail, ok } from '../result';
import { efficiencyProfileFor } from '../train/calibration';
import type { FleetPlan } from './interpret';
import type { Solver } from './milp';
import type { PlanProblem } from './problem';
import { buildProblem } from './problem-build';
import type { PlanOutput } from './request';
import { solveRoadmap } from './roadmap-solve';
import { DEFAULT_RISK_SAMPLES, DEFAULT_RISK_SEED, type RiskOptions, withRisk } from './robust';
import type { Scenario } from './scenario';
import { solveFleet } from './solve';
import { type SweepRange, sweepDomestic, sweepPercentDigits, sweepTargets, sweepThresholds } from './sweep';
import { checkScenario, parseScenario } from './validate';

export interface PlanOptions {
  readonly solver: Solver;
  /** Evaluate the plan under sampled draws (`plan --samples K --seed S`); a robust scenario samples anyway. */
  readonly risk?: RiskOptions;
  readonly sweep?: SweepRange;
  /** Rule ids the sweep sets (default all). */
  readonly sweepRules?: readonly string[];
  /**
   * Progress of the work, in steps: each workload's candidates per hardware option, the solve (with its
   * explanation or rule pricing), then each sweep point. `label` says what just finished. The total is
   * known from the start, so a caller can draw a bar that moves with the work.
   */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

export type { PlanOutput } from './request';

const EMPTY_PLAN: Omit<FleetPlan, 'rules'> = {
  purchases: [],
  retired: [],
  workloads: [],
  sites: [],
  costs: { capexUsd: 0, energyUsd: 0, totalUsd: 0 },
  domesticShare: { count: null, bf16Compute: null, spend: null, power: null },
  completionDays: null,
  modelPflops: 0,
};

/** Parses and checks a scenario document; the first issue is the one-line message for people. */
export function readScenario(
  input: unknown,
  catalog: Catalog,
  today: string,
): Result<{ scenario: Scenario; asOf: string }> {
  const parsed = parseScenario(input);
  if (!parsed.ok) return parsed;
  const asOf = parsed.value.asOf ?? today;
  const issues: Issue[] = checkScenario(parsed.value, catalog, asOf);
  if (issues.length) return fail(...issues);
  return ok({ scenario: parsed.value, asOf });
}

/**
 * What the chosen hardware's numbers rest on: a family without published runs is predicted from specs and
 * its software stack's prior, and a rumour-grade peak can be far off. Said once per hardware id.
 */
function evidenceWarnings(plan: FleetPlan | null, catalog: Catalog): string[] {
  if (!plan) return [];
  const ids = new Set<string>();
  for (const w of plan.workloads) {
    if (w.kind === 'training') for (const id of w.hardware) ids.add(id);
    else for (const replica of w.replicas) ids.add(replica.hardware);
  }
  const warnings: string[] = [];
  for (const id of [...ids].sort()) {
    const hardware = resolveHardware(catalog, id);
    if (!hardware.ok) continue;
    const chip = catalog.chips.get(hardware.value.chipId);
    if (!efficiencyProfileFor(hardware.value).calibrated) {
      const warning = say('plan.evidence-uncalibrated', {
        family: hardware.value.family,
        stack: hardware.value.softwareStack,
      });
      warnings.push(say('common.subject', { subject: id, warning }));
    }
    if (chip?.specs.bf16DenseTflops?.confidence === 'rumour') {
      warnings.push(
        say('common.subject', { subject: id, warning: say('plan.evidence-rumour', { chip: chip.id }) }),
      );
    }
  }
  return warnings;
}

export async function planScenario(
  scenario: Scenario,
  asOf: string,
  catalog: Catalog,
  opts: PlanOptions,
): Promise<PlanOutput> {
  if (scenario.robust || opts.risk) {
    const risk = { samples: DEFAULT_RISK_SAMPLES, seed: DEFAULT_RISK_SEED, ...opts.risk };
    const plan = (speedScale?: Readonly<Record<string, number>>) =>
      planOnce(scenario, asOf, catalog, opts, speedScale);
    return withRisk(scenario, catalog, plan, risk);
  }
  return (await planOnce(scenario, asOf, catalog, opts)).out;
}

/** One plan (and its sweep), with the engines' speeds scaled per option by `speedScale` (default 1). */
export async function planOnce(
  scenario: Scenario,
  asOf: string,
  catalog: Catalog,
  opts: PlanOptions,
  speedScale?: Readonly<Record<string, number>>,
): Promise<{ out: PlanOutput; problem: PlanProblem; plan: FleetPlan | null }> {
  const thresholds = opts.sweep ? sweepThresholds(opts.sweep) : [];
  const onProgress = opts.onProgress;
  let candidateSteps = 0;
  // steps: candidates (counted by buildProblem), 1 for the solve, 1 per sweep point
  const total = () => candidateSteps + 1 + thresholds.length;
  const built = buildProblem(scenario, catalog, {
    asOf,
    ensureShareRule: opts.sweep !== undefined,
    ...(speedScale ? { speedScale } : {}),
    ...(onProgress
      ? {
          onProgress: (done: number, steps: number, label: string) => {
            candidateSteps = steps;
            onProgress(done, total(), say('plan.step-candidates', { step: label }));
          },
        }
      : {}),
  });
  const problem: PlanProblem = built.problem;
  const roadmap = problem.roadmap ? await solveRoadmap(problem, { solver: opts.solver }) : null;
  const report = roadmap ?? (await solveFleet(problem, { solver: opts.solver, priceRules: true }));
  onProgress?.(candidateSteps + 1, total(), say('plan.step-solve', { status: report.status }));
  const perWorkload: Record<string, number> = {};
  for (const w of problem.workloads)
    perWorkload[w.id] = w.kind === 'training' ? w.candidates.length : w.instances.length;
  const plan = report.plan;
  const out: PlanOutput = {
    scenario: scenario.name ?? null,
    asOf,
    objective: scenario.objective,
    status: report.status,
    ...(plan ?? { ...EMPTY_PLAN, rules: [] }),
    binding: report.binding,
    conflicts: report.conflicts,
    relaxations: report.relaxations,
    solver: report.solver,
    candidates: { engineCalls: built.engineCalls, perWorkload },
    warnings: [...built.warnings, ...evidenceWarnings(plan, catalog)],
    ...(roadmap ? { periods: roadmap.periods } : {}),
  };
  if (!opts.sweep) return { out, problem, plan };
  const sweep = await sweepDomestic(
    problem,
    thresholds,
    opts.solver,
    sweepTargets(problem, opts.sweepRules ?? []),
    onProgress
      ? (done, _n, threshold) =>
          onProgress(
            candidateSteps + 1 + done,
            total(),
            say('plan.step-sweep', { threshold: (threshold * 100).toFixed(sweepPercentDigits(thresholds)) }),
          )
      : undefined,
  );
  return { out: { ...out, sweep }, problem, plan };
}
