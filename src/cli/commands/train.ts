/**
 * `chipmix train estimate` and `chipmix train search`: the training use case on the command line.
 * Registered here; ./train-actions.ts runs them (imported when one runs).
 */
import type { Command } from 'commander';
import { FRAMEWORKS } from '../../core/train/framework';
import { ATTENTION_KINDS, EXPERT_KERNELS, PIPELINE_SCHEDULES, RECOMPUTE_MODES } from '../../core/train/types';
import { lazyActions } from '../lazy';

const lazy = lazyActions(() => import('./train-actions'));

function withCommonOptions(command: Command): Command {
  return command
    .requiredOption('--model <name|config.json>', 'a preset name or a Hugging Face config.json')
    .requiredOption('--hardware <id>', 'a catalog system or chip id')
    .requiredOption('--devices <n>', 'number of accelerators')
    .requiredOption('--seq-len <n>', 'sequence length in tokens')
    .option('--global-batch <seqs>', 'global batch in sequences')
    .option('--global-batch-tokens <tokens>', 'global batch in tokens (instead of --global-batch)')
    .option('--precision <p>', 'bf16 or fp8 (default bf16)')
    .option('--tokens <n>', 'total training tokens for days, energy and cost (e.g. 15T)')
    .option('--tp <n>', 'tensor parallel size (with sequence parallelism)')
    .option('--pp <n>', 'pipeline parallel size (1F1B)')
    .option('--vp <n>', 'virtual pipeline stages per rank (interleaved 1F1B)')
    .option('--dp <n>', 'data parallel size')
    .option('--cp <n>', 'context parallel size')
    .option('--ep <n>', 'expert parallel size')
    .option('--etp <n>', 'tensor parallel size inside experts')
    .option('--mbs <n>', 'micro-batch size in sequences')
    .option('--recompute <mode>', `activation recompute: ${RECOMPUTE_MODES.join(', ')}`)
    .option(
      '--zero <stage>',
      'ZeRO stage 0-3 (1 = distributed optimizer, reduce once per step; 2 = gradients reduce-scattered every micro-batch; 3 = FSDP)',
    )
    .option('--schedule <s>', `pipeline schedule: ${PIPELINE_SCHEDULES.join(', ')} (DeepSeek-V3's DualPipe)`)
    .option(
      '--framework <f>',
      `training framework: ${FRAMEWORKS.join(', ')} (default: mindspeed on Ascend, maxtext on TPU, megatron-core elsewhere); the search only proposes what it implements`,
    )
    .option(
      '--attention <impl>',
      `attention kernel: ${ATTENTION_KINDS.join(' or ')} (default: the framework's)`,
    )
    .option(
      '--layers-per-stage <list>',
      'layers on each pipeline stage, first to last, comma-separated (MindSpeed --num-layer-list; default: even)',
    )
    .option(
      '--experts <impl>',
      `MoE local experts: ${EXPERT_KERNELS.join(' or ')} (one grouped GEMM or a loop of GEMMs; default: the framework's; Megatron's grouped GEMM through TE still pays host time per local expert)`,
    )
    .option(
      '--dispatcher <kind>',
      "MoE dispatcher: alltoall or dedup (DeepEP/HybridEP: one copy per remote node; a stated layout takes the framework's default, alltoall; the search uses dedup where the framework has it)",
    )
    .option('--no-sp', 'disable sequence parallelism')
    .option('--no-overlap', 'disable TP, gradient-reduce, parameter-gather and EP all-to-all overlap')
    .option('--no-tp-overlap', 'disable TP communication overlap')
    .option('--no-grad-overlap', 'disable DP gradient reduce-scatter overlap')
    .option('--no-param-gather-overlap', 'disable parameter all-gather overlap')
    .option(
      '--ep-overlap',
      "overlap the MoE all-to-all with computation (Megatron-Core overlap_moe_expert_parallel_comm; a stated layout takes the framework's default, off; the search turns it on where allowed)",
    )
    .option('--no-ep-overlap', 'disable the MoE all-to-all overlap')
    .option(
      '--cuda-graph',
      'run the whole iteration as one CUDA graph (Megatron-Core full_iteration: no host time per layer)',
    )
    .option(
      '--reuse-fp32-param',
      "keep the fp32 master weights as bf16 + residual (MindSpeed's --reuse-fp32-param: 2 bytes per parameter less)",
    )
    .option('--json', 'print one JSON document');
}

export function registerTrainCommands(program: Command): void {
  const train = program
    .command('train')
    .description('Training step time, memory and MFU; best parallel layout');
  withCommonOptions(
    train.command('estimate').description('Estimate one training run (missing layout fields are searched)'),
  ).action(lazy('estimateAction'));
  withCommonOptions(train.command('search').description('Search every layout and print the best ones'))
    .option('--top <k>', 'how many layouts to print (default 5)')
    .action(lazy('searchAction'));
}
