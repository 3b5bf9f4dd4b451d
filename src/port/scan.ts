/**
 * `chipmix port scan`: walk → parse on all cores → own definitions → facts (this file, the I/O
 * side), then findings, support and summaries (`buildReport`, pure).
 *
 *   files ──walk (.gitignore, excludes, scopes)──▶ workers: read, pre-filter, parse, extract
 *         ──▶ facts + the project's own definitions ──drop own──▶ facts
 *   facts × rule sets ──support, units, status──▶ findings ──summarize──▶ per-target summaries ──▶ formats
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseToml } from 'smol-toml';
import { buildInterest, interestMatches } from './evaluate';
import type { ReadBytes } from './file-scan';
import { buildFindings } from './findings';
import { keptFacts, pathSuffixes } from './gather';
import { collectOwnNames, ownPathNames } from './own';
import { ScanPool } from './pool';
import { type FactMatches, matchFacts } from './prematch';
import { buildScopeClassifier, type ScopeOverride, submodulePaths } from './scope';
import { summarize } from './summary';
import { buildSupport, type OptionalCode, ownerFinder, type PathOwner } from './support';
import type { Fact, Finding, PortReport, RuleSet, ScanStats, Scope } from './types';
import { type WalkResult, walkSourceFiles } from './walk';

/**
 * Git submodules are vendored code. Listed before the config file's and `--scope`'s overrides: a more specific
 * pattern there, or an equally specific one, says otherwise (scope.ts: the longest pattern wins, later on ties).
 */
function submoduleScopes(root: string): ScopeOverride[] {
  const file = join(root, '.gitmodules');
  if (!existsSync(file)) return [];
  try {
    return submodulePaths(readFileSync(file, 'utf8')).map((path) => ({
      scope: 'vendored',
      pattern: `/${path}/`,
    }));
  } catch {
    return [];
  }
}

export interface ScanOptions {
  /** gitignore-style patterns to leave out (`--exclude`, the config file's `exclude`). */
  readonly exclude?: readonly string[];
  /** Scope overrides (the config file's `scopes`, then `--scope`). */
  readonly scopes?: readonly ScopeOverride[];
  /** Honour .gitignore files (default true). */
  readonly gitignore?: boolean;
  /** Threads in all (default: every core). */
  readonly threads?: number;
  /** Read files through this function (tests of unreadable files). */
  readonly readBytes?: ReadBytes;
  /** Leave every file to worker threads (tests). */
  readonly workersOnly?: boolean;
  /**
   * Every rule set the caller loaded (default: the scanned ones). Their backend paths say whose code a path is, so
   * another target's backend stays that target's code when only some targets are scanned.
   */
  readonly knownRuleSets?: readonly RuleSet[];
}

export interface FactScan {
  readonly facts: Fact[];
  /** Each fact's rule, signal and unit per target, and each path's owner (absent: `buildReport` matches). */
  readonly matches?: FactMatches & { readonly owners: ReadonlyMap<string, PathOwner | null> };
  /** Every scanned path with its scope. */
  readonly scopes: ReadonlyMap<string, Scope>;
  /** Project headers each C-family file includes, resolved to scanned paths. */
  readonly includesOf: ReadonlyMap<string, readonly string[]>;
  /** Code only an off-by-default CMake option builds (`support.ts`). */
  readonly optionalCode?: readonly OptionalCode[];
  readonly stats: ScanStats;
  readonly warnings: string[];
}

/** The directory part of a scanned path, with its trailing `/` (`''` at the root). */
const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

const SOURCE_KINDS = new Set(['python', 'c-family', 'cuda']);

/** The project's own distribution names: pyproject `[project] name`, Poetry's, setup.py's `name=`. */
function distributionNames(root: string): string[] {
  const names: string[] = [];
  try {
    const pyproject = join(root, 'pyproject.toml');
    if (existsSync(pyproject)) {
      const data = parseToml(readFileSync(pyproject, 'utf8')) as {
        project?: { name?: unknown };
        tool?: { poetry?: { name?: unknown } };
      };
      for (const name of [data.project?.name, data.tool?.poetry?.name])
        if (typeof name === 'string') names.push(name);
    }
  } catch {
    // a broken pyproject.toml is reported by its extractor; the name is only a hint here
  }
  try {
    const setup = join(root, 'setup.py');
    if (existsSync(setup)) {
      const m = /\bname\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]*)["']/.exec(readFileSync(setup, 'utf8'));
      if (m) names.push(m[1]!);
    }
  } catch {
    // same: only a hint
  }
  return names;
}

export async function scanFacts(
  root: string,
  ruleSets: readonly RuleSet[],
  options: ScanOptions = {},
): Promise<FactScan> {
  const started = performance.now();
  // the pool loads its parsers and starts its workers while the tree is walked
  const threads = new ScanPool(interestMatches(ruleSets), {
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.readBytes ? { readBytes: options.readBytes } : {}),
    ...(options.workersOnly ? { workersOnly: true } : {}),
  });
  let walk: WalkResult;
  try {
    walk = walkSourceFiles(root, {
      exclude: options.exclude ?? [],
      gitignore: options.gitignore !== false,
      scopeOf: buildScopeClassifier([...submoduleScopes(root), ...(options.scopes ?? [])]),
      onFileFound: threads.onFileFound,
    });
  } catch (error) {
    threads.close();
    throw error;
  }
  const scanning = threads.scan(walk.files);
  // what the paths alone say is the project's own, worked out while the grammars finish compiling (the
  // pool's first await): every suffix of every path is what an `#include` can name, own headers included
  const bySuffix = pathSuffixes(walk.files);
  const fromPaths = ownPathNames(
    walk.files.map((f) => f.path),
    buildInterest(ruleSets).pyRoots,
    distributionNames(root),
    bySuffix,
  );
  // whose backend code each path is: paths and rule sets only
  const ownerOf = ownerFinder(
    (options.knownRuleSets ?? ruleSets).map((set) => [set.target, set.support.paths] as const),
  );
  const owners = new Map(walk.files.map((f) => [f.path, ownerOf(f.path) ?? null] as const));
  const pool = await scanning;
  const own = collectOwnNames(pool.results, fromPaths);
  const warnings = [...walk.warnings];
  const scopes = new Map<string, Scope>();
  const filesByScope: Partial<Record<Scope, number>> = {};
  let filesParsed = 0;
  let linesSeen = 0;
  let productSourceLines = 0;
  const includesOf = new Map<string, string[]>();
  const optionalCode: OptionalCode[] = [];
  // in walk order: the order of the paths (support signals) and of the warnings in the report
  for (const r of pool.results) {
    scopes.set(r.path, r.scope);
    filesByScope[r.scope] = (filesByScope[r.scope] ?? 0) + 1;
    for (const w of r.warnings) warnings.push(w);
    if (r.parsed) filesParsed += 1;
    linesSeen += r.lines;
    if (r.scope === 'product' && SOURCE_KINDS.has(r.kind)) productSourceLines += r.lines;
    if (r.optionalBuild) {
      const dir = dirOf(r.path);
      const { rest, dirs } = r.optionalBuild;
      if (rest)
        optionalCode.push({ file: r.path, fromLine: rest.fromLine, option: rest.option, declaredIn: r.path });
      for (const d of dirs)
        optionalCode.push({ prefix: `${dir}${d.dir}/`, option: d.option, declaredIn: r.path });
    }
    if (r.includes.length > 0) {
      const dir = dirOf(r.path);
      const resolved = r.includes
        .map((inc) => bySuffix.get(`${dir}${inc}`.replace(/^\.\//, '')) ?? bySuffix.get(inc))
        .filter((p): p is string => p !== undefined);
      if (resolved.length > 0) includesOf.set(r.path, resolved);
    }
  }
  const { facts, ownFactsDropped } = keptFacts(pool.results, own);
  const matches = { ...matchFacts(ruleSets, facts), owners };
  const seconds = (performance.now() - started) / 1000;
  return {
    facts,
    matches,
    scopes,
    includesOf,
    optionalCode,
    warnings,
    stats: {
      filesSeen: walk.files.length,
      filesParsed,
      linesSeen,
      productSourceLines,
      filesByScope,
      ownFactsDropped,
      threads: pool.threads,
      seconds,
    },
  };
}

/** Pure: support, findings and summaries for every rule set. */
export function buildReport(root: string, ruleSets: readonly RuleSet[], scan: FactScan): PortReport {
  // the scan matched the facts already (prematch.ts) when it had these very sets
  const matched = scan.matches?.ruleSets === ruleSets ? scan.matches : matchFacts(ruleSets, scan.facts);
  // path owners come from the scan whatever sets are matched: they rest on every loaded target's backend paths
  const owners = scan.matches?.owners;
  const support = buildSupport(ruleSets, scan.facts, [...scan.scopes.keys()], scan.includesOf, {
    signal: matched.signal,
    ...(owners ? { owners } : {}),
    ...(scan.optionalCode ? { optionalCode: scan.optionalCode } : {}),
    scopes: scan.scopes,
  });
  const scopeOf = (file: string) => scan.scopes.get(file) ?? 'product';
  const perSet = ruleSets.map((set, i) =>
    buildFindings(set, scan.facts, scopeOf, support, {
      rule: matched.rule[i]!,
      unit: matched.unit[i]!,
      optional: matched.optional,
    }),
  );
  return {
    root,
    targets: ruleSets.map((s) => s.target),
    // concat copies the four arrays in one go (flatMap over 80k findings took 10 ms)
    findings: ([] as Finding[]).concat(...perSet),
    // each summary is given its own target's findings (it keeps those of its target only)
    summaries: ruleSets.map((set, i) =>
      summarize(set, perSet[i]!, {
        productSourceLines: scan.stats.productSourceLines,
        signals: support.signals,
      }),
    ),
    ruleSets,
    support: support.signals,
    stats: scan.stats,
    warnings: scan.warnings,
  };
}

/** Scan a directory for the given (already merged) rule sets. */
export async function scanDirectory(
  root: string,
  ruleSets: readonly RuleSet[],
  options: ScanOptions = {},
): Promise<PortReport> {
  return buildReport(root, ruleSets, await scanFacts(root, ruleSets, options));
}
