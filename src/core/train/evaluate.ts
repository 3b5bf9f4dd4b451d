/**
 * Phase 3 (evaluate): step time, memory and throughput of one complete layout.
 *
 * Step = pipeline (micro-batches x slowest stage + bubble) + exposed DP communication + optimizer.
 * Every term is documented in docs/ENGINE.md with its reference. This function is the search's hot
 * path: it allocates nothing when given a scratch `out` object and a warm layer-cost cache.
 */
import { BYTES_PER_MEMORY_GB } from '../hardware/profile';
import { groupCollectiveSeconds } from './comm';
import type { EngineContext } from './context';
import { type LayerCosts, layerCosts } from './layer-costs';
import type { TrainLayout } from './types';

/** Mutable result of one evaluation; the search reuses one instance. */
export interface Evaluation {
  fits: boolean;
  stepSeconds: number;
  microBatches: number;
  computeSeconds: number;
  recomputeSeconds: number;
  tpCommSeconds: number;
  cpCommSeconds: number;
  epCommSeconds: number;
  ppCommSeconds: number;
  dpCommSeconds: number;
  bubbleSeconds: number;
  optimizerSeconds: number;
  overheadSeconds: number;
  weightsGB: number;
  gradientsGB: number;
  optimizerStatesGB: number;
  activationsGB: number;
  reservedGB: number;
  memoryGB: number;
  /** Recompute FLOPs per token (forward re-runs), for HFU. */
  recomputeFlopsPerToken: number;
  /** Layers per stage recomputed whole (block method) under full recompute. */
  recomputedLayersPerStage: number;
  /** One micro-batch (forward + backward) through the slowest and through an average pipeline stage. */
  slowestStageSeconds: number;
  meanStageSeconds: number;
}

/** Where a step's seconds go (the estimate's `breakdown`). */
export type StepBreakdown = Pick<
  Evaluation,
  | 'computeSeconds'
  | 'recomputeSeconds'
  | 'tpCommSeconds'
  | 'cpCommSeconds'
  | 'epCommSeconds'
  | 'ppCommSeconds'
  | 'dpCommSeconds'
  | 'bubbleSeconds'
  | 'optimizerSeconds'
  | 'overheadSeconds'
>;

export function emptyEvaluation(): Evaluation {
  return {
    fits: false,
    stepSeconds: 0,
    microBatches: 0,
    computeSeconds: 0,
    recomputeSeconds: 0,
    tpCommSeconds: 0,
    cpCommSeconds: 0,
    epCommSeconds: 0,
    ppCommSeconds: 0,
    dpCommSeconds: 0,
    bubbleSeconds: 0,
    optimizerSeconds: 0,
    overheadSeconds: 0,
    weightsGB: 0,
    gradientsGB: 0,
    optimizerStatesGB: 0,
    activationsGB: 0,
    reservedGB: 0,
    memoryGB: 0,
    recomputeFlopsPerToken: 0,
    recomputedLayersPerStage: 0,
    slowestStageSeconds: 0,
    meanStageSeconds: 0,
  };
}

/** Per-context cache of layer costs keyed by (tp, cp, mbs, ep, etp, sp, flash attention). */
export class LayerCostCache {
  private readonly map = new Map<number, LayerCosts>();
  constructor(private readonly ctx: EngineContext) {}
  get(tp: number, cp: number, mbs: number, ep: number, etp: number, sp: boolean, flash: boolean): LayerCosts {
    // Five factors below 1024 (10 bits each) and two bits: 52 bits, exact in a double (2^53), so a unique
    // numeric key without string allocation.
    const key =
      (((((tp * 1024 + cp) * 1024 + mbs) * 1024 + ep) * 1024 + etp) * 2 + (sp ? 1 : 0)) * 2 + (flash ? 1 : 0);
    let costs = this.map.get(key);
    if (!costs) {
      costs = layerCosts(this.ctx, tp, cp, mbs, ep, etp, sp, flash);
      this.map.set(key, costs);
    }
    return costs;
  }
}

// memory in the vendors' binary gigabytes, like HBM capacities (hardware/profile.ts)
const GB = BYTES_PER_MEMORY_GB;
// Adam step: read fp32 param, grad, m, v; write param, m, v and the bf16 copy: ~30 bytes per parameter,
// plus the gradient-norm pass (4 bytes) => 34 bytes (Calculon counts 11 flops/param; memory-bound here).
const OPTIMIZER_BYTES_PER_PARAM = 34;
// Mixed-precision bytes per parameter (Megatron theoretical_memory_usage.py): bf16 weights 2,
// fp32 main gradients 4, fp32 master weights + Adam m + v 12.
const WEIGHT_BYTES = 2;
const GRAD_BYTES = 4;
const MASTER_WEIGHT_BYTES = 4;
const ADAM_MOMENT_BYTES = 4;
// Parameters are gathered in bf16; the gradient precision of reductions is the framework's (framework.ts).
const PARAM_GATHER_BYTES = 2;

function shardBytes(params: number, group: number, bytes: number, sharded: boolean): number {
  return sharded ? (params * bytes) / group : params * bytes;
}

/** Weights, gradients and optimizer states of one stage's dense and expert parameters, per ZeRO stage. */
function setStaticMemory(
  out: Evaluation,
  denseParams: number,
  expertParams: number,
  denseGroup: number,
  expertGroup: number,
  zero: number,
  gradientsSharded: boolean,
  parameterCopies: number,
  optimizerStateBytes: number,
  gradientBytes: number,
): void {
  out.weightsGB =
    (parameterCopies *
      (shardBytes(denseParams, denseGroup, WEIGHT_BYTES, zero >= 3) +
        shardBytes(expertParams, expertGroup, WEIGHT_BYTES, zero >= 3))) /
    GB;
  out.gradientsGB =
    (shardBytes(denseParams, denseGroup, gradientBytes, gradientsSharded) +
      shardBytes(expertParams, expertGroup, gradientBytes, gradientsSharded)) /
    GB;
  out.optimizerStatesGB =
    (shardBytes(denseParams, denseGroup, optimizerStateBytes, zero >= 1) +
      shardBytes(expertParams, expertGroup, optimizerStateBytes, zero >= 1)) /
    GB;
}

/**
 * One layer's computation, forward and backward, from its forward parts: GEMMs 2x in the backward (data and weight
 * gradients), flash attention its own backward time (5 vs 2 matmuls), element-wise 2x.
 */
function computeFwdBwd(
  gemmFwd: number,
  attentionFwd: number,
  attentionBwd: number,
  memoryFwd: number,
): number {
  return 3 * gemmFwd + attentionFwd + attentionBwd + 3 * memoryFwd;
}

/**
 * Megatron --recompute-method block: just enough of a stage's layers recomputed whole for its activations to fit
 * the budget (bytes left after its parameters), at least one.
 */
function blockRecomputedLayers(
  layers: number,
  keptPerLayer: number,
  checkpointBytes: number,
  inFlight: number,
  budgetBytes: number,
): number {
  const need = layers * keptPerLayer * inFlight - budgetBytes;
  const savedPerLayer = (keptPerLayer - checkpointBytes) * inFlight;
  return savedPerLayer > 0 ? Math.min(layers, Math.max(1, Math.ceil(need / savedPerLayer))) : layers;
}

export function evaluateLayout(
  ctx: EngineContext,
  cache: LayerCostCache,
  layout: TrainLayout,
  out: Evaluation = emptyEvaluation(),
): Evaluation {
  const { tp, pp, vp, dp, cp, ep, etp, mbs, recompute, zero } = layout;
  const sp = layout.sequenceParallel && tp > 1;
  const eff = ctx.efficiency;
  const c = cache.get(tp, cp, mbs, ep, etp, sp, layout.flashAttention);
  const dualPipe = layout.schedule === 'dualpipe';
  const m = ctx.setup.globalBatchSeqs / (dp * mbs);
  out.microBatches = m;

  // ---- stage shape ----
  const L = ctx.layers;
  const layersPerStage = L / pp;
  // A stated split (MindSpeed --num-layer-list) sets the heaviest stage and the last one; else an even split
  // whose slowest stage takes the rounded-up share.
  const stages = layout.layersPerStage;
  let maxLayersOnStage = Math.ceil(layersPerStage);
  let lastStageLayers = layersPerStage;
  if (stages !== undefined) {
    maxLayersOnStage = 0;
    for (const layers of stages) if (layers > maxLayersOnStage) maxLayersOnStage = layers;
    lastStageLayers = stages[stages.length - 1] ?? layersPerStage;
  }
  const moeShare = ctx.moeFraction;
  const denseShare = 1 - moeShare;

  // ---- parameters held by one device (worst stage) ----
  const nonExpertPerLayer =
    ctx.attentionParams + denseShare * ctx.denseMlpParams + moeShare * ctx.moeSharedParams;
  // the local experts' parameters of one MoE layer on this device
  const expertsPerMoeLayer = ctx.experts > 0 ? ((ctx.experts / ep) * ctx.expertParams) / etp : 0;
  const embeddingOnStage =
    pp === 1 ? (ctx.tiedEmbeddings ? 1 : 2) * ctx.embeddingParams : ctx.embeddingParams;
  const denseParams = (maxLayersOnStage * nonExpertPerLayer + embeddingOnStage) / tp;
  const expertParams = maxLayersOnStage * moeShare * expertsPerMoeLayer;
  const denseDpGroup = dp * cp;
  const expertDpGroup = Math.max(1, (dp * cp * tp) / (ep * etp));

  // Gradient sync deferred to the last micro-batch (PyTorch pipelining with FSDP) accumulates whole gradients.
  const deferredGradSync = ctx.framework.deferGradSyncInPipeline && pp > 1 && zero >= 2;
  const gradientsSharded = zero >= 2 && !deferredGradSync;
  // DualPipe keeps two copies of the stage's parameters (one per direction; DeepSeek-V3 report, table 2)
  const parameterCopies = dualPipe ? 2 : 1;
  // fp32 master copy + Adam m and v (BF16 moments where the framework keeps them so: DeepSeek-V3 §3.3.2);
  // MindSpeed --reuse-fp32-param keeps the fp32 master copy as the bf16 weight plus a 2-byte residual
  const optimizerStateBytes =
    MASTER_WEIGHT_BYTES +
    2 * (ctx.framework.adamMomentBytes ?? ADAM_MOMENT_BYTES) -
    (layout.reuseFp32Params ? 2 : 0);
  // the main-gradient buffer: fp32 unless the framework keeps it in bf16 (Megatron-Bridge's recipes)
  const gradientBytes = ctx.framework.gradientBufferBytes ?? GRAD_BYTES;
  setStaticMemory(
    out,
    denseParams,
    expertParams,
    denseDpGroup,
    expertDpGroup,
    zero,
    gradientsSharded,
    parameterCopies,
    optimizerStateBytes,
    gradientBytes,
  );
  // ZeRO-3: the gathered parameters of the layer being computed and of the one being prefetched
  const gatheredGB =
    zero >= 3
      ? (2 * (nonExpertPerLayer / tp + (moeShare > 0 ? expertsPerMoeLayer : 0)) * WEIGHT_BYTES) / GB
      : 0;
  out.weightsGB += gatheredGB;

  // ---- activations: micro-batches in flight on stage 0 (1F1B), interleaving penalty ----
  // 1F1B keeps pp micro-batches in flight on stage 0; DualPipe pp + 1 (DeepSeek-V3 report, table 2)
  const inFlight = Math.min(m, dualPipe ? pp + 1 : pp);
  const interleave = vp > 1 ? 1 + (pp - 1) / (pp * vp) : 1;
  const perLayerAct = denseShare * c.actDenseBytes + moeShare * c.actMoeBytes;
  // Full recompute: every layer keeps only its input. Block (Megatron --recompute-method block): just enough
  // layers per stage are recomputed whole for the stage to fit, at least one. Selective frees the attention core's
  // buffers (Korthikanti et al. 2022), `activations` the norm outputs and, where the framework recomputes them
  // (`denseActivationRecompute`), the dense MLP's activation-function outputs; a MoE layer's expert activations.
  const partialSaving =
    recompute === 'selective'
      ? c.actCoreAttentionBytes
      : recompute === 'activations'
        ? denseShare *
            (c.actNormSavingBytes +
              (ctx.framework.denseActivationRecompute ? c.actDenseActivationSavingBytes : 0)) +
          moeShare * c.actActivationsSavingMoeBytes +
          (ctx.framework.mlaUpProjectionRecompute ? c.actMlaUpProjSavingBytes : 0)
        : 0;
  const keptPerLayer = perLayerAct - partialSaving;
  const flight = inFlight * interleave;
  const staticGB = out.weightsGB + out.gradientsGB + out.optimizerStatesGB + eff.reservedMemoryGB;
  const capacityBytes = ctx.hardware.hbmCapacityGB * eff.usableMemoryFraction * GB;
  let recomputedLayers = 0;
  let workingLayer = 0;
  if (recompute === 'full') {
    workingLayer = perLayerAct;
    recomputedLayers = maxLayersOnStage;
  } else if (recompute === 'block') {
    workingLayer = perLayerAct;
    const budget = capacityBytes - staticGB * GB - workingLayer - (pp === 1 ? c.logitsActBytes : 0);
    recomputedLayers = blockRecomputedLayers(
      maxLayersOnStage,
      keptPerLayer,
      c.actCheckpointBytes,
      flight,
      budget,
    );
  }
  const stageActBytes =
    ((maxLayersOnStage - recomputedLayers) * keptPerLayer + recomputedLayers * c.actCheckpointBytes) *
      flight +
    workingLayer;
  // Stage 0 holds min(m, pp) micro-batches; the last stage holds one plus its fp32 logits.
  const lastStageBytes = stageActBytes / flight + c.logitsActBytes;
  const activationBytes =
    pp === 1 ? stageActBytes + c.logitsActBytes : Math.max(stageActBytes, lastStageBytes);
  out.activationsGB = activationBytes / GB;
  out.reservedGB = eff.reservedMemoryGB;
  out.memoryGB = out.weightsGB + out.gradientsGB + out.optimizerStatesGB + out.activationsGB + out.reservedGB;
  out.recomputedLayersPerStage = recomputedLayers;
  out.fits = out.memoryGB * GB <= capacityBytes;
  if (stages !== undefined && pp > 1) {
    // A stated split: stage k holds its own layers' parameters (the embedding on the first stage, the output layer
    // on the last) and activations for min(m, pp - k) micro-batches (1F1B); the device's memory is the fullest
    // stage's, and the heaviest stage's recompute sets the time. Only for a stated split, which the layout search
    // never proposes: this loop is off its hot path.
    let worstBytes = -1;
    let weightsGB = 0;
    let gradientsGB = 0;
    let optimizerStatesGB = 0;
    let activationsGB = 0;
    let worstRecomputed = 0;
    let slowestRecomputed = 0;
    for (let k = 0; k < pp; k++) {
      const layersK = stages[k] ?? 0;
      const embeddingK = k === 0 || k === pp - 1 ? ctx.embeddingParams : 0;
      const denseK = (layersK * nonExpertPerLayer + embeddingK) / tp;
      const expertK = layersK * moeShare * expertsPerMoeLayer;
      setStaticMemory(
        out,
        denseK,
        expertK,
        denseDpGroup,
        expertDpGroup,
        zero,
        gradientsSharded,
        parameterCopies,
        optimizerStateBytes,
        gradientBytes,
      );
      const staticBytes =
        (out.weightsGB + gatheredGB + out.gradientsGB + out.optimizerStatesGB + eff.reservedMemoryGB) * GB;
      const held = Math.min(m, pp - k);
      const recomputedK =
        recompute === 'full'
          ? layersK
          : recompute === 'block'
            ? blockRecomputedLayers(
                layersK,
                keptPerLayer,
                c.actCheckpointBytes,
                held,
                capacityBytes - staticBytes - workingLayer,
              )
            : 0;
      const actBytes =
        ((layersK - recomputedK) * keptPerLayer + recomputedK * c.actCheckpointBytes) * held +
        workingLayer +
        (k === pp - 1 ? c.logitsActBytes : 0);
      if (layersK === maxLayersOnStage) slowestRecomputed = Math.max(slowestRecomputed, recomputedK);
      if (staticBytes + actBytes > worstBytes) {
        worstBytes = staticBytes + actBytes;
        weightsGB = out.weightsGB + gatheredGB;
        gradientsGB = out.gradientsGB;
        optimizerStatesGB = out.optimizerStatesGB;
        activationsGB = actBytes / GB;
        worstRecomputed = recomputedK;
      }
    }
    out.weightsGB = weightsGB;
    out.gradientsGB = gradientsGB;
    out.optimizerStatesGB = optimizerStatesGB;
    out.activationsGB = activationsGB;
    out.memoryGB = weightsGB + gradientsGB + optimizerStatesGB + activationsGB + out.reservedGB;
    out.recomputedLayersPerStage = worstRecomputed;
    out.fits = out.memoryGB * GB <= capacityBytes;
    recomputedLayers = slowestRecomputed;
  }

  // ---- one micro-batch through the slowest pipeline stage ----

  const gemmFwd = denseShare * c.gemmDenseFwd + moeShare * c.gemmMoeFwd;
  const memFwd = denseShare * c.memoryDenseFwd + moeShare * c.memoryMoeFwd;
  const tpFwdRaw = denseShare * c.tpDenseFwd + moeShare * c.tpMoeFwd;
  const tpFwd = layout.overlapTpComm ? tpFwdRaw * (1 - eff.tpOverlapFraction) : tpFwdRaw;
  // DualPipe pairs a forward and a backward micro-batch so that each hides the other's all-to-all (DeepSeek-V3
  // report, section 3.2.1); a framework that overlaps the dispatch and combine with computation (Megatron-Core's
  // A2A overlap and DeepEP in NVIDIA's recipes) hides a fitted share of it; any other waits for all of it
  // (MindSpeed's --moe-alltoall-overlap-comm is off by default).
  // A framework's overlap hides the all-to-all behind another micro-batch's computation of the same MoE layer, so it
  // never hides more than that computation takes (an all-to-all across a slow scale-out network, as with EP 64 over
  // eight 8-GPU nodes, stays partly exposed). DualPipe is taken at its report's word (fully hidden): its node-limited
  // routing (at most 4 nodes per token) and IB-to-NVLink forwarding cut the cross-node bytes below what is modelled.
  const epRawFwd = moeShare * (layout.moeDispatcher === 'dedup' ? c.epFwdDedup : c.epFwd);
  let epFwd = epRawFwd;
  if (dualPipe) epFwd = 0;
  else if (layout.overlapEpComm && epRawFwd > 0) {
    // the MoE layer's forward + backward computation, which the overlap runs beside (dense models skip this)
    const moeComputeFwdBwd =
      moeShare * computeFwdBwd(c.gemmMoeFwd, c.attentionFwd, c.attentionBwd, c.memoryMoeFwd);
    epFwd = Math.max(epRawFwd * (1 - eff.epOverlapFraction), epRawFwd - moeComputeFwdBwd / 2);
  }
  // Backward: GEMMs 2x (data + weight gradients), flash attention 2.5x (5 vs 2 matmuls), element-wise 2x,
  // communication mirrored once (TP reduce-scatter <-> all-gather, EP combine <-> dispatch, CP dK/dV).
  // The attention core is the same in dense and MoE layers.
  const computeLayer = computeFwdBwd(gemmFwd, c.attentionFwd, c.attentionBwd, memFwd);
  const commLayer = 2 * tpFwd + 2 * epFwd + 3 * c.cpFwd;
  let recomputeLayer = 0;
  let recomputeFlopsPerToken = 0;
  if (recompute === 'full' || recompute === 'block') {
    const share = recomputedLayers / maxLayersOnStage;
    // JAX recomputes only the backward's inputs: not the MLP down projection nor the TP collective after it
    const skipsResidual = ctx.framework.rematSkipsResidualOutputs === true;
    const skippedGemm = skipsResidual ? denseShare * c.gemmDenseResidualOutputFwd : 0;
    const skippedTp = skipsResidual
      ? denseShare * c.tpDenseResidualOutputFwd * (layout.overlapTpComm ? 1 - eff.tpOverlapFraction : 1)
      : 0;
    recomputeLayer =
      share * (gemmFwd - skippedGemm + c.attentionFwd + memFwd + tpFwd - skippedTp + epFwd + c.cpFwd);
    // the down projection's 2·h·f FLOPs per token in each dense layer
    const skippedFlops = skipsResidual
      ? denseShare * ctx.model.layers * 2 * ctx.hidden * ctx.model.ffnHidden
      : 0;
    recomputeFlopsPerToken = share * (ctx.modelFlopsPerToken / 3 - ctx.logitsFlops - skippedFlops);
  } else if (recompute === 'selective') {
    // the attention core's forward runs again before its backward (Korthikanti et al. 2022 §4.2)
    recomputeLayer = c.attentionFwd;
    // attentionCoreFlops is one layer's (per token); HFU counts every layer's re-run
    recomputeFlopsPerToken = ctx.attentionCoreFlops * ctx.model.layers;
  } else if (recompute === 'activations') {
    // Re-runs the norms (4h of the ~10h norm/residual elements per token) and the activation function (3f of its
    // elements): about half of the forward memory-bound time for Llama-like shapes; an approximation, not fitted.
    // A framework that recomputes no dense activation function (Megatron-Core) re-runs a dense layer's norms only.
    const denseRecompute = ctx.framework.denseActivationRecompute ? c.memoryDenseFwd * 0.5 : c.normsFwd;
    recomputeLayer =
      denseShare * denseRecompute +
      moeShare * c.memoryMoeFwd * 0.5 +
      (ctx.framework.mlaUpProjectionRecompute ? c.mlaUpProjFwd : 0);
    recomputeFlopsPerToken = ctx.framework.mlaUpProjectionRecompute ? ctx.mlaUpProjectionFlops : 0;
  }
  // Host-side work (kernel launches, framework bookkeeping, MoE token-count syncs) runs ahead of the device
  // asynchronously: a layer takes the longer of its device time and its host time (launch-bound small models).
  // One CUDA graph for the whole iteration launches nothing per layer and has no host syncs (sync-free MoE).
  const graphed = layout.fullIterationCudaGraph;
  const hostLayer = graphed ? 0 : eff.layerOverheadUs * 1e-6;
  const deviceLayer = computeLayer + commLayer + recomputeLayer;
  // MoE layers wait on the host: the routing's token counts per expert come back to the CPU before the dispatch
  // and expert GEMMs can be launched (Megatron's alltoall/allgather dispatchers), so what is launched after that
  // sync is exposed: a fixed part, plus a part per local expert: a loop of per-expert GEMMs, or a grouped GEMM whose
  // wrapper still splits, quantizes and launches per expert (TE's GroupedLinear: framework.ts).
  // Within one framework a loop of per-expert modules never costs less host time per expert than the grouped GEMM it
  // replaces: Megatron's SequentialMLP calls a TE Linear per expert, each with its own quantization and launch. (The
  // loop value alone is fitted mostly on MindSpeed's loops on Ascend, another stack: it does not bound TE's.)
  const groupedHostUs = ctx.framework.groupedExpertsPerExpertHostWork ? eff.groupedExpertOverheadUs : 0;
  const perExpertHostUs = layout.groupedExperts
    ? groupedHostUs
    : Math.max(eff.expertOverheadUs, groupedHostUs);
  const moeExposedLayer = graphed ? 0 : moeShare * (eff.moeSyncUs + c.localExperts * perExpertHostUs) * 1e-6;
  const overheadLayer = Math.max(0, hostLayer - deviceLayer) + moeExposedLayer;
  const perLayer = deviceLayer + overheadLayer;
  const logits = 3 * c.logitsFwd;
  const stageWithLogits = lastStageLayers * perLayer + logits;
  const slowestStage =
    pp === 1 ? L * perLayer + logits : Math.max(maxLayersOnStage * perLayer, stageWithLogits);
  // Point-to-point: forward activations and backward gradients, once per model chunk.
  // Interleaved schedules overlap the sends with the next chunk's compute where the framework does (Megatron-Core
  // overlap_p2p_comm, on in NeMo/Megatron-Bridge/MindSpeed with virtual stages), and DualPipe hides them behind the
  // other direction; only the launch stays exposed. Otherwise every chunk waits for its sends.
  const p2pHidden = dualPipe || (vp > 1 && ctx.framework.p2pOverlap);
  const ppPerMicroBatch =
    pp === 1 ? 0 : p2pHidden ? 2 * vp * eff.collectiveLaunchUs * 1e-6 : 2 * vp * c.ppSendSeconds;
  const perMicroBatch = slowestStage + ppPerMicroBatch;
  // 1F1B: m micro-batches pass the slowest stage; fill and drain take (pp-1)/vp micro-batches of the mean stage
  // (a heavier last stage, with the logits, slows the steady state but not the other stages' fill and drain).
  // DualPipe's bubble is (pp/2 - 1)(F&B + B - 3W) (DeepSeek-V3 report, table 2); with B = 2F and W = F this is
  // (pp/2 - 1) x 2F = (pp/2 - 1) x 2/3 of a micro-batch's stage time.
  const bubbleMicroBatches = dualPipe ? ((pp / 2 - 1) * 2) / 3 : (pp - 1) / vp;
  const meanStage = (L * perLayer + logits) / pp + ppPerMicroBatch;
  const pipelineSeconds = m * perMicroBatch + bubbleMicroBatches * meanStage;
  out.slowestStageSeconds = perMicroBatch;
  out.meanStageSeconds = meanStage;

  // the breakdown describes the stage that paces the pipeline: the last one (its layers and the logits) when it is
  // the slowest, else a stage with the most layers
  const logitsStageSlowest = pp === 1 || stageWithLogits >= maxLayersOnStage * perLayer;
  const layersOnSlowest = pp === 1 ? L : logitsStageSlowest ? lastStageLayers : maxLayersOnStage;
  const logitsShare = logitsStageSlowest ? 1 : 0;
  out.computeSeconds = m * (layersOnSlowest * computeLayer + logitsShare * logits);
  out.recomputeSeconds = m * layersOnSlowest * recomputeLayer;
  out.tpCommSeconds = m * layersOnSlowest * 2 * tpFwd;
  out.epCommSeconds = m * layersOnSlowest * 2 * epFwd;
  out.cpCommSeconds = m * layersOnSlowest * 3 * c.cpFwd;
  out.ppCommSeconds = m * ppPerMicroBatch;
  out.overheadSeconds = m * layersOnSlowest * overheadLayer;
  out.bubbleSeconds = bubbleMicroBatches * meanStage;

  // ---- data-parallel gradient reduction and parameter gather (semantics per ZeRO stage: types.ts) ----
  const gradReduceBytes = ctx.framework.gradReduceBytes;
  // one reduce-scatter of the gradients and one all-gather of the bf16 parameters over the group
  const reduceSeconds =
    groupCollectiveSeconds(ctx, denseParams * gradReduceBytes, denseDpGroup, tp) +
    groupCollectiveSeconds(ctx, expertParams * gradReduceBytes, expertDpGroup, tp * ep);
  const gatherSeconds =
    groupCollectiveSeconds(ctx, denseParams * PARAM_GATHER_BYTES, denseDpGroup, tp) +
    groupCollectiveSeconds(ctx, expertParams * PARAM_GATHER_BYTES, expertDpGroup, tp * ep);
  // Backward of a micro-batch can hide a gradient reduce-scatter; a forward can hide a parameter all-gather
  // (Megatron overlap_grad_reduce/overlap_param_gather, DeepSpeed overlap_comm, FSDP prefetch).
  const backwardWindow = layout.overlapDpGrad ? perMicroBatch * (2 / 3) : 0;
  const forwardWindow = layout.overlapParamGather ? perMicroBatch / 3 : 0;
  let dpSeconds: number;
  if (deferredGradSync) {
    // Every backward but the last runs without gradient sync and keeps the gathered parameters (PyTorch
    // pipelining: reshard after backward only on the last): one gather and one reduce-scatter per step.
    dpSeconds = Math.max(0, reduceSeconds - backwardWindow) + Math.max(0, gatherSeconds - forwardWindow);
  } else if (zero >= 3) {
    // FSDP: per micro-batch gather for forward and backward, reduce-scatter per micro-batch; prefetching hides
    // them behind only part of the compute (they contend with TP/EP traffic and need buffers), see PRIORS.
    const perMb = 2 * gatherSeconds + reduceSeconds;
    const window = layout.overlapParamGather ? perMicroBatch * eff.zero3OverlapFraction : 0;
    dpSeconds = m * Math.max(0, perMb - window);
  } else if (zero === 2) {
    // No full gradient buffer: every micro-batch's backward reduce-scatters its gradients; the parameters are
    // gathered once per step after the optimizer.
    dpSeconds = m * Math.max(0, reduceSeconds - backwardWindow) + Math.max(0, gatherSeconds - forwardWindow);
  } else if (zero === 1) {
    // Full gradient buffer, accumulated locally: one reduce-scatter after the last micro-batch's backward, one
    // parameter all-gather before the next step's first forward.
    dpSeconds = Math.max(0, reduceSeconds - backwardWindow) + Math.max(0, gatherSeconds - forwardWindow);
  } else {
    // DDP: one all-reduce of the gradients (reduce-scatter + all-gather at gradient precision) per step.
    dpSeconds = Math.max(0, 2 * reduceSeconds - backwardWindow);
  }
  out.dpCommSeconds = dpSeconds;

  // ---- optimizer step over this device's shard ----
  const optimizerParams =
    (zero >= 1 ? denseParams / denseDpGroup : denseParams) +
    (zero >= 1 ? expertParams / expertDpGroup : expertParams);
  out.optimizerSeconds = (optimizerParams * OPTIMIZER_BYTES_PER_PARAM) / ctx.hbmBytesPerSecond;

  out.stepSeconds = pipelineSeconds + dpSeconds + out.optimizerSeconds;
  out.recomputeFlopsPerToken = recomputeFlopsPerToken;
  return out;
}
