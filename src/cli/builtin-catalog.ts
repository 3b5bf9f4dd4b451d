/**
 * The built-in catalog for a command: the copy the build checked and wrote beside the bundle
 * (scripts/build.mjs, dist/builtin-catalog.json), or, when running from source, the data checked
 * now. Either way the same checked entries: test/builtin-catalog-snapshot.test.ts compares them.
 */
import { readFileSync } from 'node:fs';
import type { Catalog } from '../core/catalog/catalog';
import { catalogFromSnapshot } from '../core/catalog/snapshot';

export const BUILTIN_CATALOG_FILE = 'builtin-catalog.json';

export async function builtinCatalog(): Promise<Catalog> {
  let text: string | undefined;
  try {
    text = readFileSync(new URL(`./${BUILTIN_CATALOG_FILE}`, import.meta.url), 'utf8');
  } catch {
    // not built (running from source): check the data below
  }
  const fromBuild = text === undefined ? null : catalogFromSnapshot(JSON.parse(text));
  if (fromBuild) return fromBuild;
  const { loadBuiltinCatalog } = await import('../core/catalog/load');
  return loadBuiltinCatalog();
}
