import { describe, expect, it } from 'vitest';
import { stubProblem } from '../../../test/fixtures/core/stub-problem';
import { loadBuiltinCatalog } from '../catalog/load';
import { buildFleetMilp } from './build';
import { deviceGrid } from './candidates';
import { niceScale, sweepChartSvg, sweepCsv } from './chart';
import { crossPoolSyncSeconds, proportionalShare, splitsNear } from './hetero';
import { sweepPercentDigits, sweepThresholds } from './sweep';
import { checkScenario, parseScenario } from './validate';

describe('device grid', () => {
  it('powers of two, 1.5 x powers of two and whole systems, within bounds', () => {
    expect(deviceGrid(8, 8, 200)).toEqual([8, 12, 16, 24, 32, 48, 64, 96, 128, 192]);
    const cm = deviceGrid(384, 384, 3000);
    expect(cm).toContain(384);
    expect(cm).toContain(1152);
    expect(cm).toContain(2048);
    expect(cm.every((n) => n >= 384 && n <= 3000)).toBe(true);
  });
});

describe('sweep thresholds', () => {
  it('includes both ends, as fractions', () => {
    expect(sweepThresholds({ from: 0, to: 100, step: 10 })).toHaveLength(11);
    expect(sweepThresholds({ from: 30, to: 60, step: 15 })).toEqual([0.3, 0.45, 0.6]);
  });
  it('print with as many decimals as the step needs', () => {
    expect(sweepPercentDigits(sweepThresholds({ from: 0, to: 100, step: 10 }))).toBe(1);
    expect(sweepPercentDigits(sweepThresholds({ from: 0, to: 3, step: 0.75 }))).toBe(2);
    expect(sweepPercentDigits([1 / 3])).toBe(4);
  });
});

describe('two-pool formulas', () => {
  it('splits the batch in proportion to speed, keeping both pools busy', () => {
    expect(proportionalShare(1000, 3, 1)).toBe(750);
    expect(proportionalShare(10, 1000, 1)).toBe(9);
    const splits = splitsNear(15360, 10752.4);
    expect(splits[0]).toBe(10752);
    expect(splits.every((s) => s > 0 && s < 15360 && s % 64 === 0)).toBe(true);
    expect(splitsNear(10, 7)).toEqual([7]);
  });
  it('cross-pool gradient sync: 2 x 4 bytes/param over the smaller pool scale-out', () => {
    // 1e9 params, 4 GB of fp32 gradients, twice, over 100 devices x 25 GB/s.
    expect(crossPoolSyncSeconds(1e9, 100, 400, 25, 50)).toBeCloseTo((2 * 4e9) / (100 * 25e9), 12);
  });
});

describe('chart and CSV', () => {
  const points = [
    {
      threshold: 0,
      status: 'optimal' as const,
      totalUsd: 10e6,
      capexUsd: 9e6,
      energyUsd: 1e6,
      completionDays: 50,
      domesticShare: { count: 0.2, bf16Compute: 0.1, spend: 0.3, power: 0.2 },
      denyUsd: null,
    },
    {
      threshold: 0.5,
      status: 'optimal' as const,
      totalUsd: 14e6,
      capexUsd: 12e6,
      energyUsd: 2e6,
      completionDays: 58,
      domesticShare: { count: 0.51, bf16Compute: 0.3, spend: 0.5, power: 0.4 },
      denyUsd: 2e6,
    },
    {
      threshold: 1,
      status: 'infeasible' as const,
      totalUsd: null,
      capexUsd: null,
      energyUsd: null,
      completionDays: null,
      domesticShare: null,
      denyUsd: null,
    },
  ];
  it('an SVG with both series and the infeasible mark', () => {
    const svg = sweepChartSvg(points, 'Price <of> the rule');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Price &lt;of&gt; the rule');
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('no feasible plan');
  });
  it('CSV rows with empty cells where there is no plan', () => {
    const csv = sweepCsv(points).trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[2]).toBe('0.5,optimal,14000000,12000000,2000000,58,0.51,0.3,0.5,0.4,2000000');
    expect(csv[3]).toBe('1,infeasible,,,,,,,,,');
  });
  it('nice axis scale', () => {
    expect(niceScale(47)).toEqual({ max: 50, step: 10 });
  });
});

describe('MILP as data', () => {
  it('names each row after its planner-level constraint', () => {
    const p = stubProblem(3, {
      sites: 2,
      options: 3,
      trainings: 2,
      servings: 1,
      rules: 2,
      counts: [8, 16],
      maxNewDevices: 64,
      units: [1, 8],
    });
    const { model, index } = buildFleetMilp(p);
    const groups = new Set(model.constraints.map((c) => c.group).filter(Boolean));
    expect([...groups].some((g) => g.startsWith('power:'))).toBe(true);
    expect([...groups].some((g) => g.startsWith('rule:'))).toBe(true);
    expect([...groups].some((g) => g.startsWith('availability:'))).toBe(true);
    expect([...groups].some((g) => g.startsWith('demand:'))).toBe(true);
    for (const g of groups) expect(index.groups.has(g)).toBe(true);
    const names = model.constraints.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
  it('dropping a group removes its rows', () => {
    const p = stubProblem(3, {
      sites: 1,
      options: 2,
      trainings: 1,
      servings: 0,
      rules: 1,
      counts: [8],
      maxNewDevices: null,
      units: [1],
    });
    const all = buildFleetMilp(p);
    const power = [...all.index.groups.keys()].find((g) => g.startsWith('power:'))!;
    const dropped = buildFleetMilp(p, { drop: new Set([power]) });
    expect(dropped.model.constraints.some((c) => c.group === power)).toBe(false);
  });
});

describe('scenario checks', () => {
  const catalog = loadBuiltinCatalog();
  const base = {
    hardware: [{ id: 'huawei-atlas-800t-a2' }, { id: 'nvidia-hgx-h20' }],
    sites: [{ id: 'a' }],
    workloads: [{ id: 't', kind: 'training', model: 'llama3-8b', tokens: '1T', deadlineDays: 30 }],
  };
  const first = (input: unknown) => {
    const parsed = parseScenario(input);
    if (!parsed.ok) return `${parsed.issues[0]!.path}: ${parsed.issues[0]!.message}`;
    const issues = checkScenario(parsed.value, catalog, '2026-03-01');
    return issues.length ? `${issues[0]!.path}: ${issues[0]!.message}` : 'ok';
  };
  it('accepts a valid scenario and parses token counts', () => {
    expect(first(base)).toBe('ok');
    const parsed = parseScenario(base);
    expect(
      parsed.ok && parsed.value.workloads[0]!.kind === 'training' && parsed.value.workloads[0]!.tokens,
    ).toBe(1e12);
  });
  it.each([
    [
      { ...base, hardware: [{ id: 'nvidia-h2O' }] },
      /^hardware\[0\]\.id: unknown catalog id "nvidia-h2O" \(did you mean/,
    ],
    [
      { ...base, sites: [{ id: 'a', installed: [{ hardware: 'nvidia-hgx-h20', devices: -8 }] }] },
      /^sites\[0\]\.installed\[0\]\.devices: .*not negative/,
    ],
    [
      { ...base, workloads: [{ ...base.workloads[0], deadlineDays: 0 }] },
      /^workloads\[0\]\.deadlineDays: expected a deadline in days \(greater than 0\)/,
    ],
    [
      {
        ...base,
        policy: {
          rules: [
            {
              id: 'r',
              metric: 'count',
              comparator: '>',
              threshold: 50,
              scope: 'site',
              effectiveFrom: '2025-01-01',
            },
          ],
        },
      },
      /^policy\.rules\[0\]\.threshold: .*write 50% as 0\.5/,
    ],
    [
      {
        ...base,
        policy: {
          rules: [
            {
              id: 'lo',
              metric: 'count',
              comparator: '>',
              threshold: 0.6,
              scope: 'site',
              effectiveFrom: '2025-01-01',
            },
            {
              id: 'hi',
              metric: 'count',
              comparator: '<=',
              threshold: 0.4,
              scope: 'site',
              effectiveFrom: '2025-01-01',
            },
          ],
        },
      },
      /^policy\.rules\[1\]: contradicts rule lo/,
    ],
    [
      { ...base, workloads: [{ ...base.workloads[0], model: 'llama-9000' }] },
      /^workloads\[0\]\.model: unknown model preset/,
    ],
    [
      // The MLU590 server has no sourced price (the HGX H200 had none before issue 16 gave it one).
      { ...base, hardware: [{ id: 'cambricon-mlu590-server' }] },
      /^hardware\[0\]\.priceUsdPerDevice: the catalog has no price for cambricon-mlu590-server/,
    ],
    [{ ...base, objective: 'maxThroughput' }, /^budgetUsd: objective maxThroughput needs budgetUsd/],
    [
      { ...base, workloads: [{ ...base.workloads[0], site: 'b' }] },
      /^workloads\[0\]\.site: unknown site "b"/,
    ],
  ])('rejects bad input with the field and the rule (%#)', (input, message) => {
    expect(first(input)).toMatch(message);
  });
});
