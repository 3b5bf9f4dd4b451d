/**
 * `chipmix port scan`: walk → pre-filter → parse → extract facts (this file, the I/O side), then
 * evaluate rules and summarise per target (`buildReport`, pure).
 *
 *   files ──classify──▶ text ──prefilter──▶ tree-sitter / TOML / line grammars ──▶ facts
 *   facts × rule sets ──evaluate──▶ findings ──summarize──▶ per-target summaries ──▶ formats
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildInterest, evaluate, type Interest } from './evaluate';
import { buildCScanner, extractCFamily } from './extract/c-family';
import { extractCmake } from './extract/cmake';
import { extractDockerfile } from './extract/dockerfile';
import { extractPyproject } from './extract/pyproject';
import { extractPython } from './extract/python';
import { extractRequirements } from './extract/requirements';
import { loadParsers } from './parsers';
import { buildPrefilter } from './prefilter';
import { summarize } from './summary';
import type { Fact, PortReport, RuleSet, ScanStats } from './types';
import { listSourceFiles } from './walk';

/** Larger files are generated or vendored blobs; they are skipped with a warning. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface FactScan {
  readonly facts: Fact[];
  readonly stats: ScanStats;
  readonly warnings: string[];
}

function countLines(text: string): number {
  let n = 0;
  let at = text.indexOf('\n');
  while (at >= 0) {
    n += 1;
    at = text.indexOf('\n', at + 1);
  }
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

export async function scanFacts(root: string, interest: Interest): Promise<FactScan> {
  const started = performance.now();
  const parsers = await loadParsers();
  const prefilter = buildPrefilter(interest);
  const cScanner = buildCScanner(interest);
  const facts: Fact[] = [];
  const warnings: string[] = [];
  let filesParsed = 0;
  let linesSeen = 0;
  const files = listSourceFiles(root);
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file.absolute).size > MAX_FILE_BYTES) {
        warnings.push(`${file.path}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
        continue;
      }
      text = readFileSync(file.absolute, 'utf8');
    } catch (error) {
      warnings.push(`${file.path}: cannot read (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    linesSeen += countLines(text);
    try {
      switch (file.kind) {
        case 'python':
        case 'setup-py': {
          if (file.kind === 'python' && prefilter.python && !prefilter.python.test(text)) break;
          const tree = parsers.python.parse(text);
          if (!tree) throw new Error('parser returned no tree');
          extractPython(tree, text, { file: file.path, interest, setupPy: file.kind === 'setup-py' }, facts);
          tree.delete();
          filesParsed += 1;
          break;
        }
        case 'c-family':
        case 'cuda': {
          if (file.kind === 'c-family' && prefilter.cFamily && !prefilter.cFamily.test(text)) break;
          const tree = parsers.cFamily.parse(text);
          if (!tree) throw new Error('parser returned no tree');
          extractCFamily(tree, text, { file: file.path, cudaSource: file.kind === 'cuda' }, cScanner, facts);
          tree.delete();
          filesParsed += 1;
          break;
        }
        case 'requirements':
          extractRequirements(text, file.path, facts);
          filesParsed += 1;
          break;
        case 'pyproject':
          extractPyproject(text, file.path, facts);
          filesParsed += 1;
          break;
        case 'cmake':
          extractCmake(text, file.path, facts);
          filesParsed += 1;
          break;
        case 'dockerfile':
          extractDockerfile(text, file.path, facts);
          filesParsed += 1;
          break;
      }
    } catch (error) {
      warnings.push(`${file.path}: cannot parse (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  facts.sort(compareFacts);
  const seconds = (performance.now() - started) / 1000;
  return { facts, warnings, stats: { filesSeen: files.length, filesParsed, linesSeen, seconds } };
}

export function compareFacts(a: Fact, b: Fact): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
}

/** Pure: evaluates every rule set over the facts and summarises each target. */
export function buildReport(
  root: string,
  ruleSets: readonly RuleSet[],
  scan: { facts: readonly Fact[]; stats: ScanStats; warnings: readonly string[] },
): PortReport {
  const findings = ruleSets.flatMap((set) => evaluate(set, scan.facts));
  return {
    root,
    targets: ruleSets.map((s) => s.target),
    findings,
    summaries: ruleSets.map((set) => summarize(set, findings)),
    ruleSets,
    stats: scan.stats,
    warnings: scan.warnings,
  };
}

/** Scan a directory for the given (already merged) rule sets. */
export async function scanDirectory(root: string, ruleSets: readonly RuleSet[]): Promise<PortReport> {
  const interest = buildInterest(ruleSets);
  const scan = await scanFacts(root, interest);
  return buildReport(root, ruleSets, scan);
}
