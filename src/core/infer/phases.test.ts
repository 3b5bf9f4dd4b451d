import { describe, expect, it } from 'vitest';
import { testProfile } from '../../../test/fixtures/core/infer';
import { getPreset } from '../model/presets';
import { ENGINE_PROFILES } from './engines';
import {
  ATTENTION_BANDWIDTH_EFFICIENCY,
  GEMM_BANDWIDTH_EFFICIENCY,
  GEMM_COMPUTE_EFFICIENCY,
  kernelSeconds,
  reductionFactor,
} from './kernels';
import { servingParams, WEIGHT_BYTES } from './memory';
import {
  decodeStep,
  KERNEL_FLOOR_SECONDS,
  KERNELS_PER_LAYER,
  MICRO_BATCH_HIDDEN_SHARE,
  mixedStep,
  type PhaseContext,
  phaseContext,
  prefillBatch,
  tokensPerStep,
  touchedExpertFraction,
} from './phases';

const llama8b = getPreset('llama3-8b')!;
const dsv3 = getPreset('deepseek-v3')!;
const priors = { computeScale: 1, bandwidthScale: 1 };

function ctx(overrides: Partial<Omit<PhaseContext, 'reduction'>> = {}): PhaseContext {
  return phaseContext({
    model: llama8b,
    params: servingParams(llama8b),
    hw: testProfile(),
    layout: { devices: 1, tp: 1, dp: 1, ep: 1 },
    precision: { dense: 'bf16', experts: 'bf16', kvCacheBytes: 2 },
    efficiency: priors,
    engine: ENGINE_PROFILES.sglang,
    microBatchOverlap: false,
    ...overrides,
  });
}

describe('decode at batch 1 streams weights and KV cache', () => {
  it('weights at GEMM bandwidth, KV at attention bandwidth, each on the smooth roofline', () => {
    const c = ctx();
    const p = c.params;
    const contextTokens = 1000;
    const bw = 4e12;
    const kvBytes = contextTokens * 32 * 2 * 8 * 128 * 2;
    const weightBytes = (p.nonExpertParams - p.inputEmbeddingParams) * WEIGHT_BYTES.bf16;
    const step = decodeStep(c, 1, contextTokens, 0);
    expect(step.memorySeconds).toBeCloseTo(
      weightBytes / (bw * GEMM_BANDWIDTH_EFFICIENCY) + kvBytes / (bw * ATTENTION_BANDWIDTH_EFFICIENCY),
      9,
    );
    expect(step.bound).toBe('memory');
    // Memory-bound: the compute terms add only a little on the smooth roofline.
    expect(step.seconds).toBeGreaterThan(step.memorySeconds);
    expect(step.seconds).toBeLessThan(1.01 * step.memorySeconds);
  });

  it('a bandwidth scale stretches a memory-bound step in proportion', () => {
    const fast = decodeStep(ctx(), 1, 1000, 0).seconds;
    const slow = decodeStep(ctx({ efficiency: { ...priors, bandwidthScale: 0.5 } }), 1, 1000, 0).seconds;
    expect(slow / fast).toBeCloseTo(2, 2);
  });

  it('an engine without an overlapped scheduler pays its host share on every decode step', () => {
    const overlapped = decodeStep(ctx(), 8, 1000, 0).seconds;
    const vllm = decodeStep(ctx({ engine: ENGINE_PROFILES.vllm }), 8, 1000, 0).seconds;
    expect(vllm / overlapped).toBeCloseTo(1 + ENGINE_PROFILES.vllm.hostShare, 9);
  });
});

describe('batch dependence', () => {
  it('at a large batch the step turns compute-bound and grows with the batch', () => {
    const c = ctx();
    const big = decodeStep(c, 4096, 10, 0);
    expect(big.bound).toBe('compute');
    expect(decodeStep(c, 8192, 10, 0).seconds).toBeGreaterThan(1.9 * big.seconds);
  });

  it('GEMMs at the ridge are slower than the plain roofline (DeepGEMM, n = 2)', () => {
    expect(kernelSeconds(1, 1)).toBeCloseTo(Math.SQRT2, 12);
    expect(kernelSeconds(1, 0)).toBe(1);
  });

  it('a short reduction dimension stretches compute (1 + 512 / K)', () => {
    expect(reductionFactor(512)).toBe(2);
    expect(reductionFactor(8192)).toBeCloseTo(1.0625, 12);
    // Experts split 8 ways (TP8) reduce over 1/8 of their width: slower per FLOP than EP.
    const ep = ctx({ model: dsv3, params: servingParams(dsv3), layout: { devices: 8, tp: 1, dp: 8, ep: 8 } });
    const tp = ctx({ model: dsv3, params: servingParams(dsv3), layout: { devices: 8, tp: 8, dp: 1, ep: 1 } });
    expect(tp.reduction.experts).toBeGreaterThan(ep.reduction.experts);
  });
});

describe('MoE decode reads only the experts the batch touches', () => {
  it('expected touched share is 1 - (1 - k/E)^tokens', () => {
    expect(touchedExpertFraction(256, 8, 1)).toBeCloseTo(8 / 256, 12);
    expect(touchedExpertFraction(256, 8, 2)).toBeCloseTo(1 - (248 / 256) ** 2, 12);
    expect(touchedExpertFraction(256, 8, 10_000)).toBeCloseTo(1, 9);
  });

  it('a batch-1 step of DeepSeek-V3 reads far fewer bytes than a full batch', () => {
    const c = ctx({ model: dsv3, params: servingParams(dsv3) });
    const one = decodeStep(c, 1, 10, 0);
    const many = decodeStep(c, 512, 10, 0);
    expect(many.memorySeconds / one.memorySeconds).toBeGreaterThan(5);
  });
});

describe('two overlapped micro-batches', () => {
  it('hide half of the smaller of compute and expert-parallel communication', () => {
    const base = {
      model: dsv3,
      params: servingParams(dsv3),
      layout: { devices: 64, tp: 1, dp: 64, ep: 64 },
      precision: { dense: 'fp8', experts: 'fp8', kvCacheBytes: 2 } as const,
    };
    const plain = prefillBatch(ctx(base), 8192, 4096);
    const overlapped = prefillBatch(ctx({ ...base, microBatchOverlap: true }), 8192, 4096);
    const ep = plain.commSeconds;
    const compute = plain.seconds - ep;
    expect(overlapped.seconds).toBeCloseTo(
      Math.max(compute, ep) + Math.min(compute, ep) * (1 - MICRO_BATCH_HIDDEN_SHARE),
      9,
    );
  });
});

describe('prefill and mixed steps', () => {
  it('prefill is compute-bound at 16K tokens and near 2 x active params per token', () => {
    const c = ctx();
    const tokens = 16384;
    const r = prefillBatch(c, tokens, 1024);
    expect(r.bound).toBe('compute');
    const p = c.params;
    const linear = 2 * tokens * (p.activeLinearParams - p.headParams) + 2 * (tokens / 1024) * p.headParams;
    const ideal = linear / (1e15 * GEMM_COMPUTE_EFFICIENCY);
    expect(r.computeSeconds).toBeGreaterThan(ideal);
    expect(r.computeSeconds).toBeLessThan(1.5 * ideal);
  });

  it('a mixed step streams the weights once for decode and the prompt chunk', () => {
    const c = ctx();
    const decode = decodeStep(c, 32, 1000, 0);
    const prefill = prefillBatch(c, 512, 1024);
    const mixed = mixedStep(c, 32, 1000, 0, 512, 1024);
    expect(mixed.seconds).toBeGreaterThan(decode.seconds);
    expect(mixed.seconds).toBeLessThan(decode.seconds + prefill.seconds);
  });
});

describe('MTP', () => {
  it('tokens per step = 1 + a for one draft token, 1 + a + a^2 for two', () => {
    expect(tokensPerStep(0, 0.7)).toBe(1);
    expect(tokensPerStep(1, 0.7)).toBeCloseTo(1.7, 12);
    expect(tokensPerStep(2, 0.5)).toBeCloseTo(1.75, 12);
  });
});

describe('kernel floor', () => {
  it("a tiny batch on a fast chip cannot step faster than its kernels' floors; a large batch never meets it", () => {
    // DeepSeek-V3 on 64 very fast devices: one sequence reads a few hundred MB per device per step
    const fast = testProfile({ hbmBandwidthTBps: 1000 });
    const c = ctx({ model: dsv3, hw: fast, layout: { devices: 64, tp: 1, dp: 64, ep: 64 } });
    const floor = dsv3.layers * KERNELS_PER_LAYER.moe * KERNEL_FLOOR_SECONDS;
    const tiny = decodeStep(c, 1, 1000, 0);
    expect(tiny.seconds).toBeGreaterThanOrEqual(floor);
    expect(tiny.seconds - tiny.commSeconds).toBeCloseTo(floor, 9);
    // the default test chip at batch 64: milliseconds of weight and KV reads, far above the floor
    const big = decodeStep(ctx({ model: llama8b }), 64, 1000, 0);
    expect(big.seconds).toBeGreaterThan(5 * llama8b.layers * KERNELS_PER_LAYER.dense * KERNEL_FLOOR_SECONDS);
  });
});
