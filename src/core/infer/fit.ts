/**
 * Calibration of the serving model on published runs, and its leave-one-source-out cross-validation.
 * Pure: the caller parses the runs and writes the result (scripts/fit-inference.ts).
 *
 * Fitted (docs/INFERENCE.md section 8): two global kernel scales (compute, bandwidth: what a serving
 * system realises of the kernel priors in kernels.ts), shared by all families; then, for each family
 * with enough rows, a multiplier on each, partially pooled toward 1 by the number of sources behind
 * it. Loss: mean |log(predicted / measured)| over rows (scale-free, robust), minimised by exhaustive
 * search on log grids. Nothing is fitted per row or per source.
 */
import type { Catalog } from '../catalog/catalog';
import { resolveHardware } from '../hardware/profile';
import { median, predictRun } from './accuracy';
import type { RunScenario } from './runs';
import type { ServingEfficiency } from './types';

/** A family gets its own multipliers from at least this many rows (two per multiplier)... */
export const MIN_ROWS_FOR_FAMILY = 4;

export interface FitParams {
  readonly computeScale: number;
  readonly bandwidthScale: number;
  /** Multipliers on the global scales, for the families that earned them. */
  readonly families: Readonly<Record<string, { readonly compute: number; readonly bandwidth: number }>>;
}

interface Range {
  readonly lo: number;
  readonly hi: number;
}

/** Global scales, searched on a log grid (fraction of the kernel priors). */
const COMPUTE_RANGE: Range = { lo: 0.2, hi: 1.5 };
const BANDWIDTH_RANGE: Range = { lo: 0.3, hi: 1.5 };
/** Family multipliers on the global scales. */
const FAMILY_RANGE: Range = { lo: 0.4, hi: 2.5 };
/** Points per axis of the coarse grid, and of the refinement around its best point. */
const GRID_STEPS = 31;
const REFINE_STEPS = 11;

export function efficiencyOf(params: FitParams, family: string): ServingEfficiency {
  const f = params.families[family];
  return {
    computeScale: params.computeScale * (f?.compute ?? 1),
    bandwidthScale: params.bandwidthScale * (f?.bandwidth ?? 1),
  };
}

export function familyOf(catalog: Catalog, s: RunScenario): string {
  const hw = resolveHardware(catalog, s.hardwareId);
  return hw.ok ? hw.value.family : 'unknown';
}

/** (predicted - measured) / measured, percent. */
export function rowErrorPct(catalog: Catalog, s: RunScenario, params: FitParams): number {
  const p = predictRun(s, catalog, efficiencyOf(params, familyOf(catalog, s))).predicted;
  return ((p - s.measured) / s.measured) * 100;
}

/** Mean |log(predicted / measured)| over rows. */
function loss(catalog: Catalog, rows: readonly RunScenario[], params: FitParams): number {
  const perSource = new Map<string, { sum: number; n: number }>();
  for (const s of rows) {
    const p = predictRun(s, catalog, efficiencyOf(params, familyOf(catalog, s))).predicted;
    const acc = perSource.get(s.source) ?? { sum: 0, n: 0 };
    acc.sum += Math.abs(Math.log(p / s.measured));
    acc.n += 1;
    perSource.set(s.source, acc);
  }
  let total = 0;
  for (const { sum } of perSource.values()) total += sum;
  return total / rows.length;
}

function logGrid(lo: number, hi: number, steps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(lo * (hi / lo) ** (i / (steps - 1)));
  return out;
}

/**
 * Minimum of `f` over a 2-D log grid, then over a finer grid one coarse step around the best point.
 * Exhaustive, so the result does not depend on a starting point (the loss has steps where a batch
 * limit changes by one sequence).
 */
function gridSearch2d(range: Range, f: (a: number, b: number) => number): [number, number] {
  let best: [number, number] = [1, 1];
  let bestLoss = Number.POSITIVE_INFINITY;
  const scan = (as: number[], bs: number[]) => {
    for (const a of as) {
      for (const b of bs) {
        const l = f(a, b);
        if (l < bestLoss - 1e-12) {
          bestLoss = l;
          best = [a, b];
        }
      }
    }
  };
  const coarse = logGrid(range.lo, range.hi, GRID_STEPS);
  scan(coarse, coarse);
  const ratio = (range.hi / range.lo) ** (1 / (GRID_STEPS - 1));
  const around = (x: number) => logGrid(x / ratio, x * ratio, REFINE_STEPS);
  scan(around(best[0]), around(best[1]));
  return best;
}

/**
 * ...and keeps n / (n + 1) of its fitted log-multiplier when they come from n sources (partial pooling
 * toward the global scales, a prior worth one source: one source cannot separate its hardware from its
 * engine and its way of measuring, so a single-source family moves only halfway).
 */
export function poolingWeight(sources: number): number {
  return sources / (sources + 1);
}

/** Families whose rows in `rows` are enough to fit their own multipliers. */
export function fittableFamilies(catalog: Catalog, rows: readonly RunScenario[]): string[] {
  const byFamily = new Map<string, RunScenario[]>();
  for (const s of rows) {
    const f = familyOf(catalog, s);
    byFamily.set(f, [...(byFamily.get(f) ?? []), s]);
  }
  return [...byFamily.entries()]
    .filter(([, r]) => r.length >= MIN_ROWS_FOR_FAMILY)
    .map(([f]) => f)
    .sort();
}

/**
 * Fits the parameters on `rows` in two stages: the global scales on every row (what a family without
 * enough runs of its own gets), then each fittable family's multipliers on that family's rows with the
 * global scales held.
 */
export function fitServing(catalog: Catalog, rows: readonly RunScenario[]): FitParams {
  const withScales = (computeScale: number, bandwidthScale: number): FitParams => ({
    computeScale,
    bandwidthScale,
    families: {},
  });
  const [computeScale, bandwidthScale] = gridSearch2d(
    {
      lo: Math.min(COMPUTE_RANGE.lo, BANDWIDTH_RANGE.lo),
      hi: Math.max(COMPUTE_RANGE.hi, BANDWIDTH_RANGE.hi),
    },
    (c, b) => loss(catalog, rows, withScales(c, b)),
  );
  const families: Record<string, { compute: number; bandwidth: number }> = {};
  for (const family of fittableFamilies(catalog, rows)) {
    const own = rows.filter((s) => familyOf(catalog, s) === family);
    const [compute, bandwidth] = gridSearch2d(FAMILY_RANGE, (c, b) =>
      loss(catalog, own, {
        computeScale,
        bandwidthScale,
        families: { [family]: { compute: c, bandwidth: b } },
      }),
    );
    const w = poolingWeight(new Set(own.map((r) => r.source)).size);
    families[family] = { compute: compute ** w, bandwidth: bandwidth ** w };
  }
  return { computeScale, bandwidthScale, families };
}

export interface RowResult {
  readonly runId: string;
  readonly family: string;
  readonly source: string;
  readonly measured: number;
  /** In-sample error, percent. */
  readonly errorPct: number;
  /** Error when the row's source was left out of the fit, percent. */
  readonly crossValidatedErrorPct: number;
}

export interface FamilySummary {
  readonly family: string;
  readonly rows: number;
  readonly sources: number;
  readonly scalesFitted: boolean;
  readonly medianAbsErrorPct: number;
  readonly maxAbsErrorPct: number;
  readonly crossValidatedMedianAbsErrorPct: number;
  readonly crossValidatedP90AbsErrorPct: number;
}

export interface CrossValidation {
  readonly params: FitParams;
  readonly rows: RowResult[];
  readonly families: FamilySummary[];
  readonly overall: {
    readonly rows: number;
    readonly sources: number;
    readonly medianAbsErrorPct: number;
    readonly crossValidatedMedianAbsErrorPct: number;
    readonly crossValidatedP90AbsErrorPct: number;
  };
  /** The parameters each left-out source was predicted with. */
  readonly folds: { readonly source: string; readonly params: FitParams }[];
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * The full fit and its leave-one-source-out cross-validation: for every source, fit on the rows of all
 * other sources and predict the left-out source's rows.
 */
export function crossValidate(catalog: Catalog, rows: readonly RunScenario[]): CrossValidation {
  const params = fitServing(catalog, rows);
  const sources = [...new Set(rows.map((s) => s.source))].sort();
  const cv = new Map<string, number>();
  const folds: CrossValidation['folds'] = [];
  for (const source of sources) {
    const train = rows.filter((s) => s.source !== source);
    const foldParams = fitServing(catalog, train);
    folds.push({ source, params: foldParams });
    for (const s of rows.filter((r) => r.source === source)) {
      cv.set(s.runId, rowErrorPct(catalog, s, foldParams));
    }
  }
  const results: RowResult[] = rows.map((s) => ({
    runId: s.runId,
    family: familyOf(catalog, s),
    source: s.source,
    measured: s.measured,
    errorPct: rowErrorPct(catalog, s, params),
    crossValidatedErrorPct: cv.get(s.runId) ?? Number.NaN,
  }));
  const familyNames = [...new Set(results.map((r) => r.family))].sort();
  const families = familyNames.map((family): FamilySummary => {
    const r = results.filter((x) => x.family === family);
    const abs = r.map((x) => Math.abs(x.errorPct));
    const cvAbs = r.map((x) => Math.abs(x.crossValidatedErrorPct));
    return {
      family,
      rows: r.length,
      sources: new Set(r.map((x) => x.source)).size,
      scalesFitted: params.families[family] !== undefined,
      medianAbsErrorPct: median(abs),
      maxAbsErrorPct: Math.max(...abs),
      crossValidatedMedianAbsErrorPct: median(cvAbs),
      crossValidatedP90AbsErrorPct: percentile(cvAbs, 0.9),
    };
  });
  const cvAll = results.map((x) => Math.abs(x.crossValidatedErrorPct));
  return {
    params,
    rows: results,
    families,
    overall: {
      rows: results.length,
      sources: sources.length,
      medianAbsErrorPct: median(results.map((x) => Math.abs(x.errorPct))),
      crossValidatedMedianAbsErrorPct: median(cvAll),
      crossValidatedP90AbsErrorPct: percentile(cvAll, 0.9),
    },
    folds,
  };
}
