/**
 * Issue 13, defect 7: 100,000 records spread over ~97,000 (site, hardware, date) groups made every
 * compliance request re-read and re-walk them (2.6 requests/s). The timeline's size, what an
 * evaluation walks, is sites x hardware ids x classes, however many records and dates; its answers
 * equal counting the records. (Speed itself is measured by bench/compliance.ts.)
 */
import { describe, expect, it } from 'vitest';
import { activeLinesBySite } from '../src/core/compliance/active';
import { ComplianceTimeline } from '../src/core/compliance/timeline';
import type { HardwareRecord, HardwareStatus } from '../src/core/compliance/types';

let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const day = (d: number) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

describe('compliance over 100,000 records with random dates', () => {
  const records: HardwareRecord[] = Array.from({ length: 100_000 }, () => {
    const d = Math.floor(random() * 2557);
    const r = random();
    const status: HardwareStatus =
      r < 0.05 ? 'retired' : r < 0.1 ? 'ordered' : r < 0.13 ? 'planned' : 'installed';
    return {
      site: `site-${Math.floor(random() * 40)}`,
      hardwareId: `hw-${Math.floor(random() * 10)}`,
      quantity: 1 + Math.floor(random() * 8),
      status,
      installDate: day(d),
      decommissionDate: status === 'retired' ? day(d + 1 + Math.floor(random() * 700)) : null,
    };
  });
  const timeline = ComplianceTimeline.fromRecords(records);

  it('walks sites x hardware ids x classes series, not records or groups', () => {
    const groups = new Set(records.map((r) => `${r.site}|${r.hardwareId}|${r.status}|${r.installDate}`)).size;
    expect(groups).toBeGreaterThan(90_000);
    expect(timeline.size).toBeLessThanOrEqual(40 * 10 * 2);
    expect(timeline.changeDates().length).toBeLessThanOrEqual(2557 + 700);
  });

  it('answers every date exactly as counting the records', () => {
    for (const date of ['2019-12-31', '2021-06-15', '2023-01-01', '2026-12-31', '2030-01-01'])
      for (const basis of ['installed', 'pipeline'] as const) {
        const fromRecords = activeLinesBySite(records, date, basis);
        const fromTimeline = timeline.quantitiesOn(date, basis);
        expect(new Map([...fromTimeline].map(([s, l]) => [s, Object.fromEntries([...l].sort())]))).toEqual(
          new Map([...fromRecords].map(([s, l]) => [s, Object.fromEntries([...l].sort())])),
        );
      }
  });
});
