/**
 * `chipmix compare train|infer`: one workload on several systems, side by side, with a verdict that
 * respects the error bands. Registered here; ./compare-actions.ts runs them (imported when one runs).
 */
import type { Command } from 'commander';
import { EQUAL_BASES } from '../../core/compare/bases';
import { ENGINE_IDS } from '../../core/infer/engines';
import { SERVING_PRECISIONS } from '../../core/infer/types';
import { TRAIN_PRECISIONS } from '../../core/train/types';
import { lazyActions } from '../lazy';

const lazy = lazyActions(() => import('./compare-actions'));

function commonOptions(command: Command): Command {
  return command
    .requiredOption('--model <name|config.json>', 'a model preset or a Hugging Face config.json')
    .requiredOption(
      '--hardware <a,b,c>',
      'catalog system or chip ids, comma-separated; the first is the reference',
    )
    .requiredOption('--devices <n>', "the first system's devices (packages)")
    .option('--equal <basis>', `compare at equal ${EQUAL_BASES.join('|')} (default devices)`)
    .option('--json', 'print one JSON document');
}

export function registerCompareCommands(program: Command): void {
  const compare = program
    .command('compare')
    .description('One workload on several systems: tokens/s per device, kW, $M, rack, with verdicts');

  commonOptions(
    compare
      .command('train')
      .description("training: each system's best layout, days to train, verdicts against the first"),
  )
    .requiredOption('--seq-len <tokens>', 'sequence length')
    .requiredOption('--global-batch <seqs>', 'global batch in sequences')
    .option('--precision <p>', `${TRAIN_PRECISIONS.join('|')} (default bf16)`)
    .option('--tokens <n>', 'training tokens, for days to train (e.g. 15T)')
    .action(lazy('trainAction'));

  commonOptions(
    compare
      .command('infer')
      .description("serving: each system's best layout at the latency targets, verdicts against the first"),
  )
    .requiredOption('--input-len <tokens>', 'prompt tokens per request')
    .requiredOption('--output-len <tokens>', 'generated tokens per request')
    .option('--tpot-ms <ms>', 'time-per-output-token target')
    .option('--ttft-ms <ms>', 'time-to-first-token target')
    .option('--precision <p>', `${SERVING_PRECISIONS.join('|')} (default bf16)`)
    .option('--engine <name>', `${ENGINE_IDS.join('|')} on every system (default: each family's own)`)
    .action(lazy('inferAction'));
}
