/**
 * Plain-data types of the training engine: what a caller asks (setup + layout) and what comes back.
 */

/**
 * `full`: every layer recomputed (keeps only its input); `block`: Megatron's block method with the fewest
 * layers per stage that make the stage fit; `selective`: norms and activation functions recomputed.
 */
export const RECOMPUTE_MODES = ['none', 'selective', 'block', 'full'] as const;
export type RecomputeMode = (typeof RECOMPUTE_MODES)[number];

export const TRAIN_PRECISIONS = ['bf16', 'fp8'] as const;
export type TrainPrecision = (typeof TRAIN_PRECISIONS)[number];

export type ZeroStage = 0 | 1 | 2 | 3;

/**
 * Pipeline schedule: `1f1b` (Megatron; interleaved when vp > 1) or `dualpipe` (DeepSeek-V3's bidirectional
 * schedule: two micro-batches in opposite directions overlap each other's all-to-all and sends).
 */
export const PIPELINE_SCHEDULES = ['1f1b', 'dualpipe'] as const;
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
  overlapTpComm: boolean;
  overlapDpGrad: boolean;
  overlapParamGather: boolean;
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
}
