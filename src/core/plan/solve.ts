/**
 * Phase 4 (optimise): builds the MILP, solves it with the injected solver and interprets the result.
 * `minTime` is lexicographic: the earliest end of the last training job, then the least cost among
 * plans that end then. `maxThroughput` likewise: the most training PFLOP/s, then the least cost among
 * plans that deliver it (no hardware bought that adds nothing). An infeasible scenario is a result: explain.ts names the conflicting
 * constraints and the least relaxation of each.
 */

import { say } from '../messages/say';
import { type Binding, findBinding } from './binding';
import { type BuildOptions, groupName } from './build';
import { SolveCounter } from './counter';
import { type Conflict, explainInfeasible, type Relaxation } from './explain';
import { type FleetPlan, interpretSolution, type ModelOverrides } from './interpret';
import type { SolveResult, Solver } from './milp';
import type { PlanProblem } from './problem';

export type PlanStatus = 'optimal' | 'infeasible' | 'time_limit' | 'error';

export interface SolveReport {
  readonly status: PlanStatus;
  /** The plan (also for `time_limit` when the solver had found one); null otherwise. */
  readonly plan: FleetPlan | null;
  readonly binding: Binding[];
  readonly conflicts: Conflict[];
  readonly relaxations: Relaxation[];
  readonly solver: {
    name: string;
    solves: number;
    solveSeconds: number;
    variables: number;
    constraints: number;
    detail: string;
  };
}

export interface SolveFleetOptions {
  readonly solver: Solver;
  readonly ruleOverrides?: ModelOverrides;
  /** Re-solve without each rule (its share and its deny list) to price it (default false). */
  readonly priceRules?: boolean;
  /** Rule indexes whose deny lists are left out (the sweep's price of the deny lists). */
  readonly withoutDeny?: ReadonlySet<number>;
  /** On infeasibility, search the conflicting constraints and relaxations (default true). */
  readonly explain?: boolean;
}

function mapStatus(result: SolveResult): PlanStatus {
  if (result.status === 'unbounded') return 'error';
  return result.status;
}

export async function solveFleet(problem: PlanProblem, opts: SolveFleetOptions): Promise<SolveReport> {
  const counter = new SolveCounter(opts.solver, problem);
  const base: BuildOptions = {
    ...(opts.ruleOverrides ? { ruleOverrides: opts.ruleOverrides } : {}),
    ...(opts.withoutDeny ? { withoutDeny: opts.withoutDeny } : {}),
  };
  // The everyday model leaves out late variants; the explanation of an infeasible one keeps them.
  const lean: BuildOptions = { ...base, pruneLate: true };
  let built = counter.build(lean);
  const size = { variables: built.model.variables.length, constraints: built.model.constraints.length };
  let result = await counter.run(built);
  if (problem.objective === 'minTime' && result.objective !== null) {
    // Phase 2: the cheapest plan that ends no later (a hair of slack for the solver's tolerance).
    const bound = result.objective * (1 + 1e-9) + 1e-6;
    const phase2 = counter.build({ ...lean, makespanBound: bound });
    const second = await counter.run(phase2);
    if (second.objective !== null) {
      built = phase2;
      result = second;
    }
  } else if (problem.objective === 'maxThroughput' && result.objective !== null) {
    // Phase 2: the cheapest plan with no less training compute (a hair of slack, as for minTime).
    const bound = result.objective * (1 - 1e-9) - 1e-6;
    const phase2 = counter.build({ ...lean, throughputBound: bound });
    const second = await counter.run(phase2);
    if (second.objective !== null) {
      built = phase2;
      result = second;
    }
  }
  const status = mapStatus(result);
  const solver = { name: opts.solver.name, solves: 0, solveSeconds: 0, ...size, detail: result.detail };
  if (result.objective !== null && (status === 'optimal' || status === 'time_limit')) {
    const plan = interpretSolution(problem, built.index, result.values, opts.ruleOverrides);
    const binding = findBinding(problem, built.index, plan, opts.ruleOverrides);
    if (opts.priceRules && status === 'optimal' && problem.objective === 'minCost') {
      // Price every rule scope by re-solving without it, share and deny list together: a rule binds when
      // dropping it saves money, tight or not (a rule can force a dearer mix that is comfortably over the
      // threshold; its deny list can retire installed hardware). A tight rule whose removal saves nothing
      // does not bind (a 100% rule over a fleet all domestic anyway).
      const priced = new Set<string>();
      for (const info of built.index.groups.values()) {
        if (info.kind !== 'rule' && info.kind !== 'deny') continue;
        const scope = info.siteId ?? 'organisation';
        const name = groupName.rule(info.subject, scope);
        if (priced.has(name)) continue;
        priced.add(name);
        const deny = groupName.deny(info.subject, scope);
        const drop = new Set([name, deny]);
        const without = await counter.run(counter.build({ ...lean, drop }));
        if (without.objective === null || without.status !== 'optimal') continue;
        const priceUsd = Math.max(0, plan.costs.totalUsd - without.objective);
        const at = binding.findIndex((b) => b.constraint === name);
        const saves = priceUsd >= Math.max(1, 1e-6 * plan.costs.totalUsd);
        // The detail says when the price includes a deny list (it may bind with the share slack).
        const denies = built.index.groups.has(deny);
        const withDeny = (detail: string) => (denies ? say('plan.binding-rule-deny', { detail }) : detail);
        if (at >= 0 && saves)
          binding[at] = { ...binding[at]!, detail: withDeny(binding[at]!.detail), priceUsd };
        else if (at >= 0) binding.splice(at, 1);
        else if (saves) {
          const outcome = plan.rules.find((r) => name === `rule:${r.rule}@${r.scope}`);
          const detail = outcome
            ? say('plan.binding-rule', {
                share: `${((outcome.share ?? 0) * 100).toFixed(1)}%`,
                metric: outcome.metric,
                comparator: outcome.comparator,
                threshold: `${(outcome.threshold * 100).toFixed(1)}%`,
              })
            : say('plan.binding-rule-dearer');
          binding.push({ constraint: name, kind: 'rule', detail: withDeny(detail), priceUsd });
        }
      }
    }
    return {
      status,
      plan,
      binding,
      conflicts: [],
      relaxations: [],
      solver: { ...solver, solves: counter.solves, solveSeconds: counter.seconds },
    };
  }
  let conflicts: Conflict[] = [];
  let relaxations: Relaxation[] = [];
  if (status === 'infeasible' && opts.explain !== false) {
    const explained = await explainInfeasible(problem, counter, base, counter.build(base));
    conflicts = explained.conflicts;
    relaxations = explained.relaxations;
  }
  return {
    status,
    plan: null,
    binding: [],
    conflicts,
    relaxations,
    solver: { ...solver, solves: counter.solves, solveSeconds: counter.seconds },
  };
}
