/** Shared HTTP shapes: the error body (the core's, `contract.ts`) and a loose "JSON document" for documented outputs. */
import { z } from 'zod';

export { errorSchema, issueSchema } from '../../core/contract';

/** An output documented by its description (the core's types are the source of truth for its fields). */
export const documentSchema = (description: string) => z.looseObject({}).describe(description);
