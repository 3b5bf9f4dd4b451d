/**
 * The scope of a file: `product` (what ships), `test`, `benchmark`, `example`, `experimental`, `vendored`. Only
 * product findings make the effort headline; a port carries the product and usually rewrites its
 * tests, but not the benchmarks, examples and experiment folders, and it takes the target's build of the
 * third-party code it vendors (see docs/PORT.md, Scope).
 *
 * Conventions: the outermost directory with a conventional name decides (`tests/`, `benchmark/`,
 * `examples/`, `dev/`...); a file outside such directories is classified by its name (`test_*.py`,
 * `*_test.cc`, `conftest.py`, `bench.py`, `profile_*.cu`). Overrides (`--scope SCOPE=GLOB` and the
 * config file's `scopes`) are gitignore-style patterns; the most specific (longest) matching pattern
 * wins over the conventions.
 */
import ignore from 'ignore';
import type { Scope } from './types';

const DIR_RULES: readonly [Scope, RegExp][] = [
  // third-party trees carried in the repository (git submodules are added by the scan from .gitmodules)
  // `dependencies/` and `deps/` hold vendored headers and libraries (tiny-cuda-nn's json, catch2, pybind11_json)
  ['vendored', /^(?:third[_-]?party|3rd[_-]?party|vendor|vendored|external|extern|dependencies|deps)$/],
  ['test', /^(?:tests?|testing|unittests?|ctests?|__tests__|test[_-].+|tests[_-].+|.+[_-]tests?)$/],
  [
    'benchmark',
    /^(?:bench|benchmarks?|benchmarking|perf[_-]?tests?|.+[_-]bench(?:marks?)?|benchmarks?[_-].+)$/,
  ],
  ['example', /^(?:examples?|demos?|samples?|tutorials?|notebooks?|docs?|cookbook|recipes)$/],
  [
    'experimental',
    /^(?:dev|experimental|experiments?|sandbox|playground|scratch|prototypes?|wip|attic|research)$/,
  ],
];

const FILE_RULES: readonly [Scope, RegExp][] = [
  ['test', /^(?:test_.+|.+_tests?|conftest|.+\.test|.+\.spec)\.[^.]+$/],
  ['benchmark', /^(?:bench|benchmark|bench_.+|benchmark_.+|.+_bench(?:mark)?|profile_.+)\.[^.]+$/],
  ['example', /^(?:example|demo)(?:_.+)?\.[^.]+$/],
];

/**
 * C and C++ headers are what includes them: a header's name says nothing of its scope (DeepSpeed's
 * `csrc/includes/gemm_test.h` is the GEMM autotuner its product code includes), so only directories scope them.
 */
const HEADER = /\.(?:h|hh|hpp|hxx|cuh|inl)$/;

/** Scope from conventional directory and file names alone. */
export function conventionalScope(path: string): Scope {
  const parts = path.toLowerCase().split('/');
  const name = parts.pop() ?? '';
  for (const dir of parts) for (const [scope, re] of DIR_RULES) if (re.test(dir)) return scope;
  if (HEADER.test(name)) return 'product';
  for (const [scope, re] of FILE_RULES) if (re.test(name)) return scope;
  return 'product';
}

export interface ScopeOverride {
  readonly scope: Scope;
  readonly pattern: string;
}

export type ScopeClassifier = (path: string) => Scope;

/** A classifier with overrides (later lists win ties: CLI after config). */
export function buildScopeClassifier(overrides: readonly ScopeOverride[]): ScopeClassifier {
  const compiled = overrides.map((o, order) => ({ ...o, order, matcher: ignore().add(o.pattern) }));
  return (path) => {
    let best: (typeof compiled)[number] | undefined;
    for (const o of compiled) {
      if (!o.matcher.ignores(path)) continue;
      if (
        !best ||
        o.pattern.length > best.pattern.length ||
        (o.pattern.length === best.pattern.length && o.order > best.order)
      )
        best = o;
    }
    return best ? best.scope : conventionalScope(path);
  };
}

/**
 * The paths of a repository's git submodules, from its `.gitmodules` (git-config syntax: `path = DIR` lines under
 * `[submodule "NAME"]`): vendored code by construction.
 */
export function submodulePaths(gitmodules: string): string[] {
  const out: string[] = [];
  for (const line of gitmodules.split(/\r?\n/)) {
    const m = /^\s*path\s*=\s*(.+?)\s*$/.exec(line);
    if (m?.[1]) out.push(m[1].replace(/^\.?\/+/, '').replace(/\/+$/, ''));
  }
  return out.filter((p) => p !== '' && !p.split('/').includes('..'));
}
