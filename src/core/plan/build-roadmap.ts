/**
 * Phase 3 (build) for a roadmap plan: one MILP over every period (docs/PLANNER.md#roadmap-plans).
 *
 *   k[s,o,t]   integer  devices of o installed at s before the plan still in service in period t (non-increasing)
 *   b[s,o,t]   integer  purchase units of o at s in period t (only in o's purchase window)
 *   y[w,s,v]   binary   training job w runs at s on variant v, in the period that holds its start
 *   r[w,s,i,t] integer  replicas of serving instance i for w at s in period t (t from its start)
 *
 * Devices in service at (s,o,t): k[s,o] + sum over t' <= t still in service at t of unit_o b[s,o,t'].
 * Cost: the net present value of capex (at the period's declined price) and of energy per period.
 */
import type { Metric } from '../policy/schema';
import {
  type BuildOptions,
  type GroupInfo,
  type GroupKind,
  ruleScopes,
  shareBound,
  shareCanBind,
} from './build-model';
import type { Constraint, MilpModel, Term, Variable } from './milp';
import type { OptionData, PlanProblem, RoadmapData, SiteData, TrainingCandidate } from './problem';
import { discount, HOURS_PER_YEAR, inService } from './roadmap';

export interface RoadmapIndex {
  readonly buy: ReadonlyArray<{ variable: string; site: string; option: OptionData; period: number }>;
  readonly keep: ReadonlyArray<{
    variable: string;
    site: string;
    option: OptionData;
    installed: number;
    period: number;
  }>;
  readonly assign: ReadonlyArray<{
    variable: string;
    workload: string;
    site: string;
    period: number;
    candidate: TrainingCandidate;
    fromInstalled: readonly boolean[];
    completionDays: number;
  }>;
  readonly replicas: ReadonlyArray<{
    variable: string;
    workload: string;
    site: string;
    instanceIndex: number;
    period: number;
  }>;
  readonly groups: ReadonlyMap<string, GroupInfo>;
  readonly costTerms: readonly Term[];
}

export interface BuiltRoadmap {
  readonly model: MilpModel;
  readonly index: RoadmapIndex;
}

/** Energy of one device of `option` at `site` for one year, USD. */
export function energyUsdPerDeviceYear(problem: PlanProblem, option: OptionData, site: SiteData): number {
  return (
    ((option.powerWPerDevice * site.pue * HOURS_PER_YEAR * problem.averageLoadFraction) / 1000) *
    site.electricityUsdPerKWh
  );
}

/** Price per device in period t after the yearly decline. */
export function priceInPeriod(roadmap: RoadmapData, option: OptionData, t: number): number {
  const decline = roadmap.options[option.id]?.priceDeclinePerYear ?? 0;
  return option.priceUsdPerDevice * (1 - decline) ** roadmap.periods[t]!.startYears;
}

/** Present value of one device's energy in period t. */
export function energyPvPerDevice(
  problem: PlanProblem,
  roadmap: RoadmapData,
  option: OptionData,
  site: SiteData,
  t: number,
): number {
  const p = roadmap.periods[t]!;
  return energyUsdPerDeviceYear(problem, option, site) * p.lengthYears * discount(roadmap, p.startYears);
}

export function buildRoadmapMilp(problem: PlanProblem, opts: BuildOptions = {}): BuiltRoadmap {
  const roadmap = problem.roadmap!;
  const T = roadmap.periods.length;
  const periods = [...Array(T).keys()];
  const drop = opts.drop ?? new Set<string>();
  const variables: Variable[] = [];
  const constraints: Constraint[] = [];
  const groups = new Map<string, GroupInfo>();
  const costTerms: Term[] = [];
  const optionById = new Map(problem.options.map((o) => [o.id, o]));
  const buy: Array<RoadmapIndex['buy'][number]> = [];
  const keep: Array<RoadmapIndex['keep'][number]> = [];
  const assign: Array<RoadmapIndex['assign'][number]> = [];
  const replicas: Array<RoadmapIndex['replicas'][number]> = [];
  const key = (s: string, o: string, t: number) => `${s}\u0000${o}\u0000${t}`;
  /** Devices in service, devices used, devices used from those there before the period. */
  const inServiceAt = new Map<string, Term[]>();
  const installedAt = new Map<string, Term[]>();
  const usage = new Map<string, Term[]>();
  const installedUsage = new Map<string, Term[]>();
  const push = (map: Map<string, Term[]>, k: string, t: Term) => {
    const list = map.get(k);
    if (list) list.push(t);
    else map.set(k, [t]);
  };
  const addRow = (row: Constraint, info: GroupInfo) => {
    if (drop.has(info.name)) return;
    groups.set(info.name, info);
    constraints.push(row);
  };
  const label = (t: number) => roadmap.periods[t]!.label;
  const group = (
    kind: GroupKind,
    name: string,
    subject: string,
    extra: Partial<GroupInfo> = {},
  ): GroupInfo => ({
    name,
    kind,
    subject,
    ...extra,
  });
  const buyable = (o: OptionData, t: number) => roadmap.options[o.id]?.periods.includes(t) ?? false;

  // ---- purchases per period and the installed base carried forward ----
  problem.sites.forEach((site, si) => {
    problem.options.forEach((option, oi) => {
      const installed = site.installed[option.id] ?? 0;
      if (installed > 0) {
        // k[s,o,t]: kept in service in period t; once retired, gone (k[t] <= k[t-1]).
        const retirable = site.retirable?.includes(option.id) ?? false;
        for (const t of periods) {
          const name = `k_${si}_${oi}_${t}`;
          variables.push({ name, type: 'integer', lb: retirable ? 0 : installed, ub: installed });
          keep.push({ variable: name, site: site.id, option, installed, period: t });
          push(inServiceAt, key(site.id, option.id, t), { variable: name, coef: 1 });
          push(installedAt, key(site.id, option.id, t), { variable: name, coef: 1 });
          costTerms.push({ variable: name, coef: energyPvPerDevice(problem, roadmap, option, site, t) });
          if (t > 0)
            constraints.push({
              name: `keep_${si}_${oi}_${t}`,
              group: '',
              terms: [
                { variable: name, coef: 1 },
                { variable: `k_${si}_${oi}_${t - 1}`, coef: -1 },
              ],
              sense: '<=',
              rhs: 0,
            });
        }
      }
      const cap = roadmap.options[option.id]?.maxDevicesPerPeriod ?? null;
      for (const t of periods) {
        if (!buyable(option, t)) continue;
        const name = `b_${si}_${oi}_${t}`;
        let ub = Number.POSITIVE_INFINITY;
        if (cap !== null && !drop.has(`supply:${option.id}#${label(t)}`))
          ub = Math.floor(cap / option.unitDevices);
        if (option.maxNewDevices !== null && !drop.has(`availability:${option.id}`))
          ub = Math.min(ub, Math.floor(option.maxNewDevices / option.unitDevices));
        variables.push({ name, type: 'integer', lb: 0, ...(Number.isFinite(ub) ? { ub } : {}) });
        buy.push({ variable: name, site: site.id, option, period: t });
        let coef =
          option.unitDevices *
          priceInPeriod(roadmap, option, t) *
          discount(roadmap, roadmap.periods[t]!.startYears);
        for (const u of periods) {
          if (!inService(roadmap, t, u)) continue;
          push(inServiceAt, key(site.id, option.id, u), { variable: name, coef: option.unitDevices });
          if (u > t)
            push(installedAt, key(site.id, option.id, u), { variable: name, coef: option.unitDevices });
          coef += option.unitDevices * energyPvPerDevice(problem, roadmap, option, site, u);
        }
        costTerms.push({ variable: name, coef });
      }
    });
  });

  // ---- training: one variant per job, in the period that holds its start ----
  problem.workloads.forEach((w, wi) => {
    if (w.kind !== 'training') return;
    const t = roadmap.workloadPeriods[w.id]?.[0] ?? 0;
    const vars: Array<RoadmapIndex['assign'][number]> = [];
    problem.sites.forEach((site, si) => {
      if (w.sites.length && !w.sites.includes(site.id)) return;
      w.candidates.forEach((cand, ci) => {
        for (const fromInstalled of variantsAt(cand, site, t, optionById, buyable)) {
          const lead = Math.max(
            0,
            ...cand.pools.map((p, pi) => (fromInstalled[pi] ? 0 : optionById.get(p.optionId)!.leadTimeDays)),
          );
          const completionDays = lead + cand.trainDays;
          if (w.deadlineDays !== null && completionDays > w.deadlineDays + 1e-9) continue;
          const name = `y_${wi}_${si}_${ci}${fromInstalled.some(Boolean) ? `_i${fromInstalled.map(Number).join('')}` : ''}`;
          variables.push({ name, type: 'binary' });
          vars.push({
            variable: name,
            workload: w.id,
            site: site.id,
            period: t,
            candidate: cand,
            fromInstalled,
            completionDays,
          });
          cand.pools.forEach((p, pi) => {
            push(usage, key(site.id, p.optionId, t), { variable: name, coef: p.devices });
            if (fromInstalled[pi])
              push(installedUsage, key(site.id, p.optionId, t), { variable: name, coef: p.devices });
          });
        }
      });
    });
    assign.push(...vars);
    // No variant meets the deadline: the empty row makes the plan infeasible, named.
    addRow(
      {
        name: `assign_${wi}`,
        group: `deadline:${w.id}`,
        terms: vars.map((v) => ({ variable: v.variable, coef: 1 })),
        sense: '=',
        rhs: 1,
      },
      group('deadline', `deadline:${w.id}`, w.id),
    );
  });

  // ---- serving: demand met in every period from its start ----
  problem.workloads.forEach((w, wi) => {
    if (w.kind !== 'serving') return;
    for (const t of roadmap.workloadPeriods[w.id] ?? []) {
      const terms: Term[] = [];
      problem.sites.forEach((site, si) => {
        if (w.sites.length && !w.sites.includes(site.id)) return;
        w.instances.forEach((inst, ii) => {
          const option = optionById.get(inst.optionId)!;
          const reachable =
            (site.installed[option.id] ?? 0) > 0 || periods.some((u) => u <= t && buyable(option, u));
          if (!reachable) return;
          const name = `r_${wi}_${si}_${ii}_${t}`;
          variables.push({ name, type: 'integer', lb: 0 });
          replicas.push({ variable: name, workload: w.id, site: site.id, instanceIndex: ii, period: t });
          push(usage, key(site.id, inst.optionId, t), { variable: name, coef: inst.devices });
          terms.push({ variable: name, coef: inst.outputTokensPerSecond / 1000 });
        });
      });
      const name = `demand:${w.id}#${label(t)}`;
      addRow(
        {
          name: `demand_${wi}_${t}`,
          group: name,
          terms,
          sense: '>=',
          rhs: w.demandOutputTokensPerSecond / 1000,
        },
        group('demand', name, w.id),
      );
    }
  });

  // ---- capacity per period: used <= in service; used from earlier periods <= there before ----
  const optionIndex = new Map(problem.options.map((o, i) => [o.id, i]));
  const siteIndex = new Map(problem.sites.map((s, i) => [s.id, i]));
  const rowName = (prefix: string, k: string) => {
    const [s, o, t] = k.split('\u0000') as [string, string, string];
    return `${prefix}_${siteIndex.get(s)}_${optionIndex.get(o)}_${t}`;
  };
  for (const [k, terms] of usage)
    constraints.push({
      name: rowName('cap', k),
      group: '',
      terms: [...terms, ...(inServiceAt.get(k) ?? []).map((t) => ({ variable: t.variable, coef: -t.coef }))],
      sense: '<=',
      rhs: 0,
    });
  for (const [k, terms] of installedUsage)
    constraints.push({
      name: rowName('inst', k),
      group: '',
      terms: [...terms, ...(installedAt.get(k) ?? []).map((t) => ({ variable: t.variable, coef: -t.coef }))],
      sense: '<=',
      rhs: 0,
    });
  const devices = (s: string, o: string, t: number) => inServiceAt.get(key(s, o, t)) ?? [];

  // ---- site power per period ----
  problem.sites.forEach((site, si) => {
    if (site.powerCapW === null) return;
    for (const t of periods) {
      const terms: Term[] = [];
      for (const option of problem.options)
        for (const x of devices(site.id, option.id, t))
          terms.push({ variable: x.variable, coef: (x.coef * option.powerWPerDevice * site.pue) / 1e6 });
      if (!terms.length) continue;
      const name = `power:${site.id}#${label(t)}`;
      addRow(
        { name: `power_${si}_${t}`, group: name, terms, sense: '<=', rhs: site.powerCapW / 1e6 },
        group('power', name, site.id, { siteId: site.id }),
      );
    }
  });

  // ---- availability: licence volume over the plan, supply per period ----
  problem.options.forEach((option, oi) => {
    const mine = buy.filter((b) => b.option.id === option.id);
    if (!mine.length) return;
    const units = (list: typeof mine) =>
      list.map((b) => ({ variable: b.variable, coef: option.unitDevices }));
    if (option.maxNewDevices !== null) {
      const name = `availability:${option.id}`;
      addRow(
        { name: `avail_${oi}`, group: name, terms: units(mine), sense: '<=', rhs: option.maxNewDevices },
        group('availability', name, option.id),
      );
    }
    const cap = roadmap.options[option.id]?.maxDevicesPerPeriod ?? null;
    if (cap === null) return;
    for (const t of periods) {
      const inT = mine.filter((b) => b.period === t);
      if (!inT.length) continue;
      const name = `supply:${option.id}#${label(t)}`;
      addRow(
        { name: `supply_${oi}_${t}`, group: name, terms: units(inT), sense: '<=', rhs: cap },
        group('availability', name, option.id),
      );
    }
  });

  // ---- rules: every scope, in every period the rule is in force ----
  problem.rules.forEach((binding, ri) => {
    const override = opts.ruleOverrides?.get(ri);
    const rule = override ? { ...binding.rule, ...override } : binding.rule;
    const { lower, bound } = shareBound(rule.comparator, rule.threshold);
    const metric: Metric = rule.metric;
    const scale = Math.max(...problem.options.map((o) => o.metricPerDevice[metric] ?? 0), 1e-12);
    for (const t of roadmap.rulePeriods[ri] ?? []) {
      for (const { scope, sites } of ruleScopes(binding)) {
        const at = scope !== 'organisation' ? { siteId: scope } : {};
        const suffix = `${ri}_${scope === 'organisation' ? 'org' : siteIndex.get(scope)}_${t}`;
        if (binding.denied.length && !opts.withoutDeny?.has(ri)) {
          const name = `deny:${rule.id}@${scope}#${label(t)}`;
          const terms = sites.flatMap((s) => binding.denied.flatMap((o) => devices(s, o, t)));
          if (terms.length)
            addRow(
              { name: `deny_${suffix}`, group: name, terms, sense: '<=', rhs: 0 },
              group('deny', name, rule.id, { ruleIndex: ri, ...at }),
            );
        }
        const name = `rule:${rule.id}@${scope}#${label(t)}`;
        const info = group('rule', name, rule.id, { ruleIndex: ri, ...at });
        const terms: Term[] = [];
        const unmeasurable: Term[] = [];
        for (const s of sites)
          for (const option of problem.options) {
            const m = option.metricPerDevice[metric];
            const ts = devices(s, option.id, t);
            if (m === null) {
              unmeasurable.push(...ts);
              continue;
            }
            const coef = (((binding.domestic[option.id] ? 1 : 0) - bound) * m) / scale;
            for (const x of ts) if (coef !== 0) terms.push({ variable: x.variable, coef: coef * x.coef });
          }
        // share >= bound  <=>  sum (d - bound) m x >= 0; 0 at an empty site.
        if (terms.length)
          addRow({ name: `rule_${suffix}`, group: name, terms, sense: lower ? '>=' : '<=', rhs: 0 }, info);
        if (unmeasurable.length && shareCanBind(lower, bound))
          addRow({ name: `rulem_${suffix}`, group: name, terms: unmeasurable, sense: '<=', rhs: 0 }, info);
      }
    }
  });

  // ---- budget on the net present value ----
  if (problem.budgetUsd !== null)
    addRow(
      {
        name: 'budget',
        group: 'budget',
        terms: costTerms.map((t) => ({ variable: t.variable, coef: t.coef / 1e6 })),
        sense: '<=',
        rhs: problem.budgetUsd / 1e6,
      },
      group('budget', 'budget', 'budget'),
    );

  if (variables.length === 0) variables.push({ name: 'nothing', type: 'continuous', ub: 0 });
  return {
    model: { sense: 'minimize', objective: opts.feasibilityOnly ? [] : costTerms, variables, constraints },
    index: { buy, keep, assign, replicas, groups, costTerms },
  };
}

/**
 * Per pool, whether its devices come from those in service before period t (no lead time): an option
 * not buyable in t must; one with a lead time may (a capacity row checks there are enough).
 */
function variantsAt(
  cand: TrainingCandidate,
  site: SiteData,
  t: number,
  options: ReadonlyMap<string, OptionData>,
  buyable: (o: OptionData, t: number) => boolean,
): boolean[][] {
  let variants: boolean[][] = [[]];
  for (const pool of cand.pools) {
    const option = options.get(pool.optionId)!;
    const canBuy = buyable(option, t);
    const before = (site.installed[pool.optionId] ?? 0) > 0 || t > 0;
    const choices: boolean[] = [];
    if (canBuy) choices.push(false);
    if (before && (!canBuy || option.leadTimeDays > 0)) choices.push(true);
    variants = variants.flatMap((v) => choices.map((c) => [...v, c]));
  }
  return variants;
}
