/**
 * zod for the port schemas, loaded on first use. Loading zod takes ~60 ms, more than the rest of the scan's
 * modules together, and a scan needs it only to check a user's rule file (`--rules`) or config file: the built-in
 * rule sets are checked against the schema by the tests (rules.test.ts), not at every run. The readers are
 * synchronous, so this requires zod's CommonJS build; other commands import its ES module, a separate instance,
 * which does no harm here: the port schemas are self-contained (no schema crosses to or from other code).
 */
import { createRequire } from 'node:module';
import type { z as Z } from 'zod';

export type Zod = typeof Z;

let zod: Zod | undefined;

export function lazyZod(): Zod {
  zod ??= (createRequire(import.meta.url)('zod') as { z: Zod }).z;
  return zod;
}
