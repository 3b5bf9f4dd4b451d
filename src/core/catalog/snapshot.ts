/**
 * The checked built-in catalog as plain JSON, written by the build beside the CLI bundle
 * (dist/builtin-catalog.json). Checking the shipped data with the zod schema costs a command about
 * 100 ms of start-up (loading zod, then parsing); the build checks it once instead, and a command
 * rebuilds the maps from the checked copy. Only the build's own output is read this way: user
 * files always go through the schema (./load.ts).
 */
import { buildCatalog, type Catalog } from './catalog';
import type { Chip, System } from './schema';

export const CATALOG_SNAPSHOT_FORMAT = 'chipmix/builtin-catalog@1';

export interface CatalogSnapshot {
  format: typeof CATALOG_SNAPSHOT_FORMAT;
  chips: Chip[];
  systems: System[];
}

export function catalogSnapshot(catalog: Catalog): CatalogSnapshot {
  return {
    format: CATALOG_SNAPSHOT_FORMAT,
    chips: [...catalog.chips.values()],
    systems: [...catalog.systems.values()],
  };
}

/** The catalog of a snapshot this build wrote; anything else is refused (the caller checks instead). */
export function catalogFromSnapshot(snapshot: unknown): Catalog | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const s = snapshot as Partial<CatalogSnapshot>;
  if (s.format !== CATALOG_SNAPSHOT_FORMAT || !Array.isArray(s.chips) || !Array.isArray(s.systems))
    return null;
  return buildCatalog([{ chips: s.chips, systems: s.systems }]);
}
