/**
 * The training request at the HTTP boundary (and in the browser's worker): one zod schema, the same
 * fields and rules as `chipmix train estimate|search` options, turned into the core's TrainRequest.
 * Pure (zod + core only), so the web worker validates exactly as the server does.
 */
import { z } from 'zod';
import type { Catalog } from '../../core/catalog/catalog';
import { resolveHardware } from '../../core/hardware/profile';
import { resolveModel } from '../../core/model/presets';
import { fail, type Issue, ok, type Result } from '../../core/result';
import type { TrainRequest } from '../../core/train/estimate';
import {
  type PartialLayout,
  PIPELINE_SCHEDULES,
  RECOMPUTE_MODES,
  TRAIN_PRECISIONS,
} from '../../core/train/types';

const positiveInt = z.number().int().positive();

/** `15T`, `300B`, `2e12` or a number of tokens. */
export const tokenCountSchema = z.union([
  z.number().positive(),
  z
    .string()
    .regex(/^[0-9.]+(e[0-9]+)?\s*[kmbtKMBT]?$/, 'expected a token count such as 15T or 2e12')
    .transform((text) => {
      const m = /^([0-9.e]+)\s*([kmbt]?)$/i.exec(text.trim())!;
      return Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2]!.toLowerCase()] ?? 1);
    })
    .pipe(z.number().positive().finite()),
]);

export const layoutSchema = z
  .strictObject({
    tp: positiveInt,
    pp: positiveInt,
    vp: positiveInt,
    dp: positiveInt,
    cp: positiveInt,
    ep: positiveInt,
    etp: positiveInt,
    mbs: positiveInt,
    recompute: z.enum(RECOMPUTE_MODES),
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    schedule: z.enum(PIPELINE_SCHEDULES),
    sequenceParallel: z.boolean(),
    /** false turns off TP, gradient-reduce and parameter-gather overlap (the CLI's --no-overlap). */
    overlap: z.boolean(),
  })
  .partial();

export const trainRequestSchema = z
  .strictObject({
    model: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .describe('a preset name (GET /api/models) or a Hugging Face config.json object'),
    hardware: z.string().min(1).describe('a catalog system or chip id'),
    devices: positiveInt.max(1_000_000),
    seqLen: positiveInt.max(10_000_000),
    globalBatch: positiveInt.optional().describe('global batch in sequences'),
    globalBatchTokens: positiveInt.optional().describe('global batch in tokens (instead of globalBatch)'),
    precision: z.enum(TRAIN_PRECISIONS).default('bf16'),
    tokens: tokenCountSchema.optional().describe('total training tokens, e.g. 15T'),
    layout: layoutSchema.default({}),
  })
  .superRefine((body, ctx) => {
    if (body.globalBatch === undefined && body.globalBatchTokens === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['globalBatch'],
        message: 'globalBatch or globalBatchTokens is required',
      });
    if (
      body.globalBatch === undefined &&
      body.globalBatchTokens !== undefined &&
      body.globalBatchTokens % body.seqLen !== 0
    )
      ctx.addIssue({
        code: 'custom',
        path: ['globalBatchTokens'],
        message: `globalBatchTokens=${body.globalBatchTokens} is not a multiple of seqLen=${body.seqLen}`,
      });
  });

export type TrainRequestBody = z.output<typeof trainRequestSchema>;
export type TrainRequestInput = z.input<typeof trainRequestSchema>;

export const searchRequestSchema = z.strictObject({
  request: trainRequestSchema,
  top: positiveInt.max(50).default(5),
});

/** Resolves model and hardware: a validated body becomes the core's request, or issues (path, message). */
export function toTrainRequest(catalog: Catalog, body: TrainRequestBody): Result<TrainRequest> {
  const issues: Issue[] = [];
  const model = resolveModel(body.model);
  if (!model.ok) issues.push(...model.issues.map((i) => ({ ...i, path: prefixed('model', i.path) })));
  const hardware = resolveHardware(catalog, body.hardware);
  if (!hardware.ok) issues.push(...hardware.issues.map((i) => ({ ...i, path: 'hardware' })));
  if (!model.ok || !hardware.ok) return fail(...issues);
  const { overlap, ...rest } = body.layout;
  // JSON has no undefined, but zod's partial() types allow it: drop absent keys
  const layout = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as PartialLayout;
  if (overlap === false) {
    layout.overlapTpComm = false;
    layout.overlapDpGrad = false;
    layout.overlapParamGather = false;
  }
  const globalBatchSeqs = body.globalBatch ?? (body.globalBatchTokens ?? 0) / body.seqLen;
  return ok({
    model: model.value,
    hardware: hardware.value,
    devices: body.devices,
    setup: {
      seqLen: body.seqLen,
      globalBatchSeqs,
      precision: body.precision,
      ...(body.tokens === undefined ? {} : { totalTokens: body.tokens }),
    },
    layout,
  });
}

function prefixed(root: string, path: string): string {
  return path === '' || path === root || path.startsWith(`${root}.`) ? path || root : `${root}.${path}`;
}

/** zod issues as the API's `{ path, message }` list (path dotted, `layout.tp`). */
export function zodIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  // a message may quote a key or value the client sent: keep each line readable
  const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
  return error.issues.slice(0, 100).map((i) => ({
    path: clip(i.path.map(String).join('.')),
    message: clip(i.message),
  }));
}
