/**
 * Infeasible scenarios as results. A deletion filter over constraint groups (Chinneck's method, on
 * groups rather than rows) finds an irreducible conflicting set: dropping any one member makes the rest
 * feasible. For each member the least relaxation is then computed with the others kept: an elastic
 * variable for caps, deadlines, demand and budget (minimised), a bisection on the threshold for rules.
 */

import { say } from '../messages/say';
import type { BuildOptions, BuiltModel, GroupInfo, GroupKind } from './build';
import type { SolveCounter } from './counter';
import type { PlanProblem } from './problem';

export interface Conflict {
  readonly constraint: string;
  readonly kind: GroupKind | 'workload' | 'structure';
  readonly message: string;
  /**
   * Which conflicting set (1, 2, ...) it belongs to. A scenario can hold independent conflicts (a rule's threshold
   * and its deny list, each infeasible alone): each set must be resolved, and within a set dropping any one member
   * resolves that set. Absent for workloads with nothing to run on and for the structure.
   */
  readonly set?: number;
}

/** At most this many independent conflicting sets are looked for (each costs one solve per remaining group). */
const MAX_CONFLICT_SETS = 4;

export interface Relaxation {
  readonly constraint: string;
  readonly kind: GroupKind;
  /** Current value and the least relaxed value that is feasible with every other constraint kept. */
  readonly from: number | null;
  readonly to: number | null;
  readonly unit: string;
  readonly message: string;
}

// Which groups to try removing first: those tested last are the likelier to stay in the set, so the
// user-facing levers (deadline, rule, power) are tested last.
const ORDER: Record<GroupKind, number> = {
  availability: 0,
  deny: 1,
  budget: 2,
  demand: 3,
  power: 4,
  rule: 5,
  deadline: 6,
};

const pct = (x: number) => `${+(x * 100).toFixed(1)}%`;
const usdM = (x: number) => `$${(x / 1e6).toFixed(1)}M`;

export function describeGroup(problem: PlanProblem, info: GroupInfo): string {
  switch (info.kind) {
    case 'power': {
      const site = problem.sites.find((s) => s.id === info.subject)!;
      return say('plan.group-power', { site: site.id, mw: ((site.powerCapW ?? 0) / 1e6).toFixed(2) });
    }
    case 'availability': {
      const o = problem.options.find((x) => x.id === info.subject)!;
      return say('plan.group-availability', { hardware: o.id, devices: String(o.maxNewDevices) });
    }
    case 'rule': {
      const r = problem.rules[info.ruleIndex!]!.rule;
      return say('plan.group-rule', {
        rule: r.id,
        scope: info.siteId ?? 'organisation',
        metric: r.metric,
        comparator: r.comparator,
        threshold: pct(r.threshold),
      });
    }
    case 'deny': {
      const b = problem.rules[info.ruleIndex!]!;
      return say('plan.group-deny', {
        rule: b.rule.id,
        scope: info.siteId ?? 'organisation',
        ids: b.denied.join(', '),
      });
    }
    case 'deadline': {
      const w = problem.workloads.find((x) => x.id === info.subject)!;
      return say('plan.group-deadline', {
        workload: w.id,
        days: w.kind === 'training' ? String(w.deadlineDays) : '?',
      });
    }
    case 'demand': {
      const w = problem.workloads.find((x) => x.id === info.subject)!;
      return say('plan.group-demand', {
        workload: w.id,
        demand: w.kind === 'serving' ? Math.round(w.demandOutputTokensPerSecond) : '?',
      });
    }
    case 'budget':
      return say('plan.group-budget', { usd: usdM(problem.budgetUsd ?? 0) });
  }
}

export async function explainInfeasible(
  problem: PlanProblem,
  counter: SolveCounter,
  base: BuildOptions,
  built: BuiltModel,
): Promise<{ conflicts: Conflict[]; relaxations: Relaxation[] }> {
  const conflicts: Conflict[] = [];
  // 1. Workloads with nothing to run on.
  for (const w of problem.workloads) {
    const has =
      w.kind === 'training'
        ? built.index.assign.some((a) => a.workload === w.id)
        : built.index.replicas.some((r) => r.workload === w.id);
    if (!has)
      conflicts.push({
        constraint: `workload:${w.id}`,
        kind: 'workload',
        message: say('plan.conflict-workload', { workload: w.id }),
      });
  }
  if (conflicts.length) return { conflicts, relaxations: [] };
  const all = [...built.index.groups.values()].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const feasible = async (drop: Set<string>): Promise<boolean | null> => {
    const r = await counter.run(counter.build({ ...base, drop, feasibilityOnly: true }));
    if (r.status === 'optimal') return true;
    if (r.status === 'infeasible') return false;
    return null; // time limit or error: unknown
  };
  // 2. Infeasible with every relaxable group dropped: the structure itself (capacity of installed-only parts).
  if ((await feasible(new Set(all.map((g) => g.name)))) === false) {
    return {
      conflicts: [
        {
          constraint: 'structure',
          kind: 'structure',
          message: say('plan.conflict-structure'),
        },
      ],
      relaxations: [],
    };
  }
  // 3. Deletion filter: drop a group for good when the rest stays infeasible without it. The groups kept are one
  // irreducible conflicting set; if the scenario stays infeasible without that whole set, the filter runs again on
  // the other groups for the next set (a rule's threshold and its deny list can each be infeasible alone).
  const kept: GroupInfo[] = [];
  const resolved = new Set<string>();
  for (let set = 1; set <= MAX_CONFLICT_SETS; set += 1) {
    if (set > 1 && (await feasible(resolved)) !== false) break;
    const members: GroupInfo[] = [];
    const dropped = new Set(resolved);
    for (const g of all) {
      if (resolved.has(g.name)) continue;
      const trial = new Set(dropped).add(g.name);
      if ((await feasible(trial)) === false) dropped.add(g.name);
      else members.push(g);
    }
    if (members.length === 0) break;
    for (const g of members) {
      kept.push(g);
      resolved.add(g.name);
      conflicts.push({ constraint: g.name, kind: g.kind, message: describeGroup(problem, g), set });
    }
  }
  // 4. Least relaxation of each member, every other constraint of the scenario kept.
  const relaxations: Relaxation[] = [];
  for (const g of kept) {
    const r = await leastRelaxation(problem, counter, base, g);
    if (r) relaxations.push(r);
  }
  return { conflicts, relaxations };
}

async function leastRelaxation(
  problem: PlanProblem,
  counter: SolveCounter,
  base: BuildOptions,
  g: GroupInfo,
): Promise<Relaxation | null> {
  const what = describeGroup(problem, g);
  const notAlone = (unit: string, from: number | null): Relaxation => ({
    constraint: g.name,
    kind: g.kind,
    from,
    to: null,
    unit,
    message: say('plan.relax-not-alone', { constraint: what }),
  });
  if (g.kind === 'rule') {
    const ri = g.ruleIndex!;
    const rule = problem.rules[ri]!.rule;
    const lower = rule.comparator === '>' || rule.comparator === '>=';
    const at = async (threshold: number, comparator = rule.comparator) =>
      (
        await counter.run(
          counter.build({
            ...base,
            feasibilityOnly: true,
            ruleOverrides: new Map([...(base.ruleOverrides ?? []), [ri, { threshold, comparator }]]),
          }),
        )
      ).status === 'optimal';
    const loosest = lower ? 0 : 1;
    if (!(await at(loosest, lower ? '>=' : '<='))) return notAlone('fraction', rule.threshold);
    // Bisection on the threshold: lo is feasible, hi is not (for a lower bound; mirrored otherwise).
    let good = loosest;
    let bad = rule.threshold;
    for (let i = 0; i < 9 && Math.abs(bad - good) > 0.002; i++) {
      const mid = (good + bad) / 2;
      if (await at(mid)) good = mid;
      else bad = mid;
    }
    const to = lower ? Math.floor(good * 1000) / 1000 : Math.ceil(good * 1000) / 1000;
    return {
      constraint: g.name,
      kind: 'rule',
      from: rule.threshold,
      to,
      unit: 'fraction',
      message: say('plan.relax-rule', { constraint: what, to: pct(to), from: pct(rule.threshold) }),
    };
  }
  if (g.kind === 'deny') {
    const r = await counter.run(counter.build({ ...base, feasibilityOnly: true, drop: new Set([g.name]) }));
    return r.status === 'optimal'
      ? {
          constraint: g.name,
          kind: 'deny',
          from: null,
          to: null,
          unit: '',
          message: say('plan.relax-deny', { constraint: what }),
        }
      : notAlone('', null);
  }
  const r = await counter.run(counter.build({ ...base, elastic: g.name }));
  const slack = r.objective;
  const units: Record<Exclude<GroupKind, 'rule' | 'deny'>, string> = {
    power: 'MW',
    availability: 'devices',
    deadline: 'days',
    demand: 'output tokens/s',
    budget: 'USD',
  };
  const unit = units[g.kind];
  if (r.status !== 'optimal' || slack === null) return notAlone(unit, null);
  switch (g.kind) {
    case 'power': {
      const from = (problem.sites.find((s) => s.id === g.subject)!.powerCapW ?? 0) / 1e6;
      const to = Math.ceil((from + slack) * 100) / 100;
      return {
        constraint: g.name,
        kind: g.kind,
        from,
        to,
        unit,
        message: say('plan.relax-power', { constraint: what, mw: to.toFixed(2) }),
      };
    }
    case 'availability': {
      const from = problem.options.find((o) => o.id === g.subject)!.maxNewDevices ?? 0;
      const to = from + Math.ceil(slack - 1e-6);
      return {
        constraint: g.name,
        kind: g.kind,
        from,
        to,
        unit,
        message: say('plan.relax-availability', { constraint: what, devices: to }),
      };
    }
    case 'deadline': {
      const w = problem.workloads.find((x) => x.id === g.subject)!;
      const from = w.kind === 'training' ? w.deadlineDays : null;
      const to = from === null ? null : Math.ceil((from + slack) * 10) / 10;
      return {
        constraint: g.name,
        kind: g.kind,
        from,
        to,
        unit,
        message: say('plan.relax-deadline', { constraint: what, days: String(to) }),
      };
    }
    case 'demand': {
      const w = problem.workloads.find((x) => x.id === g.subject)!;
      const from = w.kind === 'serving' ? w.demandOutputTokensPerSecond : null;
      const to = from === null ? null : Math.floor(from - slack * 1000);
      return {
        constraint: g.name,
        kind: g.kind,
        from,
        to,
        unit,
        message: say('plan.relax-demand', { constraint: what, demand: String(to) }),
      };
    }
    case 'budget': {
      const from = problem.budgetUsd;
      const to = from === null ? null : Math.ceil(from + slack * 1e6);
      return {
        constraint: g.name,
        kind: g.kind,
        from,
        to,
        unit,
        message: say('plan.relax-budget', { constraint: what, usd: usdM(to ?? 0) }),
      };
    }
  }
}
