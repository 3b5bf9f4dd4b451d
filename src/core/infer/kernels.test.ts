/** Kernel-time shape; the GEMM prior against DeepGEMM's table is in test/infer-validation.test.ts. */
import { describe, expect, it } from 'vitest';
import { kernelSeconds, prefillAttentionEfficiency, reductionFactor } from './kernels';

describe('prefill attention efficiency', () => {
  it('half of its plateau at 512 keys, rising with the prompt', () => {
    expect(prefillAttentionEfficiency(512)).toBe(0.5);
    expect(prefillAttentionEfficiency(4096)).toBeGreaterThan(0.85);
  });
});

describe('smooth roofline', () => {
  it('1.41x the plain roofline at the ridge, the bound far from it', () => {
    expect(kernelSeconds(1, 1)).toBeCloseTo(Math.SQRT2, 12);
    expect(kernelSeconds(10, 1)).toBeCloseTo(Math.sqrt(101), 12);
    expect(reductionFactor(512)).toBe(2);
  });
});
