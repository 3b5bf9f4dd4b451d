/** Plain-data views of the catalog for adapters: the rows of `catalog list` and the body of `catalog show`. */
import { type Catalog, type CatalogEntry, findEntry } from './catalog';
import type { Availability, ExportControl, Source, Spec, Status } from './schema';

export type EntryKind = 'chip' | 'system';

export interface ListRow {
  id: string;
  kind: EntryKind;
  vendor: string;
  name: string;
  /** A system is domestic when its chip is. */
  domestic: boolean;
  status: Status;
  family: string;
  /** The chip of a system; the chip itself for a chip. */
  chipId: string;
}

export interface ListFilter {
  domestic?: boolean;
  /** Case-insensitive: matches a vendor name containing it, or an id starting with `<vendor>-`. */
  vendor?: string;
  kind?: EntryKind;
}

/** Catalog rows matching a filter, chips first, each group sorted by id. */
export function listEntries(catalog: Catalog, filter: ListFilter = {}): ListRow[] {
  const rows: ListRow[] = [];
  for (const chip of catalog.chips.values()) {
    rows.push({
      id: chip.id,
      kind: 'chip',
      vendor: chip.vendor,
      name: chip.name,
      domestic: chip.domestic,
      status: chip.status,
      family: chip.family,
      chipId: chip.id,
    });
  }
  for (const system of catalog.systems.values()) {
    const chip = catalog.chips.get(system.chipId);
    rows.push({
      id: system.id,
      kind: 'system',
      vendor: system.vendor,
      name: system.name,
      domestic: chip?.domestic ?? false,
      status: system.status,
      family: chip?.family ?? '',
      chipId: system.chipId,
    });
  }
  const vendor = filter.vendor?.toLowerCase();
  return rows
    .filter((row) => filter.kind === undefined || row.kind === filter.kind)
    .filter((row) => filter.domestic === undefined || row.domestic === filter.domestic)
    .filter(
      (row) =>
        vendor === undefined || row.vendor.toLowerCase().includes(vendor) || row.id.startsWith(`${vendor}-`),
    )
    .sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'chip' ? -1 : 1));
}

/** A sourced value exactly as the catalog holds it. */
export type SpecView = Spec;

export interface EntryView {
  id: string;
  kind: EntryKind;
  vendor: string;
  name: string;
  status: Status;
  domestic: boolean;
  /** Spec name -> sourced value, in the order of the data file. */
  specs: Record<string, SpecView>;
  chip?: {
    family: string;
    vendorCountry: string;
    softwareStack: string[];
    softwareSources: Source[];
    exportControl: ExportControl;
    defaultSystem?: string;
    aliasOf?: { id: string; reason: string };
  };
  system?: { chipId: string };
  /** When it can be bought (roadmap entries). */
  availableFrom?: Availability;
  /** Specs absent on purpose, with the reason and its sources. */
  notApplicable?: Array<{ spec: string; reason: string; sources: Source[] }>;
  notes?: string;
}

/** The optional fields every entry kind shares, only when present. */
function common(entry: {
  availableFrom?: Availability | undefined;
  notApplicable?: Array<{ spec: string; reason: string; sources: Source[] }> | undefined;
  notes?: string | undefined;
}): Pick<EntryView, 'availableFrom' | 'notApplicable' | 'notes'> {
  return {
    ...(entry.availableFrom === undefined ? {} : { availableFrom: entry.availableFrom }),
    ...(entry.notApplicable === undefined ? {} : { notApplicable: entry.notApplicable }),
    ...(entry.notes === undefined ? {} : { notes: entry.notes }),
  };
}

function specViews(specs: Readonly<Record<string, Spec | undefined>>): Record<string, SpecView> {
  const out: Record<string, SpecView> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec !== undefined) out[name] = { ...spec };
  }
  return out;
}

export function viewEntry(entry: CatalogEntry): EntryView {
  if (entry.kind === 'chip') {
    const { chip } = entry;
    const view: EntryView = {
      id: chip.id,
      kind: 'chip',
      vendor: chip.vendor,
      name: chip.name,
      status: chip.status,
      domestic: chip.domestic,
      specs: specViews(chip.specs),
      chip: {
        family: chip.family,
        vendorCountry: chip.vendorCountry,
        softwareStack: [...chip.softwareStack],
        softwareSources: chip.softwareSources,
        exportControl: chip.exportControl,
        ...(chip.defaultSystem === undefined ? {} : { defaultSystem: chip.defaultSystem }),
        ...(chip.aliasOf === undefined ? {} : { aliasOf: chip.aliasOf }),
      },
    };
    return { ...view, ...common(chip) };
  }
  const { system, chip } = entry;
  const view: EntryView = {
    id: system.id,
    kind: 'system',
    vendor: system.vendor,
    name: system.name,
    status: system.status,
    domestic: chip.domestic,
    specs: specViews(system.specs),
    system: { chipId: system.chipId },
  };
  return { ...view, ...common(system) };
}

/** The view of one id, or null when the catalog has no such entry. */
export function showEntry(catalog: Catalog, id: string): EntryView | null {
  const entry = findEntry(catalog, id);
  return entry === null ? null : viewEntry(entry);
}
