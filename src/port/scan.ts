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
import { collectOwnNames, isOwn } from './own';
import { ScanPool } from './pool';
import { buildScopeClassifier, type ScopeOverride, submodulePaths } from './scope';
import { summarize } from './summary';
import { buildSupport } from './support';
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
}

export interface FactScan {
  readonly facts: Fact[];
  /** Every scanned path with its scope. */
  readonly scopes: ReadonlyMap<string, Scope>;
  /** Project headers each C-family file includes, resolved to scanned paths. */
  readonly includesOf: ReadonlyMap<string, readonly string[]>;
  readonly stats: ScanStats;
  readonly warnings: string[];
}

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
  const pool = await threads.scan(walk.files);
  const interest = buildInterest(ruleSets);
  const own = collectOwnNames(pool.results, interest.pyRoots, distributionNames(root));
  const warnings = [...walk.warnings];
  const facts: Fact[] = [];
  const scopes = new Map<string, Scope>();
  const filesByScope: Partial<Record<Scope, number>> = {};
  let ownFactsDropped = 0;
  let filesParsed = 0;
  let linesSeen = 0;
  let productSourceLines = 0;
  const bySuffix = new Map<string, string>();
  for (const r of pool.results) {
    const parts = r.path.split('/');
    for (let i = parts.length - 1; i >= 0; i -= 1) {
      const suffix = parts.slice(i).join('/');
      if (!bySuffix.has(suffix)) bySuffix.set(suffix, r.path);
    }
  }
  const includesOf = new Map<string, string[]>();
  for (const r of pool.results) {
    scopes.set(r.path, r.scope);
    filesByScope[r.scope] = (filesByScope[r.scope] ?? 0) + 1;
    warnings.push(...r.warnings);
    if (r.parsed) filesParsed += 1;
    linesSeen += r.lines;
    if (r.scope === 'product' && SOURCE_KINDS.has(r.kind)) productSourceLines += r.lines;
    for (const fact of r.facts) {
      if (isOwn(fact, own)) ownFactsDropped += 1;
      else facts.push(fact);
    }
    if (r.includes.length > 0) {
      const dir = r.path.includes('/') ? r.path.slice(0, r.path.lastIndexOf('/') + 1) : '';
      const resolved = r.includes
        .map((inc) => bySuffix.get(`${dir}${inc}`.replace(/^\.\//, '')) ?? bySuffix.get(inc))
        .filter((p): p is string => p !== undefined);
      if (resolved.length > 0) includesOf.set(r.path, resolved);
    }
  }
  facts.sort(compareFacts);
  const seconds = (performance.now() - started) / 1000;
  return {
    facts,
    scopes,
    includesOf,
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

export function compareFacts(a: Fact, b: Fact): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
}

/** Pure: support, findings and summaries for every rule set. */
export function buildReport(root: string, ruleSets: readonly RuleSet[], scan: FactScan): PortReport {
  const support = buildSupport(ruleSets, scan.facts, [...scan.scopes.keys()], scan.includesOf);
  const scopeOf = (file: string) => scan.scopes.get(file) ?? 'product';
  const perSet = ruleSets.map((set) => buildFindings(set, scan.facts, scopeOf, support));
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
