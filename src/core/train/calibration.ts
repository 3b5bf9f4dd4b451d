/**
 * Efficiency parameters of the training engine, per hardware family.
 *
 * Two kinds of numbers live here:
 * - PRIORS: documented engineering values shared by all families (collective efficiencies, overlap,
 *   framework memory). Each says where it comes from.
 * - FITTED: per-family values (GEMM efficiency and per-layer overhead) produced by
 *   `npx tsx scripts/fit-training.ts`, which re-fits them on ../shared/validation and rewrites
 *   ./calibration-fitted.ts. Never edit the fitted file by hand.
 *
 * A family with no published runs uses GENERIC_FITTED and its error band is widened
 * (see ./error-band.ts).
 */
import {
  FITTED_GLOBALS,
  FITTED_PROFILES,
  type FittedGlobals,
  type FittedProfile,
} from './calibration-fitted';

export type { FittedGlobals, FittedProfile };

export interface EfficiencyProfile extends FittedProfile, FittedGlobals {
  /** Fraction of HBM bandwidth reached by element-wise kernels. */
  readonly memoryBandwidthEfficiency: number;
  /** Same on the scale-out network. */
  readonly scaleOutEfficiency: number;
  /** Share of TP communication hidden behind GEMMs when TP overlap is on. */
  readonly tpOverlapFraction: number;
  /** Share of a micro-batch's compute that ZeRO-3/FSDP parameter gathers and reduce-scatters can hide behind. */
  readonly zero3OverlapFraction: number;
  /** Expert load imbalance: the busiest rank's tokens over the mean (applied to expert GEMMs and all-to-all). */
  readonly moeImbalance: number;
  /** CUDA/CANN context, communicator buffers, allocator fragmentation. */
  readonly reservedMemoryGB: number;
  /** Usable fraction of HBM after fragmentation. */
  readonly usableMemoryFraction: number;
  /** True when the fitted part came from published runs of this family. */
  readonly calibrated: boolean;
}

/**
 * Priors. Sources:
 *  - Element-wise kernels at 80% of HBM bandwidth: STREAM-like copy kernels on A100/H100.
 * - Collectives at 75% of scale-out link bandwidth (scale-up efficiency is fitted per family, starting at 80%): nccl-tests bus bandwidth
 *   on DGX A100/H100 (~230 of 300 GB/s NVLink3 one way; ~370 of 450 GB/s NVLink4; IB 400G ~ 48 of 50 GB/s
 *   peak but ~37-40 GB/s in large rings); SimAI's ratio tables give similar values.
 * - TP overlap hides ~half of TP communication (Megatron-Core tp-comm-overlap reports 1.3-1.4x of the TP
 *   part); MoE imbalance 1.1 for aux-loss-balanced routers (DeepSeek-V3, Mixtral training reports).
 * - ZeRO-3 prefetch hides gathers behind half of the compute: FSDP (Zhao et al., VLDB 2023) reports exposed
 *   communication at scale and limits prefetch to one layer ahead; the FlagPerf DeepSpeed ZeRO-3 rows (H100 and
 *   910B) run 22-36% below a fully-overlapped estimate.
 * - Reserved 4 GB and 95% usable: CUDA context ~0.5-1 GB, NCCL/HCCL buffers 1-2 GB, allocator slack.
 */
export const PRIORS = {
  memoryBandwidthEfficiency: 0.8,
  scaleOutEfficiency: 0.75,
  tpOverlapFraction: 0.5,
  moeImbalance: 1.1,
  zero3OverlapFraction: 0.5,
  reservedMemoryGB: 4,
  usableMemoryFraction: 0.95,
} as const;

export const GENERIC_FAMILY = 'generic';

export function efficiencyProfileFor(family: string): EfficiencyProfile {
  const fitted = FITTED_PROFILES[family];
  if (fitted) return { ...PRIORS, ...FITTED_GLOBALS, ...fitted, calibrated: true };
  const generic = FITTED_PROFILES[GENERIC_FAMILY]!;
  return { ...PRIORS, ...FITTED_GLOBALS, ...generic, family, calibrated: false };
}
