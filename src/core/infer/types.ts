/**
 * Plain-data types of the serving (inference) model: what a caller asks and what comes back.
 * Units: a "device" is the catalog's unit for the chip (an Ascend 910C package = 2 dies counts as one).
 */

export const SERVING_PRECISIONS = ['bf16', 'fp8', 'int8', 'w4a16', 'fp4'] as const;
export type ServingPrecision = (typeof SERVING_PRECISIONS)[number];

/**
 * Bytes per KV-cache element when a request does not choose: the engines' default (`kv_cache_dtype="auto"` in vLLM
 * and SGLang, TensorRT-LLM without `--kv_cache_dtype`) keeps the cache in the activation dtype, BF16, whatever the
 * weights' format; an 8-bit cache is an explicit choice. Every command uses this one default.
 */
export const DEFAULT_KV_CACHE_BYTES = 2;

/** Which numeric format each part of the network uses. */
export interface PrecisionPlan {
  /** Attention projections, dense MLPs, shared experts, embeddings and head. */
  readonly dense: ServingPrecision;
  /** Routed experts of MoE layers (NVFP4 MoE with FP8 attention is common on Blackwell). */
  readonly experts: ServingPrecision;
  /** Bytes per KV-cache element: 2 for BF16, 1 for an FP8/INT8 cache. */
  readonly kvCacheBytes: number;
  /**
   * Format of the attention math. Absent = BF16: decode kernels dequantise an 8-bit cache and multiply
   * in BF16 (FlashMLA README: FP8 KV cache "while performing the matrix multiplication in bfloat16";
   * FlashInfer likewise); FP8 only where a run says its attention runs in FP8.
   */
  readonly attention?: 'bf16' | 'fp8' | undefined;
}

/**
 * How one serving instance is split over its devices. Attention and the dense parts use TP `tp`
 * inside `dp` data-parallel attention groups (DP-attention when dp > 1), so tp * dp = devices.
 * Routed experts are split over `ep` expert-parallel ranks, each expert further over devices / ep
 * (expert tensor parallelism).
 */
export interface ServingLayout {
  readonly devices: number;
  readonly tp: number;
  readonly dp: number;
  readonly ep: number;
}

export interface ServingWorkload {
  /** Prompt tokens per request. */
  readonly inputTokens: number;
  /** Generated tokens per request. */
  readonly outputTokens: number;
  /** MTP / speculative decoding: draft tokens per step (0 = off) and their acceptance rate. */
  readonly draftTokens: number;
  readonly acceptance: number;
}

/**
 * The fitted part of the serving model (docs/INFERENCE.md section 8). Everything else is physics and
 * sourced priors: kernel efficiencies from published kernel benchmarks (kernels.ts), engine defaults
 * (engines.ts), hardware from the catalog.
 */
export interface ServingEfficiency {
  /**
   * How close kernels come to the prior (DeepGEMM / FlashMLA on H800) in compute; 1 = as good. A global
   * scale, times a family multiplier where the family has enough published runs.
   */
  readonly computeScale: number;
  /** The same for achieved HBM bandwidth. */
  readonly bandwidthScale: number;
}

/** Where an error band comes from. */
export type ErrorBandBasis = 'leave-one-source-out' | 'uncalibrated-family';

export interface ErrorBand {
  readonly family: string;
  /** False when the family has no fitted parameters (priors used, wide band). */
  readonly calibrated: boolean;
  /** What the band is: cross-validated over sources, or the stand-in for families without runs. */
  readonly basis: ErrorBandBasis;
  /** The band in words, for people. */
  readonly basisText: string;
  /** Median |predicted - measured| / measured on the fitted rows (in-sample), percent. */
  readonly medianAbsErrorPct: number;
  /** Median error when each source's rows are predicted by a fit on all the other sources, percent. */
  readonly leaveOneOutMedianAbsErrorPct: number;
  /** 90th percentile of the same cross-validated errors, percent. */
  readonly leaveOneOutP90AbsErrorPct: number;
  /**
   * Half-width of the band printed and used for verdicts, percent: the family's cross-validated p90 (as training's
   * band), at least the all-families p90 when fewer than three sources stand behind it (two sources' leave-one-out is
   * one source predicting the other); for a family without runs the worst calibrated family's p90.
   */
  readonly bandPct: number;
  readonly maxAbsErrorPct: number;
  readonly rows: number;
  /** Distinct published sources behind the rows. */
  readonly sources: number;
  /** Output tokens/s per device the measurement would lie in at the cross-validated median error. */
  readonly low: number;
  readonly high: number;
}

/** Time and bytes of one decode step or one prefill batch, per device. */
export interface PhaseBreakdown {
  readonly seconds: number;
  readonly computeSeconds: number;
  readonly memorySeconds: number;
  readonly commSeconds: number;
  /** The part that sets the time: compute, memory (HBM) or communication. */
  readonly bound: 'compute' | 'memory' | 'communication';
}
