/**
 * The fleet-planning scenario (YAML or JSON): the single source of truth for its format. Field by
 * field documentation: docs/PLANNER.md. Policy rules reuse the shared rule schema of issue 5
 * (src/core/policy/schema.ts) unchanged.
 */
import { z } from 'zod';
import { ENGINE_IDS } from '../infer/engines';
import { SERVING_PRECISIONS } from '../infer/types';
import { ruleSchema } from '../policy/schema';
import { TRAIN_PRECISIONS } from '../train/types';

const ID_RULE = 'expected an id of letters, digits, dots, dashes, underscores';
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, ID_RULE);
const dateSchema = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
/**
 * Every number has an upper bound far above any real fleet (issue 13): an unbounded one reached the
 * solver as a non-finite coefficient. `max` is inclusive.
 */
const atMost = (schema: z.ZodNumber, what: string, max: number) =>
  schema.max(max, `expected ${what} of at most ${grouped(max)}`);
/** 10000000 as 10,000,000 (toLocaleString costs a millisecond a call, at every start-up). */
const grouped = (n: number) => (n >= 1e15 ? String(n) : String(n).replace(/\B(?=(\d{3})+$)/g, ','));
const positive = (what: string, max: number) =>
  atMost(z.number({ error: `expected ${what}` }).positive(`expected ${what} (greater than 0)`), what, max);
const nonNegative = (what: string, max: number) =>
  atMost(z.number({ error: `expected ${what}` }).min(0, `expected ${what} (0 or more)`), what, max);
const positiveInt = (what: string, max: number) =>
  atMost(
    z
      .number({ error: `expected ${what}` })
      .int(`expected ${what} (a whole number)`)
      .min(1, `expected ${what} (1 or more)`),
    what,
    max,
  );
const countInt = (what: string, max: number) =>
  atMost(
    z
      .number({ error: `expected ${what}` })
      .int(`expected ${what} (a whole number)`)
      .min(0, `expected ${what} (0 or more, not negative)`),
    what,
    max,
  );

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
  tokens: 1e18,
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

const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/** A token count: a number, or a string such as `14.8T`, `500B`, `2e12`. */
export const tokenCountSchema = z
  .union([positive('a token count', L.tokens), z.string().max(40)])
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([kmbgt]?)\s*$/i.exec(value);
    const parsed = match ? Number(match[1]) * (SCALE[match[2]!.toLowerCase()] ?? 1) : Number.NaN;
    if (!(parsed > 0) || parsed > L.tokens) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a token count such as 14.8T (at most 1e18), got "${value}"`,
      });
      return z.NEVER;
    }
    return parsed;
  });

/** A model: a preset name (`deepseek-v3`) or an inline Hugging Face config object. */
const modelSchema = z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
  error: 'expected a model preset name or a Hugging Face config object',
});

export const hardwareOptionSchema = z.strictObject({
  /** A catalog system or chip id. */
  id: z.string().min(1),
  /** Overrides the catalog price per device (USD). */
  priceUsdPerDevice: positive('a price in USD', L.priceUsd).optional(),
  /** Overrides the all-in power per device (W, with host and network; PUE is applied per site). */
  powerWPerDevice: positive('a power in W', L.powerW).optional(),
  /** Days from order to a working cluster. Jobs on new hardware start after it. */
  leadTimeDays: nonNegative('days', L.days).default(0),
  /** Most devices that can be bought in the plan, all sites together (an export-licence volume cap). */
  maxDevices: countInt('a device count', L.devices).optional(),
  /** `false`: cannot be bought (export-controlled now); installed units may still run. */
  available: z.boolean().default(true),
  /** Devices per purchase unit; default the system's chips per system (1 for a bare chip id). */
  unitDevices: positiveInt('devices per purchase unit', L.unitDevices).optional(),
  /** Roadmap plans (`periods`): first day it can be bought; default the catalog's roadmap date. */
  availableFrom: dateSchema.optional(),
  /** Roadmap plans: no purchase on or after this day (an export licence ending). */
  availableUntil: dateSchema.optional(),
  /** Roadmap plans: most devices bought per period, all sites together (a supply cap). */
  maxDevicesPerPeriod: countInt('a device count', L.devices).optional(),
  /** Roadmap plans: the price falls by this fraction a year (overrides the scenario's). */
  priceDeclinePerYear: z.number().min(0).max(0.9, 'expected a fraction 0..0.9').optional(),
  note: z.string().optional(),
});
export type HardwareOption = z.infer<typeof hardwareOptionSchema>;

export const installedSchema = z.strictObject({
  hardware: z.string().min(1),
  devices: countInt('a device count', L.devices),
  /** The plan may take these out of service (a rule demands it, or they are not worth their power). */
  retirable: z.boolean().default(false),
});

export const siteSchema = z.strictObject({
  id: idSchema,
  /** Facility power available to accelerators and their hosts, MW (before PUE is applied: IT x PUE <= cap). */
  powerCapMW: positive('a power cap in MW', L.powerCapMW).optional(),
  /** Power usage effectiveness (>= 1). */
  pue: z
    .number({ error: 'expected a PUE' })
    .min(1, 'expected a PUE of 1 or more')
    .max(L.pue, `expected a PUE of at most ${L.pue}`)
    .default(1.3),
  electricityUsdPerKWh: nonNegative('a price in USD per kWh', L.electricityUsdPerKWh).default(0.08),
  stateFunded: z.boolean().default(false),
  region: z.string().optional(),
  /** Construction progress of the site's project (percent), for grandfather clauses. */
  projectCompletionPct: z.number().min(0).max(100, 'expected a percent 0..100').optional(),
  installed: z.array(installedSchema).max(L.listItems).default([]),
});
export type Site = z.infer<typeof siteSchema>;

const pairSchema = z.tuple([z.string().min(1), z.string().min(1)], {
  error: 'expected a pair of hardware ids [a, b]',
});

export const trainingWorkloadSchema = z
  .strictObject({
    id: idSchema,
    kind: z.literal('training'),
    model: modelSchema,
    /** Training tokens (`14.8T`). */
    tokens: tokenCountSchema,
    /** Days from the plan date to the end of training, lead time included. */
    deadlineDays: positive('a deadline in days', L.days).optional(),
    /** Roadmap plans: the job starts on this day (it runs in the period that holds it). */
    start: dateSchema.optional(),
    /** Roadmap plans: training ends by this day, lead time included (replaces deadlineDays). */
    deadline: dateSchema.optional(),
    seqLen: positiveInt('a sequence length', L.seqLen).default(4096),
    /** Global batch in sequences; default 4M tokens / seqLen (at least 1). */
    globalBatchSeqs: positiveInt('a global batch in sequences', L.batchSeqs).optional(),
    precision: z.enum(TRAIN_PRECISIONS).default('bf16'),
    minDevices: positiveInt('a device count', L.devices).optional(),
    maxDevices: positiveInt('a device count', L.devices).optional(),
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
    message: 'minDevices must not exceed maxDevices',
    path: ['minDevices'],
  })
  .refine((w) => w.start === undefined || w.deadline === undefined || w.start < w.deadline, {
    message: 'deadline must be after start',
    path: ['deadline'],
  });
export type TrainingWorkload = z.infer<typeof trainingWorkloadSchema>;

export const servingWorkloadSchema = z
  .strictObject({
    id: idSchema,
    kind: z.literal('serving'),
    model: modelSchema,
    inputTokens: positiveInt('prompt tokens per request', L.requestTokens),
    outputTokens: positiveInt('generated tokens per request', L.requestTokens),
    /** Demand: output tokens per second, or requests per second (one of the two). */
    outputTokensPerSecond: positive('output tokens per second', L.tokensPerSecond).optional(),
    requestsPerSecond: positive('requests per second', L.requestsPerSecond).optional(),
    ttftMs: positive('a TTFT target in ms', L.latencyMs).optional(),
    tpotMs: positive('a TPOT target in ms', L.latencyMs).optional(),
    precision: z.enum(SERVING_PRECISIONS).default('bf16'),
    /** KV cache element bytes: 2 (BF16) or 1 (FP8/INT8). Default 2 for bf16 weights, else 1. */
    kvCacheBytes: z.union([z.literal(1), z.literal(2)]).optional(),
    mtp: z
      .strictObject({
        draftTokens: positiveInt('draft tokens per step', L.draftTokens),
        acceptance: z.number().min(0).max(1, 'expected an acceptance rate 0..1'),
      })
      .optional(),
    /** Serving engine profile (docs/INFERENCE.md section 2); absent = each hardware family's default. */
    engine: z.enum(ENGINE_IDS, { error: `expected one of ${ENGINE_IDS.join(', ')}` }).optional(),
    /** Largest serving instance (devices) considered. */
    maxInstanceDevices: positiveInt('a device count', L.devices).default(64),
    hardware: z.array(z.string().min(1)).optional(),
    site: z.string().min(1).optional(),
    /** Roadmap plans: the demand is served in every period from this day on. */
    start: dateSchema.optional(),
  })
  .refine((w) => (w.outputTokensPerSecond === undefined) !== (w.requestsPerSecond === undefined), {
    message: 'give exactly one of outputTokensPerSecond and requestsPerSecond',
    path: ['outputTokensPerSecond'],
  });
export type ServingWorkload = z.infer<typeof servingWorkloadSchema>;

export const workloadSchema = z.discriminatedUnion('kind', [trainingWorkloadSchema, servingWorkloadSchema], {
  error: 'expected kind: training or kind: serving',
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
     * job (then least cost); `maxThroughput`: most training compute (PFLOP/s) within `budgetUsd`.
     */
    objective: z.enum(OBJECTIVES, { error: `expected one of ${OBJECTIVES.join(', ')}` }).default('minCost'),
    budgetUsd: positive('a budget in USD', L.budgetUsd).optional(),
    /** Years of energy counted in the total cost of ownership. */
    horizonYears: positive('a number of years', L.horizonYears).default(3),
    /** Average draw of the fleet over the horizon as a fraction of its all-in power. */
    averageLoadFraction: z
      .number()
      .gt(0, 'expected a fraction in (0, 1]')
      .max(1, 'expected a fraction in (0, 1]')
      .default(0.8),
    /**
     * A roadmap plan: purchases per period (years such as 2026, or dates), the installed base carried
     * forward, rules checked in every period they are in force, cost as net present value.
     */
    periods: z
      .array(
        z.union([z.number().int().min(2000).max(2200), dateSchema], {
          error: 'expected a year (2026) or a date YYYY-MM-DD',
        }),
      )
      .min(1)
      .max(50)
      .optional(),
    /** Roadmap plans: devices bought retire this many years after their period. Default: never. */
    lifetimeYears: positive('a number of years', L.horizonYears).optional(),
    /** Roadmap plans: yearly discount rate of the net present value. */
    discountRate: z.number().min(0).max(1, 'expected a rate 0..1').optional(),
    /** Roadmap plans: every price falls by this fraction a year. */
    priceDeclinePerYear: z.number().min(0).max(0.9, 'expected a fraction 0..0.9').optional(),
    hardware: z.array(hardwareOptionSchema).min(1, 'expected at least one hardware option').max(L.listItems),
    sites: z.array(siteSchema).min(1, 'expected at least one site').max(L.listItems),
    workloads: z.array(workloadSchema).min(1, 'expected at least one workload').max(L.listItems),
    /** Absent: the default rule (more than 50% of packages domestic at every site). `rules: []`: none. */
    policy: z.strictObject({ rules: z.array(ruleSchema) }).optional(),
    candidates: z
      .strictObject({
        /** Device counts tried per training job and hardware option; default a sqrt(2) grid of powers of two and system multiples. */
        deviceCounts: z.array(positiveInt('a device count', L.devices)).min(1).max(L.listItems).optional(),
        maxDevices: positiveInt('a device count', L.devices).default(65536),
      })
      .default({ maxDevices: 65536 }),
    /**
     * Size the plan so that each deadline (and serving demand) holds in at least this share of sampled draws
     * of speeds, specs and prices (docs/PLANNER.md, "Plans with a stated risk").
     */
    robust: z
      .strictObject({
        deadlineProbability: z
          .number({ error: 'expected a probability' })
          .gt(0, 'expected a probability greater than 0 and less than 1')
          .lt(1, 'expected a probability greater than 0 and less than 1'),
      })
      .optional(),
    solver: z
      .strictObject({
        timeLimitSeconds: positive('seconds', L.seconds).default(60),
        mipRelGap: z.number().min(0).max(1).default(1e-4),
      })
      .default({ timeLimitSeconds: 60, mipRelGap: 1e-4 }),
  })
  .refine((s) => s.objective !== 'maxThroughput' || s.budgetUsd !== undefined, {
    message: 'objective maxThroughput needs budgetUsd',
    path: ['budgetUsd'],
  })
  .refine((s) => s.periods === undefined || s.objective === 'minCost', {
    message: 'a roadmap plan (periods) minimises cost: use objective minCost',
    path: ['objective'],
  })
  .refine(
    (s) => {
      const days = (s.periods ?? []).map(periodDate);
      return days.every((d, i) => i === 0 || d > days[i - 1]!);
    },
    { message: 'expected periods in increasing order', path: ['periods'] },
  );

/** A period's date: a year is its first day. */
export function periodDate(period: number | string): string {
  return typeof period === 'number' ? `${period}-01-01` : period;
}
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
