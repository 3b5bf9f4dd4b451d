/**
 * The fleet-plan use case's contract: one request (`chipmix plan FILE [--sweep-domestic F:T:S]`, the
 * body of POST /api/plan and /api/plan/validate) and one response (`plan --json`, a plan job's
 * result). The scenario itself has its own schema (./scenario.ts); here it travels as text or as an
 * object, and is read by the one scenario reader (./scenario-text.ts).
 */
import { z } from 'zod';
import type { Assert, Describes } from '../contract';
import { jsonDocumentSchema } from '../json-document';
import { say } from '../messages/say';
import { METRICS } from '../policy/schema';
import type { Binding } from './binding';
import type { Conflict, Relaxation } from './explain';
import type { FleetPlan } from './interpret';
import type { PeriodPlan } from './roadmap-solve';
import { OBJECTIVES } from './scenario';
import type { SweepPoint } from './sweep';

// ---------------------------------------------------------------- request

/** At most this many points in a domestic-share sweep. */
export const MAX_SWEEP_STEPS = 200;

const SWEEP_TEXT = say('plan.sweep-text');
const SWEEP_RANGE = say('plan.sweep-range');

/** `0:100:10` (percent signs allowed) as numbers, or null. */
function sweepFromText(text: string): { from: number; to: number; step: number } | null {
  const parts = text.split(':').map((p) => Number(p.trim().replace(/%$/, '')));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) return null;
  const [from, to, step] = parts as [number, number, number];
  return { from, to, step };
}

const sweepRangeSchema = z
  .strictObject({
    from: z.number().min(0, SWEEP_RANGE).max(100, SWEEP_RANGE),
    to: z.number().min(0, SWEEP_RANGE).max(100, SWEEP_RANGE),
    step: z.number().positive(say('plan.sweep-step')),
  })
  .refine((s) => s.from <= s.to, { message: SWEEP_RANGE, path: ['to'] })
  // a step that is not above 0 has its own issue; it is not also 'too many steps'
  .refine((s) => !(s.step > 0) || (s.to - s.from) / s.step <= MAX_SWEEP_STEPS, {
    message: say('plan.sweep-steps', { max: MAX_SWEEP_STEPS }),
    path: ['step'],
  });

/** A sweep as `{ from, to, step }` or as the CLI's text `FROM:TO:STEP`, both in percent. */
export const sweepSchema = z
  .union([z.string(), jsonDocumentSchema], { error: SWEEP_TEXT })
  .transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    const range = sweepFromText(value);
    if (range === null) {
      ctx.addIssue({ code: 'custom', message: SWEEP_TEXT });
      return z.NEVER;
    }
    return range;
  })
  .pipe(sweepRangeSchema);

/** A scenario document's text is at most this long (the largest example is under 10,000 characters). */
export const MAX_SCENARIO_CHARS = 200_000;

export const planRequestSchema = z.strictObject({
  scenario: z
    .union(
      [
        z
          .string()
          .min(1)
          .max(MAX_SCENARIO_CHARS, { error: say('plan.scenario-size') }),
        jsonDocumentSchema,
      ],
      {
        error: say('plan.scenario-kind'),
      },
    )
    .describe('the scenario document: an object, or YAML/JSON text'),
  sweep: sweepSchema
    .optional()
    .describe(
      'domestic-share sweep in percent: { from, to, step } or "FROM:TO:STEP" (the CLI --sweep-domestic)',
    ),
});
export type PlanRequestBody = z.output<typeof planRequestSchema>;
export type PlanRequestInput = z.input<typeof planRequestSchema>;

// ---------------------------------------------------------------- response

const sharesSchema = z.strictObject(
  Object.fromEntries(METRICS.map((m) => [m, z.number().nullable()])) as Record<
    (typeof METRICS)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);

export const PLAN_STATUSES = ['optimal', 'infeasible', 'time_limit', 'error'] as const;
const GROUP_KINDS = ['power', 'availability', 'rule', 'deny', 'deadline', 'demand', 'budget'] as const;

const trainingAssignmentSchema = z.strictObject({
  id: z.string(),
  kind: z.literal('training'),
  site: z.string(),
  hardware: z.array(z.string()),
  devices: z.array(z.number()),
  installed: z.array(z.boolean()).describe('per pool: runs on already-installed devices'),
  layout: z.string(),
  trainDays: z.number(),
  completionDays: z.number(),
  deadlineDays: z.number().nullable(),
  modelPflops: z.number(),
  notes: z.array(z.string()),
});

const servingAssignmentSchema = z.strictObject({
  id: z.string(),
  kind: z.literal('serving'),
  replicas: z.array(
    z.strictObject({
      site: z.string(),
      hardware: z.string(),
      devicesPerReplica: z.number(),
      replicas: z.number(),
      layout: z.string(),
      outputTokensPerSecond: z.number(),
      ttftMs: z.number().describe('time to first token under load'),
      ttftAloneMs: z.number().describe('time to first token of one prompt on idle devices'),
      tpotMs: z.number(),
    }),
  ),
  outputTokensPerSecond: z.number(),
  demandOutputTokensPerSecond: z.number(),
});

const fleetPlanShape = {
  purchases: z.array(
    z.strictObject({
      site: z.string(),
      hardware: z.string(),
      count: z.number().describe('devices (accelerator packages) bought'),
      units: z.number(),
      capexUsd: z.number(),
    }),
  ),
  retired: z.array(z.strictObject({ site: z.string(), hardware: z.string(), devices: z.number() })),
  workloads: z.array(z.discriminatedUnion('kind', [trainingAssignmentSchema, servingAssignmentSchema])),
  sites: z.array(
    z.strictObject({
      site: z.string(),
      devices: z.record(z.string(), z.number()),
      retired: z.record(z.string(), z.number()),
      powerMW: z.number(),
      powerCapMW: z.number().nullable(),
      capexUsd: z.number(),
      energyUsd: z.number(),
      domesticShare: sharesSchema,
    }),
  ),
  costs: z.strictObject({ capexUsd: z.number(), energyUsd: z.number(), totalUsd: z.number() }),
  domesticShare: sharesSchema,
  rules: z.array(
    z.strictObject({
      rule: z.string(),
      scope: z.string(),
      metric: z.enum(METRICS),
      comparator: z.string(),
      threshold: z.number(),
      share: z.number().nullable(),
      denied: z.array(z.string()),
      pass: z.boolean().nullable(),
    }),
  ),
  completionDays: z.number().nullable(),
  modelPflops: z.number(),
};

const bindingSchema = z.strictObject({
  constraint: z.string(),
  kind: z.enum(GROUP_KINDS),
  detail: z.string(),
  priceUsd: z.number().optional(),
});

const conflictSchema = z.strictObject({
  constraint: z.string(),
  kind: z.enum([...GROUP_KINDS, 'workload', 'structure']),
  message: z.string(),
  /** Which independent conflicting set (1, 2, ...): each must be resolved; one member of a set resolves it. */
  set: z.number().int().positive().optional(),
});

const relaxationSchema = z.strictObject({
  constraint: z.string(),
  kind: z.enum(GROUP_KINDS),
  from: z.number().nullable(),
  to: z.number().nullable(),
  unit: z.string(),
  message: z.string(),
});

export const sweepPointSchema = z.strictObject({
  threshold: z.number().describe('fraction 0..1'),
  status: z.enum(PLAN_STATUSES),
  totalUsd: z.number().nullable(),
  capexUsd: z.number().nullable(),
  energyUsd: z.number().nullable(),
  completionDays: z.number().nullable(),
  domesticShare: sharesSchema.nullable(),
  denyUsd: z
    .number()
    .nullable()
    .describe("what the targeted rules' deny lists add to totalUsd (kept at every point); null without one"),
});

const periodPlanSchema = z.strictObject({
  period: z.string().describe('as the scenario wrote it: 2026 or 2026-07-01'),
  date: z.string(),
  purchases: fleetPlanShape.purchases,
  installed: z.array(
    z.strictObject({
      site: z.string(),
      hardware: z.string(),
      vendor: z.string(),
      domestic: z.boolean(),
      devices: z.number(),
    }),
  ),
  retired: fleetPlanShape.retired,
  domesticShare: sharesSchema,
  rules: fleetPlanShape.rules,
  costUsd: z.number().describe('present value of the period capex and energy'),
  capexUsd: z.number(),
  energyUsd: z.number(),
});

const percentilesSchema = z.strictObject({ p10: z.number(), p50: z.number(), p90: z.number() });

/** The plan under sampled draws (plan --samples K, or a robust scenario): docs/PLANNER.md. */
export const riskSchema = z.strictObject({
  samples: z.number(),
  seed: z.number(),
  workloads: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum(['training', 'serving']),
      deadlineProbability: z.number().nullable(),
      completionDays: percentilesSchema.nullable(),
    }),
  ),
  totalUsd: percentilesSchema,
});

export const robustSchema = z.strictObject({
  deadlineProbability: z.number(),
  planningLevel: z.number(),
  rounds: z.number(),
  speedScale: z.record(z.string(), z.number()),
  met: z.boolean(),
  deterministic: z.strictObject({
    totalUsd: z.number(),
    deadlineProbability: z.array(
      z.strictObject({ id: z.string(), deadlineProbability: z.number().nullable() }),
    ),
  }),
  extraUsd: z.number(),
  extraPct: z.number().nullable(),
});

export const planOutputSchema = z.strictObject({
  scenario: z.string().nullable(),
  asOf: z.string(),
  objective: z.enum(OBJECTIVES),
  status: z.enum(PLAN_STATUSES),
  ...fleetPlanShape,
  binding: z.array(bindingSchema),
  conflicts: z.array(conflictSchema),
  relaxations: z.array(relaxationSchema),
  solver: z.strictObject({
    name: z.string(),
    solves: z.number(),
    solveSeconds: z.number(),
    variables: z.number(),
    constraints: z.number(),
    detail: z.string(),
  }),
  candidates: z.strictObject({
    engineCalls: z.number(),
    perWorkload: z.record(z.string(), z.number()),
  }),
  warnings: z.array(z.string()),
  sweep: z.array(sweepPointSchema).optional(),
  /** A roadmap plan's periods (scenario `periods`). */
  periods: z.array(periodPlanSchema).optional(),
  risk: riskSchema.optional(),
  robust: robustSchema.optional(),
});
export type PlanOutput = z.output<typeof planOutputSchema>;

/** `plan/validate`: the scenario's problems without a solve. */
export const planCheckSchema = z.strictObject({
  ok: z.boolean(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })),
});

// The core's own types are described by these schemas (src/core/contract.ts).
const fleetPlanSchema = z.strictObject(fleetPlanShape);
export type FleetMatchesPlanner = Assert<Describes<typeof fleetPlanSchema, FleetPlan>>;
export type BindingMatchesPlanner = Assert<Describes<typeof bindingSchema, Binding>>;
export type ConflictMatchesPlanner = Assert<Describes<typeof conflictSchema, Conflict>>;
export type RelaxationMatchesPlanner = Assert<Describes<typeof relaxationSchema, Relaxation>>;
export type PeriodMatchesPlanner = Assert<Describes<typeof periodPlanSchema, PeriodPlan>>;
export type SweepPointMatchesPlanner = Assert<Describes<typeof sweepPointSchema, SweepPoint>>;
