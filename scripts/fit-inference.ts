/**
 * Fits the serving model on published serving runs, cross-validates it leaving one source out at a
 * time, and writes src/core/infer/calibration.ts. Re-run after changing the model or the CSV:
 *
 *   npx tsx scripts/fit-inference.ts [runs.csv] [--check] [--judge test/fixtures/infer-judge.csv]
 *
 * The fit (src/core/infer/fit.ts): two global kernel scales, per-family multipliers partially pooled by
 * the number of sources behind them. `--check` fits and prints without writing. `--judge FILE` also
 * predicts a second runs file that the fit never sees (published runs kept out of calibration) and
 * reports its error per source, family and engine; a judge row whose source is also a calibration
 * source is predicted by the fit that left that source out, so no judge figure uses its own source.
 * Then `npx biome check --write src/core/infer/calibration.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Catalog } from '../src/core/catalog/catalog';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { resolveHardware } from '../src/core/hardware/profile';
import { median, parseRuns, predictRun } from '../src/core/infer/accuracy';
import { priorForChip } from '../src/core/infer/calibration-lookup';
import {
  type CrossValidation,
  crossValidate,
  efficiencyOf,
  type FitParams,
  familyOf,
  percentile,
} from '../src/core/infer/fit';
import type { RunScenario } from '../src/core/infer/runs';
import { modelFromHfConfig } from '../src/core/model/hf-config';
import type { ModelSpec } from '../src/core/model/schema';

const args = process.argv.slice(2);
const flagValue = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const judgePath = flagValue('--judge');
const csvPath =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--judge') ??
  '../shared/validation/inference_runs.csv';
const checkOnly = args.includes('--check');

const r1 = (x: number) => x.toFixed(1);
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const pct = (x: number) => `${x >= 0 ? '+' : ''}${r1(x)}%`;

/** Hugging Face configs next to a judge file (models/*.json), keyed by lower-case file stem. */
function fixtureModels(dir: string): Map<string, ModelSpec> {
  const out = new Map<string, ModelSpec>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return out;
  }
  for (const n of names) {
    const stem = basename(n, '.json');
    const m = modelFromHfConfig(JSON.parse(readFileSync(join(dir, n), 'utf8')), stem);
    if (!m.ok) throw new Error(`${n}: ${m.issues.map((i) => i.message).join('; ')}`);
    out.set(stem.toLowerCase(), m.value);
  }
  return out;
}

function printCalibration(cv: CrossValidation): void {
  console.log(
    'row                                            family             source error  leave-source-out',
  );
  for (const r of cv.rows) {
    console.log(
      `${r.runId.padEnd(46)} ${r.family.padEnd(18)} ${pct(r.errorPct).padStart(8)} ${pct(r.crossValidatedErrorPct).padStart(9)}`,
    );
  }
  console.log('\nfamily              rows sources  in-sample median  leave-one-source-out median  p90');
  for (const f of cv.families) {
    console.log(
      `${f.family.padEnd(18)} ${String(f.rows).padStart(5)} ${String(f.sources).padStart(7)} ${`${r1(f.medianAbsErrorPct)}%`.padStart(17)} ${`${r1(f.crossValidatedMedianAbsErrorPct)}%`.padStart(28)} ${`${r1(f.crossValidatedP90AbsErrorPct)}%`.padStart(6)}`,
    );
  }
  const o = cv.overall;
  console.log(
    `${'all'.padEnd(18)} ${String(o.rows).padStart(5)} ${String(o.sources).padStart(7)} ${`${r1(o.medianAbsErrorPct)}%`.padStart(17)} ${`${r1(o.crossValidatedMedianAbsErrorPct)}%`.padStart(28)} ${`${r1(o.crossValidatedP90AbsErrorPct)}%`.padStart(6)}`,
  );
  console.log(`\nfitted: ${JSON.stringify(roundParams(cv.params))}`);
  for (const f of cv.folds) console.log(`  without ${f.source}: ${JSON.stringify(roundParams(f.params))}`);
}

function roundParams(p: FitParams): FitParams {
  return {
    computeScale: round(p.computeScale),
    bandwidthScale: round(p.bandwidthScale),
    families: Object.fromEntries(
      Object.entries(p.families).map(([f, m]) => [
        f,
        { compute: round(m.compute), bandwidth: round(m.bandwidth) },
      ]),
    ),
  };
}

interface JudgeRow {
  readonly runId: string;
  readonly source: string;
  readonly family: string;
  readonly engine: string;
  readonly measured: number;
  readonly predicted: number;
  readonly errorPct: number;
  /** 'full fit' or 'fit without this source'. */
  readonly basis: string;
}

/**
 * Median, over the fitted rows whose chip the catalog has a measurement for, of that chip's measured best-shape matmul
 * fraction (row-weighted: the globals are fitted on rows, not chips). Only families without rows use it, so leaving a
 * source out of the cross-validation does not change what it predicts.
 */
function referenceMatmulFraction(catalog: Catalog, scenarios: readonly RunScenario[]): number | null {
  const fractions = scenarios
    .map((s) => resolveHardware(catalog, s.hardwareId))
    .map((h) => (h.ok ? h.value.achievedMatmulFraction : null))
    .filter((f): f is number => f !== null);
  return fractions.length > 0 ? median(fractions) : null;
}

function judge(
  catalog: Catalog,
  cv: CrossValidation,
  scenarios: readonly RunScenario[],
  reference: number | null,
): JudgeRow[] {
  const folds = new Map(cv.folds.map((f) => [f.source, f.params]));
  return scenarios.map((s) => {
    const fold = folds.get(s.source);
    const params = fold ?? cv.params;
    const family = familyOf(catalog, s);
    const hw = resolveHardware(catalog, s.hardwareId);
    // a family with no row in the calibration file is predicted as a chip without serving runs, by the same rule
    // as at run time (calibration-lookup.ts: isCalibrated = the family is written into calibration.ts)
    const calibrated = cv.families.some((f) => f.family === family);
    const efficiency =
      !calibrated && hw.ok
        ? priorForChip(hw.value.achievedMatmulFraction, efficiencyOf(params, family), reference)
        : efficiencyOf(params, family);
    const p = predictRun(s, catalog, efficiency);
    return {
      runId: s.runId,
      source: s.source,
      family,
      engine: p.engine,
      measured: s.measured,
      predicted: p.predicted,
      errorPct: ((p.predicted - s.measured) / s.measured) * 100,
      basis: fold ? 'fit without this source' : 'full fit',
    };
  });
}

function printJudge(rows: readonly JudgeRow[]): void {
  console.log(`\njudge rows (never fitted): ${rows.length}`);
  for (const r of rows) {
    console.log(
      `  ${r.runId.padEnd(52)} ${r.engine.padEnd(11)} measured ${r.measured.toFixed(0).padStart(7)} predicted ${r.predicted.toFixed(0).padStart(7)} ${pct(r.errorPct).padStart(8)}  (${r.basis})`,
    );
  }
  const group = (key: (r: JudgeRow) => string, title: string) => {
    console.log(`\njudge by ${title}: rows, median |error|, p90 |error|`);
    const keys = [...new Set(rows.map(key))].sort();
    const medians: number[] = [];
    for (const k of keys) {
      const abs = rows.filter((r) => key(r) === k).map((r) => Math.abs(r.errorPct));
      medians.push(median(abs));
      console.log(
        `  ${k.padEnd(100)} ${String(abs.length).padStart(4)} ${`${r1(median(abs))}%`.padStart(7)} ${`${r1(percentile(abs, 0.9))}%`.padStart(7)}`,
      );
    }
    return medians;
  };
  const sourceMedians = group((r) => r.source, 'source');
  group((r) => r.family, 'family');
  group((r) => r.engine, 'engine');
  const abs = rows.map((r) => Math.abs(r.errorPct));
  console.log(
    `\njudge overall: median |error| ${r1(median(abs))}% over ${rows.length} rows; median of the ${sourceMedians.length} source medians ${r1(median(sourceMedians))}%`,
  );
}

function calibrationFile(
  cv: CrossValidation,
  source: string,
  skipped: number,
  reference: number | null,
): string {
  const worstFamily = Math.max(...cv.families.map((f) => f.crossValidatedMedianAbsErrorPct));
  const families = cv.families.map((f) => {
    const eff = efficiencyOf(cv.params, f.family);
    const runIds = cv.rows.filter((r) => r.family === f.family).map((r) => `        '${r.runId}',\n`);
    return (
      `    '${f.family}': {\n` +
      `      efficiency: { computeScale: ${round(eff.computeScale)}, bandwidthScale: ${round(eff.bandwidthScale)} },\n` +
      `      scalesFitted: ${f.scalesFitted},\n` +
      `      rows: ${f.rows},\n` +
      `      sources: ${f.sources},\n` +
      `      runIds: [\n${runIds.join('')}      ],\n` +
      `      medianAbsErrorPct: ${round(f.medianAbsErrorPct, 1)},\n` +
      `      maxAbsErrorPct: ${round(f.maxAbsErrorPct, 1)},\n` +
      `      leaveOneOutMedianAbsErrorPct: ${round(f.crossValidatedMedianAbsErrorPct, 1)},\n` +
      `      leaveOneOutP90AbsErrorPct: ${round(f.crossValidatedP90AbsErrorPct, 1)},\n` +
      '    },'
    );
  });
  const o = cv.overall;
  return `/**
 * Serving calibration, GENERATED by \`npx tsx scripts/fit-inference.ts\` from ${source}
 * (docs/INFERENCE.md section 8): edit the script or the model, not this file. Error figures per family
 * are leave-one-source-out: each source's rows predicted by a fit on all the other sources.
 */
import type { InferenceCalibration } from './calibration-types';

export const INFERENCE_CALIBRATION: InferenceCalibration = {
  source: '${source} (${o.rows} modelled rows, ${skipped} skipped)',
  fittedRows: ${o.rows},
  sources: ${o.sources},
  globals: { computeScale: ${round(cv.params.computeScale)}, bandwidthScale: ${round(cv.params.bandwidthScale)} },
  families: {
${families.join('\n')}
  },
  overall: {
    rows: ${o.rows},
    medianAbsErrorPct: ${round(o.medianAbsErrorPct, 1)},
    leaveOneOutMedianAbsErrorPct: ${round(o.crossValidatedMedianAbsErrorPct, 1)},
    leaveOneOutP90AbsErrorPct: ${round(o.crossValidatedP90AbsErrorPct, 1)},
  },
  uncalibratedBandPct: ${round(1.5 * worstFamily, 0)},
  referenceAchievedMatmulFraction: ${reference === null ? 'null' : round(reference)},
};
`;
}

function main(): void {
  const catalog = loadBuiltinCatalog();
  const { issues, scenarios, skipped } = parseRuns(readFileSync(csvPath, 'utf8'), catalog);
  if (issues.length > 0) throw new Error(`${csvPath}: ${issues.map((i) => i.message).join('; ')}`);
  const cv = crossValidate(catalog, scenarios);
  const reference = referenceMatmulFraction(catalog, scenarios);
  printCalibration(cv);
  console.log(`\nskipped ${skipped.length} rows:`);
  for (const s of skipped) console.log(`  ${s.runId}: ${s.reason}`);

  if (judgePath) {
    const models = fixtureModels(join(judgePath, '..', 'infer', 'models'));
    const j = parseRuns(readFileSync(judgePath, 'utf8'), catalog, models);
    if (j.issues.length > 0) throw new Error(`${judgePath}: ${j.issues.map((i) => i.message).join('; ')}`);
    const overlap = j.scenarios.filter((s) => scenarios.some((c) => c.runId === s.runId));
    if (overlap.length > 0)
      throw new Error(`judge rows also in the calibration file: ${overlap.map((s) => s.runId).join(', ')}`);
    printJudge(judge(catalog, cv, j.scenarios, reference));
    if (j.skipped.length > 0) {
      console.log(`judge rows skipped: ${j.skipped.length}`);
      for (const s of j.skipped) console.log(`  ${s.runId}: ${s.reason}`);
    }
  }

  const source = csvPath.replace(/^.*\/shared\//, '../shared/');
  if (checkOnly) console.log('\n--check: calibration.ts not written');
  else {
    writeFileSync(
      new URL('../src/core/infer/calibration.ts', import.meta.url),
      calibrationFile(cv, source, skipped.length, reference),
    );
    console.log('\nwrote src/core/infer/calibration.ts');
  }
}

main();
