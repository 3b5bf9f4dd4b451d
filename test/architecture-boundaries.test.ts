/**
 * The layer boundaries (docs/ARCHITECTURE.md), checked on the resolved import graph of src/. biome.json's
 * noRestrictedImports overrides say the same per file as you type; this test also catches what a path
 * pattern cannot tell apart (src/inventory, an adapter, against src/core/inventory, core records).
 *   - the core imports only the core and its two libraries (zod, yaml): no adapter, no Node API;
 *   - the web app imports only itself, the core and browser libraries: never the server, the store or Node;
 *   - the inventory parsers turn text into core records and never touch the store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Static and dynamic import specifiers of one file (type-only imports count: they are dependencies too). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g))
    out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

interface Edge {
  from: string;
  spec: string;
  /** The resolved path relative to the repo for a relative import; null for a package. */
  to: string | null;
}

const edges: Edge[] = sourceFiles(src).flatMap((file) =>
  specifiers(file).map((spec) => ({
    from: relative(root, file),
    spec,
    to: spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null,
  })),
);

const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const pkg = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
const show = (e: Edge) => `${e.from} imports ${e.spec}`;

describe('layer boundaries', () => {
  it('reads the import graph (a broken scanner would pass every rule)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from.startsWith('src/core/') && e.to?.startsWith('src/core/'))).toBe(true);
  });

  it('the core imports only the core, zod and yaml (tests may also read test fixtures)', () => {
    const bad = edges.filter((e) => {
      if (!e.from.startsWith('src/core/')) return false;
      if (e.to === null)
        return (
          !['zod', 'yaml'].includes(pkg(e.spec)) &&
          !(isTest(e.from) && ['vitest', 'fast-check'].includes(pkg(e.spec)))
        );
      if (e.to.startsWith('src/core/') || e.to === 'src/core') return false;
      return !(isTest(e.from) && e.to.startsWith('test/fixtures/'));
    });
    expect(bad.map(show)).toEqual([]);
  });

  it('the web app imports only itself, the core and browser libraries', () => {
    const bad = edges.filter((e) => {
      if (!e.from.startsWith('src/web/')) return false;
      if (e.to === null)
        return e.spec.startsWith('node:') || ['fs', 'path', 'child_process'].includes(e.spec);
      return !(e.to.startsWith('src/web/') || e.to.startsWith('src/core/'));
    });
    expect(bad.map(show)).toEqual([]);
  });

  it('the inventory parsers never import the store', () => {
    const parsers = ['csv', 'json-format', 'netbox', 'validate'].map((n) => `src/inventory/${n}.ts`);
    const bad = edges.filter((e) => parsers.includes(e.from) && e.to?.startsWith('src/store'));
    expect(bad.map(show)).toEqual([]);
  });

  it('no adapter is imported by another except through the core (server and CLI never import the web app)', () => {
    const bad = edges.filter(
      (e) =>
        (e.from.startsWith('src/server/') || e.from.startsWith('src/cli/')) && e.to?.startsWith('src/web/'),
    );
    expect(bad.map(show)).toEqual([]);
  });
});
