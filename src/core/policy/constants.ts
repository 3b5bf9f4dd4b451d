/**
 * The policy constants compliance evaluation needs at run time, apart from the zod schemas in
 * ./schema.ts (which re-exports them): `chipmix comply status` evaluates without loading zod.
 */
import type { Rule } from './schema';

export const METRICS = ['count', 'bf16Compute', 'spend', 'power'] as const;

export const COMPARATORS = ['>', '>=', '<', '<='] as const;

/**
 * The rule used when no policy is configured: the SCMP report (Aug 2025) that publicly owned
 * computing hubs must source "more than 50 per cent of their chips" domestically, read literally
 * as a count of accelerator packages, per site.
 */
export const DEFAULT_RULE: Rule = {
  id: 'default-domestic-count-majority',
  description: 'Domestic accelerators are more than half of the packages at every site (default rule)',
  metric: 'count',
  comparator: '>',
  threshold: 0.5,
  scope: 'site',
  appliesTo: {},
  effectiveFrom: '1970-01-01',
};
