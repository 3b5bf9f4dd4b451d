/**
 * Plans with a stated risk (issue 16, section 3): seeded determinism, thread-count independence, the
 * deadline probability rising with the fleet, a robust plan that holds on draws it was not made with, and
 * bad input as one line with exit code 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { resolveHardware } from '../src/core/hardware/profile';
import { resolveModel } from '../src/core/model/presets';
import { planScenario, readScenario } from '../src/core/plan/plan';
import {
  evaluateDraws,
  type RiskPlan,
  sampleDraws,
  summariseRisk,
  type UncertaintyModel,
  uncertaintyModel,
} from '../src/core/plan/risk';
import { parseScenarioText } from '../src/core/plan/scenario-text';
import { estimateTraining } from '../src/core/train/estimate';
import { threadedDrawRunner } from '../src/plan-runner/risk-pool';
import { HighsSolver } from '../src/solver/highs';
import { run } from './support/run-cli';

afterEach(() => vi.restoreAllMocks());

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-risk-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const SMALL = `
asOf: 2026-03-01
ROBUST
hardware:
  - id: huawei-atlas-800t-a2
  - id: nvidia-hgx-h20
sites:
  - id: dc
    powerCapMW: 20
workloads:
  - id: job
    kind: training
    model: llama3-8b
    tokens: 2T
    deadlineDays: 30
policy:
  rules:
    - { id: cn50, metric: count, comparator: '>', threshold: 0.5, scope: site, effectiveFrom: 2025-08-16 }
`;

function scenarioOf(text: string) {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error('bad yaml');
  const read = readScenario(parsed.value, catalog, '2026-03-01');
  if (!read.ok) throw new Error(read.issues[0]!.message);
  return read.value.scenario;
}

const OPTIONS = ['huawei-atlas-800t-a2', 'nvidia-hgx-h20'];
const model: UncertaintyModel = uncertaintyModel(scenarioOf(SMALL.replace('ROBUST', '')), catalog, OPTIONS);

/** A training job whose every pool takes `days` at the median speed (one step of `days` seconds, one day per second). */
const job = (id: string, deadlineDays: number, leadDays: number, days: number, pools: number[]) => ({
  kind: 'training' as const,
  id,
  deadlineDays,
  leadDays,
  pools,
  poolStepSeconds: pools.map(() => days),
  syncSeconds: 0,
  daysPerStepSecond: 1,
});

/** A two-pool job and a one-pool job, with capex and energy on both options. */
const PLAN: RiskPlan = {
  options: OPTIONS,
  workloads: [job('a', 30, 2, 25, [0, 1]), job('b', 40, 0, 35, [0])],
  capexUsd: [5e7, 2e7],
  energyUsd: [1e7, 5e6],
};

describe('the uncertainty model', () => {
  it('takes its sigmas from the engine band and the catalog grades (an uncalibrated or rumour-grade chip is wider)', () => {
    for (const o of model.options) {
      expect(o.trainingSigma).toBeGreaterThan(0);
      expect(o.peakSigma).toBeGreaterThan(0);
    }
    // The scenario gives no price for either: the catalog's grade applies.
    expect(model.options.every((o) => o.priceSigma > 0)).toBe(true);
    const quoted = uncertaintyModel(
      scenarioOf(
        SMALL.replace('ROBUST', '').replace(
          '- id: nvidia-hgx-h20',
          '- { id: nvidia-hgx-h20, priceUsdPerDevice: 20000 }',
        ),
      ),
      catalog,
      OPTIONS,
    );
    expect(quoted.options[1]!.priceSigma).toBe(0);
  });
});

describe('sampling', () => {
  it('is deterministic given the seed, and the seed matters', () => {
    const a = sampleDraws(model, 42, 0, 500);
    const b = sampleDraws(model, 42, 0, 500);
    const c = sampleDraws(model, 43, 0, 500);
    expect(a.trainingSpeed).toEqual(b.trainingSpeed);
    expect(a.price).toEqual(b.price);
    expect(a.trainingSpeed).not.toEqual(c.trainingSpeed);
    // Median near 1 (the planner's number is the median), spread present.
    const sorted = Float64Array.from(a.trainingSpeed.filter((_, i) => i % 2 === 0)).sort();
    expect(sorted[250]!).toBeGreaterThan(0.9);
    expect(sorted[250]!).toBeLessThan(1.1);
    expect(sorted[25]!).toBeLessThan(0.9);
  });

  it('draw i depends only on (seed, i): chunks concatenate to the whole', () => {
    const whole = sampleDraws(model, 7, 0, 1000);
    const head = sampleDraws(model, 7, 0, 333);
    const tail = sampleDraws(model, 7, 333, 667);
    expect([...head.trainingSpeed, ...tail.trainingSpeed]).toEqual([...whole.trainingSpeed]);
    expect([...head.power, ...tail.power]).toEqual([...whole.power]);
  });

  it('gives the same risk on 1, 2 and 3 worker threads', async () => {
    const results = [];
    for (const threads of [1, 2, 3]) {
      const outcomes = await threadedDrawRunner(threads)(model, PLAN, 11, 1200);
      results.push(summariseRisk(PLAN, outcomes, 11));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const inline = summariseRisk(PLAN, evaluateDraws(PLAN, sampleDraws(model, 11, 0, 1200)), 11);
    expect(inline).toEqual(results[0]);
  }, 60_000);
});

describe('the deadline probability', () => {
  it('rises with the fleet (engine estimates at growing device counts, the same draws)', () => {
    const llama = resolveModel('llama3-8b');
    const hw = resolveHardware(catalog, 'huawei-atlas-800t-a2');
    if (!llama.ok || !hw.ok) throw new Error('preset');
    const draws = sampleDraws(model, 5, 0, 2000);
    let previous = -1;
    const seen: number[] = [];
    for (const devices of [64, 96, 128, 192, 256, 384, 512, 768]) {
      const e = estimateTraining({
        model: llama.value,
        hardware: hw.value,
        devices,
        setup: { seqLen: 4096, globalBatchSeqs: 1024, precision: 'bf16', totalTokens: 2e12 },
      });
      if (!e.ok || e.value.daysToTrain === null) throw new Error('estimate');
      const plan: RiskPlan = {
        options: OPTIONS,
        workloads: [job('j', 30, 0, e.value.daysToTrain, [0])],
        capexUsd: [0, 0],
        energyUsd: [0, 0],
      };
      const p = summariseRisk(plan, evaluateDraws(plan, draws), 5).workloads[0]!.deadlineProbability!;
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
      seen.push(p);
    }
    // Not flat: the range spans from mostly late to mostly on time.
    expect(seen[0]!).toBeLessThan(0.5);
    expect(seen[seen.length - 1]!).toBeGreaterThan(0.9);
  });

  it('of a two-pool job is below that of either pool alone at the same days (it waits for the slower)', () => {
    const draws = sampleDraws(model, 3, 0, 2000);
    const one = (pools: number[]) =>
      summariseRisk(
        {
          ...PLAN,
          workloads: [job('x', 30, 0, 27, pools)],
        },
        evaluateDraws(
          {
            ...PLAN,
            workloads: [job('x', 30, 0, 27, pools)],
          },
          draws,
        ),
        3,
      ).workloads[0]!.deadlineProbability!;
    expect(one([0, 1])).toBeLessThan(Math.min(one([0]), one([1])));
  });
});

describe('the robust plan', () => {
  it('meets its target when re-sampled with another seed (within sampling error), and costs at least the deterministic plan', async () => {
    const scenario = scenarioOf(SMALL.replace('ROBUST', 'robust: { deadlineProbability: 0.9 }'));
    const out = await planScenario(scenario, '2026-03-01', catalog, {
      solver: new HighsSolver(),
      risk: { samples: 1000, seed: 1 },
    });
    expect(out.status).toBe('optimal');
    expect(out.robust?.met).toBe(true);
    expect(out.costs.totalUsd).toBeGreaterThanOrEqual(out.robust!.deterministic.totalUsd);
    // Re-sample the chosen plan with a seed it was not made with.
    const check = await planScenario({ ...scenario, robust: undefined }, '2026-03-01', catalog, {
      solver: new HighsSolver(),
      risk: { samples: 4000, seed: 987654 },
    });
    // The unscaled plan is the deterministic one: its risk is what the robust plan improves on.
    expect(check.risk!.workloads[0]!.deadlineProbability!).toBeLessThan(0.9);
    const deterministicP = out.robust!.deterministic.deadlineProbability[0]!.deadlineProbability!;
    expect(deterministicP).toBeCloseTo(check.risk!.workloads[0]!.deadlineProbability!, 1);
    // The robust plan itself under the other seed: 3 binomial standard errors at 4,000 draws is 0.014.
    const { compileRiskPlan, runDrawsInThread } = await import('../src/core/plan/risk');
    const { planOnce } = await import('../src/core/plan/plan');
    const again = await planOnce(
      scenario,
      '2026-03-01',
      catalog,
      { solver: new HighsSolver() },
      out.robust!.speedScale,
    );
    const compiled = compileRiskPlan(again.plan!, again.problem, out.robust!.speedScale);
    const m = uncertaintyModel(
      scenario,
      catalog,
      again.problem.options.map((o) => o.id),
    );
    const resampled = summariseRisk(compiled, await runDrawsInThread(m, compiled, 987654, 4000), 987654);
    expect(resampled.workloads[0]!.deadlineProbability!).toBeGreaterThanOrEqual(0.9 - 0.014);
  }, 240_000);
});

describe('bad input: one line naming the field, exit code 2', () => {
  it('--samples 0', async () => {
    const { code, err } = await run('plan', write('ok.yaml', SMALL.replace('ROBUST', '')), '--samples', '0');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/--samples: expected a whole number from 1/);
  });
  it('--seed -1', async () => {
    const { code, err } = await run('plan', write('ok2.yaml', SMALL.replace('ROBUST', '')), '--seed', 'x');
    expect(code).toBe(2);
    expect(err).toMatch(/--seed: expected a whole number/);
  });
  it('robust.deadlineProbability: 1.5', async () => {
    const file = write('bad-robust.yaml', SMALL.replace('ROBUST', 'robust: { deadlineProbability: 1.5 }'));
    const { code, err } = await run('plan', file);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/robust\.deadlineProbability/);
    expect(err).toMatch(/less than 1/);
  });
});
