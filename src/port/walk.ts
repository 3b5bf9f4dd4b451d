/** Lists the files `chipmix port scan` reads, classified by how they are parsed. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export type FileKind =
  | 'python'
  | 'setup-py'
  | 'c-family'
  | 'cuda'
  | 'requirements'
  | 'pyproject'
  | 'cmake'
  | 'dockerfile';

export interface SourceFile {
  /** Path relative to the scan root, `/`-separated. */
  readonly path: string;
  readonly absolute: string;
  readonly kind: FileKind;
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
  if (lower === 'cmakelists.txt' || ext === 'cmake') return 'cmake';
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

/** Depth-first, sorted, without following symbolic links (no cycles, no escaping the root). */
export function listSourceFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (absolute: string, relative: string, dirName: string) => {
    const entries = readdirSync(absolute, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(absolute, entry.name);
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) visit(abs, rel, entry.name);
      } else if (entry.isFile()) {
        const kind = classify(entry.name, dirName);
        if (kind) files.push({ path: rel, absolute: abs, kind });
      }
    }
  };
  visit(root, '', '');
  return files;
}
