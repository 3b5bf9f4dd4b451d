/**
 * Phase 2 (per-shard costs): the time and memory of ONE layer for ONE micro-batch on ONE device, for a
 * given tensor/context/expert split and micro-batch size. Cached by the evaluator, since they do not
 * depend on PP, DP, ZeRO or recompute.
 */
import { allToAllSeconds, groupCollectiveSeconds, tierFor } from './comm';
import type { EngineContext } from './context';

export interface LayerCosts {
  /** Forward seconds of the GEMMs of a dense layer / of a MoE layer (incl. imbalance). */
  readonly gemmDenseFwd: number;
  readonly gemmMoeFwd: number;
  /** Forward seconds of the s x s attention products (flash attention). */
  readonly attentionFwd: number;
  readonly attentionMoeFwd: number;
  /** Forward seconds of memory-bound kernels (norms, residuals, activation, rotary, casts, permutes). */
  readonly memoryDenseFwd: number;
  readonly memoryMoeFwd: number;
  /** TP all-gather/reduce-scatter seconds per layer forward (before overlap). */
  readonly tpDenseFwd: number;
  readonly tpMoeFwd: number;
  /** Expert-parallel dispatch + combine seconds per MoE layer forward. */
  readonly epFwd: number;
  /** Context-parallel KV exchange left exposed after overlapping with attention, forward. */
  readonly cpFwd: number;
  /** Logits GEMM + cross-entropy, forward, on the last stage. */
  readonly logitsFwd: number;
  /** One pipeline send (activations of one micro-batch), seconds, on the PP tier. */
  readonly ppSendSeconds: number;
  /** Activation bytes kept per layer per micro-batch without recompute / with selective / with full. */
  readonly actDenseBytes: number;
  readonly actMoeBytes: number;
  readonly actSelectiveSavingDenseBytes: number;
  readonly actSelectiveSavingMoeBytes: number;
  readonly actCheckpointBytes: number;
  readonly logitsActBytes: number;
  /** Tokens of the micro-batch on this device (before TP), for FLOP counting. */
  readonly tokens: number;
  /** Experts hosted by this device (0 for dense models). */
  readonly localExperts: number;
}

/** GEMM efficiency for an (m x k) @ (k x n) product: max * prod(x / (x + d0)). */
function gemmSeconds(
  ctx: EngineContext,
  m: number,
  k: number,
  n: number,
  peak: number,
  maxEff: number,
): number {
  if (m <= 0 || k <= 0 || n <= 0) return 0;
  const d0 = ctx.efficiency.gemmHalfSaturationDim;
  const eff = maxEff * (m / (m + d0)) * (k / (k + d0)) * (n / (n + d0));
  return (2 * m * k * n) / (peak * eff);
}

export function layerCosts(
  ctx: EngineContext,
  tp: number,
  cp: number,
  mbs: number,
  ep: number,
  etp: number,
  sequenceParallel: boolean,
): LayerCosts {
  const eff = ctx.efficiency;
  const h = ctx.hidden;
  const bytes = ctx.precisionBytes;
  const tokens = (mbs * ctx.seqLen) / cp;
  const peak = ctx.gemmPeakFlops;
  const gemmEff = ctx.gemmEfficiency;
  const model = ctx.model;

  // ---- GEMMs (column- then row-parallel; token dimension full after the SP all-gather) ----
  const attnProjFlopsPerToken = ctx.attentionProjectionFlops;
  // Projection GEMMs approximated as one GEMM of the same FLOPs with inner size h and output width
  // flops / (2h); the shape factor then reflects the per-rank width after the TP split.
  const projWidth = attnProjFlopsPerToken / (2 * h);
  const attnProj = gemmSeconds(ctx, tokens, h, projWidth / tp, peak, gemmEff);
  const mlpWidth = ctx.denseMlpFlops / (2 * h);
  const denseMlp =
    gemmSeconds(ctx, tokens, h, model.ffnHidden / tp, peak, gemmEff) * (mlpWidth / model.ffnHidden);
  let moeMlp = 0;
  let expertTokensPerRank = 0;
  if (model.moe) {
    const moe = model.moe;
    // Tokens reaching this rank's experts: its EP group's tokens x topK, spread over E experts, E/ep local.
    const tokensPerRankBeforeEp = tokens / (sequenceParallel ? tp : 1);
    expertTokensPerRank = tokensPerRankBeforeEp * moe.topK * (tp / etp);
    const localExperts = moe.experts / ep;
    const tokensPerExpert = expertTokensPerRank / localExperts;
    const matrices = model.gatedMlp ? 3 : 2;
    const perExpert =
      gemmSeconds(ctx, tokensPerExpert, h, moe.expertFfnHidden / etp, peak, gemmEff) * (matrices / 1);
    moeMlp = perExpert * localExperts * eff.moeImbalance;
    if (moe.sharedExperts > 0) {
      moeMlp +=
        gemmSeconds(ctx, tokens, h, (moe.sharedExperts * moe.sharedExpertFfnHidden) / tp, peak, gemmEff) *
        matrices;
    }
    moeMlp += gemmSeconds(
      ctx,
      tokens / tp,
      h,
      moe.experts,
      ctx.bf16PeakFlops,
      ctx.efficiency.gemmEfficiencyBf16,
    );
  }

  // ---- attention products: causal flash attention in bf16, split over TP heads and CP chunks ----
  // Flash-attention tiles fill the device better as the attended context grows (FlashAttention-2/3 papers:
  // throughput rises with sequence length): efficiency x keys / (keys + a fitted half-saturation length).
  const keys =
    ctx.attentionCoreFlops / (2 * model.heads * (ctx.qWidth / model.heads + ctx.vWidth / model.heads));
  const attentionEff =
    ctx.efficiency.gemmEfficiencyBf16 *
    eff.attentionRelativeEfficiency *
    (keys / (keys + eff.attentionHalfSaturationKeys));
  const attentionFwd = (tokens * ctx.attentionCoreFlops) / tp / (ctx.bf16PeakFlops * attentionEff);

  // ---- memory-bound kernels (elements read + written per token, forward) ----
  const spShard = sequenceParallel ? tp : 1;
  const normsAndResiduals = (2 * 2 * h + 2 * 3 * h) / spShard;
  const rotary = (2 * (ctx.qWidth + ctx.kvWidth)) / tp;
  // fp8: each GEMM input is read in bf16 (2 B) and written in fp8 (1 B), 3 B = 1.5 bf16 elements per value
  const fp8Casts = ctx.setup.precision === 'fp8' ? 1.5 * (2 * h + ctx.qWidth / tp + model.ffnHidden / tp) : 0;
  const denseAct = ((model.gatedMlp ? 3 : 2) * model.ffnHidden) / tp;
  const memDenseElems = normsAndResiduals + rotary + denseAct + fp8Casts;
  let memMoeElems = normsAndResiduals + rotary + fp8Casts;
  if (model.moe) {
    const moe = model.moe;
    const perTokenRouted = moe.topK * (tp / etp);
    memMoeElems +=
      ((model.gatedMlp ? 3 : 2) * moe.expertFfnHidden * perTokenRouted) / tp +
      (4 * perTokenRouted * h) / spShard +
      ((model.gatedMlp ? 3 : 2) * moe.sharedExperts * moe.sharedExpertFfnHidden) / tp;
  }
  const memoryDenseFwd = (tokens * memDenseElems * bytes) / ctx.hbmBytesPerSecond;
  const memoryMoeFwd = (tokens * memMoeElems * bytes) / ctx.hbmBytesPerSecond;

  // ---- tensor parallel: 2 all-gathers + 2 reduce-scatters (SP) or 2 all-reduces per layer forward ----
  const activationBytes = tokens * h * bytes;
  const tpCollective = groupCollectiveSeconds(ctx, activationBytes, tp, 1);
  const tpDenseFwd = 4 * tpCollective;
  const tpMoeFwd = (etp > 1 ? 4 : 2) * tpCollective;

  // ---- expert parallel: dispatch + combine of topK copies of this rank's tokens ----
  let epFwd = 0;
  if (model.moe && ep > 1) {
    const dispatchBytes = (tokens / spShard) * model.moe.topK * h * bytes * eff.moeImbalance;
    epFwd = 2 * allToAllSeconds(ctx, dispatchBytes, ep, tp);
  }

  // ---- context parallel: ring exchange of K and V chunks, overlapped with the attention products ----
  let cpFwd = 0;
  if (cp > 1) {
    const cpTier = tierFor(ctx, cp, tp);
    const kvBytes =
      (tokens * (ctx.kvWidth + (model.attention.kind === 'mla' ? 0 : ctx.kvWidth)) * bytes) / tp;
    const exchange =
      (cp - 1) * (kvBytes / cpTier.bytesPerSecond + cpTier.latencySeconds + cpTier.launchSeconds);
    cpFwd = Math.max(0, exchange - attentionFwd);
  }

  // ---- logits and cross-entropy on the last stage ----
  const logitsGemm = gemmSeconds(
    ctx,
    tokens,
    h,
    model.vocab / tp,
    ctx.bf16PeakFlops,
    ctx.efficiency.gemmEfficiencyBf16,
  );
  // cross-entropy on fp32 logits (4 B): written by the GEMM epilogue, read by softmax, read again by its backward
  const logitsMem = (tokens * (model.vocab / tp) * 4 * 3) / ctx.hbmBytesPerSecond;
  const logitsFwd = logitsGemm + logitsMem;

  // ---- pipeline send of one micro-batch's activations ----
  const ppTier = tierFor(ctx, 2, ctx.devices / 2);
  const ppSendSeconds =
    activationBytes / spShard / ppTier.bytesPerSecond + ppTier.latencySeconds + ppTier.launchSeconds;

  // ---- activation memory (Korthikanti et al. 2022, adapted to flash attention, GQA, SwiGLU, MoE) ----
  // Bytes per token kept for backward, forward pass of one layer:
  //   SP-sharded: 2 norm inputs (2h each) + 2 residual-path tensors are folded into the norm inputs; dropout none.
  //   TP-sharded: QKV input (h, SP-gathered), Q/K/V outputs, attention output (flash keeps O and logsumexp),
  //   MLP input (h), FC1 output(s), activation output.
  // GEMM inputs are kept in fp8 under fp8 training (Transformer Engine saves the quantised copy).
  const gemmIn = ctx.setup.precision === 'fp8' ? 1 : 2;
  const shardedNorms = (2 * 2 * h) / spShard;
  const attnKept = (gemmIn * h + 2 * (ctx.qWidth + 2 * ctx.kvWidth) + 2 * ctx.vWidth) / tp;
  const denseMlpKept =
    (gemmIn * h + 2 * (model.gatedMlp ? 2 : 1) * model.ffnHidden + gemmIn * model.ffnHidden) / tp;
  let moeMlpKept = 0;
  if (model.moe) {
    const moe = model.moe;
    const routedTokens = moe.topK * (tp / etp);
    moeMlpKept =
      (gemmIn * h) / tp +
      (routedTokens * (gemmIn * h + (2 * (model.gatedMlp ? 2 : 1) + gemmIn) * moe.expertFfnHidden)) / tp +
      (moe.sharedExperts * (2 * (model.gatedMlp ? 2 : 1) + gemmIn) * moe.sharedExpertFfnHidden) / tp;
  }
  const actDenseBytes = tokens * (shardedNorms + attnKept + denseMlpKept);
  const actMoeBytes = tokens * (shardedNorms + attnKept + moeMlpKept);
  // Selective recompute (activation function and norms recomputed): drops the activation outputs and norm outputs.
  const actSelectiveSavingDenseBytes = (tokens * (2 * model.ffnHidden)) / tp + tokens * (shardedNorms / 2);
  const actSelectiveSavingMoeBytes =
    tokens * (shardedNorms / 2) +
    (model.moe ? (tokens * model.moe.topK * (tp / etp) * 2 * model.moe.expertFfnHidden) / tp : 0);
  const actCheckpointBytes = (tokens * 2 * h) / spShard;
  const logitsActBytes = tokens * (model.vocab / tp) * 4 * 2;

  return {
    gemmDenseFwd: attnProj + denseMlp,
    // MoE layers run at a fitted efficiency relative to dense ones (routing, permutation, grouped expert kernels)
    gemmMoeFwd: (attnProj + moeMlp) / eff.moeLayerRelativeEfficiency,
    attentionMoeFwd: attentionFwd / eff.moeLayerRelativeEfficiency,
    attentionFwd,
    memoryDenseFwd,
    memoryMoeFwd,
    tpDenseFwd,
    tpMoeFwd,
    epFwd,
    cpFwd,
    logitsFwd,
    ppSendSeconds,
    actDenseBytes,
    actMoeBytes,
    actSelectiveSavingDenseBytes,
    actSelectiveSavingMoeBytes,
    actCheckpointBytes,
    logitsActBytes,
    tokens,
    localExperts: model.moe ? model.moe.experts / ep : 0,
  };
}
