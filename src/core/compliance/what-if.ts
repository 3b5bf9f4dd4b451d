/**
 * What-if (pure): compliance after adding or removing hardware, without writing anything.
 */
import { catalogId } from '../catalog/catalog';
import { unknownHardwareIssue } from '../hardware/profile';
import { fail, type Issue, ok, type Result } from '../result';
import { countsOn } from './active';
import {
  type ComplianceInput,
  type ComplianceOptions,
  type ComplianceResult,
  evaluateQuantities,
  quantitiesOn,
} from './evaluate';
import type { HardwareRecord, HardwareStatus } from './types';

const clipId = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

export interface WhatIfAdd {
  readonly site: string;
  readonly hardwareId: string;
  readonly quantity: number;
  /** Default `installed`. */
  readonly status?: HardwareStatus | undefined;
  /** Default: counts from the as-of date. */
  readonly installDate?: string | undefined;
}

export interface WhatIfRemove {
  readonly site: string;
  readonly hardwareId: string;
  readonly quantity: number;
}

export interface WhatIfChanges {
  readonly add?: readonly WhatIfAdd[];
  readonly remove?: readonly WhatIfRemove[];
}

export interface WhatIfResult {
  readonly before: ComplianceResult;
  readonly after: ComplianceResult;
}

/**
 * Compliance before and after `changes`, both on `options.asOf`: removals take units out of service
 * that day (refused beyond what is in service), additions count when their status and install date
 * count on that day. Works on the quantities of that one date, so its cost does not grow with records.
 */
export function whatIf(
  input: ComplianceInput,
  changes: WhatIfChanges,
  options: ComplianceOptions,
): Result<WhatIfResult> {
  const basis = options.basis ?? 'installed';
  const before = quantitiesOn(input.records, options.asOf, basis);
  const after = new Map([...before].map(([site, lines]) => [site, new Map(lines)]));
  const issues: Issue[] = [];
  const siteNames = new Set(input.sites.map((s) => s.name));
  // ids in any case, as the catalog, train and plan take them (`Huawei-Ascend-910C`)
  const canonical = <T extends { hardwareId: string }>(change: T): T => ({
    ...change,
    hardwareId: catalogId(input.catalog, change.hardwareId),
  });
  const additions = (changes.add ?? []).map(canonical);
  const removals = (changes.remove ?? []).map(canonical);
  additions.forEach((addition, index) => {
    // A site's facts (state funding, region) select the rules that bind it, so a what-if never invents one: a
    // mistyped name would otherwise count as a new, privately funded site and move the organisation's share.
    if (!siteNames.has(addition.site))
      issues.push({
        code: 'unknown_site',
        path: `add.${index}.site`,
        message: `unknown site "${clipId(addition.site)}"; create it first (chipmix inventory site NAME), so that its state funding and region select its rules`,
      });
    const id = addition.hardwareId;
    if (!input.catalog.chips.has(id) && !input.catalog.systems.has(id))
      issues.push(unknownHardwareIssue(input.catalog, clipId(id), `add.${index}.hardwareId`));
  });
  if (issues.length > 0) return fail(...issues);
  removals.forEach((removal, index) => {
    const lines = after.get(removal.site);
    const inService = lines?.get(removal.hardwareId) ?? 0;
    if (inService < removal.quantity) {
      issues.push({
        code: 'not_enough_hardware',
        path: `remove.${index}`,
        message: `cannot remove ${removal.quantity} ${removal.hardwareId} at ${removal.site}: only ${inService} in service on ${options.asOf}`,
      });
      return;
    }
    lines!.set(removal.hardwareId, inService - removal.quantity);
  });
  if (issues.length > 0) return fail(...issues);
  for (const addition of additions) {
    const record: HardwareRecord = {
      site: addition.site,
      hardwareId: addition.hardwareId,
      quantity: addition.quantity,
      status: addition.status ?? 'installed',
      installDate: addition.installDate ?? options.asOf,
      decommissionDate: null,
    };
    if (!countsOn(record, options.asOf, basis)) continue;
    let lines = after.get(addition.site);
    if (!lines) {
      lines = new Map();
      after.set(addition.site, lines);
    }
    lines.set(addition.hardwareId, (lines.get(addition.hardwareId) ?? 0) + addition.quantity);
  }
  for (const lines of after.values())
    for (const [id, quantity] of lines) if (quantity === 0) lines.delete(id);
  return ok({
    before: evaluateQuantities(input, before, { ...options, basis }),
    after: evaluateQuantities(input, after, { ...options, basis }),
  });
}
