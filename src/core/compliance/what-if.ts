/**
 * What-if (pure): compliance after adding or removing hardware, without writing anything.
 */
import { fail, type Issue, ok, type Result } from '../result';
import { countsOn } from './active';
import {
  type ComplianceInput,
  type ComplianceOptions,
  type ComplianceResult,
  evaluateCompliance,
} from './evaluate';
import type { HardwareRecord, HardwareStatus } from './types';

export interface WhatIfAdd {
  readonly site: string;
  readonly hardwareId: string;
  readonly quantity: number;
  /** Default `installed`. */
  readonly status?: HardwareStatus;
  /** Default: counts from the as-of date. */
  readonly installDate?: string;
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

/** The records after `changes`, as of `asOf`: removals take hardware out of service on that date. */
export function applyChanges(
  records: readonly HardwareRecord[],
  changes: WhatIfChanges,
  options: ComplianceOptions,
): Result<HardwareRecord[]> {
  const basis = options.basis ?? 'installed';
  const out = [...records];
  const issues: Issue[] = [];
  (changes.remove ?? []).forEach((removal, index) => {
    let left = removal.quantity;
    for (let i = 0; i < out.length && left > 0; i++) {
      const record = out[i]!;
      if (record.site !== removal.site || record.hardwareId !== removal.hardwareId) continue;
      if (!countsOn(record, options.asOf, basis)) continue;
      const taken = Math.min(left, record.quantity);
      left -= taken;
      // Split the record: the part taken out stops counting on asOf, the rest stays.
      out[i] = { ...record, quantity: record.quantity - taken };
      out.push({ ...record, quantity: taken, decommissionDate: options.asOf });
    }
    if (left > 0) {
      issues.push({
        code: 'not_enough_hardware',
        path: `remove[${index}]`,
        message: `cannot remove ${removal.quantity} ${removal.hardwareId} at ${removal.site}: only ${removal.quantity - left} in service on ${options.asOf}`,
      });
    }
  });
  for (const addition of changes.add ?? []) {
    out.push({
      site: addition.site,
      hardwareId: addition.hardwareId,
      quantity: addition.quantity,
      status: addition.status ?? 'installed',
      installDate: addition.installDate ?? options.asOf,
      decommissionDate: null,
    });
  }
  return issues.length > 0 ? fail(...issues) : ok(out);
}

/** Compliance before and after `changes`. */
export function whatIf(
  input: ComplianceInput & { readonly records: readonly HardwareRecord[] },
  changes: WhatIfChanges,
  options: ComplianceOptions,
): Result<WhatIfResult> {
  const changed = applyChanges(input.records, changes, options);
  if (!changed.ok) return fail(...changed.issues);
  const sites = [...input.sites];
  for (const addition of changes.add ?? []) {
    if (!sites.some((s) => s.name === addition.site)) sites.push({ name: addition.site, stateFunded: false });
  }
  return ok({
    before: evaluateCompliance(input, options),
    after: evaluateCompliance({ ...input, sites, records: changed.value }, options),
  });
}
