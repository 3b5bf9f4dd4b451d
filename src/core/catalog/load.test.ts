import { describe, expect, it } from 'vitest';
import { formatIssue } from '../result';
import { BUILTIN_CATALOG_FILES } from './data/index';
import { assembleCatalog, formatFileIssue, loadBuiltinCatalog, parseCatalogFile } from './load';

const source = { title: 'Acme datasheet', url: 'https://acme.example/x1' };
const spec = (value: unknown) => ({ value, unit: 'GB', confidence: 'official', sources: [source] });
const chip = (overrides: Record<string, unknown> = {}) => ({
  id: 'acme-x1',
  vendor: 'Acme',
  name: 'Acme X1',
  vendorCountry: 'CN',
  domestic: true,
  status: 'shipping',
  family: 'acme',
  softwareStack: ['other'],
  softwareSources: [source],
  exportControl: { status: 'not-applicable', asOf: '2026-01-01', sources: [source] },
  specs: { hbmCapacityGB: spec(96) },
  ...overrides,
});

const messages = (input: unknown, file = 'extra.yaml') => {
  const parsed = parseCatalogFile(input);
  return parsed.ok ? [] : parsed.issues.map((issue) => formatFileIssue(file, issue));
};

describe('parseCatalogFile', () => {
  it('accepts a valid user chip', () => {
    expect(parseCatalogFile({ chips: [chip()] }).ok).toBe(true);
  });

  it('names the file, the path and the rule for a bad number', () => {
    const chips = [chip(), chip(), chip(), chip({ specs: { hbmCapacityGB: spec(-1) } })];
    expect(messages({ chips })).toEqual([
      'extra.yaml: chips[3].specs.hbmCapacityGB.value: expected a positive number',
    ]);
    expect(messages({ chips: [chip({ specs: { hbmCapacityGB: spec('lots') } })] })).toEqual([
      'extra.yaml: chips[0].specs.hbmCapacityGB.value: expected a positive number',
    ]);
  });

  it('requires a source for every spec', () => {
    const noSource = { value: 1, unit: 'GB', confidence: 'official', sources: [] };
    expect(messages({ chips: [chip({ specs: { hbmCapacityGB: noSource } })] })).toEqual([
      'extra.yaml: chips[0].specs.hbmCapacityGB.sources: expected at least one source',
    ]);
  });

  it('says plainly when a field is missing and rejects unknown keys', () => {
    const { vendor: _vendor, ...noVendor } = chip();
    expect(messages({ chips: [noVendor] })).toEqual([
      'extra.yaml: chips[0].vendor: required field missing (expected string)',
    ]);
    expect(messages({ chips: [chip({ hbm: 3 })] })).toEqual([
      'extra.yaml: chips[0]: Unrecognized key: "hbm"',
    ]);
  });

  it('checks confidences and dates', () => {
    const rumourish = { ...spec(3), confidence: 'hearsay' };
    expect(messages({ chips: [chip({ specs: { hbmCapacityGB: rumourish } })] })[0]).toMatch(
      /^extra\.yaml: chips\[0\]\.specs\.hbmCapacityGB\.confidence: Invalid option/,
    );
    const badDate = { status: 'allowed', asOf: 'soon', sources: [source] };
    expect(messages({ chips: [chip({ exportControl: badDate })] })).toEqual([
      'extra.yaml: chips[0].exportControl.asOf: expected a date YYYY-MM-DD',
    ]);
  });
});

describe('assembleCatalog', () => {
  const builtin = BUILTIN_CATALOG_FILES.map(({ name, file }) => ({ name, file }));

  it('lets a user file override a built-in entry whole', () => {
    const override = chip({ id: 'nvidia-h20', domestic: false, vendorCountry: 'US' });
    const result = assembleCatalog([
      ...builtin,
      { name: 'mine.yaml', file: parseCatalogFile({ chips: [override] }).value! },
    ]);
    expect(result.ok && result.value.chips.get('nvidia-h20')?.specs.hbmCapacityGB?.value).toBe(96);
    expect(result.ok && result.value.chips.get('nvidia-h20')?.vendor).toBe('Acme');
  });

  it('reports dangling references with the file and entry that hold them', () => {
    const system = {
      id: 'acme-box',
      vendor: 'Acme',
      name: 'Box',
      status: 'shipping',
      chipId: 'nvidia-h10',
      specs: {
        chipsPerSystem: spec(8),
        scaleUpDomainSize: spec(8),
        scaleUpBandwidthGBps: spec(100),
        scaleOutBandwidthGbps: spec(100),
      },
    };
    const file = parseCatalogFile({ chips: [chip({ defaultSystem: 'acme-boxx' })], systems: [system] });
    expect(file.ok).toBe(true);
    const result = assembleCatalog([...builtin, { name: 'extra.yaml', file: file.value! }]);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'extra.yaml: systems[0].chipId: unknown chip id "nvidia-h10" (did you mean nvidia-h100-sxm5-80gb, nvidia-h20, nvidia-b200?)',
      'extra.yaml: chips[0].defaultSystem: unknown system id "acme-boxx" (did you mean acme-box?)',
    ]);
  });

  it('builds the built-in catalog', () => {
    const catalog = loadBuiltinCatalog();
    expect(catalog.chips.size).toBeGreaterThanOrEqual(31);
    expect(catalog.systems.size).toBeGreaterThanOrEqual(12);
  });
});
