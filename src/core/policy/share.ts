/**
 * Domestic share arithmetic (pure). Given hardware lines and the catalog, the share of domestic
 * accelerators under each metric:
 * - `count`: accelerator packages (a system counts `chipsPerSystem` packages);
 * - `bf16Compute`: packages x the chip's dense BF16 TFLOP/s;
 * - `spend`: packages x the chip's indicative price in USD;
 * - `power`: packages x the chip's TDP in W (accelerator power only, not hosts or cooling).
 * For a system whose chip lacks a spec, the system's whole-system figure divided by
 * `chipsPerSystem` is used (price, `powerKW`, `totalBf16DenseTflops`), so a CloudMatrix 384 with a
 * published system price still has a spend.
 * A metric is null when any line lacks the spec it needs (never a share computed over part of the
 * fleet); the ids are listed in `missing` and in the warnings.
 */
import type { Catalog } from '../catalog/catalog';
import type { Chip } from '../catalog/schema';
import { say } from '../messages/say';
import { METRICS } from './constants';
import type { DomesticDefinition, Metric } from './schema';

export interface HardwareLine {
  readonly hardwareId: string;
  readonly quantity: number;
}

export interface MetricTotals {
  readonly domestic: number;
  readonly total: number;
}

export type Shares = Record<Metric, number | null>;

export interface ShareResult {
  /** Domestic / total per metric; null when unknown or when there is no hardware at all. */
  readonly shares: Shares;
  /** The sums behind each share; null when a spec is missing. */
  readonly totals: Record<Metric, MetricTotals | null>;
  /** Hardware ids lacking the spec each metric needs (or unknown to the catalog). */
  readonly missing: Record<Metric, string[]>;
  readonly warnings: string[];
}

/** A catalog id resolved to the chip it puts in the racks and how many packages one unit holds. */
export interface ResolvedHardware {
  readonly chip: Chip;
  readonly packagesPerUnit: number;
  /** Per package; undefined when unknown. */
  readonly perPackage: Record<Exclude<Metric, 'count'>, number | undefined>;
}

const resolutionCache = new WeakMap<Catalog, Map<string, ResolvedHardware | null>>();

/** Resolves a chip or system id; null when the id (or a system's chip) is not in the catalog. */
export function resolveHardware(catalog: Catalog, hardwareId: string): ResolvedHardware | null {
  let cache = resolutionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    resolutionCache.set(catalog, cache);
  }
  const cached = cache.get(hardwareId);
  if (cached !== undefined) return cached;
  const resolved = resolveUncached(catalog, hardwareId);
  cache.set(hardwareId, resolved);
  return resolved;
}

function resolveUncached(catalog: Catalog, hardwareId: string): ResolvedHardware | null {
  const chip = catalog.chips.get(hardwareId);
  if (chip) {
    return {
      chip,
      packagesPerUnit: 1,
      perPackage: {
        bf16Compute: chip.specs.bf16DenseTflops?.value,
        spend: chip.specs.priceUsd?.value,
        power: chip.specs.tdpW?.value,
      },
    };
  }
  const system = catalog.systems.get(hardwareId);
  if (!system) return null;
  const systemChip = catalog.chips.get(system.chipId);
  if (!systemChip) return null;
  const n = system.specs.chipsPerSystem.value;
  const perChip = (total: number | undefined): number | undefined =>
    total === undefined ? undefined : total / n;
  return {
    chip: systemChip,
    packagesPerUnit: n,
    perPackage: {
      bf16Compute:
        systemChip.specs.bf16DenseTflops?.value ?? perChip(system.specs.totalBf16DenseTflops?.value),
      spend: systemChip.specs.priceUsd?.value ?? perChip(system.specs.priceUsd?.value),
      power:
        systemChip.specs.tdpW?.value ??
        perChip(system.specs.powerKW === undefined ? undefined : system.specs.powerKW.value * 1000),
    },
  };
}

/** Whether a record of `hardwareId` (resolved to `chip`) is domestic under `definition`. */
export function isDomestic(hardwareId: string, chip: Chip, definition?: DomesticDefinition): boolean {
  if (!definition) return chip.domestic;
  if (definition.hardwareIds?.some((id) => id === hardwareId || id === chip.id)) return true;
  const vendor = chip.vendor.toLowerCase();
  if (definition.vendors?.some((v) => v.toLowerCase() === vendor)) return true;
  const country = chip.vendorCountry.toUpperCase();
  return definition.countries?.some((c) => c.toUpperCase() === country) ?? false;
}

/** Hardware ids among `lines` (quantity > 0) that a deny list names, by id, chip id or vendor. */
export function deniedHardware(
  lines: Iterable<HardwareLine>,
  catalog: Catalog,
  deny: readonly string[],
): string[] {
  const names = new Set(deny.map((d) => d.toLowerCase()));
  const hits = new Set<string>();
  for (const line of lines) {
    if (line.quantity <= 0) continue;
    const resolved = resolveHardware(catalog, line.hardwareId);
    const candidates = [line.hardwareId, resolved?.chip.id, resolved?.chip.vendor];
    if (candidates.some((c) => c !== undefined && names.has(c.toLowerCase()))) hits.add(line.hardwareId);
  }
  return [...hits].sort();
}

/** The domestic share of `lines` under every metric. */
export function computeShares(
  lines: Iterable<HardwareLine>,
  catalog: Catalog,
  definition?: DomesticDefinition,
): ShareResult {
  const sums: Record<Metric, { domestic: number; total: number }> = {
    count: { domestic: 0, total: 0 },
    bf16Compute: { domestic: 0, total: 0 },
    spend: { domestic: 0, total: 0 },
    power: { domestic: 0, total: 0 },
  };
  const missing: Record<Metric, Set<string>> = {
    count: new Set(),
    bf16Compute: new Set(),
    spend: new Set(),
    power: new Set(),
  };
  const unknown = new Set<string>();
  for (const line of lines) {
    if (line.quantity === 0) continue;
    const resolved = resolveHardware(catalog, line.hardwareId);
    if (!resolved) {
      unknown.add(line.hardwareId);
      for (const metric of METRICS) missing[metric].add(line.hardwareId);
      continue;
    }
    const packages = line.quantity * resolved.packagesPerUnit;
    const domestic = isDomestic(line.hardwareId, resolved.chip, definition);
    add(sums.count, packages, domestic);
    for (const metric of ['bf16Compute', 'spend', 'power'] as const) {
      const perPackage = resolved.perPackage[metric];
      if (perPackage === undefined) missing[metric].add(line.hardwareId);
      else add(sums[metric], packages * perPackage, domestic);
    }
  }
  const shares = {} as Shares;
  const totals = {} as Record<Metric, MetricTotals | null>;
  const missingOut = {} as Record<Metric, string[]>;
  const warnings: string[] = [];
  if (unknown.size > 0) warnings.push(say('policy.unknown-ids', { ids: [...unknown].sort().join(', ') }));
  for (const metric of METRICS) {
    const ids = [...missing[metric]].sort();
    missingOut[metric] = ids;
    const known = ids.length === 0;
    totals[metric] = known ? { ...sums[metric] } : null;
    shares[metric] = known && sums[metric].total > 0 ? sums[metric].domestic / sums[metric].total : null;
    const lacking = ids.filter((id) => !unknown.has(id));
    if (lacking.length > 0)
      warnings.push(
        say('policy.share-unknown', { metric, spec: SPEC_NAMES[metric], ids: lacking.join(', ') }),
      );
  }
  return { shares, totals, missing: missingOut, warnings };
}

const SPEC_NAMES: Record<Metric, string> = {
  count: 'catalog entry',
  bf16Compute: 'bf16DenseTflops',
  spend: 'priceUsd',
  power: 'tdpW',
};

function add(sum: { domestic: number; total: number }, amount: number, domestic: boolean): void {
  sum.total += amount;
  if (domestic) sum.domestic += amount;
}
