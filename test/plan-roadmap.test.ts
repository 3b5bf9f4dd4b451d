/**
 * Roadmap (multi-period) plans on problems small enough to solve by hand: one site, one serving
 * workload whose demand in thousands of tokens/s equals the devices it needs (one device per replica,
 * 1,000 tokens/s each), energy free unless a case says otherwise. Each case states its optimum.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { buildRoadmapMilp } from '../src/core/plan/build-roadmap';
import { checkSolution } from '../src/core/plan/milp';
import type { OptionData, PlanProblem, RoadmapData, WorkloadData } from '../src/core/plan/problem';
import { buildProblem } from '../src/core/plan/problem-build';
import { roadmapChartSvg, roadmapSeries } from '../src/core/plan/roadmap-chart';
import { solveRoadmap } from '../src/core/plan/roadmap-solve';
import { parseScenario } from '../src/core/plan/validate';
import type { Rule } from '../src/core/policy/schema';
import { HighsSolver } from '../src/solver/highs';

const highs = new HighsSolver();

function option(id: string, domestic: boolean, priceUsdPerDevice: number): OptionData {
  return {
    id,
    chipId: id,
    vendor: domestic ? 'Dom' : 'For',
    domestic,
    unitDevices: 1,
    priceUsdPerDevice,
    powerWPerDevice: 1000,
    leadTimeDays: 0,
    maxNewDevices: null,
    available: true,
    metricPerDevice: { count: 1, bf16Compute: 1, spend: priceUsdPerDevice, power: 1000 },
  };
}

const D = option('dom', true, 2);
const F = option('for', false, 1);

function serving(id: string, devices: number): WorkloadData {
  return {
    kind: 'serving',
    id,
    demandOutputTokensPerSecond: devices * 1000,
    sites: [],
    instances: [D, F].map((o) => ({
      optionId: o.id,
      devices: 1,
      outputTokensPerSecond: 1000,
      layout: 'tp1',
      ttftMs: 1,
      ttftAloneMs: 1,
      tpotMs: 1,
    })),
  };
}

const half: Rule = {
  id: 'half',
  metric: 'count',
  comparator: '>=',
  threshold: 0.5,
  scope: 'site',
  effectiveFrom: '2027-01-01',
} as Rule;

interface Case {
  workloads?: Array<{ w: WorkloadData; periods: number[] }>;
  rulePeriods?: number[] | null;
  lifetimeYears?: number | null;
  discountRate?: number;
  windows?: Partial<Record<string, number[]>>;
  supply?: Partial<Record<string, number>>;
  decline?: number;
  electricityUsdPerKWh?: number;
}

function problem(c: Case): PlanProblem {
  const workloads = c.workloads ?? [{ w: serving('api', 10), periods: [0, 1, 2] }];
  const roadmap: RoadmapData = {
    periods: ['2026', '2027', '2028'].map((label, i) => ({
      label,
      date: `${label}-01-01`,
      startYears: i,
      lengthYears: 1,
    })),
    lifetimeYears: c.lifetimeYears ?? null,
    discountRate: c.discountRate ?? 0,
    options: Object.fromEntries(
      [D, F].map((o) => [
        o.id,
        {
          periods: c.windows?.[o.id] ?? [0, 1, 2],
          maxDevicesPerPeriod: c.supply?.[o.id] ?? null,
          priceDeclinePerYear: c.decline ?? 0,
        },
      ]),
    ),
    workloadPeriods: Object.fromEntries(workloads.map((x) => [x.w.id, x.periods])),
    rulePeriods: c.rulePeriods === null ? [] : [c.rulePeriods ?? [1, 2]],
  };
  return {
    objective: 'minCost',
    budgetUsd: null,
    horizonHours: 8766,
    averageLoadFraction: 1,
    options: [D, F],
    sites: [
      { id: 's', powerCapW: null, pue: 1, electricityUsdPerKWh: c.electricityUsdPerKWh ?? 0, installed: {} },
    ],
    workloads: workloads.map((x) => x.w),
    rules:
      c.rulePeriods === null
        ? []
        : [{ rule: half, sites: ['s'], domestic: { dom: true, for: false }, denied: [] }],
    timeLimitSeconds: 30,
    mipRelGap: 0,
    roadmap,
  };
}

async function solve(c: Case) {
  const p = problem(c);
  const report = await solveRoadmap(p, { solver: highs });
  expect(report.status).toBe('optimal');
  const bought = report.periods.map((x) => Object.fromEntries(x.purchases.map((b) => [b.hardware, b.count])));
  const inService = report.periods.map((x) =>
    Object.fromEntries(x.installed.map((i) => [i.hardware, i.devices])),
  );
  return { report, bought, inService, total: report.plan!.costs.totalUsd };
}

describe('roadmap plans (hand-solved)', () => {
  it('anticipates a rule that comes into force later (one plan over all periods)', async () => {
    // Rule >= 50% from 2027, demand 10 throughout. Buying 10 F now and 10 D in 2027 costs $30; the
    // optimum buys 5 D + 5 F in 2026 ($15) and is compliant when the rule arrives.
    const { bought, inService, total, report } = await solve({});
    expect(bought).toEqual([{ dom: 5, for: 5 }, {}, {}]);
    expect(inService[2]).toEqual({ dom: 5, for: 5 });
    expect(total).toBeCloseTo(15, 6);
    expect(report.periods[0]!.rules).toEqual([]);
    expect(report.periods.slice(1).every((p) => p.rules.length === 1 && p.rules[0]!.pass)).toBe(true);
  });

  it('checks a rule only in the periods it is in force', async () => {
    // Lifetime 1 year (a new fleet every year). Rule from 2027: 10 F ($10), then 5 D + 5 F twice
    // ($15 each) = $40. In force throughout: $45. Never: $30.
    const from2027 = await solve({ lifetimeYears: 1 });
    expect(from2027.bought).toEqual([{ for: 10 }, { dom: 5, for: 5 }, { dom: 5, for: 5 }]);
    expect(from2027.total).toBeCloseTo(40, 6);
    expect((await solve({ lifetimeYears: 1, rulePeriods: [0, 1, 2] })).total).toBeCloseTo(45, 6);
    expect((await solve({ lifetimeYears: 1, rulePeriods: null })).total).toBeCloseTo(30, 6);
  });

  it('grows the fleet period by period (installed base carried forward)', async () => {
    // 10 then 10 more from 2028, no rule, energy $8.766 a device-year (1 kW, $0.001/kWh): buying
    // late saves energy. 10 F in 2026, 10 F in 2028: $20 + (30 + 10) x 8.766 = $370.64.
    const { bought, inService, total } = await solve({
      rulePeriods: null,
      electricityUsdPerKWh: 0.001,
      workloads: [
        { w: serving('api', 10), periods: [0, 1, 2] },
        { w: serving('batch', 10), periods: [2] },
      ],
    });
    expect(bought).toEqual([{ for: 10 }, {}, { for: 10 }]);
    expect(inService[2]).toEqual({ for: 20 });
    expect(total).toBeCloseTo(20 + 40 * 8.766, 6);
  });

  it('retires devices after their lifetime and buys again', async () => {
    // Lifetime 1 year: 10 F every year = $30, each period reports the 10 retired.
    const { bought, report, total } = await solve({ rulePeriods: null, lifetimeYears: 1 });
    expect(bought).toEqual([{ for: 10 }, { for: 10 }, { for: 10 }]);
    expect(report.periods.map((p) => p.retired.reduce((s, r) => s + r.devices, 0))).toEqual([0, 10, 10]);
    expect(total).toBeCloseTo(30, 6);
  });

  it('buys only inside an availability window', async () => {
    // F only in 2026, lifetime 1: 10 F in 2026, then 10 D in 2027 and 2028 = 10 + 20 + 20 = $50.
    const { bought, total } = await solve({ rulePeriods: null, lifetimeYears: 1, windows: { for: [0] } });
    expect(bought).toEqual([{ for: 10 }, { dom: 10 }, { dom: 10 }]);
    expect(total).toBeCloseTo(50, 6);
  });

  it('honours a supply cap per period', async () => {
    // At most 6 F a year: 6 F + 4 D in 2026 ($14); no rule.
    const { bought, total } = await solve({ rulePeriods: null, supply: { for: 6 } });
    expect(bought).toEqual([{ dom: 4, for: 6 }, {}, {}]);
    expect(total).toBeCloseTo(14, 6);
  });

  it('prices money later at the discount rate and the price decline', async () => {
    // Demand from 2027 only, F at $1 falling 50% a year, discounted 100% a year: 10 x 0.5 / 2 = $2.5.
    const { bought, total } = await solve({
      rulePeriods: null,
      workloads: [{ w: serving('api', 10), periods: [1, 2] }],
      decline: 0.5,
      discountRate: 1,
    });
    expect(bought).toEqual([{}, { for: 10 }, {}]);
    expect(total).toBeCloseTo(2.5, 6);
  });

  it('counts energy in every period a device is in service, discounted', async () => {
    // 1 kW a device, 8,766 h a year, $0.001/kWh: $8.766 a device-year. 10 F in 2026, no discount:
    // capex $10 + 3 years x 10 x 8.766 = $272.98.
    const { total, report } = await solve({ rulePeriods: null, electricityUsdPerKWh: 0.001 });
    expect(total).toBeCloseTo(10 + 3 * 10 * 8.766, 6);
    expect(report.periods.map((p) => p.costUsd)).toEqual([
      expect.closeTo(10 + 87.66, 6),
      expect.closeTo(87.66, 6),
      expect.closeTo(87.66, 6),
    ]);
  });

  it('keeps the model valid: the solution meets every row', async () => {
    const p = problem({});
    const built = buildRoadmapMilp(p);
    const r = await highs.solve(built.model, { timeLimitSeconds: 30, mipRelGap: 0 });
    expect(checkSolution(built.model, r.values)).toEqual([]);
  });

  it('charts the fleet by vendor with the threshold line', async () => {
    const { report } = await solve({});
    const series = roadmapSeries(report.periods);
    expect(series.vendors.map((v) => [v.vendor, v.devices])).toEqual([
      ['Dom', [5, 5, 5]],
      ['For', [5, 5, 5]],
    ]);
    expect(series.thresholdShare).toEqual([null, 0.5, 0.5]);
    expect(roadmapChartSvg(series, 't')).toContain('rule threshold');
  });
});

describe('roadmap data from a scenario', () => {
  it('reads purchase windows from the catalog and the scenario, workloads and rules per period', () => {
    const parsed = parseScenario({
      periods: [2026, 2027, 2028],
      hardware: [
        { id: 'huawei-ascend-950dt', priceUsdPerDevice: 30000, powerWPerDevice: 2000 },
        { id: 'nvidia-hgx-h20', availableUntil: '2027-01-01', maxDevicesPerPeriod: 64 },
      ],
      sites: [{ id: 'a' }],
      workloads: [
        {
          id: 'chat',
          kind: 'serving',
          model: 'qwen3-32b',
          inputTokens: 100,
          outputTokens: 100,
          outputTokensPerSecond: 1000,
          start: '2027-03-01',
        },
      ],
      policy: {
        rules: [
          {
            id: 'r50',
            metric: 'count',
            comparator: '>',
            threshold: 0.5,
            scope: 'site',
            effectiveFrom: '2025-01-01',
          },
          {
            id: 'r70',
            metric: 'count',
            comparator: '>',
            threshold: 0.7,
            scope: 'site',
            effectiveFrom: '2028-01-01',
          },
        ],
      },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { problem: p } = buildProblem(parsed.value, loadBuiltinCatalog(), { asOf: '2026-01-01' });
    const r = p.roadmap!;
    // The catalog dates the 950DT 2026-Q4: buyable from the 2027 period.
    expect(r.options['huawei-ascend-950dt']!.periods).toEqual([1, 2]);
    expect(r.options['nvidia-hgx-h20']).toMatchObject({ periods: [0], maxDevicesPerPeriod: 64 });
    expect(r.workloadPeriods.chat).toEqual([1, 2]);
    expect(p.rules.map((b) => b.rule.id)).toEqual(['r50', 'r70']);
    expect(r.rulePeriods).toEqual([[0, 1, 2], [2]]);
  });

  it('refuses periods out of order and other objectives', () => {
    const base = {
      hardware: [{ id: 'nvidia-hgx-h20' }],
      sites: [{ id: 'a' }],
      workloads: [{ id: 't', kind: 'training', model: 'llama3-8b', tokens: '1T' }],
    };
    expect(parseScenario({ ...base, periods: [2027, 2026] }).ok).toBe(false);
    expect(parseScenario({ ...base, periods: [2026], objective: 'minTime' }).ok).toBe(false);
  });
});
