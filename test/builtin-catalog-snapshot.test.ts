/**
 * The CLI reads the built-in catalog from the copy the build checked (dist/builtin-catalog.json,
 * src/cli/builtin-catalog.ts) instead of checking it with zod on every command. That copy must be
 * exactly the checked data, and anything that is not such a copy must be refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogJson } from '../src/cli/builtin-catalog-json';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { catalogFromSnapshot } from '../src/core/catalog/snapshot';

describe('built-in catalog snapshot', () => {
  const checked = loadBuiltinCatalog();

  it('round-trips through JSON to the same entries as checking the data now', () => {
    const fromJson = catalogFromSnapshot(JSON.parse(builtinCatalogJson()));
    expect(fromJson).not.toBeNull();
    expect([...(fromJson?.chips.keys() ?? [])]).toEqual([...checked.chips.keys()]);
    expect([...(fromJson?.systems.keys() ?? [])]).toEqual([...checked.systems.keys()]);
    expect(fromJson).toEqual(checked);
  });

  it('refuses anything that is not a snapshot of this format', () => {
    expect(catalogFromSnapshot(null)).toBeNull();
    expect(catalogFromSnapshot({ chips: [], systems: [] })).toBeNull();
    expect(catalogFromSnapshot({ format: 'chipmix/builtin-catalog@0', chips: [], systems: [] })).toBeNull();
  });

  const built = 'dist/builtin-catalog.json';
  it.skipIf(!existsSync(built))(
    'the build copy is the checked data (run `npm run build` after editing the data)',
    () => {
      expect(catalogFromSnapshot(JSON.parse(readFileSync(built, 'utf8')))).toEqual(checked);
    },
  );
});
