/**
 * `chipmix infer estimate|search|validate`: the serving use case on the command line. The options
 * become the request of src/core/infer/request.ts (the body of POST /api/infer/estimate), checked by
 * the same schema; `--json` prints the same response document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { runInferenceValidation } from '../../core/infer/accuracy';
import {
  type InferRequestInput,
  inferRequestSchema,
  inferSearchRequestSchema,
  rankServingLayouts,
  servingEstimateView,
  toServingSearch,
} from '../../core/infer/request';
import type { ModelSpec } from '../../core/model/schema';
import { formatIssue } from '../../core/result';
import { UsageError } from '../errors';
import { loadModel } from '../inputs';
import { printJson, printLine } from '../output-option';
import { defined, type FlagNames, lower, modelInput, numeric, orUsageError, requestFrom } from '../request';
import { catalogFor } from './catalog-actions';
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
  microBatchOverlap?: boolean;
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
    microBatchOverlap: options.microBatchOverlap,
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

export function estimateAction(this: Command, options: InferOptions) {
  const ranked = rankServingLayouts(servingSearch(this, options));
  const best = ranked[0];
  if (!best) throw new UsageError('no layout fits these devices');
  const searched = ranked.length > 1;
  if (options.json) printJson(servingEstimateView(best, searched));
  else printLine(renderServingEstimate(best, searched));
}

export function searchAction(this: Command, options: InferOptions) {
  const { top } = requestFrom(
    inferSearchRequestSchema,
    { request: inferRequestInput(options), ...defined({ top: numeric(options.top) }) },
    options,
    FLAGS,
  );
  const ranked = rankServingLayouts(servingSearch(this, options)).slice(0, top);
  if (options.json) printJson(ranked.map((e) => servingEstimateView(e, true)));
  else printLine(renderServingSearch(ranked));
}

export function validateAction(this: Command, options: { runs: string; models?: string; json?: boolean }) {
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
}
