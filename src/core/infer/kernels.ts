/**
 * Kernel time: how long one operator (a GEMM, a grouped expert GEMM, an attention kernel) takes on one
 * device given its FLOPs and the bytes it must stream from HBM. A plain roofline, max(compute, memory),
 * is right far from the ridge and optimistic near it: real kernels overlap loads and math imperfectly.
 * We use the smooth form t = (tc^n + tm^n)^(1/n), whose shape and efficiencies come from published
 * kernel benchmarks (docs/INFERENCE.md section 4; test fixtures reproduce them):
 *
 * - DeepGEMM FP8 GEMMs on H800 SXM5 (README of deepseek-ai/DeepGEMM, March 2025: 18 dense shapes,
 *   M = 64..4096, and 10 grouped MoE shapes): at M = 64-128 the kernels stream weights at 2.1-2.7 TB/s
 *   (0.63-0.80 of 3.35 TB/s), at M = 4096 they reach 1,025-1,358 TFLOPS (0.52-0.69 of 1,979), and the
 *   grouped masked layout at 256 tokens per expert sits ~1.4x above the plain roofline; short reduction
 *   dimensions cost more (K = 512: 590 TFLOPS against 1,304 at K = 7,168, same M): every output tile
 *   pays a fixed prologue/epilogue, worth K0 = 512 reduction steps. A least-squares fit of (compute
 *   efficiency, bandwidth efficiency, n, K0) to all 28 shapes gives 0.71, 0.76, 2 and 512 (median
 *   |error| 3.5%; test/fixtures/infer/deepgemm-h800.csv and kernels.test.ts).
 * - FlashMLA dense MLA decode on H800 SXM5 (deepseek-ai/FlashMLA README): up to 3,000 GB/s memory-bound
 *   (0.90 of peak) and 580 TFLOPS compute-bound in BF16 (0.59 of 989).
 * - FlashAttention-2 (Dao 2023, fig. 4): the forward pass reaches its plateau only for long sequences;
 *   efficiency rises with the attended keys, half-saturated near 512 keys (the training engine's rule).
 */
import type { ModelSpec } from '../model/schema';

/** Exponent of the smooth roofline, from DeepGEMM's grouped shapes near the ridge (see above). */
export const ROOFLINE_SHARPNESS = 2;

/** Fraction of peak FLOP/s and HBM bandwidth a well-tuned GEMM library reaches (DeepGEMM, H800). */
export const GEMM_COMPUTE_EFFICIENCY = 0.71;
export const GEMM_BANDWIDTH_EFFICIENCY = 0.76;
/** Reduction steps' worth of fixed cost per output tile (prologue, epilogue): compute x (1 + K0 / K). */
export const GEMM_TILE_OVERHEAD_K = 512;

/** The same for a decode attention kernel over a paged KV cache (FlashMLA, H800). */
export const ATTENTION_COMPUTE_EFFICIENCY = 0.59;
export const ATTENTION_BANDWIDTH_EFFICIENCY = 0.9;

/** Keys at which a prefill (flash) attention kernel reaches half its plateau (FlashAttention-2). */
export const PREFILL_ATTENTION_HALF_KEYS = 512;

/** Smooth roofline of one operator; times in seconds, both inputs already at achievable rates. */
export function kernelSeconds(computeSeconds: number, memorySeconds: number): number {
  const n = ROOFLINE_SHARPNESS;
  if (computeSeconds <= 0) return memorySeconds;
  if (memorySeconds <= 0) return computeSeconds;
  return (computeSeconds ** n + memorySeconds ** n) ** (1 / n);
}

/** Compute-time stretch of a GEMM whose reduction dimension is K. */
export function reductionFactor(k: number): number {
  return 1 + GEMM_TILE_OVERHEAD_K / Math.max(1, k);
}

/** Efficiency of prefill attention for prompts of `keys` average attended keys. */
export function prefillAttentionEfficiency(keys: number): number {
  return keys / (keys + PREFILL_ATTENTION_HALF_KEYS);
}

/** Weights of one group of matrices and the reduction dimension (K) they are multiplied along. */
interface Matrices {
  readonly params: number;
  readonly k: number;
}

/** Parameter-weighted compute stretch of a set of matrices (FLOPs follow parameters). */
function weightedFactor(parts: readonly Matrices[]): number {
  let sum = 0;
  let weight = 0;
  for (const p of parts) {
    sum += p.params * reductionFactor(p.k);
    weight += p.params;
  }
  return weight > 0 ? sum / weight : 1;
}

/** One MLP of width `ffn`, split `tp` ways: gate and up reduce over hidden, down over ffn / tp. */
function mlpMatrices(model: ModelSpec, ffn: number, tp: number, count: number): Matrices[] {
  const h = model.hidden;
  const inputs = (model.gatedMlp ? 2 : 1) * h * ffn * count;
  return [
    { params: inputs, k: h },
    { params: h * ffn * count, k: ffn / tp },
  ];
}

/**
 * Compute stretch of the dense (non-expert) GEMMs of one layer stack under TP `tp`: QKV / q_a / kv_a
 * and MLP gate/up reduce over hidden; the MLA q_b and kv_b over their LoRA ranks; o_proj and MLP down
 * over the TP-split width.
 */
export function denseReductionFactor(model: ModelSpec, tp: number): number {
  const h = model.hidden;
  const att = model.attention;
  const parts: Matrices[] = [];
  if (att.kind === 'mla') {
    const qk = att.qkNopeHeadDim + att.qkRopeHeadDim;
    if (att.qLoraRank === null) parts.push({ params: h * model.heads * qk, k: h });
    else {
      parts.push({ params: h * att.qLoraRank, k: h });
      parts.push({ params: att.qLoraRank * model.heads * qk, k: att.qLoraRank });
    }
    parts.push({ params: h * (att.kvLoraRank + att.qkRopeHeadDim), k: h });
    parts.push({
      params: att.kvLoraRank * model.heads * (att.qkNopeHeadDim + att.vHeadDim),
      k: att.kvLoraRank,
    });
    parts.push({ params: model.heads * att.vHeadDim * h, k: (model.heads * att.vHeadDim) / tp });
  } else {
    const q = model.heads * model.headDim;
    parts.push({ params: h * (q + 2 * model.kvHeads * model.headDim), k: h });
    parts.push({ params: q * h, k: q / tp });
  }
  const moe = model.moe;
  const denseLayers = moe ? moe.denseLayers : model.layers;
  const moeLayers = model.layers - denseLayers;
  const perLayer = parts.map((p) => ({ params: p.params * model.layers, k: p.k }));
  perLayer.push(...mlpMatrices(model, model.ffnHidden, tp, denseLayers));
  if (moe && moe.sharedExperts > 0) {
    perLayer.push(...mlpMatrices(model, moe.sharedExpertFfnHidden, tp, moeLayers * moe.sharedExperts));
  }
  perLayer.push({ params: model.vocab * h, k: h });
  return weightedFactor(perLayer);
}

/** Compute stretch of the routed-expert GEMMs when each expert is split `expertTp` ways. */
export function expertReductionFactor(model: ModelSpec, expertTp: number): number {
  const moe = model.moe;
  if (!moe) return 1;
  return weightedFactor(mlpMatrices(model, moe.expertFfnHidden, expertTp, 1));
}
