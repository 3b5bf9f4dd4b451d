/**
 * Small builders that keep the data files readable: `spec(value, unit, confidence, keys)` resolves the
 * source keys of ./sources.ts to titles and URLs. They only build plain objects; every file is still
 * validated with `catalogFileSchema` by `loadBuiltinCatalog()`.
 */
import type { Alternative, Availability, Confidence, ExportControl, Spec } from '../schema';
import { type SourceKey, src } from './sources';

type Key = SourceKey | 'derived';

export interface SpecExtras {
  alternatives?: Alternative[];
  note?: string;
}

export function spec(
  value: number,
  unit: string,
  confidence: Confidence,
  keys: ReadonlyArray<Key>,
  extras: SpecExtras = {},
): Spec {
  return { value, unit, confidence, sources: src(...keys), ...extras };
}

export function alt(
  value: number,
  confidence: Confidence,
  keys: ReadonlyArray<Key>,
  note?: string,
): Alternative {
  return note === undefined
    ? { value, confidence, sources: src(...keys) }
    : { value, confidence, sources: src(...keys), note };
}

// Units, spelled once so that every data file agrees.
export const TFLOPS = 'TFLOP/s';
export const TOPS = 'TOP/s';
export const GB = 'GB';
export const TBPS = 'TB/s';
export const GBPS = 'GB/s';
export const GBITPS = 'Gb/s';
export const WATT = 'W';
export const KW = 'kW';
export const USD = 'USD';
export const US = 'us';
export const COUNT = 'count';

/** Export status of a PRC-designed part: US licensing does not govern its sale inside China. */
export function domesticExport(asOf: string, keys: ReadonlyArray<Key>, note?: string): ExportControl {
  const base = { status: 'not-applicable' as const, asOf, sources: src(...keys) };
  return note === undefined ? base : { ...base, note };
}

export function exportControl(
  status: ExportControl['status'],
  asOf: string,
  keys: ReadonlyArray<Key>,
  note: string,
): ExportControl {
  return { status, asOf, sources: src(...keys), note };
}

/**
 * Renminbi per US dollar for converting Chinese price reports: the rate implied by the one conversion
 * the reference makes (TrendForce via Epoch: RMB 120,000 = USD 16,854, so 7.12). 2023-2025 rates
 * moved between about 6.9 and 7.3, a +/-3% spread well inside the spread of the price reports.
 */
export const CNY_PER_USD = 7.12;

/** A renminbi amount in whole US dollars at {@link CNY_PER_USD}. */
export const usdFromCny = (cny: number): number => Math.round(cny / CNY_PER_USD);

/** A sourced availability date (`2026-Q4`, `2027-H1`, `2026-03-01`...). */
export function available(
  value: string,
  confidence: Confidence,
  keys: ReadonlyArray<Key>,
  note?: string,
): Availability {
  return note === undefined
    ? { value, confidence, sources: src(...keys) }
    : { value, confidence, sources: src(...keys), note };
}

/** A spec absent on purpose, with the source that says so. */
export function absent<S extends string>(
  spec: S,
  reason: string,
  keys: ReadonlyArray<Key>,
): { spec: S; reason: string; sources: ReturnType<typeof src> } {
  return { spec, reason, sources: src(...keys) };
}
