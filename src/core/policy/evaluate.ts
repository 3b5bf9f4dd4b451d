/**
 * Rule applicability and evaluation (pure). Which rules bind which site on a date, and whether a set
 * of hardware lines passes one rule.
 */
import type { Catalog } from '../catalog/catalog';
import { say } from '../messages/say';
import type { Comparator, Metric, Rule } from './schema';
import { computeShares, deniedHardware, type HardwareLine } from './share';

/** The facts about a site that rules select on. */
export interface SiteFacts {
  readonly name: string;
  readonly region?: string | null | undefined;
  readonly stateFunded: boolean;
  /** Construction progress of the site's project, percent 0..100; null when unknown. */
  readonly projectCompletionPct?: number | null | undefined;
}

export type NotApplicableReason =
  | 'not-yet-effective'
  | 'expired'
  | 'not-state-funded'
  | 'site-not-listed'
  | 'region-not-listed'
  | 'grandfathered'
  /** No hardware counts in the rule's scope on the date: nothing to measure, no foreign chip to forbid. */
  | 'no-hardware';

export type Applicability =
  | { applies: true }
  | { applies: false; reason: NotApplicableReason; detail: string };

/** Whether `rule` is in force on `asOf` (YYYY-MM-DD): from inclusive, until exclusive. */
export function ruleInForce(rule: Rule, asOf: string): boolean {
  return rule.effectiveFrom <= asOf && (rule.effectiveUntil === undefined || asOf < rule.effectiveUntil);
}

/** Whether `rule` binds `site` on `asOf`, and if not, why. */
export function ruleApplicability(rule: Rule, site: SiteFacts, asOf: string): Applicability {
  if (rule.effectiveFrom > asOf) {
    return {
      applies: false,
      reason: 'not-yet-effective',
      detail: say('policy.from', { date: rule.effectiveFrom }),
    };
  }
  if (rule.effectiveUntil !== undefined && asOf >= rule.effectiveUntil) {
    return { applies: false, reason: 'expired', detail: say('policy.until', { date: rule.effectiveUntil }) };
  }
  const scope = rule.appliesTo;
  if (scope.stateFundedOnly && !site.stateFunded) {
    return { applies: false, reason: 'not-state-funded', detail: say('policy.state-funded-only') };
  }
  if (scope.sites && !scope.sites.includes(site.name)) {
    return {
      applies: false,
      reason: 'site-not-listed',
      detail: say('policy.sites-only', { sites: scope.sites.join(', ') }),
    };
  }
  if (scope.regions) {
    const region = site.region?.toLowerCase();
    if (region === undefined || !scope.regions.some((r) => r.toLowerCase() === region)) {
      return {
        applies: false,
        reason: 'region-not-listed',
        detail: say('policy.regions-only', { regions: scope.regions.join(', ') }),
      };
    }
  }
  const completion = site.projectCompletionPct;
  // A site of unknown completion is not exempt: the conservative reading of a grandfather clause.
  if (rule.grandfather && completion != null && completion >= rule.grandfather.projectCompletionAtLeast) {
    return {
      applies: false,
      reason: 'grandfathered',
      detail: say('policy.grandfathered', {
        completion,
        threshold: rule.grandfather.projectCompletionAtLeast,
      }),
    };
  }
  return { applies: true };
}

// Shares are ratios of floating sums: 0.3 x 10 is not exactly 3. A share within this of the
// threshold counts as equal to it.
const EPSILON = 1e-9;

/** `share <comparator> threshold`, with equality judged to within 1e-9. */
export function compareShare(share: number, comparator: Comparator, threshold: number): boolean {
  const equal = Math.abs(share - threshold) <= EPSILON;
  switch (comparator) {
    case '>':
      return share > threshold && !equal;
    case '>=':
      return share > threshold || equal;
    case '<':
      return share < threshold && !equal;
    case '<=':
      return share < threshold || equal;
  }
}

/**
 * A share as a percent for people, beside the threshold it is judged against: one decimal, or more when one decimal
 * would hide its side of the threshold (49.97% against 50% prints 49.97%, not 50.0%). A share equal to the threshold
 * (within 1e-9) prints as the threshold does.
 */
export function formatSharePercent(share: number | null, threshold?: number): string {
  if (share === null) return 'n/a';
  const side = (value: number) =>
    threshold === undefined || Math.abs(value - threshold) <= EPSILON ? 0 : Math.sign(value - threshold);
  const wanted = side(share);
  let digits = 1;
  while (digits < 6 && side(Number((share * 100).toFixed(digits)) / 100) !== wanted) digits += 1;
  return `${(share * 100).toFixed(digits)}%`;
}

/** One rule's verdict. `pass` is null when the share is unknown (a spec missing, or no hardware). */
export interface RuleOutcome {
  readonly id: string;
  readonly metric: Metric;
  readonly comparator: Comparator;
  readonly threshold: number;
  readonly pass: boolean | null;
  /** The domestic share the rule measured (under its own definition of domestic). */
  readonly share: number | null;
  /** Denied hardware present (a non-empty list fails the rule whatever the share). */
  readonly denied: string[];
  readonly warnings: string[];
}

/** Evaluates `rule` over `lines` (the hardware in its scope). */
export function evaluateRule(rule: Rule, lines: readonly HardwareLine[], catalog: Catalog): RuleOutcome {
  const result = computeShares(lines, catalog, rule.domestic);
  const share = result.shares[rule.metric];
  const denied = rule.deny ? deniedHardware(lines, catalog, rule.deny) : [];
  let pass: boolean | null = share === null ? null : compareShare(share, rule.comparator, rule.threshold);
  if (denied.length > 0) pass = false;
  return {
    id: rule.id,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: rule.threshold,
    pass,
    share,
    denied,
    warnings: result.warnings,
  };
}
