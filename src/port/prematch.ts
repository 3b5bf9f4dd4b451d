/**
 * Every fact's rule, support signal and unit per target, in one pass over the scan's facts after the
 * last file: one memoised lookup of a (kind, symbol) answers for every target at once (the report
 * used to match each fact eight times, a rule and a signal per target), and a glob the rule sets share
 * is tested once. Done on the main thread: matching in the parser threads was measured to cost the
 * parse more than it spared here (each thread matched the same symbols again, and its replies grew).
 */
import { buildMatchIndex, type MatchIndex } from './evaluate';
import type { Fact, FactKind, RuleSet } from './types';
import { FileUnits, type UnitRule } from './units';

/** Support signal codes in `FactMatches.signal`. */
export const NO_SIGNAL = 0;
export const SIGNAL_KINDS = [undefined, 'runtime', 'triton'] as const;

/** Every fact's matches per target, aligned with the facts. */
export interface FactMatches {
  /** The rule sets the indices refer to (a report for other sets matches the facts itself). */
  readonly ruleSets: readonly RuleSet[];
  /** `[target][fact]`: the rule's index in the set's `rules`, -1 for none. */
  readonly rule: readonly Int16Array[];
  /** `[target][fact]`: an index into `SIGNAL_KINDS`. */
  readonly signal: readonly Uint8Array[];
  /** `[target][fact]`: the unit's name (a hole where no rule fires). */
  readonly unit: readonly (readonly string[])[];
  /** The facts that say whether they are optional (imports, dependency declarations), in order. */
  readonly optional: readonly number[];
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

/** The most specific pattern (exact, then the longest glob) for every slot (absent slots keep what `into` holds), each RegExp tested at most once. */
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

/** `facts` in report order (grouped by file: unit names are numbered per file). */
export function matchFacts(ruleSets: readonly RuleSet[], facts: readonly Fact[]): FactMatches {
  const targets = ruleSets.length;
  // every target's rules and signals: 2 × targets slots, matched in one go per (kind, symbol)
  const kinds = combinedIndex([
    ...ruleSets.map((set) => buildMatchIndex(set.rules.map((r, i) => [r.match, i] as const))),
    ...ruleSets.map((set) =>
      buildMatchIndex([
        [set.support.runtime, 1],
        [set.support.triton, 2],
      ]),
    ),
  ]);
  // a library repeats the same few hundred symbols in every file: [rule of target 0..n-1, signal of 0..n-1]
  const memo = new Map<FactKind, Map<string, Int16Array>>();
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
  const n = facts.length;
  const rule = ruleSets.map(() => new Int16Array(n));
  const signal = ruleSets.map(() => new Uint8Array(n));
  const unit = ruleSets.map(() => new Array<string>(n));
  const optional: number[] = [];
  let file: string | undefined;
  let units = new FileUnits();
  let last: Fact | undefined;
  let found: Int16Array = new Int16Array(0);
  for (let f = 0; f < n; f += 1) {
    const fact = facts[f]!;
    if (fact.file !== file) {
      file = fact.file;
      units = new FileUnits();
    }
    if (fact.optional !== undefined) optional.push(f);
    // a symbol often repeats at once (a kernel's parameters, `tl.constexpr`): no hashing then
    if (last === undefined || fact.symbol !== last.symbol || fact.kind !== last.kind) found = lookup(fact);
    last = fact;
    // the targets' rules for one fact mostly share a unit: reuse the previous target's
    let lastRule: UnitRule | undefined;
    let lastUnit = '';
    for (let t = 0; t < targets; t += 1) {
      signal[t]![f] = found[targets + t]!;
      const r = found[t]!;
      rule[t]![f] = r;
      if (r < 0) continue;
      const ruleData = ruleSets[t]!.rules[r]!;
      if (
        lastRule === undefined ||
        lastRule.unit !== ruleData.unit ||
        (ruleData.unit === 'dependency' && lastRule.id !== ruleData.id)
      ) {
        lastRule = ruleData;
        lastUnit = units.of(ruleData, fact).unit;
      }
      unit[t]![f] = lastUnit;
    }
  }
  return { ruleSets, rule, signal, unit, optional };
}
