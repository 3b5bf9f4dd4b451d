/**
 * Rule matching: the patterns per fact kind (most specific first; `prematch.ts` matches every target at once), and what the extractors must look for.
 * Pure (no I/O). Findings are built in `findings.ts`.
 *
 * Each fact matches at most one rule per target: the most specific one. An exact pattern beats any
 * glob; among globs the one with more literal characters wins (so `torch.cuda.amp.*` beats
 * `torch.cuda.*`, letting a rule file keep a catch-all next to precise rules).
 */
import type { FactKind, RuleMatch, RuleSet } from './types';

interface GlobEntry<T> {
  readonly regex: RegExp;
  readonly literalLength: number;
  readonly value: T;
}

interface KindIndex<T> {
  readonly exact: Map<string, T>;
  readonly globs: GlobEntry<T>[];
}

/** Patterns per fact kind → a value (a rule, a support kind), most specific first. */
export type MatchIndex<T> = ReadonlyMap<FactKind, KindIndex<T>>;

/** Converts a glob (`*` = any run, everything else literal) to an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function buildMatchIndex<T>(entries: readonly (readonly [RuleMatch, T])[]): MatchIndex<T> {
  const index = new Map<FactKind, KindIndex<T>>();
  for (const [match, value] of entries) {
    for (const [kind, patterns] of Object.entries(match) as [FactKind, readonly string[]][]) {
      let entry = index.get(kind);
      if (!entry) {
        entry = { exact: new Map(), globs: [] };
        index.set(kind, entry);
      }
      for (const pattern of patterns) {
        if (!pattern.includes('*')) {
          if (!entry.exact.has(pattern)) entry.exact.set(pattern, value);
        } else {
          entry.globs.push({
            regex: globToRegExp(pattern),
            literalLength: pattern.replace(/\*/g, '').length,
            value,
          });
        }
      }
    }
  }
  for (const entry of index.values()) entry.globs.sort((a, b) => b.literalLength - a.literalLength);
  return index;
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
  /** Keyword-argument names of `py-kwarg` patterns (`fused`). */
  readonly pyKwargs: ReadonlySet<string>;
  readonly cSymbols: readonly RegExp[];
  readonly envVars: readonly RegExp[];
  /** Patterns per kind, for the pre-filter. */
  readonly patterns: ReadonlyMap<FactKind, readonly string[]>;
}

/** `compare:nccl` patterns match a compared string literal; the literal itself is `nccl`. */
const COMPARE = /^compare:/;

/** Every match block of the rule sets (rules and support): what the extractors must look for. */
export function interestMatches(ruleSets: readonly RuleSet[]): RuleMatch[] {
  return ruleSets.flatMap((set) => [
    ...set.rules.map((r) => r.match),
    set.support.runtime,
    set.support.triton,
  ]);
}

export function buildInterest(ruleSets: readonly RuleSet[]): Interest {
  return buildInterestFromMatches(interestMatches(ruleSets));
}

/** Plain data in (so a worker thread can rebuild it from a message), Interest out. */
export function buildInterestFromMatches(matches: readonly RuleMatch[]): Interest {
  const patterns = new Map<FactKind, string[]>();
  const add = (match: RuleMatch) => {
    for (const [kind, list] of Object.entries(match) as [FactKind, readonly string[]][]) {
      const bucket = patterns.get(kind) ?? [];
      bucket.push(...list.map((p) => (kind === 'py-string' ? p.replace(COMPARE, '') : p)));
      patterns.set(kind, bucket);
    }
  };
  for (const match of matches) add(match);
  const of = (kind: FactKind) => [...new Set(patterns.get(kind) ?? [])];
  const pyRoots = new Set(of('py-ref').map((p) => p.split('.')[0] ?? p));
  const pyMethods = new Set(of('py-method').map((p) => p.replace(/^\*?\./, '').replace(/\(\)$/, '')));
  return {
    pyRoots,
    pyMethods,
    pyStrings: of('py-string').map(globToRegExp),
    pyKwargs: new Set(of('py-kwarg')),
    cSymbols: of('c-symbol').map(globToRegExp),
    envVars: of('env').map(globToRegExp),
    patterns,
  };
}
