/**
 * A catalog is the merged view of the built-in data and any user files: later entries with the same
 * id replace earlier ones whole (a user file overrides a built-in entry).
 */
import type { Issue } from '../result';
import type { Chip, System } from './schema';
import { closestIds } from './suggest';

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

/** Where an entry lives, for messages: `{ file: 'extra.yaml', path: 'systems[0]' }`. */
export type LocateEntry = (kind: 'chip' | 'system', id: string) => { file: string; path: string };

/**
 * Cross-entry rules the schema cannot see: a system's chip exists, a chip's default system exists and
 * holds that chip, an alias points at a chip, and no id is both a chip and a system.
 */
export function checkCatalogReferences(catalog: Catalog, locate: LocateEntry): Issue[] {
  const issues: Issue[] = [];
  const at = (kind: 'chip' | 'system', id: string, field: string) => {
    const where = locate(kind, id);
    return `${where.file}: ${where.path}.${field}`;
  };
  const unknown = (what: string, id: string, known: Iterable<string>) => {
    const near = closestIds(id, [...known]);
    return `unknown ${what} id "${id}"${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`;
  };
  for (const system of catalog.systems.values()) {
    if (!catalog.chips.has(system.chipId)) {
      issues.push({
        code: 'ref/chip',
        path: at('system', system.id, 'chipId'),
        message: unknown('chip', system.chipId, catalog.chips.keys()),
      });
    }
    if (catalog.chips.has(system.id)) {
      issues.push({
        code: 'ref/duplicate',
        path: at('system', system.id, 'id'),
        message: `"${system.id}" is already a chip id`,
      });
    }
  }
  for (const chip of catalog.chips.values()) {
    if (chip.defaultSystem !== undefined) {
      const system = catalog.systems.get(chip.defaultSystem);
      if (system === undefined) {
        issues.push({
          code: 'ref/system',
          path: at('chip', chip.id, 'defaultSystem'),
          message: unknown('system', chip.defaultSystem, catalog.systems.keys()),
        });
      } else if (system.chipId !== chip.id) {
        issues.push({
          code: 'ref/system-chip',
          path: at('chip', chip.id, 'defaultSystem'),
          message: `system "${system.id}" holds "${system.chipId}", not "${chip.id}"`,
        });
      }
    }
    if (chip.aliasOf !== undefined && !catalog.chips.has(chip.aliasOf.id)) {
      issues.push({
        code: 'ref/alias',
        path: at('chip', chip.id, 'aliasOf.id'),
        message: unknown('chip', chip.aliasOf.id, catalog.chips.keys()),
      });
    }
  }
  return issues;
}

export type CatalogEntry = { kind: 'chip'; chip: Chip } | { kind: 'system'; system: System; chip: Chip };

/** Finds a chip or a system by id; null when neither exists (see {@link suggestIds}). */
/**
 * The catalog's own spelling of an id a user typed: ids are lower-case by schema (catalog/schema.ts), so `NVIDIA-H20`
 * is `nvidia-h20`, as model names are matched whatever their case.
 */
export function catalogId(catalog: Catalog, id: string): string {
  return catalog.chips.has(id) || catalog.systems.has(id) ? id : id.trim().toLowerCase();
}

export function findEntry(catalog: Catalog, typed: string): CatalogEntry | null {
  const id = catalogId(catalog, typed);
  const chip = catalog.chips.get(id);
  if (chip !== undefined) return { kind: 'chip', chip };
  const system = catalog.systems.get(id);
  if (system === undefined) return null;
  const systemChip = catalog.chips.get(system.chipId);
  // checkCatalogReferences guarantees the chip exists in an assembled catalog.
  if (systemChip === undefined) throw new Error(`system ${id} refers to unknown chip ${system.chipId}`);
  return { kind: 'system', system, chip: systemChip };
}

/** Every id of the catalog, chips then systems. */
export function allIds(catalog: Catalog): string[] {
  return [...catalog.chips.keys(), ...catalog.systems.keys()];
}

/** The closest known ids to an unknown one, best first. */
export function suggestIds(catalog: Catalog, id: string): string[] {
  return closestIds(id, allIds(catalog));
}

/**
 * A system for an id that may name a chip: a system id is itself; a chip id means its default system.
 * A chip without one gets a generic 8-device node whose scale-up and scale-out are the chip's own
 * link specs (`generic: true`), so that planners can still use it; null when the chip lacks them.
 */
export function resolveSystem(
  catalog: Catalog,
  id: string,
): { system: System; chip: Chip; generic: boolean } | null {
  const entry = findEntry(catalog, id);
  if (entry === null) return null;
  if (entry.kind === 'system') return { system: entry.system, chip: entry.chip, generic: false };
  const chip = entry.chip;
  if (chip.defaultSystem !== undefined) {
    const system = catalog.systems.get(chip.defaultSystem);
    if (system !== undefined) return { system, chip, generic: false };
  }
  const { scaleUpBandwidthGBps, scaleOutBandwidthGbps } = chip.specs;
  if (scaleUpBandwidthGBps === undefined || scaleOutBandwidthGbps === undefined) return null;
  const eight = {
    value: 8,
    unit: 'count',
    confidence: 'derived' as const,
    sources: [
      {
        title: 'chipmix default: a chip without a system is an 8-device node',
        url: 'docs/CATALOG.md#systems',
      },
    ],
  };
  return {
    system: {
      id: `${chip.id}-generic-node`,
      vendor: chip.vendor,
      name: `${chip.name}, generic 8-device node`,
      status: chip.status,
      chipId: chip.id,
      specs: { chipsPerSystem: eight, scaleUpDomainSize: eight, scaleUpBandwidthGBps, scaleOutBandwidthGbps },
      notes: 'Generic node built by chipmix: no system entry for this chip.',
    },
    chip,
    generic: true,
  };
}
