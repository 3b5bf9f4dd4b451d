/**
 * The built-in rule sets. The tests check them against the same schema as user rule files (rules.test.ts); a run
 * only fills in the schema's defaults, without loading zod (see lazy-zod.ts).
 */
import type { RuleSet } from '../types';
import { ASCEND_RULES } from './ascend';
import { CAMBRICON_RULES } from './cambricon';
import { HYGON_RULES } from './hygon';
import { KUNLUNXIN_RULES } from './kunlunxin';
import { withSchemaDefaults } from './schema';

/** The files as written (rules.test.ts checks each against the schema). */
export const BUILTIN_RULE_FILES = [ASCEND_RULES, CAMBRICON_RULES, HYGON_RULES, KUNLUNXIN_RULES];

export const BUILTIN_TARGETS = ['ascend', 'cambricon', 'hygon', 'kunlunxin'] as const;

let cached: RuleSet[] | undefined;

export function builtinRuleSets(): RuleSet[] {
  if (cached) return cached;
  cached = BUILTIN_RULE_FILES.map((file) => withSchemaDefaults(file, `builtin:${file.target}`));
  return cached;
}
