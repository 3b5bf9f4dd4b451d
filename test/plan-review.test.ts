/**
 * Planner defects a reviewer found by brute force, each pinned by a small scenario: the numbers the plan
 * reports are compared with the same plan re-solved by hand (a rule removed, a price read back), never
 * with a hard-coded optimum.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { energyUsdPerDevice } from '../src/core/plan/build-model';
import { energyUsdPerDeviceYear } from '../src/core/plan/build-roadmap';
import { type PlanOptions, planScenario } from '../src/core/plan/plan';
import { buildProblem } from '../src/core/plan/problem-build';
import { parseScenario } from '../src/core/plan/validate';
import { HighsSolver } from '../src/solver/highs';
import { run } from './support/run-cli';

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-plan-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const highs = new HighsSolver();

const serving = {
  id: 'chat',
  kind: 'serving',
  model: 'qwen3-32b',
  inputTokens: 1000,
  outputTokens: 300,
  outputTokensPerSecond: 20000,
  tpotMs: 30,
  precision: 'int8',
};

function problemOf(doc: Record<string, unknown>) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return buildProblem(parsed.value, catalog, { asOf: '2026-03-01' }).problem;
}

describe('hours per year', () => {
  it('a one-year single-period plan prices energy as one roadmap year (365.25 days)', () => {
    const p = problemOf({
      horizonYears: 1,
      hardware: [{ id: 'huawei-atlas-800t-a2', priceUsdPerDevice: 20000 }],
      sites: [{ id: 'a', electricityUsdPerKWh: 0.1 }],
      workloads: [serving],
      policy: { rules: [] },
    });
    const option = p.options[0]!;
    const site = p.sites[0]!;
    expect(energyUsdPerDevice(p, option, site)).toBeCloseTo(energyUsdPerDeviceYear(p, option, site), 9);
  });
});

describe('the spend share', () => {
  it('weighs each device by the price its capex is counted at', async () => {
    const doc = parseYaml(readFileSync('test/fixtures/plan/spend-share.yaml', 'utf8'));
    const parsed = parseScenario(doc);
    if (!parsed.ok) throw new Error('fixture invalid');
    const out = await planScenario(parsed.value, '2026-03-01', catalog, { solver: highs });
    expect(out.status).toBe('optimal');
    const domestic = new Map(problemOf(doc).options.map((o) => [o.id, o.domestic]));
    const capex = out.purchases.reduce((s, p) => s + p.capexUsd, 0);
    const domesticCapex = out.purchases
      .filter((p) => domestic.get(p.hardware))
      .reduce((s, p) => s + p.capexUsd, 0);
    expect(out.purchases.length).toBeGreaterThan(1);
    expect(out.domesticShare.spend).toBeCloseTo(domesticCapex / capex, 6);
    expect(out.rules[0]!.share).toBeCloseTo(domesticCapex / capex, 6);
  });
});

async function planOf(doc: Record<string, unknown>, opts: Partial<PlanOptions> = {}) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return planScenario(parsed.value, '2026-03-01', catalog, { solver: highs, ...opts });
}
const fixture = (name: string) =>
  parseYaml(readFileSync(`test/fixtures/plan/${name}`, 'utf8')) as Record<string, unknown>;

describe('hardware with an unknown metric under a rule that cannot bind', () => {
  // The TPU pod's chip has no TDP: its share by power is unknown. A power rule at >= 0% holds anyway.
  const doc = fixture('unknown-power-rule-0pct.yaml');
  const none = { ...doc, policy: { rules: [] } };

  it('>= 0% bans nothing: the plan is the plan without the rule', async () => {
    const [withRule, without] = await Promise.all([planOf(doc), planOf(none)]);
    expect(withRule.status).toBe('optimal');
    expect(withRule.costs.totalUsd).toBeCloseTo(without.costs.totalUsd, 2);
    expect(withRule.purchases).toEqual(without.purchases);
    expect(withRule.binding.filter((b) => b.kind === 'rule')).toEqual([]);
    expect(withRule.warnings.join('\n')).not.toMatch(/google-tpu-v6e-pod: not allowed/);
  });

  it('the sweep point at 0% is the plan without the rule; above 0% the pod is not allowed', async () => {
    const [swept, without] = await Promise.all([
      planOf(doc, { sweep: { from: 0, to: 50, step: 50 } }),
      planOf(none),
    ]);
    const [zero, half] = swept.sweep!;
    expect(zero!.totalUsd).toBeCloseTo(without.costs.totalUsd, 2);
    expect(half!.totalUsd).toBeGreaterThan(without.costs.totalUsd);
  });
});

describe("a rule's deny list is priced with the rule", () => {
  // 1,024 installed H20 at a state-funded site whose rule bans NVIDIA and requires 100% domestic.
  const doc = parseYaml(readFileSync('examples/plan-state-funded-100pct.yaml', 'utf8')) as {
    policy: { rules: Array<Record<string, unknown>> };
  };
  const ruleId = 'cn-state-funded-domestic-only';
  const withoutRule = {
    ...doc,
    policy: { rules: doc.policy.rules.filter((r) => r.id !== ruleId) },
  };
  const withoutDeny = {
    ...doc,
    policy: { rules: doc.policy.rules.map((r) => (r.id === ruleId ? { ...r, deny: undefined } : r)) },
  };

  it("the rule's price is what the plan saves without it, deny list included", async () => {
    const [plan, free] = await Promise.all([planOf(doc), planOf(withoutRule)]);
    expect(plan.status).toBe('optimal');
    expect(free.costs.totalUsd).toBeLessThan(plan.costs.totalUsd);
    const b = plan.binding.find((x) => x.constraint === `rule:${ruleId}@gov-dc`);
    expect(b?.priceUsd).toBeCloseTo(plan.costs.totalUsd - free.costs.totalUsd, 0);
    expect(b?.detail).toMatch(/deny list/);
  });

  it('the sweep keeps the deny list at 0% and reports its cost apart', async () => {
    const sweep = { from: 0, to: 100, step: 100 };
    const [swept, undenied] = await Promise.all([
      planOf(doc, { sweep, sweepRules: [ruleId] }),
      planOf(withoutDeny, { sweep, sweepRules: [ruleId] }),
    ]);
    const zero = swept.sweep![0]!;
    const zeroFree = undenied.sweep![0]!;
    expect(zero.denyUsd).toBeGreaterThan(0);
    expect(zero.totalUsd! - zero.denyUsd!).toBeCloseTo(zeroFree.totalUsd!, 0);
    expect(zeroFree.denyUsd).toBeNull();
  });
});

describe('maxThroughput buys nothing that adds no PFLOP/s', () => {
  it('with serving only (0 PFLOP/s either way) the plan is the least-cost plan', async () => {
    const doc = fixture('max-throughput-serving-only.yaml');
    const [most, cheapest] = await Promise.all([planOf(doc), planOf({ ...doc, objective: 'minCost' })]);
    expect(most.status).toBe('optimal');
    expect(most.modelPflops).toBe(cheapest.modelPflops);
    expect(most.costs.totalUsd).toBeCloseTo(cheapest.costs.totalUsd, 2);
    expect(most.purchases).toEqual(cheapest.purchases);
  });
});

describe('plan messages', () => {
  const base = fixture('spend-share.yaml') as { policy: { rules: Array<Record<string, unknown>> } };
  const rule = base.policy.rules[0]!;
  const write = (name: string, doc: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, stringifyYaml(doc));
    return path;
  };

  it('a rule without effectiveFrom: the field is required, in one line', async () => {
    const { effectiveFrom: _, ...undated } = rule;
    const r = await run('plan', write('undated.yaml', { ...base, policy: { rules: [undated] } }));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      /policy\.rules\[0\]\.effectiveFrom: required field missing: the date the rule takes effect/,
    );
  });

  it('a metric that does not exist: the metrics there are, in chipmix words', async () => {
    const r = await run(
      'plan',
      write('metric.yaml', { ...base, policy: { rules: [{ ...rule, metric: 'flops' }] } }),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/policy\.rules\[0\]\.metric: expected one of count, bf16Compute, spend, power\n$/);
    expect(r.err).not.toMatch(/Invalid option/);
  });

  it('the sweep table prints a 0.75% step as 0.75%', async () => {
    const r = await run('plan', 'test/fixtures/plan/spend-share.yaml', '--sweep-domestic', '0:1.5:0.75');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/│ 0\.75%/);
    expect(r.out).toMatch(/│ 1\.50%/);
  });
});
