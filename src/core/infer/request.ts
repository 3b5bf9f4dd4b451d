/**
 * The serving use case's contract: one request (`chipmix infer estimate|search` options, the body of
 * POST /api/infer/estimate) and one response (`--json`, the API's answer). `estimateServingRequest`
 * is the use case itself: read the request, search the layouts it leaves open, answer the best.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import { type Assert, type Describes, oneOf, parseRequest, positiveInt, positiveNumber } from '../contract';
import { missingPerformanceFacts, resolveHardware } from '../hardware/profile';
import { jsonDocumentSchema } from '../json-document';
import { say } from '../messages/say';
import { resolveModel } from '../model/presets';
import { fail, type Issue, ok, type Result } from '../result';
import { ENGINE_IDS, engineStackMismatch } from './engines';
import type { MemoryPerDevice, ServingEstimate, ServingRequest } from './estimate';
import { checkLayout, searchLayouts } from './layout';
import {
  type ErrorBand,
  type PhaseBreakdown,
  type PrecisionPlan,
  SERVING_PRECISIONS,
  type ServingEfficiency,
} from './types';
import { logicalDevicesPerDevice } from './units';

// ---------------------------------------------------------------- request

export const KV_CACHE_FORMATS = ['bf16', 'fp8', 'int8'] as const;

export const inferRequestSchema = z
  .strictObject({
    model: z
      .union([z.string().min(1), jsonDocumentSchema], {
        error: 'expected a preset name or a config.json object',
      })
      .describe('a preset name or a Hugging Face config.json object'),
    hardware: z.string().min(1).describe('a catalog system or chip id'),
    devices: positiveInt(1_000_000).describe('devices in the catalog unit (a 910C package counts as one)'),
    inputLen: positiveInt(10_000_000).describe('prompt tokens per request'),
    outputLen: positiveInt(10_000_000).describe('generated tokens per request'),
    tpotMs: positiveNumber(3_600_000).optional().describe('time-per-output-token target'),
    ttftMs: positiveNumber(3_600_000).optional().describe('time-to-first-token target'),
    batch: positiveNumber(1_000_000)
      .optional()
      .describe('concurrent sequences per device (default: the largest that fits)'),
    precision: oneOf(SERVING_PRECISIONS).default('bf16').describe('weights'),
    expertPrecision: oneOf(SERVING_PRECISIONS).optional().describe('routed experts, when they differ'),
    kvCache: oneOf(KV_CACHE_FORMATS).default('bf16').describe('default: bf16 (DEFAULT_KV_CACHE_BYTES)'),
    engine: oneOf(ENGINE_IDS).optional().describe('default: vllm on NVIDIA, vllm-ascend on Ascend'),
    tp: positiveInt(1_000_000).optional().describe('tensor parallelism of attention (logical devices)'),
    dp: positiveInt(1_000_000).optional().describe('attention data-parallel groups'),
    ep: positiveInt(1_000_000).optional().describe('expert parallelism (logical devices)'),
    mtpAccept: z
      .number({ error: 'expected an acceptance rate in [0, 1)' })
      .min(0, { error: 'expected an acceptance rate in [0, 1)' })
      .lt(1, { error: 'expected an acceptance rate in [0, 1)' })
      .optional()
      .describe('MTP/speculative acceptance rate of each draft token'),
    mtpTokens: positiveInt(64).optional().describe('draft tokens per step (default 1 with mtpAccept)'),
    prefillDevices: positiveInt(1_000_000)
      .optional()
      .describe('static prefill/decode split: prefill devices'),
    decodeDevices: positiveInt(1_000_000).optional().describe('static prefill/decode split: decode devices'),
    microBatchOverlap: z
      .boolean()
      .optional()
      .describe(
        'two micro-batches overlap expert-parallel communication with compute (DeepSeek dual-batch overlap, SGLang TBO, CloudMatrix microbatch pipelining); default off',
      ),
  })
  .superRefine((body, ctx) => {
    // draft tokens without an acceptance rate would silently count every draft as rejected
    if (body.mtpTokens !== undefined && body.mtpAccept === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['mtpAccept'],
        message: 'mtpTokens needs mtpAccept (the acceptance rate of each draft token, e.g. 0.85)',
      });
    if ((body.prefillDevices === undefined) !== (body.decodeDevices === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.prefillDevices === undefined ? 'prefillDevices' : 'decodeDevices'],
        message: 'prefill and decode devices go together (a disaggregated deployment gives both)',
      });
    else if (
      body.prefillDevices !== undefined &&
      body.decodeDevices !== undefined &&
      body.prefillDevices + body.decodeDevices !== body.devices
    )
      ctx.addIssue({
        code: 'custom',
        path: ['decodeDevices'],
        message: `prefillDevices ${body.prefillDevices} + decodeDevices ${body.decodeDevices} must equal devices ${body.devices}`,
      });
  });
export type InferRequestBody = z.output<typeof inferRequestSchema>;
export type InferRequestInput = z.input<typeof inferRequestSchema>;

export const inferSearchRequestSchema = z.strictObject({
  request: inferRequestSchema,
  top: positiveInt(50).default(5),
});

/** What the engine needs: the request without a layout, and the layout fields the user fixed. */
export interface ServingSearch {
  readonly base: Omit<ServingRequest, 'layout'>;
  /** In logical devices (dies on a 910C). */
  readonly logicalDevices: number;
  readonly partial: { tp?: number | undefined; dp?: number | undefined; ep?: number | undefined };
}

/** Resolves model and hardware and checks the fixed layout fields. */
export function toServingSearch(catalog: Catalog, body: InferRequestBody): Result<ServingSearch> {
  const issues: Issue[] = [];
  const model = resolveModel(body.model);
  if (!model.ok)
    issues.push(...model.issues.map((i) => ({ ...i, path: i.path ? `model.${i.path}` : 'model' })));
  const hardware = resolveHardware(catalog, body.hardware);
  if (!hardware.ok) issues.push(...hardware.issues.map((i) => ({ ...i, path: 'hardware' })));
  if (!model.ok || !hardware.ok) return fail(...issues);
  // an engine tied to one stack does not run on another's chips (MindIE on an H20, TensorRT-LLM on a 910B)
  const mismatch = body.engine
    ? engineStackMismatch(body.engine, hardware.value.softwareStack, body.hardware)
    : undefined;
  if (mismatch) return fail({ code: 'infer.engine_stack', path: 'engine', message: mismatch });
  const missing = missingPerformanceFacts(hardware.value, 'bf16-or-fp16');
  if (missing.length) return fail(...missing);
  // Ascend has no FP8 type: its engines quantise the KV cache to INT8 (an "8-bit" label hid the difference)
  if (body.kvCache === 'fp8' && hardware.value.softwareStack === 'CANN')
    return fail({
      code: 'infer.kv_format',
      path: 'kvCache',
      message: say('infer.kv-fp8-cann', { hardware: body.hardware }),
    });
  const perDevice = logicalDevicesPerDevice(hardware.value);
  // With a static split the layout is the decode pool's, as the validation runs read "96P+288D" (runs.ts): TP, DP and
  // EP count that pool's devices; the prefill pool runs the same TP over its own devices (estimate.ts checks it).
  const layoutDevices = body.decodeDevices ?? body.devices;
  const logicalDevices = layoutDevices * perDevice;
  const partial = { tp: body.tp, dp: body.dp, ep: body.ep };
  const checked = checkLayout(model.value, logicalDevices, partial);
  if (!checked.ok) {
    const dies =
      perDevice > 1 ? ` (${layoutDevices} devices = ${logicalDevices} dies; TP/DP/EP count dies)` : '';
    const pool = body.decodeDevices !== undefined ? ' of the decode pool' : '';
    return fail(
      ...checked.issues.map((i) => ({
        ...i,
        message: `${i.message.replace(/ devices\b/, ` devices${pool}`)}${dies}`,
      })),
    );
  }
  if (
    body.prefillDevices !== undefined &&
    body.tp !== undefined &&
    (body.prefillDevices * perDevice) % body.tp !== 0
  )
    return fail({
      code: 'infer.layout',
      path: 'prefillDevices',
      // the estimate's own check, for a TP the request fixes (the search meets it on candidates)
      message: say('infer.prefill-pool-tp', { tp: body.tp, devices: body.prefillDevices * perDevice }),
    });
  const precision: PrecisionPlan = {
    dense: body.precision,
    experts: body.expertPrecision ?? body.precision,
    kvCacheBytes: body.kvCache === 'bf16' ? 2 : 1,
  };
  return ok({
    base: {
      model: model.value,
      hw: hardware.value,
      engine: body.engine,
      workload: {
        inputTokens: body.inputLen,
        outputTokens: body.outputLen,
        draftTokens: body.mtpTokens ?? (body.mtpAccept !== undefined ? 1 : 0),
        acceptance: body.mtpAccept ?? 0,
      },
      precision,
      batchPerDevice: body.batch,
      microBatchOverlap: body.microBatchOverlap,
      tpotTargetMs: body.tpotMs,
      ttftTargetMs: body.ttftMs,
      split:
        body.prefillDevices !== undefined && body.decodeDevices !== undefined
          ? { prefillDevices: body.prefillDevices, decodeDevices: body.decodeDevices }
          : undefined,
    },
    logicalDevices,
    partial,
  });
}

/** The ranked estimates of every layout the request leaves open, best first. */
export function rankServingLayouts(search: ServingSearch): ServingEstimate[] {
  return searchLayouts(search.base, search.partial, search.logicalDevices);
}

/** `infer estimate` as a use case: the best layout's estimate, as `--json` prints it. */
export function estimateServingRequest(catalog: Catalog, input: unknown): Result<ServingEstimateView> {
  const body = parseRequest(inferRequestSchema, input);
  if (!body.ok) return body;
  const search = toServingSearch(catalog, body.value);
  if (!search.ok) return search;
  const ranked = rankServingLayouts(search.value);
  const best = ranked[0];
  if (!best)
    return fail({ code: 'infer.no_layout', path: 'devices', message: 'no layout fits these devices' });
  return ok(servingEstimateView(best, ranked.length > 1));
}

// ---------------------------------------------------------------- response

const phaseSchema = z.strictObject({
  seconds: z.number(),
  computeSeconds: z.number(),
  memorySeconds: z.number(),
  commSeconds: z.number(),
  bound: z.enum(['compute', 'memory', 'communication']),
});

const errorBandSchema = z.strictObject({
  family: z.string(),
  calibrated: z.boolean(),
  basis: z.enum(['leave-one-source-out', 'uncalibrated-family']),
  basisText: z.string(),
  medianAbsErrorPct: z.number(),
  leaveOneOutMedianAbsErrorPct: z.number(),
  leaveOneOutP90AbsErrorPct: z.number(),
  bandPct: z.number().describe('half-width of the band (low-high) and of verdicts, percent'),
  maxAbsErrorPct: z.number(),
  rows: z.number(),
  sources: z.number(),
  low: z.number(),
  high: z.number(),
});

const memorySchema = z.strictObject({
  weightsGB: z.number(),
  kvCacheGB: z.number(),
  totalGB: z.number(),
  usableGB: z.number(),
  capacityGB: z.number(),
  runtimeGB: z.number(),
  kvBudgetGB: z.number(),
});

const precisionSchema = z.strictObject({
  dense: z.enum(SERVING_PRECISIONS),
  experts: z.enum(SERVING_PRECISIONS),
  kvCacheBytes: z.number(),
  attention: z.enum(['bf16', 'fp8']).optional(),
});

const efficiencySchema = z.strictObject({ computeScale: z.number(), bandwidthScale: z.number() });

/** The JSON document of an estimate: the headline figures first, then the details. */
export const servingEstimateViewSchema = z.strictObject({
  prefillTokensPerSecondPerDevice: z.number(),
  decodeTokensPerSecondPerDevice: z.number(),
  outputTokensPerSecondPerDevice: z.number(),
  batchPerDevice: z.number(),
  microBatchOverlap: z.boolean(),
  ttftMs: z
    .number()
    .describe('time to first token under load (the prefill batch, or the mixed steps of a prompt)'),
  ttftAloneMs: z.number().describe('time to first token of one prompt on idle devices'),
  tpotMs: z.number(),
  memoryPerDeviceGB: z.number(),
  errorBand: errorBandSchema,
  engine: z.strictObject({
    id: z.enum(ENGINE_IDS),
    name: z.string(),
    source: z.enum(['asked', 'family default']),
  }),
  warnings: z.array(z.string()),
  deviceUnit: z.string(),
  hardwareId: z.string(),
  family: z.string(),
  devices: z.number(),
  layout: z.strictObject({
    devices: z.number(),
    tp: z.number(),
    dp: z.number(),
    ep: z.number(),
    unit: z.enum(['die', 'device']),
    searched: z.boolean(),
  }),
  precision: precisionSchema,
  tokensPerStep: z.number(),
  prefillDeviceShare: z.number(),
  maxBatchPerDeviceByMemory: z.number(),
  prefillTokensPerDevice: z.number(),
  memory: memorySchema,
  schedule: z.enum(['disaggregated', 'alternating', 'mixed']),
  prefill: phaseSchema,
  decode: phaseSchema,
  servingStep: phaseSchema,
  efficiency: efficiencySchema,
  problems: z.array(z.string()),
});
export type ServingEstimateView = z.output<typeof servingEstimateViewSchema>;

export const servingSearchViewSchema = z.array(servingEstimateViewSchema);

export function servingEstimateView(e: ServingEstimate, searched: boolean): ServingEstimateView {
  return {
    prefillTokensPerSecondPerDevice: e.prefillTokensPerSecondPerDevice,
    decodeTokensPerSecondPerDevice: e.decodeTokensPerSecondPerDevice,
    outputTokensPerSecondPerDevice: e.outputTokensPerSecondPerDevice,
    batchPerDevice: e.batchPerDevice,
    microBatchOverlap: e.microBatchOverlap,
    ttftMs: e.ttftMs,
    ttftAloneMs: e.ttftAloneMs,
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

// The serving model's own types are described by these schemas (src/core/contract.ts).
export type PhaseMatchesEngine = Assert<Describes<typeof phaseSchema, PhaseBreakdown>>;
export type BandMatchesEngine = Assert<Describes<typeof errorBandSchema, ErrorBand>>;
export type MemoryMatchesEngine = Assert<Describes<typeof memorySchema, MemoryPerDevice>>;
export type PrecisionMatchesEngine = Assert<Describes<typeof precisionSchema, PrecisionPlan>>;
export type EfficiencyMatchesEngine = Assert<Describes<typeof efficiencySchema, ServingEfficiency>>;
