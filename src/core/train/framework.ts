/**
 * Training frameworks: what each one offers the layout search and what it does when a run does not say.
 *
 * The engine's numbers describe hardware; these describe software. A layout the framework cannot run (ZeRO-2
 * under Megatron, virtual stages under DeepSpeed's pipeline engine, flash attention in Megatron-LM 2021) is never
 * proposed by the search, and a published run that leaves a field unstated is predicted with the framework's
 * documented default for it, never with the search's best (docs/ENGINE.md §8).
 */
import type { PartialLayout, RecomputeMode, TrainLayout, ZeroStage } from './types';

export const FRAMEWORKS = [
  'megatron-core',
  'megatron-bridge',
  'megatron-lm',
  'megatron-lm-2021',
  'megatron-lm-2022',
  'megatron-deepspeed',
  'deepspeed',
  'fsdp',
  'mindspeed',
  'hai-llm',
  'maxtext',
] as const;
export type FrameworkId = (typeof FRAMEWORKS)[number];

/** The layout fields a framework fills when a run or a user does not state them. */
export type FrameworkDefaults = Pick<
  TrainLayout,
  | 'tp'
  | 'pp'
  | 'vp'
  | 'cp'
  | 'ep'
  | 'mbs'
  | 'recompute'
  | 'zero'
  | 'schedule'
  | 'sequenceParallel'
  | 'flashAttention'
  | 'overlapTpComm'
  | 'overlapDpGrad'
  | 'overlapParamGather'
  | 'overlapEpComm'
  | 'moeDispatcher'
  | 'fullIterationCudaGraph'
>;

export interface FrameworkProfile {
  readonly id: FrameworkId;
  readonly label: string;
  /** Where the facts below come from. */
  readonly reference: string;
  /** ZeRO stages the framework implements (searched). */
  readonly zeroStages: readonly ZeroStage[];
  readonly recomputeModes: readonly RecomputeMode[];
  /** Interleaved 1F1B (virtual pipeline stages). */
  readonly virtualPipeline: boolean;
  /** Megatron sequence parallelism (activations sharded over TP between the tensor-parallel blocks). */
  readonly sequenceParallel: boolean;
  /** TP collectives overlapped with GEMMs (Megatron-Core `tp_comm_overlap`, MindSpeed MC2). */
  readonly tpCommOverlap: boolean;
  /** Gradient reduce and parameter gather overlapped with compute (Megatron-Core, DeepSpeed `overlap_comm`, FSDP). */
  readonly dpCommOverlap: boolean;
  /**
   * ZeRO stages with which that overlap exists; absent: every stage the framework offers. Megatron-LM before
   * Megatron-Core overlapped only through PyTorch DDP (`--DDP-impl torch`), and its distributed optimizer asserts
   * `DDP_impl == 'local'` (arguments.py since the distributed optimizer landed, d07d29d of 2022-06-08), whose
   * reduction waits for the backward pass: ZeRO-1 there never overlaps.
   */
  readonly dpCommOverlapZeroStages?: readonly ZeroStage[];
  /** Fused flash attention available. */
  readonly flashAttention: boolean;
  /**
   * TP above the KV heads replicates them (XLA sharding, MaxText; PaLM's MQA at model parallelism 12). Absent: TP must
   * divide the KV heads, as Megatron's `divide(num_query_groups, tp)` and torchtitan's `n_kv_heads // tp` require.
   */
  readonly tpReplicatesKvHeads?: boolean;
  /**
   * Interleaving needs pp > 2 and every virtual stage the same whole number of layers (layers % (pp x vp) == 0):
   * Megatron-LM 2021-22 arguments.py asserts `pipeline_model_parallel_size > 2` and `num_layers %
   * num_layers_per_virtual_pipeline_stage == 0` with layers divisible by pp. Absent: pp x vp chunks may reach
   * layers + 2 (Megatron-Core's account_for_embedding/loss_in_pipeline_split) and pp 2 interleaves.
   */
  readonly evenVirtualStages?: boolean;
  /**
   * Pipeline sends split over the TP ranks and re-gathered over the scale-up fabric when activations are not
   * sequence-parallel (Megatron `scatter_gather_tensors_in_pipeline`, default on since 2021).
   */
  readonly pipelineScatterGather: boolean;
  /**
   * Interleaved-schedule sends overlapped with the next chunk's compute (Megatron-Core `overlap_p2p_comm`, on by
   * default with virtual stages); without it every chunk's send and receive wait.
   */
  readonly p2pOverlap: boolean;
  readonly contextParallel: boolean;
  /**
   * Context parallelism gathers every K/V shard after the first, local sub-attention, which is all it overlaps
   * (torchtitan's default `context_parallel_rotate_method = "allgather"`; Meta's own CP for Llama 3, §3.3.2: "the
   * all-gather communication latency is exposed in the critical path"); absent: Megatron's ring, whose exchange of
   * each next chunk hides behind the attention products of the current one.
   */
  readonly contextParallelAllGather?: boolean;
  readonly expertParallel: boolean;
  /**
   * The framework can overlap the expert-parallel all-to-all with computation (Megatron-Core's
   * `overlap_moe_expert_parallel_comm`); whether a layout does is its `overlapEpComm` (the default is the
   * framework's `defaults.overlapEpComm`, the search turns it on where `epOverlapAllowed`).
   */
  readonly epCommOverlap: boolean;
  /**
   * The framework has a deduplicating MoE dispatcher (Megatron-Core's `flex` dispatcher with DeepEP or HybridEP);
   * the search uses it where offered, a run states it (its default is `defaults.moeDispatcher`).
   */
  readonly dedupDispatcher: boolean;
  /** The framework can capture a whole iteration as one CUDA graph (Megatron-Core's `full_iteration` scope). */
  readonly cudaGraphs: boolean;
  readonly dualPipe: boolean;
  /**
   * Under FP8 training the all-to-all dispatch sends FP8 activations (1 byte) and the combine BF16 (DeepSeek-V3
   * technical report §3.3: "quantize the activation before MoE up-projections into FP8 and then apply dispatch
   * components"; the combine stays in BF16). Absent: both directions in BF16, as Megatron-Core's dispatchers.
   */
  readonly fp8Dispatch?: boolean;
  /**
   * Local experts run as one grouped GEMM (Megatron `--moe-grouped-gemm`, set by NVIDIA's recipes; Ascend GMM) rather
   * than a loop of per-expert GEMMs, each with its own launches (Megatron's default SequentialMLP; the MindSpeed-LLM
   * Mixtral and Grok scripts of 2024).
   */
  readonly groupedGemm: boolean;
  /**
   * Bytes per gradient element in data-parallel reductions: 4 where gradients are reduced in fp32 (Megatron-LM
   * forces `accumulate_allreduce_grads_in_fp32` with bf16; torchtitan's FSDP `reduce_dtype` float32), 2 where they
   * are reduced in the training dtype (DeepSpeed's default communication_data_type; the fp16 runs of Megatron-LM
   * 2021-22, whose local DDP all-reduced fp16 gradients unless --accumulate-allreduce-grads-in-fp32 was set).
   */
  readonly gradReduceBytes: number;
  /**
   * Bytes per parameter of the main-gradient buffer; 4 (fp32, Megatron's main_grad) unless the framework keeps it in
   * the training dtype: Megatron-Bridge's performance recipes set `grad_reduce_in_fp32 = False` for the buffer and
   * its reduction alike (`cfg.ddp.grad_reduce_in_fp32`).
   */
  readonly gradientBufferBytes?: number;
  /**
   * Bytes per Adam moment (m and v each) in the optimizer state: 4 (fp32) unless the framework documents otherwise.
   * DeepSeek's HAI-LLM keeps both in BF16 (DeepSeek-V3 report §3.3.2, "Low-Precision Optimizer States"), with the
   * fp32 master weights kept: 8 bytes of optimizer state per parameter instead of 12.
   */
  readonly adamMomentBytes?: number;
  /**
   * With pipeline parallelism, gradients are reduced once, after the last micro-batch's backward, whatever the
   * sharding: PyTorch's pipelining schedules run every earlier backward with gradient sync off
   * (torch.distributed.pipelining `PipelineStage.backward_maybe_with_nosync`: FSDP2 `set_requires_gradient_sync`
   * and `set_reshard_after_backward` true only on the last backward). Megatron and DeepSpeed have no such switch
   * (DeepSpeed's pipeline engine refuses ZeRO-2/3; Megatron's FSDP reduces per micro-batch): false.
   */
  readonly deferGradSyncInPipeline: boolean;
  /**
   * Virtual stages per rank when a source says the schedule is interleaved but not with how many: the framework's
   * own default where it has one (torchtitan builds 2 stages per rank for a multi-stage schedule given no split:
   * `generate_split_points`/`build_pipeline_schedule`). Undefined: the framework needs the count stated (Megatron's
   * `--num-layers-per-virtual-pipeline-stage` has no default), so such a run keeps vp = 1.
   */
  readonly interleavedStagesPerRank?: number;
  /**
   * Full rematerialisation recomputes only what the backward needs (the linearisation points), so a GEMM whose output
   * only joins the residual stream (the MLP's down projection) and the TP collective after it are not run again:
   * JAX's `jax.checkpoint` "doesn't store any of its intermediate linearization points ... these are recomputed from
   * the function's saved inputs" (jax.checkpoint API docs), and XLA drops the rest as dead code. PyTorch's
   * `torch.utils.checkpoint` and Megatron's `CheckpointFunction` re-run the checkpointed module's forward whole:
   * false (the default).
   */
  readonly rematSkipsResidualOutputs?: boolean;
  /**
   * Activations between the tensor-parallel blocks are sharded over the TP axis without Megatron's SP switch: MaxText's
   * logical axis rules put `activation_embed` on the tensor axis, so the norm outputs the QKV and FC1 GEMMs read are
   * kept sharded (as with SP). Absent: only SP shards them; Megatron's column-parallel linear otherwise keeps its whole
   * input on every rank (Korthikanti et al. 2022 eq. 2).
   */
  readonly activationsShardedOverTp?: boolean;
  /**
   * `activations` recompute covers a dense MLP's activation function (MindSpeed `--recompute-activation-function`).
   * Megatron-Core's `recompute_modules` has `layernorm` and `moe_act` (the MoE experts' activation) but, for a dense
   * MLP, only `mlp`, which recomputes the whole submodule, GEMMs included (TransformerConfig.recompute_modules): there
   * `activations` frees and re-runs the norms of a dense layer only. HAI-LLM recomputes RMSNorm and MLA
   * up-projections and the MoE SwiGLU (DeepSeek-V3 report §3.2.3, §3.3.2), no dense activation. Default false.
   */
  readonly denseActivationRecompute?: boolean;
  /**
   * `activations` recompute re-runs MLA's query and key/value up-projections, keeping only their latent inputs
   * (DeepSeek-V3 report §3.3.2, "Recomputation of RMSNorm and MLA Up-Projection").
   */
  readonly mlaUpProjectionRecompute?: boolean;
  /**
   * The framework runs the user's own PyTorch model code eagerly, one kernel per operator, where Megatron and its
   * descendants run fused kernels: DeepSpeed trains the module it is given, in practice a Hugging Face Transformers
   * model (FlagPerf's DeepSpeed cases build theirs with `AutoModel.from_config`). Its norms, rotary embedding,
   * gated activation, grouped-query key/value expansion and head transposes then each read and write their tensors
   * separately (layer-costs.ts, `eagerExtraElements`). Default false.
   */
  readonly eagerModelCode?: boolean;
  /**
   * Grouped experts go through Transformer Engine's `GroupedLinear` (Megatron-Core's `TEGroupedMLP`, the default with
   * `--moe-grouped-gemm` and TE): before the grouped-tensor path of 2026 it brings the token counts to the host
   * (`m_splits.tolist()`), splits and quantizes the input and the weights per expert and issues one cuBLAS GEMM per
   * expert over its streams (`te_general_grouped_gemm`; transformer_engine/pytorch/module/grouped_linear.py), so
   * host work grows with the local experts even when the experts are "grouped". MindSpeed's GMM, DeepGEMM and
   * `torch._grouped_mm` run one kernel from device-side counts: false (the default). Transformer Engine added a
   * grouped GEMM on device-side counts in 2026 (opt-in, MXFP8 first); the Megatron-Bridge recipes of the 26.xx rows
   * are not read as using it, so `megatron-bridge` keeps the term, as `megatron-lm` (TE by default) does.
   */
  readonly groupedExpertsPerExpertHostWork?: boolean;
  readonly defaults: FrameworkDefaults;
}

const NO_OVERLAP = {
  overlapTpComm: false,
  overlapDpGrad: false,
  overlapParamGather: false,
} as const;
// Every framework's defaults leave the MoE all-to-all unoverlapped, its dispatch per expert and the iteration
// ungraphed: Megatron-Core's own defaults (ModelParallelConfig.overlap_moe_expert_parallel_comm = False, the alltoall
// dispatcher NVIDIA's recipes name when they name no flex backend, no cuda_graph_impl); NVIDIA's recipes turn them on
// per model and system (validation/megatron-bridge-recipes.ts); the other frameworks have no such switch.
const PLAIN = {
  tp: 1,
  pp: 1,
  vp: 1,
  cp: 1,
  ep: 1,
  mbs: 1,
  schedule: '1f1b',
  overlapEpComm: false,
  moeDispatcher: 'alltoall',
  fullIterationCudaGraph: false,
} as const;

const MEGATRON_CORE: FrameworkProfile = {
  id: 'megatron-core',
  label: 'Megatron-Core as NVIDIA tunes it (NeMo and Megatron-Bridge recipes, Megatron-LM README benchmarks)',
  reference:
    'NeMo/Megatron-Bridge performance recipes and the Megatron-LM README scaling runs: distributed optimizer, sequence parallelism with TP, tp_comm_overlap, overlap_grad_reduce/overlap_param_gather, overlap_p2p_comm; Transformer Engine flash attention; --recompute-granularity default none',
  zeroStages: [0, 1, 3],
  recomputeModes: ['none', 'selective', 'activations', 'block', 'full'],
  virtualPipeline: true,
  sequenceParallel: true,
  tpCommOverlap: true,
  dpCommOverlap: true,
  flashAttention: true,
  pipelineScatterGather: true,
  p2pOverlap: true,
  contextParallel: true,
  expertParallel: true,
  epCommOverlap: true,
  // the flex dispatcher (DeepEP, HybridEP backends) since Megatron-Core 0.12; the alltoall one is what recipes that
  // name no backend run (Megatron-Bridge `set_workload_base_configs` forces it from v0.4.0)
  dedupDispatcher: true,
  // cuda_graph_impl = full_iteration (Megatron-Core; Megatron-Bridge's 26.08 recipes with paged stash for MoE)
  cudaGraphs: true,
  dualPipe: false,
  groupedGemm: true,
  // `activations` is the MoE README's fine-grained recompute, `--recompute-modules mla_up_proj layernorm moe_act`
  // (megatron/core/transformer/moe/README.md); mla_up_proj applies to MLA models only
  mlaUpProjectionRecompute: true,
  groupedExpertsPerExpertHostWork: true,
  gradReduceBytes: 4,
  deferGradSyncInPipeline: false,
  defaults: {
    ...PLAIN,
    recompute: 'none',
    zero: 1,
    sequenceParallel: true,
    flashAttention: true,
    overlapTpComm: true,
    overlapDpGrad: true,
    overlapParamGather: true,
  },
};

const MEGATRON_LM_2021: FrameworkProfile = {
  id: 'megatron-lm-2021',
  label: 'Megatron-LM 2021 (v2, Narayanan et al. SC21)',
  reference:
    'Narayanan et al. 2021 (arXiv 2104.04473) and Megatron-LM v2 arguments.py: --DDP-impl local (the default) all-reduces after the backward pass, --DDP-impl torch (PyTorch DDP) overlaps its bucketed all-reduce with it; no sequence parallelism, unfused attention with a fused softmax, --checkpoint-activations for full recompute, scatter_gather_tensors_in_pipeline on',
  zeroStages: [0],
  recomputeModes: ['none', 'full'],
  virtualPipeline: true,
  sequenceParallel: false,
  tpCommOverlap: false,
  // --DDP-impl torch; the default (defaults below) is Megatron's local DDP, which does not overlap
  dpCommOverlap: true,
  flashAttention: false,
  pipelineScatterGather: true,
  p2pOverlap: false,
  contextParallel: false,
  expertParallel: false,
  epCommOverlap: false,
  dedupDispatcher: false,
  cudaGraphs: false,
  dualPipe: false,
  groupedGemm: false,
  gradReduceBytes: 2,
  deferGradSyncInPipeline: false,
  evenVirtualStages: true,
  defaults: {
    ...PLAIN,
    recompute: 'none',
    zero: 0,
    sequenceParallel: false,
    flashAttention: false,
    ...NO_OVERLAP,
  },
};

export const FRAMEWORK_PROFILES: Readonly<Record<FrameworkId, FrameworkProfile>> = {
  'megatron-core': MEGATRON_CORE,
  'megatron-bridge': {
    ...MEGATRON_CORE,
    id: 'megatron-bridge',
    label:
      "Megatron-Core as NVIDIA's Megatron-Bridge performance recipes run it (bf16 gradient buffer and reduction)",
    reference:
      "Megatron-Bridge scripts/performance (v0.2-v0.5 configs/*_llm_pretrain.py, v0.6 perf_recipes/_common.py): Megatron-Core's switches as NVIDIA tunes them, and grad_reduce_in_fp32 = False for every model (the gradient buffer and its reduce-scatter in bf16)",
    gradReduceBytes: 2,
    gradientBufferBytes: 2,
  },
  'megatron-lm': {
    ...MEGATRON_CORE,
    id: 'megatron-lm',
    label: 'Megatron-LM / Megatron-Core 2023- with its command-line defaults',
    reference:
      'Megatron-LM arguments.py defaults: no distributed optimizer (--use-distributed-optimizer off), no sequence parallelism, no tp_comm_overlap, no overlap_grad_reduce/overlap_param_gather, no --moe-grouped-gemm, --recompute-granularity none, --transformer-impl transformer_engine (flash attention); every switch is available when asked for',
    groupedGemm: false,
    defaults: {
      ...PLAIN,
      recompute: 'none',
      zero: 0,
      sequenceParallel: false,
      flashAttention: true,
      ...NO_OVERLAP,
    },
  },
  'megatron-lm-2021': MEGATRON_LM_2021,
  'megatron-lm-2022': {
    ...MEGATRON_LM_2021,
    id: 'megatron-lm-2022',
    label: 'Megatron-LM 2022 (v3, Korthikanti et al.)',
    reference:
      'Korthikanti et al. 2022 (arXiv 2205.05198): sequence parallelism and selective recompute of the attention core; distributed optimizer (--use-distributed-optimizer, v3.0); still unfused attention and no communication overlap',
    zeroStages: [0, 1],
    recomputeModes: ['none', 'selective', 'full'],
    sequenceParallel: true,
    dpCommOverlapZeroStages: [0],
  },
  'megatron-deepspeed': {
    // Megatron TP of the 2021 vintage under DeepSpeed's own pipeline engine: same switches as Megatron-LM 2021
    // except that the pipeline has no virtual stages. Its sends are split over the TP ranks like Megatron's
    // scatter/gather: PipelineEngine sets is_pipe_partitioned (activations) and is_grad_partitioned (their
    // gradients) whenever model parallelism is on, sending a PartitionedTensor and all-gathering it on arrival.
    ...MEGATRON_LM_2021,
    evenVirtualStages: false, // no virtual stages at all: a stated vp is modelled as asked, with a warning
    id: 'megatron-deepspeed',
    label: 'Megatron-DeepSpeed (DeepSpeed pipeline engine + Megatron TP)',
    reference:
      "DeepSpeed's PipelineModule runs plain 1F1B (no virtual stages) and supports ZeRO stage 1 only with pipelines; its sends are TP-partitioned (deepspeed/runtime/pipe/engine.py: is_pipe_partitioned = is_grad_partitioned = is_model_parallel); Megatron tensor parallelism without Megatron sequence parallelism; no TP overlap",
    zeroStages: [0, 1],
    virtualPipeline: false,
    pipelineScatterGather: true,
  },
  deepspeed: {
    id: 'deepspeed',
    label: "DeepSpeed ZeRO (data parallel, no model parallelism; the model's own code, run eagerly)",
    reference:
      "DeepSpeed ZeRO config: stage 0-3, overlap_comm, contiguous gradients; stage 2 reduces gradients at every micro-step (it keeps no full gradient buffer); the model is the user's PyTorch module run eagerly (Hugging Face Transformers modeling code: FlagPerf chatglm3_6b/deepspeed/model/chatglm_model.py)",
    zeroStages: [0, 1, 2, 3],
    recomputeModes: ['none', 'full'],
    virtualPipeline: false,
    sequenceParallel: false,
    tpCommOverlap: false,
    dpCommOverlap: true,
    flashAttention: true,
    pipelineScatterGather: false,
    p2pOverlap: false,
    contextParallel: false,
    expertParallel: false,
    epCommOverlap: false,
    dedupDispatcher: false,
    cudaGraphs: false,
    dualPipe: false,
    groupedGemm: false,
    gradReduceBytes: 2,
    deferGradSyncInPipeline: false,
    eagerModelCode: true,
    defaults: {
      ...PLAIN,
      recompute: 'none',
      zero: 0,
      sequenceParallel: false,
      flashAttention: true,
      overlapTpComm: false,
      overlapDpGrad: true,
      overlapParamGather: true,
    },
  },
  fsdp: {
    id: 'fsdp',
    label: 'PyTorch FSDP/FSDP2 (torchtitan)',
    reference:
      'PyTorch FSDP sharding strategies NO_SHARD/SHARD_GRAD_OP/FULL_SHARD (FSDP2 reshard_after_forward), forward and backward prefetch; torchtitan adds TP with sequence parallelism, pipeline schedules and context parallelism; SDPA flash attention; element-wise kernels taken as fused (torch.compile, which torchtitan recipes turn on; eager code would move more bytes: see deepspeed)',
    zeroStages: [0, 2, 3],
    recomputeModes: ['none', 'selective', 'full'],
    virtualPipeline: true,
    sequenceParallel: true,
    tpCommOverlap: false,
    dpCommOverlap: true,
    flashAttention: true,
    pipelineScatterGather: false,
    p2pOverlap: false,
    contextParallel: true,
    contextParallelAllGather: true,
    expertParallel: false,
    epCommOverlap: false,
    dedupDispatcher: false,
    cudaGraphs: false,
    dualPipe: false,
    groupedGemm: true,
    gradReduceBytes: 4,
    deferGradSyncInPipeline: true,
    interleavedStagesPerRank: 2,
    defaults: {
      ...PLAIN,
      recompute: 'none',
      zero: 3,
      sequenceParallel: true,
      flashAttention: true,
      overlapTpComm: false,
      overlapDpGrad: true,
      overlapParamGather: true,
    },
  },
  mindspeed: {
    id: 'mindspeed',
    label: 'MindSpeed-LLM (Megatron-Core on Ascend CANN)',
    reference:
      'MindSpeed-LLM example scripts and MindSpeed features: --use-flash-attn (FlashAttentionScore), --use-distributed-optimizer, --sequence-parallel, MC2 (--use-mc2) fuses TP matmuls with their collectives, --recompute-activation-function, --moe-alltoall-overlap-comm',
    zeroStages: [0, 1],
    recomputeModes: ['none', 'selective', 'activations', 'block', 'full'],
    virtualPipeline: true,
    sequenceParallel: true,
    tpCommOverlap: true,
    dpCommOverlap: true,
    flashAttention: true,
    pipelineScatterGather: true,
    p2pOverlap: true,
    contextParallel: true,
    expertParallel: true,
    epCommOverlap: false,
    dedupDispatcher: false,
    cudaGraphs: false,
    dualPipe: false,
    groupedGemm: false,
    gradReduceBytes: 4,
    deferGradSyncInPipeline: false,
    denseActivationRecompute: true,
    // MindSpeed-LLM's DeepSeek scripts pair --recompute-activation-function with --recompute-mla-up-proj
    mlaUpProjectionRecompute: true,
    defaults: {
      ...PLAIN,
      recompute: 'none',
      zero: 1,
      sequenceParallel: true,
      flashAttention: true,
      overlapTpComm: false,
      overlapDpGrad: true,
      overlapParamGather: true,
    },
  },
  'hai-llm': {
    id: 'hai-llm',
    label: "DeepSeek's HAI-LLM (DualPipe)",
    reference:
      'DeepSeek-V3 technical report §3.2: DualPipe, overlapped all-to-all, ZeRO-1 style optimizer sharding, recompute of RMSNorm and MLA up-projections',
    zeroStages: [1],
    recomputeModes: ['none', 'activations'],
    virtualPipeline: false,
    sequenceParallel: false,
    tpCommOverlap: false,
    dpCommOverlap: true,
    flashAttention: true,
    pipelineScatterGather: false,
    p2pOverlap: false,
    contextParallel: false,
    expertParallel: true,
    // DualPipe hides the all-to-all through its schedule (evaluate.ts), not through Megatron-Core's overlap switch
    epCommOverlap: false,
    dedupDispatcher: false,
    cudaGraphs: false,
    dualPipe: true,
    fp8Dispatch: true,
    groupedGemm: true,
    mlaUpProjectionRecompute: true,
    gradReduceBytes: 4,
    adamMomentBytes: 2,
    deferGradSyncInPipeline: false,
    defaults: {
      ...PLAIN,
      recompute: 'activations',
      zero: 1,
      schedule: 'dualpipe',
      sequenceParallel: false,
      flashAttention: true,
      overlapTpComm: false,
      overlapDpGrad: true,
      overlapParamGather: true,
    },
  },
  maxtext: {
    id: 'maxtext',
    label: 'MaxText (JAX/XLA; the framework of the TPU runs)',
    reference:
      "MaxText configs/base.yml (google/maxtext @e64f6813): remat_policy 'full', scan_layers, attention 'autoselected' (flash kernels on TPU), ici_fsdp_parallelism -1 (parameters, gradients and optimizer state sharded over the slice), dcn_data_parallelism -1, tensor/pipeline/expert parallelism 1, weight_dtype float32 (fp32 gradients), megablox grouped GEMMs, gradient_accumulation_steps 1. Its published TPU configs (configs/v5p/*.sh) set LIBTPU_INIT_ARGS with --xla_tpu_enable_async_collective_fusion and --xla_tpu_overlap_compute_collective_tc: XLA overlaps the FSDP and TP collectives with computation",
    zeroStages: [0, 3],
    recomputeModes: ['none', 'selective', 'full'],
    virtualPipeline: false,
    sequenceParallel: false,
    tpCommOverlap: true,
    dpCommOverlap: true,
    tpReplicatesKvHeads: true,
    flashAttention: true,
    pipelineScatterGather: false,
    p2pOverlap: false,
    contextParallel: false,
    expertParallel: true,
    epCommOverlap: false,
    dedupDispatcher: false,
    cudaGraphs: false,
    dualPipe: false,
    groupedGemm: true,
    gradReduceBytes: 4,
    deferGradSyncInPipeline: false,
    rematSkipsResidualOutputs: true,
    activationsShardedOverTp: true,
    defaults: {
      ...PLAIN,
      recompute: 'full',
      zero: 3,
      sequenceParallel: false,
      flashAttention: true,
      overlapTpComm: true,
      overlapDpGrad: true,
      overlapParamGather: true,
    },
  },
};

/**
 * The framework a run uses when none is named: MindSpeed on Ascend (Huawei's own stack), MaxText on Google's TPUs
 * (Megatron does not run there), Megatron-Core elsewhere (NVIDIA's, and the base of the Megatron ports that AMD,
 * Cambricon, Hygon, Kunlunxin and MetaX publish).
 */
/** Whether the framework overlaps the data-parallel gradient reduce and parameter gather at this ZeRO stage. */
export function dpOverlapOffered(framework: FrameworkProfile, zero: ZeroStage): boolean {
  return framework.dpCommOverlap && (framework.dpCommOverlapZeroStages?.includes(zero) ?? true);
}

export function defaultFrameworkFor(vendor: string): FrameworkId {
  if (/huawei/i.test(vendor)) return 'mindspeed';
  if (/google/i.test(vendor)) return 'maxtext';
  return 'megatron-core';
}

/** Layout fields that count as "assumed" when a run does not state them (switches are framework facts). */
export const LAYOUT_FIELDS = [
  'tp',
  'pp',
  'vp',
  'cp',
  'ep',
  'etp',
  'mbs',
  'recompute',
  'zero',
  'sequenceParallel',
  'overlapEpComm',
  'moeDispatcher',
] as const;
export type LayoutField = (typeof LAYOUT_FIELDS)[number];

/**
 * Completes a partial layout with the framework's documented defaults (never with a searched value) and says
 * which layout fields were assumed. Fields that cannot matter are not counted as assumed: ep and etp of a dense
 * model, vp with one pipeline stage, sequence parallelism without TP.
 */
export function fillFromFramework(
  given: PartialLayout,
  framework: FrameworkProfile,
  devices: number,
  isMoe: boolean,
): { layout: TrainLayout; assumed: Partial<Record<LayoutField, number | string | boolean>> } {
  const d = framework.defaults;
  const tp = given.tp ?? d.tp;
  const pp = given.pp ?? d.pp;
  const cp = given.cp ?? d.cp;
  const ep = given.ep ?? d.ep;
  const layout: TrainLayout = {
    tp,
    pp,
    vp: given.vp ?? d.vp,
    dp: given.dp ?? devices / (tp * pp * cp),
    cp,
    ep,
    // Megatron-Core: expert_tensor_parallel_size defaults to the tensor-parallel size
    etp: given.etp ?? (isMoe ? tp : 1),
    mbs: given.mbs ?? d.mbs,
    recompute: given.recompute ?? d.recompute,
    zero: given.zero ?? d.zero,
    // a framework's pipeline schedule (HAI-LLM's DualPipe) says nothing about a run without a pipeline
    schedule: given.schedule ?? (pp > 1 ? d.schedule : '1f1b'),
    sequenceParallel: tp > 1 && (given.sequenceParallel ?? d.sequenceParallel),
    flashAttention: given.flashAttention ?? d.flashAttention,
    overlapTpComm: given.overlapTpComm ?? d.overlapTpComm,
    overlapDpGrad: given.overlapDpGrad ?? d.overlapDpGrad,
    overlapParamGather: given.overlapParamGather ?? d.overlapParamGather,
    overlapEpComm: given.overlapEpComm ?? d.overlapEpComm,
    // MoE switches mean nothing for a dense model: it has no experts to group or dispatch to
    moeDispatcher: given.moeDispatcher ?? (isMoe ? d.moeDispatcher : 'alltoall'),
    fullIterationCudaGraph: given.fullIterationCudaGraph ?? d.fullIterationCudaGraph,
    groupedExperts: given.groupedExperts ?? (isMoe && framework.groupedGemm),
    reuseFp32Params: given.reuseFp32Params ?? false,
    ...(given.layersPerStage === undefined ? {} : { layersPerStage: given.layersPerStage }),
  };
  const assumed: Partial<Record<LayoutField, number | string | boolean>> = {};
  for (const field of LAYOUT_FIELDS) {
    if (given[field] !== undefined) continue;
    if ((field === 'ep' || field === 'etp') && !isMoe) continue;
    if (field === 'vp' && layout.pp === 1) continue;
    if (field === 'sequenceParallel' && layout.tp === 1) continue;
    if ((field === 'overlapEpComm' || field === 'moeDispatcher') && !(isMoe && layout.ep > 1)) continue;
    // a field the framework offers one value for is determined by the framework, not assumed
    if (field === 'cp' && !framework.contextParallel) continue;
    if (field === 'zero' && framework.zeroStages.length === 1) continue;
    if (field === 'vp' && !framework.virtualPipeline) continue;
    assumed[field] = layout[field];
  }
  return { layout, assumed };
}
