/**
 * The inventory as the compliance core sees it: plain data, no store ids or versions.
 */
import type { SiteFacts } from '../policy/evaluate';

export const HARDWARE_STATUSES = ['planned', 'ordered', 'installed', 'retired'] as const;
export type HardwareStatus = (typeof HARDWARE_STATUSES)[number];

/**
 * The most units one inventory record may hold (issue 13): far above any real delivery, and small
 * enough that sums over a whole inventory stay exact in a double and in every store's integers.
 */
export const MAX_QUANTITY_PER_RECORD = 10_000_000;

/**
 * The largest version (of a site, a hardware record, a policy) either store keeps: PostgreSQL's `integer` column stops
 * at 2^31 - 1 where SQLite would keep 2^63, so every schema and CLI option caps versions here.
 */
export const MAX_VERSION = 2 ** 31 - 1;

/** The overall answer of a compliance status: `no-rule-in-force` when no rule bound any site with hardware. */
export const VERDICTS = ['compliant', 'not-compliant', 'unknown', 'no-rule-in-force'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One inventory line: `quantity` units of a catalog chip or system at a site. */
export interface HardwareRecord {
  readonly site: string;
  readonly hardwareId: string;
  readonly quantity: number;
  readonly status: HardwareStatus;
  /** First day it counts (inclusive); null: since before the inventory began (or, planned: date unknown). */
  readonly installDate: string | null;
  /** First day it no longer counts (exclusive); null: still in service. */
  readonly decommissionDate: string | null;
}

export type ComplianceSite = SiteFacts;

/**
 * Which records count:
 * - `installed`: what is in the racks (status installed, or retired before its decommission date);
 * - `pipeline`: also planned and ordered hardware from its expected install date, for the
 *   trajectory "after the orders already placed arrive".
 */
export type Basis = 'installed' | 'pipeline';
export const BASES = ['installed', 'pipeline'] as const;
