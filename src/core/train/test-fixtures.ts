/** Shared test fixtures: the built-in catalog and a few resolved inputs (test-only module). */
import { loadBuiltinCatalog } from '../catalog/load';
import { type HardwareProfile, resolveHardware } from '../hardware/profile';
import { resolveModel } from '../model/presets';
import type { ModelSpec } from '../model/schema';

export const catalog = loadBuiltinCatalog();

export function hardware(id: string): HardwareProfile {
  const result = resolveHardware(catalog, id);
  if (!result.ok) throw new Error(result.issues[0]!.message);
  return result.value;
}

export function model(name: string): ModelSpec {
  const result = resolveModel(name);
  if (!result.ok) throw new Error(result.issues[0]!.message);
  return result.value;
}

/** Rounds every number in a JSON value to 3 significant digits, for golden files. */
export function rounded(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === 'number' ? Number(v.toPrecision(3)) : v)),
  );
}
