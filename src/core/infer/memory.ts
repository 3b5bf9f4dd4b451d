/**
 * Serving memory arithmetic: weight bytes under quantisation, KV-cache bytes per token (MHA/GQA/MLA)
 * and what one device holds under a layout. Formulas and references: docs/INFERENCE.md section 2.
 */
import { BYTES_PER_MEMORY_GB } from '../hardware/profile';
import { countParameters } from '../model/params';
import type { ModelSpec } from '../model/schema';
import type { KvMemoryRule } from './engines';
import type { PrecisionPlan, ServingLayout, ServingPrecision } from './types';

/**
 * Bytes per weight. Block-scaled 4-bit formats carry one 8-bit scale per 16 weights (NVFP4) or an
 * FP16 scale per 128-group (AWQ/GPTQ w4a16: 0.5 + 2/128); FP8/INT8 per-channel scales are negligible.
 */
export const WEIGHT_BYTES: Readonly<Record<ServingPrecision, number>> = {
  bf16: 2,
  fp8: 1,
  int8: 1,
  w4a16: 0.5 + 2 / 128,
  fp4: 0.5 + 1 / 16,
};

/** The peak that a precision's GEMMs run at (w4a16 dequantises to BF16 before the multiply). */
export const COMPUTE_PEAK_KEY: Readonly<Record<ServingPrecision, 'bf16' | 'fp8' | 'int8' | 'fp4'>> = {
  bf16: 'bf16',
  fp8: 'fp8',
  int8: 'int8',
  w4a16: 'bf16',
  fp4: 'fp4',
};

/**
 * KV-cache bytes one token adds across all layers of the whole model (no parallelism).
 * GQA/MHA: K and V, kvHeads x headDim each, per layer. MLA (DeepSeek-V2 paper, section 2.1.2) caches
 * the compressed latent (kvLoraRank) plus the shared decoupled RoPE key (qkRopeHeadDim) per layer.
 */
export function kvBytesPerToken(model: ModelSpec, kvCacheBytes: number): number {
  const att = model.attention;
  if (att.kind === 'mla') return model.layers * (att.kvLoraRank + att.qkRopeHeadDim) * kvCacheBytes;
  return model.layers * 2 * model.kvHeads * model.headDim * kvCacheBytes;
}

/**
 * KV-cache bytes per token that ONE device of a TP group of `tp` holds. GQA splits KV heads over TP
 * ranks and replicates them once tp exceeds kvHeads; the MLA latent is shared by all heads, so every
 * TP rank keeps the whole latent (why DeepSeek serves MLA with DP-attention).
 */
export function kvBytesPerTokenPerDevice(model: ModelSpec, kvCacheBytes: number, tp: number): number {
  const whole = kvBytesPerToken(model, kvCacheBytes);
  if (model.attention.kind === 'mla') return whole;
  return whole / Math.min(tp, model.kvHeads);
}

/** Parameter groups as serving treats them. */
export interface ServingParams {
  /** Everything but routed experts: attention, norms, dense MLPs, shared experts, routers, embeddings. */
  readonly nonExpertParams: number;
  /** All routed experts of all MoE layers. */
  readonly routedExpertParams: number;
  /** One routed expert of one layer. */
  readonly expertParams: number;
  /** Routed experts per MoE layer (0 for a dense model). */
  readonly routedExperts: number;
  readonly moeLayers: number;
  /** Input embedding table (a lookup: read one row per token, never streamed whole). */
  readonly inputEmbeddingParams: number;
  /** Output head (tied heads reuse the embedding but are still streamed once per step). */
  readonly headParams: number;
  /** Weights a token's linear layers multiply with (active, minus the input embedding lookup). */
  readonly activeLinearParams: number;
  /** Same, routed experts only (top-k of them). */
  readonly activeExpertParams: number;
  /** MTP module weights (DeepSeek-V3: one extra MoE block). */
  readonly mtpParams: number;
  /** The routed experts inside the MTP modules (spread over EP ranks like the main model's experts). */
  readonly mtpExpertParams: number;
}

export function servingParams(model: ModelSpec): ServingParams {
  const count = countParameters(model);
  const moe = model.moe;
  const moeLayers = count.moeLayerCount;
  const expertParams = count.perLayer.expertParams;
  const routedExpertParams = moe ? moeLayers * moe.experts * expertParams : 0;
  const activeExpertParams = moe ? moeLayers * moe.topK * expertParams : 0;
  const inputEmbeddingParams = model.vocab * model.hidden;
  return {
    nonExpertParams: count.totalParams - routedExpertParams,
    routedExpertParams,
    expertParams,
    routedExperts: moe?.experts ?? 0,
    moeLayers,
    inputEmbeddingParams,
    headParams: model.vocab * model.hidden,
    // A tied head is counted once in embeddingParams; the head GEMM still runs, so add it back.
    activeLinearParams:
      count.activeParams - inputEmbeddingParams + (model.tiedEmbeddings ? model.vocab * model.hidden : 0),
    activeExpertParams,
    mtpParams: count.mtpParams,
    mtpExpertParams: moe ? model.mtpLayers * moe.experts * expertParams : 0,
  };
}

/**
 * Distinct shards of the routed experts: each of the EP ranks holds whole experts (split further by the expert TP of
 * devices / EP). With EP above the expert count (Mixtral's 8 experts on EP 16) a rank still holds at least one whole
 * expert, so the experts' bytes split over experts x expert-TP devices, not over all of them (the others are replicas).
 */
export function expertShards(experts: number, layout: Pick<ServingLayout, 'devices' | 'ep'>): number {
  return Math.min(layout.devices, experts * (layout.devices / layout.ep));
}

/**
 * Weight bytes on one device. Non-expert weights are split over the TP group and replicated in each
 * DP-attention group; routed experts are split over all devices (EP x expert-TP). MTP weights count
 * only when MTP is used, its routed experts spread like the others.
 */
export function weightBytesPerDevice(
  params: ServingParams,
  precision: PrecisionPlan,
  layout: ServingLayout,
  withMtp: boolean,
): number {
  const dense = WEIGHT_BYTES[precision.dense];
  const experts = WEIGHT_BYTES[precision.experts];
  const mtpExperts = withMtp ? params.mtpExpertParams : 0;
  const mtpDense = withMtp ? params.mtpParams - params.mtpExpertParams : 0;
  const shards = params.expertParams > 0 ? expertShards(params.routedExperts, layout) : layout.devices;
  return (
    ((params.nonExpertParams + mtpDense) * dense) / layout.tp +
    ((params.routedExpertParams + mtpExperts) * experts) / shards
  );
}

/**
 * CUDA/CANN context, communicator buffers and allocator slack that no engine counts in its KV budget:
 * about 1 GB per device (CUDA context ~0.5 GB; NCCL/HCCL buffers ~0.5 GB per communicator, the
 * okoge-kaz memory estimator's figure; anchors section 1.9).
 */
export const RUNTIME_CONTEXT_GB = 1;

/**
 * Activation workspace of the largest step the engine schedules (`tokensPerStep` tokens through one
 * TP group: every rank of the group sees all of them): the residual stream and its normalised copy
 * (2 x hidden), the QKV projection and the widest MLP intermediate (gate and up, 2 x width) per TP
 * rank, in BF16; plus FP32 logits over the vocabulary for the `sequences` sampled at once. Engines size
 * this once at start-up (vLLM's profiling forward pass, TRT-LLM's activation estimate) and keep it out
 * of the KV cache.
 */
export function activationBytesPerDevice(
  model: ModelSpec,
  tp: number,
  tokensPerStep: number,
  sequences: number,
): number {
  const moe = model.moe;
  const mlpWidth = Math.max(model.ffnHidden, moe ? moe.expertFfnHidden * moe.topK : 0);
  const qkv = (model.heads + 2 * model.kvHeads) * model.headDim;
  const perToken = 2 * model.hidden + (qkv + 2 * mlpWidth) / tp;
  return tokensPerStep * perToken * 2 + (sequences * model.vocab * 4) / tp;
}

/** The engine's KV-cache budget on one device, bytes (0 when the weights do not fit). */
export function kvBudgetBytesPerDevice(
  rule: KvMemoryRule,
  hbmCapacityGB: number,
  weightBytes: number,
  runtimeBytes: number,
): number {
  const capacity = hbmCapacityGB * BYTES_PER_MEMORY_GB;
  const budget =
    rule.basis === 'total'
      ? rule.fraction * capacity - weightBytes - runtimeBytes
      : rule.fraction * (capacity - weightBytes - runtimeBytes);
  return Math.max(0, budget);
}
