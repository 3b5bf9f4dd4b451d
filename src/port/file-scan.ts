/**
 * One file: read → check → pre-filter → parse → extract. Runs in worker threads (`worker.ts`) and,
 * for small trees, on the main thread. Bad input never throws out of here: an unreadable file, a
 * binary file with a source extension, an oversized file or line, or a parse failure becomes a
 * one-line warning and the file is skipped; text that is not valid UTF-8 is read with replacement
 * characters (so a GBK comment does not hide the code around it) and warned about.
 */
import { readFileSync, statSync } from 'node:fs';
import { buildInterestFromMatches, type Interest } from './evaluate';
import { buildCScanner, type CScanner, extractCFamily } from './extract/c-family';
import { extractCmake, type OptionalBuild, optionalBuild } from './extract/cmake';
import { extractCondaEnvironment } from './extract/conda';
import { extractDockerfile } from './extract/dockerfile';
import { extractMakefile } from './extract/makefile';
import { extractPyproject } from './extract/pyproject';
import { extractPython } from './extract/python';
import { extractRequirements } from './extract/requirements';
import { extractSetupCfg } from './extract/setup-cfg';
import { type GrammarModules, loadParsers, type Parsers } from './parsers';
import { buildPrefilter, type Prefilter } from './prefilter';
import type { Fact, RuleMatch, Scope } from './types';
import type { FileKind, SourceFile } from './walk';

/** Larger files are generated or vendored blobs; they are skipped with a warning. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** A longer line means minified or generated code. */
export const MAX_LINE_CHARS = 256 * 1024;
/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_PROBE_BYTES = 8000;

export interface FileResult {
  readonly path: string;
  readonly kind: FileKind;
  readonly scope: Scope;
  /** 0 when skipped. */
  readonly lines: number;
  readonly parsed: boolean;
  readonly skipped: boolean;
  /** In report order (`compareFacts`): the scan concatenates files in path order and sorts nothing. */
  readonly facts: Fact[];
  /** Names the file defines itself that a rule would match (see extract/c-family.ts, python.ts). */
  readonly defs: string[];
  /** `#include` paths, for telling the project's own headers from vendor ones. */
  readonly includes: string[];
  readonly warnings: string[];
  /** A CMake file's options that are off by default, and what they gate (`extract/cmake.ts`). */
  readonly optionalBuild?: OptionalBuild;
}

export interface ScanContext {
  readonly parsers: Parsers;
  readonly interest: Interest;
  readonly prefilter: Prefilter;
  readonly cScanner: CScanner;
}

/** `modules`: the grammars compiled by the main thread (in a worker); else compiled here. */
export async function createScanContext(
  matches: readonly RuleMatch[],
  modules?: GrammarModules,
): Promise<ScanContext> {
  const interest = buildInterestFromMatches(matches);
  return {
    parsers: await loadParsers(modules),
    interest,
    prefilter: buildPrefilter(interest),
    cScanner: buildCScanner(interest),
  };
}

/** Report order of facts: by file (code units), line, column, symbol. */
export function compareFacts(a: Fact, b: Fact): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
}

export type ReadBytes = (absolute: string) => Uint8Array;
const readBytesFromDisk: ReadBytes = (absolute) => readFileSync(absolute);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

/** Lines and the longest line, in one pass over newlines. */
function measure(text: string): { lines: number; longest: number } {
  let lines = 0;
  let longest = 0;
  let from = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    lines += 1;
    if (at - from > longest) longest = at - from;
    from = at + 1;
  }
  if (from < text.length) {
    lines += 1;
    if (text.length - from > longest) longest = text.length - from;
  }
  return { lines, longest };
}

function hasNul(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_PROBE_BYTES);
  for (let i = 0; i < end; i += 1) if (bytes[i] === 0) return true;
  return false;
}

const reason = (error: unknown) =>
  (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : String(error));

export function scanFile(
  file: SourceFile,
  ctx: ScanContext,
  readBytes: ReadBytes = readBytesFromDisk,
): FileResult {
  const result = {
    path: file.path,
    kind: file.kind,
    scope: file.scope,
    lines: 0,
    parsed: false,
    skipped: true,
    facts: [] as Fact[],
    defs: [] as string[],
    includes: [] as string[],
    warnings: [] as string[],
  };
  let bytes: Uint8Array;
  try {
    if (readBytes === readBytesFromDisk && statSync(file.absolute).size > MAX_FILE_BYTES) {
      result.warnings.push(`${file.path}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
      return result;
    }
    bytes = readBytes(file.absolute);
  } catch (error) {
    result.warnings.push(`${file.path}: skipped, cannot read (${reason(error)})`);
    return result;
  }
  if (bytes.length > MAX_FILE_BYTES) {
    result.warnings.push(`${file.path}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
    return result;
  }
  if (hasNul(bytes)) {
    result.warnings.push(`${file.path}: skipped, binary content (a NUL byte) in a source file`);
    return result;
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = lossyUtf8.decode(bytes);
    result.warnings.push(`${file.path}: not valid UTF-8; read with replacement characters`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { lines, longest } = measure(text);
  if (longest > MAX_LINE_CHARS) {
    result.warnings.push(`${file.path}: skipped, a line of ${longest} characters (generated or minified)`);
    return result;
  }
  result.lines = lines;
  result.skipped = false;
  try {
    extractFile(file, text, ctx, result);
  } catch (error) {
    result.facts.length = 0;
    result.warnings.push(`${file.path}: skipped, cannot parse (${reason(error)})`);
  }
  // stable, so facts at the same place keep the extractor's order, as one sort of all facts did
  result.facts.sort(compareFacts);
  return result;
}

function extractFile(
  file: SourceFile,
  text: string,
  ctx: ScanContext,
  result: {
    parsed: boolean;
    facts: Fact[];
    defs: string[];
    includes: string[];
    optionalBuild?: OptionalBuild;
  },
): void {
  const { parsers, interest, prefilter } = ctx;
  switch (file.kind) {
    case 'python':
    case 'setup-py': {
      if (file.kind === 'python' && prefilter.python && !prefilter.python.test(text)) return;
      const tree = parsers.python.parse(text);
      if (!tree) throw new Error('parser returned no tree');
      try {
        extractPython(
          tree,
          text,
          { file: file.path, interest, setupPy: file.kind === 'setup-py' },
          result.facts,
          result,
        );
      } finally {
        tree.delete();
      }
      result.parsed = true;
      return;
    }
    case 'c-family':
    case 'cuda': {
      if (file.kind === 'c-family' && prefilter.cFamily && !prefilter.cFamily.test(text)) return;
      const tree = parsers.cFamily.parse(text);
      if (!tree) throw new Error('parser returned no tree');
      try {
        extractCFamily(
          tree,
          text,
          { file: file.path, cudaSource: file.kind === 'cuda' },
          ctx.cScanner,
          result.facts,
          result,
        );
      } finally {
        tree.delete();
      }
      result.parsed = true;
      return;
    }
    case 'requirements':
      extractRequirements(text, file.path, result.facts);
      break;
    case 'pyproject':
      extractPyproject(text, file.path, result.facts);
      break;
    case 'cmake': {
      extractCmake(text, file.path, result.facts);
      const gated = optionalBuild(text);
      if (gated) result.optionalBuild = gated;
      break;
    }
    case 'makefile':
      extractMakefile(text, file.path, result.facts);
      break;
    case 'dockerfile':
      extractDockerfile(text, file.path, result.facts);
      break;
    case 'conda':
      extractCondaEnvironment(text, file.path, result.facts);
      break;
    case 'setup-cfg':
      extractSetupCfg(text, file.path, result.facts);
      break;
  }
  result.parsed = true;
}
