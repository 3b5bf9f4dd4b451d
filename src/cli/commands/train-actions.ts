/**
 * `chipmix train estimate` and `chipmix train search`: the training use case on the command line. The
 * options become the request of src/core/train/request.ts (the HTTP body and the web form's, field for
 * field), checked by the same schema; the core estimates or searches.
 */
import type { Command } from 'commander';
import { estimateTraining } from '../../core/train/estimate';
import {
  parseTokenCount,
  type TrainRequestInput,
  toTrainRequest,
  trainRequestSchema,
  trainSearchRequestSchema,
} from '../../core/train/request';
import { searchAndReport } from '../../core/train/search-report';
import type { TrainRequest } from '../../core/train/types';
import { printJson, printLine } from '../output-option';
import { createProgress } from '../progress';
import { defined, type FlagNames, lower, modelInput, numeric, orUsageError, requestFrom } from '../request';
import { catalogFor } from './catalog-actions';
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
  experts?: string;
  dispatcher?: string;
  layersPerStage?: string;
  sp?: boolean;
  overlap?: boolean;
  tpOverlap?: boolean;
  gradOverlap?: boolean;
  paramGatherOverlap?: boolean;
  epOverlap?: boolean;
  cudaGraph?: boolean;
  reuseFp32Param?: boolean;
  top?: string;
  json?: boolean;
}

/** Request fields and engine issue paths whose flag is named otherwise. */
const FLAGS: FlagNames = {
  nested: ['layout'],
  renamed: {
    sequenceParallel: 'no-sp',
    tpOverlap: 'no-tp-overlap',
    gradOverlap: 'no-grad-overlap',
    overlapEpComm: 'ep-overlap',
    moeDispatcher: 'dispatcher',
    groupedExperts: 'experts',
    fullIterationCudaGraph: 'cuda-graph',
  },
};

/** `4.1M` is 4,099,999.9999999995 in binary: a count within a millionth of a whole number is that number. */
const wholeTokens = (tokens: number | null) =>
  tokens !== null && Math.abs(tokens - Math.round(tokens)) < 1e-6 * tokens ? Math.round(tokens) : tokens;

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
    // `4M` as `--tokens 15T` takes it; anything else reaches the schema as written, which names the rule
    globalBatchTokens:
      options.globalBatchTokens !== undefined && /[kmbt]\s*$/i.test(options.globalBatchTokens)
        ? (wholeTokens(parseTokenCount(options.globalBatchTokens)) ?? options.globalBatchTokens)
        : numeric(options.globalBatchTokens),
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
      experts: lower(options.experts),
      dispatcher: lower(options.dispatcher),
      // "11,13,19,21" -> [11, 13, 19, 21]; anything else reaches the schema as written, which names the field
      layersPerStage: options.layersPerStage?.split(',').map((s) => numeric(s.trim())),
      sequenceParallel: off(options.sp),
      overlap: off(options.overlap),
      tpOverlap: off(options.tpOverlap),
      gradOverlap: off(options.gradOverlap),
      paramGatherOverlap: off(options.paramGatherOverlap),
      epOverlap: options.epOverlap,
      cudaGraph: options.cudaGraph === true ? true : undefined,
      reuseFp32Params: options.reuseFp32Param === true ? true : undefined,
    }),
  }) as TrainRequestInput;
}

function trainRequest(options: TrainOptions, command: Command): TrainRequest {
  const body = requestFrom(trainRequestSchema, trainRequestInput(options), options, FLAGS);
  return orUsageError(toTrainRequest(catalogFor(command), body), options, FLAGS);
}

export const estimateAction = (options: TrainOptions, command: Command) => {
  const estimate = orUsageError(estimateTraining(trainRequest(options, command)), options, FLAGS);
  if (options.json) printJson(estimate);
  else printLine(renderEstimate(estimate));
};

export const searchAction = (options: TrainOptions, command: Command) => {
  const request = trainRequest(options, command);
  const { top } = requestFrom(
    trainSearchRequestSchema,
    { request: trainRequestInput(options), ...defined({ top: numeric(options.top) }) },
    options,
    FLAGS,
  );
  // the bar (stderr, a terminal only, after 2 s) stays off with --json, as before
  const progress = options.json ? undefined : createProgress();
  let result: ReturnType<typeof searchAndReport>;
  try {
    result = searchAndReport(request, {
      top,
      clockMs: () => performance.now(),
      ...(progress ? { onProgress: (f: number) => progress.update(f, 1, 'searching layouts') } : {}),
    });
  } finally {
    progress?.end();
  }
  const output = orUsageError(result, options, FLAGS);
  if (options.json) printJson(output);
  else printLine(renderSearch(output));
};
