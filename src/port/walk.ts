/**
 * Lists the files `chipmix port scan` reads, classified by how they are parsed and by scope.
 *
 * Honours `.gitignore` files (each applies below its directory, with git's pattern rules via the
 * `ignore` package), `--exclude` and the config file's `exclude` (gitignore-style, relative to the
 * root). Symbolic links are never followed (so a link loop cannot trap the walk, and nothing outside
 * the root is read); each one is reported as a warning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScopeClassifier } from './scope';
import { conventionalScope } from './scope';
import type { Scope } from './types';

export type FileKind =
  | 'python'
  | 'setup-py'
  | 'c-family'
  | 'cuda'
  | 'requirements'
  | 'pyproject'
  | 'cmake'
  | 'makefile'
  | 'dockerfile'
  | 'conda'
  | 'setup-cfg';

export interface SourceFile {
  /** Path relative to the scan root, `/`-separated. */
  readonly path: string;
  readonly absolute: string;
  readonly kind: FileKind;
  readonly scope: Scope;
}

/** Directories that hold third-party or generated code, not the project's own. */
const SKIP_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.eggs',
]);

const C_EXT = new Set(['c', 'cc', 'cpp', 'cxx', 'c++', 'h', 'hh', 'hpp', 'hxx', 'inl', 'ipp']);

export function classify(name: string, dirName: string): FileKind | undefined {
  const lower = name.toLowerCase();
  if (lower === 'setup.py') return 'setup-py';
  const dot = lower.lastIndexOf('.');
  const ext = dot >= 0 ? lower.slice(dot + 1) : '';
  if (ext === 'py' || ext === 'pyi') return 'python';
  if (ext === 'cu' || ext === 'cuh') return 'cuda';
  if (C_EXT.has(ext)) return 'c-family';
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'setup.cfg') return 'setup-cfg';
  if (/^(?:environment|conda|env)(?:[-_.][\w.-]*)?\.ya?ml$/.test(lower)) return 'conda';
  if (lower === 'cmakelists.txt' || ext === 'cmake') return 'cmake';
  if (lower === 'makefile' || lower === 'gnumakefile' || ext === 'mk') return 'makefile';
  if (
    lower === 'dockerfile' ||
    lower.startsWith('dockerfile.') ||
    ext === 'dockerfile' ||
    lower === 'containerfile'
  ) {
    return 'dockerfile';
  }
  if (
    (lower.startsWith('requirements') && (ext === 'txt' || ext === 'in')) ||
    (dirName === 'requirements' && ext === 'txt')
  ) {
    return 'requirements';
  }
  return undefined;
}

export interface WalkOptions {
  /** gitignore-style patterns relative to the root (`--exclude`, the config file's `exclude`). */
  readonly exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  readonly gitignore?: boolean;
  readonly scopeOf?: ScopeClassifier;
  /** Called with the number of files found so far, after each one (the scan starts its workers early). */
  readonly onFileFound?: (count: number) => void;
}

export interface WalkResult {
  readonly files: SourceFile[];
  readonly warnings: string[];
  /** Paths skipped by .gitignore or excludes (files and directories, not counting their contents). */
  readonly excluded: number;
}

interface Rules {
  /** The directory the patterns are relative to ('' = the root). */
  readonly base: string;
  readonly matcher: Ignore;
}

function ignoredBy(rules: readonly Rules[], relative: string, isDir: boolean): boolean {
  for (const r of rules) {
    const local = r.base === '' ? relative : relative.slice(r.base.length + 1);
    if (r.matcher.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}

/** Depth-first, sorted, without following symbolic links. */
export function walkSourceFiles(root: string, options: WalkOptions = {}): WalkResult {
  const files: SourceFile[] = [];
  const warnings: string[] = [];
  let excluded = 0;
  const scopeOf = options.scopeOf ?? conventionalScope;
  const top: Rules[] = [];
  if (options.exclude && options.exclude.length > 0)
    top.push({ base: '', matcher: ignore().add([...options.exclude]) });
  const visit = (absolute: string, relative: string, dirName: string, inherited: readonly Rules[]) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      warnings.push(
        `${relative || '.'}: cannot list directory (${(error as NodeJS.ErrnoException).code ?? error})`,
      );
      return;
    }
    let rules = inherited;
    if (options.gitignore !== false && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const text = readFileSync(join(absolute, '.gitignore'), 'utf8');
        rules = [...inherited, { base: relative, matcher: ignore().add(text) }];
      } catch {
        warnings.push(`${relative ? `${relative}/` : ''}.gitignore: cannot read, not applied`);
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(absolute, entry.name);
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        warnings.push(`${rel}: symbolic link, not followed`);
      } else if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        if (ignoredBy(rules, rel, true)) excluded += 1;
        else visit(abs, rel, entry.name, rules);
      } else if (entry.isFile()) {
        const kind = classify(entry.name, dirName);
        if (!kind) continue;
        if (ignoredBy(rules, rel, false)) excluded += 1;
        else {
          files.push({ path: rel, absolute: abs, kind, scope: scopeOf(rel) });
          options.onFileFound?.(files.length);
        }
      }
    }
  };
  visit(root, '', '', top);
  return { files, warnings, excluded };
}

/** All source files with default options (kept for callers that only need the list). */
export function listSourceFiles(root: string): SourceFile[] {
  return walkSourceFiles(root).files;
}
