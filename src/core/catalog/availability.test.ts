import { describe, expect, it } from 'vitest';
import { availabilityStart, availableFromDate } from './availability';
import { parseCatalogFile } from './load';

const source = [{ title: 'Vendor keynote', url: 'https://vendor.example' }];

/** A minimal valid chip whose availableFrom is `value`. */
const chipWith = (value: string) => ({
  chips: [
    {
      id: 'acme-x2',
      vendor: 'Acme',
      name: 'Acme X2',
      vendorCountry: 'CN',
      domestic: true,
      status: 'announced',
      family: 'acme',
      softwareStack: ['other'],
      softwareSources: source,
      exportControl: { status: 'not-applicable', asOf: '2026-01-01', sources: source },
      specs: {},
      availableFrom: { value, confidence: 'official', sources: source },
    },
  ],
});

describe('availabilityStart', () => {
  it('maps every precision to the first day of its period', () => {
    expect(availabilityStart('2027')).toBe('2027-01-01');
    expect(availabilityStart('2026-H1')).toBe('2026-01-01');
    expect(availabilityStart('2026-H2')).toBe('2026-07-01');
    expect(availabilityStart('2026-Q1')).toBe('2026-01-01');
    expect(availabilityStart('2026-Q4')).toBe('2026-10-01');
    expect(availabilityStart('2026-03')).toBe('2026-03-01');
    expect(availabilityStart('2026-03-18')).toBe('2026-03-18');
  });

  it('refuses what the schema refuses', () => {
    expect(availabilityStart('2026-Q5')).toBeNull();
    expect(availabilityStart('Q4 2026')).toBeNull();
    expect(availableFromDate(undefined)).toBeNull();
    expect(availableFromDate({ value: '2028-Q4', confidence: 'official', sources: source })).toBe(
      '2028-10-01',
    );
  });
});

describe('availableFrom in catalog files', () => {
  it('accepts a quarter and a calendar day', () => {
    expect(parseCatalogFile(chipWith('2026-Q4')).ok).toBe(true);
    expect(parseCatalogFile(chipWith('2028-02-29')).ok).toBe(true);
  });

  it('names the field and the rule for a bad date', () => {
    const quarter = parseCatalogFile(chipWith('2026-Q5'));
    expect(quarter.issues?.[0]).toMatchObject({
      path: 'chips[0].availableFrom.value',
      message: expect.stringContaining('a quarter YYYY-Qn'),
    });
    const day = parseCatalogFile(chipWith('2027-02-29'));
    expect(day.issues?.[0]).toMatchObject({
      path: 'chips[0].availableFrom.value',
      message: 'expected a calendar date',
    });
  });

  it('accepts notApplicable only for real spec names, with a source', () => {
    const file = chipWith('2026');
    const chip = file.chips[0] as Record<string, unknown>;
    chip.notApplicable = [{ spec: 'fp8DenseTflops', reason: 'no FP8', sources: source }];
    expect(parseCatalogFile(file).ok).toBe(true);
    chip.notApplicable = [{ spec: 'fp9DenseTflops', reason: 'no FP9', sources: source }];
    expect(parseCatalogFile(file).issues?.[0]?.path).toBe('chips[0].notApplicable[0].spec');
    chip.notApplicable = [{ spec: 'fp8DenseTflops', reason: 'no FP8', sources: [] }];
    expect(parseCatalogFile(file).issues?.[0]?.path).toBe('chips[0].notApplicable[0].sources');
  });
});
