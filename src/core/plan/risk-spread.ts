/**
 * How far a catalog number may be from the truth, by its confidence grade: the p90 relative spread
 * (90% of true values within +-spread of the catalog value). One table for every spec (peak FLOP/s,
 * price, power); the reasons per grade are in docs/PLANNER.md, "Plans with a stated risk".
 *
 * Anchors (bench/risk-spreads.ts re-measures them on the built-in catalog): among specs that carry a
 * disputed alternative, the alternative differs from the catalog value by a median of 10% for official
 * values (boost vs sustained clocks, dies counted differently), 16% for derived, 17% for analysis (prices:
 * 8-54% between named analysts and tenders) and 17% (with outliers up to 200%) for rumour. Most official
 * specs have no dispute at all (24 of 251 do), so their spread over all specs is far below the disputed median.
 */
import type { Confidence } from '../catalog/schema';

export const SPREAD_BY_CONFIDENCE: Readonly<Record<Confidence, number>> = {
  /** Vendor datasheets: rounding, boost vs sustained clocks; most have no dispute. */
  official: 0.05,
  /** Computed from official numbers by a stated formula (per die x dies, per system / chips): the formula's assumption. */
  derived: 0.15,
  /** Named analysts, teardowns, tenders: their disagreement (median 17%) with a tail. */
  analysis: 0.25,
  /** Leaks and press reports: disputed values differ by 17% at the median and by 2x at worst. */
  rumour: 0.4,
};

/** The z of a two-sided 90% interval: |z| <= 1.645 in 90% of draws. */
export const Z_P90_TWO_SIDED = 1.6448536269514722;

/**
 * The log-normal sigma whose two-sided 90% interval is [1/(1+r), 1+r]: the spread r read as a ratio, so
 * that a factor and its inverse are equally likely (a price 25% high is as likely as one 20% low).
 */
export function sigmaForSpread(relative: number): number {
  return relative > 0 ? Math.log(1 + relative) / Z_P90_TWO_SIDED : 0;
}
