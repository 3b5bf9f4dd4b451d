/**
 * Which training framework a published run used, from the source's own words, and the settings the source states
 * about it beyond the layout columns. The framework then supplies its documented defaults for every field the run
 * does not state (../train/framework.ts): a run is never completed with the search's best.
 *
 * Readings (facts about the software, not fitted numbers):
 * - "Megatron-LM (2021)": Narayanan et al. 2021; "Megatron-LM" with sequence parallelism / selective recompute:
 *   Korthikanti et al. 2022 (Megatron-LM v3).
 * - Megatron-DeepSpeed, "Megatron-LM + DeepSpeed" (MT-NLG, BLOOM) and vTrain's runs: DeepSpeed's pipeline engine;
 *   Intel's Gaudi fork of it (HabanaAI) with its script defaults of fused SDPA and sequence parallelism.
 * - NeMo, Megatron-Core, Megatron-Bridge: NVIDIA's Megatron-Core recipes (the Megatron-LM README benchmark rows
 *   state the overlaps, distributed optimizer and sequence parallelism they use).
 * - FlagPerf's Megatron-Core cases and FlagScale (BAAI's Megatron-LM fork): Megatron-LM launched with its
 *   command-line defaults plus what the case states.
 * - MindSpeed/ModelLink: MindSpeed-LLM; its tables say per row whether the script sets --use-mc2 (MC2 fuses TP
 *   matmuls with their collectives: counted as TP overlap).
 * - DeepSpeed ZeRO: DeepSpeed; metaseq and Meta's 4D parallelism (Llama 3): FSDP. The Llama 3 paper (§3.3.2)
 *   states that FSDP does not reshard parameters after the forward pass: ZeRO-2 semantics.
 * - HAI-LLM: DeepSeek's framework (DualPipe).
 * - MaxText, T5X, Pax, Pathways (JAX/XLA): MaxText's defaults (base.yml), the one of them with documented defaults.
 */
import type { FrameworkId } from '../train/framework';
import type { PartialLayout } from '../train/types';
import { mapZero } from './row-text';

export interface RunFramework {
  /** Undefined when the source names no framework we know: the hardware's default framework applies. */
  readonly framework: FrameworkId | undefined;
  /** Settings the source states outside the layout columns (e.g. MC2, Llama 3's no-reshard FSDP). */
  readonly stated: PartialLayout;
  /**
   * The source says its pipeline schedule is interleaved without giving the virtual stages (Llama 3 §3.3.2): the
   * framework's default count then applies (../train/framework.ts `interleavedStagesPerRank`), listed as assumed.
   */
  readonly interleaved: boolean;
}

// "PP uses a tuned interleaved schedule"; not "Interleaved schedule / microbatch not stated"
const INTERLEAVED_STATED = /\buses an? (?:[\w-]+ )?interleaved (?:1f1b )?schedule/i;

export function frameworkOfRun(framework: string | undefined, notes = '', isMoe = false): RunFramework {
  const read = readFramework(framework, notes, isMoe);
  return { ...read, interleaved: INTERLEAVED_STATED.test(notes) };
}

function readFramework(
  framework: string | undefined,
  notes: string,
  isMoe: boolean,
): Omit<RunFramework, 'interleaved'> {
  const name = (framework ?? '').toLowerCase();
  if (/mindspeed|modellink/.test(name)) {
    // MC2 does not apply to MoE models (MindSpeed docs/zh/features/mc2.md: "MoE models do not support MC2 yet")
    const mc2 = /sets --use-mc2/.test(notes) && !/does not set --use-mc2/.test(notes) && !isMoe;
    // "Optimizer sharding: distributed optimizer; reuse-fp32-param." (the script's --reuse-fp32-param)
    const reuse = /reuse-fp32-param/.test(notes);
    return {
      framework: 'mindspeed',
      stated: { ...(mc2 ? { overlapTpComm: true } : {}), ...(reuse ? { reuseFp32Params: true } : {}) },
    };
  }
  if (/megatron-lm \(2021\)/.test(name)) return { framework: 'megatron-lm-2021', stated: {} };
  // Intel's fork for Gaudi (HabanaAI/Megatron-DeepSpeed, scripts/run_llama.sh at tag 1.19.0): DeepSpeed's pipeline
  // engine as upstream, but fused SDPA (flash attention) and sequence parallelism on by default
  // (HL_USE_FUSED_SDPA=1, HL_SEQ_PARALLEL=1)
  if (/megatron-deepspeed/.test(name) && /habana|gaudi/.test(name))
    return { framework: 'megatron-deepspeed', stated: { flashAttention: true, sequenceParallel: true } };
  if (/megatron-lm\s*\+\s*deepspeed|megatron-deepspeed|vtrain/.test(name))
    return { framework: 'megatron-deepspeed', stated: {} };
  if (/hai-llm/.test(name)) return { framework: 'hai-llm', stated: {} };
  // MaxText, and the other JAX/XLA stacks (T5X, Pax, Pathways) whose GSPMD sharding and rematerialisation it shares
  if (/maxtext|\bjax\b|t5x|\bpax\b|pathways/.test(name)) return { framework: 'maxtext', stated: {} };
  // FlagPerf's cases (its notes name FlagPerf's MFU definition) launch Megatron with their own few flags
  if (/flagscale/.test(name) || (/megatron/.test(name) && /flagperf/i.test(notes)))
    return { framework: 'megatron-lm', stated: {} };
  // Megatron-Bridge's performance tables: its recipes reduce gradients in bf16 (framework.ts 'megatron-bridge')
  if (/megatron-bridge/.test(name)) return { framework: 'megatron-bridge', stated: {} };
  if (/nemo|megatron-core|mcore/.test(name)) return { framework: 'megatron-core', stated: {} };
  if (/^megatron-lm\b/.test(name)) return { framework: 'megatron-lm-2022', stated: {} };
  // "DeepSpeed ZeRO-3" (FlagPerf's cases): the framework cell names the stage its zero_fsdp cell leaves empty
  if (/deepspeed/.test(name)) {
    const zero = mapZero(name);
    return {
      framework: 'deepspeed',
      stated: 'value' in zero && zero.value !== undefined ? { zero: zero.value } : {},
    };
  }
  if (/meta internal|4d parallel/.test(name)) return { framework: 'fsdp', stated: { zero: 2 } };
  if (/metaseq|fsdp|torchtitan/.test(name)) return { framework: 'fsdp', stated: {} };
  return { framework: undefined, stated: {} };
}
