/**
 * One training job over two hardware pools at one site (for example Ascend 910C plus H20): data-parallel
 * groups, each pool running its own best layout on its share of the global batch, the shares set so that
 * both pools finish a step together. Formula and limits: docs/PLANNER.md, "Heterogeneous jobs".
 *
 *   B_a ~ B * r_a / (r_a + r_b)  (r = each pool's speed alone; the multiple of 64-512 sequences near it
 *                                 with the shortest step, since each pool's layout must divide its batch)
 *   step = max(step_a(B_a), step_b(B_b)) + 2 * gradientBytes / (min(n_a, n_b) * min(scaleOut_a, scaleOut_b))
 *
 * The second term is the cross-pool gradient all-reduce over the scale-out network (not overlapped,
 * fp32 gradients: conservative). Each pool's own DP reduction is inside its engine step time.
 */

import { say } from '../messages/say';
import { countParameters } from '../model/params';
import type { TrainEstimate } from '../train/estimate';
import { type EngineCache, layoutText, type TrainingSetup } from './candidates';
import type { ResolvedOption } from './options';
import type { TrainingCandidate } from './problem';

const GRADIENT_BYTES_PER_PARAM = 4;

export interface PoolSpeed {
  readonly devices: number;
  /** Tokens/s of the pool alone at the full global batch. */
  readonly tokensPerSecond: number;
}

/** Sequences per step for pool a: the speed-proportional share, in [1, B - 1]. */
export function proportionalShare(globalBatchSeqs: number, a: number, b: number): number {
  const share = Math.round((globalBatchSeqs * a) / (a + b));
  return Math.min(globalBatchSeqs - 1, Math.max(1, share));
}

/**
 * Batch splits to try near the proportional one: multiples of 512, 256, 128 and 64 sequences just
 * below and above it (a layout needs its dp, and micro-batch, to divide the pool's batch; coarse
 * splits leave the engine the most layouts), at most 6, nearest first.
 */
export function splitsNear(globalBatchSeqs: number, target: number): number[] {
  const out: number[] = [];
  for (const g of [512, 256, 128, 64]) {
    const down = Math.floor(target / g) * g;
    const up = Math.ceil(target / g) * g;
    for (const s of [down, up]) if (s >= 1 && s < globalBatchSeqs && !out.includes(s)) out.push(s);
  }
  if (!out.length) out.push(Math.min(globalBatchSeqs - 1, Math.max(1, Math.round(target))));
  return out.sort((x, y) => Math.abs(x - target) - Math.abs(y - target) || y - x).slice(0, 6);
}

/** Cross-pool gradient exchange per step, seconds. */
export function crossPoolSyncSeconds(
  params: number,
  devicesA: number,
  devicesB: number,
  scaleOutGBpsA: number,
  scaleOutGBpsB: number,
): number {
  const bytes = params * GRADIENT_BYTES_PER_PARAM;
  return (2 * bytes) / (Math.min(devicesA, devicesB) * Math.min(scaleOutGBpsA, scaleOutGBpsB) * 1e9);
}

/** The two-pool estimate, or null when no split gives both pools a fitting layout. */
export function estimateTwoPool(
  setup: TrainingSetup,
  a: ResolvedOption,
  devicesA: number,
  b: ResolvedOption,
  devicesB: number,
  speedA: number,
  speedB: number,
  engine: EngineCache,
): TrainingCandidate | null {
  const B = setup.globalBatchSeqs;
  if (B < 2) return null;
  const target = proportionalShare(B, speedA, speedB);
  // The split with the shortest step: the engine's speed depends on how the batch divides into layouts.
  let best: { step: number; ea: TrainEstimate; eb: TrainEstimate; ba: number } | null = null;
  for (const ba of splitsNear(B, target)) {
    const ra = engine.estimate(setup, a, devicesA, ba);
    const rb = engine.estimate(setup, b, devicesB, B - ba);
    if (!ra.ok || !rb.ok) continue;
    const step = Math.max(ra.value.stepSeconds, rb.value.stepSeconds);
    if (!best || step < best.step) best = { step, ea: ra.value, eb: rb.value, ba };
  }
  if (!best) return null;
  const params = countParameters(setup.model).totalParams;
  const sync = crossPoolSyncSeconds(
    params,
    devicesA,
    devicesB,
    a.profile.scaleOutBandwidthGBps,
    b.profile.scaleOutBandwidthGBps,
  );
  const stepSeconds = best.step + sync;
  const tokensPerSecond = (B * setup.seqLen) / stepSeconds;
  // Model FLOPs per token from either pool's estimate (same model): TFLOP/s per device over tokens/s per device.
  const flopsPerToken = (best.ea.modelTflopsPerDevice * 1e12) / best.ea.tokensPerSecondPerDevice;
  const balance = Math.min(best.ea.stepSeconds, best.eb.stepSeconds) / best.step;
  return {
    pools: [
      { optionId: a.data.id, devices: devicesA },
      { optionId: b.data.id, devices: devicesB },
    ],
    trainDays: setup.tokens / tokensPerSecond / 86400,
    tokensPerSecond,
    modelPflops: (tokensPerSecond * flopsPerToken) / 1e15,
    layout: `${a.data.id}: ${layoutText(best.ea.layout)} on ${best.ba} seqs/step | ${b.data.id}: ${layoutText(best.eb.layout)} on ${B - best.ba} seqs/step`,
    timing: { poolStepSeconds: [best.ea.stepSeconds, best.eb.stepSeconds], syncSeconds: sync },
    notes: [
      say('plan.note-two-pool', {
        seconds: stepSeconds.toFixed(2),
        stepA: best.ea.stepSeconds.toFixed(2),
        stepB: best.eb.stepSeconds.toFixed(2),
        sync: sync.toFixed(2),
        balance: (balance * 100).toFixed(0),
      }),
    ],
  };
}
