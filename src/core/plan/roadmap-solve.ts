/**
 * Phase 4 (optimise) for a roadmap plan: one multi-period MILP (build-roadmap.ts) solved once, read
 * back per period (purchases, fleet in service, retirements, shares, rules in force, present cost)
 * and as one plan (totals; the fleet, shares and rules of the last period).
 */
import { buildRoadmapMilp, energyPvPerDevice, priceInPeriod, type RoadmapIndex } from './build-roadmap';
import {
  checkRules,
  type Fleet,
  type FleetPlan,
  fleetShares,
  type ModelOverrides,
  type Purchase,
  type RuleOutcomePlan,
  type Shares,
  type SitePlan,
  servingAssignment,
  type TrainingAssignment,
  trainingAssignment,
  type WorkloadAssignment,
} from './interpret';
import type { Solver } from './milp';
import type { PlanProblem } from './problem';
import { discount, inService } from './roadmap';
import type { PlanStatus, SolveReport } from './solve';

export interface PeriodPlan {
  readonly period: string;
  readonly date: string;
  /** Bought in this period (capex at the period's declined price, undiscounted). */
  readonly purchases: Purchase[];
  /** In service during the period, per site and hardware. */
  readonly installed: Array<{
    site: string;
    hardware: string;
    vendor: string;
    domestic: boolean;
    devices: number;
  }>;
  /** Bought earlier and past their lifetime in this period. */
  readonly retired: Array<{ site: string; hardware: string; devices: number }>;
  readonly domesticShare: Shares;
  /** Only the rules in force in this period. */
  readonly rules: RuleOutcomePlan[];
  /** Present value of the period's capex and energy (USD). */
  readonly costUsd: number;
  readonly capexUsd: number;
  readonly energyUsd: number;
}

export interface RoadmapReport extends SolveReport {
  readonly periods: PeriodPlan[];
}

export async function solveRoadmap(
  problem: PlanProblem,
  opts: { solver: Solver; ruleOverrides?: ModelOverrides; withoutDeny?: ReadonlySet<number> },
): Promise<RoadmapReport> {
  const built = buildRoadmapMilp(problem, {
    ...(opts.ruleOverrides ? { ruleOverrides: opts.ruleOverrides } : {}),
    ...(opts.withoutDeny ? { withoutDeny: opts.withoutDeny } : {}),
  });
  const result = await opts.solver.solve(built.model, {
    timeLimitSeconds: problem.timeLimitSeconds,
    mipRelGap: problem.mipRelGap,
  });
  const status: PlanStatus = result.status === 'unbounded' ? 'error' : result.status;
  const solver = {
    name: opts.solver.name,
    solves: 1,
    solveSeconds: result.solveSeconds,
    variables: built.model.variables.length,
    constraints: built.model.constraints.length,
    detail: result.detail,
  };
  if (result.objective === null || (status !== 'optimal' && status !== 'time_limit'))
    return { status, plan: null, binding: [], conflicts: [], relaxations: [], solver, periods: [] };
  const { plan, periods } = interpretRoadmap(problem, built.index, result.values, opts.ruleOverrides);
  return { status, plan, binding: [], conflicts: [], relaxations: [], solver, periods };
}

export function interpretRoadmap(
  problem: PlanProblem,
  index: RoadmapIndex,
  rawValues: Readonly<Record<string, number>>,
  overrides?: ModelOverrides,
): { plan: FleetPlan; periods: PeriodPlan[] } {
  const roadmap = problem.roadmap!;
  const v = (name: string) => Math.round(rawValues[name] ?? 0);
  const siteById = new Map(problem.sites.map((s) => [s.id, s]));
  const allSites = problem.sites.map((s) => s.id);
  const fleets: Fleet[] = roadmap.periods.map(() => new Map(allSites.map((s) => [s, new Map()])));
  const add = (fleet: Fleet, site: string, option: string, n: number) => {
    const m = fleet.get(site)!;
    m.set(option, (m.get(option) ?? 0) + n);
  };
  const retiredIn = roadmap.periods.map(() => [] as PeriodPlan['retired']);
  for (const k of index.keep) {
    const kept = v(k.variable);
    if (kept > 0) add(fleets[k.period]!, k.site, k.option.id, kept);
    const before = k.period === 0 ? k.installed : v(k.variable.replace(/_\d+$/, `_${k.period - 1}`));
    if (kept < before)
      retiredIn[k.period]!.push({ site: k.site, hardware: k.option.id, devices: before - kept });
  }
  const bought = roadmap.periods.map(() => [] as Purchase[]);
  for (const b of index.buy) {
    const units = v(b.variable);
    if (units <= 0) continue;
    const devices = units * b.option.unitDevices;
    const capexUsd = devices * priceInPeriod(roadmap, b.option, b.period);
    bought[b.period]!.push({ site: b.site, hardware: b.option.id, count: devices, units, capexUsd });
    roadmap.periods.forEach((_, t) => {
      if (inService(roadmap, b.period, t)) add(fleets[t]!, b.site, b.option.id, devices);
      else if (t > b.period && inService(roadmap, b.period, t - 1))
        retiredIn[t]!.push({ site: b.site, hardware: b.option.id, devices });
    });
  }
  const optionById = new Map(problem.options.map((o) => [o.id, o]));
  const periods: PeriodPlan[] = roadmap.periods.map((p, t) => {
    const fleet = fleets[t]!;
    const installed: PeriodPlan['installed'] = [];
    let energyUsd = 0;
    for (const [site, byOption] of fleet)
      for (const [id, devices] of byOption) {
        if (devices <= 0) continue;
        const o = optionById.get(id)!;
        installed.push({ site, hardware: id, vendor: o.vendor, domestic: o.domestic, devices });
        energyUsd += devices * energyPvPerDevice(problem, roadmap, o, siteById.get(site)!, t);
      }
    const capexUsd = bought[t]!.reduce((s, x) => s + x.capexUsd, 0) * discount(roadmap, p.startYears);
    const inForce = new Set(roadmap.rulePeriods.flatMap((ps, ri) => (ps.includes(t) ? [ri] : [])));
    const rules = problem.rules.flatMap((binding, ri) =>
      inForce.has(ri)
        ? checkRules(
            { ...problem, rules: [binding] },
            fleet,
            overrides?.has(ri) ? new Map([[0, overrides.get(ri)!]]) : undefined,
          )
        : [],
    );
    return {
      period: p.label,
      date: p.date,
      purchases: bought[t]!,
      installed,
      retired: retiredIn[t]!,
      domesticShare: fleetShares(problem, fleet, allSites, (o) => o.domestic),
      rules,
      costUsd: capexUsd + energyUsd,
      capexUsd,
      energyUsd,
    };
  });

  // ---- the plan as one: purchases summed, the last period's fleet, shares and rules ----
  const last = roadmap.periods.length - 1;
  // Installed before the plan and out of service by its last period.
  const retiredAtStart = index.keep
    .filter((k) => k.period === last && v(k.variable) < k.installed)
    .map((k) => ({ site: k.site, hardware: k.option.id, devices: k.installed - v(k.variable) }));
  const totals = new Map<string, Purchase>();
  for (const list of bought)
    for (const x of list) {
      const k = `${x.site}\u0000${x.hardware}`;
      const prev = totals.get(k);
      totals.set(
        k,
        prev
          ? {
              ...prev,
              count: prev.count + x.count,
              units: prev.units + x.units,
              capexUsd: prev.capexUsd + x.capexUsd,
            }
          : { ...x },
      );
    }
  const sites: SitePlan[] = problem.sites.map((site) => {
    const devices: Record<string, number> = {};
    let powerW = 0;
    for (const [id, n] of fleets[last]!.get(site.id)!) {
      if (n <= 0) continue;
      devices[id] = n;
      powerW += n * optionById.get(id)!.powerWPerDevice * site.pue;
    }
    const retired: Record<string, number> = {};
    for (const r of retiredAtStart) if (r.site === site.id) retired[r.hardware] = r.devices;
    let capexUsd = 0;
    let energyUsd = 0;
    roadmap.periods.forEach((p, t) => {
      for (const x of bought[t]!) if (x.site === site.id) capexUsd += x.capexUsd;
      for (const [id, n] of fleets[t]!.get(site.id)!)
        energyUsd += n * energyPvPerDevice(problem, roadmap, optionById.get(id)!, site, t);
      void p;
    });
    return {
      site: site.id,
      devices,
      retired,
      powerMW: powerW / 1e6,
      powerCapMW: site.powerCapW === null ? null : site.powerCapW / 1e6,
      capexUsd,
      energyUsd,
      domesticShare: fleetShares(problem, fleets[last]!, [site.id], (o) => o.domestic),
    };
  });
  const workloads: WorkloadAssignment[] = [];
  for (const w of problem.workloads) {
    if (w.kind === 'training') {
      const chosen = index.assign.find((a) => a.workload === w.id && v(a.variable) === 1);
      if (!chosen) continue;
      workloads.push(
        trainingAssignment(
          w,
          chosen,
          `${chosen.candidate.layout} (${roadmap.periods[chosen.period]!.label})`,
        ),
      );
      continue;
    }
    // Serving: the replicas of the last period it runs in.
    const lastT = Math.max(-1, ...index.replicas.filter((r) => r.workload === w.id).map((r) => r.period));
    const chosen = index.replicas.filter(
      (r) => r.workload === w.id && r.period === lastT && v(r.variable) > 0,
    );
    workloads.push(
      servingAssignment(
        w,
        chosen.map((r) => ({ ...r, count: v(r.variable) })),
      ),
    );
  }
  const capexUsd = periods.reduce((s, p) => s + p.capexUsd, 0);
  const energyUsd = periods.reduce((s, p) => s + p.energyUsd, 0);
  const training = workloads.filter((w): w is TrainingAssignment => w.kind === 'training');
  return {
    periods,
    plan: {
      purchases: [...totals.values()],
      retired: retiredAtStart,
      workloads,
      sites,
      costs: { capexUsd, energyUsd, totalUsd: capexUsd + energyUsd },
      domesticShare: periods[last]!.domesticShare,
      rules: periods[last]!.rules,
      completionDays: training.length ? Math.max(...training.map((t) => t.completionDays)) : null,
      modelPflops: training.reduce((s, t) => s + t.modelPflops, 0),
    },
  };
}
