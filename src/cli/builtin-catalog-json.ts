/** Build-time entry (scripts/build.mjs): the built-in catalog, checked by the schema, as JSON text. */
import { loadBuiltinCatalog } from '../core/catalog/load';
import { catalogSnapshot } from '../core/catalog/snapshot';

export const builtinCatalogJson = (): string => JSON.stringify(catalogSnapshot(loadBuiltinCatalog()));
