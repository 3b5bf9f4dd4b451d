/**
 * Fitting the effort calibration on real ports, and leave-one-out validation (pure).
 *
 * Model (summary.ts): point(case) = β × KLOC^α × leftShare + kKernel × K + kTriton × T + kOther × O,
 * where K, T and O are the midpoints of the rule files' raw effort of the CUDA/C++ kernel units, the
 * Triton kernel units and every other unit left (per case, from the scanner on the commit before the
 * port). Fit: least squares of ln(point / observed) over the cases, plus a weak ridge term
 * λ·Σ(ln k)² that pulls the scales toward the rule numbers as written (1) when the data cannot tell
 * them apart.
 * Search: Hooke–Jeeves pattern search in log space from a fixed start (deterministic).
 *
 * Leave-one-out: each case is predicted by a fit on the other cases only, and its range is that
 * prediction × [1/b, b], b = exp(80th percentile of the training fold's |log residuals|, widened by
 * √(n/(n−p)) for the p fitted parameters). The committed band is the 80th percentile of the
 * leave-one-out |log errors| themselves.
 */
import type { PortCalibration } from '../calibration-fitted';

export interface FitInput {
  readonly id: string;
  /** Observed engineer-days (geometric mean of the observed range). */
  readonly observedDays: number;
  readonly observedRange: readonly [number, number];
  readonly productSourceLines: number;
  /** Midpoints of the raw effort left: CUDA/C++ kernel units, Triton kernel units, the rest. */
  readonly kernelMidDays: number;
  readonly tritonMidDays: number;
  readonly otherMidDays: number;
  readonly leftShare: number;
}

export type FitParams = Pick<
  PortCalibration,
  'baselineDaysPerKloc' | 'baselineExponent' | 'kernelScale' | 'tritonScale' | 'otherScale'
>;

export const RIDGE = 0.1;
const PARAMS = 5;
const ALPHA_RANGE: [number, number] = [0.2, 1.2];
const LOG_BOUND = Math.log(1000);

export function predictDays(
  c: Omit<FitInput, 'id' | 'observedDays' | 'observedRange'>,
  p: FitParams,
): number {
  const kloc = Math.max(c.productSourceLines, 1) / 1000;
  return (
    p.baselineDaysPerKloc * kloc ** p.baselineExponent * c.leftShare +
    p.kernelScale * c.kernelMidDays +
    p.tritonScale * c.tritonMidDays +
    p.otherScale * c.otherMidDays
  );
}

/** x = [ln β, α, ln kKernel, ln kTriton, ln kOther] */
const toParams = (x: readonly number[]): FitParams => ({
  baselineDaysPerKloc: Math.exp(x[0]!),
  baselineExponent: x[1]!,
  kernelScale: Math.exp(x[2]!),
  tritonScale: Math.exp(x[3]!),
  otherScale: Math.exp(x[4]!),
});

function loss(cases: readonly FitInput[], x: readonly number[]): number {
  const p = toParams(x);
  let sum = RIDGE * (x[2]! ** 2 + x[3]! ** 2 + x[4]! ** 2);
  for (const c of cases) {
    const r = Math.log(predictDays(c, p) / c.observedDays);
    sum += r * r;
  }
  return sum;
}

const clamp = (x: number[]): number[] =>
  x.map((v, i) =>
    i === 1
      ? Math.max(ALPHA_RANGE[0], Math.min(ALPHA_RANGE[1], v))
      : Math.max(-LOG_BOUND, Math.min(LOG_BOUND, v)),
  );

export function fitParams(cases: readonly FitInput[]): FitParams {
  let x = [0, 0.5, 0, 0, 0];
  let best = loss(cases, x);
  let step = 1;
  while (step > 1e-5) {
    let improved = false;
    for (let i = 0; i < PARAMS; i += 1) {
      for (const dir of [1, -1]) {
        const trial = [...x];
        trial[i] = trial[i]! + dir * step * (i === 1 ? 0.25 : 1);
        const candidate = clamp(trial);
        const value = loss(cases, candidate);
        if (value < best - 1e-12) {
          // pattern move: keep going that way while it helps
          let current = candidate;
          let currentValue = value;
          for (;;) {
            const further = clamp(current.map((v, k) => v + (v - x[k]!)));
            const fv = loss(cases, further);
            if (fv >= currentValue - 1e-12) break;
            x = current;
            current = further;
            currentValue = fv;
          }
          x = current;
          best = currentValue;
          improved = true;
        }
      }
    }
    if (!improved) step /= 2;
  }
  return toParams(x);
}

/** 80th percentile (linear interpolation). */
export function percentile80(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const at = 0.8 * (s.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** In-sample band of a fit: exp(p80 |log residual|), widened for the fitted parameters. */
export function bandOf(cases: readonly FitInput[], p: FitParams): number {
  const residuals = cases.map((c) => Math.abs(Math.log(predictDays(c, p) / c.observedDays)));
  const n = cases.length;
  const widen = n > PARAMS ? Math.sqrt(n / (n - PARAMS)) : 2;
  return Math.exp(percentile80(residuals) * widen);
}

export interface LooCase {
  readonly id: string;
  readonly observedDays: number;
  readonly observedRange: readonly [number, number];
  readonly predictedDays: number;
  readonly predictedRange: [number, number];
  /** predicted / observed − 1 */
  readonly error: number;
  readonly inside: boolean;
  readonly overlaps: boolean;
}

export interface Validation {
  readonly cases: readonly LooCase[];
  /** Median |predicted / observed − 1| of the leave-one-out points. */
  readonly medianAbsError: number;
  /** Median |ln(predicted / observed)|, as a factor: exp of it. */
  readonly medianErrorFactor: number;
  readonly inside: number;
  readonly overlaps: number;
  /** Fitted on every case (what the scanner uses), with the leave-one-out band. */
  readonly calibration: FitParams & { bandFactor: number };
}

export function validate(cases: readonly FitInput[]): Validation {
  const loo: LooCase[] = cases.map((c, i) => {
    const training = cases.filter((_, k) => k !== i);
    const p = fitParams(training);
    const band = bandOf(training, p);
    const point = predictDays(c, p);
    const range: [number, number] = [point / band, point * band];
    return {
      id: c.id,
      observedDays: c.observedDays,
      observedRange: c.observedRange,
      predictedDays: point,
      predictedRange: range,
      error: point / c.observedDays - 1,
      inside: c.observedDays >= range[0] && c.observedDays <= range[1],
      overlaps: c.observedRange[1] >= range[0] && c.observedRange[0] <= range[1],
    };
  });
  const all = fitParams(cases);
  const logErrors = loo.map((l) => Math.abs(Math.log(l.predictedDays / l.observedDays)));
  return {
    cases: loo,
    medianAbsError: median(loo.map((l) => Math.abs(l.error))),
    medianErrorFactor: Math.exp(median(logErrors)),
    inside: loo.filter((l) => l.inside).length,
    overlaps: loo.filter((l) => l.overlaps).length,
    calibration: { ...all, bandFactor: Math.exp(percentile80(logErrors)) },
  };
}
