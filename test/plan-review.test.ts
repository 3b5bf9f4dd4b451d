/**
 * Planner defects a reviewer found by brute force, each pinned by a small scenario: the numbers the plan
 * reports are compared with the same plan re-solved by hand (a rule removed, a price read back), never
 * with a hard-coded optimum.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { energyUsdPerDevice } from '../src/core/plan/build-model';
import { energyUsdPerDeviceYear } from '../src/core/plan/build-roadmap';
import { buildProblem } from '../src/core/plan/problem-build';
import { parseScenario } from '../src/core/plan/validate';

const catalog = loadBuiltinCatalog();

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
