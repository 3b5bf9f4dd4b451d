/**
 * Benchmark and price of tightening for the roadmap example (examples/roadmap-2026-2028.yaml): the
 * time to build the problem (engine estimates) and to solve the multi-period MILP, then the NPV with
 * the rule that tightens in 2027 (`cn-70pct`) set to each final threshold from 50% to 100% (`>=`),
 * every other rule as written. Not a timed test. Usage: npx tsx bench/roadmap.ts [scenario.yaml]
 */
import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { buildRoadmapMilp } from '../src/core/plan/build-roadmap';
import { buildProblem } from '../src/core/plan/problem-build';
import { solveRoadmap } from '../src/core/plan/roadmap-solve';
import { readScenarioDocument } from '../src/core/plan/scenario-text';
import { sweepDomestic, sweepTargets } from '../src/core/plan/sweep';
import { HighsSolver, warmUpHighs } from '../src/solver/highs';

const file = process.argv[2] ?? 'examples/roadmap-2026-2028.yaml';
const catalog = loadBuiltinCatalog();
const read = readScenarioDocument(readFileSync(file, 'utf8'), catalog, '2026-01-01');
if (!read.ok) throw new Error(read.issues.map((i) => i.message).join('; '));
await warmUpHighs();
const solver = new HighsSolver();
let t = performance.now();
const built = buildProblem(read.value.scenario, catalog, { asOf: read.value.asOf });
const buildSeconds = (performance.now() - t) / 1000;
const model = buildRoadmapMilp(built.problem).model;
t = performance.now();
const report = await solveRoadmap(built.problem, { solver });
const solveSeconds = (performance.now() - t) / 1000;
const usdM = (x: number | null) => (x === null ? '-' : `$${(x / 1e6).toFixed(1)}M`);
console.log(`${file}: ${built.engineCalls} engine estimates in ${buildSeconds.toFixed(2)} s`);
console.log(
  `MILP: ${model.variables.length} variables, ${model.constraints.length} rows; ${report.status} in ${solveSeconds.toFixed(2)} s (HiGHS ${report.solver.solveSeconds.toFixed(2)} s); NPV ${usdM(report.plan?.costs.totalUsd ?? null)}`,
);
for (const p of report.periods)
  console.log(
    `  ${p.period}: bought ${p.purchases.map((x) => `${x.count} ${x.hardware}@${x.site}`).join(', ') || '-'}; in service ${p.installed.reduce((s, x) => s + x.devices, 0)}; domestic ${((p.domesticShare.count ?? 0) * 100).toFixed(1)}%; PV ${usdM(p.costUsd)}`,
  );
const targets = sweepTargets(built.problem, ['cn-70pct']);
if (targets.length) {
  t = performance.now();
  const points = await sweepDomestic(
    built.problem,
    [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1],
    solver,
    targets,
  );
  console.log(`sweep of cn-70pct's threshold (${((performance.now() - t) / 1000).toFixed(2)} s):`);
  const base = points[0]?.totalUsd ?? null;
  for (const p of points)
    console.log(
      `  >= ${(p.threshold * 100).toFixed(0)}%: ${p.status} NPV ${usdM(p.totalUsd)}${base !== null && p.totalUsd !== null ? ` (+${usdM(p.totalUsd - base)} over 50%)` : ''}`,
    );
}
