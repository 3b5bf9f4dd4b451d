import { describe, expect, it } from 'vitest';
import type { OptionData, PlanProblem } from '../src/core/plan/problem';
import { solveFleet } from '../src/core/plan/solve';
import { HighsSolver } from '../src/solver/highs';

const option = (id: string, domestic: boolean, powerW: number): OptionData => ({
  id,
  chipId: id,
  vendor: domestic ? 'D' : 'F',
  domestic,
  unitDevices: 1,
  priceUsdPerDevice: domestic ? 20000 : 12000,
  powerWPerDevice: powerW,
  leadTimeDays: 0,
  maxNewDevices: null,
  available: true,
  metricPerDevice: {
    count: 1,
    bf16Compute: domestic ? 700 : 150,
    spend: domestic ? 20000 : 12000,
    power: powerW,
  },
});

/**
 * Deadline 12 days: only 2,000 foreign devices (10 days) make it; the >50% rule then needs 2,001
 * domestic ones, and 1.25 MW + 2.5 MW exceeds the 3 MW cap. 4,000 domestic (15 days) also break the cap.
 */
const conflict: PlanProblem = {
  objective: 'minCost',
  budgetUsd: null,
  horizonHours: 8760,
  averageLoadFraction: 1,
  options: [option('dom', true, 1250), option('for', false, 625)],
  sites: [{ id: 'hub', powerCapW: 3e6, pue: 1, electricityUsdPerKWh: 0.1, installed: {} }],
  workloads: [
    {
      kind: 'training',
      id: 'job',
      deadlineDays: 12,
      sites: [],
      candidates: [
        {
          pools: [{ optionId: 'dom', devices: 2000 }],
          trainDays: 30,
          tokensPerSecond: 1,
          modelPflops: 1,
          layout: 'a',
        },
        {
          pools: [{ optionId: 'dom', devices: 4000 }],
          trainDays: 15,
          tokensPerSecond: 2,
          modelPflops: 2,
          layout: 'b',
        },
        {
          pools: [{ optionId: 'for', devices: 2000 }],
          trainDays: 10,
          tokensPerSecond: 3,
          modelPflops: 3,
          layout: 'c',
        },
      ],
    },
  ],
  rules: [
    {
      rule: {
        id: 'cn50',
        metric: 'count',
        comparator: '>',
        threshold: 0.5,
        scope: 'site',
        appliesTo: {},
        effectiveFrom: '2025-01-01',
      },
      sites: ['hub'],
      domestic: { dom: true, for: false },
      denied: [],
    },
  ],
  timeLimitSeconds: 30,
  mipRelGap: 0,
};

describe('infeasible scenarios are results', () => {
  it('names the conflicting constraints: deadline, rule and power cap', async () => {
    const r = await solveFleet(conflict, { solver: new HighsSolver() });
    expect(r.status).toBe('infeasible');
    expect(r.plan).toBeNull();
    expect(r.conflicts.map((c) => c.constraint).sort()).toEqual([
      'deadline:job',
      'power:hub',
      'rule:cn50@hub',
    ]);
    expect(r.conflicts.find((c) => c.kind === 'power')?.message).toContain('3.00 MW');
  });

  it('computes the least relaxation of each conflicting constraint', async () => {
    const r = await solveFleet(conflict, { solver: new HighsSolver() });
    const by = Object.fromEntries(r.relaxations.map((x) => [x.constraint, x]));
    // 2,000 x 625 W + 2,001 x 1,250 W = 3.75 MW, rounded up to 0.01 MW.
    expect(by['power:hub']?.to).toBeCloseTo(3.76, 2);
    // Without the deadline: 2,000 domestic devices, 30 days.
    expect(by['deadline:job']?.to).toBeCloseTo(30, 1);
    // With 2,000 foreign (1.25 MW), 1,400 domestic fit in the remaining 1.75 MW: 1400 / 3400 = 41.2%.
    expect(by['rule:cn50@hub']?.to).toBeGreaterThan(0.4);
    expect(by['rule:cn50@hub']?.to).toBeLessThan(1400 / 3400);
  });

  it('the relaxed scenarios are feasible (the relaxation is real)', async () => {
    const solver = new HighsSolver();
    const relaxed = { ...conflict, sites: [{ ...conflict.sites[0]!, powerCapW: 3.76e6 }] };
    expect((await solveFleet(relaxed, { solver })).status).toBe('optimal');
    const tighter = { ...conflict, sites: [{ ...conflict.sites[0]!, powerCapW: 3.74e6 }] };
    expect((await solveFleet(tighter, { solver })).status).toBe('infeasible');
  });

  it('a workload with no candidate is named without solving', async () => {
    const none: PlanProblem = {
      ...conflict,
      workloads: [{ kind: 'training', id: 'empty', deadlineDays: null, sites: [], candidates: [] }],
    };
    const r = await solveFleet(none, { solver: new HighsSolver() });
    expect(r.status).toBe('infeasible');
    expect(r.conflicts[0]?.constraint).toBe('workload:empty');
  });
});
