/**
 * The rule-file format (`schema: chipmix/port-rules@1`), shared by the built-in rule sets and by
 * user files passed with `--rules FILE` (YAML or JSON). Validation is pure: parsed data in, Result out.
 */
import type { input } from 'zod';
import { fail, formatPath, type Issue, ok, type Result } from '../../core/result';
import { lazyZod, type Zod } from '../lazy-zod';
import { CATEGORIES, type FactKind, type RuleMatch, type RuleSet, SEVERITIES, UNIT_KINDS } from '../types';

/** Matcher kinds, in the order `matchSchema` and `withSchemaDefaults` keep them: every fact kind. */
const MATCH_KINDS = [
  'py-ref',
  'py-method',
  'py-string',
  'py-kwarg',
  'c-include',
  'c-symbol',
  'c-construct',
  'dependency',
  'cmake',
  'make',
  'docker-image',
  'env',
] as const;
type MatchKind = (typeof MATCH_KINDS)[number];
// every fact kind has a matcher (compile-time check)
const EVERY_FACT_KIND: Exclude<FactKind, MatchKind> extends never ? true : never = true;
void EVERY_FACT_KIND;

/** What the schema fills in where a file is silent; `withSchemaDefaults` fills in the same. */
const DEFAULTS = {
  confidence: 'medium',
  unit: 'api',
  baselineDays: [0, 0],
  halfReadinessDays: 20,
  translatesKernels: false,
} as const;

/** The schemas, built on first use (see lazy-zod.ts). */
function buildSchemas(z: Zod) {
  const days = z
    .tuple([z.number().min(0), z.number().min(0)])
    .refine(([low, high]) => low <= high, 'low must not exceed high');

  const globList = z.array(z.string().min(1)).min(1);

  const matchSchema = z.strictObject(
    Object.fromEntries(MATCH_KINDS.map((kind) => [kind, globList.optional()])) as Record<
      MatchKind,
      ReturnType<typeof globList.optional>
    >,
  );

  const supportSchema = z.strictObject({
    sources: z.array(z.string()).default([]),
    runtime: matchSchema.default({}),
    triton: matchSchema.default({}),
    paths: z.array(z.string().regex(/^[a-z0-9]+$/, 'a lower-case name token')).default([]),
    /** The stack compiles CUDA kernels after a mechanical translation (HIP): a file that already builds for it carries its kernels along. */
    translatesKernels: z.boolean().default(DEFAULTS.translatesKernels),
    /** Python modules whose import moves the whole program's CUDA calls to the stack (transfer_to_npu). */
    migration: z
      .array(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted module name'),
      )
      .default([]),
  });

  const ruleSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and dashes'),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    title: z.string().min(1),
    message: z.string().min(1),
    suggestion: z.string().min(1),
    confidence: z.enum(['high', 'medium', 'low']).default(DEFAULTS.confidence),
    sources: z.array(z.string()).default([]),
    match: matchSchema.refine((m) => Object.keys(m).length > 0, 'a rule needs at least one matcher'),
    unit: z.enum(UNIT_KINDS).default(DEFAULTS.unit),
    /** A restriction of the stack's migration tool: runtime calls elsewhere in the file do not handle it. */
    byHand: z.boolean().default(false),
    effort: z
      .strictObject({
        onceDays: days.optional(),
        perUnitDays: days.optional(),
        perFileDays: days.optional(),
        perOccurrenceDays: days.optional(),
      })
      .default({}),
  });

  const ruleFileSchema = z.strictObject({
    schema: z.literal('chipmix/port-rules@1'),
    target: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case name'),
    stack: z.string().min(1),
    version: z.string().min(1),
    baselineDays: days.default([...DEFAULTS.baselineDays]),
    halfReadinessDays: z.number().positive().default(DEFAULTS.halfReadinessDays),
    assumptions: z.array(z.string()).default([]),
    sources: z
      .array(z.strictObject({ id: z.string().min(1), title: z.string().min(1), where: z.string().min(1) }))
      .default([]),
    rules: z.array(ruleSchema),
    support: supportSchema.default({
      sources: [],
      runtime: {},
      triton: {},
      paths: [],
      translatesKernels: DEFAULTS.translatesKernels,
      migration: [],
    }),
  });
  return { ruleFileSchema };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;
const ruleFileSchema = () => {
  schemas ??= buildSchemas(lazyZod());
  return schemas.ruleFileSchema;
};

export type RuleFileInput = input<ReturnType<typeof buildSchemas>['ruleFileSchema']>;

/** Validates one parsed rule file; every issue names the file and the field path. */
export function parseRuleFile(data: unknown, origin: string): Result<RuleSet> {
  const parsed = ruleFileSchema().safeParse(data);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map(
        (issue): Issue => ({
          code: 'invalid-rule-file',
          path: `${origin}: ${formatPath(issue.path)}`,
          message: issue.message,
        }),
      ),
    );
  }
  const file = parsed.data;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const sourceIds = new Set(file.sources.map((s) => s.id));
  for (const source of file.support.sources) {
    if (!sourceIds.has(source)) {
      issues.push({
        code: 'unknown-source',
        path: `${origin}: support.sources`,
        message: `source ${source} is not listed in the file's sources`,
      });
    }
  }
  file.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      issues.push({
        code: 'duplicate-rule',
        path: `${origin}: rules[${index}].id`,
        message: `duplicate rule id ${rule.id}`,
      });
    }
    seen.add(rule.id);
    for (const source of rule.sources) {
      if (!sourceIds.has(source)) {
        issues.push({
          code: 'unknown-source',
          path: `${origin}: rules[${index}].sources`,
          message: `source ${source} is not listed in the file's sources`,
        });
      }
    }
  });
  if (issues.length > 0) return fail(...issues);
  return ok({ ...file, origin } as RuleSet);
}

/**
 * What `parseRuleFile` makes of a file known to be valid (the built-in ones), without zod: the schema's defaults
 * filled in and its key order kept (see lazy-zod.ts). rules.test.ts holds it to `parseRuleFile` for every built-in
 * file; a change to the schema's defaults or fields must be made here too.
 */
export function withSchemaDefaults(file: RuleFileInput, origin: string): RuleSet {
  const match = (m: RuleFileInput['rules'][number]['match'] | undefined): RuleMatch => {
    const out: Record<string, string[]> = {};
    for (const kind of MATCH_KINDS) if (m?.[kind] !== undefined) out[kind] = [...m[kind]];
    return out as RuleMatch;
  };
  const range = (r: readonly [number, number]): [number, number] => [r[0], r[1]];
  const support = file.support;
  return {
    schema: file.schema,
    target: file.target,
    stack: file.stack,
    version: file.version,
    baselineDays: range(file.baselineDays ?? DEFAULTS.baselineDays),
    halfReadinessDays: file.halfReadinessDays ?? DEFAULTS.halfReadinessDays,
    assumptions: [...(file.assumptions ?? [])],
    sources: (file.sources ?? []).map((s) => ({ id: s.id, title: s.title, where: s.where })),
    rules: file.rules.map((rule) => {
      const effort: Record<string, [number, number]> = {};
      for (const key of ['onceDays', 'perUnitDays', 'perFileDays', 'perOccurrenceDays'] as const) {
        const days = rule.effort?.[key];
        if (days !== undefined) effort[key] = range(days);
      }
      return {
        id: rule.id,
        category: rule.category,
        severity: rule.severity,
        title: rule.title,
        message: rule.message,
        suggestion: rule.suggestion,
        confidence: rule.confidence ?? DEFAULTS.confidence,
        sources: [...(rule.sources ?? [])],
        match: match(rule.match),
        unit: rule.unit ?? DEFAULTS.unit,
        byHand: rule.byHand ?? false,
        effort,
      };
    }),
    support: {
      sources: [...(support?.sources ?? [])],
      runtime: match(support?.runtime),
      triton: match(support?.triton),
      paths: [...(support?.paths ?? [])],
      translatesKernels: support?.translatesKernels ?? DEFAULTS.translatesKernels,
      migration: [...(support?.migration ?? [])],
    },
    origin,
  } as RuleSet;
}

/**
 * Merges rule sets of the same target: later sets add rules and replace rules with the same id
 * (so a user file can tighten one built-in rule); a later set's header fields win when present.
 */
export function mergeRuleSets(sets: readonly RuleSet[]): RuleSet[] {
  const byTarget = new Map<string, RuleSet>();
  for (const set of sets) {
    const prior = byTarget.get(set.target);
    if (!prior) {
      byTarget.set(set.target, set);
      continue;
    }
    const rules = new Map(prior.rules.map((r) => [r.id, r]));
    for (const rule of set.rules) rules.set(rule.id, rule);
    byTarget.set(set.target, {
      ...prior,
      version: `${prior.version}+${set.version}`,
      origin: `${prior.origin}, ${set.origin}`,
      assumptions: [...prior.assumptions, ...set.assumptions],
      sources: [...prior.sources, ...set.sources.filter((s) => !prior.sources.some((p) => p.id === s.id))],
      rules: [...rules.values()],
      support: mergeSupport(prior.support, set.support),
    });
  }
  return [...byTarget.values()];
}

/** A later file's support patterns add to the earlier ones. */
function mergeSupport(a: RuleSet['support'], b: RuleSet['support']): RuleSet['support'] {
  const mergeMatch = (x: RuleMatch, y: RuleMatch): RuleMatch => {
    const out: Record<string, string[]> = {};
    for (const [kind, list] of [...Object.entries(x), ...Object.entries(y)])
      out[kind] = [...new Set([...(out[kind] ?? []), ...(list ?? [])])];
    return out as RuleMatch;
  };
  return {
    sources: [...new Set([...a.sources, ...b.sources])],
    runtime: mergeMatch(a.runtime, b.runtime),
    triton: mergeMatch(a.triton, b.triton),
    paths: [...new Set([...a.paths, ...b.paths])],
    translatesKernels: a.translatesKernels || b.translatesKernels,
    migration: [...new Set([...a.migration, ...b.migration])],
  };
}
