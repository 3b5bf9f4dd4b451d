/**
 * What the authors' own reproduction script states about a published run whose table leaves the field empty. Facts
 * read from the script, never fitted: a row takes them only when the script's case is that very run (the same tensor
 * and pipeline sizes, global batch, layers and hidden size), and a column the row states always wins.
 *
 * Narayanan et al. 2021 ("Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM", SC21,
 * arXiv 2104.04473), Table 1 (weak scaling, 1.7B to 1T on A100): the table prints tensor and pipeline sizes, GPUs and
 * batch, not the micro-batch size or the interleaved schedule. NVIDIA's `examples/sc21/run_table_1.sh` in
 * NVIDIA/Megatron-LM (commit cf547dea; examples/sc21/README.md: "some of the scripts that were used to produce the
 * results in the Megatron paper", run_table_1.sh: "Table 1 showing weak-scaling throughput") states both per model
 * size: `MBS`, and `--num-layers-per-virtual-pipeline-stage` for the interleaved ones (76B: 5, 145B: 5, 310B: 3,
 * 530B: 1; none for the others, which run the plain 1F1B schedule). The virtual stages per pipeline rank are the
 * layers per stage over the layers per virtual stage (530B: 105 / 35 / 1 = 3).
 *
 * The script also sets `DDP=torch` (`--DDP-impl torch`: PyTorch DDP, whose bucketed all-reduce overlaps the backward
 * pass) for the cases up to 18B and `DDP=local` (Megatron's own, all-reducing after the backward pass) above.
 */
import type { PartialLayout } from '../train/types';

interface ScriptCase {
  /** The script's MODEL_SIZE. */
  readonly size: string;
  readonly tp: number;
  readonly pp: number;
  readonly globalBatchSeqs: number;
  readonly layers: number;
  readonly hidden: number;
  readonly mbs: number;
  /** `--num-layers-per-virtual-pipeline-stage`; undefined: no interleaving. */
  readonly layersPerVirtualStage?: number;
  /** `--DDP-impl`: torch overlaps the gradient all-reduce with the backward pass, local does not. */
  readonly ddp: 'torch' | 'local';
}

interface ReproductionScript {
  /** The paper, as the row's source_url cites it. */
  readonly url: string;
  /** The script, with its repository and commit. */
  readonly source: string;
  readonly cases: readonly ScriptCase[];
}

const SCRIPTS: readonly ReproductionScript[] = [
  {
    url: 'arxiv.org/abs/2104.04473',
    source: 'NVIDIA/Megatron-LM examples/sc21/run_table_1.sh (commit cf547dea)',
    cases: [
      { size: '1.7B', tp: 1, pp: 1, globalBatchSeqs: 512, layers: 24, hidden: 2304, ddp: 'torch', mbs: 16 },
      { size: '3.6B', tp: 2, pp: 1, globalBatchSeqs: 512, layers: 30, hidden: 3072, ddp: 'torch', mbs: 16 },
      { size: '7.5B', tp: 4, pp: 1, globalBatchSeqs: 512, layers: 36, hidden: 4096, ddp: 'torch', mbs: 16 },
      { size: '18B', tp: 8, pp: 1, globalBatchSeqs: 1024, layers: 40, hidden: 6144, ddp: 'torch', mbs: 8 },
      { size: '39B', tp: 8, pp: 2, globalBatchSeqs: 1536, layers: 48, hidden: 8192, ddp: 'local', mbs: 4 },
      {
        size: '76B',
        tp: 8,
        pp: 4,
        globalBatchSeqs: 1792,
        layers: 60,
        hidden: 10240,
        ddp: 'local',
        mbs: 2,
        layersPerVirtualStage: 5,
      },
      {
        size: '145B',
        tp: 8,
        pp: 8,
        globalBatchSeqs: 2304,
        layers: 80,
        hidden: 12288,
        ddp: 'local',
        mbs: 2,
        layersPerVirtualStage: 5,
      },
      {
        size: '310B',
        tp: 8,
        pp: 16,
        globalBatchSeqs: 2160,
        layers: 96,
        hidden: 16384,
        ddp: 'local',
        mbs: 1,
        layersPerVirtualStage: 3,
      },
      {
        size: '530B',
        tp: 8,
        pp: 35,
        globalBatchSeqs: 2520,
        layers: 105,
        hidden: 20480,
        ddp: 'local',
        mbs: 1,
        layersPerVirtualStage: 1,
      },
      { size: '1T', tp: 8, pp: 64, globalBatchSeqs: 3072, layers: 128, hidden: 25600, ddp: 'local', mbs: 1 },
    ],
  },
];

export interface RunShape {
  readonly tp?: number | undefined;
  readonly pp?: number | undefined;
  readonly globalBatchSeqs?: number | undefined;
  readonly layers?: number | undefined;
  readonly hidden?: number | undefined;
}

/** The micro-batch and virtual stages the run's reproduction script states, with where; undefined when none applies. */
export function scriptStatedLayout(
  sourceUrl: string,
  run: RunShape,
): { stated: PartialLayout; source: string } | undefined {
  for (const script of SCRIPTS) {
    if (!sourceUrl.includes(script.url)) continue;
    const match = script.cases.find(
      (c) =>
        c.tp === run.tp &&
        c.pp === run.pp &&
        c.globalBatchSeqs === run.globalBatchSeqs &&
        c.layers === run.layers &&
        c.hidden === run.hidden,
    );
    if (!match) continue;
    const layersPerStage = match.layers / match.pp;
    const vp = match.layersPerVirtualStage === undefined ? 1 : layersPerStage / match.layersPerVirtualStage;
    // a script whose own numbers do not divide could not have run as written: state nothing rather than guess
    if (!Number.isInteger(layersPerStage) || !Number.isInteger(vp)) return undefined;
    return {
      stated: { mbs: match.mbs, vp, overlapDpGrad: match.ddp === 'torch' },
      source: `${script.source}, MODEL_SIZE=${match.size}`,
    };
  }
  return undefined;
}

/**
 * FlagPerf (BAAI) Megatron cases: the README a row cites prints the parallel sizes and the result; the case's launch
 * script at the same commit is the whole command line, so what it sets, and the Megatron defaults of what it leaves
 * unset, are what ran. Read from FlagOpen/FlagPerf at commit 1b5a0303 (the rows' commit):
 * - `training/benchmarks/llama3_8B/megatron/pretrain_llama3.sh`, `llama3_70B/megatron/pretrain_llama3.sh` (and the
 *   H100 FP8 adapters, which repeat the same flags): `--sequence-parallel`, `--use-distributed-optimizer`,
 *   `--use-flash-attn`, no recompute, no interleaving, no context parallelism;
 * - `training/benchmarks/llama2_70B/megatron/megatron_main.sh` with `config_H800x4x8.py` (`flashattn = True`,
 *   `recompute = False`): the same;
 * - `training/benchmarks/qwen1.5_MoE/megatron/megatron_pai_main.sh` (Pai-Megatron-Patch, Megatron-LM-240405):
 *   `--recompute-activations` (selective), `--use-distributed-optimizer`, `--expert-model-parallel-size 1`, and a
 *   model that is not Qwen1.5-MoE-A2.7B: the README's "qwen1.5_14B_MoE" is 24 layers of hidden 2048 and 16 heads
 *   with 8 experts of FFN 5504, top-2, no shared expert (`--num-experts 8 --moe-router-topk 2 --ffn-hidden-size
 *   5504`), vocabulary 151,936 + `--extra-vocab-size 293`. Its row's architecture came from the A2.7B config
 *   (60 experts of 1408, top-4, a shared expert), listed by the row as inferred; the script's replaces it.
 */
export interface CaseScript {
  /** The cited README's directory at the rows' commit, as the row's source_url has it. */
  readonly url: string;
  readonly source: string;
  readonly stated: PartialLayout;
  /** Architecture cells the script's model arguments state: they replace cells the row lists as inferred. */
  readonly architecture?: Readonly<Record<string, string>>;
}

const FLAGPERF = 'FlagOpen/FlagPerf/blob/1b5a030398ab719e406f77877eb34c9599b17fd2/training/nvidia/';
const FLAGPERF_MEGATRON: PartialLayout = { sequenceParallel: true, zero: 1, recompute: 'none', vp: 1, cp: 1 };

const CASE_SCRIPTS: readonly CaseScript[] = [
  {
    url: `${FLAGPERF}llama3_8B-megatron/`,
    source: 'FlagPerf training/benchmarks/llama3_8B/megatron/pretrain_llama3.sh (commit 1b5a0303)',
    stated: FLAGPERF_MEGATRON,
  },
  {
    url: `${FLAGPERF}llama3_70B-megatron/`,
    source: 'FlagPerf training/benchmarks/llama3_70B/megatron/pretrain_llama3.sh (commit 1b5a0303)',
    stated: FLAGPERF_MEGATRON,
  },
  {
    url: `${FLAGPERF}llama2_70B-megatron/`,
    source:
      'FlagPerf training/benchmarks/llama2_70B/megatron/megatron_main.sh with config_H800x4x8.py (commit 1b5a0303)',
    stated: FLAGPERF_MEGATRON,
  },
  {
    url: `${FLAGPERF}qwen1.5_MoE-megatron/`,
    source: 'FlagPerf training/benchmarks/qwen1.5_MoE/megatron/megatron_pai_main.sh (commit 1b5a0303)',
    stated: { zero: 1, recompute: 'selective', ep: 1, etp: 1, vp: 1, cp: 1 },
    architecture: {
      model: 'Qwen1.5-14B-MoE (FlagPerf: 8 experts of FFN 5504, top-2)',
      layers: '24',
      hidden: '2048',
      heads: '16',
      kv_heads: '16',
      head_dim: '128',
      ffn_hidden: '5504',
      vocab: '152229',
      attention_type: 'MHA',
      moe_experts: '8',
      moe_topk: '2',
      moe_shared_experts: '0',
      moe_expert_ffn: '5504',
      moe_dense_layers: '0',
    },
  },
];

/** The launch script of the benchmark case a row cites, where one is on record. */
export function caseScriptOf(sourceUrl: string): CaseScript | undefined {
  return CASE_SCRIPTS.find((c) => sourceUrl.includes(c.url));
}
