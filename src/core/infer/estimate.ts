/**
 * The serving estimate: one layout on `devices` devices serving requests of given lengths. Prefill and
 * decode are costed in isolation (as DeepSeek, SGLang and CloudMatrix report them), then combined into
 * whole-request throughput for the same devices, disaggregated or not. Formulas: docs/INFERENCE.md.
 */
import type { HardwareProfile } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import { INFERENCE_CALIBRATION } from './calibration';
import { peakOf } from './hw';
import {
  COMPUTE_PEAK_KEY,
  kvBytesPerTokenPerDevice,
  servingParams,
  usableBytesPerDevice,
  weightBytesPerDevice,
} from './memory';
import { decodeStep, type PhaseContext, prefillBatch, tokensPerStep } from './phases';
import type {
  ErrorBand,
  PhaseBreakdown,
  PrecisionPlan,
  ServingEfficiency,
  ServingLayout,
  ServingWorkload,
} from './types';
import { deviceUnitNote, logicalDevicesPerDevice, logicalProfile } from './units';

/** DeepSeek's profile, SGLang and CloudMatrix-Infer all prefill 16K tokens per device per forward. */
export const DEFAULT_PREFILL_TOKENS_PER_DEVICE = 16384;
/** Engines cap the running batch (TensorRT-LLM max_batch_size, SGLang cuda-graph-max-bs). */
export const MAX_BATCH_PER_DEVICE = 4096;

export interface ServingRequest {
  readonly model: ModelSpec;
  /** The catalog device (a 910C package); see units.ts for logical devices. */
  readonly hw: HardwareProfile;
  /**
   * In logical devices: on chips whose dies show up as separate devices (Ascend 910C) TP, DP, EP and
   * layout.devices count dies, as CANN and vLLM-Ascend do; elsewhere logical device = catalog device.
   */
  readonly layout: ServingLayout;
  readonly workload: ServingWorkload;
  readonly precision: PrecisionPlan;
  /** Concurrent sequences per (catalog) device; absent = the largest that fits memory and meets the targets. */
  readonly batchPerDevice?: number | undefined;
  readonly tpotTargetMs?: number | undefined;
  readonly ttftTargetMs?: number | undefined;
  readonly prefillTokensPerDevice?: number | undefined;
  /** Cached tokens each decode step attends to; default input + output / 2 (the average over a request). */
  readonly decodeContextTokens?: number | undefined;
  /** Static prefill/decode split of the devices (disaggregated); absent = the balanced split. */
  readonly split?: { readonly prefillDevices: number; readonly decodeDevices: number } | undefined;
  /** Override the fitted efficiencies (the fit script does). */
  readonly efficiency?: ServingEfficiency | undefined;
}

export interface MemoryPerDevice {
  readonly weightsGB: number;
  readonly kvCacheGB: number;
  readonly totalGB: number;
  readonly usableGB: number;
  readonly capacityGB: number;
}

export interface ServingEstimate {
  readonly hardwareId: string;
  readonly family: string;
  readonly deviceUnit: string;
  /** Catalog devices (packages). */
  readonly devices: number;
  /** Logical devices per catalog device (2 for a 910C package, else 1). */
  readonly logicalPerDevice: number;
  /** In logical devices (see ServingRequest.layout). */
  readonly layout: ServingLayout;
  readonly precision: PrecisionPlan;
  /** Input tokens/s per device when the devices only prefill. */
  readonly prefillTokensPerSecondPerDevice: number;
  /** Output tokens/s per device when they only decode, at the chosen batch. */
  readonly decodeTokensPerSecondPerDevice: number;
  /** Output tokens/s per device when the same devices serve whole requests. */
  readonly outputTokensPerSecondPerDevice: number;
  /** Share of devices (or device time) that prefill takes in that whole-request mix. */
  readonly prefillDeviceShare: number;
  readonly batchPerDevice: number;
  readonly maxBatchPerDeviceByMemory: number;
  readonly prefillTokensPerDevice: number;
  readonly ttftMs: number;
  readonly tpotMs: number;
  readonly tokensPerStep: number;
  readonly memoryPerDeviceGB: MemoryPerDevice;
  readonly prefill: PhaseBreakdown;
  readonly decode: PhaseBreakdown;
  readonly efficiency: ServingEfficiency;
  readonly errorBand: ErrorBand;
  readonly warnings: string[];
  /** The warnings that make this layout miss memory or the targets; empty when it is usable. */
  readonly problems: string[];
}

export function errorBandFor(family: string): ErrorBand {
  const fam = INFERENCE_CALIBRATION.families[family];
  if (fam) {
    return {
      family,
      calibrated: true,
      medianAbsErrorPct: fam.medianAbsErrorPct,
      leaveOneOutMedianAbsErrorPct: fam.leaveOneOutMedianAbsErrorPct,
      maxAbsErrorPct: fam.maxAbsErrorPct,
      rows: fam.rows,
    };
  }
  const pct = INFERENCE_CALIBRATION.defaultErrorPct;
  return {
    family,
    calibrated: false,
    medianAbsErrorPct: pct,
    leaveOneOutMedianAbsErrorPct: pct,
    maxAbsErrorPct: pct,
    rows: 0,
  };
}

export function efficiencyFor(family: string): ServingEfficiency {
  return INFERENCE_CALIBRATION.families[family]?.efficiency ?? INFERENCE_CALIBRATION.defaultEfficiency;
}

const GB = 1e9;

/** Largest integer group batch (sequences per TP group) for which `ok` holds, `ok` monotone. */
function largestGroupBatch(limit: number, ok: (groupBatch: number) => boolean): number {
  if (limit < 1 || !ok(1)) return 0;
  let lo = 1;
  let hi = Math.floor(limit);
  if (ok(hi)) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function estimateServing(req: ServingRequest): ServingEstimate {
  const { model, layout, workload, precision } = req;
  // Everything below is per logical device; per-(catalog)-device figures are scaled by `perDevice`.
  const perDevice = logicalDevicesPerDevice(req.hw);
  const hw = logicalProfile(req.hw);
  const warnings: string[] = [];
  // Problems make the layout unusable as asked (also listed in warnings).
  const problems: string[] = [];
  const problem = (message: string) => {
    problems.push(message);
    warnings.push(message);
  };
  const efficiency = req.efficiency ?? efficiencyFor(hw.family);
  if (!req.efficiency && !INFERENCE_CALIBRATION.families[hw.family]) {
    warnings.push(
      `no published serving runs calibrate family ${hw.family}: default efficiencies, error band +/-${INFERENCE_CALIBRATION.defaultErrorPct}%`,
    );
  }
  for (const part of ['dense', 'experts'] as const) {
    const asked = COMPUTE_PEAK_KEY[precision[part]];
    const used = peakOf(hw, asked).used;
    if (used !== asked && (part === 'dense' || model.moe)) {
      warnings.push(`${hw.chipName} has no ${asked} peak: ${part} GEMMs costed at its ${used} peak`);
    }
  }
  const params = servingParams(model);
  const ctx: PhaseContext = { model, params, hw, layout, precision, efficiency };
  const withMtp = workload.draftTokens > 0;
  const steps = tokensPerStep(workload.draftTokens, workload.acceptance);

  // Memory: weights, then KV cache for whole sequences (input + output tokens).
  const weightBytes = weightBytesPerDevice(params, precision, layout, withMtp);
  const usable = usableBytesPerDevice(hw.hbmCapacityGB);
  const kvPerToken = kvBytesPerTokenPerDevice(model, precision.kvCacheBytes, layout.tp);
  const sequenceTokens = workload.inputTokens + workload.outputTokens;
  // KV a device holds per sequence of its TP group (sequences of a group are shared by its tp devices).
  const kvPerGroupSequence = sequenceTokens * kvPerToken;
  const freeBytes = usable - weightBytes;
  if (freeBytes <= 0) {
    problem(
      `weights need ${(weightBytes / GB).toFixed(1)} GB per device but only ${(usable / GB).toFixed(1)} GB is usable: use more devices, a larger TP/EP or a smaller precision`,
    );
  }
  const groupBatchByMemory = Math.min(
    Math.max(0, Math.floor(freeBytes / kvPerGroupSequence)),
    MAX_BATCH_PER_DEVICE * layout.tp,
  );
  const maxBatchPerDeviceByMemory = groupBatchByMemory / layout.tp;

  const context = req.decodeContextTokens ?? workload.inputTokens + workload.outputTokens / 2;
  const tpotOf = (b: number) => (decodeStep(ctx, b, context, workload.draftTokens).seconds / steps) * 1000;

  let batchPerDevice: number;
  if (req.batchPerDevice !== undefined) {
    batchPerDevice = req.batchPerDevice / perDevice;
    if (batchPerDevice > maxBatchPerDeviceByMemory) {
      problem(
        `batch ${req.batchPerDevice} per device exceeds the ${(maxBatchPerDeviceByMemory * perDevice).toFixed(1)} sequences of ${sequenceTokens} tokens that fit in memory`,
      );
    }
  } else {
    const target = req.tpotTargetMs;
    const groupBatch = largestGroupBatch(groupBatchByMemory, (g) =>
      target === undefined ? true : tpotOf(g / layout.tp) <= target,
    );
    batchPerDevice = groupBatch / layout.tp;
    if (groupBatch === 0) {
      problem(
        groupBatchByMemory === 0
          ? 'not even one sequence fits in memory: no decode batch possible'
          : `TPOT target ${target} ms cannot be met even at batch 1 (TPOT ${tpotOf(1 / layout.tp).toFixed(1)} ms)`,
      );
      batchPerDevice = Math.max(1, groupBatchByMemory) / layout.tp;
    }
  }
  const decode = decodeStep(ctx, batchPerDevice, context, workload.draftTokens);
  const tpotMs = (decode.seconds / steps) * 1000;
  if (req.batchPerDevice !== undefined && req.tpotTargetMs !== undefined && tpotMs > req.tpotTargetMs) {
    problem(
      `TPOT ${tpotMs.toFixed(1)} ms misses the ${req.tpotTargetMs} ms target at batch ${req.batchPerDevice}`,
    );
  }
  const decodeTokensPerSecondPerDevice = (batchPerDevice * steps) / decode.seconds;

  // Prefill: a batch of prefillTokensPerDevice tokens, shrunk (halved) until the TTFT target holds.
  let prefillTokens =
    req.prefillTokensPerDevice !== undefined
      ? req.prefillTokensPerDevice / perDevice
      : Math.max(DEFAULT_PREFILL_TOKENS_PER_DEVICE, workload.inputTokens);
  let prefill = prefillBatch(ctx, prefillTokens, workload.inputTokens);
  const minPrefillTokens = workload.inputTokens / layout.tp;
  if (req.ttftTargetMs !== undefined && req.prefillTokensPerDevice === undefined) {
    while (prefill.seconds * 1000 > req.ttftTargetMs && prefillTokens / 2 >= minPrefillTokens) {
      prefillTokens /= 2;
      prefill = prefillBatch(ctx, prefillTokens, workload.inputTokens);
    }
  }
  const ttftMs = prefill.seconds * 1000;
  if (req.ttftTargetMs !== undefined && ttftMs > req.ttftTargetMs) {
    problem(`TTFT ${ttftMs.toFixed(0)} ms misses the ${req.ttftTargetMs} ms target`);
  }
  const prefillTokensPerSecondPerDevice = prefillTokens / prefill.seconds;

  // Whole requests: each needs inputTokens of prefill and outputTokens of decode work.
  const prefillSecondsPerRequest = workload.inputTokens / prefillTokensPerSecondPerDevice;
  const decodeSecondsPerRequest = workload.outputTokens / decodeTokensPerSecondPerDevice;
  let outputTokensPerSecondPerDevice: number;
  let prefillDeviceShare: number;
  if (req.split) {
    const { prefillDevices, decodeDevices } = req.split;
    const requestsPerSecond = Math.min(
      prefillDevices / prefillSecondsPerRequest,
      decodeDevices / decodeSecondsPerRequest,
    );
    outputTokensPerSecondPerDevice =
      (requestsPerSecond * workload.outputTokens) / (prefillDevices + decodeDevices);
    prefillDeviceShare = prefillDevices / (prefillDevices + decodeDevices);
  } else {
    outputTokensPerSecondPerDevice =
      workload.outputTokens / (prefillSecondsPerRequest + decodeSecondsPerRequest);
    prefillDeviceShare = prefillSecondsPerRequest / (prefillSecondsPerRequest + decodeSecondsPerRequest);
  }

  const kvBytes = batchPerDevice * layout.tp * kvPerGroupSequence;
  const n = perDevice;
  return {
    hardwareId: req.hw.id,
    family: hw.family,
    deviceUnit: deviceUnitNote(req.hw),
    devices: layout.devices / n,
    logicalPerDevice: n,
    layout,
    precision,
    prefillTokensPerSecondPerDevice: prefillTokensPerSecondPerDevice * n,
    decodeTokensPerSecondPerDevice: decodeTokensPerSecondPerDevice * n,
    outputTokensPerSecondPerDevice: outputTokensPerSecondPerDevice * n,
    prefillDeviceShare,
    batchPerDevice: batchPerDevice * n,
    maxBatchPerDeviceByMemory: maxBatchPerDeviceByMemory * n,
    prefillTokensPerDevice: prefillTokens * n,
    ttftMs,
    tpotMs,
    tokensPerStep: steps,
    memoryPerDeviceGB: {
      weightsGB: (weightBytes * n) / GB,
      kvCacheGB: (kvBytes * n) / GB,
      totalGB: ((weightBytes + kvBytes) * n) / GB,
      usableGB: (usable * n) / GB,
      capacityGB: req.hw.hbmCapacityGB,
    },
    prefill,
    decode,
    efficiency,
    errorBand: errorBandFor(hw.family),
    warnings,
    problems,
  };
}
