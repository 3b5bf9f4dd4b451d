/**
 * Time of one prefill batch and one decode step on one device: a roofline per operator group
 * (max of compute time and HBM time, LLM-Viewer/GenZ style) with fitted efficiencies, plus the
 * collectives. Expert-parallel all-to-alls partly overlap the compute (DeepSeek/SGLang two-batch
 * overlap, CloudMatrix-Infer microbatch pipelining; the hidden share is fitted); TP all-reduces do not. Formulas: docs/INFERENCE.md.
 */
import type { HardwareProfile } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import { decodeAttentionFlopsPerToken, prefillAttentionFlopsPerToken } from './flops';
import { allReduceSeconds, allToAllSeconds, hierarchicalDispatchSeconds, type PeakKey, peakOf } from './hw';
import { COMPUTE_PEAK_KEY, kvBytesPerTokenPerDevice, type ServingParams, WEIGHT_BYTES } from './memory';
import type { PhaseBreakdown, PrecisionPlan, ServingEfficiency, ServingLayout } from './types';

export interface PhaseContext {
  readonly model: ModelSpec;
  readonly params: ServingParams;
  readonly hw: HardwareProfile;
  readonly layout: ServingLayout;
  readonly precision: PrecisionPlan;
  readonly efficiency: ServingEfficiency;
}

/** One operator group: FLOPs at a precision and bytes streamed from HBM. */
interface OpCost {
  readonly flops: number;
  readonly peak: PeakKey;
  readonly bytes: number;
}

/** Activations travel as BF16 except a dispatch of 8-bit-or-less experts (DeepEP FP8 dispatch). */
const ACTIVATION_BYTES = 2;

function dispatchBytesPerElement(precision: PrecisionPlan): number {
  return precision.experts === 'bf16' || precision.experts === 'w4a16' ? 2 : 1;
}

/** Attention math runs in FP8 when the KV cache is 8-bit and the chip has FP8 (FlashMLA FP8, TRT-LLM). */
function attentionPeak(ctx: PhaseContext): PeakKey {
  return ctx.precision.kvCacheBytes <= 1 && ctx.hw.peakTflops.fp8 !== null ? 'fp8' : 'bf16';
}

function roofline(ctx: PhaseContext, ops: readonly OpCost[], computeEff: number) {
  let seconds = 0;
  let computeSeconds = 0;
  let memorySeconds = 0;
  const bandwidth = ctx.hw.hbmBandwidthTBps * 1e12 * ctx.efficiency.hbm;
  for (const op of ops) {
    const c = op.flops / (peakOf(ctx.hw, op.peak).tflops * 1e12 * computeEff);
    const m = op.bytes / bandwidth;
    computeSeconds += c;
    memorySeconds += m;
    seconds += Math.max(c, m);
  }
  return { seconds, computeSeconds, memorySeconds };
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

function combine(
  roof: { seconds: number; computeSeconds: number; memorySeconds: number },
  epSeconds: number,
  tpSeconds: number,
  epOverlap: number,
): PhaseBreakdown {
  const hidden = Math.min(roof.seconds, epSeconds) * (1 - epOverlap);
  const seconds = Math.max(roof.seconds, epSeconds) + hidden + tpSeconds;
  const commSeconds = epSeconds + tpSeconds;
  let bound: PhaseBreakdown['bound'] = roof.computeSeconds >= roof.memorySeconds ? 'compute' : 'memory';
  if (epSeconds > roof.seconds || tpSeconds > roof.seconds) bound = 'communication';
  return {
    seconds,
    computeSeconds: roof.computeSeconds,
    memorySeconds: roof.memorySeconds,
    commSeconds,
    bound,
  };
}

/** Weights a step streams from HBM on one device, dense part (the input embedding is a lookup). */
function denseStreamedBytes(ctx: PhaseContext, withMtp: boolean): number {
  const p = ctx.params;
  const params = p.nonExpertParams - p.inputEmbeddingParams + (withMtp ? p.mtpParams : 0);
  return (params * WEIGHT_BYTES[ctx.precision.dense]) / ctx.layout.tp;
}

/**
 * One prefill forward on one device over `tokensPerDevice` prompt tokens from prompts of `promptTokens`
 * each. Only the last token of each prompt goes through the output head.
 */
export function prefillBatch(
  ctx: PhaseContext,
  tokensPerDevice: number,
  promptTokens: number,
): PhaseBreakdown {
  const p = ctx.params;
  const sequences = tokensPerDevice / promptTokens;
  const denseLinear = p.activeLinearParams - p.activeExpertParams - p.headParams;
  const ops: OpCost[] = [
    {
      flops: 2 * (tokensPerDevice * denseLinear + sequences * p.headParams),
      peak: COMPUTE_PEAK_KEY[ctx.precision.dense],
      bytes: denseStreamedBytes(ctx, false),
    },
    {
      flops: tokensPerDevice * prefillAttentionFlopsPerToken(ctx.model, promptTokens),
      peak: attentionPeak(ctx),
      // Writing the new KV cache: small next to the FLOPs, kept for short prompts.
      bytes: tokensPerDevice * kvBytesPerTokenPerDevice(ctx.model, ctx.precision.kvCacheBytes, ctx.layout.tp),
    },
  ];
  if (p.routedExpertParams > 0) {
    ops.push({
      flops: 2 * tokensPerDevice * p.activeExpertParams,
      peak: COMPUTE_PEAK_KEY[ctx.precision.experts],
      bytes: (p.routedExpertParams * WEIGHT_BYTES[ctx.precision.experts]) / ctx.layout.devices,
    });
  }
  const roof = roofline(ctx, ops, ctx.efficiency.prefillCompute);
  return combine(
    roof,
    moeCommSeconds(ctx, tokensPerDevice, true),
    tpCommSeconds(ctx, tokensPerDevice),
    ctx.efficiency.epOverlap,
  );
}

/**
 * Expected share of routed experts that a step touches: with T tokens each picking top-k of E experts
 * uniformly, an expert is missed with probability (1 - k/E)^T (each token's k picks are distinct).
 */
export function touchedExpertFraction(experts: number, topK: number, tokens: number): number {
  if (tokens <= 0) return 0;
  return 1 - (1 - topK / experts) ** tokens;
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
  const p = ctx.params;
  const { layout, model } = ctx;
  const tokens = batchPerDevice * (1 + draftTokens);
  const withMtp = draftTokens > 0;
  const ops: OpCost[] = [
    {
      flops: 2 * tokens * (p.activeLinearParams - p.activeExpertParams),
      peak: COMPUTE_PEAK_KEY[ctx.precision.dense],
      bytes: denseStreamedBytes(ctx, withMtp),
    },
    {
      flops: tokens * decodeAttentionFlopsPerToken(model, contextTokens),
      peak: attentionPeak(ctx),
      // The TP group's sequences: every rank reads its heads' share (the whole latent for MLA).
      bytes:
        batchPerDevice *
        layout.tp *
        contextTokens *
        kvBytesPerTokenPerDevice(model, ctx.precision.kvCacheBytes, layout.tp),
    },
  ];
  if (model.moe && p.routedExpertParams > 0) {
    const touched = touchedExpertFraction(model.moe.experts, model.moe.topK, tokens * layout.devices);
    ops.push({
      flops: 2 * tokens * p.activeExpertParams,
      peak: COMPUTE_PEAK_KEY[ctx.precision.experts],
      bytes: (p.routedExpertParams * WEIGHT_BYTES[ctx.precision.experts] * touched) / layout.devices,
    });
  }
  const roof = roofline(ctx, ops, ctx.efficiency.decodeCompute);
  const step = combine(
    roof,
    moeCommSeconds(ctx, tokens, false),
    tpCommSeconds(ctx, tokens),
    ctx.efficiency.epOverlap,
  );
  const mtpFactor = 1 + draftTokens / model.layers;
  return { ...step, seconds: step.seconds * mtpFactor };
}

/** Output tokens each sequence gains per step: 1 + a + a^2 + ... for d chained draft tokens. */
export function tokensPerStep(draftTokens: number, acceptance: number): number {
  let sum = 1;
  for (let i = 1; i <= draftTokens; i++) sum += acceptance ** i;
  return sum;
}
