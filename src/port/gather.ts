/**
 * From file results to the scan's facts, on the main thread after the last file: drop the facts that
 * name the project's own code and concatenate the rest in report order. Kept to array copies and set
 * lookups: this is the part of the scan that no other core can share.
 */
import type { FileResult } from './file-scan';
import { isOwn, type OwnNames } from './own';
import type { Fact } from './types';

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
  readonly ownFactsDropped: number;
}

const byPath = (a: FileResult, b: FileResult) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The facts that do not name the project's own code, in report order: files by path, each file's facts
 * already sorted where it was scanned, so that no sort of all facts is needed.
 */
export function keptFacts(results: readonly FileResult[], own: OwnNames): KeptFacts {
  const facts: Fact[] = [];
  let ownFactsDropped = 0;
  for (const r of [...results].sort(byPath))
    for (const fact of r.facts) {
      if (isOwn(fact, own)) ownFactsDropped += 1;
      else facts.push(fact);
    }
  return { facts, ownFactsDropped };
}
