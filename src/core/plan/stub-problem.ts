/**
 * Seeded random planning problems with stub throughput tables, for tests and the property checks: the
 * optimiser is tested apart from the engines, whose numbers change with calibration.
 */
import type { Comparator, Metric } from '../policy/schema';
import type {
  OptionData,
  PlanProblem,
  RuleBinding,
  ServingWorkloadData,
  SiteData,
  TrainingWorkloadData,
} from './problem';
import type { Objective } from './scenario';

/** mulberry32: a small, good-enough seeded PRNG (no Math.random in tests). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StubShape {
  readonly sites: number;
  readonly options: number;
  readonly trainings: number;
  readonly servings: number;
  readonly rules: number;
  /** Candidates per training job and option. */
  readonly counts: readonly number[];
  /** Devices cap per option (all sites), or null for none. */
  readonly maxNewDevices: number | null;
  readonly units: readonly number[];
  readonly installed?: boolean;
  readonly powerCaps?: boolean;
  readonly objective?: Objective;
  readonly comparators?: readonly Comparator[];
  readonly thresholds?: readonly number[];
}

export function stubProblem(seed: number, shape: StubShape): PlanProblem {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const options: OptionData[] = [];
  for (let i = 0; i < shape.options; i++) {
    const price = Math.round(5000 + r() * 35000);
    const power = Math.round(400 + r() * 1100);
    options.push({
      id: `hw${i}`,
      chipId: `chip${i}`,
      vendor: i % 2 === 0 ? 'DomesticCo' : 'ForeignCo',
      domestic: i % 2 === 0,
      unitDevices: pick(shape.units),
      priceUsdPerDevice: price,
      powerWPerDevice: power,
      leadTimeDays: pick([0, 0, 10]),
      maxNewDevices: shape.maxNewDevices,
      available: true,
      metricPerDevice: {
        count: 1,
        bf16Compute: Math.round(100 + r() * 900),
        spend: price,
        power: Math.round(power * 0.7),
      },
    });
  }
  const sites: SiteData[] = [];
  for (let i = 0; i < shape.sites; i++) {
    const installed: Record<string, number> = {};
    if (shape.installed && r() < 0.6) installed[pick(options).id] = 1 + Math.floor(r() * 8);
    sites.push({
      id: `site${i}`,
      powerCapW: shape.powerCaps === false ? null : Math.round(8000 + r() * 40000),
      pue: 1 + Math.round(r() * 50) / 100,
      electricityUsdPerKWh: 0.05 + Math.round(r() * 10) / 100,
      installed,
      ...(Object.keys(installed).length && r() < 0.5 ? { retirable: Object.keys(installed) } : {}),
    });
  }
  const workloads: Array<TrainingWorkloadData | ServingWorkloadData> = [];
  for (let w = 0; w < shape.trainings; w++) {
    const work = 200 + r() * 800; // device-days at speed 1
    const candidates = options.flatMap((o) => {
      const speed = 0.5 + r();
      return shape.counts.map((n) => ({
        pools: [{ optionId: o.id, devices: n }],
        trainDays: work / (speed * n ** 0.95),
        tokensPerSecond: speed * n * 1000,
        modelPflops: speed * n * 0.3,
        layout: `stub n=${n}`,
      }));
    });
    const days = candidates.map((c) => c.trainDays).sort((a, b) => a - b);
    workloads.push({
      kind: 'training',
      id: `train${w}`,
      deadlineDays: r() < 0.8 ? days[Math.floor(days.length * (0.2 + r() * 0.5))]! + 5 : null,
      sites: r() < 0.2 ? [pick(sites).id] : [],
      candidates,
    });
  }
  for (let w = 0; w < shape.servings; w++) {
    const instances = options.flatMap((o) =>
      [1, 2].map((devices) => ({
        optionId: o.id,
        devices,
        outputTokensPerSecond: Math.round(devices * (500 + r() * 1500) * (devices === 2 ? 1.1 : 1)),
        layout: `stub tp${devices}`,
        ttftMs: 500,
        tpotMs: 40,
      })),
    );
    workloads.push({
      kind: 'serving',
      id: `serve${w}`,
      demandOutputTokensPerSecond: Math.round(2000 + r() * 6000),
      sites: [],
      instances,
    });
  }
  const metrics: Metric[] = ['count', 'bf16Compute', 'spend', 'power'];
  const rules: RuleBinding[] = [];
  for (let i = 0; i < shape.rules; i++) {
    const organisation = r() < 0.3;
    rules.push({
      rule: {
        id: `rule${i}`,
        metric: pick(metrics),
        comparator: pick(shape.comparators ?? ['>', '>=']),
        threshold: pick(shape.thresholds ?? [0.3, 0.5, 0.6]),
        scope: organisation ? 'organisation' : 'site',
        appliesTo: {},
        effectiveFrom: '2025-01-01',
      },
      sites: organisation ? sites.map((s) => s.id) : sites.filter(() => r() < 0.8).map((s) => s.id),
      domestic: Object.fromEntries(options.map((o) => [o.id, o.domestic])),
      denied: [],
    });
  }
  return {
    objective: shape.objective ?? 'minCost',
    budgetUsd: null,
    horizonHours: 3 * 8760,
    averageLoadFraction: 0.8,
    options,
    sites,
    workloads,
    rules,
    timeLimitSeconds: 30,
    mipRelGap: 0,
  };
}
