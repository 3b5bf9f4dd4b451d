/**
 * Plain-data types of the serving (inference) model: what a caller asks and what comes back.
 * Units: a "device" is the catalog's unit for the chip (an Ascend 910C package = 2 dies counts as one).
 */

export const SERVING_PRECISIONS = ['bf16', 'fp8', 'int8', 'w4a16', 'fp4'] as const;
export type ServingPrecision = (typeof SERVING_PRECISIONS)[number];

/** Which numeric format each part of the network uses. */
export interface PrecisionPlan {
  /** Attention projections, dense MLPs, shared experts, embeddings and head. */
  readonly dense: ServingPrecision;
  /** Routed experts of MoE layers (NVFP4 MoE with FP8 attention is common on Blackwell). */
  readonly experts: ServingPrecision;
  /** Bytes per KV-cache element: 2 for BF16, 1 for an FP8/INT8 cache. */
  readonly kvCacheBytes: number;
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

/** Efficiency parameters of one hardware family, fitted on published serving runs. */
export interface ServingEfficiency {
  /** Fraction of peak FLOP/s that prefill GEMMs and attention reach. */
  readonly prefillCompute: number;
  /** Fraction of peak FLOP/s that decode GEMMs and attention reach. */
  readonly decodeCompute: number;
  /** Fraction of peak HBM bandwidth that decode weight and KV-cache reads reach. */
  readonly hbm: number;
  /**
   * Share of the expert-parallel all-to-all hidden behind compute (two-batch overlap): the phase takes
   * max(compute, comm) + (1 - overlap) x min(compute, comm). Fitted once for all families.
   */
  readonly epOverlap: number;
}

export interface ErrorBand {
  readonly family: string;
  /** False when the family has no fitted parameters (defaults used, wide band). */
  readonly calibrated: boolean;
  /** Median |predicted - measured| / measured on the fitted rows, percent. */
  readonly medianAbsErrorPct: number;
  /** Same, each row predicted by parameters fitted without it: the honest figure for new setups. */
  readonly leaveOneOutMedianAbsErrorPct: number;
  readonly maxAbsErrorPct: number;
  readonly rows: number;
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
