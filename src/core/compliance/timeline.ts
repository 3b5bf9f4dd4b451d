/**
 * The inventory as compliance reads it over time (pure): per site, hardware id and class (in the
 * racks / ordered or planned), the dates its quantity changes and the running total after each.
 * Quantities on a date are then a binary search per series, so evaluating one date costs
 * sites x hardware ids x log(change dates), and a trajectory of P points P times that, however many
 * records the inventory holds (issue 13: 100,000 records with random dates took 380 ms a request).
 *
 * A record counts from its install date (inclusive) to its decommission date (exclusive), as
 * `countsOn` says: +quantity on the install date (null: since always), -quantity on the
 * decommission date. Planned and ordered records count only on the pipeline basis; a retired record
 * without a decommission date never counts.
 */
import type { Basis, HardwareRecord } from './types';

/** One change of quantity: what the store's SQL sums per (site, hardware id, class, date). */
export interface QuantityChange {
  readonly site: string;
  readonly hardwareId: string;
  /** Planned or ordered: counts only on the pipeline basis. */
  readonly pipelineOnly: boolean;
  /** YYYY-MM-DD; null: before any date. */
  readonly date: string | null;
  /** Units added (negative: removed). */
  readonly quantity: number;
}

interface Series {
  readonly site: string;
  readonly hardwareId: string;
  readonly pipelineOnly: boolean;
  /** Change dates, ascending ('' stands for "since always"). */
  dates: string[];
  /** Running total after the change on the same index. */
  totals: number[];
}

/** The changes a record makes (none for a retired record without a decommission date). */
export function changesOf(record: HardwareRecord): QuantityChange[] {
  if (record.status === 'retired' && record.decommissionDate === null) return [];
  const base = {
    site: record.site,
    hardwareId: record.hardwareId,
    pipelineOnly: record.status === 'planned' || record.status === 'ordered',
  };
  const out: QuantityChange[] = [{ ...base, date: record.installDate, quantity: record.quantity }];
  if (record.decommissionDate !== null)
    out.push({ ...base, date: record.decommissionDate, quantity: -record.quantity });
  return out;
}

export class ComplianceTimeline {
  private readonly series: Series[];

  private constructor(series: Series[]) {
    this.series = series;
  }

  /** From changes in any order (several on one date are summed). */
  static fromChanges(changes: Iterable<QuantityChange>): ComplianceTimeline {
    const bySeries = new Map<string, { series: Series; byDate: Map<string, number> }>();
    for (const c of changes) {
      const key = `${c.site}\u0000${c.hardwareId}\u0000${c.pipelineOnly ? 1 : 0}`;
      let entry = bySeries.get(key);
      if (!entry) {
        entry = {
          series: {
            site: c.site,
            hardwareId: c.hardwareId,
            pipelineOnly: c.pipelineOnly,
            dates: [],
            totals: [],
          },
          byDate: new Map(),
        };
        bySeries.set(key, entry);
      }
      const date = c.date ?? '';
      entry.byDate.set(date, (entry.byDate.get(date) ?? 0) + c.quantity);
    }
    const series: Series[] = [];
    for (const { series: s, byDate } of bySeries.values()) {
      let total = 0;
      for (const date of [...byDate.keys()].sort()) {
        total += byDate.get(date)!;
        s.dates.push(date);
        s.totals.push(total);
      }
      series.push(s);
    }
    return new ComplianceTimeline(series);
  }

  static fromRecords(records: Iterable<HardwareRecord>): ComplianceTimeline {
    const changes: QuantityChange[] = [];
    for (const r of records) if (r.quantity !== 0) changes.push(...changesOf(r));
    return ComplianceTimeline.fromChanges(changes);
  }

  /** Units per site and hardware id that count on `date` under `basis` (zero totals left out). */
  quantitiesOn(date: string, basis: Basis): Map<string, Map<string, number>> {
    const bySite = new Map<string, Map<string, number>>();
    for (const s of this.series) {
      if (s.pipelineOnly && basis !== 'pipeline') continue;
      // the last change on or before `date`
      let lo = 0;
      let hi = s.dates.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (s.dates[mid]! <= date) lo = mid + 1;
        else hi = mid;
      }
      const quantity = lo === 0 ? 0 : s.totals[lo - 1]!;
      if (quantity === 0) continue;
      let lines = bySite.get(s.site);
      if (!lines) {
        lines = new Map();
        bySite.set(s.site, lines);
      }
      lines.set(s.hardwareId, (lines.get(s.hardwareId) ?? 0) + quantity);
    }
    return bySite;
  }

  /** Every date on which some quantity changes, ascending. */
  changeDates(): string[] {
    const dates = new Set<string>();
    for (const s of this.series) for (const d of s.dates) if (d !== '') dates.add(d);
    return [...dates].sort();
  }

  /** The number of (site, hardware id, class) series: what evaluation costs scale with. */
  get size(): number {
    return this.series.length;
  }
}
