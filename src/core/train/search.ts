/**
 * Phase 4 (search): every layout the fixed fields allow, evaluated in place, the best K kept in a
 * bounded max-heap (memory stays O(K) however large the space). The hot loop allocates nothing:
 * one mutable layout and one scratch evaluation are reused; only a layout entering the heap is copied.
 */
import type { EngineContext } from './context';
import { type Evaluation, emptyEvaluation, evaluateLayout, LayerCostCache } from './evaluate';
import { dpOverlapOffered } from './framework';
import { epOverlapAllowed, tpDivisor } from './layout-rules';
import type { PartialLayout, PipelineSchedule, RecomputeMode, TrainLayout, ZeroStage } from './types';

export interface SearchOptions {
  /** How many of the best layouts to keep (default 10). */
  readonly top?: number;
  /** Called between outer iterations with the fraction done, for progress bars. */
  readonly onProgress?: (fractionDone: number) => void;
  /** Largest micro-batch tried (default 16). */
  readonly maxMicroBatch?: number;
}

export interface RankedLayout {
  readonly layout: TrainLayout;
  readonly evaluation: Evaluation;
}

export interface SearchResult {
  readonly top: RankedLayout[];
  readonly evaluated: number;
  readonly feasible: number;
  /** When nothing fits: the evaluated layout that needs the least memory (to say how far off the closest is). */
  readonly leastMemory?: RankedLayout;
}

function divisorsUpTo(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d++) if (n % d === 0) out.push(d);
  return out;
}

function powersOfTwoDividing(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= max; d *= 2) if (n % d === 0) out.push(d);
  return out;
}

/** `even`: the framework needs whole, equal virtual stages of real layers (FrameworkProfile.evenVirtualStages). */
function virtualStages(layers: number, pp: number, even: boolean): number[] {
  const out = new Set<number>([1]);
  if (even && pp < 3) return [1];
  for (const total of even ? [layers] : [layers, layers + 2]) {
    if (total % pp !== 0) continue;
    const perStage = total / pp;
    for (const v of divisorsUpTo(perStage, perStage)) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

const RECOMPUTE_ORDER: Record<RecomputeMode, number> = {
  none: 0,
  selective: 1,
  activations: 2,
  block: 3,
  full: 4,
};

/**
 * Orders results: faster first, then less memory, then the simpler layout (smaller tp, pp, cp, vp, ep, etp,
 * ZeRO stage, micro-batch, lighter recompute), so that ties always rank the same way.
 */
function compareRanked(ae: Evaluation, al: TrainLayout, be: Evaluation, bl: TrainLayout): number {
  return (
    ae.stepSeconds - be.stepSeconds ||
    ae.memoryGB - be.memoryGB ||
    al.tp - bl.tp ||
    al.pp - bl.pp ||
    al.cp - bl.cp ||
    al.vp - bl.vp ||
    al.ep - bl.ep ||
    al.etp - bl.etp ||
    al.zero - bl.zero ||
    al.mbs - bl.mbs ||
    RECOMPUTE_ORDER[al.recompute] - RECOMPUTE_ORDER[bl.recompute] ||
    (al.schedule === bl.schedule ? 0 : al.schedule === '1f1b' ? -1 : 1)
  );
}

const ONE_F_ONE_B: readonly PipelineSchedule[] = ['1f1b'];
const SP_BOTH: readonly boolean[] = [true, false];
const SP_OFF: readonly boolean[] = [false];
const DUAL_PIPE: readonly PipelineSchedule[] = ['dualpipe'];
/** DualPipe asked for on a pipeline it cannot run on: nothing to search there. */
const NO_SCHEDULE: readonly PipelineSchedule[] = [];

const choices = <T>(fixed: T | undefined, all: T[]): T[] => (fixed === undefined ? all : [fixed]);

export function searchLayouts(
  ctx: EngineContext,
  fixed: PartialLayout,
  options: SearchOptions = {},
): SearchResult {
  const top = Math.max(1, options.top ?? 10);
  const maxMbs = options.maxMicroBatch ?? 16;
  const cache = new LayerCostCache(ctx);
  const model = ctx.model;
  const n = ctx.devices;
  const gbs = ctx.setup.globalBatchSeqs;
  const hw = ctx.hardware;

  // TP stays inside the scale-up domain (Megatron places TP ranks on NVLink/HCCS peers).
  const tpMax = Math.min(hw.scaleUpDomainSize, 64);
  const tps = choices(
    fixed.tp,
    divisorsUpTo(tpDivisor(ctx), tpMax).filter((t) => n % t === 0),
  );
  // Only what the framework implements is searched (framework.ts); a field given explicitly is always used.
  const fw = ctx.framework;
  const cps = choices(
    fixed.cp,
    fw.contextParallel
      ? powersOfTwoDividing(ctx.seqLen, 64).filter((c) => c === 1 || ctx.seqLen / c >= 1024)
      : [1],
  );
  const recomputes: readonly RecomputeMode[] = fixed.recompute ? [fixed.recompute] : fw.recomputeModes;
  const zeros: readonly ZeroStage[] = fixed.zero !== undefined ? [fixed.zero] : fw.zeroStages;
  // the data-parallel overlap the framework has at each ZeRO stage, looked up once, not per layout
  const dpOverlapAt = ([0, 1, 2, 3] as const).map((zero) => dpOverlapOffered(fw, zero));
  const dualPipeWanted =
    fixed.schedule === 'dualpipe' || (fixed.schedule === undefined && fw.defaults.schedule === 'dualpipe');
  const experts = fw.expertParallel ? (model.moe?.experts ?? 1) : 1;

  const layout: TrainLayout = {
    tp: 1,
    pp: 1,
    vp: 1,
    dp: 1,
    cp: 1,
    ep: 1,
    etp: 1,
    mbs: 1,
    recompute: 'none',
    zero: 1,
    schedule: '1f1b',
    sequenceParallel: fixed.sequenceParallel ?? fw.sequenceParallel,
    flashAttention: fixed.flashAttention ?? fw.flashAttention,
    overlapTpComm: fixed.overlapTpComm ?? fw.tpCommOverlap,
    overlapDpGrad: fixed.overlapDpGrad ?? fw.dpCommOverlap,
    overlapParamGather: fixed.overlapParamGather ?? fw.dpCommOverlap,
    overlapEpComm: false,
    // the deduplicating dispatcher sends fewer bytes across domains: used wherever the framework has it
    moeDispatcher: fixed.moeDispatcher ?? (fw.dedupDispatcher && model.moe ? 'dedup' : 'alltoall'),
    // never assumed: a whole-iteration graph needs static shapes and sync-free MoE, which a stack may not have
    fullIterationCudaGraph: fixed.fullIterationCudaGraph ?? false,
    groupedExperts: fixed.groupedExperts ?? (fw.groupedGemm && model.moe !== undefined),
    reuseFp32Params: fixed.reuseFp32Params ?? false,
    ...(fixed.layersPerStage === undefined ? {} : { layersPerStage: fixed.layersPerStage }),
  };
  const scratch = emptyEvaluation();
  // max-heap on stepSeconds of the best `top` feasible layouts
  const heap: RankedLayout[] = [];
  let evaluated = 0;
  let feasible = 0;
  let leastMemory: RankedLayout | undefined;

  const worse = (a: RankedLayout, b: RankedLayout) =>
    compareRanked(a.evaluation, a.layout, b.evaluation, b.layout) > 0;
  const siftUp = (i0: number) => {
    let i = i0;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = () => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heap.length && worse(heap[l]!, heap[largest]!)) largest = l;
      if (r < heap.length && worse(heap[r]!, heap[largest]!)) largest = r;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
      i = largest;
    }
  };
  const offer = () => {
    if (heap.length < top) {
      heap.push({ layout: { ...layout }, evaluation: { ...scratch } });
      siftUp(heap.length - 1);
    } else if (compareRanked(heap[0]!.evaluation, heap[0]!.layout, scratch, layout) > 0) {
      heap[0] = { layout: { ...layout }, evaluation: { ...scratch } };
      siftDown();
    }
  };

  const outer = tps.length * cps.length;
  let outerDone = 0;
  for (const tp of tps) {
    layout.tp = tp;
    // sequence parallelism is a searched switch where the framework offers it (it trades TP collectives and a
    // pipeline re-gather against sharded norms and activations)
    const sps =
      fixed.sequenceParallel !== undefined
        ? [fixed.sequenceParallel]
        : tp > 1 && fw.sequenceParallel
          ? SP_BOTH
          : SP_OFF;
    for (const cp of cps) {
      layout.cp = cp;
      options.onProgress?.(outerDone / outer);
      outerDone++;
      if (n % (tp * cp) !== 0) continue;
      // a stated split fixes the stage count
      const pps = choices(
        fixed.pp ?? fixed.layersPerStage?.length,
        divisorsUpTo(n / (tp * cp), model.layers),
      );
      for (const pp of pps) {
        layout.pp = pp;
        const grid = tp * cp * pp;
        if (n % grid !== 0) continue;
        const dp = n / grid;
        if (fixed.dp !== undefined && fixed.dp !== dp) continue;
        layout.dp = dp;
        if (gbs % dp !== 0) continue;
        // Interleaving: chunks per rank that split the stage's layers evenly, counting the embedding and loss
        // as layers or not (see layout-rules.ts).
        const vps =
          fixed.vp !== undefined
            ? [fixed.vp]
            : pp === 1 || !fw.virtualPipeline || fixed.layersPerStage !== undefined
              ? [1]
              : virtualStages(model.layers, pp, fw.evenVirtualStages === true);
        const eps =
          fixed.ep !== undefined
            ? [fixed.ep]
            : divisorsUpTo(experts, experts).filter((e) => (dp * cp) % e === 0);
        for (const vp of vps) {
          if (vp > 1 && (pp < 2 || vp * pp > model.layers + 2)) continue;
          layout.vp = vp;
          // DualPipe is searched when asked for, or where it is the framework's schedule (DeepSeek's HAI-LLM); it is
          // then the only pipeline schedule searched: a pp or vp it cannot run on is skipped, not run as 1F1B. A
          // framework whose schedule it is still runs without a pipeline (pp 1) when not asked for DualPipe.
          const schedules: readonly PipelineSchedule[] = dualPipeWanted
            ? vp === 1 && pp >= 2 && pp % 2 === 0
              ? DUAL_PIPE
              : pp === 1 && fixed.schedule === undefined
                ? ONE_F_ONE_B
                : NO_SCHEDULE
            : ONE_F_ONE_B;
          for (const schedule of schedules) {
            if (schedule === 'dualpipe' && (vp > 1 || pp % 2 !== 0)) continue;
            layout.schedule = schedule;
            const perReplica = gbs / dp;
            const mbss = fixed.mbs !== undefined ? [fixed.mbs] : powersOfTwoDividing(perReplica, maxMbs);
            for (const mbs of mbss) {
              if (perReplica % mbs !== 0) continue;
              // interleaving needs at least pp micro-batches in flight; DualPipe an even number (layout-rules.ts)
              if (vp > 1 && perReplica / mbs < pp) continue;
              if (schedule === 'dualpipe' && (perReplica / mbs) % 2 !== 0) continue;
              layout.mbs = mbs;
              for (const ep of eps) {
                layout.ep = ep;
                const etps =
                  fixed.etp !== undefined ? [fixed.etp] : ep > 1 && tp > 1 ? [1, tp] : [model.moe ? 1 : tp];
                for (const etp of etps) {
                  if (ep > 1 && (dp * cp * tp) % (ep * etp) !== 0) continue;
                  layout.etp = etp;
                  for (const sp of sps) {
                    layout.sequenceParallel = sp;
                    for (const recompute of recomputes) {
                      layout.recompute = recompute;
                      // EP overlap only hides time: on wherever the framework allows it, unless fixed (a fixed
                      // "on" keeps only the layouts that allow it)
                      const epOverlap = epOverlapAllowed(fw.epCommOverlap, layout);
                      if (fixed.overlapEpComm === true && !epOverlap) continue;
                      layout.overlapEpComm = fixed.overlapEpComm ?? epOverlap;
                      for (const zero of zeros) {
                        if (zero > 0 && dp * cp === 1 && fixed.zero === undefined) continue;
                        layout.zero = zero;
                        layout.overlapDpGrad = fixed.overlapDpGrad ?? dpOverlapAt[zero]!;
                        layout.overlapParamGather = fixed.overlapParamGather ?? dpOverlapAt[zero]!;
                        evaluateLayout(ctx, cache, layout, scratch);
                        evaluated++;
                        if (!scratch.fits) {
                          // copied only while nothing fits and only when it improves: a handful of times a search
                          if (
                            feasible === 0 &&
                            (!leastMemory || scratch.memoryGB < leastMemory.evaluation.memoryGB)
                          )
                            leastMemory = { layout: { ...layout }, evaluation: { ...scratch } };
                          continue;
                        }
                        feasible++;
                        offer();
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  options.onProgress?.(1);
  const ranked = heap.sort((a, b) => compareRanked(a.evaluation, a.layout, b.evaluation, b.layout));
  return { top: ranked, evaluated, feasible, ...(feasible === 0 && leastMemory ? { leastMemory } : {}) };
}
