/**
 * What NVIDIA's Megatron-Bridge performance recipes set beyond the columns of their performance-summary tables, for
 * the MoE rows of those tables (training_runs.csv: NV-MBRIDGE-*). The tables print the layout; the recipe that produced
 * a row also decides whether the MoE all-to-all is overlapped (`moe_a2a_overlap`, which sets Megatron-Core's
 * `overlap_moe_expert_parallel_comm`, off by default), which dispatcher carries the tokens (`alltoall`, or `flex` with
 * a DeepEP or HybridEP backend, which deduplicates per node) and which modules are recomputed (`recompute_modules`).
 *
 * Read at the Megatron-Bridge release each NeMo container ships (docs/releases/software-versions.md at v0.6.0: 25.09 →
 * 0.1.0rc3, 25.11 → 0.2.0 (= v0.2.1 for these files), 26.02 → 0.3.0, 26.04 → 0.4.0, 26.06 → 0.5.0; the patch containers
 * by date: 26.02.01 → v0.3.1, 26.04.01 → v0.4.2, 26.08 → v0.6.0), through the whole call path: the model recipe, the
 * performance script's function for the system, `set_workload_base_configs` and the overrides
 * (scripts/performance/configs/<family>/*workload_base_configs.py and *_llm_pretrain.py up to v0.5.x,
 * src/megatron/bridge/perf_recipes/ in v0.6.0). Facts about the software, never fitted. Where a 25.11 row's layout
 * matches no committed recipe (DeepSeek-V3 w/o MTP, GPT-OSS and Qwen3-235B on GB200, GPT-OSS on B200 at EP 8, Qwen3-30B
 * on H100 at VP 24), the nearest recipe of that release is read; 26.02.01's Qwen3-30B on H100 is read at v0.3.0, the
 * only recipe with the table's PP 2 / VP 12 / EP 8.
 *
 * Settings not modelled are left out: partial CUDA-graph scopes (attn, moe_router, moe_preprocess), DeepSeek's
 * `mla_up_proj` and dense-`mlp` recompute (a few percent of a layer's work), FP8 attention. GPT-OSS's sink attention ran
 * fused: its local fallback needs Transformer Engine < 2.8, and the containers shipped TE 2.9 (25.11) and later.
 */
import type { PartialLayout } from '../train/types';

type System = 'B200' | 'GB200' | 'H100';

interface RecipeReading {
  /** NeMo container releases, as the framework cell writes them ("NeMo 26.02 container"). */
  readonly releases: readonly string[];
  /** The table's model name (the row's model cell). */
  readonly model: RegExp;
  /** The table's systems: DGX-B200, DGX-GB200, DGX-H100 (the row's accelerator cell). */
  readonly systems: readonly System[];
  readonly stated: PartialLayout;
  /** Config name and where it was read. */
  readonly source: string;
}

// moe_a2a_overlap and the dispatcher: `flex` with a DeepEP or HybridEP backend deduplicates per node (`dedup`); a
// recipe that names no backend runs the alltoall dispatcher
const A2A = { overlapEpComm: true, moeDispatcher: 'alltoall' } as const;
const A2A_FLEX = { overlapEpComm: true, moeDispatcher: 'dedup' } as const;
// 26.08 (v0.6.0 perf_recipes/qwen|deepseek/common.py `_enable_hybridep_full_iteration_*`): HybridEP, A2A overlap,
// cuda_graph_impl = "full_iteration" with paged stash (sync-free MoE)
const FULL_ITERATION = { ...A2A_FLEX, fullIterationCudaGraph: true } as const;
const NO_A2A = { overlapEpComm: false, moeDispatcher: 'alltoall' } as const;
const NO_A2A_FLEX = { overlapEpComm: false, moeDispatcher: 'dedup' } as const;
// recompute_modules ["layernorm", "moe_act"]: Megatron-Core's norms + MoE activation recompute (`activations`)
const NORMS_AND_MOE_ACT = { ...NO_A2A, recompute: 'activations' } as const;

const QWEN3_30B = /^qwen3_30b_a3b$/i;
const QWEN3_235B = /^qwen3_235b_a22b$/i;
const GPT_OSS = /^gpt oss 120b$/i;
const DEEPSEEK_V3 = /^deepseekv3\b/i;

export const MEGATRON_BRIDGE_RECIPES: readonly RecipeReading[] = [
  {
    releases: ['26.08'],
    model: /^qwen3_(?:30b_a3b|235b_a22b)$/i,
    systems: ['GB200'],
    stated: FULL_ITERATION,
    source:
      'v0.6.0 src/megatron/bridge/perf_recipes/qwen/gb200/qwen3_moe.py (moe_a2a_overlap, HybridEP, full_iteration CUDA graph)',
  },
  {
    releases: ['26.08'],
    model: DEEPSEEK_V3,
    systems: ['GB200'],
    stated: FULL_ITERATION,
    source:
      'v0.6.0 src/megatron/bridge/perf_recipes/deepseek/gb200/deepseek_v3.py (moe_a2a_overlap, HybridEP, full_iteration CUDA graph)',
  },
  {
    releases: ['26.06'],
    model: QWEN3_30B,
    systems: ['H100'],
    stated: NO_A2A_FLEX,
    source: 'v0.5.0 QWEN3_30B_A3B_PRETRAIN_CONFIG_H100_FP8_CS_V1 (moe_a2a_overlap=False, HybridEP)',
  },
  {
    releases: ['26.04', '26.04.01'],
    model: DEEPSEEK_V3,
    systems: ['GB200'],
    stated: NO_A2A_FLEX,
    source: 'v0.4.2 DEEPSEEK_V3_PRETRAIN_CONFIG_GB200_FP8_MX_V2 (moe_a2a_overlap=False, HybridEP)',
  },
  {
    releases: ['26.04', '26.04.01'],
    model: DEEPSEEK_V3,
    systems: ['B200'],
    stated: NO_A2A_FLEX,
    source: 'v0.4.0 DEEPSEEK_V3_PRETRAIN_CONFIG_B200_FP8_MX_V2 (moe_a2a_overlap=False, HybridEP)',
  },
  {
    releases: ['26.04.01'],
    model: QWEN3_235B,
    systems: ['B200'],
    stated: NO_A2A,
    source: 'v0.4.2 QWEN3_235B_A22B_PRETRAIN_CONFIG_B200_FP8_MX_V2 (no moe_a2a_overlap)',
  },
  {
    releases: ['26.04.01'],
    model: QWEN3_235B,
    systems: ['H100'],
    stated: A2A,
    source: 'v0.4.2 QWEN3_235B_A22B_PRETRAIN_CONFIG_H100_FP8_CS_V2 (moe_a2a_overlap=True)',
  },
  {
    releases: ['26.04.01', '26.02', '25.11'],
    model: GPT_OSS,
    systems: ['B200', 'GB200'],
    stated: NORMS_AND_MOE_ACT,
    source:
      'v0.4.2 / v0.3.0 / v0.2.1 GPT_OSS_120B B200 and GB200 BF16 configs (recompute_modules layernorm, moe_act; no moe_a2a_overlap)',
  },
  {
    releases: ['26.02.01'],
    model: QWEN3_30B,
    systems: ['H100'],
    stated: A2A_FLEX,
    source:
      'v0.3.0 QWEN3_30B_A3B_PRETRAIN_CONFIG_H100_FP8_CS_V1 (moe_a2a_overlap=True, DeepEP; the PP 2 / VP 12 / EP 8 recipe)',
  },
  {
    releases: ['26.02', '25.11'],
    model: QWEN3_30B,
    systems: ['B200'],
    stated: NO_A2A,
    source: 'v0.3.0 / v0.2.1 QWEN3_30B_A3B B200 FP8 configs (no moe_a2a_overlap)',
  },
  {
    releases: ['25.11'],
    model: QWEN3_30B,
    systems: ['H100'],
    stated: A2A,
    source: 'v0.2.1 QWEN3_30B_A3B_H100_FP8_CS_BASE_CONFIG (moe_a2a_overlap=True)',
  },
  {
    releases: ['25.11'],
    model: QWEN3_235B,
    systems: ['H100'],
    stated: A2A,
    source: 'v0.2.1 QWEN3_235B_A22B_H100_FP8_CS_BASE_CONFIG (moe_a2a_overlap=True)',
  },
  {
    releases: ['25.11'],
    model: QWEN3_235B,
    systems: ['GB200'],
    stated: NO_A2A_FLEX,
    source: 'v0.2.1 QWEN3_235B_A22B_GB200_BF16_BASE_CONFIG (no moe_a2a_overlap, HybridEP)',
  },
  {
    releases: ['25.11'],
    model: DEEPSEEK_V3,
    systems: ['GB200'],
    stated: NO_A2A_FLEX,
    source: 'v0.2.1 DEEPSEEK_V3_GB200_BF16_BASE_CONFIG (moe_a2a_overlap=False, HybridEP)',
  },
  {
    releases: ['25.09'],
    model: DEEPSEEK_V3,
    systems: ['H100'],
    stated: A2A_FLEX,
    source:
      'v0.1.0rc3 scripts/performance/configs/deepseek/deepseek_v3_llm_pretrain.yaml, H100 1024 GPUs (A2A 1F1B overlap, DeepEP)',
  },
];

/** The system a Megatron-Bridge row ran on, from its accelerator cell ("GB200 (NVL72)", "B200", "H100 SXM"). */
function systemOf(accelerator: string): System | undefined {
  if (/\bGB200\b/i.test(accelerator)) return 'GB200';
  if (/\bB200\b/i.test(accelerator)) return 'B200';
  if (/\bH100\b/i.test(accelerator)) return 'H100';
  return undefined;
}

/**
 * The recipe settings of a Megatron-Bridge table row, with where they were read; undefined for a row of another
 * source, or one this reading does not cover (the dense rows: their tables print what the engine needs).
 */
export function megatronBridgeRecipe(
  framework: string,
  model: string,
  accelerator: string,
): { stated: PartialLayout; source: string } | undefined {
  const release = /megatron-bridge.*\bnemo (\d\d\.\d\d(?:\.\d\d)?)\b/i.exec(framework)?.[1];
  const system = systemOf(accelerator);
  if (release === undefined || system === undefined) return undefined;
  const reading = MEGATRON_BRIDGE_RECIPES.find(
    (r) => r.releases.includes(release) && r.systems.includes(system) && r.model.test(model.trim()),
  );
  return reading && { stated: reading.stated, source: reading.source };
}
