/**
 * `chipmix train estimate` and `chipmix train search`: the training use case on the command line. The
 * options become the request of src/core/train/request.ts (the HTTP body and the web form's, field for
 * field), checked by the same schema; the core estimates or searches.
 */
import type { Command } from 'commander';
import { estimateTraining } from '../../core/train/estimate';
import { FRAMEWORKS } from '../../core/train/framework';
import {
  ATTENTION_KINDS,
  type TrainRequestInput,
  toTrainRequest,
  trainRequestSchema,
  trainSearchRequestSchema,
} from '../../core/train/request';
import { searchAndReport } from '../../core/train/search-report';
import { PIPELINE_SCHEDULES, RECOMPUTE_MODES, type TrainRequest } from '../../core/train/types';
import { printJson, printLine } from '../output';
import { defined, type FlagNames, lower, modelInput, numeric, orUsageError, requestFrom } from '../request';
import { catalogFor } from './catalog';
import { renderEstimate, renderSearch } from './train-format';

interface TrainOptions {
  model: string;
  hardware: string;
  devices: string;
  seqLen: string;
  globalBatch?: string;
  globalBatchTokens?: string;
  precision?: string;
  tokens?: string;
  tp?: string;
  pp?: string;
  vp?: string;
  dp?: string;
  cp?: string;
  ep?: string;
  etp?: string;
  mbs?: string;
  recompute?: string;
  zero?: string;
  schedule?: string;
  framework?: string;
  attention?: string;
  sp?: boolean;
  overlap?: boolean;
  tpOverlap?: boolean;
  gradOverlap?: boolean;
  paramGatherOverlap?: boolean;
  top?: string;
  json?: boolean;
}

/** Request fields and engine issue paths whose flag is named otherwise. */
const FLAGS: FlagNames = {
  nested: ['layout'],
  renamed: { sequenceParallel: 'no-sp', tpOverlap: 'no-tp-overlap', gradOverlap: 'no-grad-overlap' },
};

/**
 * The request these options make, exactly as a client would send it. Commander gives `--no-x` flags
 * the value true when absent: only false is sent.
 */
export function trainRequestInput(options: TrainOptions): TrainRequestInput {
  const off = (flag: boolean | undefined) => (flag === false ? false : undefined);
  return defined({
    model: modelInput(options.model),
    hardware: options.hardware,
    devices: numeric(options.devices),
    seqLen: numeric(options.seqLen),
    globalBatch: numeric(options.globalBatch),
    globalBatchTokens: numeric(options.globalBatchTokens),
    precision: lower(options.precision),
    tokens: options.tokens,
    framework: lower(options.framework),
    layout: defined({
      tp: numeric(options.tp),
      pp: numeric(options.pp),
      vp: numeric(options.vp),
      dp: numeric(options.dp),
      cp: numeric(options.cp),
      ep: numeric(options.ep),
      etp: numeric(options.etp),
      mbs: numeric(options.mbs),
      recompute: lower(options.recompute),
      zero: numeric(options.zero),
      schedule: lower(options.schedule),
      attention: lower(options.attention),
      sequenceParallel: off(options.sp),
      overlap: off(options.overlap),
      tpOverlap: off(options.tpOverlap),
      gradOverlap: off(options.gradOverlap),
      paramGatherOverlap: off(options.paramGatherOverlap),
    }),
  }) as TrainRequestInput;
}

function trainRequest(options: TrainOptions, command: Command): TrainRequest {
  const body = requestFrom(trainRequestSchema, trainRequestInput(options), options, FLAGS);
  return orUsageError(toTrainRequest(catalogFor(command), body), options, FLAGS);
}

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
      `training framework: ${FRAMEWORKS.join(', ')} (default: mindspeed on Ascend, megatron-core elsewhere); the search only proposes what it implements`,
    )
    .option(
      '--attention <impl>',
      `attention kernel: ${ATTENTION_KINDS.join(' or ')} (default: the framework's)`,
    )
    .option('--no-sp', 'disable sequence parallelism')
    .option('--no-overlap', 'disable TP, gradient-reduce and parameter-gather overlap')
    .option('--no-tp-overlap', 'disable TP communication overlap')
    .option('--no-grad-overlap', 'disable DP gradient reduce-scatter overlap')
    .option('--no-param-gather-overlap', 'disable parameter all-gather overlap')
    .option('--json', 'print one JSON document');
}

export function registerTrainCommands(program: Command): void {
  const train = program
    .command('train')
    .description('Training step time, memory and MFU; best parallel layout');
  withCommonOptions(
    train.command('estimate').description('Estimate one training run (missing layout fields are searched)'),
  ).action((options: TrainOptions, command: Command) => {
    const estimate = orUsageError(estimateTraining(trainRequest(options, command)), options, FLAGS);
    if (options.json) printJson(estimate);
    else printLine(renderEstimate(estimate));
  });
  withCommonOptions(train.command('search').description('Search every layout and print the best ones'))
    .option('--top <k>', 'how many layouts to print (default 5)')
    .action((options: TrainOptions, command: Command) => {
      const request = trainRequest(options, command);
      const { top } = requestFrom(
        trainSearchRequestSchema,
        { request: trainRequestInput(options), ...defined({ top: numeric(options.top) }) },
        options,
        FLAGS,
      );
      const showProgress = !options.json && process.stderr.isTTY;
      const result = searchAndReport(request, {
        top,
        clockMs: () => performance.now(),
        ...(showProgress
          ? {
              onProgress: (f: number) => process.stderr.write(`\rsearching layouts ${(f * 100).toFixed(0)}%`),
            }
          : {}),
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      const output = orUsageError(result, options, FLAGS);
      if (options.json) printJson(output);
      else printLine(renderSearch(output));
    });
}
