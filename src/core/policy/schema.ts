/**
 * The policy rule format, shared by compliance evaluation (issue 5) and the fleet planner (issue 4).
 *
 * A rule says: at every site it applies to (or over the whole organisation), the domestic share of
 * accelerators, measured by `metric`, must compare to `threshold` with `comparator`. No regulator
 * has published which metric counts (see docs/COMPLIANCE.md and the policy research), so every
 * metric is supported and the default rule uses the literal reading ("more than 50% of their chips").
 */
import { z } from 'zod';
import { say } from '../messages/say';
import { COMPARATORS, METRICS } from './constants';

export { COMPARATORS, DEFAULT_RULE, METRICS } from './constants';
// The wording of request.one-of and policy.effective-from-required (src/core/messages), read back there.
export const metricSchema = z.enum(METRICS, { error: `expected one of ${METRICS.join(', ')}` });
export type Metric = z.infer<typeof metricSchema>;

export const comparatorSchema = z.enum(COMPARATORS, { error: `expected one of ${COMPARATORS.join(', ')}` });
export type Comparator = z.infer<typeof comparatorSchema>;

const dateSchema = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/** What counts as domestic for one rule. Absent: the catalog's `domestic` flag decides. */
export const domesticDefinitionSchema = z.strictObject({
  /** Vendor names (case-insensitive), e.g. `Huawei`. */
  vendors: z.array(z.string().min(1)).optional(),
  /** ISO 3166 alpha-2 codes of the vendor's home country, e.g. `CN`. */
  countries: z.array(z.string().length(2, 'expected a two-letter country code')).optional(),
  /** Catalog ids (chip or system) that count as domestic. */
  hardwareIds: z.array(z.string().min(1)).optional(),
});
export type DomesticDefinition = z.infer<typeof domesticDefinitionSchema>;

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, dots, dashes'),
    description: z.string().optional(),
    metric: metricSchema,
    /** How the domestic share compares to the threshold for the rule to pass. */
    comparator: comparatorSchema,
    /** A fraction 0..1 (0.5 = 50%). */
    threshold: z
      .number({ error: 'expected a fraction between 0 and 1' })
      .min(0, 'expected a fraction between 0 and 1')
      .max(1, 'expected a fraction between 0 and 1 (write 50% as 0.5)'),
    scope: z.enum(['site', 'organisation'], { error: 'expected one of site, organisation' }),
    appliesTo: z
      .strictObject({
        stateFundedOnly: z.boolean().optional(),
        sites: z.array(z.string().min(1)).optional(),
        regions: z.array(z.string().min(1)).optional(),
      })
      .default({}),
    effectiveFrom: z.iso.date({
      error: (issue) =>
        issue.input === undefined
          ? 'required field missing: the date the rule takes effect (YYYY-MM-DD)'
          : 'expected a date YYYY-MM-DD',
    }),
    /** Exclusive: the rule no longer applies on this date. */
    effectiveUntil: dateSchema.optional(),
    domestic: domesticDefinitionSchema.optional(),
    /** Hardware ids or vendor names (case-insensitive) that must not be present at all. */
    deny: z.array(z.string().min(1)).optional(),
    /**
     * Sites whose project completion (percent, 0..100) is at least this are exempt. Reuters,
     * 2025-11-05: projects under 30% complete must remove foreign chips; the rest case by case.
     */
    grandfather: z
      .strictObject({ projectCompletionAtLeast: z.number().min(0).max(100, 'expected a percent 0..100') })
      .optional(),
  })
  .refine((rule) => rule.effectiveUntil === undefined || rule.effectiveUntil > rule.effectiveFrom, {
    message: 'effectiveUntil must be after effectiveFrom',
    path: ['effectiveUntil'],
  });
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

/** A policy document: a named, versioned set of rules (`chipmix policy add FILE`). */
export const policyFileSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, dots, dashes'),
  description: z.string().optional(),
  rules: z
    .array(ruleSchema)
    .min(1, 'expected at least one rule')
    .superRefine((rules, ctx) => {
      const seen = new Map<string, number>();
      rules.forEach((rule, i) => {
        const first = seen.get(rule.id);
        if (first === undefined) seen.set(rule.id, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [i, 'id'],
            message: say('policy.rule-id-twice', { id: rule.id, first }),
          });
      });
    }),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;
