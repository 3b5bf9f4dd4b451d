/**
 * Serving engine profiles: what differs between vLLM, vLLM-Ascend, SGLang, TensorRT-LLM and MindIE
 * and moves the serving numbers. Every field is the engine's documented default (the source is named
 * next to it); a run that sets something else says so in its own inputs. docs/INFERENCE.md section 2.
 */

import type { SoftwareStack } from '../catalog/schema';

export const ENGINE_IDS = ['vllm', 'vllm-ascend', 'sglang', 'trtllm', 'mindie'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/**
 * How the engine sizes its KV cache. `total`: KV = fraction x HBM capacity - weights - runtime
 * (vLLM gpu_memory_utilization, SGLang mem_fraction_static, MindIE NPU_MEMORY_FRACTION);
 * `free`: KV = fraction x (HBM capacity - weights - runtime) (TensorRT-LLM free_gpu_memory_fraction).
 */
export interface KvMemoryRule {
  readonly basis: 'total' | 'free';
  readonly fraction: number;
  readonly source: string;
}

export interface EngineProfile {
  readonly id: EngineId;
  readonly name: string;
  /** The one software stack the engine runs on, where it is tied to one (TensorRT-LLM: CUDA; MindIE: CANN). */
  readonly onlyStack?: SoftwareStack;
  readonly kvMemory: KvMemoryRule;
  /**
   * How much KV a running request holds: `whole-request` reserves input + output tokens at admission
   * (TensorRT-LLM's GUARANTEED_NO_EVICT scheduler policy); `on-demand` allocates pages as tokens are
   * generated and preempts when full, so a request holds input + output / 2 tokens on average.
   */
  readonly kvReservation: 'whole-request' | 'on-demand';
  /**
   * Sequences one instance runs at once (vLLM max_num_seqs, SGLang max_running_requests, TRT-LLM
   * max_batch_size, MindIE maxBatchSize), per device of a TP group or per DP rank.
   */
  readonly maxSequencesPerRank: number;
  /** Tokens one scheduler step may carry (vLLM max_num_batched_tokens, TRT-LLM max_num_tokens...). */
  readonly maxTokensPerStep: number;
  /**
   * Chunked prefill that mixes prompt chunks into decode steps (one forward carries both). False: the
   * engine alternates whole prefill batches and decode batches.
   */
  readonly mixedBatches: boolean;
  /** Graph capture of the decode step: kernel launches replayed by the driver, not issued by the host. */
  readonly graph: 'cuda-graph' | 'acl-graph' | 'atb-graph';
  /**
   * Host scheduling of step n+1 runs while the device computes step n (SGLang's overlap scheduler,
   * TRT-LLM's overlap scheduler, vLLM async scheduling). False: the host time adds to every step.
   */
  readonly overlapScheduler: boolean;
  /**
   * Host time of a decode step as a share of its device time when the scheduler is not overlapped:
   * 0.1, from SGLang v0.4's measurement that hiding it raised throughput 1.1x (lmsys.org blog
   * 2024-12-04, zero-overhead batch scheduler); 0 for overlapped schedulers.
   */
  readonly hostShare: number;
  /** Attention kernels by attention kind, as the engine picks them by default on its hardware. */
  readonly attentionBackend: { readonly gqa: string; readonly mla: string };
  /** MTP / speculative decoding with a draft module. */
  readonly speculativeDecoding: boolean;
  /** Data-parallel attention with expert-parallel MoE (DP-attention). */
  readonly dpAttention: boolean;
  readonly sources: readonly string[];
}

/** Settings a run states that differ from its engine's defaults. */
export interface EngineSettings {
  /** KV-cache memory fraction (gpu_memory_utilization, free_gpu_memory_fraction...). */
  readonly kvFraction?: number;
  readonly maxTokensPerStep?: number;
  readonly maxSequencesPerRank?: number;
  /** Chunked prefill mixing prompt chunks into decode steps, on or off. */
  readonly mixedBatches?: boolean;
}

/** The profile with a run's settings applied. */
export function withSettings(profile: EngineProfile, settings: EngineSettings | undefined): EngineProfile {
  if (!settings) return profile;
  return {
    ...profile,
    kvMemory:
      settings.kvFraction !== undefined
        ? { ...profile.kvMemory, fraction: settings.kvFraction, source: 'set by the run' }
        : profile.kvMemory,
    maxTokensPerStep: settings.maxTokensPerStep ?? profile.maxTokensPerStep,
    maxSequencesPerRank: settings.maxSequencesPerRank ?? profile.maxSequencesPerRank,
    mixedBatches: settings.mixedBatches ?? profile.mixedBatches,
  };
}

const VLLM_SOURCES = [
  'vLLM EngineArgs (vllm/engine/arg_utils.py get_batch_defaults): on GPUs with >= 70 GiB that are not A100, max_num_seqs 1024 and max_num_batched_tokens 8192 (OpenAI server) / 16384 (LLM class); otherwise 256 and 2048 / 8192',
  'vLLM engine arguments: --gpu-memory-utilization default 0.9 (0.92 in the newest vllm/config/cache.py)',
  'vLLM V1 scheduler: chunked prefill always on, decode and prefill tokens share one step',
];

export const ENGINE_PROFILES: Readonly<Record<EngineId, EngineProfile>> = {
  vllm: {
    id: 'vllm',
    name: 'vLLM (V1 engine)',
    kvMemory: {
      basis: 'total',
      fraction: 0.9,
      source: 'vLLM --gpu-memory-utilization default 0.9 of total GPU memory for weights, activations and KV',
    },
    kvReservation: 'on-demand',
    maxSequencesPerRank: 1024,
    maxTokensPerStep: 8192,
    mixedBatches: true,
    graph: 'cuda-graph',
    // Async scheduling is opt-in (--async-scheduling) in the releases the published runs used.
    overlapScheduler: false,
    hostShare: 0.1,
    attentionBackend: {
      gqa: 'FlashAttention 3 / FlashInfer (paged)',
      mla: 'FlashMLA (Hopper), CUTLASS MLA (Blackwell)',
    },
    speculativeDecoding: true,
    dpAttention: true,
    sources: VLLM_SOURCES,
  },
  'vllm-ascend': {
    id: 'vllm-ascend',
    name: 'vLLM-Ascend (vLLM V1 on CANN)',
    onlyStack: 'CANN',
    kvMemory: {
      basis: 'total',
      fraction: 0.9,
      source: 'vLLM --gpu-memory-utilization default 0.9, inherited by the vLLM-Ascend platform plugin',
    },
    // A 64 GB die is under vLLM's 70 GiB threshold: the small defaults apply.
    kvReservation: 'on-demand',
    maxSequencesPerRank: 256,
    maxTokensPerStep: 2048,
    mixedBatches: true,
    graph: 'acl-graph',
    overlapScheduler: false,
    hostShare: 0.1,
    attentionBackend: { gqa: 'CANN FusedInferAttention (paged)', mla: 'CANN MLA (MLAPO) kernels' },
    speculativeDecoding: true,
    dpAttention: true,
    sources: [
      ...VLLM_SOURCES,
      'vLLM-Ascend docs, Graph Mode: ACL graph is the default execution mode of the V1 engine on Atlas A2/A3',
    ],
  },
  sglang: {
    id: 'sglang',
    name: 'SGLang',
    kvMemory: {
      basis: 'total',
      fraction: 0.9,
      source: 'SGLang server arguments: --mem-fraction-static (weights + KV pool) default 0.9',
    },
    kvReservation: 'on-demand',
    maxSequencesPerRank: 4096,
    maxTokensPerStep: 8192,
    // Prefill and decode batches alternate unless --enable-mixed-chunk is given.
    mixedBatches: false,
    graph: 'cuda-graph',
    overlapScheduler: true,
    hostShare: 0,
    attentionBackend: {
      gqa: 'FlashInfer / FlashAttention 3',
      mla: 'FlashInfer MLA, FlashMLA, TRT-LLM MLA (Blackwell)',
    },
    speculativeDecoding: true,
    dpAttention: true,
    sources: [
      'SGLang docs, server arguments: --mem-fraction-static default 0.9, --chunked-prefill-size 8192, --enable-mixed-chunk off',
      'SGLang v0.4 release blog: zero-overhead batch scheduler (CPU scheduling overlapped with GPU work)',
    ],
  },
  trtllm: {
    id: 'trtllm',
    name: 'TensorRT-LLM (PyTorch backend)',
    onlyStack: 'CUDA',
    kvMemory: {
      basis: 'free',
      fraction: 0.9,
      source:
        'TensorRT-LLM KvCacheConfig.free_gpu_memory_fraction default 0.9 of the memory free after weights and activations',
    },
    kvReservation: 'whole-request',
    maxSequencesPerRank: 2048,
    maxTokensPerStep: 8192,
    // In-flight batching: context (chunks) and generation requests share every iteration.
    mixedBatches: true,
    graph: 'cuda-graph',
    overlapScheduler: true,
    hostShare: 0,
    attentionBackend: {
      gqa: 'TRT-LLM XQA / FMHA (paged)',
      mla: 'TRT-LLM MLA (trtllm-gen on Blackwell, FlashMLA on Hopper)',
    },
    speculativeDecoding: true,
    dpAttention: true,
    sources: [
      'TensorRT-LLM LLM API: max_batch_size 2048, max_num_tokens 8192; KvCacheConfig(free_gpu_memory_fraction=0.9); SchedulerConfig capacity_scheduler_policy GUARANTEED_NO_EVICT',
      'TensorRT-LLM docs, PyTorch backend: overlap scheduler on by default (disable_overlap_scheduler=False)',
      'TensorRT-LLM perf overview: trtllm-bench feeds requests at an infinite rate and reports total output tokens/s',
    ],
  },
  mindie: {
    id: 'mindie',
    name: 'MindIE (Ascend)',
    onlyStack: 'CANN',
    kvMemory: {
      basis: 'total',
      fraction: 0.8,
      source:
        'MindIE-LLM EnvLLMVar.memory_fraction: NPU_MEMORY_FRACTION default 0.8; npuMemSize -1 = KV from what is left',
    },
    kvReservation: 'on-demand',
    maxSequencesPerRank: 200,
    maxTokensPerStep: 8192,
    // Prefill-first scheduling: prefill batches (maxPrefillTokens 8192) run between decode batches;
    // SplitFuse (mixed chunks) is opt-in.
    mixedBatches: false,
    graph: 'atb-graph',
    overlapScheduler: false,
    hostShare: 0.1,
    attentionBackend: { gqa: 'ATB PagedAttention (block 128)', mla: 'ATB MLA' },
    speculativeDecoding: true,
    dpAttention: true,
    sources: [
      'MindIE Server config.json defaults: maxBatchSize 200, maxPrefillTokens 8192, maxPrefillBatchSize 50, cacheBlockSize 128, npuMemSize -1',
      'MindIE-LLM env (EnvLLMVar): NPU_MEMORY_FRACTION default 0.8',
    ],
  },
};

/**
 * The engine assumed when none is named: the engine the family's published serving runs and its
 * vendor's guides use most. NVIDIA parts default to vLLM, Ascend parts to vLLM-Ascend (the upstream
 * community engine, ahead of MindIE in the vendor's own model tutorials since 2025).
 */
const FAMILY_DEFAULT_ENGINE: Readonly<Record<string, EngineId>> = {
  'nvidia-hopper': 'vllm',
  'nvidia-blackwell': 'vllm',
  'nvidia-ampere': 'vllm',
  'huawei-ascend-910': 'vllm-ascend',
};

/**
 * Why an engine cannot serve on a part: it is tied to another software stack (MindIE or vLLM-Ascend on an H20,
 * TensorRT-LLM on a 910B); undefined when it can. One message for `infer` and `compare infer`.
 */
export function engineStackMismatch(
  engine: EngineId,
  stack: SoftwareStack,
  hardwareId: string,
): string | undefined {
  const only = ENGINE_PROFILES[engine].onlyStack;
  return only && only !== stack
    ? `${ENGINE_PROFILES[engine].name} runs on ${only} only; ${hardwareId} is a ${stack} part`
    : undefined;
}

export function defaultEngineFor(family: string): EngineId {
  return FAMILY_DEFAULT_ENGINE[family] ?? 'vllm';
}

/** The engine a published run's free-text engine column names, or null (then the family default). */
export function engineFromText(text: string): EngineId | null {
  const t = text.toLowerCase();
  // vLLM first: a vLLM run may name TRT-LLM kernels it uses ("FlashInfer TRTLLM-Gen").
  if (/vllm[\s-]*ascend/.test(t)) return 'vllm-ascend';
  if (/vllm/.test(t)) return 'vllm';
  if (/tensorrt|trt-?llm/.test(t)) return 'trtllm';
  if (/sglang/.test(t)) return 'sglang';
  if (/mindie/.test(t)) return 'mindie';
  return null;
}
