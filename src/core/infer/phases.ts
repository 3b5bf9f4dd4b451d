/**
 * Time of one serving step on one (logical) device: a decode step, a prefill batch, or the mixed step
 * of an engine that chunks prompts into decode steps. Each operator group (dense GEMMs, routed-expert
 * grouped GEMMs, attention) is timed by the smooth roofline of kernels.ts from its FLOPs and the bytes
 * it streams; collectives come from hw.ts; the engine adds its host time. Formulas: docs/INFERENCE.md
 * sections 4-6.
 */
import type { HardwareProfile } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import type { EngineProfile } from './engines';
import { decodeAttentionFlopsPerToken, prefillAttentionFlopsPerToken } from './flops';
import { allReduceSeconds, allToAllSeconds, hierarchicalDispatchSeconds, type PeakKey, peakOf } from './hw';
import {
  ATTENTION_BANDWIDTH_EFFICIENCY,
  ATTENTION_COMPUTE_EFFICIENCY,
  denseReductionFactor,
  expertReductionFactor,
  GEMM_BANDWIDTH_EFFICIENCY,
  GEMM_COMPUTE_EFFICIENCY,
  kernelSeconds,
  prefillAttentionEfficiency,
} from './kernels';
import {
  COMPUTE_PEAK_KEY,
  expertShards,
  kvBytesPerTokenPerDevice,
  type ServingParams,
  WEIGHT_BYTES,
} from './memory';
import type { PhaseBreakdown, PrecisionPlan, ServingEfficiency, ServingLayout } from './types';

export interface PhaseContext {
  readonly model: ModelSpec;
  readonly params: ServingParams;
  /** The logical device (one die of a 910C). */
  readonly hw: HardwareProfile;
  readonly layout: ServingLayout;
  readonly precision: PrecisionPlan;
  readonly efficiency: ServingEfficiency;
  readonly engine: EngineProfile;
  /** The run overlaps two micro-batches so one's all-to-all hides behind the other's compute. */
  readonly microBatchOverlap: boolean;
  /** Compute stretch of the dense and the routed-expert GEMMs from their reduction dimensions. */
  readonly reduction: { readonly dense: number; readonly experts: number };
}

/** A phase context with the GEMM shape factors worked out once (they depend on the layout only). */
export function phaseContext(base: Omit<PhaseContext, 'reduction'>): PhaseContext {
  const { model, layout } = base;
  return {
    ...base,
    reduction: {
      dense: denseReductionFactor(model, layout.tp),
      experts: expertReductionFactor(model, layout.devices / layout.ep),
    },
  };
}

/** Activations travel as BF16 except a dispatch of 8-bit-or-less experts (DeepEP FP8 dispatch). */
const ACTIVATION_BYTES = 2;

function dispatchBytesPerElement(precision: PrecisionPlan): number {
  return precision.experts === 'bf16' || precision.experts === 'w4a16' ? 2 : 1;
}

/** Attention math in FP8 only when the plan says so and the chip has FP8; else BF16 (types.ts). */
function attentionPeak(ctx: PhaseContext): PeakKey {
  return ctx.precision.attention === 'fp8' && ctx.hw.peakTflops.fp8 !== null ? 'fp8' : 'bf16';
}

interface Times {
  computeSeconds: number;
  memorySeconds: number;
  seconds: number;
}

/** Base kernel efficiencies of an operator group, before the family's scales. */
interface KernelPrior {
  readonly compute: number;
  readonly bandwidth: number;
  readonly attention: boolean;
}

const GEMM: KernelPrior = {
  compute: GEMM_COMPUTE_EFFICIENCY,
  bandwidth: GEMM_BANDWIDTH_EFFICIENCY,
  attention: false,
};
const DECODE_ATTENTION: KernelPrior = {
  compute: ATTENTION_COMPUTE_EFFICIENCY,
  bandwidth: ATTENTION_BANDWIDTH_EFFICIENCY,
  attention: true,
};

/** Prefill (flash) attention: GEMM-like plateau, reached only on long prompts. */
function prefillAttention(promptTokens: number): KernelPrior {
  return {
    compute: GEMM_COMPUTE_EFFICIENCY * prefillAttentionEfficiency(promptTokens / 2),
    bandwidth: ATTENTION_BANDWIDTH_EFFICIENCY,
    attention: true,
  };
}

/** One operator group on the smooth roofline, at the family's scaled kernel efficiencies. */
function op(
  ctx: PhaseContext,
  acc: Times,
  flops: number,
  peak: PeakKey,
  bytes: number,
  prior: KernelPrior,
  reduction = 1,
): void {
  const e = ctx.efficiency;
  const computeEff = Math.min(1, prior.compute * e.computeScale);
  const bandwidthEff = Math.min(1, prior.bandwidth * e.bandwidthScale);
  const c = (flops * reduction) / (peakOf(ctx.hw, peak).tflops * 1e12 * computeEff);
  const m = bytes / (ctx.hw.hbmBandwidthTBps * 1e12 * bandwidthEff);
  acc.computeSeconds += c;
  acc.memorySeconds += m;
  acc.seconds += kernelSeconds(c, m);
}

/**
 * Dispatch + combine of every MoE layer. Prefill batches use hierarchical (node-deduplicated)
 * transfers, DeepEP's normal kernels; decode uses direct per-expert transfers, its low-latency kernels.
 */
function moeCommSeconds(ctx: PhaseContext, tokensPerDevice: number, hierarchical: boolean): number {
  const moe = ctx.model.moe;
  if (!moe || ctx.layout.ep <= 1) return 0;
  const { hw, layout, model } = ctx;
  const one = (bytesPerElement: number) =>
    hierarchical
      ? hierarchicalDispatchSeconds(hw, layout.ep, tokensPerDevice, moe.topK, model.hidden * bytesPerElement)
      : allToAllSeconds(hw, layout.ep, tokensPerDevice * moe.topK * model.hidden * bytesPerElement);
  return ctx.params.moeLayers * (one(dispatchBytesPerElement(ctx.precision)) + one(ACTIVATION_BYTES));
}

/** Two all-reduces per layer (after attention and after the MLP) over the TP group's tokens. */
function tpCommSeconds(ctx: PhaseContext, tokensPerDevice: number): number {
  const t = ctx.layout.tp;
  if (t <= 1) return 0;
  const bytes = tokensPerDevice * t * ctx.model.hidden * ACTIVATION_BYTES;
  return 2 * ctx.model.layers * allReduceSeconds(ctx.hw, t, bytes);
}

/** A decode step plus the host time an engine without an overlapped scheduler adds to it. */
function withHost(ctx: PhaseContext, deviceSeconds: number): number {
  return ctx.engine.overlapScheduler ? deviceSeconds : deviceSeconds * (1 + ctx.engine.hostShare);
}

/**
 * Share of the smaller of (compute, expert-parallel communication) that two overlapped micro-batches
 * hide. Within a layer, micro-batch B computes while A's tokens travel and the other way round; only
 * the half of the smaller stream that has no partner at the start and end of the pair stays exposed:
 * step = max(compute, comm) + min(compute, comm) / 2 (DeepSeek's dual-batch overlap, SGLang TBO,
 * CloudMatrix-Infer microbatch pipelining all pair two micro-batches this way).
 */
export const MICRO_BATCH_HIDDEN_SHARE = 0.5;

function combine(roof: Times, epSeconds: number, tpSeconds: number, ctx: PhaseContext): PhaseBreakdown {
  const overlap = ctx.microBatchOverlap ? MICRO_BATCH_HIDDEN_SHARE : 0;
  const exposed = Math.min(roof.seconds, epSeconds) * (1 - overlap);
  const seconds = Math.max(roof.seconds, epSeconds) + exposed + tpSeconds;
  let bound: PhaseBreakdown['bound'] = roof.computeSeconds >= roof.memorySeconds ? 'compute' : 'memory';
  if (epSeconds > roof.seconds || tpSeconds > roof.seconds) bound = 'communication';
  return {
    seconds,
    computeSeconds: roof.computeSeconds,
    memorySeconds: roof.memorySeconds,
    commSeconds: epSeconds + tpSeconds,
    bound,
  };
}

/**
 * Weights a step streams from HBM on one device, dense part (the input embedding is a lookup). The MTP
 * module's own reads are in the step's (1 + draft / layers) stretch (one more layer per draft token).
 */
function denseStreamedBytes(ctx: PhaseContext): number {
  const p = ctx.params;
  const params = p.nonExpertParams - p.inputEmbeddingParams;
  return (params * WEIGHT_BYTES[ctx.precision.dense]) / ctx.layout.tp;
}

/**
 * Expected share of routed experts that a step touches: with T tokens each picking top-k of E experts
 * uniformly, an expert is missed with probability (1 - k/E)^T (each token's k picks are distinct).
 */
export function touchedExpertFraction(experts: number, topK: number, tokens: number): number {
  if (tokens <= 0) return 0;
  return 1 - (1 - topK / experts) ** tokens;
}

/** What one step carries on one device. */
interface StepLoad {
  /** Sequences decoding, each verifying 1 + draftTokens tokens. */
  readonly decodeSequences: number;
  readonly contextTokens: number;
  readonly draftTokens: number;
  /** Prompt tokens prefilled in the same step, from prompts of `promptTokens`. */
  readonly prefillTokens: number;
  readonly promptTokens: number;
}

function stepRoofline(ctx: PhaseContext, load: StepLoad): { roof: Times; tokens: number } {
  const p = ctx.params;
  const { layout, model } = ctx;
  const decodeTokens = load.decodeSequences * (1 + load.draftTokens);
  const tokens = decodeTokens + load.prefillTokens;
  const roof: Times = { computeSeconds: 0, memorySeconds: 0, seconds: 0 };
  // Dense GEMMs: every token through the non-expert weights; the output head only for decode tokens
  // and the last token of each prompt.
  const prompts = load.promptTokens > 0 ? load.prefillTokens / load.promptTokens : 0;
  const denseLinear = p.activeLinearParams - p.activeExpertParams - p.headParams;
  op(
    ctx,
    roof,
    2 * (tokens * denseLinear + (decodeTokens + prompts) * p.headParams),
    COMPUTE_PEAK_KEY[ctx.precision.dense],
    denseStreamedBytes(ctx),
    GEMM,
    ctx.reduction.dense,
  );
  // Attention: decode queries read the TP group's KV (each rank its heads' share, the whole latent for
  // MLA); prefill attention is compute-bound and reaches its plateau only on long prompts.
  if (load.decodeSequences > 0) {
    const kvBytes =
      load.decodeSequences *
      layout.tp *
      load.contextTokens *
      kvBytesPerTokenPerDevice(model, ctx.precision.kvCacheBytes, layout.tp);
    op(
      ctx,
      roof,
      decodeTokens * decodeAttentionFlopsPerToken(model, load.contextTokens),
      attentionPeak(ctx),
      kvBytes,
      DECODE_ATTENTION,
    );
  }
  if (load.prefillTokens > 0) {
    op(
      ctx,
      roof,
      load.prefillTokens * prefillAttentionFlopsPerToken(model, load.promptTokens),
      attentionPeak(ctx),
      load.prefillTokens * kvBytesPerTokenPerDevice(model, ctx.precision.kvCacheBytes, layout.tp),
      prefillAttention(load.promptTokens),
    );
  }
  // Routed experts: one grouped GEMM over the experts the step's tokens touch (all of them in a large
  // batch; few in a small one, which then streams fewer weight bytes).
  if (model.moe && p.routedExpertParams > 0) {
    const touched = touchedExpertFraction(model.moe.experts, model.moe.topK, tokens * layout.devices);
    op(
      ctx,
      roof,
      2 * tokens * p.activeExpertParams,
      COMPUTE_PEAK_KEY[ctx.precision.experts],
      (p.routedExpertParams * WEIGHT_BYTES[ctx.precision.experts] * touched) /
        expertShards(model.moe.experts, layout),
      GEMM,
      ctx.reduction.experts,
    );
  }
  return { roof, tokens };
}

/**
 * One prefill forward on one device over `tokensPerDevice` prompt tokens from prompts of `promptTokens`
 * each (prefill in isolation, as disaggregated prefill pools run it).
 */
export function prefillBatch(
  ctx: PhaseContext,
  tokensPerDevice: number,
  promptTokens: number,
): PhaseBreakdown {
  const { roof } = stepRoofline(ctx, {
    decodeSequences: 0,
    contextTokens: 0,
    draftTokens: 0,
    prefillTokens: tokensPerDevice,
    promptTokens,
  });
  const step = combine(
    roof,
    moeCommSeconds(ctx, tokensPerDevice, true),
    tpCommSeconds(ctx, tokensPerDevice),
    ctx,
  );
  return step;
}

/**
 * One decode step on one device: `batchPerDevice` sequences, each `contextTokens` long, each verifying
 * 1 + draftTokens tokens (MTP). The MTP draft modules add draftTokens extra layers to the step.
 */
export function decodeStep(
  ctx: PhaseContext,
  batchPerDevice: number,
  contextTokens: number,
  draftTokens: number,
): PhaseBreakdown {
  return mixedStep(ctx, batchPerDevice, contextTokens, draftTokens, 0, 0);
}

/**
 * One step that carries decode tokens and a prefill chunk together (chunked prefill: vLLM V1,
 * TensorRT-LLM in-flight batching). Weights are streamed once for both.
 */
export function mixedStep(
  ctx: PhaseContext,
  batchPerDevice: number,
  contextTokens: number,
  draftTokens: number,
  prefillTokens: number,
  promptTokens: number,
): PhaseBreakdown {
  const { roof, tokens } = stepRoofline(ctx, {
    decodeSequences: batchPerDevice,
    contextTokens,
    draftTokens,
    prefillTokens,
    promptTokens,
  });
  const floored = { ...roof, seconds: Math.max(roof.seconds, kernelFloorSeconds(ctx)) };
  const step = combine(floored, moeCommSeconds(ctx, tokens, false), tpCommSeconds(ctx, tokens), ctx);
  const mtpFactor = 1 + draftTokens / ctx.model.layers;
  return { ...step, seconds: withHost(ctx, step.seconds * mtpFactor) };
}

/**
 * Shortest time one kernel of a graph-replayed decode step takes: a short kernel launched from a CUDA graph took
 * 3.4 µs per kernel, its own execution 2.9 µs of it (NVIDIA Technical Blog, "Getting Started with CUDA Graphs",
 * 2019); 3 µs, the middle of that range, for every stack (ACL graphs replay the same way).
 */
export const KERNEL_FLOOR_SECONDS = 3e-6;
/**
 * Kernels one decoder layer launches in a decode step, counted from vLLM's model code: a dense layer 11 (two norms,
 * QKV, rotary, attention, output projection, gate-up, activation, down, two residual adds fused or not), a MoE layer
 * with MLA 20 (its latent projections and norms, router, top-k, token permute and un-permute, two grouped GEMMs,
 * activation, shared expert).
 */
export const KERNELS_PER_LAYER = { dense: 11, moe: 20 } as const;

/**
 * The step's compute-and-memory time cannot fall below its kernels' floors: at a small batch on a fast chip
 * (DeepSeek-V3 on 8 B200 at one sequence: 30 µs per layer of weight reads) every kernel is as short as a kernel can
 * be. Large batches never reach it (their kernels are milliseconds), so the fitted efficiencies are untouched.
 */
function kernelFloorSeconds(ctx: PhaseContext): number {
  return (
    ctx.model.layers *
    (ctx.model.moe ? KERNELS_PER_LAYER.moe : KERNELS_PER_LAYER.dense) *
    KERNEL_FLOOR_SECONDS
  );
}

/** Output tokens each sequence gains per step: 1 + a + a^2 + ... for d chained draft tokens. */
export function tokensPerStep(draftTokens: number, acceptance: number): number {
  let sum = 1;
  for (let i = 1; i <= draftTokens; i++) sum += acceptance ** i;
  return sum;
}
