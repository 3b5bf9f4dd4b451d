/** The plan request: a scenario (an object, or YAML/JSON text as `chipmix plan` reads) and an optional sweep. */
import { z } from 'zod';

export const planRequestSchema = z.strictObject({
  scenario: z
    .union([z.string().min(1).max(200_000), z.record(z.string(), z.unknown())])
    .describe('the scenario document: an object, or YAML/JSON text'),
  sweep: z
    .strictObject({
      from: z.number().min(0).max(100),
      to: z.number().min(0).max(100),
      step: z.number().positive(),
    })
    .refine((s) => s.from <= s.to, { message: 'expected from <= to', path: ['to'] })
    .refine((s) => (s.to - s.from) / s.step <= 200, { message: 'at most 200 steps', path: ['step'] })
    .optional()
    .describe('domestic-share sweep in percent (the CLI --sweep-domestic FROM:TO:STEP)'),
});
