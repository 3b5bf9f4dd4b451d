/**
 * The fleet-planning scenario (YAML or JSON): the single source of truth for its format. Field by
 * field documentation: docs/PLANNER.md. Policy rules reuse the shared rule schema of issue 5
 * (src/core/policy/schema.ts) unchanged.
 */
import { z } from 'zod';
import { ENGINE_IDS } from '../infer/engines';
import { SERVING_PRECISIONS } from '../infer/types';
import { jsonDocumentSchema } from '../json-document';
import type { MessageCode } from '../messages/en';
import { say } from '../messages/say';
import { ruleSchema } from '../policy/schema';
import { MAX_TOKENS, parseTokenCount } from '../token-count';
import { TRAIN_PRECISIONS } from '../train/types';

const ID_RULE = say('scenario.id');
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, ID_RULE);
const dateSchema = z.iso.date({ error: say('request.date') });
/**
 * Every number has an upper bound far above any real fleet (issue 13): an unbounded one reached the
 * solver as a non-finite coefficient. `max` is inclusive.
 */
/** What a scenario number is, by its message code ('field.*'): said inside the messages below. */
type Field = Extract<MessageCode, `field.${string}`>;
const atMost = (schema: z.ZodNumber, what: string, max: number) =>
  schema.max(max, say('scenario.expected-at-most', { what, max: grouped(max) }));
/** 10000000 as 10,000,000 (toLocaleString costs a millisecond a call, at every start-up). */
const grouped = (n: number) => (n >= 1e15 ? String(n) : String(n).replace(/\B(?=(\d{3})+$)/g, ','));
const positive = (field: Field, max: number) => {
  const what = say(field);
  return atMost(
    z
      .number({ error: say('scenario.expected', { what }) })
      .positive(say('scenario.expected-positive', { what })),
    what,
    max,
  );
};
const nonNegative = (field: Field, max: number) => {
  const what = say(field);
  return atMost(
    z
      .number({ error: say('scenario.expected', { what }) })
      .min(0, say('scenario.expected-non-negative', { what })),
    what,
    max,
  );
};
const positiveInt = (field: Field, max: number) => {
  const what = say(field);
  return atMost(
    z
      .number({ error: say('scenario.expected', { what }) })
      .int(say('scenario.expected-whole', { what }))
      .min(1, say('scenario.expected-one-or-more', { what })),
    what,
    max,
  );
};
const countInt = (field: Field, max: number) => {
  const what = say(field);
  return atMost(
    z
      .number({ error: say('scenario.expected', { what }) })
      .int(say('scenario.expected-whole', { what }))
      .min(0, say('scenario.expected-count', { what })),
    what,
    max,
  );
};

/** Upper bounds (docs/PLANNER.md): devices and counts, money (USD), power, time. */
export const SCENARIO_LIMITS = {
  devices: 10_000_000,
  unitDevices: 10_000,
  priceUsd: 1e8,
  budgetUsd: 1e13,
  powerW: 1e6,
  powerCapMW: 1e5,
  pue: 5,
  electricityUsdPerKWh: 10,
  days: 36_500,
  horizonYears: 30,
  tokens: MAX_TOKENS,
  seqLen: 10_000_000,
  batchSeqs: 1e8,
  requestTokens: 10_000_000,
  tokensPerSecond: 1e12,
  requestsPerSecond: 1e9,
  latencyMs: 3_600_000,
  draftTokens: 64,
  seconds: 86_400,
  listItems: 1000,
} as const;
const L = SCENARIO_LIMITS;

/** A token count: a number, or a string such as `14.8T`, `500B`, `2e12` (read as every boundary reads one). */
export const tokenCountSchema = z
  .union([positive('field.token-count', L.tokens), z.string().max(40)], {
    error: (issue) => say('scenario.token-count', { value: String(issue.input) }),
  })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const parsed = parseTokenCount(value);
    if (parsed === null || parsed > L.tokens) {
      ctx.addIssue({
        code: 'custom',
        message: say('scenario.token-count', { value }),
      });
      return z.NEVER;
    }
    return parsed;
  });

/** A model: a preset name (`deepseek-v3`) or an inline Hugging Face config object. */
const modelSchema = z.union([z.string().min(1), jsonDocumentSchema], {
  error: say('scenario.model'),
});

export const hardwareOptionSchema = z.strictObject({
  /** A catalog system or chip id. */
  id: z.string().min(1),
  /** Overrides the catalog price per device (USD). */
  priceUsdPerDevice: positive('field.price', L.priceUsd).optional(),
  /** Overrides the all-in power per device (W, with host and network; PUE is applied per site). */
  powerWPerDevice: positive('field.power', L.powerW).optional(),
  /** Days from order to a working cluster. Jobs on new hardware start after it. */
  leadTimeDays: nonNegative('field.days', L.days).default(0),
  /** Most devices that can be bought in the plan, all sites together (an export-licence volume cap). */
  maxDevices: countInt('field.device-count', L.devices).optional(),
  /** `false`: cannot be bought (export-controlled now); installed units may still run. */
  available: z.boolean().default(true),
  /** Devices per purchase unit; default the system's chips per system (1 for a bare chip id). */
  unitDevices: positiveInt('field.unit-devices', L.unitDevices).optional(),
  /** Roadmap plans (`periods`): first day it can be bought; default the catalog's roadmap date. */
  availableFrom: dateSchema.optional(),
  /** Roadmap plans: no purchase on or after this day (an export licence ending). */
  availableUntil: dateSchema.optional(),
  /** Roadmap plans: most devices bought per period, all sites together (a supply cap). */
  maxDevicesPerPeriod: countInt('field.device-count', L.devices).optional(),
  /** Roadmap plans: the price falls by this fraction a year (overrides the scenario's). */
  priceDeclinePerYear: z.number().min(0).max(0.9, say('scenario.fraction-0.9')).optional(),
  note: z.string().optional(),
});
export type HardwareOption = z.infer<typeof hardwareOptionSchema>;

export const installedSchema = z.strictObject({
  hardware: z.string().min(1),
  devices: countInt('field.device-count', L.devices),
  /** The plan may take these out of service (a rule demands it, or they are not worth their power). */
  retirable: z.boolean().default(false),
});

export const siteSchema = z.strictObject({
  id: idSchema,
  /** Facility power available to accelerators and their hosts, MW (before PUE is applied: IT x PUE <= cap). */
  powerCapMW: positive('field.power-cap', L.powerCapMW).optional(),
  /** Power usage effectiveness (>= 1). */
  pue: z
    .number({ error: say('scenario.pue') })
    .min(1, say('scenario.pue-min'))
    .max(L.pue, say('scenario.pue-max', { max: L.pue }))
    .default(1.3),
  electricityUsdPerKWh: nonNegative('field.electricity-price', L.electricityUsdPerKWh).default(0.08),
  stateFunded: z.boolean().default(false),
  region: z.string().optional(),
  /** Construction progress of the site's project (percent), for grandfather clauses. */
  projectCompletionPct: z.number().min(0).max(100, say('scenario.percent')).optional(),
  installed: z.array(installedSchema).max(L.listItems).default([]),
});
export type Site = z.infer<typeof siteSchema>;

const pairSchema = z.tuple([z.string().min(1), z.string().min(1)], {
  error: say('scenario.pair'),
});

export const trainingWorkloadSchema = z
  .strictObject({
    id: idSchema,
    kind: z.literal('training'),
    model: modelSchema,
    /** Training tokens (`14.8T`). */
    tokens: tokenCountSchema,
    /** Days from the plan date to the end of training, lead time included. */
    deadlineDays: positive('field.deadline', L.days).optional(),
    /** Roadmap plans: the job starts on this day (it runs in the period that holds it). */
    start: dateSchema.optional(),
    /** Roadmap plans: training ends by this day, lead time included (replaces deadlineDays). */
    deadline: dateSchema.optional(),
    seqLen: positiveInt('field.seq-len', L.seqLen).default(4096),
    /** Global batch in sequences; default 4M tokens / seqLen (at least 1). */
    globalBatchSeqs: positiveInt('field.global-batch', L.batchSeqs).optional(),
    precision: z.enum(TRAIN_PRECISIONS).default('bf16'),
    minDevices: positiveInt('field.device-count', L.devices).optional(),
    maxDevices: positiveInt('field.device-count', L.devices).optional(),
    /** Only these hardware options (ids of `hardware`). */
    hardware: z.array(z.string().min(1)).optional(),
    /** Only this site. */
    site: z.string().min(1).optional(),
    /**
     * Allow one job over two hardware pools at one site (data-parallel groups with per-pool batch
     * shares). `true`: every domestic x foreign pair of its options; or list the pairs.
     */
    heterogeneous: z
      .union([z.boolean(), z.strictObject({ pairs: z.array(pairSchema).min(1) })])
      .default(false),
  })
  .refine((w) => w.minDevices === undefined || w.maxDevices === undefined || w.minDevices <= w.maxDevices, {
    message: say('scenario.min-max-devices'),
    path: ['minDevices'],
  })
  .refine((w) => w.start === undefined || w.deadline === undefined || w.start < w.deadline, {
    message: say('scenario.deadline-after-start'),
    path: ['deadline'],
  });
export type TrainingWorkload = z.infer<typeof trainingWorkloadSchema>;

export const servingWorkloadSchema = z
  .strictObject({
    id: idSchema,
    kind: z.literal('serving'),
    model: modelSchema,
    inputTokens: positiveInt('field.prompt-tokens', L.requestTokens),
    outputTokens: positiveInt('field.output-tokens', L.requestTokens),
    /** Demand: output tokens per second, or requests per second (one of the two). */
    outputTokensPerSecond: positive('field.output-rate', L.tokensPerSecond).optional(),
    requestsPerSecond: positive('field.request-rate', L.requestsPerSecond).optional(),
    ttftMs: positive('field.ttft-target', L.latencyMs).optional(),
    tpotMs: positive('field.tpot-target', L.latencyMs).optional(),
    precision: z.enum(SERVING_PRECISIONS).default('bf16'),
    /** KV cache element bytes: 2 (BF16) or 1 (FP8/INT8). Default 2 for bf16 weights, else 1. */
    kvCacheBytes: z.union([z.literal(1), z.literal(2)]).optional(),
    mtp: z
      .strictObject({
        draftTokens: positiveInt('field.draft-tokens', L.draftTokens),
        acceptance: z.number().min(0).max(1, say('scenario.acceptance')),
      })
      .optional(),
    /** Serving engine profile (docs/INFERENCE.md section 2); absent = each hardware family's default. */
    engine: z
      .enum(ENGINE_IDS, { error: say('request.one-of', { values: ENGINE_IDS.join(', ') }) })
      .optional(),
    /** Largest serving instance (devices) considered. */
    maxInstanceDevices: positiveInt('field.device-count', L.devices).default(64),
    hardware: z.array(z.string().min(1)).optional(),
    site: z.string().min(1).optional(),
    /** Roadmap plans: the demand is served in every period from this day on. */
    start: dateSchema.optional(),
  })
  .refine((w) => (w.outputTokensPerSecond === undefined) !== (w.requestsPerSecond === undefined), {
    message: say('scenario.serving-demand'),
    path: ['outputTokensPerSecond'],
  });
export type ServingWorkload = z.infer<typeof servingWorkloadSchema>;

export const workloadSchema = z.discriminatedUnion('kind', [trainingWorkloadSchema, servingWorkloadSchema], {
  error: say('scenario.kind'),
});
export type Workload = z.infer<typeof workloadSchema>;

export const OBJECTIVES = ['minCost', 'minTime', 'maxThroughput'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const scenarioSchema = z
  .strictObject({
    name: z.string().optional(),
    description: z.string().optional(),
    /** The plan date: which rules are in force. Default: today (the CLI's clock). */
    asOf: dateSchema.optional(),
    /**
     * `minCost`: least capex + energy over the horizon; `minTime`: earliest end of the last training
     * job (then least cost); `maxThroughput`: most training compute (PFLOP/s) within `budgetUsd` (then least cost).
     */
    objective: z
      .enum(OBJECTIVES, { error: say('request.one-of', { values: OBJECTIVES.join(', ') }) })
      .default('minCost'),
    budgetUsd: positive('field.budget', L.budgetUsd).optional(),
    /** Years of energy counted in the total cost of ownership. */
    horizonYears: positive('field.years', L.horizonYears).default(3),
    /** Average draw of the fleet over the horizon as a fraction of its all-in power. */
    averageLoadFraction: z
      .number()
      .gt(0, say('scenario.fraction-1'))
      .max(1, say('scenario.fraction-1'))
      .default(0.8),
    /**
     * A roadmap plan: purchases per period (years such as 2026, or dates), the installed base carried
     * forward, rules checked in every period they are in force, cost as net present value.
     */
    periods: z
      .array(
        z.union([z.number().int().min(2000).max(2200), dateSchema], {
          error: say('scenario.period'),
        }),
      )
      .min(1)
      .max(50)
      .optional(),
    /** Roadmap plans: devices bought retire this many years after their period. Default: never. */
    lifetimeYears: positive('field.years', L.horizonYears).optional(),
    /** Roadmap plans: yearly discount rate of the net present value. */
    discountRate: z.number().min(0).max(1, say('scenario.rate')).optional(),
    /** Roadmap plans: every price falls by this fraction a year. */
    priceDeclinePerYear: z.number().min(0).max(0.9, say('scenario.fraction-0.9')).optional(),
    hardware: z.array(hardwareOptionSchema).min(1, say('scenario.no-hardware')).max(L.listItems),
    sites: z.array(siteSchema).min(1, say('scenario.no-site')).max(L.listItems),
    workloads: z.array(workloadSchema).min(1, say('scenario.no-workload')).max(L.listItems),
    /** Absent: the default rule (more than 50% of packages domestic at every site). `rules: []`: none. */
    policy: z.strictObject({ rules: z.array(ruleSchema) }).optional(),
    candidates: z
      .strictObject({
        /** Device counts tried per training job and hardware option; default a sqrt(2) grid of powers of two and system multiples. */
        deviceCounts: z
          .array(positiveInt('field.device-count', L.devices))
          .min(1)
          .max(L.listItems)
          .optional(),
        maxDevices: positiveInt('field.device-count', L.devices).default(65536),
      })
      .default({ maxDevices: 65536 }),
    /**
     * Size the plan so that each deadline (and serving demand) holds in at least this share of sampled draws
     * of speeds, specs and prices (docs/PLANNER.md, "Plans with a stated risk").
     */
    robust: z
      .strictObject({
        deadlineProbability: z
          .number({ error: say('scenario.probability') })
          .gt(0, say('scenario.open-probability'))
          .lt(1, say('scenario.open-probability')),
      })
      .optional(),
    solver: z
      .strictObject({
        timeLimitSeconds: positive('field.seconds', L.seconds).default(60),
        mipRelGap: z.number().min(0).max(1).default(1e-4),
      })
      .default({ timeLimitSeconds: 60, mipRelGap: 1e-4 }),
  })
  .refine((s) => s.objective !== 'maxThroughput' || s.budgetUsd !== undefined, {
    message: say('scenario.throughput-budget'),
    path: ['budgetUsd'],
  })
  .refine((s) => s.periods === undefined || s.objective === 'minCost', {
    message: say('scenario.roadmap-min-cost'),
    path: ['objective'],
  })
  .refine(
    (s) => {
      const days = (s.periods ?? []).map(periodDate);
      return days.every((d, i) => i === 0 || d > days[i - 1]!);
    },
    { message: say('scenario.periods-order'), path: ['periods'] },
  );

/** A period's date: a year is its first day. */
export function periodDate(period: number | string): string {
  return typeof period === 'number' ? `${period}-01-01` : period;
}
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
