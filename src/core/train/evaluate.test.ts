import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardware, model } from '../../../test/fixtures/core/train';
import { efficiencyProfileFor } from './calibration';
import { buildContext } from './context';
import { emptyEvaluation, evaluateLayout, LayerCostCache } from './evaluate';
import { FRAMEWORK_PROFILES, type FrameworkId } from './framework';
import { eagerExtraElements, layerCosts } from './layer-costs';
import { epOverlapAllowed } from './layout-rules';
import type { TrainLayout } from './types';

const base: TrainLayout = {
  tp: 8,
  pp: 4,
  vp: 1,
  dp: 2,
  cp: 1,
  ep: 1,
  etp: 1,
  mbs: 1,
  recompute: 'none',
  zero: 1,
  schedule: '1f1b',
  sequenceParallel: true,
  flashAttention: true,
  overlapTpComm: true,
  overlapDpGrad: true,
  overlapParamGather: true,
  overlapEpComm: false,
  moeDispatcher: 'alltoall',
  fullIterationCudaGraph: false,
  groupedExperts: true,
  reuseFp32Params: false,
};

/** Llama 3 8B on 8 H100 at 4,096 tokens, global batch 64, under one framework. */
const llama8bOnH100 = (framework: FrameworkId) =>
  buildContext(
    model('llama3-8b'),
    hardware('nvidia-dgx-h100'),
    { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16', framework },
    8,
  );

describe('pipeline schedule', () => {
  const ctx = buildContext(
    model('gpt3-175b'),
    hardware('nvidia-dgx-a100'),
    { seqLen: 2048, globalBatchSeqs: 16, precision: 'bf16' },
    64,
  );
  it('1F1B: m micro-batches on the slowest stage plus (p-1) of the mean stage', () => {
    const e = evaluateLayout(ctx, new LayerCostCache(ctx), base);
    const pipeline = e.stepSeconds - e.dpCommSeconds - e.optimizerSeconds;
    const m = 16 / 2;
    expect(e.microBatches).toBe(m);
    expect(pipeline).toBeCloseTo(m * e.slowestStageSeconds + 3 * e.meanStageSeconds, 10);
    expect(e.bubbleSeconds).toBeCloseTo(3 * e.meanStageSeconds, 10);
    // the last stage carries the logits, so it is the slowest
    expect(e.slowestStageSeconds).toBeGreaterThan(e.meanStageSeconds);
  });
  it('with equal stages the bubble fraction is (p-1)/(m+p-1); interleaving divides it by vp', () => {
    const e1 = evaluateLayout(ctx, new LayerCostCache(ctx), { ...base, pp: 1, dp: 8 });
    expect(e1.bubbleSeconds).toBe(0);
    const e = evaluateLayout(ctx, new LayerCostCache(ctx), { ...base, vp: 4 });
    expect(e.bubbleSeconds).toBeCloseTo((3 / 4) * e.meanStageSeconds, 10);
  });
});

describe('activation memory (Korthikanti et al. 2022)', () => {
  it('is 32 s b h / t bytes per layer with SP and flash attention for a GPT layer (34 minus the dropout masks)', () => {
    const gpt3 = model('gpt3-175b');
    const ctx = buildContext(
      gpt3,
      hardware('nvidia-dgx-a100'),
      { seqLen: 2048, globalBatchSeqs: 8, precision: 'bf16' },
      8,
    );
    const costs = layerCosts(ctx, 8, 1, 1, 1, 1, true, true);
    // flash attention keeps one fp32 log-sum-exp per head and query beside the 32 sbh/t
    const lse = (2048 * gpt3.heads * 4) / 8;
    expect(costs.actDenseBytes).toBeCloseTo((32 * 2048 * gpt3.hidden) / 8 + lse, 0);
    expect(costs.actCheckpointBytes).toBeCloseTo((2 * 2048 * gpt3.hidden) / 8, 0);
  });
  it('adds 5 a s^2 b / t with unfused attention (eq. 2), which selective recompute frees', () => {
    const gpt3 = model('gpt3-175b');
    const ctx = buildContext(
      gpt3,
      hardware('nvidia-dgx-a100'),
      { seqLen: 2048, globalBatchSeqs: 8, precision: 'bf16', framework: 'megatron-lm-2022' },
      8,
    );
    const costs = layerCosts(ctx, 8, 1, 1, 1, 1, true, false);
    const s = 2048;
    const h = gpt3.hidden;
    const a = gpt3.heads;
    // Korthikanti et al. 2022 with SP (their §4.2.2, eq. 2 sharded): s b h / t (34 + 5 a s / h), the hidden-dropout
    // masks of the 2021-22 recipes included
    expect(costs.actDenseBytes).toBeCloseTo(((s * h) / 8) * (34 + (5 * a * s) / h), 0);
    expect(costs.actCoreAttentionBytes).toBeCloseTo((5 * a * s * s) / 8, 0);
    // without SP, eq. 2 itself: s b h (10 + 24 / t + 5 a s / (h t)); the GEMM inputs are whole on every rank (they
    // were divided by t, a third too little for GPT-3 175B)
    const noSp = layerCosts(ctx, 8, 1, 1, 1, 1, false, false);
    expect(noSp.actDenseBytes).toBeCloseTo(s * h * (10 + 24 / 8 + (5 * a * s) / (h * 8)), 0);
  });
  it('full recompute keeps only layer inputs plus one working layer', () => {
    const ctx = buildContext(
      model('gpt3-175b'),
      hardware('nvidia-dgx-a100'),
      { seqLen: 2048, globalBatchSeqs: 16, precision: 'bf16' },
      64,
    );
    const cache = new LayerCostCache(ctx);
    const none = evaluateLayout(ctx, cache, base, emptyEvaluation());
    const full = evaluateLayout(ctx, cache, { ...base, recompute: 'full' }, emptyEvaluation());
    expect(full.activationsGB).toBeLessThan(none.activationsGB / 5);
    expect(full.recomputeSeconds).toBeGreaterThan(0);
    expect(full.stepSeconds).toBeGreaterThan(none.stepSeconds);
  });
  it('Megatron distributed optimizer holds 6 + 12/d bytes per parameter', () => {
    const ctx = buildContext(
      model('llama3-8b'),
      hardware('nvidia-dgx-h100'),
      { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16' },
      8,
    );
    const one = { ...base, tp: 1, pp: 1, dp: 8 };
    const e = evaluateLayout(ctx, new LayerCostCache(ctx), one);
    // memory figures are binary gigabytes (hardware/profile.ts)
    const params = (e.weightsGB * GiB) / 2;
    expect(params / 1e9).toBeCloseTo(8.03, 1);
    expect((e.gradientsGB * GiB) / params).toBeCloseTo(4, 6);
    expect((e.optimizerStatesGB * GiB) / params).toBeCloseTo(12 / 8, 6);
  });
  it("HAI-LLM keeps Adam's moments in BF16: 8 bytes of optimizer state per parameter (DeepSeek-V3 §3.3.2)", () => {
    const states = (framework: 'megatron-core' | 'hai-llm') => {
      const ctx = llama8bOnH100(framework);
      return evaluateLayout(ctx, new LayerCostCache(ctx), { ...base, tp: 1, pp: 1, dp: 8, zero: 1 })
        .optimizerStatesGB;
    };
    expect(states('hai-llm') / states('megatron-core')).toBeCloseTo(8 / 12, 9);
  });
  it("Megatron-Bridge's recipes keep the gradient buffer in bf16 (grad_reduce_in_fp32 = False): half of Megatron-Core's", () => {
    const gradients = (framework: 'megatron-core' | 'megatron-bridge') => {
      const ctx = llama8bOnH100(framework);
      return evaluateLayout(ctx, new LayerCostCache(ctx), { ...base, tp: 1, pp: 1, dp: 8, zero: 1 })
        .gradientsGB;
    };
    expect(gradients('megatron-bridge') / gradients('megatron-core')).toBeCloseTo(0.5, 9);
  });
  it("`activations` recompute frees a dense MLP's activation only where the framework recomputes it (MindSpeed, not Megatron-Core)", () => {
    const freed = (framework: 'megatron-core' | 'mindspeed') => {
      const ctx = llama8bOnH100(framework);
      const at = (recompute: 'none' | 'activations') =>
        evaluateLayout(ctx, new LayerCostCache(ctx), { ...base, tp: 8, pp: 1, dp: 1, recompute });
      const none = at('none');
      const act = at('activations');
      return { bytes: (none.activationsGB - act.activationsGB) * GiB, seconds: act.recomputeSeconds };
    };
    const megatron = freed('megatron-core');
    const mindspeed = freed('mindspeed');
    // per layer and micro-batch of 4096 tokens at TP 8 with SP: the norms' outputs (2h / 8 bytes per token), and
    // MindSpeed's --recompute-activation-function also the SwiGLU output (2f / 8 bytes per token); one micro-batch
    // in flight (pp 1), 32 layers
    const tokens = 4096;
    expect(megatron.bytes).toBeCloseTo(32 * tokens * ((2 * 4096) / 8), -4);
    expect(mindspeed.bytes - megatron.bytes).toBeCloseTo(32 * tokens * ((2 * 14336) / 8), -4);
    expect(mindspeed.seconds).toBeGreaterThan(megatron.seconds);
  });
  it("JAX's full remat recomputes the backward's inputs only: not the MLP down projection nor the TP collective after it", () => {
    const run = (framework: 'megatron-core' | 'maxtext') => {
      const ctx = llama8bOnH100(framework);
      return evaluateLayout(ctx, new LayerCostCache(ctx), {
        ...base,
        tp: 8,
        pp: 1,
        dp: 1,
        recompute: 'full',
      });
    };
    const torch = run('megatron-core');
    const jax = run('maxtext');
    // 32 layers x the down projection's 2 x h x f FLOPs per token (h 4096, f 14336)
    expect(torch.recomputeFlopsPerToken - jax.recomputeFlopsPerToken).toBeCloseTo(32 * 2 * 4096 * 14336, -3);
    const flopShare = 1 - jax.recomputeFlopsPerToken / torch.recomputeFlopsPerToken;
    const timeShare = 1 - jax.recomputeSeconds / torch.recomputeSeconds;
    expect(timeShare).toBeGreaterThan(0.5 * flopShare);
    expect(timeShare).toBeLessThan(1.5 * flopShare);
  });
});

const GiB = 2 ** 30;

describe('properties', () => {
  const ctx = buildContext(
    model('llama3-70b'),
    hardware('nvidia-dgx-h100'),
    { seqLen: 4096, globalBatchSeqs: 1024, precision: 'bf16' },
    512,
  );
  const arbitraryLayout = fc.record({
    tp: fc.constantFrom(1, 2, 4, 8),
    pp: fc.constantFrom(1, 2, 4, 8),
    mbs: fc.constantFrom(1, 2),
    recompute: fc.constantFrom('none' as const, 'selective' as const, 'block' as const, 'full' as const),
    zero: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
  });
  it('memory is never negative and every term is finite', () => {
    fc.assert(
      fc.property(arbitraryLayout, (l) => {
        const dp = 512 / (l.tp * l.pp);
        const e = evaluateLayout(ctx, new LayerCostCache(ctx), { ...base, ...l, dp });
        for (const value of [
          e.weightsGB,
          e.gradientsGB,
          e.optimizerStatesGB,
          e.activationsGB,
          e.memoryGB,
          e.stepSeconds,
        ]) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it("the step breakdown's parts add up to the step, even and uneven pipeline splits alike", () => {
    // 80 layers: pp 3, 6 and 7 leave stages of unequal size, and the last one also carries the logits
    fc.assert(
      fc.property(arbitraryLayout, fc.constantFrom(1, 2, 3, 4, 6, 7, 8), (l, pp) => {
        const devices = l.tp * pp * 2;
        const c = buildContext(ctx.model, ctx.hardware, ctx.setup, devices);
        const e = evaluateLayout(c, new LayerCostCache(c), { ...base, ...l, pp, dp: 2 });
        const parts =
          e.computeSeconds +
          e.recomputeSeconds +
          e.tpCommSeconds +
          e.cpCommSeconds +
          e.epCommSeconds +
          e.ppCommSeconds +
          e.overheadSeconds +
          e.bubbleSeconds +
          e.dpCommSeconds +
          e.optimizerSeconds;
        expect(parts).toBeCloseTo(e.stepSeconds, 6);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
  it('more data-parallel devices never make the per-step compute of a fixed layout longer', () => {
    fc.assert(
      fc.property(arbitraryLayout, fc.constantFrom(2, 4, 8), (l, factor) => {
        const small = buildContext(ctx.model, ctx.hardware, ctx.setup, l.tp * l.pp * 2);
        const large = buildContext(ctx.model, ctx.hardware, ctx.setup, l.tp * l.pp * 2 * factor);
        const a = evaluateLayout(small, new LayerCostCache(small), { ...base, ...l, dp: 2 });
        const b = evaluateLayout(large, new LayerCostCache(large), { ...base, ...l, dp: 2 * factor });
        expect(b.computeSeconds).toBeLessThanOrEqual(a.computeSeconds * (1 + 1e-12));
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});

describe('flash attention and head size', () => {
  it('narrow heads run attention slower at equal FLOPs (exponentials per score: FlashAttention-3 §3.1)', () => {
    const wide = model('llama3-8b');
    const narrow = { ...wide, heads: wide.heads * 2, kvHeads: wide.kvHeads * 2, headDim: wide.headDim / 2 };
    const costsOf = (m: typeof wide) => {
      const ctx = buildContext(
        m,
        hardware('nvidia-dgx-h100'),
        { seqLen: 8192, globalBatchSeqs: 8, precision: 'bf16' },
        8,
      );
      return { ctx, costs: layerCosts(ctx, 1, 1, 1, 1, 1, false, true) };
    };
    const a = costsOf(wide);
    const b = costsOf(narrow);
    // same attention FLOPs per token (2 x s x heads x headDim is unchanged)
    expect(b.ctx.attentionCoreFlops).toBeCloseTo(a.ctx.attentionCoreFlops, 0);
    // head size 64 against 128: (128/191) / (64/127) = 1.33x the time
    expect(b.costs.attentionFwd / a.costs.attentionFwd).toBeCloseTo(128 / 191 / (64 / 127), 3);
    expect(b.costs.attentionBwd / a.costs.attentionBwd).toBeCloseTo(128 / 191 / (64 / 127), 3);
  });
});

describe('eager model code (DeepSpeed runs the Hugging Face module as written)', () => {
  const costsUnder = (framework: FrameworkId, name = 'llama3-8b') => {
    const ctx = buildContext(
      model(name),
      hardware('nvidia-dgx-h100'),
      { seqLen: 4096, globalBatchSeqs: 8, precision: 'bf16', framework },
      8,
    );
    return { ctx, costs: layerCosts(ctx, 1, 1, 1, 1, 1, false, true) };
  };

  it("moves the unfused norms', rotary, SwiGLU, key/value expansion and transpose bytes; nothing else changes", () => {
    const fused = costsUnder('fsdp');
    const eager = costsUnder('deepspeed');
    const m = model('llama3-8b');
    const q = eager.ctx.qWidth;
    const kv = eager.ctx.kvWidth;
    const v = eager.ctx.vWidth;
    // Llama 3 8B: RMSNorm x2 (16h each), rotary 8(q + kv), SwiGLU 2f, repeat_kv (2kv + q + v), transpose 2v
    const extra = 32 * m.hidden + 8 * (q + kv) + 2 * m.ffnHidden + (2 * kv + q + v) + 2 * v;
    expect(eagerExtraElements(eager.ctx, 1, 1, 1, 0).dense).toBe(extra);
    expect(eager.costs.memoryDenseFwd - fused.costs.memoryDenseFwd).toBeCloseTo(
      (4096 * extra * 2) / eager.ctx.hbmBytesPerSecond,
      9,
    );
    expect(eager.costs.gemmDenseFwd).toBe(fused.costs.gemmDenseFwd);
    expect(eager.costs.attentionFwd).toBe(fused.costs.attentionFwd);
    expect(eager.costs.actDenseBytes).toBe(fused.costs.actDenseBytes);
  });

  it('charges a LayerNorm + GELU model with full multi-head attention only its rotary and output transpose', () => {
    const ctx = buildContext(
      { ...model('llama3-8b'), norm: 'layernorm', gatedMlp: false, kvHeads: model('llama3-8b').heads },
      hardware('nvidia-dgx-h100'),
      { seqLen: 4096, globalBatchSeqs: 8, precision: 'bf16', framework: 'deepspeed' },
      8,
    );
    expect(eagerExtraElements(ctx, 1, 1, 1, 0).dense).toBe(8 * (ctx.qWidth + ctx.kvWidth) + 2 * ctx.vWidth);
  });

  it("in a MoE layer, the extra SwiGLU work is every routed copy's expert slice and the shared experts'", () => {
    const moeModel = model('qwen3-30b-a3b');
    const moe = moeModel.moe!;
    const ctx = buildContext(
      moeModel,
      hardware('nvidia-dgx-h100'),
      { seqLen: 4096, globalBatchSeqs: 8, precision: 'bf16', framework: 'deepspeed' },
      8,
    );
    const { dense, moe: moeElems } = eagerExtraElements(ctx, 1, 1, 1, moe.topK);
    const attentionPart = dense - 2 * moeModel.ffnHidden;
    expect(moeElems - attentionPart).toBe(
      2 * (moe.topK * moe.expertFfnHidden + moe.sharedExperts * moe.sharedExpertFfnHidden),
    );
  });

  it('only DeepSpeed runs model code eagerly among the built-in frameworks', () => {
    const eager = Object.values(FRAMEWORK_PROFILES)
      .filter((f) => f.eagerModelCode)
      .map((f) => f.id);
    expect(eager).toEqual(['deepspeed']);
  });
});

describe('fp8 casts', () => {
  it("a MoE layer casts every routed copy's expert inputs, not the dense MLP's", () => {
    const moeModel = model('qwen3-30b-a3b');
    const moe = moeModel.moe!;
    const memoryMoe = (precision: 'bf16' | 'fp8') => {
      const ctx = buildContext(
        moeModel,
        hardware('nvidia-dgx-h100'),
        { seqLen: 4096, globalBatchSeqs: 8, precision },
        8,
      );
      return { ctx, seconds: layerCosts(ctx, 1, 1, 1, 8, 1, false, true).memoryMoeFwd };
    };
    const bf16 = memoryMoe('bf16');
    const fp8 = memoryMoe('fp8');
    // 1.5 bf16-element equivalents (2 B read + 1 B written) per GEMM input element, 4,096 tokens, 2 B each
    const h = moeModel.hidden;
    const castElems =
      1.5 * (h + fp8.ctx.qWidth + moe.topK * (h + moe.expertFfnHidden)) +
      (moe.sharedExperts > 0 ? 1.5 * (h + moe.sharedExperts * moe.sharedExpertFfnHidden) : 0);
    expect(fp8.seconds - bf16.seconds).toBeCloseTo((4096 * castElems * 2) / fp8.ctx.hbmBytesPerSecond, 9);
  });
});

describe('expert tensor parallelism', () => {
  it('under SP a rank does s x topK x f / tp of expert work whatever etp (the ETP group all-gathers its tokens)', () => {
    const moeModel = model('qwen3-30b-a3b');
    const moe = moeModel.moe!;
    const hw = hardware('nvidia-dgx-h100');
    const setup = { seqLen: 4096, globalBatchSeqs: 8, precision: 'bf16' } as const;
    // saturated GEMMs (no shape penalty) and no MoE factor: GEMM seconds are FLOPs over one rate
    const plain = buildContext(moeModel, hw, setup, 8);
    const ctx = buildContext(moeModel, hw, setup, 8, {
      ...plain.efficiency,
      gemmHalfSaturationDim: 1e-9,
      moeLayerRelativeEfficiency: 1,
    });
    const tp = 4;
    const gemmMoe = (etp: number) => layerCosts(ctx, tp, 1, 1, 1, etp, true, true).gemmMoeFwd;
    const rate = ctx.gemmPeakFlops * ctx.gemmEfficiency;
    const expertSeconds =
      (3 * 2 * 4096 * moe.topK * moeModel.hidden * moe.expertFfnHidden * ctx.moeImbalance) / tp / rate;
    expect(gemmMoe(4)).toBeCloseTo(gemmMoe(1), 9);
    expect(gemmMoe(2)).toBeCloseTo(gemmMoe(1), 9);
    // what is left besides the experts (attention projections, router) is the same small remainder for any etp
    expect(gemmMoe(4) - expertSeconds).toBeGreaterThan(0);
    expect(gemmMoe(4) - expertSeconds).toBeLessThan(expertSeconds);
  });
});

describe('expert-parallel overlap', () => {
  it('hides a share of the all-to-all only when the layout overlaps it (overlapEpComm)', () => {
    const moeModel = model('qwen3-30b-a3b');
    const ctx = buildContext(
      moeModel,
      hardware('nvidia-dgx-h100'),
      { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16', framework: 'megatron-core' },
      16,
    );
    // EP 8 inside one NVLink node: the all-to-all is short beside the layers' computation
    const layout: TrainLayout = { ...base, tp: 1, pp: 1, dp: 16, ep: 8, etp: 1, sequenceParallel: false };
    const epSeconds = (overlapEpComm: boolean) =>
      evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, overlapEpComm }).epCommSeconds;
    expect(epSeconds(false)).toBeGreaterThan(0);
    expect(epSeconds(true)).toBeCloseTo(epSeconds(false) * (1 - ctx.efficiency.epOverlapFraction), 9);
  });
  it('never hides more of the all-to-all than the MoE layers compute (EP 64 over eight 8-GPU nodes)', () => {
    const moeModel = model('qwen3-30b-a3b');
    const ctx = buildContext(
      moeModel,
      hardware('nvidia-dgx-b200'),
      { seqLen: 4096, globalBatchSeqs: 256, precision: 'bf16', framework: 'megatron-core' },
      64,
    );
    const layout: TrainLayout = { ...base, tp: 1, pp: 1, dp: 64, ep: 64, etp: 1, sequenceParallel: false };
    const run = (overlapEpComm: boolean) =>
      evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, overlapEpComm }, emptyEvaluation());
    const overlapped = run(true);
    const waited = run(false).epCommSeconds;
    const hidden = waited - overlapped.epCommSeconds;
    // across InfiniBand the all-to-all outlasts the layers' computation: the fitted share cannot all be hidden
    expect(waited).toBeGreaterThan(overlapped.computeSeconds);
    expect(hidden).toBeGreaterThan(0);
    expect(hidden).toBeLessThanOrEqual(overlapped.computeSeconds * (1 + 1e-9));
    expect(hidden).toBeLessThan(waited * ctx.efficiency.epOverlapFraction);
  });
  it("is off unless stated (Megatron-Core's default), and the search turns it on only where Megatron-Core allows it", () => {
    expect(FRAMEWORK_PROFILES['megatron-core'].defaults.overlapEpComm).toBe(false);
    const allowed = (l: Partial<TrainLayout>) =>
      epOverlapAllowed(true, { ep: 8, pp: 1, vp: 1, recompute: 'none', ...l });
    expect(allowed({})).toBe(true);
    expect(allowed({ ep: 1 })).toBe(false);
    expect(allowed({ pp: 4 })).toBe(false); // needs virtual stages with a pipeline
    expect(allowed({ pp: 4, vp: 2 })).toBe(true);
    expect(allowed({ recompute: 'full' })).toBe(false);
    expect(epOverlapAllowed(false, { ep: 8, pp: 1, vp: 1, recompute: 'none' })).toBe(false);
  });
});

describe('a stated pipeline split (MindSpeed --num-layer-list)', () => {
  const llama = model('llama3-8b');
  const ctx = buildContext(
    llama,
    hardware('nvidia-dgx-h100'),
    { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16' },
    16,
  );
  const layout: TrainLayout = { ...base, tp: 2, pp: 2, dp: 4, cp: 1 };
  const even = evaluateLayout(ctx, new LayerCostCache(ctx), layout, emptyEvaluation());
  it('runs at the pace of its heaviest stage', () => {
    const heavy = evaluateLayout(
      ctx,
      new LayerCostCache(ctx),
      { ...layout, layersPerStage: [12, 20] },
      emptyEvaluation(),
    );
    expect(heavy.slowestStageSeconds).toBeGreaterThan(even.slowestStageSeconds * 1.15);
    expect(heavy.stepSeconds).toBeGreaterThan(even.stepSeconds);
  });
  it('gives the first stage, which holds pp micro-batches, fewer layers to fit; the other way round costs memory', () => {
    const memory = (layersPerStage: number[]) =>
      evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, layersPerStage }, emptyEvaluation()).memoryGB;
    // an explicit even split is the even split
    expect(memory([16, 16])).toBeCloseTo(even.memoryGB, 9);
    // stage 0 keeps 2 micro-batches of its layers, the last stage 1 plus the output layer and the logits
    expect(memory([15, 17])).toBeLessThan(even.memoryGB);
    expect(memory([17, 15])).toBeGreaterThan(even.memoryGB);
    // too far, and the last stage becomes the fullest
    expect(memory([14, 18])).toBeGreaterThan(memory([15, 17]));
  });
});

describe('MindSpeed --reuse-fp32-param', () => {
  it('saves 2 bytes per parameter of the 12 the optimizer keeps, sharded as they are (MindSpeed reuse_fp32_param.md)', () => {
    const ctx = buildContext(
      model('llama3-8b'),
      hardware('huawei-atlas-800t-a2'),
      { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16' },
      16,
    );
    const layout: TrainLayout = { ...base, tp: 2, pp: 2, dp: 4, cp: 1 };
    const plain = evaluateLayout(ctx, new LayerCostCache(ctx), layout, emptyEvaluation());
    const reused = evaluateLayout(
      ctx,
      new LayerCostCache(ctx),
      { ...layout, reuseFp32Params: true },
      emptyEvaluation(),
    );
    expect(reused.optimizerStatesGB).toBeCloseTo((plain.optimizerStatesGB * 10) / 12, 9);
    expect(reused.weightsGB).toBe(plain.weightsGB);
    expect(reused.stepSeconds).toBe(plain.stepSeconds);
  });
});

describe('a whole-iteration CUDA graph', () => {
  it('leaves no host time per layer (launches or MoE syncs) and changes nothing on the device', () => {
    const ctx = buildContext(
      model('qwen3-30b-a3b'),
      hardware('nvidia-dgx-h100'),
      { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16', framework: 'megatron-core' },
      8,
    );
    const layout: TrainLayout = { ...base, tp: 1, pp: 1, dp: 8, ep: 8, etp: 1, sequenceParallel: false };
    const run = (fullIterationCudaGraph: boolean) =>
      evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, fullIterationCudaGraph }, emptyEvaluation());
    const eager = run(false);
    const graphed = run(true);
    expect(eager.overheadSeconds).toBeGreaterThan(0);
    expect(graphed.overheadSeconds).toBe(0);
    expect(graphed.computeSeconds).toBe(eager.computeSeconds);
    expect(graphed.stepSeconds).toBeCloseTo(eager.stepSeconds - eager.overheadSeconds, 9);
  });
});

describe('the MoE-layer factor', () => {
  it("slows a MoE layer's router and experts only: its attention projections and core are a dense layer's", () => {
    const h100 = hardware('nvidia-dgx-h100');
    const costsAt = (moeLayerRelativeEfficiency: number) => {
      const ctx = buildContext(
        model('qwen3-30b-a3b'),
        h100,
        { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16', framework: 'megatron-core' },
        8,
        { ...efficiencyProfileFor(h100), moeLayerRelativeEfficiency },
      );
      return layerCosts(ctx, 1, 1, 1, 8, 1, false, true);
    };
    const plain = costsAt(1);
    const slowed = costsAt(0.5);
    expect(slowed.attentionFwd).toBe(plain.attentionFwd);
    expect(slowed.attentionBwd).toBe(plain.attentionBwd);
    // the MoE block doubles: what doubles is the whole layer's GEMM time less its attention projections
    const attentionProjections = 2 * plain.gemmMoeFwd - slowed.gemmMoeFwd;
    expect(attentionProjections).toBeGreaterThan(0);
    expect(attentionProjections).toBeLessThan(plain.gemmMoeFwd);
    // the projections are the dense layer's (gemmDenseFwd = projections + dense MLP)
    expect(attentionProjections).toBeLessThan(plain.gemmDenseFwd);
  });
});

describe('per-expert host work of grouped experts', () => {
  const layout: TrainLayout = { ...base, tp: 1, pp: 1, dp: 8, ep: 8, etp: 1, sequenceParallel: false };
  // known host costs, so that no difference can vanish with a fitted zero
  const h100 = hardware('nvidia-dgx-h100');
  const efficiency = { ...efficiencyProfileFor(h100), groupedExpertOverheadUs: 40, expertOverheadUs: 100 };
  const overheadUnder = (framework: FrameworkId, groupedExperts: boolean) => {
    const ctx = buildContext(
      model('qwen3-30b-a3b'),
      h100,
      { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16', framework },
      8,
      efficiency,
    );
    const e = evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, groupedExperts }, emptyEvaluation());
    return { ctx, e };
  };

  it("charges TE GroupedLinear's per-expert splits and launches after the routing sync, not a one-kernel grouped GEMM", () => {
    const te = overheadUnder('megatron-core', true);
    // the same framework with a grouped GEMM that runs from device-side counts (MindSpeed's GMM, torch._grouped_mm)
    const ctx = { ...te.ctx, framework: { ...te.ctx.framework, groupedExpertsPerExpertHostWork: false } };
    const oneKernel = {
      e: evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, groupedExperts: true }, emptyEvaluation()),
    };
    const localExperts = 128 / 8;
    const perLayer = (us: number) => te.ctx.moeFraction * us * 1e-6;
    const microBatchLayers = te.e.microBatches * te.ctx.layers;
    // the host time a layer does not hide behind its device work is the same under both; only the MoE part differs
    expect(te.e.overheadSeconds - oneKernel.e.overheadSeconds).toBeCloseTo(
      microBatchLayers * perLayer(localExperts * 40),
      9,
    );
  });

  it('a loop of per-expert modules never costs less host time than the grouped GEMM it replaces (fitted values)', () => {
    for (const framework of ['megatron-core', 'megatron-bridge', 'megatron-lm', 'fsdp'] as const) {
      const ctx = buildContext(
        model('qwen3-30b-a3b'),
        h100,
        { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16', framework },
        8,
      );
      const run = (groupedExperts: boolean) =>
        evaluateLayout(ctx, new LayerCostCache(ctx), { ...layout, groupedExperts }, emptyEvaluation());
      expect(run(false).overheadSeconds).toBeGreaterThanOrEqual(run(true).overheadSeconds);
    }
  });

  it('a loop of per-expert GEMMs pays the loop cost whatever the framework', () => {
    const looped = overheadUnder('megatron-core', false);
    const grouped = overheadUnder('megatron-core', true);
    const microBatchLayers = looped.e.microBatches * looped.ctx.layers;
    expect(looped.e.overheadSeconds - grouped.e.overheadSeconds).toBeCloseTo(
      microBatchLayers * looped.ctx.moeFraction * 16 * (100 - 40) * 1e-6,
      9,
    );
  });
});

describe('context parallelism: ring against all-gather (torchtitan, Llama 3 §3.3.2)', () => {
  const cpCosts = (framework: FrameworkId, seqLen: number) => {
    const ctx = buildContext(
      model('llama3-8b'),
      hardware('nvidia-dgx-h100'),
      { seqLen, globalBatchSeqs: 16, precision: 'bf16', framework },
      16,
    );
    return layerCosts(ctx, 1, 16, 1, 1, 1, false, true);
  };

  it('the all-gather hides only behind the first of the cp sub-attentions; the ring behind all of them', () => {
    for (const seqLen of [8192, 32768, 131072]) {
      const ring = cpCosts('megatron-core', seqLen);
      const gather = cpCosts('fsdp', seqLen);
      expect(gather.attentionFwd).toBeCloseTo(ring.attentionFwd, 12);
      expect(gather.cpFwd).toBeGreaterThanOrEqual(ring.cpFwd);
      // the same bytes cross the same tier: exchange = exposed + hidden, for both, where anything is exposed
      if (ring.cpFwd > 0)
        expect(gather.cpFwd + gather.attentionFwd / 16).toBeCloseTo(ring.cpFwd + ring.attentionFwd, 9);
    }
    // at 128k tokens over two nodes the ring is hidden and the gather is not
    expect(cpCosts('megatron-core', 131072).cpFwd).toBe(0);
    expect(cpCosts('fsdp', 131072).cpFwd).toBeGreaterThan(0);
  });
});

describe('expert-parallel dispatch bytes', () => {
  it('dispatch in FP8 where the framework quantises before it (DeepSeek-V3 §3.3); combine in BF16', () => {
    const dsv3 = model('deepseek-v3');
    const costs = (framework: FrameworkId, precision: 'bf16' | 'fp8') =>
      layerCosts(
        buildContext(
          dsv3,
          hardware('nvidia-dgx-h100'),
          { seqLen: 4096, globalBatchSeqs: 64, precision, framework },
          64,
        ),
        1,
        1,
        1,
        64,
        1,
        false,
        true,
      ).epFwd;
    // HAI-LLM: the FP8 dispatch half moves half the bytes; Megatron-Core dispatches BF16 either way
    expect(costs('hai-llm', 'fp8')).toBeLessThan(costs('hai-llm', 'bf16'));
    expect(costs('hai-llm', 'fp8')).toBeGreaterThan(0.7 * costs('hai-llm', 'bf16'));
    expect(costs('megatron-core', 'fp8')).toBeCloseTo(costs('megatron-core', 'bf16'), 12);
  });
});
