/**
 * Fits the serving model's efficiencies on published serving runs and writes
 * src/core/infer/calibration.ts. Re-run after changing the model or the CSV:
 *
 *   npx tsx scripts/fit-inference.ts [../shared/validation/inference_runs.csv] [--check]
 *
 * Parameters: per hardware family, prefill compute efficiency, decode compute efficiency and HBM
 * efficiency (3 x families); one expert-parallel overlap share for all families. Objective: the mean
 * |log(predicted / measured)| over the family's modelled rows (a robust, scale-free L1 loss), minimised
 * by coordinate descent over bounded grids. Never per-row parameters. `--check` fits and prints but
 * does not write. Error bands: the residuals of the fitted model, plus leave-one-out (each row predicted
 * by parameters fitted without it) to show how well the fit carries to unseen runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Catalog } from '../src/core/catalog/catalog';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { resolveHardware } from '../src/core/hardware/profile';
import type { RunScenario } from '../src/core/infer/runs';
import type { ServingEfficiency } from '../src/core/infer/types';
import { errorStats, median, parseRuns, predictRun } from '../src/core/infer/validate';

const args = process.argv.slice(2);
const csvPath = args.find((a) => !a.startsWith('--')) ?? '../shared/validation/inference_runs.csv';
const checkOnly = args.includes('--check');

const BOUNDS: Record<'prefillCompute' | 'decodeCompute' | 'hbm', [number, number]> = {
  prefillCompute: [0.1, 0.9],
  decodeCompute: [0.1, 0.9],
  hbm: [0.5, 0.95],
};
const OVERLAPS = [0, 0.25, 0.5, 0.75, 1];
const GRID_STEPS = 33;

type FamilyParams = Omit<ServingEfficiency, 'epOverlap'>;

function loss(rows: readonly RunScenario[], catalog: Catalog, eff: ServingEfficiency): number {
  let sum = 0;
  for (const s of rows) {
    const p = predictRun(s, catalog, eff).predicted;
    sum += Math.abs(Math.log(p / s.measured));
  }
  return sum / rows.length;
}

/** Coordinate descent over bounded grids, a few sweeps (the loss is smooth and nearly separable). */
function fitFamily(
  rows: readonly RunScenario[],
  catalog: Catalog,
  epOverlap: number,
): { params: FamilyParams; loss: number } {
  let params: FamilyParams = { prefillCompute: 0.4, decodeCompute: 0.4, hbm: 0.75 };
  let best = loss(rows, catalog, { ...params, epOverlap });
  for (let sweep = 0; sweep < 4; sweep++) {
    let improved = false;
    for (const key of Object.keys(BOUNDS) as (keyof FamilyParams)[]) {
      const [lo, hi] = BOUNDS[key];
      for (let i = 0; i < GRID_STEPS; i++) {
        const candidate = { ...params, [key]: lo + ((hi - lo) * i) / (GRID_STEPS - 1) };
        const l = loss(rows, catalog, { ...candidate, epOverlap });
        if (l < best - 1e-12) {
          best = l;
          params = candidate;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { params, loss: best };
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

function main(): void {
  const catalog = loadBuiltinCatalog();
  const csvText = readFileSync(csvPath, 'utf8');
  const { issues, scenarios, skipped } = parseRuns(csvText, catalog);
  if (issues.length > 0) throw new Error(`${csvPath}: ${issues.map((i) => i.message).join('; ')}`);
  const familyOf = (s: RunScenario) => {
    const hw = resolveHardware(catalog, s.hardwareId);
    return hw.ok ? hw.value.family : 'unknown';
  };
  const byFamily = new Map<string, RunScenario[]>();
  for (const s of scenarios) byFamily.set(familyOf(s), [...(byFamily.get(familyOf(s)) ?? []), s]);
  const families = [...byFamily.keys()].sort();

  // Global overlap: the value with the lowest total loss once every family is fitted under it.
  let bestOverlap = OVERLAPS[0]!;
  let bestTotal = Number.POSITIVE_INFINITY;
  let fits = new Map<string, FamilyParams>();
  for (const overlap of OVERLAPS) {
    const current = new Map<string, FamilyParams>();
    let total = 0;
    for (const f of families) {
      const rows = byFamily.get(f)!;
      const r = fitFamily(rows, catalog, overlap);
      current.set(f, r.params);
      total += r.loss * rows.length;
    }
    console.log(`overlap ${overlap}: mean |log error| ${(total / scenarios.length).toFixed(4)}`);
    if (total < bestTotal) {
      bestTotal = total;
      bestOverlap = overlap;
      fits = current;
    }
  }

  const familyBlocks: string[] = [];
  console.log(`\nepOverlap = ${bestOverlap}`);
  for (const f of families) {
    const rows = byFamily.get(f)!;
    const params = fits.get(f)!;
    const eff = { ...params, epOverlap: bestOverlap };
    const errors = rows.map((s) => ((predictRun(s, catalog, eff).predicted - s.measured) / s.measured) * 100);
    const stats = errorStats(f, errors);
    // Leave-one-out: refit the family without each row, predict that row.
    const looErrors = rows.map((s, i) => {
      const others = rows.filter((_, j) => j !== i);
      const p = others.length > 0 ? fitFamily(others, catalog, bestOverlap).params : params;
      return (
        ((predictRun(s, catalog, { ...p, epOverlap: bestOverlap }).predicted - s.measured) / s.measured) * 100
      );
    });
    const looMedian = median(looErrors.map(Math.abs));
    console.log(
      `${f}: ${JSON.stringify(params)} rows ${rows.length} median |err| ${stats.medianAbsErrorPct.toFixed(1)}% max ${stats.maxAbsErrorPct.toFixed(1)}% leave-one-out median ${looMedian.toFixed(1)}%`,
    );
    rows.forEach((s, i) => {
      console.log(
        `  ${s.runId.padEnd(48)} ${s.phase.padEnd(7)} measured ${s.measured.toFixed(0).padStart(6)} error ${errors[i]!.toFixed(1).padStart(6)}% (leave-one-out ${looErrors[i]!.toFixed(1)}%)`,
      );
    });
    familyBlocks.push(
      `    '${f}': {\n` +
        `      efficiency: { prefillCompute: ${round(params.prefillCompute)}, decodeCompute: ${round(params.decodeCompute)}, hbm: ${round(params.hbm)}, epOverlap: ${bestOverlap} },\n` +
        `      medianAbsErrorPct: ${round(stats.medianAbsErrorPct, 1)},\n` +
        `      maxAbsErrorPct: ${round(stats.maxAbsErrorPct, 1)},\n` +
        `      leaveOneOutMedianAbsErrorPct: ${round(looMedian, 1)},\n` +
        `      rows: ${rows.length},\n` +
        `      runIds: [\n${rows.map((s) => `        '${s.runId}',\n`).join('')}      ],\n` +
        `    },`,
    );
  }
  const med = (key: keyof FamilyParams) => round(median(families.map((f) => fits.get(f)![key])));
  console.log(`\nskipped ${skipped.length} rows:`);
  for (const s of skipped) console.log(`  ${s.runId}: ${s.reason}`);

  const text = `/**
 * Serving efficiencies per hardware family, fitted by \`npx tsx scripts/fit-inference.ts\` on
 * ${csvPath.replace(/^.*\/shared\//, '../shared/')} (see docs/INFERENCE.md section 7). GENERATED: edit the
 * script, not this file. Families without published serving runs use the default and a wide band.
 */
import type { ServingEfficiency } from './types';

export interface FamilyCalibration {
  readonly efficiency: ServingEfficiency;
  readonly medianAbsErrorPct: number;
  readonly maxAbsErrorPct: number;
  /** Median error when each row is predicted by parameters fitted without it. */
  readonly leaveOneOutMedianAbsErrorPct: number;
  readonly rows: number;
  readonly runIds: readonly string[];
}

export interface InferenceCalibration {
  readonly source: string;
  readonly fittedRows: number;
  readonly families: Readonly<Record<string, FamilyCalibration>>;
  /** For families with no serving runs: the median of the fitted families' parameters. */
  readonly defaultEfficiency: ServingEfficiency;
  /** Error band quoted for uncalibrated families, percent. */
  readonly defaultErrorPct: number;
}

export const INFERENCE_CALIBRATION: InferenceCalibration = {
  source: 'inference_runs.csv (${scenarios.length} modelled rows, ${skipped.length} skipped)',
  fittedRows: ${scenarios.length},
  families: {
${familyBlocks.join('\n')}
  },
  defaultEfficiency: { prefillCompute: ${med('prefillCompute')}, decodeCompute: ${med('decodeCompute')}, hbm: ${med('hbm')}, epOverlap: ${bestOverlap} },
  defaultErrorPct: 50,
};
`;
  if (checkOnly) console.log('\n--check: calibration.ts not written');
  else {
    writeFileSync(new URL('../src/core/infer/calibration.ts', import.meta.url), text);
    console.log('\nwrote src/core/infer/calibration.ts');
  }
}

main();
