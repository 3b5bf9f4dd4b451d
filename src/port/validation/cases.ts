/**
 * Real ports with open history, as data (cases.json): what was ported, where the history is, what it
 * shows, and what the scanner reads on the commit before the port. `scripts/port-backtest.ts`
 * re-derives `evidence`, `observedDays` and `inputs` from fetched snapshots; `chipmix port validate`
 * needs only this file (no network, no fetched code).
 */
import { z } from 'zod';
import { fail, formatPath, ok, type Result } from '../../core/result';
import { SCOPES, UNIT_KINDS } from '../types';
import data from './cases.json';
import type { FitInput } from './fit';

const days = z.tuple([z.number().nonnegative(), z.number().nonnegative()]);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const caseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  target: z.enum(['ascend', 'cambricon', 'hygon', 'kunlunxin']),
  /** Why the port stands for this target (e.g. ROCm/HIP for Hygon DCU). */
  targetNote: z.string().min(1),
  sources: z.array(z.string().url()).min(1),
  /** owner/name of each snapshot; the script names their refs r0/, r1/... */
  repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/)).min(1),
  /** The commit before the port (in repos[baseRepo]): what the scanner reads. */
  base: z.string().regex(/^[0-9a-f]{40}$/),
  baseRepo: z.number().int().nonnegative().default(0),
  /** `git log` revisions selecting the port's commits, e.g. ["r0/heads/master", "^r1/heads/master"]. */
  revs: z.array(z.string()).min(1),
  since: date,
  until: date,
  paths: z.array(z.string()).default([]),
  /** Commits in the selection that are not port work (framework-wide refactors), by abbreviated hash. */
  excludeCommits: z.array(z.string()).default([]),
  /**
   * One person committing under several names (an accented and a plain spelling, a placeholder identity): the name
   * as the history writes it -> the name counted, so that one person's day is one author-day.
   */
  authorAliases: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Squash merges of the port: their `* subject` lines count as commits without dates. */
  squashes: z
    .array(
      z.strictObject({
        repo: z.number().int().nonnegative().default(0),
        commit: z.string().regex(/^[0-9a-f]{7,40}$/),
        opened: date.optional(),
        /** true when the squashed commits are already in the dated selection (count the merge day only). */
        dated: z.boolean().default(false),
      }),
    )
    .default([]),
  scan: z
    .strictObject({
      exclude: z.array(z.string()).default([]),
      scopes: z.array(z.strictObject({ scope: z.enum(SCOPES), pattern: z.string().min(1) })).default([]),
    })
    .default({ exclude: [], scopes: [] }),
  notes: z.string(),
  evidence: z.strictObject({
    commits: z.number().int(),
    squashedCommits: z.number().int(),
    authors: z.number().int(),
    authorDays: z.number().int(),
    streakDays: z.number().int(),
    linesAdded: z.number().int(),
    linesDeleted: z.number().int(),
    first: date,
    last: date,
  }),
  observedDays: days,
  inputs: z.strictObject({
    rulesVersion: z.string(),
    productSourceLines: z.number().int(),
    kernelDays: days,
    tritonDays: days,
    otherDays: days,
    portedMidDays: z.number().nonnegative(),
    leftShare: z.number().min(0).max(1),
    unitsLeft: z.number().int(),
    unitsLeftByKind: z.partialRecord(z.enum(UNIT_KINDS), z.number().int()),
    findingsLeft: z.number().int(),
  }),
});

export const casesFileSchema = z.strictObject({
  schema: z.literal('chipmix/port-cases@1'),
  method: z.string(),
  /** Commits per author-day on the dated histories: turns squashed commit counts into author-days. */
  commitsPerAuthorDay: z.number().positive(),
  cases: z.array(caseSchema),
});

export type PortCase = z.infer<typeof caseSchema>;
export type PortCasesFile = z.infer<typeof casesFileSchema>;

export function parseCases(input: unknown): Result<PortCasesFile> {
  const parsed = casesFileSchema.safeParse(input);
  if (!parsed.success)
    return fail(
      ...parsed.error.issues.map((i) => ({
        code: 'invalid-cases',
        path: `cases.json: ${formatPath(i.path)}`,
        message: i.message,
      })),
    );
  return ok(parsed.data);
}

/** The committed cases; a broken file is a programming error caught by the tests. */
export function loadCases(): PortCasesFile {
  const result = parseCases(data);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return result.value;
}

const mid = (r: readonly [number, number]) => (r[0] + r[1]) / 2;

export function fitInput(c: PortCase): FitInput {
  return {
    id: c.id,
    observedDays: Math.sqrt(c.observedDays[0] * c.observedDays[1]),
    observedRange: c.observedDays,
    productSourceLines: c.inputs.productSourceLines,
    kernelMidDays: mid(c.inputs.kernelDays),
    tritonMidDays: mid(c.inputs.tritonDays),
    otherMidDays: mid(c.inputs.otherDays),
    leftShare: c.inputs.leftShare,
  };
}
