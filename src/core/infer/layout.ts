/**
 * Serving layouts: checking one the user gives, and searching the ones they leave open (TP of the
 * attention groups, DP-attention, EP of the experts) for the highest whole-request throughput.
 */
import type { ModelSpec } from '../model/schema';
import { fail, ok, type Result } from '../result';
import { estimateServing, type ServingEstimate, type ServingRequest } from './estimate';
import type { ServingLayout } from './types';

export interface PartialServingLayout {
  readonly tp?: number | undefined;
  readonly dp?: number | undefined;
  readonly ep?: number | undefined;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) if (n % i === 0) out.push(i);
  return out;
}

/**
 * Routed experts are split over EP ranks and, inside each, over devices / EP (expert TP). The tokens an
 * expert-TP slice needs come from its TP group, so expert TP may not reach across DP-attention groups:
 * EP x TP >= devices.
 */
function expertsCovered(devices: number, tp: number, ep: number): boolean {
  return ep * tp >= devices;
}

/** Checks the given dimensions against the device count; fills nothing it cannot derive. */
export function checkLayout(model: ModelSpec, devices: number, partial: PartialServingLayout): Result<void> {
  const { tp, dp, ep } = partial;
  const bad = (path: string, message: string) => fail<void>({ code: 'infer.layout', path, message });
  if (!Number.isInteger(devices) || devices < 1)
    return bad('devices', `expected a positive integer, got ${devices}`);
  if (tp !== undefined && devices % tp !== 0) return bad('tp', `TP ${tp} does not divide ${devices} devices`);
  // every engine splits the attention heads over TP (vLLM: "Total number of attention heads must be divisible by
  // tensor parallel size"); KV heads are replicated where TP exceeds them
  if (tp !== undefined && model.heads % tp !== 0)
    return bad('tp', `TP ${tp} does not divide the ${model.heads} attention heads of ${model.name}`);
  if (dp !== undefined && devices % dp !== 0) return bad('dp', `DP ${dp} does not divide ${devices} devices`);
  if (tp !== undefined && dp !== undefined && tp * dp !== devices) {
    return bad('dp', `TP ${tp} x DP ${dp} = ${tp * dp}, expected the ${devices} devices`);
  }
  if (ep !== undefined) {
    if (devices % ep !== 0) return bad('ep', `EP ${ep} does not divide ${devices} devices`);
    if (!model.moe && ep > 1) return bad('ep', `EP ${ep} needs a MoE model; ${model.name} is dense`);
    const t = tp ?? (dp !== undefined ? devices / dp : undefined);
    if (model.moe && t !== undefined && !expertsCovered(devices, t, ep)) {
      return bad(
        'ep',
        `EP ${ep} x TP ${t} must reach the ${devices} devices (expert TP across DP groups is not modelled)`,
      );
    }
  }
  return ok(undefined);
}

/** Every complete layout compatible with the partial one. */
export function candidateLayouts(
  model: ModelSpec,
  devices: number,
  partial: PartialServingLayout,
): ServingLayout[] {
  const tps =
    partial.tp !== undefined
      ? [partial.tp]
      : partial.dp !== undefined
        ? [devices / partial.dp]
        : divisors(devices).filter((t) => model.heads % t === 0);
  const eps = partial.ep !== undefined ? [partial.ep] : model.moe ? [...new Set([1, devices])] : [1];
  const out: ServingLayout[] = [];
  for (const tp of tps) {
    for (const ep of eps) {
      if (!model.moe || expertsCovered(devices, tp, ep)) out.push({ devices, tp, dp: devices / tp, ep });
    }
  }
  return out;
}

/**
 * Estimates every candidate layout and ranks the usable ones by output tokens/s per device (whole
 * requests), unusable ones last.
 */
export function searchLayouts(
  base: Omit<ServingRequest, 'layout'>,
  partial: PartialServingLayout,
  devices: number,
): ServingEstimate[] {
  const results = candidateLayouts(base.model, devices, partial).map((layout) =>
    estimateServing({ ...base, layout }),
  );
  // Layouts that serve as asked first, fastest first. When none does, the ones that fit in memory (a target missed)
  // before those that do not, the least over capacity first (the honest answer to "why not"); then the fastest.
  const overGB = (e: ServingEstimate) =>
    Math.max(0, e.memoryPerDeviceGB.totalGB - e.memoryPerDeviceGB.capacityGB);
  return results.sort((a, b) => {
    const aBad = a.problems.length > 0;
    const bBad = b.problems.length > 0;
    if (aBad !== bBad) return Number(aBad) - Number(bBad);
    if (aBad && overGB(a) !== overGB(b)) return overGB(a) - overGB(b);
    return b.outputTokensPerSecondPerDevice - a.outputTokensPerSecondPerDevice;
  });
}
