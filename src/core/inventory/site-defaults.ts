/**
 * What a site is when an import names it without attributes. Apart from the schemas in ./records.ts
 * (which re-exports it) so that reading sites does not load zod (`chipmix comply status` start-up).
 */
import type { SiteAttributes } from './records';

/**
 * Site facts that compliance rules select sites by (a policy's `appliesTo.regions`, `stateFundedOnly` and its
 * completion exemption): changing them on an existing site changes which rules apply, as a policy change does, so it
 * needs the same role.
 */
export const RULE_SELECTING_SITE_FIELDS = ['region', 'stateFunded', 'projectCompletionPct'] as const;

export const DEFAULT_SITE_ATTRIBUTES: SiteAttributes = {
  region: null,
  stateFunded: false,
  projectCompletionPct: null,
  commissioningDate: null,
  notes: null,
};
