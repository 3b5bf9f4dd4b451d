/**
 * Phase 1 of the training engine (build): everything that depends on the model, the hardware and
 * the training setup but not on the layout is computed once here, so that evaluating a layout is a
 * few hundred arithmetic operations (the search evaluates millions).
 */
import type { HardwareProfile } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import { type EfficiencyProfile, efficiencyProfileFor } from './calibration';
import {
  attentionCoreFlopsPerToken,
  attentionHeadDims,
  attentionProjectionFlopsPerToken,
  denseMlpFlopsPerToken,
  moeLayerCount,
  trainingFlopsPerToken,
} from './flops';
import { defaultFrameworkFor, FRAMEWORK_PROFILES, type FrameworkProfile } from './framework';
import type { TrainSetup } from './types';

export interface EngineContext {
  readonly model: ModelSpec;
  readonly hardware: HardwareProfile;
  readonly efficiency: EfficiencyProfile;
  /** The training framework: what the search may propose and what unstated fields default to. */
  readonly framework: FrameworkProfile;
  readonly setup: TrainSetup;
  /** Ranks in the job: what the layout's tp x pp x cp x dp counts (dies on an Ascend 910C; else devices). */
  readonly devices: number;
  /** Ranks per catalog device: 2 on an Ascend 910C, whose dies each show up as an NPU; else 1. */
  readonly ranksPerDevice: number;
  readonly seqLen: number;
  readonly layers: number;
  readonly moeLayers: number;
  /** Fraction of layers that are MoE. */
  readonly moeFraction: number;
  readonly hidden: number;
  /** Query width (heads x q head dim) and key/value widths, for activation and comm sizes. */
  readonly qWidth: number;
  readonly kvWidth: number;
  readonly vWidth: number;
  /** Parameters of one layer's attention block (+ norms), one dense MLP, one MoE layer's non-expert part. */
  readonly attentionParams: number;
  readonly denseMlpParams: number;
  readonly moeSharedParams: number;
  /** Parameters of one routed expert. */
  readonly expertParams: number;
  readonly experts: number;
  readonly topK: number;
  readonly embeddingParams: number;
  readonly tiedEmbeddings: boolean;
  /** Forward FLOPs per token, split by where they run. */
  readonly attentionProjectionFlops: number;
  readonly attentionCoreFlops: number;
  /** Forward FLOPs per token of every layer's MLA up-projections (what their recompute re-runs); 0 without MLA. */
  readonly mlaUpProjectionFlops: number;
  readonly denseMlpFlops: number;
  readonly expertFlopsPerTokenPerExpert: number;
  readonly sharedExpertFlops: number;
  readonly routerFlops: number;
  readonly logitsFlops: number;
  /** Model FLOPs per token (training, Megatron convention) for MFU. */
  readonly modelFlopsPerToken: number;
  /** Peak FLOP/s used for GEMMs at the run's precision, for attention (bf16), and for MFU. */
  readonly gemmPeakFlops: number;
  readonly bf16PeakFlops: number;
  readonly mfuPeakFlops: number;
  readonly gemmEfficiency: number;
  readonly hbmBytesPerSecond: number;
  readonly precisionBytes: number;
  /** Tokens on the busiest expert-parallel rank over the mean (setup, else the prior). */
  readonly moeImbalance: number;
}

export function buildContext(
  model: ModelSpec,
  hardware: HardwareProfile,
  setup: TrainSetup,
  devices: number,
  efficiencyOverride?: EfficiencyProfile,
): EngineContext {
  const efficiency = efficiencyOverride ?? efficiencyProfileFor(hardware);
  const framework = FRAMEWORK_PROFILES[setup.framework ?? defaultFrameworkFor(hardware.vendor)];
  const h = model.hidden;
  const moe = model.moe;
  const att = model.attention;
  const dims = attentionHeadDims(model);
  const qWidth = model.heads * dims.qk;
  const kvWidth = att.kind === 'mla' ? att.kvLoraRank + att.qkRopeHeadDim : model.kvHeads * model.headDim;
  const vWidth = model.heads * dims.v;
  // Parameters = forward FLOPs per token / 2 for every matrix (each weight is used once per token).
  const attentionParams = attentionProjectionFlopsPerToken(model) / 2 + 2 * h;
  const denseMlpParams = denseMlpFlopsPerToken(model) / 2;
  const matrices = model.gatedMlp ? 3 : 2;
  const expertParams = moe ? h * moe.expertFfnHidden * matrices : 0;
  const sharedParams = moe
    ? moe.sharedExperts * h * moe.sharedExpertFfnHidden * matrices + h * moe.experts
    : 0;
  const moeLayers = moeLayerCount(model);
  const bf16 = (hardware.peakTflops.bf16 ?? 0) * 1e12;
  const fp8 = (hardware.peakTflops.fp8 ?? 0) * 1e12;
  const isFp8 = setup.precision === 'fp8';
  return {
    model,
    hardware,
    efficiency,
    framework,
    setup,
    devices,
    ranksPerDevice: 1,
    seqLen: setup.seqLen,
    layers: model.layers,
    moeLayers,
    moeFraction: moeLayers / model.layers,
    hidden: h,
    qWidth,
    kvWidth,
    vWidth,
    attentionParams,
    denseMlpParams,
    moeSharedParams: sharedParams,
    expertParams,
    experts: moe?.experts ?? 0,
    topK: moe?.topK ?? 0,
    embeddingParams: model.vocab * h,
    tiedEmbeddings: model.tiedEmbeddings,
    attentionProjectionFlops: attentionProjectionFlopsPerToken(model),
    attentionCoreFlops: attentionCoreFlopsPerToken(model, setup.seqLen),
    mlaUpProjectionFlops:
      att.kind === 'mla'
        ? model.layers *
          2 *
          ((att.qLoraRank ?? 0) * qWidth + att.kvLoraRank * model.heads * (att.qkNopeHeadDim + att.vHeadDim))
        : 0,
    denseMlpFlops: denseMlpFlopsPerToken(model),
    expertFlopsPerTokenPerExpert: 2 * expertParams,
    sharedExpertFlops: moe ? 2 * moe.sharedExperts * h * moe.sharedExpertFfnHidden * matrices : 0,
    routerFlops: moe ? 2 * h * moe.experts : 0,
    logitsFlops: 2 * h * model.vocab,
    modelFlopsPerToken: trainingFlopsPerToken(model, setup.seqLen),
    gemmPeakFlops: isFp8 ? fp8 : bf16,
    bf16PeakFlops: bf16,
    mfuPeakFlops: isFp8 ? fp8 : bf16,
    gemmEfficiency: isFp8
      ? efficiency.gemmEfficiencyBf16 * efficiency.fp8EfficiencyRatio
      : efficiency.gemmEfficiencyBf16,
    hbmBytesPerSecond: hardware.hbmBandwidthTBps * 1e12 * efficiency.memoryBandwidthEfficiency,
    precisionBytes: 2,
    moeImbalance: setup.moeImbalance ?? efficiency.moeImbalance,
  };
}
