/**
 * Catalog audit (pure): per metric, which entries lack a value, which hold only rumour-grade values,
 * and which lack it on purpose (`notApplicable`, with a source). Planners and the compliance shares
 * need price and power for every entry they meet; this says where the catalog cannot give them.
 *
 * - Chips are audited on every metric. Systems are audited on what belongs to the system (price,
 *   whole-system power, its scale-up and scale-out links, availability); compute and memory come
 *   from the system's chip and are audited there.
 * - `availableFrom` is audited on roadmap entries only (status announced or rumoured).
 * - "Rumour only": the value and every disputed alternative are rumour-grade, so no figure of the
 *   entry is better than a rumour.
 */
import type { Catalog } from './catalog';
import {
  type Availability,
  type Chip,
  type ChipSpecName,
  isRoadmap,
  type Spec,
  type Status,
  type System,
  type SystemSpecName,
} from './schema';

export const AUDIT_METRICS = [
  'price',
  'power',
  'bf16',
  'fp8',
  'hbmCapacity',
  'hbmBandwidth',
  'scaleUp',
  'scaleOut',
  'availableFrom',
] as const;
export type AuditMetric = (typeof AUDIT_METRICS)[number];

interface MetricDefinition {
  /** The chip field audited, or null when chips are not audited on this metric. */
  readonly chip: ChipSpecName | 'availableFrom' | null;
  readonly system: SystemSpecName | 'availableFrom' | null;
  readonly roadmapOnly: boolean;
}

export const AUDIT_DEFINITIONS: Readonly<Record<AuditMetric, MetricDefinition>> = {
  price: { chip: 'priceUsd', system: 'priceUsd', roadmapOnly: false },
  power: { chip: 'tdpW', system: 'powerKW', roadmapOnly: false },
  bf16: { chip: 'bf16DenseTflops', system: null, roadmapOnly: false },
  fp8: { chip: 'fp8DenseTflops', system: null, roadmapOnly: false },
  hbmCapacity: { chip: 'hbmCapacityGB', system: null, roadmapOnly: false },
  hbmBandwidth: { chip: 'hbmBandwidthTBps', system: null, roadmapOnly: false },
  scaleUp: { chip: 'scaleUpBandwidthGBps', system: 'scaleUpBandwidthGBps', roadmapOnly: false },
  scaleOut: { chip: 'scaleOutBandwidthGbps', system: 'scaleOutBandwidthGbps', roadmapOnly: false },
  availableFrom: { chip: 'availableFrom', system: 'availableFrom', roadmapOnly: true },
};

export interface AuditedEntry {
  readonly id: string;
  readonly kind: 'chip' | 'system';
  readonly vendor: string;
  readonly status: Status;
}

export interface NotApplicableEntry extends AuditedEntry {
  readonly reason: string;
}

export interface MetricAudit {
  readonly metric: AuditMetric;
  /** The fields read: `{ chip: 'tdpW', system: 'powerKW' }`. */
  readonly fields: { readonly chip: string | null; readonly system: string | null };
  /** Entries this metric applies to (roadmap entries only for `availableFrom`). */
  readonly audited: number;
  /** Entries with a value better than rumour-grade. */
  readonly covered: number;
  readonly missing: AuditedEntry[];
  readonly rumourOnly: AuditedEntry[];
  readonly notApplicable: NotApplicableEntry[];
}

export interface CatalogAudit {
  readonly chips: number;
  readonly systems: number;
  readonly metrics: MetricAudit[];
}

export interface AuditFilter {
  /** Only entries with one of these statuses. */
  readonly statuses?: ReadonlyArray<Status>;
}

interface Graded {
  readonly confidence: Spec['confidence'];
  readonly alternatives?: ReadonlyArray<{ confidence: Spec['confidence'] }> | undefined;
}

/** True when no figure of a value (its own or a disputed alternative) is better than a rumour. */
export function onlyRumour(value: Graded): boolean {
  return value.confidence === 'rumour' && (value.alternatives ?? []).every((a) => a.confidence === 'rumour');
}

type Field = Spec | Availability | undefined;

function fieldOf(entry: Chip | System, name: string): Field {
  if (name === 'availableFrom') return entry.availableFrom;
  return (entry.specs as Record<string, Spec | undefined>)[name];
}

/** The audit of every entry (or those a filter keeps), metric by metric, ids sorted. */
export function auditCatalog(catalog: Catalog, filter: AuditFilter = {}): CatalogAudit {
  const keep = (status: Status) => filter.statuses === undefined || filter.statuses.includes(status);
  const chips = [...catalog.chips.values()].filter((c) => keep(c.status));
  const systems = [...catalog.systems.values()].filter((s) => keep(s.status));
  const entries: Array<{ ref: AuditedEntry; entry: Chip | System }> = [
    ...chips.map((chip) => ({ ref: refOf(chip, 'chip'), entry: chip })),
    ...systems.map((system) => ({ ref: refOf(system, 'system'), entry: system })),
  ].sort((a, b) =>
    a.ref.kind === b.ref.kind ? a.ref.id.localeCompare(b.ref.id) : a.ref.kind === 'chip' ? -1 : 1,
  );

  const metrics = AUDIT_METRICS.map((metric): MetricAudit => {
    const definition = AUDIT_DEFINITIONS[metric];
    const missing: AuditedEntry[] = [];
    const rumourOnly: AuditedEntry[] = [];
    const notApplicable: NotApplicableEntry[] = [];
    let audited = 0;
    for (const { ref, entry } of entries) {
      const name = ref.kind === 'chip' ? definition.chip : definition.system;
      if (name === null || (definition.roadmapOnly && !isRoadmap(ref.status))) continue;
      audited += 1;
      const field = fieldOf(entry, name);
      const absent = entry.notApplicable?.find((n) => n.spec === name);
      if (field === undefined && absent !== undefined) notApplicable.push({ ...ref, reason: absent.reason });
      else if (field === undefined) missing.push(ref);
      else if (onlyRumour(field)) rumourOnly.push(ref);
    }
    const covered = audited - missing.length - rumourOnly.length - notApplicable.length;
    return {
      metric,
      fields: { chip: definition.chip, system: definition.system },
      audited,
      covered,
      missing,
      rumourOnly,
      notApplicable,
    };
  });
  return { chips: chips.length, systems: systems.length, metrics };
}

function refOf(entry: Chip | System, kind: 'chip' | 'system'): AuditedEntry {
  return { id: entry.id, kind, vendor: entry.vendor, status: entry.status };
}
