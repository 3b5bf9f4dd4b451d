/**
 * Findings: facts × rule sets → one finding per fact and target, with its scope, its porting unit
 * and whether it is still to do (pure).
 *
 * Units (what a porter counts, see docs/PORT.md, Effort): a fact inside a kernel (a CUDA
 * `__global__`/`__device__` function or a Triton `@triton.jit` function) belongs to that kernel, so
 * the 1,171 `tl.constexpr` of a Triton library are part of the kernels they sit in, not 1,171 pieces
 * of work. Otherwise the rule's `unit` says: `api` is a distinct symbol per file, `dependency` one per
 * project, `build-target` one per build file, `file` one per file, `occurrence` each finding.
 */
import { buildRuleIndex, matchFact } from './evaluate';
import type { SupportContext } from './support';
import type { Fact, Finding, Rule, RuleSet, Scope, UnitKind } from './types';

/** Rules whose unit never folds into a kernel: they name a build file or a whole file. */
const FILE_LEVEL: ReadonlySet<UnitKind> = new Set(['build-target', 'file']);

export function unitOf(rule: Rule, fact: Fact): { unit: string; unitKind: UnitKind } {
  if (fact.kernel !== undefined && !FILE_LEVEL.has(rule.unit))
    return { unit: `kernel ${fact.file}#${fact.kernel}`, unitKind: 'kernel' };
  switch (rule.unit) {
    case 'kernel':
      return { unit: `kernel ${fact.file}#line${fact.line}`, unitKind: 'kernel' };
    case 'dependency':
      return { unit: `dependency ${rule.id}`, unitKind: 'dependency' };
    case 'build-target':
      return { unit: `build ${fact.file}`, unitKind: 'build-target' };
    case 'file':
      return { unit: `file ${fact.file}`, unitKind: 'file' };
    case 'occurrence':
      return { unit: `at ${fact.file}:${fact.line}:${fact.column}`, unitKind: 'occurrence' };
    default:
      return { unit: `api ${fact.file} ${fact.symbol}`, unitKind: 'api' };
  }
}

/**
 * Dependency rules the project can run without: at least one guarded import or optional
 * declaration, and no plain import or required declaration (in product scope).
 */
function optionalDependencies(
  index: ReturnType<typeof buildRuleIndex>,
  facts: readonly Fact[],
  scopeOf: (file: string) => Scope,
): Set<string> {
  const seen = new Map<string, boolean>();
  for (const fact of facts) {
    if (fact.optional === undefined) continue;
    const rule = matchFact(index, fact);
    if (rule?.category !== 'dependency') continue;
    const optional = fact.optional || scopeOf(fact.file) !== 'product';
    seen.set(rule.id, (seen.get(rule.id) ?? true) && optional);
  }
  return new Set([...seen].filter(([, optional]) => optional).map(([id]) => id));
}

export function buildFindings(
  ruleSet: RuleSet,
  facts: readonly Fact[],
  scopeOf: (file: string) => Scope,
  support: SupportContext,
): Finding[] {
  const index = buildRuleIndex(ruleSet);
  const optional = optionalDependencies(index, facts, scopeOf);
  const findings: Finding[] = [];
  // a library repeats the same few hundred symbols thousands of times: match each once
  const matched = new Map<string, ReturnType<typeof matchFact<Rule>>>();
  for (const fact of facts) {
    const key = `${fact.kind}\u0000${fact.symbol}`;
    let rule = matched.get(key);
    if (rule === undefined && !matched.has(key)) {
      rule = matchFact(index, fact);
      matched.set(key, rule);
    }
    if (!rule) continue;
    const supported = support.statusOf(ruleSet.target, rule, fact);
    const { status, reason } =
      supported.status === 'left' && optional.has(rule.id)
        ? {
            status: 'optional' as const,
            reason: 'optional dependency: every import is guarded and it is not a required package',
          }
        : supported;
    findings.push({
      target: ruleSet.target,
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      message: rule.message,
      suggestion: rule.suggestion,
      symbol: fact.symbol,
      file: fact.file,
      line: fact.line,
      column: fact.column,
      scope: scopeOf(fact.file),
      status,
      ...(reason ? { statusReason: reason } : {}),
      ...unitOf(rule, fact),
    });
  }
  return findings;
}
