/**
 * Phase 2 (candidates): per training job and hardware option, the training engine's best layout and
 * speed at a set of device counts. The engine is a black box here (its numbers improve with
 * calibration); results are cached per (model, hardware, devices, batch).
 */

import { say } from '../messages/say';
import type { ModelSpec } from '../model/schema';
import { estimateTraining, type TrainEstimate } from '../train/estimate';
import type { TrainLayout, TrainPrecision } from '../train/types';
import type { ResolvedOption } from './options';
import type { TrainingCandidate } from './problem';

/**
 * Device counts from `lo` to `hi`: powers of two and 1.5 x powers of two (a sqrt(2)-spaced grid),
 * and 1, 2, 3, 4, 6, 8, 12... purchase units (so whole systems are tried too).
 */
export function deviceGrid(unit: number, lo: number, hi: number): number[] {
  const set = new Set<number>();
  for (let p = 1; p <= hi; p *= 2) {
    if (p >= lo) set.add(p);
    const q = p * 1.5;
    if (Number.isInteger(q) && q >= lo && q <= hi) set.add(q);
  }
  for (let m = 1; m * unit <= hi; m = m < 2 ? 2 : m % 3 === 0 ? (m / 3) * 4 : (m / 2) * 3) {
    if (m * unit >= lo) set.add(m * unit);
  }
  return [...set].sort((a, b) => a - b);
}

export interface TrainingSetup {
  readonly model: ModelSpec;
  readonly seqLen: number;
  readonly globalBatchSeqs: number;
  readonly precision: TrainPrecision;
  readonly tokens: number;
}

export function layoutText(l: TrainLayout): string {
  const parts = [`tp${l.tp}`, `pp${l.pp}`];
  if (l.vp > 1) parts.push(`vp${l.vp}`);
  parts.push(`dp${l.dp}`);
  if (l.cp > 1) parts.push(`cp${l.cp}`);
  if (l.ep > 1) parts.push(`ep${l.ep}`);
  parts.push(`mbs${l.mbs}`, `recompute=${l.recompute}`, `zero${l.zero}`);
  return parts.join(' ');
}

/** Memoised engine calls: the same (model, hardware, devices, batch) is asked by several jobs and pairs. */
export class EngineCache {
  private readonly cache = new Map<
    string,
    { ok: true; value: TrainEstimate } | { ok: false; reason: string }
  >();
  calls = 0;
  /**
   * Per option id, a factor on the engine's speed (the robust plan's quantile derating, docs/PLANNER.md);
   * absent = 1. Applied here so that every later step (the deadline's early stop, two-pool splits) sees it.
   */
  constructor(private readonly speedScale: Readonly<Record<string, number>> = {}) {}
  estimate(
    setup: TrainingSetup,
    option: ResolvedOption,
    devices: number,
    globalBatchSeqs = setup.globalBatchSeqs,
  ) {
    const key = [
      setup.model.name,
      option.data.id,
      devices,
      setup.seqLen,
      globalBatchSeqs,
      setup.precision,
    ].join('|');
    const hit = this.cache.get(key);
    if (hit) return hit;
    this.calls++;
    const r = estimateTraining({
      model: setup.model,
      hardware: option.profile,
      devices,
      setup: { seqLen: setup.seqLen, globalBatchSeqs, precision: setup.precision, totalTokens: setup.tokens },
    });
    let out: { ok: true; value: TrainEstimate } | { ok: false; reason: string };
    if (!r.ok) out = { ok: false, reason: r.issues[0]?.message ?? say('compare.no-estimate') };
    else if (!r.value.fits)
      out = { ok: false, reason: say('plan.does-not-fit', { capacity: option.profile.hbmCapacityGB }) };
    else out = { ok: true, value: scaled(r.value, this.speedScale[option.data.id] ?? 1) };
    this.cache.set(key, out);
    return out;
  }
}

/** An estimate with its speed multiplied by `factor` (steps and days divided by it). */
function scaled(e: TrainEstimate, factor: number): TrainEstimate {
  if (factor === 1) return e;
  return {
    ...e,
    stepSeconds: e.stepSeconds / factor,
    tokensPerSecondPerDevice: e.tokensPerSecondPerDevice * factor,
    modelTflopsPerDevice: e.modelTflopsPerDevice * factor,
    daysToTrain: e.daysToTrain === null ? null : e.daysToTrain / factor,
  };
}

export interface CandidateRequest {
  readonly setup: TrainingSetup;
  readonly option: ResolvedOption;
  readonly counts: readonly number[];
  /** Stop at the first count that ends by this day (lead time included): larger ones cost more and are never chosen under minCost. */
  readonly stopWhenWithinDays?: number | undefined;
  /** Stop at the first count that fits at all (minCost without a deadline). */
  readonly stopAtFirstFit?: boolean;
}

export interface CandidateResult {
  readonly candidates: TrainingCandidate[];
  /** Why counts were dropped (first reason per distinct message). */
  readonly reasons: string[];
}

export function trainingCandidates(req: CandidateRequest, engine: EngineCache): CandidateResult {
  const candidates: TrainingCandidate[] = [];
  const reasons = new Set<string>();
  for (const n of req.counts) {
    const r = engine.estimate(req.setup, req.option, n);
    if (!r.ok) {
      reasons.add(r.reason.replace(/\d+ devices/, 'N devices'));
      continue;
    }
    const e = r.value;
    if (e.daysToTrain === null) continue;
    candidates.push({
      pools: [{ optionId: req.option.data.id, devices: n }],
      trainDays: e.daysToTrain,
      tokensPerSecond: e.tokensPerSecondPerDevice * n,
      modelPflops: (e.modelTflopsPerDevice * n) / 1000,
      layout: layoutText(e.layout),
      notes: e.hardware.calibrated ? [] : [say('plan.note-uncalibrated', { family: e.hardware.family })],
      timing: { poolStepSeconds: [e.stepSeconds], syncSeconds: 0 },
    });
    if (req.stopAtFirstFit) break;
    if (
      req.stopWhenWithinDays !== undefined &&
      e.daysToTrain + req.option.data.leadTimeDays <= req.stopWhenWithinDays
    )
      break;
  }
  return { candidates, reasons: [...reasons] };
}
