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
import { buildRuleIndex, memoMatcher } from './evaluate';
import type { SupportContext } from './support';
import type { Category, Fact, Finding, Rule, RuleSet, Scope, UnitKind } from './types';

/** Rules whose unit never folds into a kernel: they name a build file or a whole file. */
const FILE_LEVEL: ReadonlySet<UnitKind> = new Set(['build-target', 'file']);

interface Unit {
  readonly unit: string;
  readonly unitKind: UnitKind;
}

export function unitOf(rule: Rule, fact: Fact): Unit {
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
 * `unitOf` for the facts of one file, each unit built once: FlagGems' 80k findings name a few
 * thousand units, and one shared string per unit spares the allocations and the later hashing.
 */
class FileUnits {
  private readonly kernels = new Map<string, Unit>();
  private readonly apis = new Map<string, Unit>();
  private readonly dependencies = new Map<string, Unit>();
  private build: Unit | undefined;
  private whole: Unit | undefined;

  of(rule: Rule, fact: Fact): Unit {
    if (fact.kernel !== undefined && !FILE_LEVEL.has(rule.unit))
      return cached(this.kernels, fact.kernel, rule, fact);
    switch (rule.unit) {
      case 'api':
        return cached(this.apis, fact.symbol, rule, fact);
      case 'dependency':
        return cached(this.dependencies, rule.id, rule, fact);
      case 'build-target':
        this.build ??= unitOf(rule, fact);
        return this.build;
      case 'file':
        this.whole ??= unitOf(rule, fact);
        return this.whole;
      default:
        return unitOf(rule, fact); // a kernel by its line, an occurrence: one per place
    }
  }
}

function cached(cache: Map<string, Unit>, key: string, rule: Rule, fact: Fact): Unit {
  let unit = cache.get(key);
  if (!unit) {
    unit = unitOf(rule, fact);
    cache.set(key, unit);
  }
  return unit;
}

/**
 * Dependency rules the project can run without: at least one guarded import or optional
 * declaration, and no plain import or required declaration (in product scope).
 */
function optionalDependencies(
  ruleOf: (fact: Fact) => Rule | undefined,
  facts: readonly Fact[],
  scopeOf: (file: string) => Scope,
): Set<string> {
  const seen = new Map<string, boolean>();
  for (const fact of facts) {
    if (fact.optional === undefined) continue;
    const rule = ruleOf(fact);
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

export function buildFindings(
  ruleSet: RuleSet,
  facts: readonly Fact[],
  scopeOf: (file: string) => Scope,
  support: SupportContext,
): Finding[] {
  const ruleOf = memoMatcher(buildRuleIndex(ruleSet));
  const optional = optionalDependencies(ruleOf, facts, scopeOf);
  const target = ruleSet.target;
  const findings: Finding[] = [];
  // facts come sorted by file: what depends only on the file (scope, status per category, unit
  // names) is worked out once per file, not once per fact (80k findings on FlagGems)
  let file: string | undefined;
  let scope: Scope = 'product';
  const statusByCategory = new Map<Category, Status>();
  let units = new FileUnits();
  for (const fact of facts) {
    const rule = ruleOf(fact);
    if (!rule) continue;
    if (fact.file !== file) {
      file = fact.file;
      scope = scopeOf(file);
      statusByCategory.clear();
      units = new FileUnits();
    }
    let supported = statusByCategory.get(rule.category);
    if (!supported) {
      supported = support.statusOf(target, rule, fact);
      statusByCategory.set(rule.category, supported);
    }
    const status = supported.status === 'left' && optional.has(rule.id) ? OPTIONAL : supported;
    const { unit, unitKind } = units.of(rule, fact);
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
