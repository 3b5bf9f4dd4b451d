/**
 * A catalog is the merged view of the built-in data and any user files: later entries with the same
 * id replace earlier ones whole (a user file overrides a built-in entry).
 */
import type { Chip, System } from './schema';

export interface Catalog {
  readonly chips: ReadonlyMap<string, Chip>;
  readonly systems: ReadonlyMap<string, System>;
}

export function buildCatalog(
  files: ReadonlyArray<{ chips?: Chip[] | undefined; systems?: System[] | undefined }>,
): Catalog {
  const chips = new Map<string, Chip>();
  const systems = new Map<string, System>();
  for (const file of files) {
    for (const chip of file.chips ?? []) chips.set(chip.id, chip);
    for (const system of file.systems ?? []) systems.set(system.id, system);
  }
  return { chips, systems };
}
