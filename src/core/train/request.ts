/**
 * The training use case's contract: one request (`chipmix train estimate|search` options, the body of
 * POST /api/train/estimate and /api/train/search, the web form) and one response (`--json`, the API's
 * answer, the web worker's reply). The adapters only translate: the CLI turns its flags into this
 * request, the server and the web worker parse their JSON with it; all resolve it with
 * `toTrainRequest` into the engine's TrainRequest.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import { type Assert, type Describes, oneOf, parseRequest, positiveInt } from '../contract';
import { resolveHardware } from '../hardware/profile';
import { jsonDocumentSchema } from '../json-document';
import { say } from '../messages/say';
import { resolveModel } from '../model/presets';
import { fail, type Issue, ok, type Result } from '../result';
import { tokenCountSchema } from '../token-count';
import type { ErrorBand } from './error-band';
import type { StepBreakdown } from './evaluate';
import { FRAMEWORKS } from './framework';
import {
  ATTENTION_KINDS,
  EXPERT_KERNELS,
  MOE_DISPATCHERS,
  type PartialLayout,
  PIPELINE_SCHEDULES,
  RECOMPUTE_MODES,
  TRAIN_PRECISIONS,
  type TrainLayout,
  type TrainRequest,
} from './types';

// ---------------------------------------------------------------- request

export { parseTokenCount } from '../token-count';

export { ATTENTION_KINDS, EXPERT_KERNELS };

const layoutSize = positiveInt(1_000_000);

/** The layout fields a user may fix; whatever is left out is searched (or the framework's default). */
export const layoutRequestSchema = z
  .strictObject({
    tp: layoutSize.describe('tensor parallel size'),
    pp: layoutSize.describe('pipeline parallel size'),
    vp: layoutSize.describe('virtual pipeline stages per rank (interleaved 1F1B)'),
    dp: layoutSize.describe('data parallel size'),
    cp: layoutSize.describe('context parallel size'),
    ep: layoutSize.describe('expert parallel size'),
    etp: layoutSize.describe('tensor parallel size inside experts'),
    mbs: layoutSize.describe('micro-batch size in sequences'),
    recompute: oneOf(RECOMPUTE_MODES),
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {
      error: say('train.zero-stage'),
    }),
    schedule: oneOf(PIPELINE_SCHEDULES),
    dispatcher: oneOf(MOE_DISPATCHERS).describe(
      "MoE dispatcher: alltoall (one copy per expert) or dedup (DeepEP/HybridEP: one copy per remote scale-up domain); a complete layout takes the framework's default (alltoall), the search uses dedup where the framework has it",
    ),
    sequenceParallel: z.boolean(),
    attention: oneOf(ATTENTION_KINDS).describe("attention kernel (default: the framework's)"),
    experts: oneOf(EXPERT_KERNELS).describe(
      "MoE local experts: one grouped GEMM or a loop (default: the framework's); Megatron's grouped GEMM through Transformer Engine still pays host time per local expert",
    ),
    reuseFp32Params: z
      .boolean()
      .describe('MindSpeed --reuse-fp32-param: fp32 master copy kept as bf16 + residual (default false)'),
    layersPerStage: z
      .array(layoutSize)
      .min(1)
      .max(1024)
      .describe('layers on each pipeline stage, first to last (default: an even split)'),
    /** false turns off TP, gradient-reduce, parameter-gather and EP all-to-all overlap (the CLI's --no-overlap). */
    overlap: z.boolean().describe('false: no TP, gradient-reduce, parameter-gather or EP all-to-all overlap'),
    tpOverlap: z.boolean().describe('TP communication overlap'),
    gradOverlap: z.boolean().describe('DP gradient reduce-scatter overlap'),
    paramGatherOverlap: z.boolean().describe('parameter all-gather overlap'),
    cudaGraph: z
      .boolean()
      .describe('the whole iteration as one CUDA graph (Megatron-Core full_iteration; default off)'),
    epOverlap: z
      .boolean()
      .describe(
        "MoE expert-parallel all-to-all overlap (Megatron-Core overlap_moe_expert_parallel_comm); a complete layout takes the framework's default (off), the search turns it on where allowed",
      ),
  })
  .partial();

export const trainRequestSchema = z
  .strictObject({
    model: z
      .union([z.string().min(1), jsonDocumentSchema], {
        error: say('train.model-kind'),
      })
      .describe('a preset name (GET /api/models) or a Hugging Face config.json object'),
    hardware: z.string().min(1).describe('a catalog system or chip id'),
    devices: positiveInt(1_000_000).describe('number of accelerators'),
    seqLen: positiveInt(10_000_000).describe('sequence length in tokens'),
    globalBatch: positiveInt().optional().describe('global batch in sequences'),
    globalBatchTokens: positiveInt().optional().describe('global batch in tokens (instead of globalBatch)'),
    precision: oneOf(TRAIN_PRECISIONS).default('bf16'),
    tokens: tokenCountSchema.optional().describe('total training tokens, e.g. 15T'),
    framework: oneOf(FRAMEWORKS)
      .optional()
      .describe('default: mindspeed on Ascend, maxtext on TPU, megatron-core elsewhere'),
    layout: layoutRequestSchema.default({}),
  })
  .superRefine((body, ctx) => {
    if (body.globalBatch === undefined && body.globalBatchTokens === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['globalBatch'],
        message: say('train.global-batch-required'),
      });
    if (body.globalBatch !== undefined && body.globalBatchTokens !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['globalBatchTokens'],
        message: say('train.global-batch-both'),
      });
    else if (body.globalBatchTokens !== undefined && body.globalBatchTokens % body.seqLen !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['globalBatchTokens'],
        message: say('train.global-batch-tokens', { tokens: body.globalBatchTokens, seqLen: body.seqLen }),
      });
  });

export type TrainRequestBody = z.output<typeof trainRequestSchema>;
export type TrainRequestInput = z.input<typeof trainRequestSchema>;

export const trainSearchRequestSchema = z.strictObject({
  request: trainRequestSchema,
  top: positiveInt(50).default(5).describe('how many layouts to return'),
});
export type TrainSearchRequestInput = z.input<typeof trainSearchRequestSchema>;

/** Resolves model and hardware: a validated body becomes the engine's request, or issues (path, message). */
export function toTrainRequest(catalog: Catalog, body: TrainRequestBody): Result<TrainRequest> {
  const issues: Issue[] = [];
  const model = resolveModel(body.model);
  if (!model.ok) issues.push(...model.issues.map((i) => ({ ...i, path: prefixed('model', i.path) })));
  const hardware = resolveHardware(catalog, body.hardware);
  if (!hardware.ok) issues.push(...hardware.issues.map((i) => ({ ...i, path: 'hardware' })));
  if (!model.ok || !hardware.ok) return fail(...issues);
  const {
    attention,
    experts,
    dispatcher,
    overlap,
    tpOverlap,
    gradOverlap,
    paramGatherOverlap,
    epOverlap,
    cudaGraph,
    ...sizes
  } = body.layout;
  // JSON has no undefined, but zod's partial() types allow it: drop absent keys
  const layout = Object.fromEntries(
    Object.entries(sizes).filter(([, v]) => v !== undefined),
  ) as PartialLayout;
  if (attention !== undefined) layout.flashAttention = attention === 'flash';
  if (experts !== undefined) layout.groupedExperts = experts === 'grouped';
  if (dispatcher !== undefined) layout.moeDispatcher = dispatcher;
  if (cudaGraph !== undefined) layout.fullIterationCudaGraph = cudaGraph;
  const off = overlap === false ? false : undefined;
  const overlaps = {
    overlapTpComm: tpOverlap ?? off,
    overlapDpGrad: gradOverlap ?? off,
    overlapParamGather: paramGatherOverlap ?? off,
    overlapEpComm: epOverlap ?? off,
  };
  for (const [key, value] of Object.entries(overlaps))
    if (value !== undefined) layout[key as keyof typeof overlaps] = value;
  return ok({
    model: model.value,
    hardware: hardware.value,
    devices: body.devices,
    setup: {
      seqLen: body.seqLen,
      globalBatchSeqs: body.globalBatch ?? (body.globalBatchTokens ?? 0) / body.seqLen,
      precision: body.precision,
      ...(body.framework === undefined ? {} : { framework: body.framework }),
      ...(body.tokens === undefined ? {} : { totalTokens: body.tokens }),
    },
    layout,
  });
}

/** Parses and resolves in one step: what every adapter does with a training request. */
export function readTrainRequest(catalog: Catalog, input: unknown): Result<TrainRequest> {
  const parsed = parseRequest(trainRequestSchema, input);
  return parsed.ok ? toTrainRequest(catalog, parsed.value) : parsed;
}

function prefixed(root: string, path: string): string {
  return path === '' || path === root || path.startsWith(`${root}.`) ? path || root : `${root}.${path}`;
}

// ---------------------------------------------------------------- response

export const trainLayoutSchema = z.strictObject({
  tp: z.number(),
  pp: z.number(),
  vp: z.number(),
  dp: z.number(),
  cp: z.number(),
  ep: z.number(),
  etp: z.number(),
  mbs: z.number(),
  recompute: z.enum(RECOMPUTE_MODES),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  schedule: z.enum(PIPELINE_SCHEDULES),
  sequenceParallel: z.boolean(),
  flashAttention: z.boolean(),
  overlapTpComm: z.boolean(),
  overlapDpGrad: z.boolean(),
  overlapParamGather: z.boolean(),
  overlapEpComm: z.boolean(),
  moeDispatcher: z.enum(MOE_DISPATCHERS),
  fullIterationCudaGraph: z.boolean(),
  groupedExperts: z.boolean(),
  reuseFp32Params: z.boolean(),
  layersPerStage: z.array(z.number()).readonly().optional(),
});

const stepBreakdownSchema = z.strictObject({
  computeSeconds: z.number(),
  recomputeSeconds: z.number(),
  tpCommSeconds: z.number(),
  cpCommSeconds: z.number(),
  epCommSeconds: z.number(),
  ppCommSeconds: z.number(),
  dpCommSeconds: z.number(),
  bubbleSeconds: z.number(),
  optimizerSeconds: z.number(),
  overheadSeconds: z.number(),
});

export const trainErrorBandSchema = z.strictObject({
  relative: z.number().describe('p90 absolute relative error that applies'),
  low: z.number(),
  high: z.number(),
  basis: z.string(),
});

export const trainEstimateSchema = z.strictObject({
  model: z.string(),
  hardware: z.strictObject({
    id: z.string(),
    chipId: z.string(),
    family: z.string(),
    calibrated: z.boolean(),
  }),
  devices: z.number(),
  ranksPerDevice: z
    .number()
    .describe(
      'ranks the layout counts in one device: 2 on an Ascend 910C, whose dies each show up as an NPU (memory figures are per rank, rates per device); else 1',
    ),
  framework: z.enum(FRAMEWORKS).describe('whose options were searched and whose defaults filled the rest'),
  layout: trainLayoutSchema,
  fits: z.boolean(),
  stepSeconds: z.number(),
  tokensPerSecondPerDevice: z.number(),
  modelTflopsPerDevice: z.number(),
  mfu: z.number(),
  hfu: z.number(),
  memoryPerDeviceGB: z.number(),
  memory: z.strictObject({
    weightsGB: z.number(),
    gradientsGB: z.number(),
    optimizerStatesGB: z.number(),
    activationsGB: z.number(),
    reservedGB: z.number(),
    capacityGB: z.number(),
    usableGB: z
      .number()
      .describe(
        "what the step may use: the capacity times the stack's usable fraction (the reserve is in the need)",
      ),
  }),
  breakdown: stepBreakdownSchema,
  microBatches: z.number(),
  errorBand: trainErrorBandSchema,
  daysToTrain: z.number().nullable(),
  energyMWh: z.number().nullable(),
  energyCostUsd: z.number().nullable(),
  hardwareCapexUsd: z.number().nullable(),
  warnings: z.array(z.string()),
});
export type TrainEstimate = z.output<typeof trainEstimateSchema>;

export const trainSearchResultSchema = z.strictObject({
  evaluated: z.number().describe('layouts evaluated'),
  feasible: z.number().describe('layouts that fit'),
  elapsedSeconds: z.number(),
  top: z.array(trainEstimateSchema),
});
export type TrainSearchResult = z.output<typeof trainSearchResultSchema>;

// The core's own types are described by these schemas (src/core/contract.ts).
export type LayoutMatchesEngine = Assert<Describes<typeof trainLayoutSchema, TrainLayout>>;
export type BreakdownMatchesEngine = Assert<Describes<typeof stepBreakdownSchema, StepBreakdown>>;
export type ErrorBandMatchesEngine = Assert<Describes<typeof trainErrorBandSchema, ErrorBand>>;
