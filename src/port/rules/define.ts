/** Helpers that keep the built-in rule files declarative: each rule names its id; MATCH supplies the patterns. */
import type { Category, DaysRange, RuleEffort, Severity } from '../types';
import { type BuiltinRuleId, MATCH, UNIT } from './matchers';
import type { RuleFileInput } from './schema';

type RuleInput = RuleFileInput['rules'][number];

/** Built-in rules state effort per unit (and once per project); the legacy per-file/per-finding terms are for user files. */
export interface RuleSpec {
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly suggestion: string;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly sources: readonly string[];
  readonly effort: Pick<RuleEffort, 'onceDays' | 'perUnitDays'>;
  /** A documented restriction of the stack's migration tool (see Rule.byHand). */
  readonly byHand?: boolean;
}

export function rules(specs: Partial<Record<BuiltinRuleId, RuleSpec>>): RuleInput[] {
  return Object.entries(specs).map(([id, spec]) => {
    const match = MATCH[id as BuiltinRuleId] as RuleInput['match'];
    const effort: { onceDays?: [number, number]; perUnitDays?: [number, number] } = {};
    const copy = (r: DaysRange | undefined): [number, number] | undefined => (r ? [r[0], r[1]] : undefined);
    const once = copy(spec!.effort.onceDays);
    const perUnit = copy(spec!.effort.perUnitDays);
    if (once) effort.onceDays = once;
    if (perUnit) effort.perUnitDays = perUnit;
    const unit = UNIT[id as BuiltinRuleId] ?? 'api';
    return { id, ...spec!, sources: [...spec!.sources], match, unit, effort };
  });
}
