/**
 * Findings: facts × rule sets → one finding per fact and target, with its scope, its porting unit
 * (`units.ts`) and whether it is still to do (pure). Each fact's rule and unit come matched
 * already, once for every target (`prematch.ts`).
 */
import { type SupportContext, statusKey } from './support';
import type { Fact, Finding, Rule, RuleSet, Scope } from './types';
import { unitKindOf } from './units';

/**
 * Dependency rules the project can run without: at least one guarded import or optional
 * declaration, and no plain import or required declaration (in product scope).
 */
function optionalDependencies(
  ruleAt: (index: number) => Rule | undefined,
  facts: readonly Fact[],
  scopeOf: (file: string) => Scope,
  candidates: readonly number[],
): Set<string> {
  const seen = new Map<string, boolean>();
  for (const i of candidates) {
    const fact = facts[i]!;
    if (fact.optional === undefined) continue;
    const rule = ruleAt(i);
    if (rule?.category !== 'dependency') continue;
    const optional = fact.optional || scopeOf(fact.file) !== 'product';
    seen.set(rule.id, (seen.get(rule.id) ?? true) && optional);
  }
  return new Set([...seen].filter(([, optional]) => optional).map(([id]) => id));
}

type Status = ReturnType<SupportContext['statusOf']>;
const OPTIONAL: Status = {
  status: 'optional',
  reason: 'optional dependency: every import is guarded and it is not a required package',
};

/** Each fact's rule (its index in the set's `rules`, -1 for none) and unit name, matched already. */
export interface MatchedFacts {
  readonly rule: Int16Array;
  readonly unit: readonly string[];
  /** The facts that say whether they are optional, in order (the others need not be read for it). */
  readonly optional: readonly number[];
}

export function buildFindings(
  ruleSet: RuleSet,
  facts: readonly Fact[],
  scopeOf: (file: string) => Scope,
  support: SupportContext,
  matched: MatchedFacts,
): Finding[] {
  const rules = ruleSet.rules;
  const indices = matched.rule;
  const ruleAt = (i: number): Rule | undefined => {
    const r = indices[i]!;
    return r < 0 ? undefined : rules[r];
  };
  const optional = optionalDependencies(ruleAt, facts, scopeOf, matched.optional);
  const target = ruleSet.target;
  const findings: Finding[] = [];
  // facts come sorted by file: what depends only on the file (scope, status per category, unit
  // names) is worked out once per file, not once per fact (80k findings on FlagGems)
  let file: string | undefined;
  let scope: Scope = 'product';
  const statusByCategory = new Map<string, Status>();
  // and a rule mostly fires many times in a row in one file (a kernel's `tl.*` calls): its status is reused
  let lastRule: Rule | undefined;
  let status: Status = OPTIONAL;
  for (let i = 0; i < facts.length; i += 1) {
    const rule = ruleAt(i);
    if (!rule) continue;
    const fact = facts[i]!;
    if (fact.file !== file) {
      file = fact.file;
      scope = scopeOf(file);
      statusByCategory.clear();
      lastRule = undefined;
    }
    if (rule !== lastRule) {
      lastRule = rule;
      const key = statusKey(rule, fact);
      let supported = statusByCategory.get(key);
      if (!supported) {
        supported = support.statusOf(target, rule, fact);
        statusByCategory.set(key, supported);
      }
      status = supported.status === 'left' && optional.has(rule.id) ? OPTIONAL : supported;
    }
    const unit = matched.unit[i]!;
    const unitKind = unitKindOf(rule, fact);
    // one literal per shape, keys in the order the formats print them
    findings.push(
      status.reason
        ? {
            target,
            ruleId: rule.id,
            category: rule.category,
            severity: rule.severity,
            message: rule.message,
            suggestion: rule.suggestion,
            symbol: fact.symbol,
            file: fact.file,
            line: fact.line,
            column: fact.column,
            scope,
            status: status.status,
            statusReason: status.reason,
            unit,
            unitKind,
          }
        : {
            target,
            ruleId: rule.id,
            category: rule.category,
            severity: rule.severity,
            message: rule.message,
            suggestion: rule.suggestion,
            symbol: fact.symbol,
            file: fact.file,
            line: fact.line,
            column: fact.column,
            scope,
            status: status.status,
            unit,
            unitKind,
          },
    );
  }
  return findings;
}
