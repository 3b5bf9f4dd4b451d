/**
 * Small builders that keep the data files readable: `spec(value, unit, confidence, keys)` resolves the
 * source keys of ./sources.ts to titles and URLs. They only build plain objects; every file is still
 * validated with `catalogFileSchema` by `loadBuiltinCatalog()`.
 */
import type { Alternative, Confidence, ExportControl, Spec } from '../schema';
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
