/**
 * The compliance use cases' contract: status as of a date, trajectory between two dates, what-if.
 * One request schema each (`chipmix comply status|trajectory|what-if` options, the API's query or
 * body) and one response each: the status view is what `comply status --json` prints and
 * GET /api/compliance/status answers, field for field. The views themselves are built in ./view.ts,
 * which does not load zod (the CLI's `comply status` start-up).
 */
import { z } from 'zod';
import { type Assert, type Describes, isoDate } from '../contract';
import { COMPARATORS, METRICS } from '../policy/constants';
import { fail, ok, type Result } from '../result';
import type { ComplianceResult } from './evaluate';
import { BASES, type Basis, HARDWARE_STATUSES, MAX_QUANTITY_PER_RECORD, VERDICTS } from './types';

// ---------------------------------------------------------------- requests

export const statusRequestSchema = z.strictObject({
  asOf: isoDate.optional().describe('YYYY-MM-DD, default today (UTC)'),
  basis: z.enum(BASES).default('installed').describe('pipeline: count ordered and planned hardware too'),
});

export const trajectoryRequestSchema = z.strictObject({
  from: isoDate.optional().describe('default today'),
  to: isoDate.optional().describe('default two years after from'),
  basis: z.enum(BASES).default('pipeline'),
});

/** The dates a trajectory request means on `today`: from defaults to today, to to two years later. */
export function trajectoryRange(
  request: z.output<typeof trajectoryRequestSchema>,
  today: string,
): Result<{ from: string; to: string; basis: Basis }> {
  const from = request.from ?? today;
  const to = request.to ?? addYears(from, 2);
  if (to < from) return fail({ code: 'range', path: 'to', message: `to ${to} is before from ${from}` });
  return ok({ from, to, basis: request.basis });
}

const quantity = z
  .number({ error: `expected a whole number 1..${MAX_QUANTITY_PER_RECORD}` })
  .int({ error: `expected a whole number 1..${MAX_QUANTITY_PER_RECORD}` })
  .positive({ error: `expected a whole number 1..${MAX_QUANTITY_PER_RECORD}` })
  .max(MAX_QUANTITY_PER_RECORD, { error: `expected a whole number 1..${MAX_QUANTITY_PER_RECORD}` });

export const whatIfRequestSchema = z
  .strictObject({
    asOf: isoDate.optional(),
    basis: z.enum(BASES).default('installed'),
    add: z
      .array(
        z.strictObject({
          site: z.string().min(1),
          hardwareId: z.string().min(1),
          quantity,
          status: z.enum(HARDWARE_STATUSES).optional(),
          installDate: isoDate.optional(),
        }),
      )
      .max(1000)
      .default([]),
    remove: z
      .array(z.strictObject({ site: z.string().min(1), hardwareId: z.string().min(1), quantity }))
      .max(1000)
      .default([]),
  })
  .refine((b) => b.add.length + b.remove.length > 0, {
    message: 'give at least one hardware change to add or remove',
    path: ['add'],
  });
export type WhatIfRequest = z.output<typeof whatIfRequestSchema>;

/** The first and last dates YYYY-MM-DD can write (isIsoDate accepts both). */
export const FIRST_DATE = '0000-01-01';
export const LAST_DATE = '9999-12-31';

/**
 * `years` after `date` (YYYY-MM-DD); 29 February becomes the 28th in a year without one. Kept within
 * FIRST_DATE..LAST_DATE: 9999-12-31 plus two years was 10001-12-31, 0000-02-29 less one -1-02-28.
 */
export const addYears = (date: string, years: number) => {
  const year = Number(date.slice(0, 4)) + years;
  // inside the years a date may be written in (0000-9999): before is the first day, after the last
  if (year < 0) return FIRST_DATE;
  if (year > 9999) return LAST_DATE;
  return `${String(year).padStart(4, '0')}${date.slice(4).replace(/^-02-29$/, '-02-28')}`;
};

// ---------------------------------------------------------------- responses

const sharesSchema = z.strictObject(
  Object.fromEntries(METRICS.map((m) => [m, z.number().nullable()])) as Record<
    (typeof METRICS)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);

const ruleVerdictSchema = z.strictObject({
  id: z.string(),
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  share: z
    .number()
    .nullable()
    .describe(
      'the domestic share this rule measured, under its own definition of domestic; null when unknown',
    ),
  pass: z.boolean().nullable(),
});

const NOT_APPLICABLE_REASONS = [
  'not-yet-effective',
  'expired',
  'not-state-funded',
  'site-not-listed',
  'region-not-listed',
  'grandfathered',
  'no-hardware',
] as const;

export const statusViewSchema = z.strictObject({
  asOf: z.string(),
  basis: z.enum(BASES),
  compliant: z
    .boolean()
    .nullable()
    .describe(
      'every applicable rule passes; null when one is unknown or no rule is in force (verdict says which)',
    ),
  verdict: z
    .enum(VERDICTS)
    .describe(
      'compliant, not-compliant, unknown (a rule cannot be judged) or no-rule-in-force (nothing judged)',
    ),
  organisation: z.strictObject({
    shares: sharesSchema,
    packages: z.number().describe('accelerator packages counted'),
    rules: z.array(ruleVerdictSchema),
  }),
  sites: z.array(
    z.strictObject({
      site: z.string(),
      shares: sharesSchema,
      packages: z.number(),
      rules: z.array(ruleVerdictSchema),
      notApplicable: z.array(
        z.strictObject({ id: z.string(), reason: z.enum(NOT_APPLICABLE_REASONS), detail: z.string() }),
      ),
    }),
  ),
  warnings: z.array(z.string()),
});
export type StatusView = z.output<typeof statusViewSchema>;

export const trajectoryViewSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  basis: z.enum(BASES),
  points: z.array(statusViewSchema),
});
export type TrajectoryView = z.output<typeof trajectoryViewSchema>;

export const whatIfViewSchema = z.strictObject({ before: statusViewSchema, after: statusViewSchema });
export type WhatIfView = z.output<typeof whatIfViewSchema>;

// The shares of the core are described by this schema (src/core/contract.ts).
export type SharesMatchCore = Assert<
  Describes<typeof sharesSchema, ComplianceResult['organisation']['shares']>
>;
