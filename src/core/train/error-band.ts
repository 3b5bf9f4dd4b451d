/**
 * Error bands: every prediction carries the spread of its hardware family's validation residuals.
 * The fit script stores, per family, the median and 90th-percentile absolute relative error of
 * tokens/s; a family without published runs gets the widest calibrated band x 1.5 (at least 35%).
 */
import type { EfficiencyProfile } from './calibration';
import { FITTED_PROFILES } from './calibration-fitted';

export interface ErrorBand {
  /** Relative half-width used for the band (the family's p90 absolute error). */
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
    relative = profile.p90AbsError;
    basis = `p90 absolute error of ${profile.fitRows} published ${profile.family} runs`;
  } else {
    let widest = 0;
    for (const fitted of Object.values(FITTED_PROFILES))
      if (fitted.fitRows > 0) widest = Math.max(widest, fitted.p90AbsError);
    relative = Math.max(MIN_UNCALIBRATED_BAND, widest * 1.5);
    basis = `no published runs for ${profile.family}: 1.5x the widest calibrated family band`;
  }
  return {
    relative,
    low: tokensPerSecondPerDevice * (1 - relative),
    high: tokensPerSecondPerDevice * (1 + relative),
    basis,
  };
}
