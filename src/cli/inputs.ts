/** Shared option parsing for the engine commands: numbers, models (preset or config.json), hardware. */
import type { Catalog } from '../core/catalog/catalog';
import { type HardwareProfile, resolveHardware } from '../core/hardware/profile';
import { resolveModel } from '../core/model/presets';
import type { ModelSpec } from '../core/model/schema';
import { formatIssue } from '../core/result';
import { UsageError } from './errors';
import { modelInput } from './request';

export function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name}: expected a positive integer, got "${text}"`);
  return value;
}

export function positiveNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name}: expected a positive number, got "${text}"`);
  return value;
}

export function oneOf<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  const lower = text.toLowerCase() as T;
  if (!allowed.includes(lower))
    throw new UsageError(`--${name}: expected one of ${allowed.join(', ')}, got "${text}"`);
  return lower;
}

/** A preset name, or a path to a Hugging Face config.json. */
export function loadModel(text: string): ModelSpec {
  // the one reader of --model (a preset name, or a config.json path)
  const input = modelInput(text);
  const model = resolveModel(input);
  if (!model.ok)
    throw new UsageError(
      `${text.endsWith('.json') ? `${text}: ` : ''}${model.issues.map(formatIssue).join('; ')}`,
    );
  return model.value;
}

export function loadHardware(catalog: Catalog, id: string): HardwareProfile {
  const hardware = resolveHardware(catalog, id);
  if (!hardware.ok) throw new UsageError(hardware.issues.map((i) => i.message).join('; '));
  return hardware.value;
}
