/**
 * Per-file matching, done where the file is parsed (a worker thread, or the main thread for the files
 * it takes): for each fact and target, the rule it triggers, the support signal it gives and its
 * porting unit. The main thread, after the last file, then only drops the project's own facts (a
 * question about every file at once, `own.ts`) and reads these arrays. Matching 27k facts against
 * four targets there, cold, after the parse, was most of the scan's single-threaded tail on FlagGems.
 */
import { buildMatchIndex, type MatchIndex } from './evaluate';
import { ownerFinder, type PathOwner } from './support';
import type { Fact, FactKind, RuleMatch, RuleSet } from './types';
import { type UnitRule, unitKindOf, unitOf } from './units';

/** What the matching needs of one rule set: plain data, so that it crosses to a worker thread. */
export interface TargetMatchData {
  readonly target: string;
  readonly rules: readonly (UnitRule & { readonly match: RuleMatch })[];
  readonly runtime: RuleMatch;
  readonly triton: RuleMatch;
  /** Path tokens of the stack's backend code (`support.ts`, `ownerFinder`). */
  readonly paths: readonly string[];
}

export function targetMatchData(sets: readonly RuleSet[]): TargetMatchData[] {
  return sets.map((set) => ({
    target: set.target,
    rules: set.rules.map((r) => ({ id: r.id, unit: r.unit, match: r.match })),
    runtime: set.support.runtime,
    triton: set.support.triton,
    paths: set.support.paths,
  }));
}

/** Support signal codes in `FileMatches.signal`. */
export const NO_SIGNAL = 0;
export const SIGNAL_KINDS = [undefined, 'runtime', 'triton'] as const;

/**
 * One file's matches, fact-major over the targets (`[fact * targets + target]`): typed arrays and one
 * table of distinct unit names, so that a reply from a worker stays small and cheap to receive.
 */
export interface FileMatches {
  /** The rule's index in its set's `rules`; -1 for none. */
  readonly rule: Int16Array;
  /** An index into `SIGNAL_KINDS`. */
  readonly signal: Uint8Array;
  /** An index into `units`; -1 where no rule fires. */
  readonly unit: Int32Array;
  readonly units: string[];
  /** The facts that say whether they are optional (imports, dependency declarations), in order. */
  readonly optional: number[];
}

export interface FactMatcher {
  readonly targets: number;
  match(facts: readonly Fact[]): FileMatches;
  /** Whose backend code a file is (null: nobody's). */
  ownerOf(path: string): PathOwner | null;
}

/** One slot's patterns of one fact kind, most specific first, as `buildMatchIndex` orders them. */
interface SlotPatterns {
  readonly exact: ReadonlyMap<string, number>;
  /** Into `KindPatterns.regexes`. */
  readonly globIds: readonly number[];
  readonly globValues: readonly number[];
}

/** Every slot's patterns of one fact kind; a glob several rule sets share is one RegExp, tested once. */
interface KindPatterns {
  readonly regexes: readonly RegExp[];
  readonly slots: readonly (SlotPatterns | undefined)[];
}

function combinedIndex(slots: readonly MatchIndex<number>[]): Map<FactKind, KindPatterns> {
  const kinds = new Map<
    FactKind,
    { regexes: RegExp[]; ids: Map<string, number>; slots: (SlotPatterns | undefined)[] }
  >();
  slots.forEach((index, s) => {
    for (const [kind, entry] of index) {
      let k = kinds.get(kind);
      if (!k) {
        k = { regexes: [], ids: new Map(), slots: new Array(slots.length).fill(undefined) };
        kinds.set(kind, k);
      }
      const globIds: number[] = [];
      for (const glob of entry.globs) {
        let id = k.ids.get(glob.regex.source);
        if (id === undefined) {
          id = k.regexes.length;
          k.regexes.push(glob.regex);
          k.ids.set(glob.regex.source, id);
        }
        globIds.push(id);
      }
      k.slots[s] = { exact: entry.exact, globIds, globValues: entry.globs.map((g) => g.value) };
    }
  });
  return new Map(
    [...kinds].map(([kind, { regexes, slots: kindSlots }]) => [kind, { regexes, slots: kindSlots }]),
  );
}

/** `matchFact` for every slot (absent slots keep what `into` holds), each RegExp tested at most once. */
function matchSlots(kind: KindPatterns, symbol: string, into: Int16Array): void {
  const tested = new Int8Array(kind.regexes.length); // 0: not yet, 1: matches, 2: does not
  kind.slots.forEach((slot, s) => {
    if (!slot) return;
    const exact = slot.exact.get(symbol);
    if (exact !== undefined) {
      into[s] = exact;
      return;
    }
    for (let g = 0; g < slot.globIds.length; g += 1) {
      const id = slot.globIds[g]!;
      if (tested[id] === 0) tested[id] = kind.regexes[id]!.test(symbol) ? 1 : 2;
      if (tested[id] === 1) {
        into[s] = slot.globValues[g]!;
        return;
      }
    }
  });
}

/**
 * One file's unit names, each built once and numbered: keyed as `findings.ts` caches them (by kernel,
 * by symbol, by dependency), so that a fact costs a short-key lookup, not a name built and hashed.
 */
class UnitTable {
  readonly names: string[] = [];
  private readonly kernels = new Map<string, number>();
  private readonly apis = new Map<string, number>();
  private readonly dependencies = new Map<string, number>();
  private build = -1;
  private whole = -1;

  of(rule: UnitRule, fact: Fact): number {
    if (fact.kernel !== undefined && unitKindOf(rule, fact) === 'kernel')
      return this.cached(this.kernels, fact.kernel, rule, fact);
    switch (rule.unit) {
      case 'api':
        return this.cached(this.apis, fact.symbol, rule, fact);
      case 'dependency':
        return this.cached(this.dependencies, rule.id, rule, fact);
      case 'build-target':
        if (this.build < 0) this.build = this.add(rule, fact);
        return this.build;
      case 'file':
        if (this.whole < 0) this.whole = this.add(rule, fact);
        return this.whole;
      default:
        return this.add(rule, fact); // a kernel by its line, an occurrence: one per place
    }
  }

  private cached(cache: Map<string, number>, key: string, rule: UnitRule, fact: Fact): number {
    let index = cache.get(key);
    if (index === undefined) {
      index = this.add(rule, fact);
      cache.set(key, index);
    }
    return index;
  }

  private add(rule: UnitRule, fact: Fact): number {
    this.names.push(unitOf(rule, fact).unit);
    return this.names.length - 1;
  }
}

export function buildFactMatcher(data: readonly TargetMatchData[]): FactMatcher {
  const targets = data.length;
  // every target's rules and signals: 2 × targets slots, matched in one go per (kind, symbol)
  const slots = [
    ...data.map((d) => buildMatchIndex(d.rules.map((r, i) => [r.match, i] as const))),
    ...data.map((d) =>
      buildMatchIndex([
        [d.runtime, 1],
        [d.triton, 2],
      ]),
    ),
  ];
  const kinds = combinedIndex(slots);
  // memoised per thread (a library repeats the same few hundred symbols in every file):
  // [rule of target 0..n-1, signal of target 0..n-1]
  const memo = new Map<FactKind, Map<string, Int16Array>>();
  let last: Fact | undefined;
  let lastFound: Int16Array | undefined;
  const matchesOf = (fact: Fact): Int16Array => {
    // a symbol often repeats at once (a kernel's parameters, `tl.constexpr`): no hashing then
    if (last !== undefined && fact.symbol === last.symbol && fact.kind === last.kind) return lastFound!;
    last = fact;
    lastFound = lookup(fact);
    return lastFound;
  };
  const lookup = (fact: Fact): Int16Array => {
    let bySymbol = memo.get(fact.kind);
    if (!bySymbol) {
      bySymbol = new Map();
      memo.set(fact.kind, bySymbol);
    }
    let found = bySymbol.get(fact.symbol);
    if (!found) {
      found = new Int16Array(2 * targets);
      for (let t = 0; t < targets; t += 1) found[t] = -1;
      const kind = kinds.get(fact.kind);
      if (kind) matchSlots(kind, fact.symbol, found);
      bySymbol.set(fact.symbol, found);
    }
    return found;
  };
  const findOwner = ownerFinder(data.map((d) => [d.target, d.paths] as const));
  return {
    targets,
    ownerOf: (path) => findOwner(path) ?? null,
    match(facts) {
      const n = facts.length * targets;
      const rule = new Int16Array(n);
      const signal = new Uint8Array(n);
      const unit = new Int32Array(n);
      const units = new UnitTable();
      const optional: number[] = [];
      for (let f = 0, at = 0; f < facts.length; f += 1) {
        const fact = facts[f]!;
        if (fact.optional !== undefined) optional.push(f);
        const found = matchesOf(fact);
        // the targets' rules for one fact mostly share a unit: reuse the previous target's
        let lastRule: UnitRule | undefined;
        let lastUnit = -1;
        for (let t = 0; t < targets; t += 1, at += 1) {
          signal[at] = found[targets + t]!;
          const r = found[t]!;
          rule[at] = r;
          if (r < 0) {
            unit[at] = -1;
            continue;
          }
          const ruleData = data[t]!.rules[r]!;
          if (
            lastRule === undefined ||
            lastRule.unit !== ruleData.unit ||
            (ruleData.unit === 'dependency' && lastRule.id !== ruleData.id)
          ) {
            lastRule = ruleData;
            lastUnit = units.of(ruleData, fact);
          }
          unit[at] = lastUnit;
        }
      }
      return { rule, signal, unit, units: units.names, optional };
    },
  };
}
