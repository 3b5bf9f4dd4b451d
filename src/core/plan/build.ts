/**
 * Phase 3 (build): the fleet MILP as data. Every row carries the planner-level constraint it belongs to
 * (its `group`), so infeasibility reports and binding lists can name them. Formulation: docs/PLANNER.md.
 *
 *   b[s,o]  integer  purchase units of option o at site s (unitDevices devices each)
 *   k[s,o]  integer  installed devices of o kept at s (0..installed when retirable, else fixed at installed)
 *   y[w,s,v] binary  training job w runs at s on variant v (a candidate plus, per pool, new or installed devices)
 *   r[w,s,i] integer replicas of serving instance shape i for workload w at s
 */
import type { Metric } from '../policy/schema';
import type { Constraint, MilpModel, Term, Variable } from './milp';
import type { OptionData, PlanProblem, RuleBinding, SiteData, TrainingCandidate } from './problem';

/** Strict comparators are modelled as share >= threshold + STRICT_MARGIN (or <= threshold - margin). */
export const STRICT_MARGIN = 1e-6;

export type GroupKind = 'power' | 'availability' | 'rule' | 'deny' | 'deadline' | 'demand' | 'budget';

export interface GroupInfo {
  readonly name: string;
  readonly kind: GroupKind;
  /** Site, option, workload or rule id the group is about. */
  readonly subject: string;
  readonly ruleIndex?: number;
  readonly siteId?: string;
}

export interface BuildOptions {
  /** Groups left out of the model. */
  readonly drop?: ReadonlySet<string>;
  /** One group made elastic: its violation becomes a variable and the objective minimises it. */
  readonly elastic?: string;
  /** Threshold and comparator overrides by rule index (the sweep, the relaxation search). */
  readonly ruleOverrides?: ReadonlyMap<
    number,
    { threshold: number; comparator: RuleBinding['rule']['comparator'] }
  >;
  /** A zero objective: is there any feasible plan? */
  readonly feasibilityOnly?: boolean;
  /** minTime, phase 2: every training job ends by this day; the objective becomes cost. */
  readonly makespanBound?: number;
  /**
   * Leave out variants that miss their deadline instead of fixing them to 0 with a named row: a
   * smaller model for the everyday solve. Explanations rebuild without it.
   */
  readonly pruneLate?: boolean;
}

export interface AssignVar {
  readonly variable: string;
  readonly workload: string;
  readonly site: string;
  readonly candidate: TrainingCandidate;
  readonly candidateIndex: number;
  /** Per pool: the devices come from the site's installed base (no lead time). */
  readonly fromInstalled: readonly boolean[];
  readonly completionDays: number;
}

export interface ModelIndex {
  readonly buy: ReadonlyArray<{ variable: string; site: string; option: OptionData }>;
  readonly keep: ReadonlyArray<{ variable: string; site: string; option: OptionData; installed: number }>;
  readonly assign: readonly AssignVar[];
  readonly replicas: ReadonlyArray<{
    variable: string;
    workload: string;
    site: string;
    instanceIndex: number;
  }>;
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /**
   * The elastic slack variable, when `elastic` was set and the group exists. Units: MW (power),
   * devices (availability), thousand tokens/s (demand), USD millions (budget), days (deadline).
   */
  readonly slackVariable: string | null;
  /** USD per unit of each variable (capex + energy over the horizon). */
  readonly costTerms: readonly Term[];
}

export interface BuiltModel {
  readonly model: MilpModel;
  readonly index: ModelIndex;
}

export const groupName = {
  power: (site: string) => `power:${site}`,
  availability: (option: string) => `availability:${option}`,
  rule: (ruleId: string, scope: string) => `rule:${ruleId}@${scope}`,
  deny: (ruleId: string, scope: string) => `deny:${ruleId}@${scope}`,
  deadline: (workload: string) => `deadline:${workload}`,
  demand: (workload: string) => `demand:${workload}`,
  budget: () => 'budget',
};

/** Energy cost of one device of `option` at `site` over the horizon, USD. */
export function energyUsdPerDevice(problem: PlanProblem, option: OptionData, site: SiteData): number {
  const kWh = (option.powerWPerDevice * site.pue * problem.horizonHours * problem.averageLoadFraction) / 1000;
  return kWh * site.electricityUsdPerKWh;
}

/** The rule's scopes: one per site (site scope) or one for all its sites (organisation scope). */
export function ruleScopes(binding: RuleBinding): Array<{ scope: string; sites: readonly string[] }> {
  if (binding.rule.scope === 'organisation')
    return binding.sites.length ? [{ scope: 'organisation', sites: binding.sites }] : [];
  return binding.sites.map((s) => ({ scope: s, sites: [s] }));
}

/** Lower bound (`>`, `>=`) or upper bound on the share, margin included. */
export function shareBound(comparator: string, threshold: number): { lower: boolean; bound: number } {
  switch (comparator) {
    case '>':
      return { lower: true, bound: threshold + STRICT_MARGIN };
    case '>=':
      return { lower: true, bound: threshold };
    case '<':
      return { lower: false, bound: threshold - STRICT_MARGIN };
    default:
      return { lower: false, bound: threshold };
  }
}

export function buildFleetMilp(problem: PlanProblem, opts: BuildOptions = {}): BuiltModel {
  const drop = opts.drop ?? new Set<string>();
  const variables: Variable[] = [];
  const constraints: Constraint[] = [];
  const groups = new Map<string, GroupInfo>();
  const costTerms: Term[] = [];
  const optionById = new Map(problem.options.map((o) => [o.id, o]));
  const siteIndex = new Map(problem.sites.map((s, i) => [s.id, i]));
  const optionIndex = new Map(problem.options.map((o, i) => [o.id, i]));
  let slackVariable: string | null = null;

  // Device expressions per (site, option): kept + bought devices.
  const devicesAt = new Map<string, Term[]>();
  const key = (s: string, o: string) => `${s}\u0000${o}`;
  const addDevices = (s: string, o: string, term: Term) => {
    const list = devicesAt.get(key(s, o));
    if (list) list.push(term);
    else devicesAt.set(key(s, o), [term]);
  };
  const buy: Array<{ variable: string; site: string; option: OptionData }> = [];
  const keep: Array<{ variable: string; site: string; option: OptionData; installed: number }> = [];
  const buyVar = new Map<string, string>();
  const keepVar = new Map<string, string>();

  /** Adds a row unless its group is dropped; the elastic group gets a slack column. */
  const addRow = (row: Constraint, info: GroupInfo | null) => {
    if (info) {
      if (drop.has(info.name)) return;
      groups.set(info.name, info);
      if (opts.elastic === info.name) {
        if (!slackVariable) {
          slackVariable = 'slack';
          variables.push({ name: slackVariable, type: 'continuous' });
        }
        const sign = row.sense === '<=' ? -1 : 1;
        row = { ...row, terms: [...row.terms, { variable: slackVariable, coef: sign }] };
      }
    }
    constraints.push(row);
  };

  // ---- purchases and installed base ----
  for (const site of problem.sites) {
    const si = siteIndex.get(site.id)!;
    for (const option of problem.options) {
      const oi = optionIndex.get(option.id)!;
      const installed = site.installed[option.id] ?? 0;
      if (installed > 0) {
        const name = `k_${si}_${oi}`;
        const retirable = site.retirable?.includes(option.id) ?? false;
        variables.push({ name, type: 'integer', lb: retirable ? 0 : installed, ub: installed });
        keep.push({ variable: name, site: site.id, option, installed });
        keepVar.set(key(site.id, option.id), name);
        addDevices(site.id, option.id, { variable: name, coef: 1 });
        costTerms.push({ variable: name, coef: energyUsdPerDevice(problem, option, site) });
      }
      if (option.available) {
        const name = `b_${si}_${oi}`;
        let ub = Number.POSITIVE_INFINITY;
        if (
          option.maxNewDevices !== null &&
          !drop.has(groupName.availability(option.id)) &&
          opts.elastic !== groupName.availability(option.id)
        )
          ub = Math.floor(option.maxNewDevices / option.unitDevices);
        if (
          site.powerCapW !== null &&
          !drop.has(groupName.power(site.id)) &&
          opts.elastic !== groupName.power(site.id)
        )
          ub = Math.min(
            ub,
            Math.floor(site.powerCapW / (option.powerWPerDevice * site.pue * option.unitDevices)),
          );
        variables.push({
          name,
          type: 'integer',
          lb: 0,
          ...(Number.isFinite(ub) ? { ub: Math.max(0, ub) } : {}),
        });
        buy.push({ variable: name, site: site.id, option });
        buyVar.set(key(site.id, option.id), name);
        addDevices(site.id, option.id, { variable: name, coef: option.unitDevices });
        costTerms.push({
          variable: name,
          coef: option.unitDevices * (option.priceUsdPerDevice + energyUsdPerDevice(problem, option, site)),
        });
      }
    }
  }

  // ---- training assignments ----
  const assign: AssignVar[] = [];
  // usage[site|option] -> terms of devices used; installedUsage: devices that must come from the installed base
  const usage = new Map<string, Term[]>();
  const installedUsage = new Map<string, Term[]>();
  const push = (map: Map<string, Term[]>, k: string, t: Term) => {
    const list = map.get(k);
    if (list) list.push(t);
    else map.set(k, [t]);
  };
  problem.workloads.forEach((w, wi) => {
    if (w.kind !== 'training') return;
    const vars: AssignVar[] = [];
    for (const site of problem.sites) {
      if (w.sites.length && !w.sites.includes(site.id)) continue;
      const si = siteIndex.get(site.id)!;
      w.candidates.forEach((cand, ci) => {
        for (const fromInstalled of poolVariants(cand, site, optionById)) {
          const lead = Math.max(
            0,
            ...cand.pools.map((p, pi) => (fromInstalled[pi] ? 0 : optionById.get(p.optionId)!.leadTimeDays)),
          );
          if (opts.pruneLate && w.deadlineDays !== null && lead + cand.trainDays > w.deadlineDays + 1e-9)
            continue;
          const name = `y_${wi}_${si}_${ci}${fromInstalled.some(Boolean) ? `_i${fromInstalled.map(Number).join('')}` : ''}`;
          variables.push({ name, type: 'binary' });
          const v: AssignVar = {
            variable: name,
            workload: w.id,
            site: site.id,
            candidate: cand,
            candidateIndex: ci,
            fromInstalled,
            completionDays: lead + cand.trainDays,
          };
          vars.push(v);
          cand.pools.forEach((p, pi) => {
            push(usage, key(site.id, p.optionId), { variable: name, coef: p.devices });
            if (fromInstalled[pi])
              push(installedUsage, key(site.id, p.optionId), { variable: name, coef: p.devices });
          });
        }
      });
    }
    assign.push(...vars);
    constraints.push({
      name: `assign_${wi}`,
      group: '',
      terms: vars.map((v) => ({ variable: v.variable, coef: 1 })),
      sense: '=',
      rhs: 1,
    });
    if (w.deadlineDays !== null) {
      const late = vars.filter((v) => v.completionDays > w.deadlineDays! + 1e-9);
      if (late.length) {
        const info: GroupInfo = { name: groupName.deadline(w.id), kind: 'deadline', subject: w.id };
        if (opts.elastic === info.name) {
          // lateness >= sum (completion - deadline) y: the slack is days late.
          slackVariable = 'slack';
          variables.push({ name: slackVariable, type: 'continuous' });
          groups.set(info.name, info);
          constraints.push({
            name: `deadline_${wi}`,
            group: info.name,
            terms: [
              { variable: slackVariable, coef: 1 },
              ...late.map((v) => ({ variable: v.variable, coef: -(v.completionDays - w.deadlineDays!) })),
            ],
            sense: '>=',
            rhs: 0,
          });
        } else
          addRow(
            {
              name: `deadline_${wi}`,
              group: info.name,
              terms: late.map((v) => ({ variable: v.variable, coef: 1 })),
              sense: '<=',
              rhs: 0,
            },
            info,
          );
      }
    }
    if (opts.makespanBound !== undefined) {
      constraints.push({
        name: `makespan_${wi}`,
        group: '',
        terms: vars.map((v) => ({ variable: v.variable, coef: v.completionDays })),
        sense: '<=',
        rhs: opts.makespanBound,
      });
    }
  });

  // ---- serving replicas ----
  const replicas: Array<{ variable: string; workload: string; site: string; instanceIndex: number }> = [];
  problem.workloads.forEach((w, wi) => {
    if (w.kind !== 'serving') return;
    const terms: Term[] = [];
    for (const site of problem.sites) {
      if (w.sites.length && !w.sites.includes(site.id)) continue;
      const si = siteIndex.get(site.id)!;
      w.instances.forEach((inst, ii) => {
        const option = optionById.get(inst.optionId)!;
        if (!option.available && !(site.installed[option.id] ?? 0)) return;
        const name = `r_${wi}_${si}_${ii}`;
        variables.push({ name, type: 'integer', lb: 0 });
        replicas.push({ variable: name, workload: w.id, site: site.id, instanceIndex: ii });
        push(usage, key(site.id, inst.optionId), { variable: name, coef: inst.devices });
        // Scaled to thousands of tokens/s to keep coefficients near 1.
        terms.push({ variable: name, coef: inst.outputTokensPerSecond / 1000 });
      });
    }
    addRow(
      {
        name: `demand_${wi}`,
        group: groupName.demand(w.id),
        terms,
        sense: '>=',
        rhs: w.demandOutputTokensPerSecond / 1000,
      },
      { name: groupName.demand(w.id), kind: 'demand', subject: w.id },
    );
  });

  // ---- capacity: devices used <= kept + bought ----
  for (const [k, terms] of usage) {
    const [s, o] = k.split('\u0000') as [string, string];
    const have = devicesAt.get(k) ?? [];
    constraints.push({
      name: `cap_${siteIndex.get(s)}_${optionIndex.get(o)}`,
      group: '',
      terms: [...terms, ...have.map((t) => ({ variable: t.variable, coef: -t.coef }))],
      sense: '<=',
      rhs: 0,
    });
  }
  for (const [k, terms] of installedUsage) {
    const [s, o] = k.split('\u0000') as [string, string];
    const kept = keepVar.get(k);
    constraints.push({
      name: `inst_${siteIndex.get(s)}_${optionIndex.get(o)}`,
      group: '',
      terms: [...terms, ...(kept ? [{ variable: kept, coef: -1 }] : [])],
      sense: '<=',
      rhs: 0,
    });
  }

  // ---- site power ----
  for (const site of problem.sites) {
    if (site.powerCapW === null) continue;
    const terms: Term[] = [];
    for (const option of problem.options)
      for (const t of devicesAt.get(key(site.id, option.id)) ?? [])
        terms.push({ variable: t.variable, coef: (t.coef * option.powerWPerDevice * site.pue) / 1e6 });
    if (!terms.length) continue;
    addRow(
      {
        name: `power_${siteIndex.get(site.id)}`,
        group: groupName.power(site.id),
        terms,
        sense: '<=',
        rhs: site.powerCapW / 1e6,
      },
      { name: groupName.power(site.id), kind: 'power', subject: site.id, siteId: site.id },
    );
  }

  // ---- availability caps ----
  for (const option of problem.options) {
    if (!option.available || option.maxNewDevices === null) continue;
    const terms = buy
      .filter((b) => b.option.id === option.id)
      .map((b) => ({ variable: b.variable, coef: option.unitDevices }));
    addRow(
      {
        name: `avail_${optionIndex.get(option.id)}`,
        group: groupName.availability(option.id),
        terms,
        sense: '<=',
        rhs: option.maxNewDevices,
      },
      { name: groupName.availability(option.id), kind: 'availability', subject: option.id },
    );
  }

  // ---- policy rules ----
  problem.rules.forEach((binding, ri) => {
    const override = opts.ruleOverrides?.get(ri);
    const rule = override ? { ...binding.rule, ...override } : binding.rule;
    for (const { scope, sites } of ruleScopes(binding)) {
      const scopeIndex = scope === 'organisation' ? 'org' : String(siteIndex.get(scope));
      if (binding.denied.length) {
        const info: GroupInfo = {
          name: groupName.deny(rule.id, scope),
          kind: 'deny',
          subject: rule.id,
          ruleIndex: ri,
          ...(scope !== 'organisation' ? { siteId: scope } : {}),
        };
        const terms = sites.flatMap((s) => binding.denied.flatMap((o) => devicesAt.get(key(s, o)) ?? []));
        if (terms.length)
          addRow({ name: `deny_${ri}_${scopeIndex}`, group: info.name, terms, sense: '<=', rhs: 0 }, info);
      }
      const info: GroupInfo = {
        name: groupName.rule(rule.id, scope),
        kind: 'rule',
        subject: rule.id,
        ruleIndex: ri,
        ...(scope !== 'organisation' ? { siteId: scope } : {}),
      };
      const { lower, bound } = shareBound(rule.comparator, rule.threshold);
      const metric: Metric = rule.metric;
      const scale = Math.max(...problem.options.map((o) => o.metricPerDevice[metric] ?? 0), 1e-12);
      const terms: Term[] = [];
      const unmeasurable: Term[] = [];
      for (const s of sites)
        for (const option of problem.options) {
          const ts = devicesAt.get(key(s, option.id)) ?? [];
          const m = option.metricPerDevice[metric];
          if (m === null) {
            unmeasurable.push(...ts);
            continue;
          }
          const d = binding.domestic[option.id] ? 1 : 0;
          const coef = ((d - bound) * m) / scale;
          for (const t of ts) if (coef !== 0) terms.push({ variable: t.variable, coef: coef * t.coef });
        }
      // share >= bound  <=>  sum (d - bound) m x >= 0 (and <= 0 for an upper bound); 0 at an empty site.
      if (terms.length)
        addRow(
          { name: `rule_${ri}_${scopeIndex}`, group: info.name, terms, sense: lower ? '>=' : '<=', rhs: 0 },
          info,
        );
      else if (
        lower &&
        bound > 0 &&
        sites.some((s) => problem.options.some((o) => devicesAt.has(key(s, o.id))))
      )
        // Nothing with a non-zero coefficient: only possible when every option's metric is 0.
        addRow({ name: `rule_${ri}_${scopeIndex}`, group: info.name, terms: [], sense: '>=', rhs: 0 }, info);
      // Hardware whose share cannot be measured under the rule's metric is not allowed where it applies.
      if (unmeasurable.length)
        addRow(
          { name: `rulem_${ri}_${scopeIndex}`, group: info.name, terms: unmeasurable, sense: '<=', rhs: 0 },
          info,
        );
    }
  });

  // ---- budget ----
  if (problem.budgetUsd !== null) {
    addRow(
      {
        name: 'budget',
        group: groupName.budget(),
        terms: costTerms.map((t) => ({ variable: t.variable, coef: t.coef / 1e6 })),
        sense: '<=',
        rhs: problem.budgetUsd / 1e6,
      },
      { name: groupName.budget(), kind: 'budget', subject: 'budget' },
    );
  }

  // ---- objective ----
  let sense: MilpModel['sense'] = 'minimize';
  let objective: Term[];
  if (opts.elastic !== undefined) objective = slackVariable ? [{ variable: slackVariable, coef: 1 }] : [];
  else if (opts.feasibilityOnly) objective = [];
  else if (problem.objective === 'minTime' && opts.makespanBound === undefined) {
    variables.push({ name: 'makespan', type: 'continuous' });
    objective = [{ variable: 'makespan', coef: 1 }];
    problem.workloads.forEach((w, wi) => {
      if (w.kind !== 'training') return;
      const vars = assign.filter((a) => a.workload === w.id);
      constraints.push({
        name: `mk_${wi}`,
        group: '',
        terms: [
          { variable: 'makespan', coef: 1 },
          ...vars.map((v) => ({ variable: v.variable, coef: -v.completionDays })),
        ],
        sense: '>=',
        rhs: 0,
      });
    });
  } else if (problem.objective === 'maxThroughput') {
    sense = 'maximize';
    objective = assign.map((a) => ({ variable: a.variable, coef: a.candidate.modelPflops }));
  } else objective = costTerms;
  if (variables.length === 0) variables.push({ name: 'nothing', type: 'continuous', ub: 0 });

  return {
    model: { sense, objective, variables, constraints },
    index: { buy, keep, assign, replicas, groups, slackVariable, costTerms },
  };
}

/**
 * For each pool of a candidate at a site, whether its devices come from the installed base: an option
 * that cannot be bought must use installed devices; an option with a lead time gets both variants
 * when enough devices are installed (the installed-only one starts at once).
 */
function poolVariants(
  cand: TrainingCandidate,
  site: SiteData,
  options: ReadonlyMap<string, OptionData>,
): boolean[][] {
  let variants: boolean[][] = [[]];
  for (const pool of cand.pools) {
    const option = options.get(pool.optionId)!;
    const installed = site.installed[pool.optionId] ?? 0;
    const choices: boolean[] = [];
    if (option.available) choices.push(false);
    if (installed >= pool.devices && (!option.available || option.leadTimeDays > 0)) choices.push(true);
    variants = variants.flatMap((v) => choices.map((c) => [...v, c]));
  }
  return variants;
}
