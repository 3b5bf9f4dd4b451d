/**
 * Benchmark for the fleet planner: 20 hardware options, 3 sites, 5 workloads (4 training jobs, 1
 * serving workload) with the real engines and the built-in catalog; then a sweep of 11 thresholds.
 * Prints seconds per phase. Not a timed test. Usage: npx tsx bench/plan.ts [--all-counts]
 *
 * Targets (issue 4): the solve under 2 s, the 11-point sweep under 10 s.
 */
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { buildFleetMilp } from '../src/core/plan/build';
import { buildProblem } from '../src/core/plan/problem-build';
import type { ScenarioInput } from '../src/core/plan/scenario';
import { solveFleet } from '../src/core/plan/solve';
import { sweepDomestic, sweepThresholds } from '../src/core/plan/sweep';
import { checkScenario, parseScenario } from '../src/core/plan/validate';
import { HighsSolver, warmUpHighs } from '../src/solver/highs';

const allCounts = process.argv.includes('--all-counts');
// Prices the catalog lacks are indicative; every option is buyable here (a stress test, not policy).
const hardware: ScenarioInput['hardware'] = [
  { id: 'huawei-cloudmatrix-384' },
  { id: 'huawei-atlas-800t-a2' },
  { id: 'huawei-ascend-910b1', priceUsdPerDevice: 18000 },
  { id: 'huawei-ascend-910b2', priceUsdPerDevice: 17500 },
  { id: 'huawei-ascend-910b4', priceUsdPerDevice: 12000 },
  { id: 'huawei-ascend-950pr', priceUsdPerDevice: 22000, leadTimeDays: 60 },
  { id: 'cambricon-mlu590-server', priceUsdPerDevice: 12000 },
  { id: 'cambricon-mlu370-x8', priceUsdPerDevice: 6000 },
  { id: 'metax-c500', priceUsdPerDevice: 9000 },
  { id: 'moorethreads-s4000', priceUsdPerDevice: 5000 },
  { id: 'nvidia-hgx-h20', maxDevices: 4096 },
  { id: 'nvidia-hgx-h200', priceUsdPerDevice: 40000, maxDevices: 2048 },
  { id: 'nvidia-hgx-a800' },
  { id: 'nvidia-hgx-h800', priceUsdPerDevice: 30000, maxDevices: 1024 },
  { id: 'nvidia-dgx-h100' },
  { id: 'nvidia-dgx-b200' },
  { id: 'nvidia-gb200-nvl72' },
  { id: 'amd-mi300x-platform' },
  { id: 'amd-mi325x', priceUsdPerDevice: 20000 },
  { id: 'intel-gaudi3' },
];
const input: ScenarioInput = {
  name: 'bench-20x3x5',
  asOf: '2026-03-01',
  hardware,
  sites: [
    { id: 'shanghai', powerCapMW: 30, installed: [{ hardware: 'nvidia-hgx-h20', devices: 1024 }] },
    { id: 'guizhou', powerCapMW: 40, stateFunded: true, electricityUsdPerKWh: 0.05, pue: 1.2 },
    { id: 'ulanqab', powerCapMW: 25, electricityUsdPerKWh: 0.06 },
  ],
  workloads: [
    {
      id: 'llama70b',
      kind: 'training',
      model: 'llama3-70b',
      tokens: '4T',
      deadlineDays: 60,
      seqLen: 8192,
      globalBatchSeqs: 1024,
    },
    { id: 'llama8b', kind: 'training', model: 'llama3-8b', tokens: '2T', deadlineDays: 20 },
    { id: 'qwen-moe', kind: 'training', model: 'qwen3-30b-a3b', tokens: '3T', deadlineDays: 45 },
    { id: 'mixtral', kind: 'training', model: 'mixtral-8x7b', tokens: '2T', deadlineDays: 40 },
    {
      id: 'chat',
      kind: 'serving',
      model: 'qwen3-32b',
      inputTokens: 1000,
      outputTokens: 300,
      outputTokensPerSecond: 200000,
      tpotMs: 40,
      precision: 'int8',
    },
  ],
  policy: {
    rules: [
      {
        id: 'cn-hub-50pct',
        metric: 'count',
        comparator: '>',
        threshold: 0.5,
        scope: 'site',
        effectiveFrom: '2025-08-16',
      },
      {
        id: 'state-funded-only',
        metric: 'count',
        comparator: '>=',
        threshold: 1,
        scope: 'site',
        appliesTo: { stateFundedOnly: true },
        effectiveFrom: '2025-11-05',
        deny: ['NVIDIA', 'AMD', 'Intel'],
      },
    ],
  },
};

const parsed = parseScenario(input);
if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
const catalog = loadBuiltinCatalog();
const issues = checkScenario(parsed.value, catalog, '2026-03-01');
if (issues.length) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join('; '));

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
let t = performance.now();
const built = buildProblem(parsed.value, catalog, { asOf: '2026-03-01', allCounts });
const problem = built.problem;
console.log(
  `candidates: ${secs(t)} s, ${built.engineCalls} engine estimates (${allCounts ? 'every device count' : 'stop at the first count that meets the deadline'})`,
);
for (const [label, opts] of [
  ['full', {}],
  ['solved (late variants left out)', { pruneLate: true }],
] as const) {
  const { model } = buildFleetMilp(problem, opts);
  const ints = model.variables.filter((v) => v.type !== 'continuous').length;
  console.log(
    `model, ${label}: ${model.variables.length} variables (${ints} integer or binary), ${model.constraints.length} rows`,
  );
}

t = performance.now();
await warmUpHighs();
console.log(`HiGHS wasm load: ${secs(t)} s`);
const solver = new HighsSolver();
for (const label of ['first (cold) solve', 'second solve', 'third solve']) {
  t = performance.now();
  const one = await solveFleet(problem, { solver, explain: false });
  console.log(
    `${label}: ${secs(t)} s wall (${one.solver.solveSeconds.toFixed(2)} s in HiGHS), status ${one.status}, total $${((one.plan?.costs.totalUsd ?? 0) / 1e6).toFixed(1)}M`,
  );
}
t = performance.now();
const priced = await solveFleet(problem, { solver, priceRules: true });
console.log(
  `solve + pricing each binding rule: ${secs(t)} s (${priced.solver.solves} solves); binding: ${priced.binding.map((b) => b.constraint).join(', ')}`,
);
t = performance.now();
const points = await sweepDomestic(problem, sweepThresholds({ from: 0, to: 100, step: 10 }), solver);
console.log(`sweep of ${points.length} thresholds: ${secs(t)} s`);
for (const p of points)
  console.log(
    `  ${(p.threshold * 100).toFixed(0).padStart(3)}%  ${p.status.padEnd(10)} ${p.totalUsd === null ? '-' : `$${(p.totalUsd / 1e6).toFixed(1)}M`}  ${p.completionDays?.toFixed(1) ?? '-'} days`,
  );
