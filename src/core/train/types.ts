import type { HardwareProfile } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import type { EfficiencyProfile } from './calibration';
import type { FrameworkId } from './framework';

/**
 * Plain-data types of the training engine: what a caller asks (setup + layout) and what comes back.
 */

/**
 * Activation recomputation:
 * - `selective`: the attention core (scores, softmax, dropout, attention over values) is recomputed: Korthikanti
 *   et al. 2022 §4.2 and Megatron-Core `--recompute-granularity selective` (default `recompute_modules`
 *   ['core_attn']). Without flash attention this frees the 5·a·s²·b score buffers; with flash attention it only
 *   costs the attention forward again.
 * - `activations`: norms and activation functions recomputed (MindSpeed `--recompute-activation-function`,
 *   Megatron-Core `recompute_modules` 'layernorm'/'mlp'/'moe_act', DeepSeek-V3's RMSNorm recompute).
 * - `block`: Megatron's `--recompute-method block` with the fewest whole layers per stage that make it fit.
 * - `full`: every layer recomputed (keeps only its input).
 */
export const RECOMPUTE_MODES = ['none', 'selective', 'activations', 'block', 'full'] as const;
export type RecomputeMode = (typeof RECOMPUTE_MODES)[number];

export const TRAIN_PRECISIONS = ['bf16', 'fp8'] as const;
export type TrainPrecision = (typeof TRAIN_PRECISIONS)[number];

/**
 * Sharding of the data-parallel group (ZeRO, Rajbhandari et al. 2020), with the communication each stage implies
 * under gradient accumulation:
 * - 0: DDP; gradients all-reduced once per step (accumulated locally, `no_sync`).
 * - 1: optimizer states sharded (Megatron distributed optimizer, DeepSpeed stage 1): the full gradient buffer is
 *   kept, reduce-scattered once per step, parameters all-gathered once per step.
 * - 2: gradients sharded too (DeepSpeed stage 2, FSDP SHARD_GRAD_OP): no full gradient buffer, so gradients are
 *   reduce-scattered at every micro-batch's backward.
 * - 3: parameters sharded too (FSDP FULL_SHARD, DeepSpeed stage 3): parameters gathered for every micro-batch's
 *   forward and backward, gradients reduce-scattered at every micro-batch.
 */
export type ZeroStage = 0 | 1 | 2 | 3;

/**
 * Pipeline schedule: `1f1b` (Megatron; interleaved when vp > 1) or `dualpipe` (DeepSeek-V3's bidirectional
 * schedule: two micro-batches in opposite directions overlap each other's all-to-all and sends).
 */
/** Attention kernels the estimate knows (the request's `attention`). */
export const ATTENTION_KINDS = ['flash', 'unfused'] as const;
/** How a MoE layer runs its local experts (the request's `experts`): one grouped GEMM, or a loop of GEMMs. */
export const EXPERT_KERNELS = ['grouped', 'looped'] as const;
export const PIPELINE_SCHEDULES = ['1f1b', 'dualpipe'] as const;
export const MOE_DISPATCHERS = ['alltoall', 'dedup'] as const;
export type MoeDispatcher = (typeof MOE_DISPATCHERS)[number];
export type PipelineSchedule = (typeof PIPELINE_SCHEDULES)[number];

/** A complete parallel layout. Devices = tp * pp * cp * dp; EP is carved out of dp * cp (Megatron). */
export interface TrainLayout {
  tp: number;
  pp: number;
  /** Virtual pipeline stages (model chunks) per pipeline rank; 1 = plain 1F1B. */
  vp: number;
  dp: number;
  cp: number;
  ep: number;
  /** Tensor parallelism inside each expert (Megatron expert-tensor-parallel); defaults to tp. */
  etp: number;
  /** Micro-batch size in sequences. */
  mbs: number;
  recompute: RecomputeMode;
  /** ZeRO stage of the data-parallel group: 1 = Megatron distributed optimizer, 3 = FSDP. */
  zero: ZeroStage;
  schedule: PipelineSchedule;
  /** Megatron sequence parallelism (only meaningful with tp > 1). */
  sequenceParallel: boolean;
  /**
   * Fused flash attention (FlashAttention-2/3, cuDNN, Ascend FlashAttentionScore): no s x s score matrix in
   * memory. False is the unfused path of Megatron-LM 2021-22: batched GEMMs for QK^T and AV around a fused
   * scale-mask-softmax kernel, with the scores, probabilities and dropout mask kept for the backward pass.
   */
  flashAttention: boolean;
  overlapTpComm: boolean;
  overlapDpGrad: boolean;
  overlapParamGather: boolean;
  /**
   * MoE expert-parallel all-to-all (dispatch and combine) overlapped with another micro-batch's computation:
   * Megatron-Core `overlap_moe_expert_parallel_comm` (recipes' `moe_a2a_overlap`), off by default; it needs EP > 1,
   * virtual pipeline stages when PP > 1, and no full or block recompute (TransformerConfig checks).
   */
  overlapEpComm: boolean;
  /**
   * How MoE tokens reach their experts' ranks: `alltoall`, one copy per expert (Megatron-Core's alltoall dispatcher), or
   * `dedup`, one copy per remote scale-up domain forwarded inside it (Megatron-Core's `flex` dispatcher with DeepEP or
   * HybridEP). Irrelevant for dense models and for EP inside one scale-up domain.
   */
  moeDispatcher: MoeDispatcher;
  /**
   * The whole training iteration replayed as one CUDA graph (Megatron-Core `cuda_graph_impl = full_iteration`, with
   * sync-free MoE through paged stash in Megatron-Bridge's 26.08 recipes): no kernel launches or host syncs per
   * layer, so no host time per layer. Off unless stated (the search never assumes it).
   */
  fullIterationCudaGraph: boolean;
  /**
   * Local experts run as one grouped GEMM (Megatron `--moe-grouped-gemm`, Ascend GMM) rather than a loop of
   * per-expert GEMMs (Megatron's SequentialMLP). Irrelevant for dense models. Through Transformer Engine's
   * GroupedLinear (Megatron-Core) a grouped GEMM still costs host time per local expert, never more than the loop
   * (`FrameworkProfile.groupedExpertsPerExpertHostWork`).
   */
  groupedExperts: boolean;
  /**
   * MindSpeed --reuse-fp32-param: the fp32 master copy is kept as the bf16 parameter plus a 16-bit residual, saving
   * 2 bytes per parameter of static memory (÷ dp with the distributed optimizer; MindSpeed docs, reuse_fp32_param.md).
   */
  reuseFp32Params: boolean;
  /**
   * Layers on each pipeline stage, first to last (MindSpeed `--num-layer-list`): stages that hold more micro-batches
   * in flight are given fewer layers to fit. Absent: an even split. Needs vp = 1 and the 1F1B schedule.
   */
  layersPerStage?: readonly number[] | undefined;
}

/** A layout with every dimension optional: what is not given is searched. */
export type PartialLayout = Partial<TrainLayout>;

export interface TrainSetup {
  seqLen: number;
  /** Global batch in sequences. */
  globalBatchSeqs: number;
  precision: TrainPrecision;
  /** Total training tokens, for days-to-train, energy and cost. */
  totalTokens?: number;
  /** The training framework (default: MindSpeed on Ascend, Megatron-Core elsewhere; see ./framework.ts). */
  framework?: FrameworkId;
  /**
   * MoE routing balance: tokens on the busiest expert-parallel rank over the mean (default: the prior in
   * ./calibration.ts; 1 for benchmarks that force-balance tokens across experts).
   */
  moeImbalance?: number;
}

/** What the engine is asked: model and hardware resolved, the setup, and the layout fields given. */
export interface TrainRequest {
  readonly model: ModelSpec;
  readonly hardware: HardwareProfile;
  readonly devices: number;
  readonly setup: TrainSetup;
  readonly layout?: PartialLayout;
  /** Efficiency parameters to use instead of the calibrated ones (the fit script and what-if studies). */
  readonly efficiency?: EfficiencyProfile;
  /** Electricity price for the energy cost (default 0.08 USD/kWh, a Chinese industrial tariff of ~0.6 CNY). */
  readonly electricityUsdPerKWh?: number;
}
