/**
 * Side-by-side comparison. A chip is compared per chip; a system by its whole-system totals: the
 * published total when the system has one (CloudMatrix 384's 300 PFLOP/s), else chipsPerSystem x the
 * chip's value. Every base metric is also given per watt and per US dollar where power and price are
 * known. Pure arithmetic on sourced values; the weakest confidence of the inputs travels with each value.
 */

import type { Catalog } from './catalog';
import { type CatalogEntry, findEntry } from './catalog';
import { CONFIDENCES, type Confidence, type Spec } from './schema';

export interface MetricValue {
  value: number;
  confidence: Confidence;
}

export interface ComparedMetric {
  unit: string;
  values: Array<number | null>;
  /** Weakest confidence behind each value (official < analysis < derived < rumour). */
  confidences: Array<Confidence | null>;
  /** first / second, only when exactly two ids are compared and both values are known. */
  ratio: number | null;
}

export interface Comparison {
  ids: string[];
  /** What each column measures: `chip` (one package) or `system` (whole-system totals). */
  scopes: Array<'chip' | 'system'>;
  metrics: Record<string, ComparedMetric>;
}

const BASE_METRICS = [
  ['bf16DenseTflops', 'TFLOP/s'],
  ['fp8DenseTflops', 'TFLOP/s'],
  ['hbmCapacityGB', 'GB'],
  ['hbmBandwidthTBps', 'TB/s'],
  ['scaleUpBandwidthGBps', 'GB/s'],
  ['scaleOutBandwidthGbps', 'Gb/s'],
] as const;
type BaseMetric = (typeof BASE_METRICS)[number][0];

const weakest = (...cs: Confidence[]): Confidence =>
  cs.reduce((a, b) => (CONFIDENCES.indexOf(a) >= CONFIDENCES.indexOf(b) ? a : b));

const fromSpec = (spec: Spec | undefined, times = 1): MetricValue | null =>
  spec === undefined ? null : { value: spec.value * times, confidence: spec.confidence };

/** The values of one entry: per chip for a chip, whole-system totals for a system. */
export function entryMetrics(
  entry: CatalogEntry,
): Record<BaseMetric | 'powerKW' | 'priceUsd', MetricValue | null> {
  const c = entry.chip.specs;
  if (entry.kind === 'chip') {
    return {
      bf16DenseTflops: fromSpec(c.bf16DenseTflops),
      fp8DenseTflops: fromSpec(c.fp8DenseTflops),
      hbmCapacityGB: fromSpec(c.hbmCapacityGB),
      hbmBandwidthTBps: fromSpec(c.hbmBandwidthTBps),
      scaleUpBandwidthGBps: fromSpec(c.scaleUpBandwidthGBps),
      scaleOutBandwidthGbps: fromSpec(c.scaleOutBandwidthGbps),
      powerKW: c.tdpW === undefined ? null : { value: c.tdpW.value / 1000, confidence: c.tdpW.confidence },
      priceUsd: fromSpec(c.priceUsd),
    };
  }
  const s = entry.system.specs;
  const n = s.chipsPerSystem.value;
  const total = (published: Spec | undefined, perChip: Spec | undefined): MetricValue | null => {
    if (published !== undefined) return fromSpec(published);
    const each = fromSpec(perChip, n);
    return each === null
      ? null
      : { ...each, confidence: weakest(each.confidence, s.chipsPerSystem.confidence) };
  };
  return {
    bf16DenseTflops: total(s.totalBf16DenseTflops, c.bf16DenseTflops),
    fp8DenseTflops: total(undefined, c.fp8DenseTflops),
    hbmCapacityGB: total(s.totalHbmCapacityGB, c.hbmCapacityGB),
    hbmBandwidthTBps: total(s.totalHbmBandwidthTBps, c.hbmBandwidthTBps),
    scaleUpBandwidthGBps: total(undefined, s.scaleUpBandwidthGBps),
    scaleOutBandwidthGbps: total(undefined, s.scaleOutBandwidthGbps),
    powerKW: fromSpec(s.powerKW),
    priceUsd: fromSpec(s.priceUsd),
  };
}

/** Compares entries that are known to exist (look ids up with findEntry first). */
export function compareEntries(ids: ReadonlyArray<string>, entries: ReadonlyArray<CatalogEntry>): Comparison {
  const perEntry = entries.map(entryMetrics);
  const metrics: Record<string, ComparedMetric> = {};
  const add = (name: string, unit: string, values: Array<MetricValue | null>) => {
    const [first, second] = values;
    metrics[name] = {
      unit,
      values: values.map((v) => v?.value ?? null),
      confidences: values.map((v) => v?.confidence ?? null),
      ratio:
        values.length === 2 && first != null && second != null && second.value !== 0
          ? first.value / second.value
          : null,
    };
  };
  const per = (a: MetricValue | null, b: MetricValue | null, scale: number): MetricValue | null =>
    a === null || b === null || b.value === 0
      ? null
      : { value: a.value / (b.value * scale), confidence: weakest(a.confidence, b.confidence) };

  for (const [name, unit] of BASE_METRICS)
    add(
      name,
      unit,
      perEntry.map((m) => m[name]),
    );
  add(
    'powerKW',
    'kW',
    perEntry.map((m) => m.powerKW),
  );
  add(
    'priceUsd',
    'USD',
    perEntry.map((m) => m.priceUsd),
  );
  for (const [name, unit] of BASE_METRICS) {
    add(
      `${name}PerWatt`,
      `${unit} per W`,
      perEntry.map((m) => per(m[name], m.powerKW, 1000)),
    );
  }
  for (const [name, unit] of BASE_METRICS) {
    add(
      `${name}PerUsd`,
      `${unit} per USD`,
      perEntry.map((m) => per(m[name], m.priceUsd, 1)),
    );
  }
  return { ids: [...ids], scopes: entries.map((e) => e.kind), metrics };
}

/** Looks every id up and compares; the ids not found come back instead. */
export function compareIds(
  catalog: Catalog,
  ids: ReadonlyArray<string>,
): { ok: true; comparison: Comparison } | { ok: false; unknown: string[]; repeated: string[] } {
  const entries: CatalogEntry[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  /** Each entry's id as the catalog writes it (a link may say NVIDIA-H20): the comparison names them so. */
  const canonical: string[] = [];
  for (const id of ids) {
    const entry = findEntry(catalog, id);
    if (entry === null) {
      unknown.push(id);
      continue;
    }
    // an entry against itself compares nothing (ids in any case name one entry)
    const own = entry.kind === 'chip' ? entry.chip.id : entry.system.id;
    if (seen.has(own)) repeated.push(id);
    seen.add(own);
    entries.push(entry);
    canonical.push(own);
  }
  return unknown.length > 0 || repeated.length > 0
    ? { ok: false, unknown, repeated }
    : { ok: true, comparison: compareEntries(canonical, entries) };
}
