/**
 * `chipmix infer estimate|search|validate`: the serving model on the command line. Parses options,
 * calls the pure core (src/core/infer) and prints; `--json` prints one JSON document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { ENGINE_IDS } from '../../core/infer/engines';
import type { ServingEstimate, ServingRequest } from '../../core/infer/estimate';
import { checkLayout, searchLayouts } from '../../core/infer/layout';
import { type PrecisionPlan, SERVING_PRECISIONS, type ServingPrecision } from '../../core/infer/types';
import { logicalDevicesPerDevice } from '../../core/infer/units';
import { runInferenceValidation } from '../../core/infer/validate';
import type { ModelSpec } from '../../core/model/schema';
import { formatIssue } from '../../core/result';
import { UsageError } from '../errors';
import { loadHardware, loadModel, oneOf, positiveInt, positiveNumber } from '../inputs';
import { printJson, printLine } from '../output';
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

interface Prepared {
  base: Omit<ServingRequest, 'layout'>;
  logicalDevices: number;
  partial: { tp?: number | undefined; dp?: number | undefined; ep?: number | undefined };
}

function prepare(command: Command, options: InferOptions): Prepared {
  const catalog = catalogFor(command);
  const model = loadModel(options.model);
  const hw = loadHardware(catalog, options.hardware);
  const devices = positiveInt('devices', options.devices)!;
  const precision = oneOf('precision', options.precision, SERVING_PRECISIONS) ?? 'bf16';
  const experts: ServingPrecision =
    oneOf('expert-precision', options.expertPrecision, SERVING_PRECISIONS) ?? precision;
  const kv = oneOf('kv-cache', options.kvCache, ['bf16', 'fp8', 'int8'] as const) ?? 'bf16';
  const plan: PrecisionPlan = { dense: precision, experts, kvCacheBytes: kv === 'bf16' ? 2 : 1 };
  const acceptance = options.mtpAccept === undefined ? 0 : Number(options.mtpAccept);
  if (!(acceptance >= 0 && acceptance < 1)) {
    throw new UsageError(`--mtp-accept: expected an acceptance rate in [0, 1), got "${options.mtpAccept}"`);
  }
  const draftTokens =
    positiveInt('mtp-tokens', options.mtpTokens) ?? (options.mtpAccept !== undefined ? 1 : 0);
  const prefillDevices = positiveInt('prefill-devices', options.prefillDevices);
  const decodeDevices = positiveInt('decode-devices', options.decodeDevices);
  if ((prefillDevices === undefined) !== (decodeDevices === undefined)) {
    throw new UsageError('--prefill-devices and --decode-devices go together');
  }
  if (
    prefillDevices !== undefined &&
    decodeDevices !== undefined &&
    prefillDevices + decodeDevices !== devices
  ) {
    throw new UsageError(
      `--prefill-devices ${prefillDevices} + --decode-devices ${decodeDevices} must equal --devices ${devices}`,
    );
  }
  const logicalDevices = devices * logicalDevicesPerDevice(hw);
  const partial = {
    tp: positiveInt('tp', options.tp),
    dp: positiveInt('dp', options.dp),
    ep: positiveInt('ep', options.ep),
  };
  const checked = checkLayout(model, logicalDevices, partial);
  if (!checked.ok) {
    const dies =
      logicalDevices > devices ? ` (${devices} devices = ${logicalDevices} dies; TP/DP/EP count dies)` : '';
    throw new UsageError(`${checked.issues.map((i) => `--${formatIssue(i)}`).join('; ')}${dies}`);
  }
  const engine = oneOf('engine', options.engine, ENGINE_IDS);
  return {
    base: {
      model,
      hw,
      engine,
      workload: {
        inputTokens: positiveInt('input-len', options.inputLen)!,
        outputTokens: positiveInt('output-len', options.outputLen)!,
        draftTokens,
        acceptance,
      },
      precision: plan,
      batchPerDevice: positiveNumber('batch', options.batch),
      tpotTargetMs: positiveNumber('tpot-ms', options.tpotMs),
      ttftTargetMs: positiveNumber('ttft-ms', options.ttftMs),
      split:
        prefillDevices !== undefined && decodeDevices !== undefined
          ? { prefillDevices, decodeDevices }
          : undefined,
    },
    logicalDevices,
    partial,
  };
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

/** The JSON document of an estimate: the issue's required fields first, then the details. */
export function estimateJson(e: ServingEstimate, searched: boolean) {
  return {
    prefillTokensPerSecondPerDevice: e.prefillTokensPerSecondPerDevice,
    decodeTokensPerSecondPerDevice: e.decodeTokensPerSecondPerDevice,
    outputTokensPerSecondPerDevice: e.outputTokensPerSecondPerDevice,
    batchPerDevice: e.batchPerDevice,
    ttftMs: e.ttftMs,
    tpotMs: e.tpotMs,
    memoryPerDeviceGB: e.memoryPerDeviceGB.totalGB,
    errorBand: e.errorBand,
    engine: { id: e.engine, name: e.engineName, source: e.engineSource },
    warnings: e.warnings,
    deviceUnit: e.deviceUnit,
    hardwareId: e.hardwareId,
    family: e.family,
    devices: e.devices,
    layout: { ...e.layout, unit: e.logicalPerDevice > 1 ? 'die' : 'device', searched },
    precision: e.precision,
    tokensPerStep: e.tokensPerStep,
    prefillDeviceShare: e.prefillDeviceShare,
    maxBatchPerDeviceByMemory: e.maxBatchPerDeviceByMemory,
    prefillTokensPerDevice: e.prefillTokensPerDevice,
    memory: e.memoryPerDeviceGB,
    schedule: e.schedule,
    prefill: e.prefill,
    decode: e.decode,
    servingStep: e.servingStep,
    efficiency: e.efficiency,
    problems: e.problems,
  };
}

export function registerInferCommands(program: Command): void {
  const infer = program
    .command('infer')
    .description('Serving speed: prefill, decode and whole-request tokens/s');

  servingOptions(
    infer.command('estimate').description('tokens/s per device, batch, TTFT/TPOT and memory for one layout'),
  ).action(function (this: Command, options: InferOptions) {
    const { base, logicalDevices, partial } = prepare(this, options);
    const ranked = searchLayouts(base, partial, logicalDevices);
    const best = ranked[0];
    if (!best) throw new UsageError('no layout fits these devices');
    const searched = ranked.length > 1;
    if (options.json) printJson(estimateJson(best, searched));
    else printLine(renderServingEstimate(best, searched));
  });

  servingOptions(
    infer.command('search').description('rank serving layouts (TP, DP-attention, EP) by tokens/s'),
  )
    .option('--top <n>', 'how many layouts to show', '5')
    .action(function (this: Command, options: InferOptions) {
      const { base, logicalDevices, partial } = prepare(this, options);
      const top = positiveInt('top', options.top) ?? 5;
      const ranked = searchLayouts(base, partial, logicalDevices).slice(0, top);
      if (options.json) printJson(ranked.map((e) => estimateJson(e, true)));
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
