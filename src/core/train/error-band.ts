/**
 * Error bands: every prediction carries the spread of honest (held-out) residuals.
 * - A family with published runs: the larger of its in-sample and 5-fold cross-validated p90 absolute error.
 * - A family without runs, predicted through a stack prior fitted on that stack's other families: the
 *   leave-one-family-out p90 of that stack (each family predicted by a fit that never saw it).
 * - A family whose stack has no calibrated family (a sourced prior): the worst leave-one-family-out p90 of any
 *   family, since the family predicted from a sourced prior in that test is the only evidence of its accuracy.
 * Never below MIN_UNCALIBRATED_BAND for an uncalibrated family.
 */

import type { SoftwareStack } from '../catalog/schema';
import type { EfficiencyProfile } from './calibration';
import { stackPriorFor } from './calibration';
import { FITTED_PROFILES } from './calibration-fitted';

export interface ErrorBand {
  /** The p90 absolute relative error that applies; `low`/`high` bound the measured tokens/s with it. */
  readonly relative: number;
  readonly low: number;
  readonly high: number;
  /** What the band is based on, for people. */
  readonly basis: string;
}

const MIN_UNCALIBRATED_BAND = 0.35;

function bandOf(profile: EfficiencyProfile, stack: SoftwareStack): { relative: number; basis: string } {
  if (profile.calibrated && profile.fitRows > 0) {
    const relative = Math.max(profile.p90AbsError, profile.cvP90AbsError);
    return {
      relative,
      basis:
        profile.cvP90AbsError > 0
          ? `cross-validated p90 absolute error on ${profile.family} runs (${profile.fitRows} published runs)`
          : `p90 absolute error of ${profile.fitRows} published ${profile.family} runs`,
    };
  }
  const prior = stackPriorFor(stack);
  if (prior.lofoP90AbsError > 0) {
    return {
      relative: Math.max(MIN_UNCALIBRATED_BAND, prior.lofoP90AbsError),
      basis: `no published runs for ${profile.family}: leave-one-family-out p90 of the ${stack} prior`,
    };
  }
  const worst = Math.max(0, ...Object.values(FITTED_PROFILES).map((f) => f.lofoP90AbsError));
  return {
    relative: Math.max(MIN_UNCALIBRATED_BAND, worst),
    basis: `no published runs for ${profile.family} or its ${stack} stack: the worst leave-one-family-out p90`,
  };
}

export function errorBandFor(
  profile: EfficiencyProfile,
  stack: SoftwareStack,
  tokensPerSecondPerDevice: number,
): ErrorBand {
  const { relative, basis } = bandOf(profile, stack);
  // |predicted/measured - 1| <= r  <=>  measured in [predicted/(1+r), predicted/(1-r)] (the upper end capped at
  // 10x when r approaches 1).
  return {
    relative,
    low: tokensPerSecondPerDevice / (1 + relative),
    high: tokensPerSecondPerDevice / Math.max(1 - relative, 0.1),
    basis,
  };
}
