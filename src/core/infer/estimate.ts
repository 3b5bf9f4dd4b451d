/**
 * The serving estimate: one layout on `devices` devices, served by one engine, for requests of given
 * lengths. Prefill and decode are costed in isolation (as DeepSeek, SGLang and CloudMatrix report
 * them), then combined into whole-request throughput for the same devices: disaggregated pools,
 * alternating prefill/decode batches, or mixed chunked-prefill steps, as the engine schedules them.
 * Formulas: docs/INFERENCE.md.
 */
import { BYTES_PER_MEMORY_GB, type HardwareProfile } from '../hardware/profile';
import { say } from '../messages/say';
import type { ModelSpec } from '../model/schema';
import { efficiencyForChip, errorBandFor, isCalibrated } from './calibration-lookup';
import {
  defaultEngineFor,
  ENGINE_PROFILES,
  type EngineId,
  type EngineSettings,
  withSettings,
} from './engines';
import { peakOf } from './hw';
import {
  activationBytesPerDevice,
  COMPUTE_PEAK_KEY,
  kvBudgetBytesPerDevice,
  kvBytesPerTokenPerDevice,
  RUNTIME_CONTEXT_GB,
  servingParams,
  weightBytesPerDevice,
} from './memory';
import {
  decodeStep,
  mixedStep,
  type PhaseContext,
  phaseContext,
  prefillBatch,
  tokensPerStep,
} from './phases';
import type {
  ErrorBand,
  PhaseBreakdown,
  PrecisionPlan,
  ServingEfficiency,
  ServingLayout,
  ServingWorkload,
} from './types';
import { deviceUnitNote, logicalDevicesPerDevice, logicalProfile } from './units';

export { efficiencyFor, errorBandFor } from './calibration-lookup';

/** DeepSeek's profile, SGLang and CloudMatrix-Infer prefill 16K tokens per device in disaggregated pools. */
export const DEFAULT_PREFILL_TOKENS_PER_DEVICE = 16384;

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
  /** The serving engine; absent = the family's default (engines.ts). */
  readonly engine?: EngineId | undefined;
  /** Concurrent sequences per (catalog) device; absent = the largest that fits memory and meets the targets. */
  readonly batchPerDevice?: number | undefined;
  readonly tpotTargetMs?: number | undefined;
  readonly ttftTargetMs?: number | undefined;
  /** Prompt tokens per (catalog) device in one prefill batch; absent = the engine's step budget (16K when disaggregated). */
  readonly prefillTokensPerDevice?: number | undefined;
  /** Cached tokens each decode step attends to; default input + output / 2 (the average over a request). */
  readonly decodeContextTokens?: number | undefined;
  /** Static prefill/decode split of the devices (disaggregated); absent = the engine serves both. */
  readonly split?: { readonly prefillDevices: number; readonly decodeDevices: number } | undefined;
  /** Engine settings a run states (TRT-LLM --kv_cache_free_gpu_mem_fraction, --max_num_tokens...). */
  readonly engineSettings?: EngineSettings | undefined;
  /** The run overlaps two micro-batches (two-batch overlap, microbatch pipelining). */
  readonly microBatchOverlap?: boolean | undefined;
  /** Override the fitted efficiencies (the fit script does). */
  readonly efficiency?: ServingEfficiency | undefined;
}

export interface MemoryPerDevice {
  readonly weightsGB: number;
  readonly kvCacheGB: number;
  readonly totalGB: number;
  /** Weights + the engine's KV budget: what the engine lets the model use. */
  readonly usableGB: number;
  readonly capacityGB: number;
  /** Activation workspace and runtime context the engine keeps outside the KV cache. */
  readonly runtimeGB: number;
  /** The engine's KV-cache budget. */
  readonly kvBudgetGB: number;
}

export interface ServingEstimate {
  readonly hardwareId: string;
  readonly family: string;
  readonly deviceUnit: string;
  /** The engine profile used (engines.ts) and whether it was asked for or the family default. */
  readonly engine: EngineId;
  readonly engineName: string;
  readonly engineSource: 'asked' | 'family default';
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
  /** Two micro-batches overlap expert-parallel communication with compute. */
  readonly microBatchOverlap: boolean;
  /** How whole requests are scheduled: disaggregated pools, alternating batches or mixed steps. */
  readonly schedule: 'disaggregated' | 'alternating' | 'mixed';
  /** Share of devices (or device time) that prefill takes in that whole-request mix. */
  readonly prefillDeviceShare: number;
  readonly batchPerDevice: number;
  readonly maxBatchPerDeviceByMemory: number;
  readonly prefillTokensPerDevice: number;
  /**
   * Time to first token under load: the prefill batch's latency (alternating, disaggregated), or the mixed steps a
   * prompt's chunks ride (mixed).
   */
  readonly ttftMs: number;
  /** Time to first token of one prompt prefilled alone on idle devices (the floor under any load). */
  readonly ttftAloneMs: number;
  /** Decode step time per output token; with mixed steps, the mixed step's. */
  readonly tpotMs: number;
  readonly tokensPerStep: number;
  readonly memoryPerDeviceGB: MemoryPerDevice;
  readonly prefill: PhaseBreakdown;
  /** One decode step at the chosen batch, in isolation. */
  readonly decode: PhaseBreakdown;
  /** The step whole requests run: the decode step, or the mixed decode + prefill-chunk step. */
  readonly servingStep: PhaseBreakdown;
  readonly efficiency: ServingEfficiency;
  readonly errorBand: ErrorBand;
  readonly warnings: string[];
  /** The warnings that make this layout miss memory or the targets; empty when it is usable. */
  readonly problems: string[];
}

// memory in the vendors' binary gigabytes, like HBM capacities (hardware/profile.ts)
const GB = BYTES_PER_MEMORY_GB;

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

/**
 * Prefill tokens per device each mixed step carries when `decodeBatch` sequences decode: the steady
 * state needs input/output prompt tokens per output token. With DP-attention and expert parallelism
 * every rank waits at each MoE layer for the slowest, so a step costs as much as the largest chunk any
 * rank prefills: with prompts chunked to `chunk` tokens and a share q = needed / chunk of the steps
 * prefilling on one rank, some rank prefills in 1 - (1 - q)^dp of the steps (docs/INFERENCE.md 6).
 */
function mixedPrefillTokens(
  neededPerDevice: number,
  chunkPerDevice: number,
  dpRanks: number,
  synchronised: boolean,
): number {
  if (neededPerDevice <= 0) return 0;
  if (!synchronised || dpRanks <= 1 || neededPerDevice >= chunkPerDevice) return neededPerDevice;
  const q = neededPerDevice / chunkPerDevice;
  return chunkPerDevice * (1 - (1 - q) ** dpRanks);
}

export function estimateServing(req: ServingRequest): ServingEstimate {
  const { model, layout, workload, precision } = req;
  // Everything below is per logical device; per-(catalog)-device figures are scaled by `perDevice`.
  const perDevice = logicalDevicesPerDevice(req.hw);
  const hw = logicalProfile(req.hw);
  const engineId = req.engine ?? defaultEngineFor(hw.family);
  const engine = withSettings(ENGINE_PROFILES[engineId], req.engineSettings);
  const warnings: string[] = [];
  // Problems make the layout unusable as asked (also listed in warnings).
  const problems: string[] = [];
  const problem = (message: string) => {
    problems.push(message);
    warnings.push(message);
  };
  const efficiency = req.efficiency ?? efficiencyForChip(hw.family, hw.achievedMatmulFraction);
  if (!req.efficiency && !isCalibrated(hw.family)) {
    warnings.push(say('infer.uncalibrated', { family: hw.family }));
  }
  const requestTokens = workload.inputTokens + workload.outputTokens;
  if (model.maxContextTokens !== undefined && requestTokens > model.maxContextTokens) {
    warnings.push(say('infer.context-window', { tokens: requestTokens, window: model.maxContextTokens }));
  }
  if (!model.moe && precision.experts !== precision.dense) {
    warnings.push(say('infer.experts-dense', { model: model.name, precision: precision.experts }));
  }
  if (workload.draftTokens > 0 && model.mtpLayers === 0) {
    warnings.push(say('infer.draft-assumed', { model: model.name }));
  }
  if (workload.draftTokens > 0 && !engine.speculativeDecoding) {
    problem(say('infer.no-mtp', { engine: engine.name }));
  }
  if (layout.dp > 1 && layout.ep > 1 && !engine.dpAttention) {
    problem(say('infer.no-dp-attention', { engine: engine.name }));
  }
  for (const part of ['dense', 'experts'] as const) {
    const asked = COMPUTE_PEAK_KEY[precision[part]];
    const used = peakOf(hw, asked).used;
    if (used !== asked && (part === 'dense' || model.moe)) {
      warnings.push(say('infer.no-peak', { chip: hw.chipName, asked, part, used }));
    }
  }
  const params = servingParams(model);
  const ctx: PhaseContext = phaseContext({
    model,
    params,
    hw,
    layout,
    precision,
    efficiency,
    engine,
    microBatchOverlap: req.microBatchOverlap ?? false,
  });
  const withMtp = workload.draftTokens > 0;
  const steps = tokensPerStep(workload.draftTokens, workload.acceptance);

  // Memory: weights, the engine's runtime workspace, then its KV budget.
  const weightBytes = weightBytesPerDevice(params, precision, layout, withMtp);
  const runtimeBytes =
    RUNTIME_CONTEXT_GB * GB +
    activationBytesPerDevice(model, layout.tp, engine.maxTokensPerStep, engine.maxSequencesPerRank);
  const kvBudget = kvBudgetBytesPerDevice(engine.kvMemory, hw.hbmCapacityGB, weightBytes, runtimeBytes);
  const kvPerToken = kvBytesPerTokenPerDevice(model, precision.kvCacheBytes, layout.tp);
  const heldTokens =
    engine.kvReservation === 'whole-request'
      ? workload.inputTokens + workload.outputTokens
      : workload.inputTokens + workload.outputTokens / 2;
  // KV a device holds per sequence of its TP group (sequences of a group are shared by its tp devices).
  const kvPerGroupSequence = heldTokens * kvPerToken;
  if (kvBudget <= 0) {
    problem(
      // per logical device: a die on a 910C, whose own HBM holds the weights (the GB column is per package)
      say(perDevice > 1 ? 'infer.no-kv-die' : 'infer.no-kv', {
        weights: (weightBytes / GB).toFixed(1),
        engine: engine.name,
        capacity: hw.hbmCapacityGB.toFixed(0),
      }),
    );
  }
  if (req.split) {
    // The layout is the decode pool's; the prefill pool runs the same TP over its own devices, its experts spread
    // over all of them (the most a pool can spread them), and must hold its weights too.
    const prefillLogical = req.split.prefillDevices * perDevice;
    if (prefillLogical % layout.tp !== 0) {
      problem(say('infer.prefill-pool-tp', { tp: layout.tp, devices: prefillLogical }));
    } else {
      const prefillLayout: ServingLayout = {
        devices: prefillLogical,
        tp: layout.tp,
        dp: prefillLogical / layout.tp,
        ep: layout.ep > 1 ? prefillLogical : 1,
      };
      const prefillWeights = weightBytesPerDevice(params, precision, prefillLayout, withMtp);
      if (prefillWeights + runtimeBytes > hw.hbmCapacityGB * GB)
        problem(
          say('infer.prefill-pool-memory', {
            weights: ((prefillWeights + runtimeBytes) / GB).toFixed(1),
            devices: prefillLogical,
            capacity: hw.hbmCapacityGB.toFixed(0),
          }),
        );
    }
  }
  const engineCap = engine.maxSequencesPerRank;
  const groupBatchByKv = Math.max(0, Math.floor(kvBudget / kvPerGroupSequence));
  const groupBatchByMemory = Math.min(groupBatchByKv, engineCap);
  const maxBatchPerDeviceByMemory = groupBatchByMemory / layout.tp;

  const context = req.decodeContextTokens ?? workload.inputTokens + workload.outputTokens / 2;
  const mixed = req.split === undefined && engine.mixedBatches;
  // Budget of one step per device, and the prefill chunk that rides with `b` decoding sequences.
  const stepBudget = engine.maxTokensPerStep / layout.tp;
  const synchronised = model.moe !== undefined && layout.ep > 1;
  const mixedLoad = (b: number) => {
    const decodeTokens = b * (1 + workload.draftTokens);
    const needed = (b * steps * workload.inputTokens) / Math.max(1, workload.outputTokens);
    const room = Math.max(0, stepBudget - decodeTokens);
    const chunk = Math.min(room, workload.inputTokens / layout.tp);
    const prefill = Math.min(needed, room);
    return {
      needed,
      useful: prefill,
      charged: mixedPrefillTokens(prefill, Math.max(chunk, 1e-9), layout.dp, synchronised),
      starved: needed > room,
    };
  };
  const stepOf = (b: number): PhaseBreakdown => {
    if (!mixed) return decodeStep(ctx, b, context, workload.draftTokens);
    const load = mixedLoad(b);
    return mixedStep(ctx, b, context, workload.draftTokens, load.charged, workload.inputTokens);
  };
  const tpotOf = (b: number) => (stepOf(b).seconds / steps) * 1000;
  // Under chunked prefill a prompt's first token comes out with the mixed step that carries its last chunk (vLLM's
  // scheduler fills each step's token budget with the running decodes first, then prompt chunks): full chunks of the
  // room left, then the rest, each step costed with the `b` decodes beside that chunk.
  const mixedTtftMs = (b: number) => {
    const room = stepBudget - b * (1 + workload.draftTokens);
    if (room <= 0) return Number.POSITIVE_INFINITY;
    const prompt = workload.inputTokens / layout.tp;
    const full = Math.floor(prompt / room + 1e-9);
    const rest = prompt - full * room;
    const step = (chunk: number) =>
      mixedStep(ctx, b, context, workload.draftTokens, chunk, workload.inputTokens).seconds;
    return (full * (full > 0 ? step(room) : 0) + (rest > 1e-9 ? step(rest) : 0)) * 1000;
  };
  const ttftTarget = req.ttftTargetMs;
  const meetsTtft = (b: number) => !mixed || ttftTarget === undefined || mixedTtftMs(b) <= ttftTarget;
  // With mixed steps the batch may not outgrow what the step budget can keep fed with prompts.
  const fedByBudget = (g: number) => !mixed || !mixedLoad(g / layout.tp).starved;

  let batchPerDevice: number;
  if (req.batchPerDevice !== undefined) {
    batchPerDevice = req.batchPerDevice / perDevice;
    if (batchPerDevice * layout.tp > groupBatchByKv) {
      problem(
        say('infer.kv-budget', {
          batch: req.batchPerDevice,
          sequences: ((groupBatchByKv / layout.tp) * perDevice).toFixed(1),
          tokens: heldTokens,
          engine: engine.name,
        }),
      );
    } else if (batchPerDevice * layout.tp > engineCap) {
      warnings.push(
        say('infer.engine-cap', { batch: req.batchPerDevice, engine: engine.name, cap: engineCap }),
      );
    }
  } else {
    const target = req.tpotTargetMs;
    const groupBatch = largestGroupBatch(
      groupBatchByMemory,
      (g) =>
        fedByBudget(g) &&
        meetsTtft(g / layout.tp) &&
        (target === undefined || tpotOf(g / layout.tp) <= target),
    );
    batchPerDevice = groupBatch / layout.tp;
    if (groupBatch === 0) {
      // which condition failed at batch 1: memory, the TPOT target (when one was given) or the step budget
      const tpotAtOne = tpotOf(1 / layout.tp);
      batchPerDevice = Math.max(1, groupBatchByMemory) / layout.tp;
      if (groupBatchByMemory === 0) problem(say('infer.no-sequence'));
      else if (target !== undefined && tpotAtOne > target)
        problem(say('infer.tpot-unreachable', { target: String(target), tpot: tpotAtOne.toFixed(1) }));
      else if (!meetsTtft(1 / layout.tp))
        // one sequence per group; the missed TTFT target is the problem, reported where TTFT is computed below
        batchPerDevice = 1 / layout.tp;
      else {
        // Prompts longer than the step budget feeds even one sequence at a time (200k tokens in, 10 out): usable, at
        // the rate its prompts get in (the serving rate below is fed-limited), one sequence per group
        const load = mixedLoad(1 / layout.tp);
        batchPerDevice = 1 / layout.tp;
        warnings.push(
          say('infer.starved', {
            batch: 1 / layout.tp,
            engine: engine.name,
            room: Math.round(load.useful * perDevice),
            needed: Math.round(load.needed * perDevice),
          }),
        );
      }
    }
  }
  const decode = decodeStep(ctx, batchPerDevice, context, workload.draftTokens);
  const decodeTokensPerSecondPerDevice = (batchPerDevice * steps) / decode.seconds;
  const servingStep = mixed ? stepOf(batchPerDevice) : decode;
  const tpotMs = (servingStep.seconds / steps) * 1000;
  if (req.batchPerDevice !== undefined && req.tpotTargetMs !== undefined && tpotMs > req.tpotTargetMs) {
    problem(
      say('infer.tpot-missed', {
        tpot: tpotMs.toFixed(1),
        target: req.tpotTargetMs,
        batch: req.batchPerDevice,
      }),
    );
  }

  // Prefill: a batch of the engine's step budget (16K tokens per device in disaggregated pools), shrunk
  // (halved) until the TTFT target holds.
  const defaultPrefill = req.split ? DEFAULT_PREFILL_TOKENS_PER_DEVICE : engine.maxTokensPerStep / layout.tp;
  let prefillTokens =
    req.prefillTokensPerDevice !== undefined
      ? req.prefillTokensPerDevice / perDevice
      : Math.max(defaultPrefill, workload.inputTokens / layout.tp);
  let prefill = prefillBatch(ctx, prefillTokens, workload.inputTokens);
  const minPrefillTokens = workload.inputTokens / layout.tp;
  if (req.ttftTargetMs !== undefined && req.prefillTokensPerDevice === undefined) {
    while (prefill.seconds * 1000 > req.ttftTargetMs && prefillTokens / 2 >= minPrefillTokens) {
      prefillTokens /= 2;
      prefill = prefillBatch(ctx, prefillTokens, workload.inputTokens);
    }
  }
  // TTFT under load: the prefill batch's latency, or with mixed steps the steps a prompt's chunks ride; and for one
  // prompt on idle devices, its own prefill.
  const ttftMs = mixed ? mixedTtftMs(batchPerDevice) : prefill.seconds * 1000;
  const ttftAloneMs = prefillBatch(ctx, minPrefillTokens, workload.inputTokens).seconds * 1000;
  if (req.ttftTargetMs !== undefined && ttftMs > req.ttftTargetMs) {
    problem(say('infer.ttft-missed', { ttft: ttftMs.toFixed(0), target: req.ttftTargetMs }));
  }
  const prefillTokensPerSecondPerDevice = prefillTokens / prefill.seconds;

  // Whole requests: each needs inputTokens of prefill and outputTokens of decode work.
  const prefillSecondsPerRequest = workload.inputTokens / prefillTokensPerSecondPerDevice;
  const decodeSecondsPerRequest = workload.outputTokens / decodeTokensPerSecondPerDevice;
  let outputTokensPerSecondPerDevice: number;
  let prefillDeviceShare: number;
  let schedule: ServingEstimate['schedule'];
  if (req.split) {
    schedule = 'disaggregated';
    const { prefillDevices, decodeDevices } = req.split;
    const requestsPerSecond = Math.min(
      prefillDevices / prefillSecondsPerRequest,
      decodeDevices / decodeSecondsPerRequest,
    );
    outputTokensPerSecondPerDevice =
      (requestsPerSecond * workload.outputTokens) / (prefillDevices + decodeDevices);
    prefillDeviceShare = prefillDevices / (prefillDevices + decodeDevices);
  } else if (mixed) {
    schedule = 'mixed';
    const load = mixedLoad(batchPerDevice);
    // Requests finish only as fast as their prompts get into the steps: a stated batch the step budget cannot feed
    // (the search never picks one) decodes at its own rate only until its prompts run out.
    const decodeLimited = (batchPerDevice * steps) / servingStep.seconds;
    const fedLimited =
      workload.inputTokens > 0
        ? ((load.useful / servingStep.seconds) * workload.outputTokens) / workload.inputTokens
        : decodeLimited;
    outputTokensPerSecondPerDevice = Math.min(decodeLimited, fedLimited);
    if (load.starved && req.batchPerDevice !== undefined) {
      problem(
        say('infer.starved', {
          batch: req.batchPerDevice,
          engine: engine.name,
          room: Math.round(load.useful * perDevice),
          needed: Math.round(load.needed * perDevice),
        }),
      );
    }
    const tokens = batchPerDevice * (1 + workload.draftTokens) + load.useful;
    prefillDeviceShare = tokens > 0 ? load.useful / tokens : 0;
  } else {
    schedule = 'alternating';
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
    engine: engineId,
    engineName: engine.name,
    engineSource: req.engine ? 'asked' : 'family default',
    devices: req.split ? req.split.prefillDevices + req.split.decodeDevices : layout.devices / n,
    logicalPerDevice: n,
    layout,
    precision,
    prefillTokensPerSecondPerDevice: prefillTokensPerSecondPerDevice * n,
    decodeTokensPerSecondPerDevice: decodeTokensPerSecondPerDevice * n,
    outputTokensPerSecondPerDevice: outputTokensPerSecondPerDevice * n,
    microBatchOverlap: req.microBatchOverlap ?? false,
    schedule,
    prefillDeviceShare,
    batchPerDevice: batchPerDevice * n,
    maxBatchPerDeviceByMemory: maxBatchPerDeviceByMemory * n,
    prefillTokensPerDevice: prefillTokens * n,
    ttftMs,
    ttftAloneMs,
    tpotMs,
    tokensPerStep: steps,
    memoryPerDeviceGB: {
      weightsGB: (weightBytes * n) / GB,
      kvCacheGB: (kvBytes * n) / GB,
      totalGB: ((weightBytes + kvBytes) * n) / GB,
      usableGB: ((weightBytes + kvBudget) * n) / GB,
      capacityGB: req.hw.hbmCapacityGB,
      runtimeGB: (runtimeBytes * n) / GB,
      kvBudgetGB: (kvBudget * n) / GB,
    },
    prefill,
    decode,
    servingStep,
    efficiency,
    errorBand: errorBandFor(hw.family, outputTokensPerSecondPerDevice * n),
    warnings,
    problems,
  };
}
