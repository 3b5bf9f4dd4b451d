/** Shapes of the generated serving calibration (calibration.ts); see scripts/fit-inference.ts. */
import type { ServingEfficiency } from './types';

export interface FamilyCalibration {
  /** Fitted scales (or 1 where the family has too few rows) and the globals. */
  readonly efficiency: ServingEfficiency;
  /** True when the family's own scales were fitted; false = priors with the global parameters. */
  readonly scalesFitted: boolean;
  readonly rows: number;
  readonly sources: number;
  readonly runIds: readonly string[];
  /** In-sample: every row predicted by the fit that saw it, percent. */
  readonly medianAbsErrorPct: number;
  readonly maxAbsErrorPct: number;
  /** Each source's rows predicted by a fit on all other sources, percent. */
  readonly leaveOneOutMedianAbsErrorPct: number;
  readonly leaveOneOutP90AbsErrorPct: number;
}

export interface InferenceCalibration {
  readonly source: string;
  readonly fittedRows: number;
  /** Distinct published sources (URLs) behind the rows. */
  readonly sources: number;
  readonly globals: ServingEfficiency;
  readonly families: Readonly<Record<string, FamilyCalibration>>;
  readonly overall: {
    readonly rows: number;
    readonly medianAbsErrorPct: number;
    readonly leaveOneOutMedianAbsErrorPct: number;
    readonly leaveOneOutP90AbsErrorPct: number;
  };
  /**
   * Floor of the band for families without runs, percent: 1.5x the worst calibrated family's cross-validated median.
   * The band quoted is the larger of this and the worst family's cross-validated p90 (calibration-lookup.ts).
   */
  readonly uncalibratedBandPct: number;
  /**
   * Median, over the fitted rows, of their chip's measured best-shape matmul over peak (catalog
   * `bf16MatmulAchievedTflops`; rows without a measurement left out). A chip of a family without serving runs scales
   * the global compute efficiency by its own fraction over this one (`calibration-lookup.ts: priorForChip`), as the
   * training engine does for chips without runs.
   */
  readonly referenceAchievedMatmulFraction: number | null;
}
