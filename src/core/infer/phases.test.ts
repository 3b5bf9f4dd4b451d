import { describe, expect, it } from 'vitest';
import { getPreset } from '../model/presets';
import { servingParams, WEIGHT_BYTES } from './memory';
import { decodeStep, type PhaseContext, prefillBatch, tokensPerStep, touchedExpertFraction } from './phases';
import { testProfile } from './test-fixtures';

const llama8b = getPreset('llama3-8b')!;
const dsv3 = getPreset('deepseek-v3')!;
const ideal = { prefillCompute: 1, decodeCompute: 1, hbm: 1, epOverlap: 0 };

function ctx(overrides: Partial<PhaseContext> = {}): PhaseContext {
  return {
    model: llama8b,
    params: servingParams(llama8b),
    hw: testProfile(),
    layout: { devices: 1, tp: 1, dp: 1, ep: 1 },
    precision: { dense: 'bf16', experts: 'bf16', kvCacheBytes: 2 },
    efficiency: ideal,
    ...overrides,
  };
}

describe('decode bandwidth bound', () => {
  it('batch 1 streams the weights (less the input embedding) and the KV cache once per step', () => {
    const c = ctx();
    const p = c.params;
    const contextTokens = 1000;
    const kvBytes = contextTokens * 32 * 2 * 8 * 128 * 2;
    const weightBytes = (p.nonExpertParams - p.inputEmbeddingParams) * WEIGHT_BYTES.bf16;
    const expected = (weightBytes + kvBytes) / 4e12;
    expect(decodeStep(c, 1, contextTokens, 0).seconds).toBeCloseTo(expected, 9);
    expect(decodeStep(c, 1, contextTokens, 0).bound).toBe('memory');
  });

  it('HBM efficiency stretches a memory-bound step in proportion', () => {
    const fast = decodeStep(ctx(), 1, 1000, 0).seconds;
    const slow = decodeStep(ctx({ efficiency: { ...ideal, hbm: 0.5 } }), 1, 1000, 0).seconds;
    expect(slow / fast).toBeCloseTo(2, 6);
  });

  it('at a large batch the step turns compute-bound and grows with the batch', () => {
    const c = ctx();
    const big = decodeStep(c, 4096, 10, 0);
    expect(big.bound).toBe('compute');
    expect(decodeStep(c, 8192, 10, 0).seconds).toBeGreaterThan(1.9 * big.seconds);
  });
});

describe('MoE decode reads only the experts the batch touches', () => {
  it('expected touched share is 1 - (1 - k/E)^tokens', () => {
    expect(touchedExpertFraction(256, 8, 1)).toBeCloseTo(8 / 256, 12);
    expect(touchedExpertFraction(256, 8, 2)).toBeCloseTo(1 - (248 / 256) ** 2, 12);
    expect(touchedExpertFraction(256, 8, 10_000)).toBeCloseTo(1, 9);
  });

  it('a batch-1 step of DeepSeek-V3 reads far fewer bytes than a full batch', () => {
    const c = ctx({ model: dsv3, params: servingParams(dsv3), layout: { devices: 1, tp: 1, dp: 1, ep: 1 } });
    const one = decodeStep(c, 1, 10, 0);
    const many = decodeStep(c, 512, 10, 0);
    expect(many.memorySeconds / one.memorySeconds).toBeGreaterThan(5);
  });
});

describe('prefill', () => {
  it('is compute-bound at 16K tokens and near 2 x active params per token', () => {
    const c = ctx();
    const tokens = 16384;
    const r = prefillBatch(c, tokens, 1024);
    expect(r.bound).toBe('compute');
    const p = c.params;
    const linear = 2 * tokens * (p.activeLinearParams - p.headParams) + 2 * (tokens / 1024) * p.headParams;
    expect(r.computeSeconds).toBeGreaterThan(linear / 1e15);
    expect(r.computeSeconds).toBeLessThan((1.2 * linear) / 1e15);
  });
});

describe('MTP', () => {
  it('tokens per step = 1 + a for one draft token, 1 + a + a^2 for two', () => {
    expect(tokensPerStep(0, 0.7)).toBe(1);
    expect(tokensPerStep(1, 0.7)).toBeCloseTo(1.7, 12);
    expect(tokensPerStep(2, 0.5)).toBeCloseTo(1.75, 12);
  });
});
