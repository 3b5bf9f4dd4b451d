import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeLinesBySite } from './active';
import { ComplianceTimeline } from './timeline';
import { HARDWARE_STATUSES, type HardwareRecord } from './types';

const date = fc
  .integer({ min: 0, max: 3000 })
  .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const record: fc.Arbitrary<HardwareRecord> = fc
  .record({
    site: fc.constantFrom('a', 'b', 'c'),
    hardwareId: fc.constantFrom('x', 'y'),
    quantity: fc.integer({ min: 1, max: 50 }),
    status: fc.constantFrom(...HARDWARE_STATUSES),
    installDate: fc.option(date, { nil: null }),
    decommissionDate: fc.option(date, { nil: null }),
  })
  .map((r) =>
    r.installDate && r.decommissionDate && r.decommissionDate <= r.installDate
      ? { ...r, decommissionDate: null }
      : r,
  );

const plain = (m: Map<string, Map<string, number>>) =>
  Object.fromEntries(
    [...m]
      .map(
        ([site, lines]) => [site, Object.fromEntries([...lines].filter(([, q]) => q !== 0).sort())] as const,
      )
      .filter(([, lines]) => Object.keys(lines).length > 0)
      .sort(),
  );

describe('ComplianceTimeline', () => {
  it('gives on every date the same quantities as counting the records one by one', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 60 }),
        fc.array(date, { minLength: 1, maxLength: 10 }),
        (records, dates) => {
          const timeline = ComplianceTimeline.fromRecords(records);
          for (const d of dates)
            for (const basis of ['installed', 'pipeline'] as const)
              expect(plain(timeline.quantitiesOn(d, basis))).toEqual(
                plain(activeLinesBySite(records, d, basis)),
              );
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('lists change dates and has one series per site, hardware id and class', () => {
    const t = ComplianceTimeline.fromRecords([
      {
        site: 'a',
        hardwareId: 'x',
        quantity: 2,
        status: 'installed',
        installDate: '2025-01-01',
        decommissionDate: '2026-01-01',
      },
      {
        site: 'a',
        hardwareId: 'x',
        quantity: 3,
        status: 'ordered',
        installDate: '2025-06-01',
        decommissionDate: null,
      },
      {
        site: 'a',
        hardwareId: 'x',
        quantity: 9,
        status: 'retired',
        installDate: null,
        decommissionDate: null,
      },
    ]);
    expect(t.changeDates()).toEqual(['2025-01-01', '2025-06-01', '2026-01-01']);
    expect(t.size).toBe(2);
    expect(plain(t.quantitiesOn('2025-07-01', 'pipeline'))).toEqual({ a: { x: 5 } });
    expect(plain(t.quantitiesOn('2026-01-01', 'installed'))).toEqual({});
  });
});
