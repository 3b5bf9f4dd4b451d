/**
 * What a site is when an import names it without attributes. Apart from the schemas in ./records.ts
 * (which re-exports it) so that reading sites does not load zod (`chipmix comply status` start-up).
 */
import type { SiteAttributes } from './records';

export const DEFAULT_SITE_ATTRIBUTES: SiteAttributes = {
  region: null,
  stateFunded: false,
  projectCompletionPct: null,
  commissioningDate: null,
  notes: null,
};
