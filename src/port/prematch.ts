/**
 * Per-file matching, done where the file is parsed (a worker thread, or the main thread for the files
 * it takes): for each fact and target, the rule it triggers, the support signal it gives and its
 * porting unit. The main thread, after the last file, then only drops the project's own facts (a
 * question about every file at once, `own.ts`) and reads these arrays. Matching 27k facts against
 * four targets there, cold, after the parse, was most of the scan's single-threaded tail on FlagGems.
 */
import { buildMatchIndex, memoMatcher } from './evaluate';
import { ownerFinder, type PathOwner } from './support';
import type { Fact, RuleMatch, RuleSet } from './types';
import { type UnitRule, unitOf } from './units';

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

export function buildFactMatcher(data: readonly TargetMatchData[]): FactMatcher {
  const targets = data.length;
  // memoised per thread: a library repeats the same few hundred symbols in every file
  const ruleOf = data.map((d) => memoMatcher(buildMatchIndex(d.rules.map((r, i) => [r.match, i] as const))));
  const signalOf = data.map((d) =>
    memoMatcher(
      buildMatchIndex([
        [d.runtime, 1],
        [d.triton, 2],
      ]),
    ),
  );
  const findOwner = ownerFinder(data.map((d) => [d.target, d.paths] as const));
  return {
    targets,
    ownerOf: (path) => findOwner(path) ?? null,
    match(facts) {
      const n = facts.length * targets;
      const rule = new Int16Array(n);
      const signal = new Uint8Array(n);
      const unit = new Int32Array(n);
      const units: string[] = [];
      const unitIndex = new Map<string, number>();
      const optional: number[] = [];
      for (let f = 0, at = 0; f < facts.length; f += 1) {
        const fact = facts[f]!;
        if (fact.optional !== undefined) optional.push(f);
        // the targets' rules for one fact mostly share a unit: reuse the previous target's name
        let lastRule: UnitRule | undefined;
        let lastUnit = -1;
        for (let t = 0; t < targets; t += 1, at += 1) {
          signal[at] = signalOf[t]!(fact) ?? NO_SIGNAL;
          const r = ruleOf[t]!(fact);
          if (r === undefined) {
            rule[at] = -1;
            unit[at] = -1;
            continue;
          }
          rule[at] = r;
          const ruleData = data[t]!.rules[r]!;
          if (
            lastRule === undefined ||
            lastRule.unit !== ruleData.unit ||
            (ruleData.unit === 'dependency' && lastRule.id !== ruleData.id)
          ) {
            const name = unitOf(ruleData, fact).unit;
            let index = unitIndex.get(name);
            if (index === undefined) {
              index = units.length;
              units.push(name);
              unitIndex.set(name, index);
            }
            lastRule = ruleData;
            lastUnit = index;
          }
          unit[at] = lastUnit;
        }
      }
      return { rule, signal, unit, units, optional };
    },
  };
}
