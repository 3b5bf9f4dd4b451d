/**
 * Serving workloads: per hardware option, the instance shapes (devices per replica) that meet the
 * latency targets, from the inference engine (src/core/infer). A shape is kept only when its output
 * tokens/s per device beats every smaller usable shape (a larger, less efficient instance is dominated
 * by replicas of the smaller one).
 */
import { missingPerformanceFacts } from '../hardware/profile';
import { searchLayouts } from '../infer/layout';
import { DEFAULT_KV_CACHE_BYTES, type PrecisionPlan } from '../infer/types';
import { logicalDevicesPerDevice } from '../infer/units';
import { say } from '../messages/say';
import type { ModelSpec } from '../model/schema';
import type { ResolvedOption } from './options';
import type { ServingInstance } from './problem';
import type { ServingWorkload } from './scenario';

export function servingPrecision(w: ServingWorkload): PrecisionPlan {
  return {
    dense: w.precision,
    experts: w.precision,
    kvCacheBytes: w.kvCacheBytes ?? DEFAULT_KV_CACHE_BYTES,
  };
}

/** Output tokens/s the workload needs. */
export function servingDemand(w: ServingWorkload): number {
  return w.outputTokensPerSecond ?? (w.requestsPerSecond ?? 0) * w.outputTokens;
}

export function servingInstances(
  w: ServingWorkload,
  model: ModelSpec,
  option: ResolvedOption,
): { instances: ServingInstance[]; reasons: string[] } {
  const instances: ServingInstance[] = [];
  const reasons = new Set<string>();
  const hw = option.profile;
  const missing = missingPerformanceFacts(hw, 'bf16-or-fp16');
  if (missing.length) return { instances, reasons: missing.map((i) => i.message) };
  const logical = logicalDevicesPerDevice(hw);
  let bestPerDevice = 0;
  for (let devices = 1; devices <= w.maxInstanceDevices; devices *= 2) {
    let ranked: ReturnType<typeof searchLayouts>;
    try {
      ranked = searchLayouts(
        {
          model,
          hw,
          workload: {
            inputTokens: w.inputTokens,
            outputTokens: w.outputTokens,
            draftTokens: w.mtp?.draftTokens ?? 0,
            acceptance: w.mtp?.acceptance ?? 0,
          },
          precision: servingPrecision(w),
          engine: w.engine,
          tpotTargetMs: w.tpotMs,
          ttftTargetMs: w.ttftMs,
        },
        {},
        devices * logical,
      );
    } catch (error) {
      reasons.add(say('plan.engine-failed', { cause: (error as Error).message }));
      continue;
    }
    const best = ranked[0];
    if (!best || best.problems.length > 0) {
      if (best) reasons.add(best.problems[0]!.replace(/[\d.]+ GB/g, 'N GB'));
      continue;
    }
    const perDevice = best.outputTokensPerSecondPerDevice;
    if (!(perDevice > bestPerDevice)) continue;
    bestPerDevice = perDevice;
    instances.push({
      optionId: option.data.id,
      devices,
      outputTokensPerSecond: perDevice * devices,
      layout: `tp${best.layout.tp} dp${best.layout.dp} ep${best.layout.ep} batch${best.batchPerDevice.toFixed(0)}/device`,
      ttftMs: best.ttftMs,
      ttftAloneMs: best.ttftAloneMs,
      tpotMs: best.tpotMs,
    });
  }
  return { instances, reasons: [...reasons] };
}
