/**
 * The training engine's entry point.
 *
 *   request ──normalise──▶ context ──(layout complete?)──▶ evaluate ──▶ report
 *     (model, hardware,     (build: model/hw/     no: search the missing
 *      setup, layout)        setup constants)      fields, best layout
 *
 * Every phase is a pure function over plain data (no I/O, no clock): it runs unchanged in Node and in
 * the browser. Formulas and their references: docs/ENGINE.md.
 */
import type { Catalog } from '../catalog/catalog';
import { missingPerformanceFacts } from '../hardware/profile';
import { logicalDevicesPerDevice, logicalProfile } from '../infer/units';
import { say } from '../messages/say';
import { fail, type Issue, ok, type Result } from '../result';
import { buildContext, type EngineContext } from './context';
import { errorBandFor } from './error-band';
import { type Evaluation, evaluateLayout, LayerCostCache } from './evaluate';
import { fillFromFramework } from './framework';
import { checkGivenMoeSwitches, checkLayout, checkPartialLayout } from './layout-rules';
import { readTrainRequest, type TrainEstimate } from './request';
import { searchLayouts } from './search';
import type { PartialLayout, TrainLayout, TrainRequest } from './types';

export type { TrainEstimate } from './request';
export type { TrainRequest } from './types';

const DEFAULT_ELECTRICITY_USD_PER_KWH = 0.08;

/**
 * A layout whose parallel sizes, micro-batch, recompute and ZeRO stage are all given, with the remaining switches
 * (vp, cp, ep, etp, sequence parallelism, attention, overlap) at the framework's defaults; null when a searched
 * field is missing.
 */
export function completeLayout(layout: PartialLayout, ctx: EngineContext): TrainLayout | null {
  const { tp, pp, mbs, recompute, zero } = layout;
  if (
    tp === undefined ||
    pp === undefined ||
    mbs === undefined ||
    recompute === undefined ||
    zero === undefined
  )
    return null;
  return fillFromFramework(layout, ctx.framework, ctx.devices, ctx.model.moe !== undefined).layout;
}

export function normaliseRequest(request: TrainRequest): Result<EngineContext> {
  const issues: Issue[] = [];
  const { devices, setup, hardware } = request;
  if (!Number.isInteger(devices) || devices < 1)
    issues.push({
      code: 'invalid',
      path: 'devices',
      message: say('train.devices-positive', { devices }),
    });
  if (!Number.isInteger(setup.seqLen) || setup.seqLen < 1)
    issues.push({
      code: 'invalid',
      path: 'seq-len',
      message: say('train.seq-len-positive', { seqLen: setup.seqLen }),
    });
  if (!Number.isInteger(setup.globalBatchSeqs) || setup.globalBatchSeqs < 1) {
    issues.push({
      code: 'invalid',
      path: 'global-batch',
      message: say('train.global-batch-positive', { batch: setup.globalBatchSeqs }),
    });
  }
  issues.push(...missingPerformanceFacts(hardware, 'bf16'));
  if (setup.precision === 'fp8' && !hardware.peakTflops.fp8) {
    issues.push({
      code: 'no_fp8',
      path: 'precision',
      message: say('train.no-fp8', { chip: hardware.chipId }),
    });
  }
  if (issues.length) return fail(...issues);
  // An Ascend 910C package is two NPUs to CANN and MindSpeed, each die with its own 64 GB: the job runs on dies
  // (docs/ENGINE.md §4, "Package versus die"), as serving does (infer/units.ts)
  const ranksPerDevice = logicalDevicesPerDevice(hardware);
  const ctx: EngineContext = {
    ...buildContext(
      request.model,
      logicalProfile(hardware),
      setup,
      devices * ranksPerDevice,
      request.efficiency,
    ),
    ranksPerDevice,
  };
  const layoutIssues = [
    ...checkPartialLayout(ctx, request.layout ?? {}),
    ...checkGivenMoeSwitches(ctx, request.layout ?? {}),
  ];
  if (layoutIssues.length)
    return fail(...layoutIssues.map((issue) => countingDies(ctx, request.devices, issue)));
  return ok(ctx);
}

/** A layout issue on a die-counted job says so: `--devices 2` of 910C packages are 4 ranks. */
function countingDies(ctx: EngineContext, devices: number, issue: Issue): Issue {
  if (ctx.ranksPerDevice === 1) return issue;
  return {
    ...issue,
    message: `${issue.message}${say('train.counting-dies', { devices, ranks: ctx.devices })}`,
  };
}

/** Estimates one training run; missing layout fields are searched (best step time that fits). */
export function estimateTraining(request: TrainRequest): Result<TrainEstimate> {
  const normalised = normaliseRequest(request);
  if (!normalised.ok) return fail(...normalised.issues);
  const ctx = normalised.value;
  const given = request.layout ?? {};
  const complete = completeLayout(given, ctx);
  let layout: TrainLayout;
  let evaluation: Evaluation;
  const warnings: string[] = [];
  if (complete) {
    const issues = checkLayout(ctx, complete);
    if (issues.length) return fail(...issues.map((issue) => countingDies(ctx, request.devices, issue)));
    layout = complete;
    evaluation = evaluateLayout(ctx, new LayerCostCache(ctx), layout);
  } else {
    const result = searchLayouts(ctx, given, { top: 1 });
    const best = result.top[0];
    if (best) {
      layout = best.layout;
      evaluation = best.evaluation;
    } else if (result.leastMemory) {
      // nothing fits: show the evaluated layout closest to fitting, and what it needs (it was tp 1, pp 1 with the
      // framework's most memory-saving settings, which for 405B on 8 H100 needed 50 GB more than tp 8 does)
      layout = result.leastMemory.layout;
      evaluation = result.leastMemory.evaluation;
      warnings.push(
        say('train.no-layout-fits', { evaluated: result.evaluated, capacity: ctx.hardware.hbmCapacityGB }),
      );
    } else {
      return fail({
        code: 'no_layout',
        // with no layout field given, the devices and the batch are what admit no layout (63 devices, batch 64)
        ...(Object.keys(request.layout ?? {}).length > 0
          ? {
              path: 'layout',
              message: say('train.no-layout', {
                devices: request.devices,
                batch: request.setup.globalBatchSeqs,
              }),
            }
          : {
              path: 'devices',
              message: say('train.no-layout-grid', {
                devices: request.devices,
                batch: request.setup.globalBatchSeqs,
              }),
            }),
      });
    }
  }
  return ok(report(ctx, layout, evaluation, request, warnings));
}

/** Phase 5 (report): derived rates, error band, energy and cost, warnings. */
export function report(
  ctx: EngineContext,
  layout: TrainLayout,
  e: Evaluation,
  request: TrainRequest,
  extraWarnings: string[] = [],
): TrainEstimate {
  const hw = ctx.hardware;
  const warnings = [...extraWarnings, ...hw.assumptions];
  const perDevice = ctx.ranksPerDevice;
  if (perDevice > 1)
    warnings.unshift(
      say('train.per-die', {
        chip: hw.chipId,
        dies: perDevice,
        devices: ctx.devices / perDevice,
        ranks: ctx.devices,
        capacity: hw.hbmCapacityGB,
      }),
    );
  const tokensPerStep = ctx.setup.globalBatchSeqs * ctx.seqLen;
  const tokensPerSecondPerRank = tokensPerStep / e.stepSeconds / ctx.devices;
  // rates are per catalog device (a 910C package, as serving reports them); MFU and memory per rank
  const tokensPerSecondPerDevice = tokensPerSecondPerRank * perDevice;
  const modelFlopsPerSecond = tokensPerSecondPerDevice * ctx.modelFlopsPerToken;
  const hardwareFlopsPerSecond =
    tokensPerSecondPerDevice * (ctx.modelFlopsPerToken + e.recomputeFlopsPerToken);
  const mfu = modelFlopsPerSecond / (ctx.mfuPeakFlops * perDevice);
  const band = errorBandFor(ctx.efficiency, hw.softwareStack, tokensPerSecondPerDevice);
  if (!ctx.efficiency.calibrated) {
    warnings.push(say('train.uncalibrated', { family: hw.family, basis: ctx.efficiency.priorBasis }));
  }
  if (!e.fits) {
    warnings.push(
      say(perDevice > 1 ? 'train.no-fit-die' : 'train.no-fit', {
        need: e.memoryGB.toFixed(1),
        chip: hw.chipId,
        capacity: hw.hbmCapacityGB,
        usable: (hw.hbmCapacityGB * ctx.efficiency.usableMemoryFraction).toFixed(1),
      }),
    );
  }
  if (ctx.model.layers % layout.pp !== 0) {
    warnings.push(
      say('train.uneven-pp', {
        layers: ctx.model.layers,
        pp: layout.pp,
        slowest: Math.ceil(ctx.model.layers / layout.pp),
      }),
    );
  }
  const fw = ctx.framework;
  // a switch the framework does not have is modelled as asked (a user may run a fork that has it), and said
  if (!fw.zeroStages.includes(layout.zero)) {
    const key = layout.zero >= 2 ? 'train.no-zero-sharded' : 'train.no-zero';
    warnings.push(say(key, { framework: fw.label, stage: layout.zero }));
  }
  if (layout.vp > 1 && !fw.virtualPipeline)
    warnings.push(say('train.no-vp', { framework: fw.label, vp: layout.vp }));
  if (!fw.recomputeModes.includes(layout.recompute)) {
    const offered = fw.recomputeModes.join(', ');
    warnings.push(say('train.no-recompute', { framework: fw.label, recompute: layout.recompute, offered }));
  }
  if (layout.cp > 1 && !fw.contextParallel)
    warnings.push(say('train.no-cp', { framework: fw.label, cp: layout.cp }));
  if (layout.schedule === 'dualpipe' && !fw.dualPipe)
    warnings.push(say('train.no-dualpipe', { framework: fw.label }));
  else if (layout.schedule === '1f1b' && layout.pp > 1 && fw.defaults.schedule === 'dualpipe')
    warnings.push(say('train.not-dualpipe', { framework: fw.label }));
  if (layout.zero >= 2 && layout.pp > 1 && (fw.id === 'deepspeed' || fw.id === 'megatron-deepspeed')) {
    warnings.push(say('train.deepspeed-pipe'));
  }
  if (layout.flashAttention && !fw.flashAttention)
    warnings.push(say('train.no-flash', { framework: fw.label }));
  // A calibrated family is held to the best MFU its own calibration runs reach (no margin: the warning states a
  // fact the user can weigh); any other family to 70%, above every published large-scale run we know of
  // (docs/ENGINE.md §7).
  const evidenceMfu = ctx.efficiency.maxMeasuredMfu;
  if (evidenceMfu > 0 && mfu > evidenceMfu) {
    warnings.push(
      say('train.beyond-runs', {
        mfu: (mfu * 100).toFixed(1),
        family: hw.family,
        runs: ctx.efficiency.fitRows,
        max: (evidenceMfu * 100).toFixed(1),
      }),
    );
  } else if (evidenceMfu === 0 && mfu > 0.7)
    warnings.push(say('train.high-mfu', { mfu: (mfu * 100).toFixed(0) }));
  const totalTokens = ctx.setup.totalTokens;
  const seconds = totalTokens ? totalTokens / (tokensPerSecondPerRank * ctx.devices) : null;
  const energyMWh =
    seconds !== null && hw.powerWPerDevice !== null
      ? (hw.powerWPerDevice * ctx.devices * seconds) / 3.6e9
      : null;
  const price = request.electricityUsdPerKWh ?? DEFAULT_ELECTRICITY_USD_PER_KWH;
  return {
    model: ctx.model.name,
    hardware: {
      id: request.hardware.id,
      chipId: hw.chipId,
      family: hw.family,
      calibrated: ctx.efficiency.calibrated,
    },
    devices: ctx.devices / perDevice,
    ranksPerDevice: perDevice,
    framework: ctx.framework.id,
    layout,
    fits: e.fits,
    stepSeconds: e.stepSeconds,
    tokensPerSecondPerDevice,
    modelTflopsPerDevice: modelFlopsPerSecond / 1e12,
    mfu,
    hfu: hardwareFlopsPerSecond / (ctx.mfuPeakFlops * perDevice),
    memoryPerDeviceGB: e.memoryGB,
    memory: {
      weightsGB: e.weightsGB,
      gradientsGB: e.gradientsGB,
      optimizerStatesGB: e.optimizerStatesGB,
      activationsGB: e.activationsGB,
      reservedGB: e.reservedGB,
      capacityGB: hw.hbmCapacityGB,
      usableGB: hw.hbmCapacityGB * ctx.efficiency.usableMemoryFraction,
    },
    breakdown: {
      computeSeconds: e.computeSeconds,
      recomputeSeconds: e.recomputeSeconds,
      tpCommSeconds: e.tpCommSeconds,
      cpCommSeconds: e.cpCommSeconds,
      epCommSeconds: e.epCommSeconds,
      ppCommSeconds: e.ppCommSeconds,
      dpCommSeconds: e.dpCommSeconds,
      bubbleSeconds: e.bubbleSeconds,
      optimizerSeconds: e.optimizerSeconds,
      overheadSeconds: e.overheadSeconds,
    },
    microBatches: e.microBatches,
    errorBand: band,
    daysToTrain: seconds === null ? null : seconds / 86400,
    energyMWh,
    energyCostUsd: energyMWh === null ? null : energyMWh * 1000 * price,
    hardwareCapexUsd: hw.priceUsdPerDevice === null ? null : hw.priceUsdPerDevice * ctx.devices,
    warnings,
  };
}

/**
 * The training-estimate use case from a request body to its response: what POST
 * /api/train/estimate answers and the web worker posts back (`train estimate --json` builds the
 * same body from its flags and runs the same two steps).
 */
export function estimateTrainingRequest(catalog: Catalog, body: unknown): Result<TrainEstimate> {
  const request = readTrainRequest(catalog, body);
  return request.ok ? estimateTraining(request.value) : request;
}
