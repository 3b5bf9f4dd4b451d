/**
 * `chipmix infer estimate|search|validate`: serving speed on the command line. Registered here;
 * ./infer-actions.ts runs them (imported when one runs).
 */
import type { Command } from 'commander';
import { ENGINE_IDS } from '../../core/infer/engines';
import { SERVING_PRECISIONS } from '../../core/infer/types';
import { lazyActions } from '../lazy';

const lazy = lazyActions(() => import('./infer-actions'));

function servingOptions(command: Command): Command {
  return command
    .requiredOption('--model <name|config.json>', 'a model preset or a Hugging Face config.json')
    .requiredOption('--hardware <id>', 'a catalog system or chip id')
    .requiredOption('--devices <n>', 'devices in the catalog unit (a 910C package counts as one)')
    .requiredOption('--input-len <tokens>', 'prompt tokens per request')
    .requiredOption('--output-len <tokens>', 'generated tokens per request')
    .option('--tpot-ms <ms>', 'time-per-output-token target; the batch is the largest that meets it')
    .option(
      '--ttft-ms <ms>',
      'time-to-first-token target; the prefill batch (with chunked prefill, the decode batch) shrinks to meet it',
    )
    .option('--batch <n>', 'concurrent sequences per device (default: largest that fits and meets targets)')
    .option('--precision <p>', `weights: ${SERVING_PRECISIONS.join('|')} (default bf16)`)
    .option('--expert-precision <p>', 'routed experts, when they differ (NVFP4 MoE with FP8 attention)')
    .option('--kv-cache <p>', 'KV-cache format: bf16|fp8|int8 (default bf16)')
    .option(
      '--engine <name>',
      `serving engine: ${ENGINE_IDS.join('|')} (default: vllm on NVIDIA, vllm-ascend on Ascend)`,
    )
    .option('--tp <n>', 'tensor parallelism of attention (logical devices: dies on a 910C)')
    .option('--dp <n>', 'attention data-parallel groups (DP-attention); tp x dp = logical devices')
    .option('--ep <n>', 'expert parallelism (logical devices)')
    .option('--mtp-accept <rate>', 'MTP/speculative acceptance rate of each draft token (e.g. 0.7)')
    .option('--mtp-tokens <n>', 'draft tokens per step (default 1 with --mtp-accept)')
    .option('--prefill-devices <n>', 'static prefill/decode split: prefill devices')
    .option('--decode-devices <n>', 'static prefill/decode split: decode devices')
    .option(
      '--micro-batch-overlap',
      'two micro-batches overlap expert-parallel communication with compute (DeepSeek DBO, SGLang TBO)',
    )
    .option('--json', 'print one JSON document');
}

export function registerInferCommands(program: Command): void {
  const infer = program
    .command('infer')
    .description('Serving speed: prefill, decode and whole-request tokens/s');

  servingOptions(
    infer.command('estimate').description('tokens/s per device, batch, TTFT/TPOT and memory for one layout'),
  ).action(lazy('estimateAction'));

  servingOptions(
    infer.command('search').description('rank serving layouts (TP, DP-attention, EP) by tokens/s'),
  )
    .option('--top <n>', 'how many layouts to show (default 5)')
    .action(lazy('searchAction'));

  infer
    .command('validate')
    .description('predict published serving runs (inference_runs.csv format) and report the errors')
    .requiredOption('--runs <file.csv>', 'a CSV in the inference_runs.csv format')
    .option(
      '--models <dir>',
      'Hugging Face config.json files the CSV names besides the presets (name = file stem)',
    )
    .option('--json', 'print one JSON document')
    .action(lazy('validateAction'));
}
