/** `chipmix train estimate` and `chipmix train search`: the training engine on the command line. */
import type { Command } from 'commander';
import { formatIssue } from '../../core/result';
import { buildContext } from '../../core/train/context';
import {
  estimateTraining,
  normaliseRequest,
  report,
  type TrainEstimate,
  type TrainRequest,
} from '../../core/train/estimate';
import { FRAMEWORKS } from '../../core/train/framework';
import { searchLayouts } from '../../core/train/search';
import {
  type PartialLayout,
  PIPELINE_SCHEDULES,
  RECOMPUTE_MODES,
  TRAIN_PRECISIONS,
  type ZeroStage,
} from '../../core/train/types';
import { UsageError } from '../errors';
import { loadHardware, loadModel, oneOf, positiveInt } from '../inputs';
import { printJson, printLine } from '../output';
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

function parseScale(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^([0-9.]+)\s*([kmbt]?)$/i.exec(text.trim());
  const value = match
    ? Number(match[1]) * ({ '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[match[2]!.toLowerCase()] ?? 1)
    : Number.NaN;
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--tokens: expected a positive number such as 15T, got "${text}"`);
  return value;
}

export function requestFrom(options: TrainOptions, command: Command): TrainRequest {
  const catalog = catalogFor(command);
  const model = loadModel(options.model);
  const hardware = loadHardware(catalog, options.hardware);
  const devices = positiveInt('devices', options.devices)!;
  const seqLen = positiveInt('seq-len', options.seqLen)!;
  let globalBatchSeqs = positiveInt('global-batch', options.globalBatch);
  const batchTokens = positiveInt('global-batch-tokens', options.globalBatchTokens);
  if (globalBatchSeqs === undefined && batchTokens !== undefined) {
    if (batchTokens % seqLen !== 0)
      throw new UsageError(`--global-batch-tokens=${batchTokens} is not a multiple of --seq-len=${seqLen}`);
    globalBatchSeqs = batchTokens / seqLen;
  }
  if (globalBatchSeqs === undefined)
    throw new UsageError('--global-batch (sequences) or --global-batch-tokens is required');
  const zeroText = options.zero;
  const zero =
    zeroText === undefined ? undefined : (Number(oneOf('zero', zeroText, ['0', '1', '2', '3'])) as ZeroStage);
  const layout: PartialLayout = {};
  const set = <K extends keyof PartialLayout>(key: K, value: PartialLayout[K] | undefined) => {
    if (value !== undefined) layout[key] = value;
  };
  set('tp', positiveInt('tp', options.tp));
  set('pp', positiveInt('pp', options.pp));
  set('vp', positiveInt('vp', options.vp));
  set('dp', positiveInt('dp', options.dp));
  set('cp', positiveInt('cp', options.cp));
  set('ep', positiveInt('ep', options.ep));
  set('etp', positiveInt('etp', options.etp));
  set('mbs', positiveInt('mbs', options.mbs));
  set('recompute', oneOf('recompute', options.recompute, RECOMPUTE_MODES));
  set('zero', zero);
  set('schedule', oneOf('schedule', options.schedule, PIPELINE_SCHEDULES));
  const attention = oneOf('attention', options.attention, ['flash', 'unfused'] as const);
  if (attention !== undefined) layout.flashAttention = attention === 'flash';
  const framework = oneOf('framework', options.framework, FRAMEWORKS);
  if (options.sp === false) layout.sequenceParallel = false;
  if (options.overlap === false || options.tpOverlap === false) layout.overlapTpComm = false;
  if (options.overlap === false || options.gradOverlap === false) layout.overlapDpGrad = false;
  if (options.overlap === false || options.paramGatherOverlap === false) layout.overlapParamGather = false;
  const totalTokens = parseScale(options.tokens);
  return {
    model,
    hardware,
    devices,
    setup: {
      seqLen,
      globalBatchSeqs,
      precision: oneOf('precision', options.precision, TRAIN_PRECISIONS) ?? 'bf16',
      ...(framework === undefined ? {} : { framework }),
      ...(totalTokens === undefined ? {} : { totalTokens }),
    },
    layout,
  };
}

function withCommonOptions(command: Command): Command {
  return command
    .requiredOption('--model <name|config.json>', 'a preset name or a Hugging Face config.json')
    .requiredOption('--hardware <id>', 'a catalog system or chip id')
    .requiredOption('--devices <n>', 'number of accelerators')
    .requiredOption('--seq-len <n>', 'sequence length in tokens')
    .option('--global-batch <seqs>', 'global batch in sequences')
    .option('--global-batch-tokens <tokens>', 'global batch in tokens (instead of --global-batch)')
    .option('--precision <p>', 'bf16 or fp8', 'bf16')
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
    .option('--attention <impl>', "attention kernel: flash or unfused (default: the framework's)")
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
    const request = requestFrom(options, command);
    const result = estimateTraining(request);
    if (!result.ok) throw new UsageError(result.issues.map(formatIssue).join('; '));
    if (options.json) printJson(result.value);
    else printLine(renderEstimate(result.value));
  });
  withCommonOptions(train.command('search').description('Search every layout and print the best ones'))
    .option('--top <k>', 'how many layouts to print', '5')
    .action((options: TrainOptions, command: Command) => {
      const request = requestFrom(options, command);
      const top = positiveInt('top', options.top) ?? 5;
      const normalised = normaliseRequest(request);
      if (!normalised.ok) throw new UsageError(normalised.issues.map(formatIssue).join('; '));
      const ctx = normalised.value;
      const started = performance.now();
      const showProgress = !options.json && process.stderr.isTTY;
      const result = searchLayouts(ctx, request.layout ?? {}, {
        top,
        ...(showProgress
          ? {
              onProgress: (f: number) => process.stderr.write(`\rsearching layouts ${(f * 100).toFixed(0)}%`),
            }
          : {}),
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      const elapsedSeconds = (performance.now() - started) / 1000;
      const estimates: TrainEstimate[] = result.top.map((r) =>
        report(
          buildContext(ctx.model, ctx.hardware, ctx.setup, ctx.devices, ctx.efficiency),
          r.layout,
          r.evaluation,
          request,
        ),
      );
      const output = {
        evaluated: result.evaluated,
        feasible: result.feasible,
        elapsedSeconds,
        top: estimates,
      };
      if (options.json) printJson(output);
      else printLine(renderSearch(output));
    });
}
