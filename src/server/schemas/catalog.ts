/** Catalog queries (the filters of `chipmix catalog list` and `catalog compare`). */
import { z } from 'zod';

const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const catalogQuerySchema = z.object({
  vendor: z.string().max(100).optional(),
  domestic: boolText.optional().describe('true: domestic (Chinese) vendors only; false: foreign only'),
  kind: z.enum(['chip', 'system']).optional(),
  status: z.string().max(40).optional().describe('shipping, announced, sampling, discontinued, ...'),
});

export const compareQuerySchema = z.object({
  ids: z
    .string()
    .min(1)
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(2, 'give at least two comma-separated ids').max(8))
    .describe('comma-separated catalog ids, 2 to 8'),
});

export const idParamSchema = z.object({ id: z.string().min(1).max(200) });
