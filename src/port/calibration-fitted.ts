/**
 * Fitted effort calibration of `chipmix port`. Written by `npx tsx scripts/port-backtest.ts --fit`
 * from src/port/validation/cases.json; never edit by hand (see docs/PORT.md, Validation).
 */
export interface PortCalibration {
  /** Baseline engineer-days of a 1,000-line product codebase. */
  readonly baselineDaysPerKloc: number;
  /** Baseline = baselineDaysPerKloc × KLOC^baselineExponent. */
  readonly baselineExponent: number;
  /** Multiplies the rule files' per-unit and once days of CUDA/C++ kernel units. */
  readonly kernelScale: number;
  /** Same for Triton kernel units. */
  readonly tritonScale: number;
  /** Multiplies the rule files' days of every other unit (APIs, dependencies, build files...). */
  readonly otherScale: number;
  /** Predicted range = point × [1/band, band]: the 80th percentile of leave-one-out |log error|. */
  readonly bandFactor: number;
  readonly provenance: string;
}

export const PORT_CALIBRATION: PortCalibration = {
  baselineDaysPerKloc: 1.6754,
  baselineExponent: 0.2,
  kernelScale: 0.828,
  tritonScale: 0.0929,
  otherScale: 0.1669,
  bandFactor: 3.8041,
  provenance:
    '28 ports in src/port/validation/cases.json, least squares in log space (fit.ts); band = p80 of leave-one-out |log error|',
};
