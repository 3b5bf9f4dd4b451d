/** Where the shared research folder is: $CHIPMIX_VALIDATION_DIR, or ../shared/validation beside the checkout. */
import { existsSync } from 'node:fs';

export const VALIDATION_DIR =
  [process.env.CHIPMIX_VALIDATION_DIR, '../shared/validation', 'shared/validation'].find(
    (d): d is string => d !== undefined && existsSync(`${d}/training_runs.csv`),
  ) ?? '';
