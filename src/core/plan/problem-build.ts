/**
 * Phases 1-2 (normalise, candidates): a checked scenario becomes a {@link PlanProblem}: options, sites,
 * the rules in force with where they bind, and per workload the candidates the engines estimate.
 */
import type { Catalog } from '../catalog/catalog';
import { say } from '../messages/say';
import { resolveModel } from '../model/presets';
import { ruleApplicability, ruleInForce } from '../policy/evaluate';
import { DEFAULT_RULE, type Rule } from '../policy/schema';
import { deniedHardware, isDomestic } from '../policy/share';
import { shareBound, shareCanBind } from './build-model';
import { deviceGrid, EngineCache, type TrainingSetup, trainingCandidates } from './candidates';
import { estimateTwoPool } from './hetero';
import { type ResolvedOption, resolveOptions } from './options';
import type { PlanProblem, RuleBinding, SiteData, TrainingCandidate, WorkloadData } from './problem';
import { HOURS_PER_YEAR, roadmapData, withDeadlineDays } from './roadmap';
import { periodDate, type Scenario, type TrainingWorkload } from './scenario';
import { servingDemand, servingInstances } from './serving';

export interface ProblemBuild {
  readonly problem: PlanProblem;
  readonly warnings: string[];
  readonly engineCalls: number;
}

export interface ProblemBuildOptions {
  /** The plan date (YYYY-MM-DD): which rules are in force. */
  readonly asOf: string;
  /** With no share rule in the scenario, add `>= 0` count rules per site (the sweep sets the threshold). */
  readonly ensureShareRule?: boolean;
  /** Keep every device count (no early stop at the first that meets the deadline): the sweep's and tests' choice. */
  readonly allCounts?: boolean;
  /** Per option id, a factor on the engines' speed (the robust plan's derating); absent = 1. */
  readonly speedScale?: Readonly<Record<string, number>>;
  /** Called after each workload's candidates on each hardware option (the engine's share of the work). */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

const DEFAULT_BATCH_TOKENS = 4 * 1024 * 1024;

/** Builds the problem; the scenario must have passed checkScenario. */
export function buildProblem(given: Scenario, catalog: Catalog, opts: ProblemBuildOptions): ProblemBuild {
  const warnings: string[] = [];
  const scenario = given.periods ? withDeadlineDays(given) : given;
  const resolved = resolveOptions(scenario, catalog);
  const options = resolved.map((r) => r.data);
  const sites: SiteData[] = scenario.sites.map((s) => ({
    id: s.id,
    powerCapW: s.powerCapMW === undefined ? null : s.powerCapMW * 1e6,
    pue: s.pue,
    electricityUsdPerKWh: s.electricityUsdPerKWh,
    installed: Object.fromEntries(
      s.installed.filter((l) => l.devices > 0).map((l) => [l.hardware, l.devices]),
    ),
    retirable: s.installed.filter((l) => l.retirable).map((l) => l.hardware),
  }));

  // ---- rules in force and where they bind ----
  let rules: Rule[] = scenario.policy?.rules ?? [DEFAULT_RULE];
  if (!scenario.policy) warnings.push(say('plan.no-policy', { description: DEFAULT_RULE.description ?? '' }));
  if (opts.ensureShareRule && rules.length === 0)
    rules = [
      {
        ...DEFAULT_RULE,
        id: 'sweep-domestic-count',
        comparator: '>=',
        threshold: 0,
        description: say('policy.swept-rule'),
      },
    ];
  const bindings: RuleBinding[] = [];
  const periodDates = scenario.periods?.map(periodDate);
  for (const rule of rules) {
    // A roadmap binds every rule in force in some period (roadmap.ts says in which).
    const firstInForce = periodDates
      ? (periodDates.find((d) => ruleInForce(rule, d)) ?? null)
      : ruleInForce(rule, opts.asOf)
        ? opts.asOf
        : null;
    if (firstInForce === null) {
      if (periodDates) {
        warnings.push(say('plan.rule-no-period', { rule: rule.id }));
        continue;
      }
      warnings.push(
        rule.effectiveUntil
          ? say('plan.rule-not-in-force-until', {
              rule: rule.id,
              date: opts.asOf,
              from: rule.effectiveFrom,
              until: rule.effectiveUntil,
            })
          : say('plan.rule-not-in-force', { rule: rule.id, date: opts.asOf, from: rule.effectiveFrom }),
      );
      continue;
    }
    const bound: string[] = [];
    for (const s of scenario.sites) {
      const a = ruleApplicability(
        rule,
        {
          name: s.id,
          region: s.region,
          stateFunded: s.stateFunded,
          projectCompletionPct: s.projectCompletionPct,
        },
        firstInForce,
      );
      if (a.applies) bound.push(s.id);
      else if (a.reason === 'grandfathered')
        warnings.push(say('plan.rule-not-binding', { rule: rule.id, site: s.id, detail: a.detail }));
    }
    if (!bound.length) {
      warnings.push(say('plan.rule-binds-none', { rule: rule.id }));
      continue;
    }
    const domestic: Record<string, boolean> = {};
    for (const o of options) domestic[o.id] = isDomestic(o.id, catalog.chips.get(o.chipId)!, rule.domestic);
    const denied = rule.deny
      ? deniedHardware(
          options.map((o) => ({ hardwareId: o.id, quantity: 1 })),
          catalog,
          rule.deny,
        )
      : [];
    const unmeasurable = options.filter((o) => o.metricPerDevice[rule.metric] === null).map((o) => o.id);
    // A bound that cannot bind bans nothing; a sweep sets its own thresholds, so it keeps the warning.
    const { lower, bound: at } = shareBound(rule.comparator, rule.threshold);
    if (unmeasurable.length && (shareCanBind(lower, at) || opts.ensureShareRule))
      warnings.push(
        say('plan.rule-unmeasurable', { rule: rule.id, metric: rule.metric, ids: unmeasurable.join(', ') }),
      );
    bindings.push({ rule, sites: bound, domestic, denied });
  }

  // ---- workloads ----
  const engine = new EngineCache(opts.speedScale);
  const workloads: WorkloadData[] = [];
  const allowedFor = (w: Scenario['workloads'][number]) =>
    resolved.filter((r) => !w.hardware || w.hardware.includes(r.data.id));
  const steps = scenario.workloads.reduce((n, w) => n + allowedFor(w).length, 0);
  let stepsDone = 0;
  const stepDone = (label: string) => opts.onProgress?.(++stepsDone, steps, label);
  for (const w of scenario.workloads) {
    const model = resolveModel(w.model);
    if (!model.ok) throw new Error(`model of ${w.id}: run checkScenario first`);
    const allowed = allowedFor(w);
    const siteIds = w.site ? [w.site] : [];
    if (w.kind === 'serving') {
      const instances = [];
      for (const option of allowed) {
        const r = servingInstances(w, model.value, option);
        const scale = opts.speedScale?.[option.data.id] ?? 1;
        instances.push(
          ...r.instances.map((i) =>
            scale === 1 ? i : { ...i, outputTokensPerSecond: i.outputTokensPerSecond * scale },
          ),
        );
        stepDone(say('plan.step-workload', { workload: w.id, hardware: option.data.id }));
        if (!r.instances.length) {
          const where = { workload: w.id, hardware: option.data.id, devices: w.maxInstanceDevices };
          warnings.push(
            r.reasons[0]
              ? say('plan.serving-none-because', { ...where, reason: r.reasons[0] })
              : say('plan.serving-none', where),
          );
        }
      }
      workloads.push({
        kind: 'serving',
        id: w.id,
        demandOutputTokensPerSecond: servingDemand(w),
        sites: siteIds,
        instances,
      });
      continue;
    }
    const setup: TrainingSetup = {
      model: model.value,
      seqLen: w.seqLen,
      globalBatchSeqs: w.globalBatchSeqs ?? Math.max(1, Math.round(DEFAULT_BATCH_TOKENS / w.seqLen)),
      precision: w.precision,
      tokens: w.tokens,
    };
    const candidates: TrainingCandidate[] = [];
    const minCost = scenario.objective === 'minCost' && !opts.allCounts;
    const grids = new Map<string, number[]>();
    for (const option of allowed) {
      const counts = countsFor(scenario, w, option, sites);
      grids.set(option.data.id, counts);
      const r = trainingCandidates(
        {
          setup,
          option,
          counts,
          stopWhenWithinDays: minCost ? w.deadlineDays : undefined,
          stopAtFirstFit: minCost && w.deadlineDays === undefined,
        },
        engine,
      );
      candidates.push(...r.candidates);
      stepDone(say('plan.step-workload', { workload: w.id, hardware: option.data.id }));
      if (!r.candidates.length) warnings.push(noLayoutWarning(w.id, option.data.id, counts, r.reasons[0]));
    }
    if (w.heterogeneous !== false)
      candidates.push(...twoPoolCandidates(w, setup, allowed, grids, engine, minCost, warnings));
    workloads.push({
      kind: 'training',
      id: w.id,
      deadlineDays: w.deadlineDays ?? null,
      sites: siteIds,
      candidates,
    });
  }
  const roadmap = scenario.periods ? roadmapData(scenario, catalog, options, bindings) : undefined;
  return {
    problem: {
      ...(roadmap ? { roadmap } : {}),
      objective: scenario.objective,
      budgetUsd: scenario.budgetUsd ?? null,
      horizonHours: scenario.horizonYears * HOURS_PER_YEAR,
      averageLoadFraction: scenario.averageLoadFraction,
      options,
      sites,
      workloads,
      rules: bindings,
      timeLimitSeconds: scenario.solver.timeLimitSeconds,
      mipRelGap: scenario.solver.mipRelGap,
    },
    warnings,
    engineCalls: engine.calls,
  };
}

/** The device counts tried for one job on one option, within its bounds, caps and the sites' power. */
function countsFor(
  scenario: Scenario,
  w: TrainingWorkload,
  option: ResolvedOption,
  sites: readonly SiteData[],
): number[] {
  const o = option.data;
  const allowedSites = sites.filter((s) => !w.site || s.id === w.site);
  const installed = Math.max(0, ...allowedSites.map((s) => s.installed[o.id] ?? 0));
  const buyable = o.available ? (o.maxNewDevices ?? Number.POSITIVE_INFINITY) : 0;
  let hi = Math.min(w.maxDevices ?? scenario.candidates.maxDevices, installed + buyable);
  // Up to 4x what the largest site's power allows: counts beyond the cap stay in the model (the power
  // row excludes them) so that an infeasible plan can say how much more power would do.
  if (allowedSites.every((s) => s.powerCapW !== null))
    hi = Math.min(
      hi,
      4 * Math.max(...allowedSites.map((s) => Math.floor(s.powerCapW! / (o.powerWPerDevice * s.pue)))),
    );
  const lo = w.minDevices ?? Math.min(o.unitDevices, hi);
  const explicit = scenario.candidates.deviceCounts;
  return explicit ? explicit.filter((n) => n >= lo && n <= hi) : deviceGrid(o.unitDevices, lo, hi);
}

function twoPoolCandidates(
  w: TrainingWorkload,
  setup: TrainingSetup,
  allowed: readonly ResolvedOption[],
  grids: ReadonlyMap<string, number[]>,
  engine: EngineCache,
  minCost: boolean,
  warnings: string[],
): TrainingCandidate[] {
  if (minCost && w.deadlineDays === undefined) {
    warnings.push(say('plan.two-pool-deadline', { workload: w.id }));
    return [];
  }
  const byId = new Map(allowed.map((r) => [r.data.id, r]));
  const pairs: Array<[ResolvedOption, ResolvedOption]> = [];
  if (typeof w.heterogeneous === 'object') {
    for (const [a, b] of w.heterogeneous.pairs) {
      const ra = byId.get(a);
      const rb = byId.get(b);
      if (ra && rb) pairs.push([ra, rb]);
    }
  } else {
    for (const a of allowed)
      for (const b of allowed) if (a.data.domestic && !b.data.domestic) pairs.push([a, b]);
  }
  const out: TrainingCandidate[] = [];
  for (const [a, b] of pairs) {
    const speeds = (r: ResolvedOption) =>
      (grids.get(r.data.id) ?? [])
        .map((n) => ({ n, e: engine.estimate(setup, r, n) }))
        .filter((x) => x.e.ok)
        .map((x) => ({ n: x.n, tps: x.e.ok ? x.e.value.tokensPerSecondPerDevice * x.n : 0 }));
    let sa = speeds(a);
    let sb = speeds(b);
    if (!minCost) {
      // minTime / maxThroughput: powers of two only, and pools within a factor of two of each other.
      sa = sa.filter((x) => (x.n & (x.n - 1)) === 0);
      sb = sb.filter((x) => (x.n & (x.n - 1)) === 0);
    }
    const lead = Math.max(a.data.leadTimeDays, b.data.leadTimeDays);
    // With lead time (conservative: when to stop adding larger pools) and without (optimistic: which
    // combinations cannot make the deadline even on installed devices).
    const daysOf = (tps: number, withLead = true) => setup.tokens / tps / 86400 + (withLead ? lead : 0);
    let added = 0;
    for (const pa of sa) {
      if (minCost && daysOf(pa.tps) <= w.deadlineDays!) break; // pool a alone is enough (and cheaper)
      for (const pb of sb) {
        if (!minCost && (pb.n > 2 * pa.n || pa.n > 2 * pb.n)) continue;
        if (minCost && daysOf(pb.tps) <= w.deadlineDays!) break;
        // The ideal (no sync, perfect balance) cannot meet the deadline: skip without asking the engine.
        if (minCost && daysOf(pa.tps + pb.tps, false) > w.deadlineDays!) continue;
        const c = estimateTwoPool(setup, a, pa.n, b, pb.n, pa.tps, pb.tps, engine);
        if (!c) continue;
        out.push(c);
        added++;
        if (minCost && c.trainDays + lead <= w.deadlineDays!) break;
      }
    }
    if (!added) warnings.push(say('plan.two-pool-none', { workload: w.id, a: a.data.id, b: b.data.id }));
  }
  return out;
}

/** Why a training workload has no candidate on one hardware option (the first reason, when known). */
function noLayoutWarning(
  workload: string,
  hardware: string,
  counts: readonly number[],
  reason?: string,
): string {
  if (!counts.length)
    return reason
      ? say('plan.training-none-any-because', { workload, hardware, reason })
      : say('plan.training-none-any', { workload, hardware });
  const range = `${counts[0]}-${counts[counts.length - 1]}`;
  return reason
    ? say('plan.training-none-because', { workload, hardware, range, reason })
    : say('plan.training-none', { workload, hardware, range });
}
