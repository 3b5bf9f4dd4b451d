/**
 * The comparison use case's contract: one request (`chipmix compare train|infer` options, the body of
 * POST /api/compare, the web Compare page's link) and one response (`--json`, the API's answer, what the
 * page draws). Types are derived from the schemas. Semantics: docs/COMPARE.md.
 */
import { z } from 'zod';
import { ENGINE_IDS } from '../infer/engines';
import { SERVING_PRECISIONS } from '../infer/types';
import { tokenCountSchema } from '../token-count';
import { TRAIN_PRECISIONS } from '../train/types';

// ---------------------------------------------------------------- request

import { jsonDocumentSchema } from '../json-document';
import type { MessageCode } from '../messages/en';
import { say } from '../messages/say';
/**
 * What the systems are compared at: the same number of devices (packages), of whole systems, the same
 * all-in power, or the same capex. `--devices` is the first system's count; the others get what the
 * same devices, systems, megawatts or dollars buy them.
 */
import { EQUAL_BASES } from './bases';

export { EQUAL_BASES };
export type EqualBasis = (typeof EQUAL_BASES)[number];

export const MAX_COMPARED = 12;

/** What a request number is, by its message code ('field.*'), said inside the messages below. */
type Field = Extract<MessageCode, `field.${string}`>;
const positiveInt = (field: Field, max: number) => {
  const what = say(field);
  const text = say('compare.expected-positive-int', { what });
  // the bound first, and alone: 1e20 is also not a safe integer, and two lines for one value contradicted each other
  return z
    .number({ error: text })
    .max(max, { error: say('scenario.expected-at-most', { what, max }), abort: true })
    .int(text)
    .positive(text);
};
const positive = (field: Field, max: number) => {
  const what = say(field);
  const text = say('compare.expected-positive', { what });
  return z.number({ error: text }).positive(text).max(max, say('scenario.expected-at-most', { what, max }));
};

const HARDWARE_LIST = say('compare.hardware-list', { max: MAX_COMPARED });

/** `a,b,c` (the CLI and a link) or `['a', 'b', 'c']` (JSON). */
const hardwareListSchema = z
  .union([z.string(), z.array(z.string())], { error: HARDWARE_LIST })
  .transform((value) =>
    (typeof value === 'string' ? value.split(',') : value).map((id) => id.trim()).filter((id) => id !== ''),
  )
  .pipe(z.array(z.string()).min(1, HARDWARE_LIST).max(MAX_COMPARED, HARDWARE_LIST))
  .refine(
    (ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length,
    say('compare.hardware-once'),
  );

const modelSchema = z
  .union([z.string().min(1), jsonDocumentSchema], {
    error: say('train.model-kind'),
  })
  .describe('a preset name or a Hugging Face config.json object');

const common = {
  model: modelSchema,
  hardware: hardwareListSchema.describe('catalog system or chip ids; the first is the reference'),
  devices: positiveInt('field.device-count', 1_000_000).describe("the first system's devices (packages)"),
  equal: z
    .enum(EQUAL_BASES, { error: say('request.one-of', { values: EQUAL_BASES.join(', ') }) })
    .default('devices')
    .describe('compare at equal devices, whole systems, all-in power or capex'),
};

export const trainCompareRequestSchema = z.strictObject({
  kind: z.literal('train'),
  ...common,
  seqLen: positiveInt('field.seq-len', 10_000_000),
  globalBatch: positiveInt('field.global-batch', 100_000_000).describe('global batch in sequences'),
  precision: z
    .enum(TRAIN_PRECISIONS, { error: say('request.one-of', { values: TRAIN_PRECISIONS.join(', ') }) })
    .default('bf16'),
  tokens: tokenCountSchema.optional().describe('training tokens, for days to train (e.g. 15T)'),
});

export const inferCompareRequestSchema = z.strictObject({
  kind: z.literal('infer'),
  ...common,
  inputLen: positiveInt('field.prompt-tokens', 10_000_000),
  outputLen: positiveInt('field.output-tokens', 10_000_000),
  tpotMs: positive('field.tpot-target', 3_600_000).optional(),
  ttftMs: positive('field.ttft-target', 3_600_000).optional(),
  precision: z
    .enum(SERVING_PRECISIONS, { error: say('request.one-of', { values: SERVING_PRECISIONS.join(', ') }) })
    .default('bf16'),
  engine: z
    .enum(ENGINE_IDS, { error: say('request.one-of', { values: ENGINE_IDS.join(', ') }) })
    .optional()
    .describe("the serving engine on every system (default: each family's own)"),
});

export const compareRequestSchema = z.discriminatedUnion('kind', [
  trainCompareRequestSchema,
  inferCompareRequestSchema,
]);
export type CompareRequest = z.output<typeof compareRequestSchema>;
export type CompareRequestInput = z.input<typeof compareRequestSchema>;
export type TrainCompareRequest = z.output<typeof trainCompareRequestSchema>;
export type InferCompareRequest = z.output<typeof inferCompareRequestSchema>;

// ---------------------------------------------------------------- response

export const VERDICTS = ['faster', 'slower', 'within-error'] as const;
export type Verdict = (typeof VERDICTS)[number];

const grade = z.enum(['official', 'analysis', 'rumour', 'derived']).nullable();

export const compareRowSchema = z.strictObject({
  hardware: z.string(),
  name: z.string(),
  vendor: z.string(),
  domestic: z.boolean(),
  /** Devices (packages) and whole systems compared, after the equal basis. */
  devices: z.number(),
  systems: z.number(),
  /** Best layout found by the engine, in words. */
  layout: z.string(),
  /** Training: tokens/s; serving: output tokens/s. Totals over `devices`. */
  tokensPerSecond: z.number(),
  tokensPerSecondPerDevice: z.number(),
  /** Per device, the engine's error band (p90 of held-out errors; docs/COMPARE.md). */
  band: z.strictObject({ low: z.number(), high: z.number(), relative: z.number(), basis: z.string() }),
  calibrated: z.boolean(),
  tokensPerSecondPerSystem: z.number(),
  tokensPerSecondPerKW: z.number().nullable(),
  tokensPerSecondPerMillionUsd: z.number().nullable(),
  tokensPerSecondPerRack: z.number().nullable(),
  powerKW: z.number().nullable(),
  capexUsd: z.number().nullable(),
  racks: z.number().nullable(),
  /** Training with `tokens`: days on these devices; else null. */
  daysToTrain: z.number().nullable(),
  /** Serving: latencies of the chosen layout; training: null. */
  ttftMs: z.number().nullable(),
  tpotMs: z.number().nullable(),
  /** The grade of what the row rests on (catalog confidence). */
  confidence: z.strictObject({ peak: grade, power: grade, price: grade }),
  /** Against the first row at the equal basis; null on the first row. */
  relativeToFirst: z
    .strictObject({
      /** Total tokens/s over the first's. */
      ratio: z.number(),
      /** The ratio when each side sits at opposite ends of its band. */
      low: z.number(),
      high: z.number(),
      verdict: z.enum(VERDICTS),
    })
    .nullable(),
  warnings: z.array(z.string()),
});
export type CompareRow = z.output<typeof compareRowSchema>;

/** A system the engine could not lay out at its device count (too little memory, no peak...). */
export const compareFailureSchema = z.strictObject({
  hardware: z.string(),
  devices: z.number(),
  reason: z.string(),
});

export const compareResponseSchema = z.strictObject({
  kind: z.enum(['train', 'infer']),
  model: z.string(),
  equal: z.enum(EQUAL_BASES),
  /** What `equal` held fixed: devices, systems, kW or USD of the first system. */
  budget: z.strictObject({
    devices: z.number(),
    systems: z.number(),
    powerKW: z.number().nullable(),
    capexUsd: z.number().nullable(),
  }),
  /** The unit of tokensPerSecond: `tokens/s` (training) or `output tokens/s` (serving). */
  unit: z.string(),
  rows: z.array(compareRowSchema),
  failed: z.array(compareFailureSchema),
  /** One sentence per compared system, for people. */
  summary: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type CompareResponse = z.output<typeof compareResponseSchema>;
