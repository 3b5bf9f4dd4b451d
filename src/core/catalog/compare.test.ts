import { describe, expect, it } from 'vitest';
import { compareIds } from './compare';
import { loadBuiltinCatalog } from './load';

const catalog = loadBuiltinCatalog();
const compare = (...ids: string[]) => {
  const result = compareIds(catalog, ids);
  if (!result.ok) throw new Error(`unknown ${result.unknown.join(', ')}`);
  return result.comparison;
};

describe('compare', () => {
  it('reproduces the published CloudMatrix 384 vs GB200 NVL72 comparison from sourced values', () => {
    const { metrics, scopes } = compare('huawei-cloudmatrix-384', 'nvidia-gb200-nvl72');
    expect(scopes).toEqual(['system', 'system']);
    expect(metrics.bf16DenseTflops?.values).toEqual([300_000, 180_000]);
    expect(metrics.bf16DenseTflops?.ratio).toBeCloseTo(1.67, 2);
    expect(metrics.hbmCapacityGB?.ratio).toBeCloseTo(3.6, 1);
    expect(metrics.hbmBandwidthTBps?.ratio).toBeCloseTo(2.1, 1);
    expect(metrics.powerKW?.ratio).toBeCloseTo(3.9, 1);
    // SemiAnalysis: 2.3x worse watts per FLOP.
    expect(1 / metrics.bf16DenseTflopsPerWatt!.ratio!).toBeCloseTo(2.3, 1);
  });

  it('multiplies per-chip values by the chip count when a system publishes no total', () => {
    const { metrics } = compare('nvidia-dgx-h100', 'nvidia-h100-sxm5-80gb');
    expect(metrics.bf16DenseTflops?.values).toEqual([8 * 989.4, 989.4]);
    expect(metrics.hbmCapacityGB?.values).toEqual([640, 80]);
    expect(metrics.scaleUpBandwidthGBps?.values).toEqual([7200, 900]);
    expect(metrics.powerKW?.values).toEqual([10.2, 0.7]);
    expect(metrics.bf16DenseTflops?.ratio).toBeCloseTo(8, 10);
  });

  it('gives per-watt and per-dollar values, null where power or price is unknown', () => {
    const { metrics } = compare('nvidia-h100-sxm5-80gb', 'nvidia-h200-sxm-141gb');
    expect(metrics.bf16DenseTflopsPerWatt?.values[0]).toBeCloseTo(989.4 / 700, 10);
    expect(metrics.bf16DenseTflopsPerUsd?.values).toEqual([989.4 / 33_600, 989.5 / 27_000]);
    expect(metrics.bf16DenseTflopsPerUsd?.ratio).toBeCloseTo(989.4 / 33_600 / (989.5 / 27_000), 10);
    // MetaX publishes no price and none was found: per-dollar stays unknown, never guessed.
    const unpriced = compare('nvidia-h100-sxm5-80gb', 'metax-c500').metrics;
    expect(unpriced.bf16DenseTflopsPerUsd?.values).toEqual([989.4 / 33_600, null]);
    expect(unpriced.bf16DenseTflopsPerUsd?.ratio).toBeNull();
  });

  it('carries the weakest confidence of the inputs', () => {
    const { metrics } = compare('huawei-cloudmatrix-384', 'nvidia-gb200-nvl72');
    expect(metrics.bf16DenseTflops?.confidences).toEqual(['official', 'analysis']);
    expect(metrics.bf16DenseTflopsPerUsd?.confidences).toEqual(['rumour', 'rumour']);
  });

  it('has no ratio with three ids and reports unknown ids', () => {
    const { metrics, ids } = compare('nvidia-h20', 'nvidia-h100-sxm5-80gb', 'huawei-ascend-910c');
    expect(ids).toHaveLength(3);
    expect(metrics.bf16DenseTflops?.ratio).toBeNull();
    expect(metrics.bf16DenseTflops?.values).toEqual([148, 989.4, 752]);
    expect(compareIds(catalog, ['nvidia-h20', 'nope'])).toEqual({
      ok: false,
      unknown: ['nope'],
      repeated: [],
    });
  });
  it('reads ids in any case, and refuses an entry compared with itself', () => {
    expect(compare('NVIDIA-H20', 'huawei-ascend-910c').metrics.bf16DenseTflops?.values).toEqual([148, 752]);
    expect(compareIds(catalog, ['nvidia-h20', 'NVIDIA-H20'])).toEqual({
      ok: false,
      unknown: [],
      repeated: ['NVIDIA-H20'],
    });
  });
});
