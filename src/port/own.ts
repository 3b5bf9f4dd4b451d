/**
 * Own code is not vendor API. After every file is extracted, the scan knows what the project
 * defines itself, and drops the facts that merely name it (pure: file results in, facts out):
 *
 * - C/C++/CUDA: macros (include guards too), functions with a body, variables, fields, parameters,
 *   typedefs, struct/class/enum names and enumerators whose names look like vendor API (`cudaCheck`,
 *   `cublas_handle`, `CUBLAS_COMMON_H`). A qualified name is the project's if its first or last part is.
 *   An `#include` of a file the project has (`"cublas_common.h"`, `<llmc/cuda_common.h>`) is its own header.
 * - Python: imports of the project's own packages and top-level modules (directories with
 *   `__init__.py`, `.py` files beside them, the `[project] name` of pyproject.toml), its own
 *   distribution named as a dependency, and `.cuda()`-style methods that the project defines on its
 *   own classes (except inside that method's own body, where the vendor call it wraps is counted).
 */
import { normalizePackageName } from './extract/requirements';
import type { FileResult } from './file-scan';
import type { Fact } from './types';

export interface OwnNames {
  readonly cNames: ReadonlySet<string>;
  readonly pyMethods: ReadonlySet<string>;
  readonly pyModules: ReadonlySet<string>;
  /** Normalised distribution names (PEP 503) of the project itself. */
  readonly distributions: ReadonlySet<string>;
  /** Every scanned path, and path suffixes usable in an `#include` (only `has` is asked). */
  readonly headers: Pick<ReadonlySet<string>, 'has'>;
}

/** Python module names a project's layout defines: top-level packages and modules. */
export function pythonModules(paths: readonly string[], vendorRoots: ReadonlySet<string>): Set<string> {
  const packageDirs = new Set(
    paths.filter((p) => p.endsWith('/__init__.py')).map((p) => p.slice(0, p.lastIndexOf('/'))),
  );
  const modules = new Set<string>();
  for (const path of paths) {
    if (!path.endsWith('.py') && !path.endsWith('.pyi')) continue;
    const slash = path.lastIndexOf('/');
    const dir = slash >= 0 ? path.slice(0, slash) : '';
    if (dir !== '' && packageDirs.has(dir)) {
      // climb to the outermost directory that is still a package: the import root
      let top = dir;
      for (
        let cut = top.lastIndexOf('/');
        cut > 0 && packageDirs.has(top.slice(0, cut));
        cut = top.lastIndexOf('/')
      )
        top = top.slice(0, cut);
      modules.add(top.slice(top.lastIndexOf('/') + 1));
    } else {
      const name = path.slice(slash + 1).replace(/\.pyi?$/, '');
      // a loose script named like a vendor module (`tests/triton.py`) must not hide that vendor
      if (name !== '__init__' && !vendorRoots.has(name)) modules.add(name);
    }
  }
  return modules;
}

/** What the paths alone say is the project's own: known before any file is parsed. */
export type OwnPathNames = Pick<OwnNames, 'pyModules' | 'distributions' | 'headers'>;

/**
 * @param headers every path and `/`-suffix of one (`a/b/c.h` can be included as `c.h`, `b/c.h` or
 *   `a/b/c.h`): the scan builds them once, for this and to resolve includes
 */
export function ownPathNames(
  paths: readonly string[],
  vendorRoots: ReadonlySet<string>,
  distributionNames: readonly string[],
  headers: Pick<ReadonlySet<string>, 'has'>,
): OwnPathNames {
  const pyModules = pythonModules(paths, vendorRoots);
  const distributions = new Set(distributionNames.map(normalizePackageName));
  for (const name of distributions) pyModules.add(name.replace(/-/g, '_'));
  return { pyModules, distributions, headers };
}

/** Adds what the files define (macros, functions, methods...) to what their paths say. */
export function collectOwnNames(results: readonly FileResult[], fromPaths: OwnPathNames): OwnNames {
  const cNames = new Set<string>();
  const pyMethods = new Set<string>();
  for (const r of results) {
    if (r.defs.length === 0) continue;
    const target = r.kind === 'python' || r.kind === 'setup-py' ? pyMethods : cNames;
    for (const d of r.defs) target.add(d);
  }
  return { cNames, pyMethods, ...fromPaths };
}

/** Whether a fact names the project's own code; such facts are never findings. */
export function isOwn(fact: Fact, own: OwnNames): boolean {
  switch (fact.kind) {
    case 'c-symbol': {
      if (own.cNames.has(fact.symbol)) return true;
      if (!fact.symbol.includes('::')) return false;
      const parts = fact.symbol.split('::');
      return own.cNames.has(parts[0]!) || own.cNames.has(parts[parts.length - 1]!);
    }
    case 'c-include':
      return own.headers.has(fact.symbol.replace(/^\.\//, ''));
    case 'py-ref': {
      const dot = fact.symbol.indexOf('.');
      return own.pyModules.has(dot < 0 ? fact.symbol : fact.symbol.slice(0, dot));
    }
    case 'py-method':
      return own.pyMethods.has(fact.symbol.replace(/^\./, '').replace(/\(\)$/, '')) && !fact.inOwnWrapper;
    case 'dependency':
      return own.distributions.has(fact.symbol);
    default:
      return false;
  }
}
