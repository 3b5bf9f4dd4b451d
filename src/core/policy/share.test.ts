import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../../test/fixtures/inventory/catalog';
import { computeShares, deniedHardware } from './share';

const catalog = testCatalog();

describe('computeShares', () => {
  it('computes every metric on a hand-computed inventory', () => {
    // 6 x 910C (800 TF, $20k, 500 W) + 4 x H20 (150 TF, $12k, 400 W)
    const r = computeShares(
      [
        { hardwareId: 'huawei-ascend-910c', quantity: 6 },
        { hardwareId: 'nvidia-h20', quantity: 4 },
      ],
      catalog,
    );
    expect(r.shares.count).toBeCloseTo(6 / 10, 12);
    expect(r.shares.bf16Compute).toBeCloseTo(4800 / (4800 + 600), 12);
    expect(r.shares.spend).toBeCloseTo(120000 / (120000 + 48000), 12);
    expect(r.shares.power).toBeCloseTo(3000 / (3000 + 1600), 12);
    expect(r.totals.count).toEqual({ domestic: 6, total: 10 });
    expect(r.warnings).toEqual([]);
  });

  it('counts chipsPerSystem packages for a system and uses its chip specs', () => {
    // 1 CloudMatrix 384 (384 x 910C) + 16 HGX H20 (128 x H20)
    const r = computeShares(
      [
        { hardwareId: 'huawei-cloudmatrix-384', quantity: 1 },
        { hardwareId: 'nvidia-hgx-h20', quantity: 16 },
      ],
      catalog,
    );
    expect(r.totals.count).toEqual({ domestic: 384, total: 512 });
    expect(r.shares.count).toBe(0.75);
    expect(r.shares.bf16Compute).toBeCloseTo((384 * 800) / (384 * 800 + 128 * 150), 12);
  });

  it('makes a metric null when a line lacks its spec, and names the id', () => {
    const r = computeShares(
      [
        { hardwareId: 'cambricon-mlu590', quantity: 2 },
        { hardwareId: 'nvidia-h20', quantity: 2 },
      ],
      catalog,
    );
    expect(r.shares.count).toBe(0.5);
    expect(r.shares.spend).toBeNull();
    expect(r.missing.spend).toEqual(['cambricon-mlu590']);
    expect(r.shares.power).toBeCloseTo(700 / 1500, 12);
    expect(r.warnings.join('\n')).toContain('spend share unknown: no priceUsd for cambricon-mlu590');
  });

  it('makes every metric null for an id unknown to the catalog', () => {
    const r = computeShares([{ hardwareId: 'acme-x1', quantity: 1 }], catalog);
    expect(Object.values(r.shares)).toEqual([null, null, null, null]);
    expect(r.warnings[0]).toContain('acme-x1');
  });

  it('is null (not zero) with no hardware', () => {
    expect(computeShares([], catalog).shares.count).toBeNull();
  });

  it('honours a rule-specific definition of domestic', () => {
    const lines = [
      { hardwareId: 'huawei-ascend-910c', quantity: 1 },
      { hardwareId: 'cambricon-mlu590', quantity: 1 },
      { hardwareId: 'nvidia-h20', quantity: 2 },
    ];
    expect(computeShares(lines, catalog, { vendors: ['huawei'] }).shares.count).toBe(0.25);
    expect(computeShares(lines, catalog, { countries: ['CN'] }).shares.count).toBe(0.5);
    expect(computeShares(lines, catalog, { hardwareIds: ['nvidia-h20'] }).shares.count).toBe(0.5);
  });

  it('finds denied hardware by id, chip id or vendor', () => {
    const lines = [
      { hardwareId: 'nvidia-hgx-h20', quantity: 1 },
      { hardwareId: 'huawei-ascend-910b', quantity: 3 },
    ];
    expect(deniedHardware(lines, catalog, ['nvidia-h20'])).toEqual(['nvidia-hgx-h20']);
    expect(deniedHardware(lines, catalog, ['nvidia'])).toEqual(['nvidia-hgx-h20']);
    expect(deniedHardware(lines, catalog, ['cambricon'])).toEqual([]);
  });
});
