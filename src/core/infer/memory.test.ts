import { describe, expect, it } from 'vitest';
import { getPreset } from '../model/presets';
import {
  activationBytesPerDevice,
  expertShards,
  kvBudgetBytesPerDevice,
  kvBytesPerToken,
  kvBytesPerTokenPerDevice,
  servingParams,
  WEIGHT_BYTES,
  weightBytesPerDevice,
} from './memory';

const llama70b = getPreset('llama3-70b')!;
const dsv3 = getPreset('deepseek-v3')!;

describe('KV-cache bytes per token', () => {
  it('GQA: Llama-3-70B, 8 KV heads x 128 dim x 80 layers x 2 (K,V) x 2 bytes', () => {
    expect(kvBytesPerToken(llama70b, 2)).toBe(8 * 128 * 80 * 2 * 2);
    expect(kvBytesPerToken(llama70b, 2)).toBe(327_680);
    expect(kvBytesPerToken(llama70b, 1)).toBe(163_840);
  });

  it('MLA: DeepSeek-V3 caches kv_lora_rank + rope dim per layer: (512 + 64) x 61 x 2 bytes', () => {
    expect(kvBytesPerToken(dsv3, 2)).toBe((512 + 64) * 61 * 2);
    expect(kvBytesPerToken(dsv3, 2)).toBe(70_272);
  });

  it('TP splits GQA KV heads until tp = kvHeads, then replicates; MLA latent is whole on every rank', () => {
    expect(kvBytesPerTokenPerDevice(llama70b, 2, 4)).toBe(327_680 / 4);
    expect(kvBytesPerTokenPerDevice(llama70b, 2, 8)).toBe(327_680 / 8);
    expect(kvBytesPerTokenPerDevice(llama70b, 2, 16)).toBe(327_680 / 8);
    expect(kvBytesPerTokenPerDevice(dsv3, 2, 8)).toBe(70_272);
  });
});

describe('weight memory', () => {
  it('gives every EP rank at least one whole expert: EP above the expert count replicates experts', () => {
    expect(expertShards(256, { devices: 256, ep: 256 })).toBe(256);
    expect(expertShards(256, { devices: 64, ep: 64 })).toBe(64);
    // Mixtral's 8 experts on EP 16: 8 distinct shards, each held twice (it split them 16 ways)
    expect(expertShards(8, { devices: 16, ep: 16 })).toBe(8);
    // expert TP 2 inside EP 8: 16 shards of 8 experts
    expect(expertShards(8, { devices: 16, ep: 8 })).toBe(16);
    const p = servingParams(dsv3);
    const precision = { dense: 'bf16', experts: 'bf16', kvCacheBytes: 2 } as const;
    const on = (devices: number) =>
      weightBytesPerDevice(p, precision, { devices, tp: 1, dp: devices, ep: devices }, false);
    // 768 dies hold no less expert weight each than 256 do
    expect(on(768) - p.nonExpertParams * 2).toBeCloseTo(on(256) - p.nonExpertParams * 2, -3);
  });

  // Llama-3-70B: 80 x (attention 150,994,944 + MLP 704,643,072 + norms 16,384) + 2 x 128,256 x 8,192
  // embeddings + 8,192 final norm = 70,553,706,496 parameters.
  const llamaParams = 70_553_706_496;

  it('Llama-3-70B under each precision and TP', () => {
    const p = servingParams(llama70b);
    expect(p.nonExpertParams).toBe(llamaParams);
    expect(p.routedExpertParams).toBe(0);
    const layout = { devices: 1, tp: 1, dp: 1, ep: 1 };
    const bytes = (dense: 'bf16' | 'fp8' | 'int8' | 'w4a16' | 'fp4', tp = 1) =>
      weightBytesPerDevice(
        p,
        { dense, experts: dense, kvCacheBytes: 2 },
        { ...layout, devices: tp, tp },
        false,
      );
    expect(bytes('bf16')).toBe(llamaParams * 2);
    expect(bytes('fp8')).toBe(llamaParams);
    expect(bytes('int8')).toBe(llamaParams);
    expect(bytes('fp4')).toBeCloseTo(llamaParams * (0.5 + 1 / 16), 0);
    expect(bytes('w4a16')).toBeCloseTo(llamaParams * (0.5 + 2 / 128), 0);
    expect(bytes('bf16', 8)).toBe((llamaParams * 2) / 8);
  });

  it('DeepSeek-V3: routed experts spread over all devices, the rest per TP group', () => {
    const p = servingParams(dsv3);
    // 58 MoE layers x 256 experts x 3 x 7168 x 2048 weights.
    expect(p.routedExpertParams).toBe(58 * 256 * 3 * 7168 * 2048);
    expect(p.nonExpertParams + p.routedExpertParams).toBeGreaterThan(671e9);
    expect(p.nonExpertParams + p.routedExpertParams).toBeLessThan(672e9);
    const plan = { dense: 'fp8', experts: 'fp8', kvCacheBytes: 2 } as const;
    const dpAttention = weightBytesPerDevice(p, plan, { devices: 32, tp: 1, dp: 32, ep: 32 }, false);
    expect(dpAttention).toBeCloseTo(p.nonExpertParams + p.routedExpertParams / 32, 0);
    const withMtp = weightBytesPerDevice(p, plan, { devices: 32, tp: 1, dp: 32, ep: 32 }, true);
    // The MTP block's 256 routed experts spread over the 32 ranks like the others; the rest is replicated.
    expect(p.mtpExpertParams).toBe(256 * 3 * 7168 * 2048);
    expect(withMtp - dpAttention).toBeCloseTo(p.mtpParams - p.mtpExpertParams + p.mtpExpertParams / 32, 0);
  });

  it('4-bit formats carry their scales', () => {
    expect(WEIGHT_BYTES.fp4).toBe(0.5625);
    expect(WEIGHT_BYTES.w4a16).toBe(0.515625);
  });
});

describe('engine KV budgets', () => {
  const weights = 40e9;
  const runtime = 2e9;

  it('a total-memory fraction (vLLM, SGLang, MindIE) takes weights and runtime out of it', () => {
    const kv = kvBudgetBytesPerDevice({ basis: 'total', fraction: 0.9, source: '' }, 80, weights, runtime);
    // capacities are binary gigabytes: 80 GB = 80 GiB
    expect(kv).toBeCloseTo(0.9 * 80 * 2 ** 30 - weights - runtime, 0);
  });

  it('a free-memory fraction (TensorRT-LLM) applies to what weights and runtime leave', () => {
    const kv = kvBudgetBytesPerDevice({ basis: 'free', fraction: 0.9, source: '' }, 80, weights, runtime);
    expect(kv).toBeCloseTo(0.9 * (80 * 2 ** 30 - weights - runtime), 0);
    // The free basis leaves more for the KV cache than the total basis at the same fraction.
    expect(kv).toBeGreaterThan(
      kvBudgetBytesPerDevice({ basis: 'total', fraction: 0.9, source: '' }, 80, weights, runtime),
    );
  });

  it('no budget when the weights do not fit', () => {
    expect(kvBudgetBytesPerDevice({ basis: 'total', fraction: 0.9, source: '' }, 80, 90e9, runtime)).toBe(0);
  });

  it('activations: every TP rank sees all tokens of the step, logits for the sampled sequences', () => {
    const at1 = activationBytesPerDevice(llama70b, 1, 8192, 0);
    // Llama-3-70B: 2 x 8192 + QKV (64 + 16) x 128 + 2 x 28672 = 83,968 values per token, BF16.
    expect(at1).toBe(8192 * 83_968 * 2);
    expect(activationBytesPerDevice(llama70b, 8, 8192, 0)).toBeLessThan(at1);
    expect(activationBytesPerDevice(llama70b, 1, 8192, 256) - at1).toBe(256 * 128_256 * 4);
  });
});
