/**
 * Phase 5 (interpret): a solver's values become a fleet plan: purchases, retirements, per-workload
 * hardware and completion, costs, site power, the domestic share under every metric, and each rule's
 * verdict recomputed from the rounded plan (not trusted from the solver).
 */
import { compareShare } from '../policy/evaluate';
import { METRICS, type Metric } from '../policy/schema';
import { energyUsdPerDevice, type ModelIndex, ruleScopes } from './build';
import type {
  OptionData,
  PlanProblem,
  RuleBinding,
  ServingWorkloadData,
  TrainingCandidate,
  TrainingWorkloadData,
} from './problem';

export type Shares = Record<Metric, number | null>;

export interface Purchase {
  readonly site: string;
  readonly hardware: string;
  /** Devices (accelerator packages) bought. */
  readonly count: number;
  readonly units: number;
  readonly capexUsd: number;
}

export interface TrainingAssignment {
  readonly id: string;
  readonly kind: 'training';
  readonly site: string;
  readonly hardware: string[];
  readonly devices: number[];
  /** Per pool: runs on already-installed devices (no lead time). */
  readonly installed: boolean[];
  readonly layout: string;
  readonly trainDays: number;
  readonly completionDays: number;
  readonly deadlineDays: number | null;
  readonly modelPflops: number;
  readonly notes: string[];
}

export interface ServingAssignment {
  readonly id: string;
  readonly kind: 'serving';
  readonly replicas: Array<{
    site: string;
    hardware: string;
    devicesPerReplica: number;
    replicas: number;
    layout: string;
    outputTokensPerSecond: number;
    ttftMs: number;
    ttftAloneMs: number;
    tpotMs: number;
  }>;
  readonly outputTokensPerSecond: number;
  readonly demandOutputTokensPerSecond: number;
}

export type WorkloadAssignment = TrainingAssignment | ServingAssignment;

/** A training workload's chosen candidate as the plan reports it (`layout` as the plan labels it). */
export function trainingAssignment(
  w: TrainingWorkloadData,
  chosen: {
    site: string;
    candidate: TrainingCandidate;
    fromInstalled: readonly boolean[];
    completionDays: number;
  },
  layout: string,
): TrainingAssignment {
  return {
    id: w.id,
    kind: 'training',
    site: chosen.site,
    hardware: chosen.candidate.pools.map((p) => p.optionId),
    devices: chosen.candidate.pools.map((p) => p.devices),
    installed: [...chosen.fromInstalled],
    layout,
    trainDays: chosen.candidate.trainDays,
    completionDays: chosen.completionDays,
    deadlineDays: w.deadlineDays,
    modelPflops: chosen.candidate.modelPflops,
    notes: [...(chosen.candidate.notes ?? [])],
  };
}

/** A serving workload's replicas as the plan reports them, from the chosen (site, instance, count). */
export function servingAssignment(
  w: ServingWorkloadData,
  chosen: ReadonlyArray<{ site: string; instanceIndex: number; count: number }>,
): ServingAssignment {
  const replicas = chosen.map((r) => {
    const inst = w.instances[r.instanceIndex]!;
    return {
      site: r.site,
      hardware: inst.optionId,
      devicesPerReplica: inst.devices,
      replicas: r.count,
      layout: inst.layout,
      outputTokensPerSecond: inst.outputTokensPerSecond * r.count,
      ttftMs: inst.ttftMs,
      ttftAloneMs: inst.ttftAloneMs,
      tpotMs: inst.tpotMs,
    };
  });
  return {
    id: w.id,
    kind: 'serving',
    replicas,
    outputTokensPerSecond: replicas.reduce((s, r) => s + r.outputTokensPerSecond, 0),
    demandOutputTokensPerSecond: w.demandOutputTokensPerSecond,
  };
}

export interface SitePlan {
  readonly site: string;
  /** Devices present after the plan (kept + bought), by hardware id. */
  readonly devices: Record<string, number>;
  readonly retired: Record<string, number>;
  /** IT power x PUE, MW. */
  readonly powerMW: number;
  readonly powerCapMW: number | null;
  readonly capexUsd: number;
  readonly energyUsd: number;
  readonly domesticShare: Shares;
}

export interface RuleOutcomePlan {
  readonly rule: string;
  readonly scope: string;
  readonly metric: Metric;
  readonly comparator: string;
  readonly threshold: number;
  readonly share: number | null;
  readonly denied: string[];
  /** null: nothing in scope (the rule has no verdict on an empty site). */
  readonly pass: boolean | null;
}

export interface FleetPlan {
  readonly purchases: Purchase[];
  readonly retired: Array<{ site: string; hardware: string; devices: number }>;
  readonly workloads: WorkloadAssignment[];
  readonly sites: SitePlan[];
  readonly costs: { capexUsd: number; energyUsd: number; totalUsd: number };
  /** Organisation-wide, catalog definition of domestic, fractions. */
  readonly domesticShare: Shares;
  readonly rules: RuleOutcomePlan[];
  /** Latest completion over training workloads (lead time included); null without training. */
  readonly completionDays: number | null;
  readonly modelPflops: number;
}

export type Fleet = Map<string, Map<string, number>>; // site -> option -> devices

function sharesOf(
  lines: Iterable<[OptionData, number]>,
  isDomestic: (o: OptionData) => boolean,
): { shares: Shares; totals: Record<Metric, { dom: number; all: number } | null> } {
  const totals = {} as Record<Metric, { dom: number; all: number } | null>;
  for (const m of METRICS) totals[m] = { dom: 0, all: 0 };
  for (const [option, devices] of lines) {
    if (devices <= 0) continue;
    for (const m of METRICS) {
      const per = option.metricPerDevice[m];
      const t = totals[m];
      if (t === null) continue;
      if (per === null) {
        totals[m] = null;
        continue;
      }
      t.all += per * devices;
      if (isDomestic(option)) t.dom += per * devices;
    }
  }
  const shares = {} as Shares;
  for (const m of METRICS) {
    const t = totals[m];
    shares[m] = t && t.all > 0 ? t.dom / t.all : null;
  }
  return { shares, totals };
}

/** Domestic share of `fleet` over `sites` under every metric; `domestic` decides per option. */
export function fleetShares(
  problem: PlanProblem,
  fleet: Fleet,
  sites: readonly string[],
  domestic: (o: OptionData) => boolean,
): Shares {
  const lines: Array<[OptionData, number]> = [];
  for (const s of sites)
    for (const o of problem.options) {
      const n = fleet.get(s)?.get(o.id) ?? 0;
      if (n > 0) lines.push([o, n]);
    }
  return sharesOf(lines, domestic).shares;
}

/** Each rule's verdict on `fleet`, per scope. */
export function checkRules(
  problem: PlanProblem,
  fleet: Fleet,
  overrides?: ModelOverrides,
): RuleOutcomePlan[] {
  const out: RuleOutcomePlan[] = [];
  problem.rules.forEach((binding: RuleBinding, ri) => {
    const rule = { ...binding.rule, ...(overrides?.get(ri) ?? {}) };
    for (const { scope, sites } of ruleScopes(binding)) {
      const shares = fleetShares(problem, fleet, sites, (o) => binding.domestic[o.id] === true);
      const share = shares[rule.metric];
      const denied = binding.denied.filter((o) => sites.some((s) => (fleet.get(s)?.get(o) ?? 0) > 0));
      const empty = sites.every((s) => [...(fleet.get(s)?.values() ?? [])].every((n) => n === 0));
      let pass: boolean | null = empty
        ? null
        : share === null
          ? false
          : compareShare(share, rule.comparator, rule.threshold);
      if (denied.length) pass = false;
      out.push({
        rule: rule.id,
        scope,
        metric: rule.metric,
        comparator: rule.comparator,
        threshold: rule.threshold,
        share,
        denied,
        pass,
      });
    }
  });
  return out;
}

export type ModelOverrides = ReadonlyMap<
  number,
  { threshold: number; comparator: RuleBinding['rule']['comparator'] }
>;

/** Rounds integer columns (solvers return 2.9999999) and reads the plan. */
export function interpretSolution(
  problem: PlanProblem,
  index: ModelIndex,
  rawValues: Readonly<Record<string, number>>,
  overrides?: ModelOverrides,
): FleetPlan {
  const v = (name: string) => Math.round(rawValues[name] ?? 0);
  const fleet: Fleet = new Map(problem.sites.map((s) => [s.id, new Map()]));
  const add = (site: string, option: string, n: number) => {
    const m = fleet.get(site)!;
    m.set(option, (m.get(option) ?? 0) + n);
  };
  const purchases: Purchase[] = [];
  const capexBySite = new Map<string, number>();
  for (const b of index.buy) {
    const units = v(b.variable);
    if (units <= 0) continue;
    const devices = units * b.option.unitDevices;
    const capexUsd = devices * b.option.priceUsdPerDevice;
    purchases.push({ site: b.site, hardware: b.option.id, count: devices, units, capexUsd });
    capexBySite.set(b.site, (capexBySite.get(b.site) ?? 0) + capexUsd);
    add(b.site, b.option.id, devices);
  }
  const retired: Array<{ site: string; hardware: string; devices: number }> = [];
  for (const k of index.keep) {
    const kept = v(k.variable);
    if (kept > 0) add(k.site, k.option.id, kept);
    if (kept < k.installed)
      retired.push({ site: k.site, hardware: k.option.id, devices: k.installed - kept });
  }
  const sites: SitePlan[] = problem.sites.map((site) => {
    const devices: Record<string, number> = {};
    let powerW = 0;
    let energyUsd = 0;
    for (const o of problem.options) {
      const n = fleet.get(site.id)!.get(o.id) ?? 0;
      if (n <= 0) continue;
      devices[o.id] = n;
      powerW += n * o.powerWPerDevice * site.pue;
      energyUsd += n * energyUsdPerDevice(problem, o, site);
    }
    const siteRetired: Record<string, number> = {};
    for (const r of retired) if (r.site === site.id) siteRetired[r.hardware] = r.devices;
    return {
      site: site.id,
      devices,
      retired: siteRetired,
      powerMW: powerW / 1e6,
      powerCapMW: site.powerCapW === null ? null : site.powerCapW / 1e6,
      capexUsd: capexBySite.get(site.id) ?? 0,
      energyUsd,
      domesticShare: fleetShares(problem, fleet, [site.id], (o) => o.domestic),
    };
  });
  const workloads: WorkloadAssignment[] = [];
  for (const w of problem.workloads) {
    if (w.kind === 'training') {
      const chosen = index.assign.find((a) => a.workload === w.id && v(a.variable) === 1);
      if (!chosen) continue;
      workloads.push(trainingAssignment(w, chosen, chosen.candidate.layout));
    } else {
      const chosen = index.replicas.filter((r) => r.workload === w.id && v(r.variable) > 0);
      workloads.push(
        servingAssignment(
          w,
          chosen.map((r) => ({ ...r, count: v(r.variable) })),
        ),
      );
    }
  }
  const capexUsd = purchases.reduce((s, p) => s + p.capexUsd, 0);
  const energyUsd = sites.reduce((s, p) => s + p.energyUsd, 0);
  const training = workloads.filter((w): w is TrainingAssignment => w.kind === 'training');
  return {
    purchases,
    retired,
    workloads,
    sites,
    costs: { capexUsd, energyUsd, totalUsd: capexUsd + energyUsd },
    domesticShare: fleetShares(
      problem,
      fleet,
      problem.sites.map((s) => s.id),
      (o) => o.domestic,
    ),
    rules: checkRules(problem, fleet, overrides),
    completionDays: training.length ? Math.max(...training.map((t) => t.completionDays)) : null,
    modelPflops: training.reduce((s, t) => s + t.modelPflops, 0),
  };
}

/** The fleet (site -> option -> devices) of a plan. */
export function fleetOf(plan: FleetPlan): Fleet {
  return new Map(plan.sites.map((s) => [s.site, new Map(Object.entries(s.devices))]));
}
