/**
 * The contract of a long use case run as a job (a layout search, a fleet plan): what the HTTP API
 * answers while it runs and when it ends, with the use case's own response as `result`. The server
 * runs jobs in worker threads; the web app follows them; the types come from here.
 */
import { z } from 'zod';
import { planOutputSchema } from './plan/request';
import { trainSearchResultSchema } from './train/request';

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export const JOB_KINDS = ['train-search', 'plan'] as const;
export type JobState = (typeof JOB_STATES)[number];
export type JobKind = (typeof JOB_KINDS)[number];

export const coreIssueSchema = z.strictObject({ code: z.string(), path: z.string(), message: z.string() });

/** A job as the API shows it; `result` is the use case's response once `state` is done. */
export const jobViewSchema = <R extends z.ZodType>(result: R) =>
  z.strictObject({
    id: z.string(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES),
    progress: z.number().min(0).max(1),
    step: z
      .strictObject({ done: z.number(), total: z.number(), label: z.string() })
      .optional()
      .describe('the last finished step of the work (a plan: candidates, the solve, each sweep point)'),
    owner: z.string(),
    startedAt: z.string(),
    result: result.optional(),
    issues: z.array(coreIssueSchema).optional(),
  });

export const searchJobSchema = jobViewSchema(trainSearchResultSchema);
export const planJobSchema = jobViewSchema(planOutputSchema);
/** Either kind of job (GET /api/jobs/{id}): the result is a search's or a plan's. */
export const anyJobSchema = jobViewSchema(z.union([trainSearchResultSchema, planOutputSchema]));

export type SearchJob = z.output<typeof searchJobSchema>;
export type PlanJob = z.output<typeof planJobSchema>;
export type JobView = z.output<typeof anyJobSchema>;
