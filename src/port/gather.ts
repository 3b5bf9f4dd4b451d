/**
 * From file results to the scan's facts, on the main thread after the last file: drop the facts that
 * name the project's own code and concatenate the rest in report order, each with the per-target
 * matches its thread worked out (`prematch.ts`). Kept to array copies and set lookups: this is the
 * part of the scan that no other core can share.
 */
import type { FileResult } from './file-scan';
import { isOwn, type OwnNames } from './own';
import type { PathOwner } from './support';
import type { Fact, RuleSet } from './types';

/** Every fact's rule, support signal and unit per target, aligned with the scan's facts. */
export interface ScanMatches {
  /** The rule sets the indices refer to (a report for other sets matches the facts itself). */
  readonly ruleSets: readonly RuleSet[];
  /** `[target][fact]`: the rule's index in the set's `rules`, -1 for none. */
  readonly rule: readonly Int16Array[];
  /** `[target][fact]`: an index into `SIGNAL_KINDS`. */
  readonly signal: readonly Uint8Array[];
  /** `[target][fact]`: the unit's name (a hole where no rule fires). */
  readonly unit: readonly (readonly string[])[];
  /** Every scanned path's owner (`support.ts`; null: nobody's). */
  readonly owners: ReadonlyMap<string, PathOwner | null>;
  /** The facts that say whether they are optional (imports, dependency declarations), in order. */
  readonly optional: readonly number[];
}

/** Every path and every `/`-suffix of one (`a/b/c.h`: `c.h`, `b/c.h`) → the first scanned path it ends. */
export function pathSuffixes(files: readonly { readonly path: string }[]): Map<string, string> {
  const bySuffix = new Map<string, string>();
  for (const { path } of files) {
    if (!bySuffix.has(path)) bySuffix.set(path, path);
    for (let cut = path.indexOf('/'); cut >= 0; cut = path.indexOf('/', cut + 1)) {
      const suffix = path.slice(cut + 1);
      if (!bySuffix.has(suffix)) bySuffix.set(suffix, path);
    }
  }
  return bySuffix;
}

export interface KeptFacts {
  readonly facts: Fact[];
  /** Absent when a file came without matches (the report then matches the facts itself). */
  readonly matches?: ScanMatches;
  readonly ownFactsDropped: number;
}

const byPath = (a: FileResult, b: FileResult) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The facts that do not name the project's own code, in report order: files by path, each file's facts
 * already sorted where it was scanned, so that no sort of all facts is needed.
 */
export function keptFacts(
  results: readonly FileResult[],
  own: OwnNames,
  ruleSets: readonly RuleSet[],
): KeptFacts {
  const targets = ruleSets.length;
  let total = 0;
  let complete = true;
  const owners = new Map<string, PathOwner | null>();
  for (const r of results) {
    total += r.facts.length;
    if (r.facts.length > 0 && r.matches?.rule.length !== r.facts.length * targets) complete = false;
    if (r.owner === undefined) complete = false;
    else owners.set(r.path, r.owner);
  }
  const rule = complete ? ruleSets.map(() => new Int16Array(total)) : [];
  const signal = complete ? ruleSets.map(() => new Uint8Array(total)) : [];
  const unit: string[][] = complete ? ruleSets.map(() => new Array<string>(total)) : [];
  const facts: Fact[] = [];
  const optional: number[] = [];
  let ownFactsDropped = 0;
  for (const r of [...results].sort(byPath)) {
    const m = r.matches;
    let nextOptional = 0; // into m.optional, which is in fact order
    for (let f = 0; f < r.facts.length; f += 1) {
      const fact = r.facts[f]!;
      const isOptional = m !== undefined && m.optional[nextOptional] === f;
      if (isOptional) nextOptional += 1;
      if (isOwn(fact, own)) {
        ownFactsDropped += 1;
        continue;
      }
      if (m) {
        const k = facts.length;
        if (isOptional) optional.push(k);
        for (let t = 0, at = f * targets; t < targets; t += 1, at += 1) {
          rule[t]![k] = m.rule[at]!;
          signal[t]![k] = m.signal[at]!;
          const u = m.unit[at]!;
          if (u >= 0) unit[t]![k] = m.units[u]!;
        }
      }
      facts.push(fact);
    }
  }
  if (!complete) return { facts, ownFactsDropped };
  const n = facts.length;
  for (const names of unit) names.length = n;
  return {
    facts,
    matches: {
      ruleSets,
      rule: rule.map((a) => a.subarray(0, n)),
      signal: signal.map((a) => a.subarray(0, n)),
      unit,
      owners,
      optional,
    },
    ownFactsDropped,
  };
}
