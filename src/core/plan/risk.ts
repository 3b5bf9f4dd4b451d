/**
 * Plans with a stated risk (issue 16, section 3): the chosen plan evaluated under sampled draws of what
 * the planner took as exact: each chip family's speed (the engines' error bands), each chip's bf16 peak,
 * price and power (their catalog confidence, risk-spread.ts). Method and limits: docs/PLANNER.md,
 * "Plans with a stated risk".
 *
 *   scenario + catalog ──uncertaintyModel──▶ sigmas per option ──sampleDraws(seed, from, count)──▶ draws
 *   plan + problem ──compileRiskPlan──▶ numbers per workload ──evaluateDraws(plan, draws)──▶ outcomes ──▶ summary
 *
 * Every factor is log-normal with median 1 (the planner's number is the median). Latent normals are
 * shared where errors are shared: one per chip family for the engine error (two options on the same
 * family move together), one per chip for its peak. Pure: the adapter (src/plan-runner) splits draws
 * over threads; draw i depends only on (seed, i), so results do not depend on the thread count.
 */
import type { Catalog } from '../catalog/catalog';
import type { Spec } from '../catalog/schema';
import { resolveHardware } from '../hardware/profile';
import { errorBandFor as servingBandFor } from '../infer/estimate';
import { efficiencyProfileFor } from '../train/calibration';
import { errorBandFor as trainingBandFor } from '../train/error-band';
import { energyUsdPerDevice } from './build';
import type { FleetPlan } from './interpret';
import type { PlanProblem } from './problem';
import { SPREAD_BY_CONFIDENCE, sigmaForSpread } from './risk-spread';
import { DrawRng, normalQuantile } from './rng';
import type { Scenario } from './scenario';

/** Per option: log-normal sigmas and which latent normal each reads. */
export interface OptionUncertainty {
  readonly id: string;
  /** Index into the family latents (engine error). */
  readonly family: number;
  /** Index into the chip latents (bf16 peak). */
  readonly chip: number;
  readonly trainingSigma: number;
  readonly servingSigma: number;
  readonly peakSigma: number;
  /** 0 when the scenario gives the price (a quote) or the catalog has none. */
  readonly priceSigma: number;
  readonly powerSigma: number;
}

export interface UncertaintyModel {
  readonly options: readonly OptionUncertainty[];
  readonly families: number;
  readonly chips: number;
}

/** Draws of multiplicative factors, row-major: draw d, option o at [d * options + o]. */
export interface Draws {
  readonly count: number;
  readonly options: number;
  readonly trainingSpeed: Float64Array;
  readonly servingSpeed: Float64Array;
  readonly price: Float64Array;
  readonly power: Float64Array;
}

const sigmaOf = (spec: Spec | undefined) =>
  spec ? sigmaForSpread(SPREAD_BY_CONFIDENCE[spec.confidence]) : 0;

/** The sigmas of every option of the scenario (the same option list, in the same order, as the problem's). */
export function uncertaintyModel(
  scenario: Scenario,
  catalog: Catalog,
  optionIds: readonly string[],
): UncertaintyModel {
  const families: string[] = [];
  const chips: string[] = [];
  const indexOf = (list: string[], key: string) => {
    const i = list.indexOf(key);
    if (i >= 0) return i;
    list.push(key);
    return list.length - 1;
  };
  const listed = new Map(scenario.hardware.map((h) => [h.id, h]));
  const options = optionIds.map((id): OptionUncertainty => {
    const resolved = resolveHardware(catalog, id);
    if (!resolved.ok) throw new Error(`unresolved hardware ${id}: run checkScenario first`);
    const profile = resolved.value;
    const chip = catalog.chips.get(profile.chipId)!;
    const system = profile.systemId ? catalog.systems.get(profile.systemId) : undefined;
    const given = listed.get(id);
    const trainingRelative = trainingBandFor(
      efficiencyProfileFor(profile),
      profile.softwareStack,
      1,
    ).relative;
    const servingRelative = servingBandFor(profile.family).leaveOneOutP90AbsErrorPct / 100;
    const priceSpec = system?.specs.priceUsd ?? chip.specs.priceUsd;
    const powerSpec = system?.specs.powerKW ?? chip.specs.tdpW;
    return {
      id,
      family: indexOf(families, profile.family),
      chip: indexOf(chips, profile.chipId),
      trainingSigma: sigmaForSpread(trainingRelative),
      servingSigma: sigmaForSpread(servingRelative),
      peakSigma: sigmaOf(chip.specs.bf16DenseTflops ?? chip.specs.fp16DenseTflops),
      priceSigma: given?.priceUsdPerDevice !== undefined ? 0 : sigmaOf(priceSpec),
      powerSigma: given?.powerWPerDevice !== undefined ? 0 : sigmaOf(powerSpec),
    };
  });
  return { options, families: families.length, chips: chips.length };
}

/**
 * The training speed factor of an option that is exceeded with probability `p` (its 1-p quantile): the
 * engine error and the peak's spread are independent, so their log sigmas add in quadrature.
 */
export function trainingSpeedQuantile(option: OptionUncertainty, p: number): number {
  return Math.exp(normalQuantile(1 - p) * Math.hypot(option.trainingSigma, option.peakSigma));
}

export function servingSpeedQuantile(option: OptionUncertainty, p: number): number {
  return Math.exp(normalQuantile(1 - p) * Math.hypot(option.servingSigma, option.peakSigma));
}

/** Draws `from` .. `from + count - 1` under `seed`. */
export function sampleDraws(model: UncertaintyModel, seed: number, from: number, count: number): Draws {
  const n = model.options.length;
  const out: Draws = {
    count,
    options: n,
    trainingSpeed: new Float64Array(count * n),
    servingSpeed: new Float64Array(count * n),
    price: new Float64Array(count * n),
    power: new Float64Array(count * n),
  };
  const trainingLatent = new Float64Array(model.families);
  const servingLatent = new Float64Array(model.families);
  const peakLatent = new Float64Array(model.chips);
  for (let d = 0; d < count; d++) {
    const rng = new DrawRng(seed, from + d);
    // A fixed order of calls per draw: the latents, then per option price and power.
    for (let f = 0; f < model.families; f++) trainingLatent[f] = rng.normal();
    for (let f = 0; f < model.families; f++) servingLatent[f] = rng.normal();
    for (let c = 0; c < model.chips; c++) peakLatent[c] = rng.normal();
    for (let o = 0; o < n; o++) {
      const u = model.options[o]!;
      const peak = u.peakSigma * peakLatent[u.chip]!;
      const at = d * n + o;
      out.trainingSpeed[at] = Math.exp(u.trainingSigma * trainingLatent[u.family]! + peak);
      out.servingSpeed[at] = Math.exp(u.servingSigma * servingLatent[u.family]! + peak);
      out.price[at] = Math.exp(u.priceSigma * rng.normal());
      out.power[at] = Math.exp(u.powerSigma * rng.normal());
    }
  }
  return out;
}

/** One workload of the plan as numbers: what a draw changes. */
export type RiskWorkload =
  | {
      readonly kind: 'training';
      readonly id: string;
      readonly deadlineDays: number | null;
      /** Days before training starts (the latest lead time of its pools; 0 on installed devices). */
      readonly leadDays: number;
      /** Option indices of its pools. */
      readonly pools: readonly number[];
      /** Per pool, its step (s) at the engine's (median) speed on the batch share it was planned with. */
      readonly poolStepSeconds: readonly number[];
      /** The cross-pool gradient sync per step (s): network, not the chips' speed. */
      readonly syncSeconds: number;
      /** Training days per second of step (the number of steps / 86,400). */
      readonly daysPerStepSecond: number;
    }
  | {
      readonly kind: 'serving';
      readonly id: string;
      readonly demandOutputTokensPerSecond: number;
      readonly lines: ReadonlyArray<{ readonly option: number; readonly outputTokensPerSecond: number }>;
    };

/** The plan as the sampler sees it (plain data: it crosses to worker threads). */
export interface RiskPlan {
  readonly options: readonly string[];
  readonly workloads: readonly RiskWorkload[];
  /** Per option: the plan's capex and energy at the catalog's (median) numbers. */
  readonly capexUsd: readonly number[];
  readonly energyUsd: readonly number[];
}

/**
 * The plan as numbers at the engines' median speeds. `speedScale` is the factor the plan was made with (a
 * robust plan's derating): its steps are divided back to the median here, so that draws start from the
 * engines' own estimate.
 */
export function compileRiskPlan(
  plan: FleetPlan,
  problem: PlanProblem,
  speedScale: Readonly<Record<string, number>> = {},
): RiskPlan {
  const options = problem.options.map((o) => o.id);
  const index = (id: string) => options.indexOf(id);
  const capexUsd = options.map(() => 0);
  const energyUsd = options.map(() => 0);
  for (const p of plan.purchases) capexUsd[index(p.hardware)]! += p.capexUsd;
  for (const s of plan.sites) {
    const site = problem.sites.find((x) => x.id === s.site)!;
    for (const [id, n] of Object.entries(s.devices)) {
      const o = index(id);
      energyUsd[o]! += n * energyUsdPerDevice(problem, problem.options[o]!, site);
    }
  }
  const workloads = plan.workloads.map((w): RiskWorkload => {
    if (w.kind === 'serving')
      return {
        kind: 'serving',
        id: w.id,
        demandOutputTokensPerSecond: w.demandOutputTokensPerSecond,
        lines: w.replicas.map((r) => ({
          option: index(r.hardware),
          outputTokensPerSecond: r.outputTokensPerSecond / (speedScale[r.hardware] ?? 1),
        })),
      };
    const scale = w.hardware.map((h) => speedScale[h] ?? 1);
    const data = problem.workloads.find((x) => x.id === w.id);
    const candidate =
      data?.kind === 'training'
        ? data.candidates.find(
            (c) =>
              c.trainDays === w.trainDays &&
              c.pools.length === w.hardware.length &&
              c.pools.every((p, i) => p.optionId === w.hardware[i] && p.devices === w.devices[i]),
          )
        : undefined;
    // Without the step's parts (a hand-made problem), the whole job is one step on its slowest pool.
    const timing = candidate?.timing ?? {
      poolStepSeconds: w.hardware.map(() => w.trainDays),
      syncSeconds: 0,
    };
    const plannedStep = Math.max(...timing.poolStepSeconds) + timing.syncSeconds;
    return {
      kind: 'training',
      id: w.id,
      deadlineDays: w.deadlineDays,
      leadDays: w.completionDays - w.trainDays,
      pools: w.hardware.map(index),
      poolStepSeconds: timing.poolStepSeconds.map((s, i) => s * scale[i]!),
      syncSeconds: timing.syncSeconds,
      daysPerStepSecond: w.trainDays / plannedStep,
    };
  });
  return { options, workloads, capexUsd, energyUsd };
}

/**
 * Per draw and workload: completion days (training; serving: NaN) and whether it holds (the deadline, or
 * the serving demand); per draw the total cost. Row-major: draw d, workload w at [d * workloads + w].
 */
export interface Outcomes {
  readonly count: number;
  readonly workloads: number;
  readonly completionDays: Float64Array;
  readonly met: Uint8Array;
  readonly totalUsd: Float64Array;
}

/**
 * The plan under every draw. A training step takes each pool's step divided by its drawn speed factor; a
 * two-pool job keeps the batch split it was planned with, so each step waits for the slower pool, plus the
 * cross-pool sync (network, not drawn). A job ends at lead + steps x step.
 * Serving holds when the drawn capacity meets the demand. Cost: capex x price factor + energy x power factor.
 */
export function evaluateDraws(plan: RiskPlan, draws: Draws): Outcomes {
  const nw = plan.workloads.length;
  const no = draws.options;
  const out: Outcomes = {
    count: draws.count,
    workloads: nw,
    completionDays: new Float64Array(draws.count * nw),
    met: new Uint8Array(draws.count * nw),
    totalUsd: new Float64Array(draws.count),
  };
  for (let d = 0; d < draws.count; d++) {
    const base = d * no;
    for (let w = 0; w < nw; w++) {
      const wl = plan.workloads[w]!;
      const at = d * nw + w;
      if (wl.kind === 'training') {
        let step = 0;
        for (let p = 0; p < wl.pools.length; p++)
          step = Math.max(step, wl.poolStepSeconds[p]! / draws.trainingSpeed[base + wl.pools[p]!]!);
        const days = wl.leadDays + wl.daysPerStepSecond * (step + wl.syncSeconds);
        out.completionDays[at] = days;
        out.met[at] = wl.deadlineDays === null || days <= wl.deadlineDays ? 1 : 0;
      } else {
        let capacity = 0;
        for (const l of wl.lines) capacity += l.outputTokensPerSecond * draws.servingSpeed[base + l.option]!;
        out.completionDays[at] = Number.NaN;
        out.met[at] = capacity >= wl.demandOutputTokensPerSecond ? 1 : 0;
      }
    }
    let total = 0;
    for (let o = 0; o < no; o++)
      total += plan.capexUsd[o]! * draws.price[base + o]! + plan.energyUsd[o]! * draws.power[base + o]!;
    out.totalUsd[d] = total;
  }
  return out;
}

/** Concatenates outcomes of consecutive draw ranges (in draw order). */
export function concatOutcomes(parts: readonly Outcomes[]): Outcomes {
  const count = parts.reduce((s, p) => s + p.count, 0);
  const workloads = parts[0]?.workloads ?? 0;
  const out: Outcomes = {
    count,
    workloads,
    completionDays: new Float64Array(count * workloads),
    met: new Uint8Array(count * workloads),
    totalUsd: new Float64Array(count),
  };
  let d = 0;
  for (const p of parts) {
    out.completionDays.set(p.completionDays, d * workloads);
    out.met.set(p.met, d * workloads);
    out.totalUsd.set(p.totalUsd, d);
    d += p.count;
  }
  return out;
}

export interface Percentiles {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface RiskReport {
  readonly samples: number;
  readonly seed: number;
  readonly workloads: Array<{
    id: string;
    kind: 'training' | 'serving';
    /** Share of draws in which the deadline (training) or the demand (serving) holds; null: no deadline. */
    deadlineProbability: number | null;
    completionDays: Percentiles | null;
  }>;
  readonly totalUsd: Percentiles;
}

/** Percentiles by linear interpolation between order statistics (Hyndman-Fan type 7, as numpy's default). */
export function percentiles(values: Float64Array): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => {
    if (!sorted.length) return Number.NaN;
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  };
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9) };
}

export function summariseRisk(plan: RiskPlan, outcomes: Outcomes, seed: number): RiskReport {
  const nw = plan.workloads.length;
  const workloads = plan.workloads.map((wl, w) => {
    const days = new Float64Array(outcomes.count);
    let met = 0;
    for (let d = 0; d < outcomes.count; d++) {
      days[d] = outcomes.completionDays[d * nw + w]!;
      met += outcomes.met[d * nw + w]!;
    }
    const training = wl.kind === 'training';
    const hasTarget = !training || wl.deadlineDays !== null;
    return {
      id: wl.id,
      kind: wl.kind,
      deadlineProbability: hasTarget && outcomes.count ? met / outcomes.count : null,
      completionDays: training ? percentiles(days) : null,
    };
  });
  return { samples: outcomes.count, seed, workloads, totalUsd: percentiles(outcomes.totalUsd) };
}

/** Runs `samples` draws and evaluates them: the adapter's hook (threads), with this in-thread default. */
export type DrawRunner = (
  model: UncertaintyModel,
  plan: RiskPlan,
  seed: number,
  samples: number,
) => Promise<Outcomes>;

export const runDrawsInThread: DrawRunner = async (model, plan, seed, samples) =>
  evaluateDraws(plan, sampleDraws(model, seed, 0, samples));
