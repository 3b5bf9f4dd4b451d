/**
 * Golden tests of whole outputs, in the style of Observable Plot's snapshot tests: one file per case
 * under test/golden/__golden__/, compared after normalisation.
 *
 *   expectGolden('plan-deepseek-r1-serving.json', stdout)
 *
 * - Normalisation. `.json` and `.sarif` outputs are parsed and re-printed with every number rounded
 *   to 4 significant figures (numbers within 1e-9 of an integer snap to it, so counts and dollars stay
 *   exact); volatile fields (`solveSeconds` by default, more with `volatileKeys`) become "<volatile>".
 *   Other outputs (`.html`, `.md`, `.svg`, ...) have decimals of 4 or more fraction digits rounded the
 *   same way by a regex. In every string: ISO timestamps become <timestamp>, the repository root
 *   <repo>, the temp directory <tmp>, and the package version <version>.
 * - Mismatch: the normalised output is written beside the golden file as `<name>.actual` (git-ignored)
 *   and the test fails with a diff; compare with `diff test/golden/__golden__/<name>{,.actual}`.
 *   A match removes a stale `.actual`.
 * - Missing golden file, or `UPDATE_GOLDEN=1`: the output is written as the new golden file and the
 *   test passes. To accept changed outputs: `UPDATE_GOLDEN=1 npx vitest run test/golden`, then review
 *   `git diff test/golden/__golden__` before committing.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export const GOLDEN_DIR = fileURLToPath(new URL('./__golden__/', import.meta.url));
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const VERSION: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

/** Fields whose values change from run to run (timings). */
export const DEFAULT_VOLATILE_KEYS: readonly string[] = ['solveSeconds'];

export interface GoldenOptions {
  /** more JSON keys whose values are replaced by "<volatile>" */
  readonly volatileKeys?: readonly string[];
  /** more replacements applied to every string (JSON) or the whole text (others), after the built-in ones */
  readonly replace?: readonly (readonly [RegExp | string, string])[];
}

/** 4 significant figures; values within 1e-9 (relative) of an integer snap to it. */
export function roundNumber(v: number): number {
  if (!Number.isFinite(v)) return v;
  const nearest = Math.round(v);
  if (Math.abs(v - nearest) <= 1e-9 * Math.max(1, Math.abs(v))) return nearest === 0 ? 0 : nearest;
  const r = Number(v.toPrecision(4));
  return r === 0 ? 0 : r;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function builtInReplacements(): (readonly [RegExp, string])[] {
  const paths: (readonly [string, string])[] = [
    [pathToFileURL(`${REPO_ROOT}/`).href, 'file://<repo>/'],
    [REPO_ROOT, '<repo>'],
    [pathToFileURL(`${tmpdir()}/`).href, 'file://<tmp>/'],
    [tmpdir(), '<tmp>'],
  ];
  return [
    [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, '<timestamp>'],
    ...paths.map(([from, to]) => [new RegExp(escapeRegExp(from), 'g'), to] as const),
  ];
}

function replaceAll(s: string, options: GoldenOptions): string {
  let out = s;
  for (const [from, to] of [...builtInReplacements(), ...(options.replace ?? [])]) {
    out = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
  }
  return out;
}

/** JSON: rounded numbers, volatile keys and strings replaced, two-space indent, final newline. */
export function normalizeJson(text: string, options: GoldenOptions = {}): string {
  const volatile = new Set([...DEFAULT_VOLATILE_KEYS, ...(options.volatileKeys ?? [])]);
  const value: unknown = JSON.parse(text);
  const json = JSON.stringify(
    value,
    function (this: unknown, key: string, v: unknown) {
      if (key !== '' && volatile.has(key) && !Array.isArray(this) && v !== null) return '<volatile>';
      if (typeof v === 'number') return roundNumber(v);
      if (typeof v === 'string') return v === VERSION ? '<version>' : replaceAll(v, options);
      return v;
    },
    2,
  );
  return `${json}\n`;
}

/** Text (HTML, Markdown, SVG): long decimals rounded, strings replaced, final newline. */
export function normalizeText(text: string, options: GoldenOptions = {}): string {
  const rounded = replaceAll(text, options).replace(/-?\d+\.\d{4,}(?:e[+-]?\d+)?/g, (m) =>
    String(roundNumber(Number(m))),
  );
  return rounded.endsWith('\n') ? rounded : `${rounded}\n`;
}

function isJsonName(name: string): boolean {
  return /\.(json|sarif)$/.test(name);
}

/** Compares `text` (normalised) against test/golden/__golden__/<name>; see the top of this file. */
export function expectGolden(name: string, text: string, options: GoldenOptions = {}): void {
  const actual = isJsonName(name) ? normalizeJson(text, options) : normalizeText(text, options);
  const file = join(GOLDEN_DIR, name);
  const actualFile = `${file}.actual`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    rmSync(actualFile, { force: true });
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (actual === expected) {
    rmSync(actualFile, { force: true });
    return;
  }
  writeFileSync(actualFile, actual);
  const relative = file.slice(REPO_ROOT.length + 1);
  expect(
    actual,
    `golden ${relative} differs; the output is in ${relative}.actual ` +
      `(diff ${relative}{,.actual}; UPDATE_GOLDEN=1 npx vitest run test/golden accepts it)`,
  ).toBe(expected);
}
