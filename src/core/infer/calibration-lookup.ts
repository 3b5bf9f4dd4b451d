/**
 * What an estimate takes from the generated calibration: the family's efficiencies and its error
 * band. The band is the leave-one-source-out error of the family's published runs (docs/INFERENCE.md
 * section 8); a family without runs gets the stand-in band and the priors.
 */
import { INFERENCE_CALIBRATION } from './calibration';
import type { ErrorBand, ServingEfficiency } from './types';

export function isCalibrated(family: string): boolean {
  return INFERENCE_CALIBRATION.families[family] !== undefined;
}

/** The fitted global parameters (no family multiplier). */
export function priorEfficiency(): ServingEfficiency {
  return { ...INFERENCE_CALIBRATION.globals };
}

export function efficiencyFor(family: string): ServingEfficiency {
  return INFERENCE_CALIBRATION.families[family]?.efficiency ?? priorEfficiency();
}

/**
 * Efficiencies of a chip whose family has no serving runs: the global ones, with the compute scale multiplied by
 * the chip's measured best-shape matmul fraction over that of the chips the globals were fitted on (MAMF: MI300X
 * 0.51 against H100's 0.80). A chip without that measurement keeps the globals. `base` defaults to the globals.
 */
export function priorForChip(
  achievedMatmulFraction: number | null,
  base: ServingEfficiency = priorEfficiency(),
  reference: number | null = INFERENCE_CALIBRATION.referenceAchievedMatmulFraction,
): ServingEfficiency {
  if (achievedMatmulFraction === null || reference === null || !(reference > 0)) return base;
  return { ...base, computeScale: (base.computeScale * achievedMatmulFraction) / reference };
}

/** A chip's efficiencies: its family's fit, else the globals adjusted to the chip (`priorForChip`). */
export function efficiencyForChip(family: string, achievedMatmulFraction: number | null): ServingEfficiency {
  return isCalibrated(family) ? efficiencyFor(family) : priorForChip(achievedMatmulFraction);
}

/** measured within [predicted / (1 + r), predicted / (1 - r)] <=> |predicted / measured - 1| <= r. */
function bounds(outputTokensPerSecond: number, pct: number): { low: number; high: number } {
  const r = pct / 100;
  return { low: outputTokensPerSecond / (1 + r), high: outputTokensPerSecond / Math.max(1 - r, 0.1) };
}

/** Fewer sources than this behind a family and its band is at least the all-families p90. */
export const MIN_SOURCES_FOR_OWN_BAND = 3;

export function errorBandFor(family: string, outputTokensPerSecondPerDevice = 0): ErrorBand {
  const fam = INFERENCE_CALIBRATION.families[family];
  const overallP90 = INFERENCE_CALIBRATION.overall.leaveOneOutP90AbsErrorPct;
  if (fam) {
    const bandPct =
      fam.sources < MIN_SOURCES_FOR_OWN_BAND
        ? Math.max(fam.leaveOneOutP90AbsErrorPct, overallP90)
        : fam.leaveOneOutP90AbsErrorPct;
    return {
      family,
      calibrated: true,
      basis: 'leave-one-source-out',
      basisText:
        `p90 of the leave-one-source-out errors of ${fam.rows} published ${family} runs from ${fam.sources} sources (each source predicted by a fit on the others; median ${fam.leaveOneOutMedianAbsErrorPct}%)` +
        (bandPct > fam.leaveOneOutP90AbsErrorPct
          ? `, widened to the all-families p90 (${overallP90}%): ${fam.sources} sources are too few to judge this family alone`
          : ''),
      medianAbsErrorPct: fam.medianAbsErrorPct,
      leaveOneOutMedianAbsErrorPct: fam.leaveOneOutMedianAbsErrorPct,
      leaveOneOutP90AbsErrorPct: fam.leaveOneOutP90AbsErrorPct,
      maxAbsErrorPct: fam.maxAbsErrorPct,
      rows: fam.rows,
      sources: fam.sources,
      bandPct,
      ...bounds(outputTokensPerSecondPerDevice, bandPct),
    };
  }
  // no runs of the family: the worst calibrated family's p90 (as training bands a chip without runs), at least the
  // generated stand-in (1.5x the worst cross-validated median)
  const pct = Math.max(
    INFERENCE_CALIBRATION.uncalibratedBandPct,
    ...Object.values(INFERENCE_CALIBRATION.families).map((f) => f.leaveOneOutP90AbsErrorPct),
  );
  return {
    family,
    calibrated: false,
    basis: 'uncalibrated-family',
    basisText: `no published serving runs for ${family}: the worst calibrated family's leave-one-source-out p90`,
    medianAbsErrorPct: pct,
    leaveOneOutMedianAbsErrorPct: pct,
    leaveOneOutP90AbsErrorPct: pct,
    maxAbsErrorPct: pct,
    rows: 0,
    sources: 0,
    bandPct: pct,
    ...bounds(outputTokensPerSecondPerDevice, pct),
  };
}
