/**
 * Benchmark and figures for plans with a stated risk (issue 16, section 3) on the DeepSeek-V3 preset
 * (examples/plan-deepseek-v3-50pct.yaml): the deterministic plan, 1,000 draws of it on worker threads
 * (one chunk per core; target under 60 s on 2 cores), then the same scenario with
 * `robust: { deadlineProbability: 0.9 }` and what the extra confidence costs. Not a timed test.
 *
 * Usage: npx tsx bench/plan-risk.ts [--samples 1000] [--seed 1] [--threads N] [--no-robust]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { planOnce } from '../src/core/plan/plan';
import { compileRiskPlan, summariseRisk, uncertaintyModel } from '../src/core/plan/risk';
import { withRisk } from '../src/core/plan/robust';
import { readScenarioDocument } from '../src/core/plan/scenario-text';
import { threadedDrawRunner } from '../src/plan-runner/risk-pool';
import { HighsSolver, warmUpHighs } from '../src/solver/highs';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const samples = arg('samples', 1000);
const seed = arg('seed', 1);
const threads = arg('threads', availableParallelism());
const usd = (x: number) => `$${(x / 1e6).toFixed(2)}M`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

const catalog = loadBuiltinCatalog();
const read = readScenarioDocument(
  readFileSync('examples/plan-deepseek-v3-50pct.yaml', 'utf8'),
  catalog,
  '2026-03-01',
);
if (!read.ok) throw new Error(read.issues[0]!.message);
const { scenario, asOf } = read.value;
await warmUpHighs();
const solver = new HighsSolver();

let t = performance.now();
const det = await planOnce(scenario, asOf, catalog, { solver });
console.log(
  `deterministic plan: ${secs(t)} s; status ${det.out.status}; total ${usd(det.out.costs.totalUsd)}`,
);
if (!det.plan) process.exit(1);
for (const w of det.out.workloads)
  if (w.kind === 'training')
    console.log(
      `  ${w.id}: ${w.hardware.map((h, i) => `${h} x ${w.devices[i]}`).join(' + ')}, ${w.completionDays.toFixed(1)} of ${w.deadlineDays} days`,
    );

// The sampling itself: 1,000 draws sampled and evaluated on `threads` threads (thread start-up included).
t = performance.now();
const model = uncertaintyModel(
  scenario,
  catalog,
  det.problem.options.map((o) => o.id),
);
const compiled = compileRiskPlan(det.plan, det.problem);
const outcomes = await threadedDrawRunner(threads)(model, compiled, seed, samples);
const risk = summariseRisk(compiled, outcomes, seed);
const samplingSeconds = secs(t);
console.log(
  `risk: ${samples} draws on ${threads} thread(s): ${samplingSeconds} s (target < 60 s on 2 cores)`,
);
for (const w of risk.workloads)
  console.log(
    `  ${w.id}: deadline met in ${pct(w.deadlineProbability)} of draws; completion days p10/p50/p90 ${w.completionDays?.p10.toFixed(1)} / ${w.completionDays?.p50.toFixed(1)} / ${w.completionDays?.p90.toFixed(1)}`,
  );
console.log(
  `  total cost p10/p50/p90: ${usd(risk.totalUsd.p10)} / ${usd(risk.totalUsd.p50)} / ${usd(risk.totalUsd.p90)}`,
);

if (!process.argv.includes('--no-robust')) {
  t = performance.now();
  const robustScenario = { ...scenario, robust: { deadlineProbability: 0.9 } };
  const out = await withRisk(
    robustScenario,
    catalog,
    (speedScale) => planOnce(robustScenario, asOf, catalog, { solver }, speedScale),
    { samples, seed, run: threadedDrawRunner(threads) },
  );
  const r = out.robust!;
  console.log(
    `robust plan at 0.9: ${secs(t)} s (plans and samplings together); status ${out.status}; ${r.rounds} round(s), planning level ${r.planningLevel.toFixed(3)}; target ${r.met ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  speed factors planned with: ${Object.entries(r.speedScale)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ')}`,
  );
  for (const w of out.workloads)
    if (w.kind === 'training')
      console.log(
        `  ${w.id}: ${w.hardware.map((h, i) => `${h} x ${w.devices[i]}`).join(' + ')}, ${w.completionDays.toFixed(1)} days at the derated speeds it was planned with`,
      );
  for (const w of out.risk?.workloads ?? [])
    console.log(
      `  ${w.id}: deadline met in ${pct(w.deadlineProbability)} of draws; completion days p10/p50/p90 ${w.completionDays?.p10.toFixed(1)} / ${w.completionDays?.p50.toFixed(1)} / ${w.completionDays?.p90.toFixed(1)}`,
    );
  console.log(
    `  total ${usd(out.costs.totalUsd)} vs deterministic ${usd(r.deterministic.totalUsd)}: the extra confidence costs ${usd(r.extraUsd)} (${r.extraPct?.toFixed(1)}%)`,
  );
}
