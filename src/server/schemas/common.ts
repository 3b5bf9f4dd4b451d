/** Shared HTTP shapes: the error body, ISO dates, and a loose "JSON document" for documented outputs. */
import { z } from 'zod';

export const issueSchema = z.object({ path: z.string(), message: z.string() });

/** Every 4xx/5xx body: one line for people, and the precise problems when there are several. */
export const errorSchema = z.object({
  error: z.string(),
  issues: z.array(issueSchema).optional(),
});

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** An output documented by its description (the core's types are the source of truth for its fields). */
export const documentSchema = (description: string) => z.looseObject({}).describe(description);
