/**
 * Which hardware counts on a date. A record counts from its install date (inclusive) until its
 * decommission date (exclusive), as issue 5 defines it.
 */
import type { HardwareLine } from '../policy/share';
import type { Basis, HardwareRecord } from './types';

/** Whether `record` is part of the fleet on `date` (YYYY-MM-DD) under `basis`. */
export function countsOn(record: HardwareRecord, date: string, basis: Basis): boolean {
  switch (record.status) {
    case 'planned':
    case 'ordered':
      if (basis !== 'pipeline') return false;
      break;
    case 'retired':
      // A retired record without a decommission date: we do not know since when it is gone, so it
      // no longer counts at any date (the store warns about such rows on import).
      if (record.decommissionDate === null) return false;
      break;
    case 'installed':
      break;
  }
  if (record.installDate !== null && record.installDate > date) return false;
  return record.decommissionDate === null || date < record.decommissionDate;
}

/** Quantities per site and hardware id on `date`: `site -> hardwareId -> quantity`. */
export function activeLinesBySite(
  records: Iterable<HardwareRecord>,
  date: string,
  basis: Basis,
): Map<string, Map<string, number>> {
  const bySite = new Map<string, Map<string, number>>();
  for (const record of records) {
    if (record.quantity === 0 || !countsOn(record, date, basis)) continue;
    let lines = bySite.get(record.site);
    if (!lines) {
      lines = new Map();
      bySite.set(record.site, lines);
    }
    lines.set(record.hardwareId, (lines.get(record.hardwareId) ?? 0) + record.quantity);
  }
  return bySite;
}

export function toLines(quantities: ReadonlyMap<string, number> | undefined): HardwareLine[] {
  if (!quantities) return [];
  return [...quantities].map(([hardwareId, quantity]) => ({ hardwareId, quantity }));
}
