/**
 * The planning problem as plain numbers: what the MILP builder consumes. `buildProblem` (problem-build.ts)
 * derives it from a scenario, the catalog and the engines; tests build it directly with stub
 * throughput tables so that the optimiser is tested apart from the engines' (changing) numbers.
 */
import type { Metric, Rule } from '../policy/schema';
import type { Objective } from './scenario';

export interface OptionData {
  /** The scenario's hardware id (a catalog system or chip id). */
  readonly id: string;
  readonly chipId: string;
  readonly vendor: string;
  /** Under the catalog's definition (the default for shares that no rule redefines). */
  readonly domestic: boolean;
  readonly unitDevices: number;
  readonly priceUsdPerDevice: number;
  /** All-in power per device (host and network included), W; the site's PUE multiplies it. */
  readonly powerWPerDevice: number;
  readonly leadTimeDays: number;
  /** Most devices bought in the plan over all sites; null = no cap. */
  readonly maxNewDevices: number | null;
  /** False: none can be bought (installed units may still run). */
  readonly available: boolean;
  /** Per device, for the share metrics; null when the catalog lacks the spec. */
  readonly metricPerDevice: Readonly<Record<Metric, number | null>>;
}

export interface SiteData {
  readonly id: string;
  readonly powerCapW: number | null;
  readonly pue: number;
  readonly electricityUsdPerKWh: number;
  /** Devices installed before the plan, by option id (options are added for installed-only ids). */
  readonly installed: Readonly<Record<string, number>>;
  /** Option ids whose installed devices the plan may retire (the others stay in service). */
  readonly retirable?: readonly string[];
}

/** One way to run a training job: one or two pools at one site. */
export interface TrainingCandidate {
  readonly pools: ReadonlyArray<{ readonly optionId: string; readonly devices: number }>;
  /** Days of training once all devices are there (lead time excluded). */
  readonly trainDays: number;
  readonly tokensPerSecond: number;
  /** Model FLOP/s delivered, in PFLOP/s (the maxThroughput objective). */
  readonly modelPflops: number;
  /** Human-readable layout, e.g. `tp4 pp1 dp512 ep64 mbs2` or `pool A: ... | pool B: ...`. */
  readonly layout: string;
  readonly notes?: readonly string[];
  /**
   * What a step is made of, for the risk sampler (risk.ts): each pool's step (s) on its batch share, and the
   * cross-pool gradient sync (s, 0 for one pool); trainDays = steps x (max(poolStepSeconds) + syncSeconds).
   */
  readonly timing?: { readonly poolStepSeconds: readonly number[]; readonly syncSeconds: number };
}

export interface TrainingWorkloadData {
  readonly kind: 'training';
  readonly id: string;
  readonly deadlineDays: number | null;
  /** Only these sites (empty = all). */
  readonly sites: readonly string[];
  readonly candidates: readonly TrainingCandidate[];
}

/** One serving instance shape (a replica); replicas are integers in the plan. */
export interface ServingInstance {
  readonly optionId: string;
  readonly devices: number;
  readonly outputTokensPerSecond: number;
  readonly layout: string;
  readonly ttftMs: number;
  /** One prompt alone on idle devices (the estimate's ttftAloneMs). */
  readonly ttftAloneMs: number;
  readonly tpotMs: number;
}

export interface ServingWorkloadData {
  readonly kind: 'serving';
  readonly id: string;
  readonly demandOutputTokensPerSecond: number;
  readonly sites: readonly string[];
  readonly instances: readonly ServingInstance[];
}

export type WorkloadData = TrainingWorkloadData | ServingWorkloadData;

/** A share rule bound to the plan: where it applies and how it sees each option. */
export interface RuleBinding {
  readonly rule: Rule;
  /** Site ids the rule binds (for `organisation` scope: measured together). */
  readonly sites: readonly string[];
  /** Per option id: domestic under the rule's definition. */
  readonly domestic: Readonly<Record<string, boolean>>;
  /** Option ids its deny list names. */
  readonly denied: readonly string[];
}

/** One period of a roadmap plan. */
export interface PeriodData {
  /** As the scenario wrote it: `2026` or `2026-07-01`. */
  readonly label: string;
  /** Its first day (YYYY-MM-DD): purchases arrive, rules in force on it are checked. */
  readonly date: string;
  /** Years from the first period's date (discounting, price decline). */
  readonly startYears: number;
  /** Years until the next period (the last one lasts as long as the one before; 1 when alone). */
  readonly lengthYears: number;
}

/** What a roadmap plan adds to the problem; absent for a single-period plan. */
export interface RoadmapData {
  readonly periods: readonly PeriodData[];
  /** Devices bought in period p are in service in period t when their age (years) is below this. */
  readonly lifetimeYears: number | null;
  readonly discountRate: number;
  /** Per option id. `periods`: indexes of the periods in which it can be bought. */
  readonly options: Readonly<
    Record<
      string,
      {
        readonly periods: readonly number[];
        readonly maxDevicesPerPeriod: number | null;
        readonly priceDeclinePerYear: number;
      }
    >
  >;
  /** Per workload id: the periods it needs devices in (a training job: one; serving: from its start). */
  readonly workloadPeriods: Readonly<Record<string, readonly number[]>>;
  /** Per rule binding (index into `rules`): the periods in which the rule is in force. */
  readonly rulePeriods: ReadonlyArray<readonly number[]>;
}

export interface PlanProblem {
  readonly objective: Objective;
  readonly budgetUsd: number | null;
  readonly horizonHours: number;
  readonly averageLoadFraction: number;
  readonly options: readonly OptionData[];
  readonly sites: readonly SiteData[];
  readonly workloads: readonly WorkloadData[];
  readonly rules: readonly RuleBinding[];
  readonly timeLimitSeconds: number;
  readonly mipRelGap: number;
  /** Present for a roadmap (multi-period) plan. */
  readonly roadmap?: RoadmapData;
}
