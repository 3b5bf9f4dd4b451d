/**
 * A planner reading `train estimate` must learn when the chip's peak, which every rate scales with, is unsourced
 * (only `compare train` said so), and why a layout does not fit against the memory the step may use.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { estimateTrainingRequest } from '../src/core/train/estimate';

const catalog = loadBuiltinCatalog();

describe('train estimate evidence', () => {
  it('warns that a rumour-grade peak is behind every rate', () => {
    const r = estimateTrainingRequest(catalog, {
      model: 'llama3-70b',
      hardware: 'cambricon-mlu590-server',
      devices: 512,
      seqLen: 8192,
      globalBatch: 512,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.warnings).toContain(
      'the cambricon-mlu590 peak is rumour-grade (see chipmix catalog show cambricon-mlu590): every rate here scales with it, beyond the error band',
    );
  });

  it('says a layout misses the usable memory, not the capacity it is under', () => {
    const r = estimateTrainingRequest(catalog, {
      model: 'llama3-8b',
      hardware: 'nvidia-dgx-h100',
      devices: 8,
      seqLen: 8192,
      globalBatch: 128,
      precision: 'fp8',
      layout: { tp: 1, pp: 1, cp: 2, dp: 4, mbs: 1, recompute: 'none', zero: 1 },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = r.value;
    expect(e.memory.usableGB).toBeCloseTo(76, 6);
    // 78 GB (its 4 GB reserve included) of 80: under the capacity, over the 76 GB the step may use
    expect(e.fits).toBe(false);
    expect(e.memoryPerDeviceGB).toBeGreaterThan(76);
    expect(e.memoryPerDeviceGB).toBeLessThan(80);
    expect(e.warnings.join('\n')).toMatch(/over the 76\.0 GB usable of the 80 GB of nvidia-h100/);
  });
});
