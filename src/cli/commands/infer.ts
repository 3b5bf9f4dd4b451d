/**
 * `chipmix infer estimate|search|validate`: the serving use case on the command line. The options
 * become the request of src/core/infer/request.ts (the body of POST /api/infer/estimate), checked by
 * the same schema; `--json` prints the same response document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { ENGINE_IDS } from '../../core/infer/engines';
import {
  type InferRequestInput,
  inferRequestSchema,
  inferSearchRequestSchema,
  rankServingLayouts,
  servingEstimateView,
  toServingSearch,
} from '../../core/infer/request';
import { SERVING_PRECISIONS } from '../../core/infer/types';
import { runInferenceValidation } from '../../core/infer/validate';
import type { ModelSpec } from '../../core/model/schema';
import { formatIssue } from '../../core/result';
import { UsageError } from '../errors';
import { loadModel } from '../inputs';
import { printJson, printLine } from '../output';
import { defined, type FlagNames, lower, modelInput, numeric, orUsageError, requestFrom } from '../request';
import { catalogFor } from './catalog';
import { formatInferenceValidation, renderServingEstimate, renderServingSearch } from './infer-format';

export { formatInferenceValidation } from './infer-format';

interface InferOptions {
  model: string;
  hardware: string;
  devices: string;
  inputLen: string;
  outputLen: string;
  tpotMs?: string;
  ttftMs?: string;
  batch?: string;
  precision?: string;
  expertPrecision?: string;
  kvCache?: string;
  tp?: string;
  ep?: string;
  dp?: string;
  mtpAccept?: string;
  mtpTokens?: string;
  prefillDevices?: string;
  decodeDevices?: string;
  top?: string;
  engine?: string;
  json?: boolean;
}

const FLAGS: FlagNames = { renamed: { expertPrecision: 'expert-precision' } };

/** The request these options make, exactly as a client would send it to POST /api/infer/estimate. */
export function inferRequestInput(options: InferOptions): InferRequestInput {
  return defined({
    model: modelInput(options.model),
    hardware: options.hardware,
    devices: numeric(options.devices),
    inputLen: numeric(options.inputLen),
    outputLen: numeric(options.outputLen),
    tpotMs: numeric(options.tpotMs),
    ttftMs: numeric(options.ttftMs),
    batch: numeric(options.batch),
    precision: lower(options.precision),
    expertPrecision: lower(options.expertPrecision),
    kvCache: lower(options.kvCache),
    engine: lower(options.engine),
    tp: numeric(options.tp),
    dp: numeric(options.dp),
    ep: numeric(options.ep),
    mtpAccept: numeric(options.mtpAccept),
    mtpTokens: numeric(options.mtpTokens),
    prefillDevices: numeric(options.prefillDevices),
    decodeDevices: numeric(options.decodeDevices),
  }) as InferRequestInput;
}

function servingSearch(command: Command, options: InferOptions) {
  const body = requestFrom(inferRequestSchema, inferRequestInput(options), options, FLAGS);
  return orUsageError(toServingSearch(catalogFor(command), body), options, FLAGS);
}

/** Every `*.json` Hugging Face config in `dir`, keyed by lower-case file stem. */
function loadModelDir(dir: string): Map<string, ModelSpec> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    throw new UsageError(`--models: cannot read directory ${dir}`);
  }
  return new Map(names.map((n) => [basename(n, '.json').toLowerCase(), loadModel(join(dir, n))]));
}

function servingOptions(command: Command): Command {
  return command
    .requiredOption('--model <name|config.json>', 'a model preset or a Hugging Face config.json')
    .requiredOption('--hardware <id>', 'a catalog system or chip id')
    .requiredOption('--devices <n>', 'devices in the catalog unit (a 910C package counts as one)')
    .requiredOption('--input-len <tokens>', 'prompt tokens per request')
    .requiredOption('--output-len <tokens>', 'generated tokens per request')
    .option('--tpot-ms <ms>', 'time-per-output-token target; the batch is the largest that meets it')
    .option('--ttft-ms <ms>', 'time-to-first-token target; the prefill batch shrinks to meet it')
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
    .option('--json', 'print one JSON document');
}

export function registerInferCommands(program: Command): void {
  const infer = program
    .command('infer')
    .description('Serving speed: prefill, decode and whole-request tokens/s');

  servingOptions(
    infer.command('estimate').description('tokens/s per device, batch, TTFT/TPOT and memory for one layout'),
  ).action(function (this: Command, options: InferOptions) {
    const ranked = rankServingLayouts(servingSearch(this, options));
    const best = ranked[0];
    if (!best) throw new UsageError('no layout fits these devices');
    const searched = ranked.length > 1;
    if (options.json) printJson(servingEstimateView(best, searched));
    else printLine(renderServingEstimate(best, searched));
  });

  servingOptions(
    infer.command('search').description('rank serving layouts (TP, DP-attention, EP) by tokens/s'),
  )
    .option('--top <n>', 'how many layouts to show (default 5)')
    .action(function (this: Command, options: InferOptions) {
      const { top } = requestFrom(
        inferSearchRequestSchema,
        { request: inferRequestInput(options), ...defined({ top: numeric(options.top) }) },
        options,
        FLAGS,
      );
      const ranked = rankServingLayouts(servingSearch(this, options)).slice(0, top);
      if (options.json) printJson(ranked.map((e) => servingEstimateView(e, true)));
      else printLine(renderServingSearch(ranked));
    });

  infer
    .command('validate')
    .description('predict published serving runs (inference_runs.csv format) and report the errors')
    .requiredOption('--runs <file.csv>', 'a CSV in the inference_runs.csv format')
    .option(
      '--models <dir>',
      'Hugging Face config.json files the CSV names besides the presets (name = file stem)',
    )
    .option('--json', 'print one JSON document')
    .action(function (this: Command, options: { runs: string; models?: string; json?: boolean }) {
      let text: string;
      try {
        text = readFileSync(options.runs, 'utf8');
      } catch {
        throw new UsageError(`--runs: cannot read ${options.runs}`);
      }
      const report = runInferenceValidation(text, catalogFor(this), {
        models: options.models ? loadModelDir(options.models) : undefined,
      });
      if (report.issues.length > 0) {
        throw new UsageError(`${options.runs}: ${report.issues.map(formatIssue).join('; ')}`);
      }
      if (options.json) printJson(report);
      else printLine(formatInferenceValidation(report));
    });
}
