/**
 * Rule evaluation: facts in, findings out. Pure (no I/O).
 *
 * Each fact matches at most one rule per target: the most specific one. An exact pattern beats any
 * glob; among globs the one with more literal characters wins (so `torch.cuda.amp.*` beats
 * `torch.cuda.*`, letting a rule file keep a catch-all next to precise rules).
 */
import type { Fact, FactKind, Finding, Rule, RuleSet } from './types';

interface GlobEntry {
  readonly regex: RegExp;
  readonly literalLength: number;
  readonly rule: Rule;
}

interface KindIndex {
  readonly exact: Map<string, Rule>;
  readonly globs: GlobEntry[];
}

export type RuleIndex = ReadonlyMap<FactKind, KindIndex>;

/** Converts a glob (`*` = any run, everything else literal) to an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function buildRuleIndex(ruleSet: RuleSet): RuleIndex {
  const index = new Map<FactKind, KindIndex>();
  for (const rule of ruleSet.rules) {
    for (const [kind, patterns] of Object.entries(rule.match) as [FactKind, readonly string[]][]) {
      let entry = index.get(kind);
      if (!entry) {
        entry = { exact: new Map(), globs: [] };
        index.set(kind, entry);
      }
      for (const pattern of patterns) {
        if (!pattern.includes('*')) {
          if (!entry.exact.has(pattern)) entry.exact.set(pattern, rule);
        } else {
          entry.globs.push({
            regex: globToRegExp(pattern),
            literalLength: pattern.replace(/\*/g, '').length,
            rule,
          });
        }
      }
    }
  }
  for (const entry of index.values()) entry.globs.sort((a, b) => b.literalLength - a.literalLength);
  return index;
}

/** The rule a fact triggers in one target, or undefined. */
export function matchFact(index: RuleIndex, fact: Fact): Rule | undefined {
  const entry = index.get(fact.kind);
  if (!entry) return undefined;
  const exact = entry.exact.get(fact.symbol);
  if (exact) return exact;
  for (const glob of entry.globs) if (glob.regex.test(fact.symbol)) return glob.rule;
  return undefined;
}

/** Findings of one target, in fact order (callers sort facts by file, line, column). */
export function evaluate(ruleSet: RuleSet, facts: readonly Fact[]): Finding[] {
  const index = buildRuleIndex(ruleSet);
  const findings: Finding[] = [];
  for (const fact of facts) {
    const rule = matchFact(index, fact);
    if (!rule) continue;
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
    });
  }
  return findings;
}

/**
 * What the extractors must look for so that every rule can fire: used to skip facts nobody asked for
 * and to build the raw-text pre-filter (see `prefilter.ts`).
 */
export interface Interest {
  /** Top-level Python modules that some `py-ref` pattern starts with (`torch`, `triton`, `apex`...). */
  readonly pyRoots: ReadonlySet<string>;
  /** Method or attribute names of `py-method` patterns, without the dot and parentheses. */
  readonly pyMethods: ReadonlySet<string>;
  readonly pyStrings: readonly RegExp[];
  readonly cSymbols: readonly RegExp[];
  readonly envVars: readonly RegExp[];
  /** Patterns per kind, for the pre-filter. */
  readonly patterns: ReadonlyMap<FactKind, readonly string[]>;
}

export function buildInterest(ruleSets: readonly RuleSet[]): Interest {
  const patterns = new Map<FactKind, string[]>();
  for (const set of ruleSets) {
    for (const rule of set.rules) {
      for (const [kind, list] of Object.entries(rule.match) as [FactKind, readonly string[]][]) {
        const bucket = patterns.get(kind) ?? [];
        bucket.push(...list);
        patterns.set(kind, bucket);
      }
    }
  }
  const of = (kind: FactKind) => [...new Set(patterns.get(kind) ?? [])];
  const pyRoots = new Set(of('py-ref').map((p) => p.split('.')[0] ?? p));
  const pyMethods = new Set(of('py-method').map((p) => p.replace(/^\*?\./, '').replace(/\(\)$/, '')));
  return {
    pyRoots,
    pyMethods,
    pyStrings: of('py-string').map(globToRegExp),
    cSymbols: of('c-symbol').map(globToRegExp),
    envVars: of('env').map(globToRegExp),
    patterns,
  };
}
