/**
 * What a training framework does when a source does not say: which communication it overlaps.
 * Facts about the software, not fitted numbers:
 * - TP communication overlap (userbuffers, `tp_comm_overlap`) exists in Megatron-Core and is switched on by the
 *   NeMo and Megatron-Bridge performance recipes; Megatron-LM 2021, Megatron-DeepSpeed, DeepSpeed,
 *   FlagScale/FlagPerf and MindSpeed tables run without it.
 * - DeepSeek's HAI-LLM runs the DualPipe schedule.
 * - DeepSpeed's pipeline engine (Megatron-DeepSpeed, MT-NLG) runs plain 1F1B: no virtual stages.
 * - MindSpeed's MC2 (`--use-mc2`) fuses TP matmuls with their collectives: counted as TP overlap.
 * - Gradient reduce-scatter and parameter all-gather overlap come with Megatron-Core's distributed optimizer
 *   (`overlap_grad_reduce`, `overlap_param_gather`) and FSDP/ZeRO prefetching; Megatron-LM 2021 and
 *   Megatron-DeepSpeed without ZeRO all-reduce gradients after the backward pass.
 */
import type { PartialLayout } from '../train/types';

export function frameworkDefaults(framework: string | undefined, notes = ''): PartialLayout {
  const name = (framework ?? '').toLowerCase();
  // MindSpeed's MC2 fuses the TP matmul with its collective (the MindSpeed-LLM tables say per row whether the
  // script sets --use-mc2).
  if (/sets --use-mc2/.test(notes) && !/does not set --use-mc2/.test(notes)) return {};
  if (/nemo|megatron-bridge|megatron-core|mcore/.test(name)) return {};
  if (/megatron-lm\s*\+\s*deepspeed|megatron-deepspeed|vtrain/.test(name)) {
    // DeepSpeed's pipeline engine has no interleaved schedule
    return { overlapTpComm: false, overlapDpGrad: false, overlapParamGather: false, vp: 1 };
  }
  if (/megatron-lm \(2021\)/.test(name)) {
    return { overlapTpComm: false, overlapDpGrad: false, overlapParamGather: false };
  }
  // DeepSeek's HAI-LLM trains with DualPipe (DeepSeek-V3 technical report, section 3.2.1)
  if (/hai-llm/.test(name)) return { schedule: 'dualpipe', overlapTpComm: false };
  if (name === '') return {};
  return { overlapTpComm: false };
}
