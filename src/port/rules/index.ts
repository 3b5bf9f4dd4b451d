/** The built-in rule sets, validated once through the same schema as user rule files. */
import { formatIssue } from '../../core/result';
import type { RuleSet } from '../types';
import { ASCEND_RULES } from './ascend';
import { CAMBRICON_RULES } from './cambricon';
import { HYGON_RULES } from './hygon';
import { KUNLUNXIN_RULES } from './kunlunxin';
import { parseRuleFile } from './schema';

export const BUILTIN_TARGETS = ['ascend', 'cambricon', 'hygon', 'kunlunxin'] as const;

let cached: RuleSet[] | undefined;

export function builtinRuleSets(): RuleSet[] {
  if (cached) return cached;
  cached = [ASCEND_RULES, CAMBRICON_RULES, HYGON_RULES, KUNLUNXIN_RULES].map((file) => {
    const result = parseRuleFile(file, `builtin:${file.target}`);
    // A broken built-in file is a programming error, caught by the tests.
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('; '));
    return result.value;
  });
  return cached;
}
