import { describe, expect, it } from 'vitest';
import { testProfile } from '../../../test/fixtures/core/infer';
import { getPreset } from '../model/presets';
import { ENGINE_PROFILES } from './engines';
import { estimateServing, type ServingRequest } from './estimate';
import { activationBytesPerDevice, RUNTIME_CONTEXT_GB, servingParams } from './memory';
import { decodeStep, phaseContext, tokensPerStep } from './phases';
import { dieProfile, perDeviceToPerDie, perDieToPerDevice, toDevices } from './units';

const llama8b = getPreset('llama3-8b')!;
const dsv3 = getPreset('deepseek-v3')!;
const eff = { computeScale: 0.7, bandwidthScale: 0.8 };

// SGLang: a total-memory KV rule, alternating prefill and decode batches, an overlapped scheduler.
const base: ServingRequest = {
  engine: 'sglang',
  model: llama8b,
  hw: testProfile(),
  layout: { devices: 1, tp: 1, dp: 1, ep: 1 },
  workload: { inputTokens: 1000, outputTokens: 1000, draftTokens: 0, acceptance: 0 },
  precision: { dense: 'bf16', experts: 'bf16', kvCacheBytes: 2 },
  efficiency: eff,
};

const GiB = 2 ** 30;

describe('batch choice', () => {
  it('without targets, the largest batch that fits the engine KV budget', () => {
    const e = estimateServing(base);
    // SGLang: 0.9 x 100 GB (binary: GiB) minus 8.03B bf16 weights and the runtime workspace; pages on demand, so
    // a request holds input + output / 2 = 1,500 tokens x 131,072 B on average.
    const sglang = ENGINE_PROFILES.sglang;
    const runtime =
      RUNTIME_CONTEXT_GB * GiB +
      activationBytesPerDevice(llama8b, 1, sglang.maxTokensPerStep, sglang.maxSequencesPerRank);
    const free = 0.9 * 100 * GiB - 2 * 8_030_261_248 - runtime;
    expect(e.batchPerDevice).toBe(Math.floor(free / (1500 * 131_072)));
    expect(e.memoryPerDeviceGB.kvBudgetGB).toBeCloseTo(free / GiB, 6);
    expect(e.engine).toBe('sglang');
    expect(e.engineSource).toBe('asked');
    expect(e.problems).toEqual([]);
  });

  it('TensorRT-LLM reserves whole requests out of 90% of the free memory', () => {
    const trt = estimateServing({ ...base, engine: 'trtllm' });
    const t = ENGINE_PROFILES.trtllm;
    const runtime =
      RUNTIME_CONTEXT_GB * GiB +
      activationBytesPerDevice(llama8b, 1, t.maxTokensPerStep, t.maxSequencesPerRank);
    const free = 0.9 * (100 * GiB - 2 * 8_030_261_248 - runtime);
    expect(trt.batchPerDevice).toBe(Math.floor(free / (2000 * 131_072)));
    expect(trt.schedule).toBe('mixed');
  });

  it('the family default engine when none is asked', () => {
    const e = estimateServing({ ...base, engine: undefined });
    expect(e.engine).toBe('vllm');
    expect(e.engineSource).toBe('family default');
  });

  it('under a TPOT target, the largest batch whose TPOT meets it', () => {
    const target = 20;
    const e = estimateServing({ ...base, tpotTargetMs: target });
    expect(e.tpotMs).toBeLessThanOrEqual(target);
    const ctx = phaseContext({
      model: llama8b,
      params: servingParams(llama8b),
      hw: base.hw,
      layout: base.layout,
      precision: base.precision,
      efficiency: eff,
      engine: ENGINE_PROFILES.sglang,
      microBatchOverlap: false,
    });
    const next = decodeStep(ctx, e.batchPerDevice + 1, 1500, 0).seconds * 1000;
    expect(next).toBeGreaterThan(target);
    const looser = estimateServing({ ...base, tpotTargetMs: 40 });
    expect(looser.batchPerDevice).toBeGreaterThan(e.batchPerDevice);
  });

  it('an impossible TPOT target is a problem, not a crash', () => {
    const e = estimateServing({ ...base, tpotTargetMs: 0.1 });
    expect(e.problems.join(' ')).toMatch(/cannot be met/);
  });

  it('a given batch that does not fit is reported', () => {
    const e = estimateServing({ ...base, batchPerDevice: 10_000 });
    expect(e.problems.join(' ')).toMatch(/exceeds/);
  });

  it('a given batch the step budget cannot feed with prompts is a problem, and serves only as fast as prompts get in', () => {
    const vllm = {
      ...base,
      engine: 'vllm' as const,
      workload: { ...base.workload, inputTokens: 2048, outputTokens: 512 },
    };
    const fed = estimateServing({ ...vllm, batchPerDevice: 100 });
    expect(fed.schedule).toBe('mixed');
    expect(fed.problems.join(' ')).not.toMatch(/kept fed/);
    expect(fed.prefillDeviceShare).toBeCloseTo(0.8, 2);
    const starved = estimateServing({ ...vllm, batchPerDevice: 8000 });
    expect(starved.problems.join(' ')).toMatch(/cannot be kept fed/);
    // every request still brings 2,048 prompt tokens per 512 outputs: the output rate follows the prompts admitted
    expect(starved.outputTokensPerSecondPerDevice).toBeLessThan(fed.outputTokensPerSecondPerDevice);
  });

  it('weights that do not fit are reported', () => {
    const e = estimateServing({ ...base, model: dsv3 });
    expect(e.problems.join(' ')).toMatch(/weights need/);
  });
});

describe('throughput arithmetic', () => {
  it('decode tokens/s = batch x tokens per step / step time; TPOT = step / tokens per step', () => {
    const e = estimateServing({
      ...base,
      batchPerDevice: 64,
      workload: { ...base.workload, draftTokens: 1, acceptance: 0.7 },
    });
    const steps = tokensPerStep(1, 0.7);
    expect(e.decodeTokensPerSecondPerDevice).toBeCloseTo((64 * steps) / e.decode.seconds, 6);
    expect(e.tpotMs).toBeCloseTo((e.decode.seconds / steps) * 1000, 9);
    expect(e.decodeTokensPerSecondPerDevice).toBeCloseTo((64 / e.tpotMs) * 1000, 6);
  });

  it('whole requests: O / (I / prefill rate + O / decode rate)', () => {
    const e = estimateServing({ ...base, batchPerDevice: 64 });
    const expected =
      1000 / (1000 / e.prefillTokensPerSecondPerDevice + 1000 / e.decodeTokensPerSecondPerDevice);
    expect(e.outputTokensPerSecondPerDevice).toBeCloseTo(expected, 6);
  });

  it('a static prefill/decode split is capped by its slower pool', () => {
    const e = estimateServing({
      ...base,
      batchPerDevice: 64,
      split: { prefillDevices: 1, decodeDevices: 3 },
    });
    const perRequest = Math.min(
      e.prefillTokensPerSecondPerDevice / 1000,
      (3 * e.decodeTokensPerSecondPerDevice) / 1000,
    );
    expect(e.outputTokensPerSecondPerDevice).toBeCloseTo((perRequest * 1000) / 4, 6);
  });
});

describe('a static prefill/decode split', () => {
  // The layout is the decode pool's; the prefill pool runs the same TP over its own devices and must hold the model.
  const moe: ServingRequest = {
    ...base,
    model: dsv3,
    precision: { dense: 'fp8', experts: 'fp8', kvCacheBytes: 2 },
    layout: { devices: 16, tp: 1, dp: 16, ep: 16 },
  };

  it('counts both pools as the devices, and refuses a prefill pool that cannot hold the weights', () => {
    const fits = estimateServing({ ...moe, split: { prefillDevices: 16, decodeDevices: 16 } });
    expect(fits.devices).toBe(32);
    expect(fits.problems).toEqual([]);
    // two devices hold 671B FP8 parameters only at 300+ GB each, on 100 GB devices
    const small = estimateServing({ ...moe, split: { prefillDevices: 2, decodeDevices: 16 } });
    expect(small.problems.join('; ')).toMatch(/prefill pool's 2 devices cannot hold the model: \d+\.\d GB/);
  });

  it('refuses a TP that does not divide the prefill pool', () => {
    const e = estimateServing({
      ...base,
      layout: { devices: 4, tp: 2, dp: 2, ep: 1 },
      split: { prefillDevices: 1, decodeDevices: 4 },
    });
    expect(e.problems).toContain("TP 2 does not divide the prefill pool's 1 devices");
  });
});

describe('time to first token', () => {
  // vLLM: chunked prefill, prompt chunks ride in the decode steps
  const vllm: ServingRequest = { ...base, engine: 'vllm', workload: { ...base.workload, inputTokens: 4000 } };

  it("with mixed steps is the steps a prompt's chunks ride, and a TTFT target shrinks the batch to meet it", () => {
    const free = estimateServing(vllm);
    expect(free.schedule).toBe('mixed');
    // one step carries the whole 4,000-token prompt beside the decodes: longer than the prompt alone, and than the
    // average mixed step (which carries the steady-state share of prompts)
    expect(ENGINE_PROFILES.vllm.maxTokensPerStep - free.batchPerDevice).toBeGreaterThan(4000);
    expect(free.ttftAloneMs).toBeLessThan(free.ttftMs);
    expect(free.ttftMs).toBeGreaterThan(free.servingStep.seconds * 1000);
    const target = (free.ttftMs + free.ttftAloneMs) / 2;
    const held = estimateServing({ ...vllm, ttftTargetMs: target });
    expect(held.problems).toEqual([]);
    expect(held.ttftMs).toBeLessThanOrEqual(target);
    expect(held.batchPerDevice).toBeLessThan(free.batchPerDevice);
    // below what one prompt alone takes, no batch meets it
    const impossible = estimateServing({ ...vllm, ttftTargetMs: free.ttftAloneMs / 2 });
    expect(impossible.problems.join('; ')).toMatch(/TTFT \d+ ms misses the/);
  });
});

describe('package versus die', () => {
  it('converts counts and rates', () => {
    expect(toDevices(16, 'die', 2)).toBe(8);
    expect(toDevices(8, 'device', 2)).toBe(8);
    expect(perDieToPerDevice(179, 2)).toBe(358);
    expect(perDeviceToPerDie(1943, 2)).toBe(971.5);
  });

  it('a die is half a package', () => {
    const pkg = testProfile({
      family: 'huawei-ascend-910',
      diesPerPackage: 2,
      hbmCapacityGB: 128,
      hbmBandwidthTBps: 3.2,
    });
    const die = dieProfile(pkg);
    expect(die.hbmCapacityGB).toBe(64);
    expect(die.hbmBandwidthTBps).toBe(1.6);
    expect(die.peakTflops.bf16).toBe(500);
    expect(die.diesPerPackage).toBe(1);
  });

  it('a 910C-style package serves as two dies: per-device figures are twice the per-die ones', () => {
    const pkg = testProfile({
      family: 'huawei-ascend-910',
      diesPerPackage: 2,
      hbmCapacityGB: 128,
      hbmBandwidthTBps: 3.2,
    });
    const request = {
      ...base,
      batchPerDevice: 32,
      precision: { dense: 'int8', experts: 'int8', kvCacheBytes: 2 },
    } as const;
    const asPackage = estimateServing({ ...request, hw: pkg, layout: { devices: 2, tp: 1, dp: 2, ep: 1 } });
    const asDie = estimateServing({ ...request, hw: dieProfile(pkg), batchPerDevice: 16 });
    expect(asPackage.devices).toBe(1);
    expect(asPackage.logicalPerDevice).toBe(2);
    expect(asPackage.decodeTokensPerSecondPerDevice).toBeCloseTo(2 * asDie.decodeTokensPerSecondPerDevice, 6);
    expect(asPackage.prefillTokensPerSecondPerDevice).toBeCloseTo(
      2 * asDie.prefillTokensPerSecondPerDevice,
      6,
    );
    expect(asPackage.tpotMs).toBeCloseTo(asDie.tpotMs, 9);
    expect(asPackage.memoryPerDeviceGB.totalGB).toBeCloseTo(2 * asDie.memoryPerDeviceGB.totalGB, 6);
    expect(asPackage.deviceUnit).toMatch(/package \(2 dies, each its own device to the software/);
  });

  it('a two-die GPU that shows up as one device (B200) is not split', () => {
    const b200 = testProfile({ family: 'nvidia-blackwell', diesPerPackage: 2 });
    const e = estimateServing({ ...base, hw: b200, batchPerDevice: 8 });
    expect(e.logicalPerDevice).toBe(1);
    // no per-die figures exist for it: the note said "per-die figures are half of per-device ones"
    expect(e.deviceUnit).toBe('a device is one Test GPU (2 dies, one device to the software)');
  });
});
