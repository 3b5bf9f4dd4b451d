/**
 * Efficiency parameters of the training engine.
 *
 * Three kinds of numbers live here:
 * - PRIORS: documented engineering values shared by all families (collective efficiencies, overlap,
 *   framework memory). Each says where it comes from.
 * - FITTED: per hardware family with published runs, and per software stack fitted across its families, produced
 *   by `npx tsx scripts/fit-training.ts` from ../shared/validation (./calibration-fitted.ts; never edit by hand).
 * - SOURCED_STACK_PRIORS (./stack-priors.ts): for a software stack without published runs, values from public
 *   kernel benchmarks and reports, each with its source.
 *
 * A chip of a family without runs is predicted from its stack's prior (fitted where the stack has calibrated
 * families, sourced otherwise) and its own sourced characteristics: peak rates, HBM and link bandwidths enter the
 * physics directly, the large-GEMM efficiency is the stack's share of the chip's measured best-shape matmul where
 * the catalog has one, and the GEMM half-saturation dimension scales with the chip's ridge point (peak FLOP/s over
 * HBM bytes/s): a tile needs that much arithmetic intensity before compute, not memory, bounds it.
 */
import type { SoftwareStack } from '../catalog/schema';
import {
  FITTED_GLOBALS,
  FITTED_PROFILES,
  FITTED_STACK_PRIORS,
  type FittedGlobals,
  type FittedProfile,
  type StackPrior,
} from './calibration-fitted';
import { SOURCED_STACK_PRIORS } from './stack-priors';

export type { FittedGlobals, FittedProfile, StackPrior };

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
  /** Where an uncalibrated profile came from (the stack prior's basis); empty when calibrated. */
  readonly priorBasis: string;
}

/**
 * Priors. Sources:
 *  - Element-wise kernels at 80% of HBM bandwidth: STREAM-like copy kernels on A100/H100.
 * - Collectives at 75% of scale-out link bandwidth (scale-up efficiency is fitted per family, starting at 80%): nccl-tests bus bandwidth
 *   on DGX A100/H100 (~230 of 300 GB/s NVLink3 one way; ~370 of 450 GB/s NVLink4; IB 400G ~ 48 of 50 GB/s
 *   peak but ~37-40 GB/s in large rings); SimAI's ratio tables give similar values.
 * - TP overlap hides ~half of TP communication (Megatron-Core tp-comm-overlap reports 1.3-1.4x of the TP
 *   part).
 * - MoE imbalance 1.2 (busiest expert-parallel rank over the mean) for aux-loss-balanced routers at EP 8-64: the
 *   FEPLB study measures 18.6% of GPU time per MoE layer lost to token stragglers (128 experts, up to 16 H100), and
 *   DODOCO (arXiv 2605.20982) finds the per-expert max/mean ratio intrinsic to routing (within 5% from EP 4 to 32).
 *   Benchmarks that force-balance tokens state it and use 1.
 * - ZeRO-3 prefetch hides gathers behind half of the compute: FSDP (Zhao et al., VLDB 2023) reports exposed
 *   communication at scale and limits prefetch to one layer ahead; the FlagPerf DeepSpeed ZeRO-3 rows (H100 and
 *   910B) run 22-36% below a fully-overlapped estimate.
 * - Reserved 4 GB and 95% usable: CUDA context ~0.5-1 GB, NCCL/HCCL buffers 1-2 GB, allocator slack.
 */
export const PRIORS = {
  memoryBandwidthEfficiency: 0.8,
  scaleOutEfficiency: 0.75,
  tpOverlapFraction: 0.5,
  moeImbalance: 1.2,
  zero3OverlapFraction: 0.5,
  reservedMemoryGB: 4,
  usableMemoryFraction: 0.95,
} as const;

/**
 * Memory a stack leaves to the model where it differs from the GPU prior above. XLA on TPU: the runtime's
 * `bytes_limit` is the HBM minus a fraction of a gigabyte (a 32 GiB TPU v4: 31.75 GiB, pytorch/xla PR #7086's
 * `memory_stats()`; a 32 GiB TPU: "Limit: 31.246 GiB", EnzymeAD/Enzyme-JAX PR #2422, whose compile error reads "Used
 * 215.17G of 31.25G hbm"), and XLA assigns every buffer of the compiled step ahead of time, so there is no caching
 * allocator's slack: the larger reserve seen (0.75 GiB), all of the rest usable. Both observations are of 32 GiB
 * chips; the same reserve is assumed for the 16 GiB v5e and the 95 GiB v5p.
 */
const STACK_MEMORY: Partial<
  Record<SoftwareStack, { readonly reservedMemoryGB: number; readonly usableMemoryFraction: number }>
> = {
  XLA: { reservedMemoryGB: 0.75, usableMemoryFraction: 1 },
};

/** What the calibration needs to know about a device. */
export interface CalibrationKey {
  readonly family: string;
  readonly softwareStack: SoftwareStack;
  readonly peakTflops: { readonly bf16: number | null };
  readonly hbmBandwidthTBps: number;
  readonly achievedMatmulFraction: number | null;
}

/** Peak FLOPs per HBM byte: the arithmetic intensity a kernel needs to be compute-bound. */
export function ridgeFlopsPerByte(key: CalibrationKey): number {
  const bf16 = key.peakTflops.bf16 ?? 0;
  return key.hbmBandwidthTBps > 0 && bf16 > 0 ? bf16 / key.hbmBandwidthTBps : 150;
}

// cuBLAS/CANN GEMMs reach ~60-70% of their large-shape efficiency at 1024-cubed shapes (NVIDIA 'Matrix
// Multiplication Background' guide): a per-dimension half-saturation of ~50-250 elements; wider is not physical.
export const HALF_SATURATION_BOUNDS: readonly [number, number] = [32, 256];

/** A stack prior applied to one chip: its half-saturation dimension follows the chip's ridge point. */
export function profileFromStack(prior: StackPrior, key: CalibrationKey): FittedProfile {
  const [lo, hi] = HALF_SATURATION_BOUNDS;
  return {
    family: key.family,
    gemmEfficiencyBf16:
      key.achievedMatmulFraction !== null
        ? prior.gemmEfficiencyPerAchievedMatmul * key.achievedMatmulFraction
        : prior.gemmEfficiencyBf16,
    fp8EfficiencyRatio: prior.fp8EfficiencyRatio,
    layerOverheadUs: prior.layerOverheadUs,
    gemmHalfSaturationDim: Math.min(hi, Math.max(lo, prior.halfSaturationPerRidge * ridgeFlopsPerByte(key))),
    scaleUpEfficiency: prior.scaleUpEfficiency,
    moeLayerRelativeEfficiency: prior.moeLayerRelativeEfficiency,
    attentionRelativeEfficiency: prior.attentionRelativeEfficiency,
    fitRows: 0,
    medianAbsError: 0,
    p90AbsError: 0,
    cvP90AbsError: 0,
    lofoMedianAbsError: 0,
    lofoP90AbsError: 0,
    lofoMeanSignedError: 0,
    maxMeasuredMfu: 0,
  };
}

/** The stack prior a family without runs gets: fitted across the stack's calibrated families, else sourced. */
export function stackPriorFor(stack: SoftwareStack): StackPrior {
  return FITTED_STACK_PRIORS[stack] ?? SOURCED_STACK_PRIORS[stack];
}

export function efficiencyProfileFor(key: CalibrationKey): EfficiencyProfile {
  const fitted = FITTED_PROFILES[key.family];
  const memory = STACK_MEMORY[key.softwareStack];
  if (fitted) return { ...PRIORS, ...memory, ...FITTED_GLOBALS, ...fitted, calibrated: true, priorBasis: '' };
  const prior = stackPriorFor(key.softwareStack);
  return {
    ...PRIORS,
    ...memory,
    ...FITTED_GLOBALS,
    ...profileFromStack(prior, key),
    calibrated: false,
    priorBasis: prior.basis,
  };
}
