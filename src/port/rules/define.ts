/** Helpers that keep the built-in rule files declarative: each rule names its id; MATCH supplies the patterns. */
import type { Category, DaysRange, RuleEffort, Severity } from '../types';
import { type BuiltinRuleId, MATCH } from './matchers';
import type { RuleFileInput } from './schema';

type RuleInput = RuleFileInput['rules'][number];

export interface RuleSpec {
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly suggestion: string;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly sources: readonly string[];
  readonly effort: RuleEffort;
}

export function rules(specs: Partial<Record<BuiltinRuleId, RuleSpec>>): RuleInput[] {
  return Object.entries(specs).map(([id, spec]) => {
    const match = MATCH[id as BuiltinRuleId] as RuleInput['match'];
    const effort: {
      onceDays?: [number, number];
      perFileDays?: [number, number];
      perOccurrenceDays?: [number, number];
    } = {};
    const copy = (r: DaysRange | undefined): [number, number] | undefined => (r ? [r[0], r[1]] : undefined);
    const once = copy(spec!.effort.onceDays);
    const perFile = copy(spec!.effort.perFileDays);
    const perOccurrence = copy(spec!.effort.perOccurrenceDays);
    if (once) effort.onceDays = once;
    if (perFile) effort.perFileDays = perFile;
    if (perOccurrence) effort.perOccurrenceDays = perOccurrence;
    return { id, ...spec!, sources: [...spec!.sources], match, effort };
  });
}
