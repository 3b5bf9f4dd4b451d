/**
 * Error bands: every prediction carries the spread of its hardware family's validation residuals.
 * The fit script stores, per family, the median and 90th-percentile absolute relative error of tokens/s, and
 * with --cv the cross-validated p90 (the larger of the two is used); a family without published runs gets the
 * median calibrated family band x 1.5 (at least 35%).
 */
import type { EfficiencyProfile } from './calibration';
import { FITTED_PROFILES } from './calibration-fitted';

export interface ErrorBand {
  /** The family's p90 absolute relative error of predictions; `low`/`high` bound the measured tokens/s with it. */
  readonly relative: number;
  readonly low: number;
  readonly high: number;
  /** What the band is based on, for people. */
  readonly basis: string;
}

const MIN_UNCALIBRATED_BAND = 0.35;

export function errorBandFor(profile: EfficiencyProfile, tokensPerSecondPerDevice: number): ErrorBand {
  let relative: number;
  let basis: string;
  if (profile.calibrated && profile.fitRows > 0) {
    // the cross-validated p90 (each run predicted by a fit that did not see it) when the fit computed it
    relative = Math.max(profile.p90AbsError, profile.cvP90AbsError);
    basis =
      profile.cvP90AbsError > 0
        ? `cross-validated p90 absolute error on ${profile.family} runs (${profile.fitRows} published runs)`
        : `p90 absolute error of ${profile.fitRows} published ${profile.family} runs`;
  } else {
    const bands = Object.values(FITTED_PROFILES)
      .filter((f) => f.fitRows > 0)
      .map((f) => Math.max(f.p90AbsError, f.cvP90AbsError))
      .sort((a, b) => a - b);
    const typical = bands.length ? bands[Math.floor(bands.length / 2)]! : MIN_UNCALIBRATED_BAND;
    relative = Math.max(MIN_UNCALIBRATED_BAND, typical * 1.5);
    basis = `no published runs for ${profile.family}: 1.5x the median calibrated family band`;
  }
  // |predicted/measured - 1| <= r  <=>  measured in [predicted/(1+r), predicted/(1-r)] (the upper end capped at
  // 10x when r approaches 1).
  return {
    relative,
    low: tokensPerSecondPerDevice / (1 + relative),
    high: tokensPerSecondPerDevice / Math.max(1 - relative, 0.1),
    basis,
  };
}
