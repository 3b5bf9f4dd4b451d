import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../catalog/load';
import { modelPresetName, parsePrecision, parseRun } from './runs';

const catalog = loadBuiltinCatalog();

const row = (fields: Record<string, string>) => ({
  run_id: 'R1',
  model: 'DeepSeek-R1 (671B MoE)',
  precision: 'INT8 (W8A8)',
  hardware: 'Huawei Ascend 910C in CloudMatrix384',
  accel_count: '160 (decode pool = 320 dies)',
  count_unit: 'NPU package (dual-die)',
  parallelism: 'EP320 (one expert per die), DP attention',
  phase: 'decode (isolated)',
  input_len: '4096',
  output_len: '256',
  batch_or_concurrency: '24 per NPU',
  slo: '',
  per_accel_tok_s: '974',
  token_kind: 'output',
  spec_decode: 'MTP 1 token, ~70% acceptance assumed',
  verification: 'secondary',
  notes: '',
  ...fields,
});

describe('reading a run', () => {
  it('a CloudMatrix decode row: packages, EP in dies, MTP acceptance, batch per NPU', () => {
    const r = parseRun(row({}), catalog);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.hardwareId).toBe('huawei-cloudmatrix-384');
    expect(s.modelName).toBe('deepseek-v3');
    expect(s.layout).toEqual({ devices: 320, tp: 1, dp: 320, ep: 320 });
    expect(s.batchPerDevice).toBe(24);
    expect(s.draftTokens).toBe(1);
    expect(s.acceptance).toBeCloseTo(0.7);
    expect(s.decodeContextTokens).toBe(4096 + 128);
    expect(s.precision).toEqual({ dense: 'int8', experts: 'int8', kvCacheBytes: 2 });
  });

  it('per-die counts and the per-package measurement', () => {
    const r = parseRun(
      row({
        count_unit: 'die (24 NPU packages)',
        accel_count: '48',
        parallelism: 'TP4',
        phase: 'end-to-end',
        batch_or_concurrency: '',
        spec_decode: '',
        model: 'Qwen3-235B-A22B',
        per_accel_tok_s: '179.0 per die (358.1 per package)',
      }),
      catalog,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.layout.devices).toBe(48);
    expect(r.scenario.measured).toBe(358.1);
  });

  it('a closed loop at a fixed concurrency: the end-to-end phase at the server concurrency, stated as such', () => {
    const closed = (phase: string, batch: string) =>
      parseRun(
        row({
          hardware: 'NVIDIA H100',
          count_unit: 'GPU',
          accel_count: '8',
          parallelism: 'TP8',
          model: 'Llama 3.1 70B',
          precision: 'FP8',
          spec_decode: '',
          phase,
          batch_or_concurrency: batch,
        }),
        catalog,
      );
    const ok = closed(
      'online serving, fixed max concurrency (vllm bench serve)',
      'max concurrency 64 (whole server)',
    );
    expect(ok.ok && ok.scenario.phase).toBe('e2e');
    expect(ok.ok && ok.scenario.batchPerDevice).toBe(8);
    // the concurrency must say it counts the whole server, or the row is not read
    const bare = closed('online serving, fixed max concurrency', '64 (whole server)');
    expect(bare.ok ? '' : bare.reason).toMatch(/max concurrency N \(whole server\)/);
    // an open loop stays skipped wherever its request rate is stated
    const open = closed(
      'online serving, request-rate 10, max concurrency 256',
      'max concurrency 256 (whole server)',
    );
    expect(open.ok ? '' : open.reason).toMatch(/request-rate/);
  });

  it('skips with a reason', () => {
    const noAcceptance = parseRun(row({ spec_decode: 'MTP, 3 next-n layers' }), catalog);
    expect(noAcceptance.ok ? '' : noAcceptance.reason).toMatch(/acceptance/);
    const noPrecision = parseRun(row({ precision: 'not disclosed' }), catalog);
    expect(noPrecision.ok ? '' : noPrecision.reason).toMatch(/precision/);
    const unknownChip = parseRun(row({ hardware: 'Acme X1' }), catalog);
    expect(unknownChip.ok ? '' : unknownChip.reason).toMatch(/no catalog id/);
    // a batch that is not a positive number was predicted at the largest batch (+232%)
    for (const batch of ['-8 per NPU', '0 per NPU']) {
      const bad = parseRun(row({ batch_or_concurrency: batch }), catalog);
      expect(bad.ok ? '' : bad.reason).toBe(`batch "${batch}" is not a positive number`);
    }
  });

  it('precision texts', () => {
    expect(parsePrecision('FP8 attention, NVFP4 MoE', true)).toEqual({
      dense: 'fp8',
      experts: 'fp4',
      kvCacheBytes: 1,
      attention: 'fp8',
    });
    expect(parsePrecision('BF16 attention, FP8 MoE', true)).toEqual({
      dense: 'fp8',
      experts: 'fp8',
      kvCacheBytes: 2,
    });
    expect(parsePrecision('NVFP4 weights, FP8 KV cache', true)).toEqual({
      dense: 'fp8',
      experts: 'fp4',
      kvCacheBytes: 1,
    });
    expect(parsePrecision('FP4', false)).toEqual({ dense: 'fp4', experts: 'fp4', kvCacheBytes: 2 });
    expect(parsePrecision('FP8', false, 'Llama 3.3 70B (NVIDIA ModelOpt checkpoint)')?.kvCacheBytes).toBe(1);
    // Intel Neural Compressor's FP8 (empty allowlist = every supported module, KVCache among them)
    expect(parsePrecision('FP8 (Intel Neural Compressor maxabs quant)', false)?.kvCacheBytes).toBe(1);
    expect(parsePrecision('FP8 (INC maxabs_quant.json)', false)?.kvCacheBytes).toBe(1);
    expect(parsePrecision('BF16 (INC not used)', false)?.kvCacheBytes).toBe(2);
    expect(parsePrecision('FP8 (INC maxabs), BF16 KV cache', false)?.kvCacheBytes).toBe(2);
    expect(parsePrecision('not disclosed', false)).toBeNull();
  });

  it('model names', () => {
    expect(modelPresetName('DeepSeek-V3/R1 (671B MoE, 37B active)')).toBe('deepseek-v3');
    expect(modelPresetName('Llama 3.3 70B (NVIDIA ModelOpt checkpoint)')).toBe('Llama-3.3-70B');
  });
});

describe('engine, settings and source of a run', () => {
  it('names the engine profile from the engine column, none for in-house engines', () => {
    const trt = parseRun(row({ engine: 'TensorRT-LLM (PyTorch backend)' }), catalog);
    expect(trt.ok && trt.scenario.engine).toBe('trtllm');
    const vllmWithTrtKernels = parseRun(row({ engine: 'vLLM (V1, FlashInfer TRTLLM-Gen kernels)' }), catalog);
    expect(vllmWithTrtKernels.ok && vllmWithTrtKernels.scenario.engine).toBe('vllm');
    const ascend = parseRun(row({ engine: 'vLLM 0.13.0 + vLLM-Ascend 0.13.0rc1' }), catalog);
    expect(ascend.ok && ascend.scenario.engine).toBe('vllm-ascend');
    const inHouse = parseRun(row({ engine: 'CloudMatrix-Infer' }), catalog);
    expect(inHouse.ok && inHouse.scenario.engine).toBeUndefined();
  });

  it('micro-batch overlap when the row says so, or for DeepSeek in-house (dual-batch overlap)', () => {
    const cm = parseRun(row({}), catalog);
    expect(cm.ok && cm.scenario.microBatchOverlap).toBe(false);
    const pipelined = parseRun(row({ parallelism: 'EP320, DP attention, microbatch pipelining' }), catalog);
    expect(pipelined.ok && pipelined.scenario.microBatchOverlap).toBe(true);
    const ds = parseRun(row({ engine: 'DeepSeek in-house (profile)' }), catalog);
    expect(ds.ok && ds.scenario.microBatchOverlap).toBe(true);
  });

  it('engine settings column', () => {
    const r = parseRun(
      row({ engine_settings: 'kv_fraction=0.85; max_num_tokens=1536; chunked_prefill=0' }),
      catalog,
    );
    expect(r.ok && r.scenario.engineSettings).toEqual({
      kvFraction: 0.85,
      maxTokensPerStep: 1536,
      mixedBatches: false,
    });
    const bad = parseRun(row({ engine_settings: 'kv_fraction=2' }), catalog);
    expect(bad.ok ? '' : bad.reason).toMatch(/engine_settings/);
  });

  it('groups by source URL', () => {
    const r = parseRun(row({ source_url: 'https://arxiv.org/abs/2506.12708' }), catalog);
    expect(r.ok && r.scenario.source).toBe('https://arxiv.org/abs/2506.12708');
  });
});
