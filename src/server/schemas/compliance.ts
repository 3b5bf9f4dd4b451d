/** Compliance and inventory bodies and queries (the options of `chipmix comply` and `inventory import`). */
import { z } from 'zod';
import { isoDate } from '../../core/contract';

// The compliance requests are the core's (src/core/compliance/contract.ts): the same schema reads the
// CLI's options and the API's query or body.
export {
  statusRequestSchema as statusQuerySchema,
  trajectoryRequestSchema as trajectoryQuerySchema,
  whatIfRequestSchema as whatIfSchema,
} from '../../core/compliance/contract';

/** `GET /api/compliance/report`: the options of `chipmix comply report` (HTML only). */
export const reportQuerySchema = z.strictObject({
  asOf: isoDate.optional().describe('YYYY-MM-DD, default today (UTC)'),
  from: isoDate.optional().describe('trajectory start, default one year before asOf'),
  to: isoDate.optional().describe('trajectory end, default two years after asOf'),
  lang: z.enum(['en', 'zh-CN']).default('en').describe('the report language'),
});

export const INVENTORY_UPLOAD_FORMATS = ['csv', 'json', 'netbox'] as const;

export const importSchema = z.strictObject({
  text: z
    .string()
    .min(1, 'the file is empty')
    .describe('the file content (CSV, chipmix JSON or NetBox JSON)'),
  fileName: z
    .string()
    .regex(/^[^/\\]{1,200}$/, 'a bare file name')
    .default('upload.csv'),
  format: z.enum(INVENTORY_UPLOAD_FORMATS).optional().describe('default: from the file name and content'),
  replace: z
    .boolean()
    .default(false)
    .describe('the file is the whole inventory: delete records not in it (needs `confirm`)'),
  allowDuplicates: z
    .boolean()
    .default(false)
    .describe('add rows even when an identical record is already stored'),
  dryRun: z
    .boolean()
    .default(false)
    .describe('answer the preview (added, changed, removed, duplicates, confirmation); write nothing'),
  confirm: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'the confirmation of a preview')
    .optional()
    .describe("a preview's `confirmation`: import exactly what was previewed (required with replace)"),
});

export const undoSchema = z.strictObject({
  change: z
    .string()
    .regex(/^(b_[0-9a-z]{1,40}|\d{1,15})$/, 'a batch id (b_...) or a change number')
    .describe('the batch of an import (its summary names it) or the number of one of its log entries'),
});
