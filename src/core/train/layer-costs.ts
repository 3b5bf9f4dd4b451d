/**
 * Phase 2 (per-shard costs): the time and memory of ONE layer for ONE micro-batch on ONE device, for a
 * given tensor/context/expert split and micro-batch size. Cached by the evaluator, since they do not
 * depend on PP, DP, ZeRO or recompute.
 */
import { allToAllSeconds, dedupDispatchSeconds, groupCollectiveSeconds, tierFor } from './comm';
import type { EngineContext } from './context';

export interface LayerCosts {
  /** Forward seconds of the GEMMs of a dense layer / of a MoE layer (incl. imbalance). */
  readonly gemmDenseFwd: number;
  readonly gemmMoeFwd: number;
  /** Forward and backward seconds of the attention core (flash or unfused), the same in dense and MoE layers. */
  readonly attentionFwd: number;
  readonly attentionBwd: number;
  /** Forward seconds of memory-bound kernels (norms, residuals, activation, rotary, casts, permutes). */
  readonly memoryDenseFwd: number;
  readonly memoryMoeFwd: number;
  /**
   * Forward seconds of the dense MLP's down projection, whose output only joins the residual stream, and of the TP
   * collective after it (its reduce-scatter with SP, its all-reduce without): what a rematerialisation that
   * recomputes only the backward's inputs leaves out (JAX's `jax.checkpoint`, `FrameworkProfile.rematSkipsResidualOutputs`).
   */
  readonly gemmDenseResidualOutputFwd: number;
  readonly tpDenseResidualOutputFwd: number;
  /** TP all-gather/reduce-scatter seconds per layer forward (before overlap). */
  readonly tpDenseFwd: number;
  readonly tpMoeFwd: number;
  /** Expert-parallel dispatch + combine seconds per MoE layer forward (all-to-all dispatcher). */
  readonly epFwd: number;
  /** The same through a deduplicating dispatcher (DeepEP/HybridEP: one copy per remote scale-up domain). */
  readonly epFwdDedup: number;
  /** Context-parallel KV exchange left exposed after overlapping with attention, forward. */
  readonly cpFwd: number;
  /** Logits GEMM + cross-entropy, forward, on the last stage. */
  readonly logitsFwd: number;
  /** One pipeline send (activations of one micro-batch), seconds, on the PP tier. */
  readonly ppSendSeconds: number;
  /** Activation bytes kept per layer per micro-batch without recompute (attention core included). */
  readonly actDenseBytes: number;
  readonly actMoeBytes: number;
  /** What `selective` recompute frees: the attention core's internal buffers (s x s scores when unfused). */
  readonly actCoreAttentionBytes: number;
  /** What recomputing MLA's up-projections frees per layer: the up-projected Q, K and V (0 without MLA). */
  readonly actMlaUpProjSavingBytes: number;
  /** Forward time of MLA's query and key/value up-projection GEMMs of one layer (0 without MLA). */
  readonly mlaUpProjFwd: number;
  /**
   * What `activations` recompute frees in a dense layer: the norm outputs, and the MLP activation function's output
   * where the framework recomputes that function (`FrameworkProfile.denseActivationRecompute`).
   */
  readonly actNormSavingBytes: number;
  readonly actDenseActivationSavingBytes: number;
  /** Forward seconds of the two norms alone (what recomputing them costs). */
  readonly normsFwd: number;
  /** What `activations` recompute frees in a MoE layer: norm outputs and the experts' activation outputs. */
  readonly actActivationsSavingMoeBytes: number;
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

/**
 * Head size at which a flash-attention score's exponential takes as long as its matmuls: matmul peak over
 * 4 x exp rate (FlashAttention-3 §3.1, H100 SXM5: 989e12 / (4 x 3.9e12) = 63). One sourced value for all chips: the
 * catalog has no special-function rates.
 */
const EXP_EQUIVALENT_HEAD_DIM = 63;

export function layerCosts(
  ctx: EngineContext,
  tp: number,
  cp: number,
  mbs: number,
  ep: number,
  etp: number,
  sequenceParallel: boolean,
  flashAttention: boolean,
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
  // one (tokens x h) by (h x f/tp) product; the down projection (f/tp x h) has the same three sizes
  const denseMlpOneMatrix = gemmSeconds(ctx, tokens, h, model.ffnHidden / tp, peak, gemmEff);
  const denseMlp = denseMlpOneMatrix * (mlpWidth / model.ffnHidden);
  let moeMlp = 0;
  let expertTokensPerRank = 0;
  // Routed copies of each of the micro-batch's tokens that this rank's experts process. Megatron-Core runs MoE with
  // TP only under sequence parallelism: a rank routes its s/tp tokens (topK copies, exchanged over EP at equal
  // volume), and the expert-tensor-parallel group all-gathers them (token dispatcher: all-gather over the ETP group
  // after the all-to-all), so etp x s/tp x topK copies, each on an f/etp slice of its expert; per rank the expert
  // work is s x topK x f / tp whatever etp. Without SP every TP rank holds all s tokens.
  const routedCopies = model.moe ? model.moe.topK * (sequenceParallel ? etp / tp : 1) : 0;
  if (model.moe) {
    const moe = model.moe;
    // Tokens reaching this rank's experts: its EP group's tokens x topK, spread over E experts, E/ep local, each on
    // an f/etp slice of its expert (routedCopies below).
    expertTokensPerRank = tokens * routedCopies;
    const localExperts = moe.experts / ep;
    const tokensPerExpert = expertTokensPerRank / localExperts;
    const matrices = model.gatedMlp ? 3 : 2;
    const perExpert =
      gemmSeconds(ctx, tokensPerExpert, h, moe.expertFfnHidden / etp, peak, gemmEff) * (matrices / 1);
    moeMlp = perExpert * localExperts * ctx.moeImbalance;
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

  // ---- attention products, split over TP heads and CP chunks ----
  const headsPerRank = model.heads / tp;
  const qkDim = ctx.qWidth / model.heads;
  const vDim = ctx.vWidth / model.heads;
  // Keys attended per query (causal: about half the sequence; sliding windows fewer), from the FLOP count.
  const keys = ctx.attentionCoreFlops / (2 * model.heads * (qkDim + vDim));
  let attentionFwd: number;
  let attentionBwd: number;
  let coreAttentionBytes: number;
  if (flashAttention) {
    // Flash-attention tiles fill the device better as the attended context grows (FlashAttention-2/3 papers:
    // throughput rises with sequence length): efficiency x keys / (keys + a fitted half-saturation length).
    // Each attention score costs 2(qk + v) matmul FLOPs forward and one exponential on the special-function units;
    // narrow heads leave the matmuls less work to hide the exponentials behind (FlashAttention-3, Shah et al. 2024
    // §3.1: H100 989 TFLOP/s of matmul against 3.9 T exp/s, so at head size 128 the exponentials take half the matmul
    // time). Relative to head size 128, where the fitted attention efficiency is anchored.
    const headDim = (qkDim + vDim) / 2;
    const headDimFactor =
      headDim / (headDim + EXP_EQUIVALENT_HEAD_DIM) / (128 / (128 + EXP_EQUIVALENT_HEAD_DIM));
    const attentionEff =
      ctx.efficiency.gemmEfficiencyBf16 *
      eff.attentionRelativeEfficiency *
      headDimFactor *
      (keys / (keys + eff.attentionHalfSaturationKeys));
    attentionFwd = (tokens * ctx.attentionCoreFlops) / tp / (ctx.bf16PeakFlops * attentionEff);
    // backward: five matmuls against the forward's two (Dao 2023)
    attentionBwd = 2.5 * attentionFwd;
    // only the softmax log-sum-exp (fp32 per head and query) stays beside Q, K, V and the output
    coreAttentionBytes = tokens * headsPerRank * 4;
  } else {
    // Unfused (Megatron-LM 2021-22 CoreAttention): QK^T and AV as batched GEMMs over the full s x s square (no
    // causal skipping), a fused scale-mask-softmax and a dropout on the probabilities, all on s x s buffers per
    // head. Each batched GEMM takes the longer of its compute and its traffic (the s x s output dominates at
    // head sizes of 64-128).
    const seqPerChunk = ctx.seqLen / cp;
    const sequences = tokens / seqPerChunk;
    const squareElems = sequences * headsPerRank * seqPerChunk * ctx.seqLen;
    const bmm = (k: number) =>
      Math.max(
        gemmSeconds(ctx, seqPerChunk, k, ctx.seqLen, ctx.bf16PeakFlops, ctx.efficiency.gemmEfficiencyBf16) *
          sequences *
          headsPerRank,
        (squareElems * 2) / ctx.hbmBytesPerSecond,
      );
    const gemmsFwd = bmm(qkDim) + bmm(vDim);
    // softmax reads scores and writes probabilities (2 + 2 B); dropout reads them and writes output and mask
    // (2 + 2 + 1 B); backward: dropout (2 + 1 in, 2 out) and softmax (2 + 2 in, 2 out)
    attentionFwd = gemmsFwd + (squareElems * 9) / ctx.hbmBytesPerSecond;
    attentionBwd = 2 * gemmsFwd + (squareElems * 11) / ctx.hbmBytesPerSecond;
    // Korthikanti et al. 2022, eq. 1: softmax output (2), dropout mask (1) and dropout output (2) bytes per score
    coreAttentionBytes = squareElems * 5;
  }

  // ---- memory-bound kernels (elements read + written per token, forward) ----
  const spShard = sequenceParallel ? tp : 1;
  const normsAndResiduals = (2 * 2 * h + 2 * 3 * h) / spShard;
  const rotary = (2 * (ctx.qWidth + ctx.kvWidth)) / tp;
  // fp8: each GEMM input is read in bf16 (2 B) and written in fp8 (1 B), 3 B = 1.5 bf16 elements per value: the
  // QKV and output-projection inputs, then the MLP's two inputs (a dense MLP's, or every routed expert's copy of the
  // token and every shared expert's).
  const fp8CastPerElem = ctx.setup.precision === 'fp8' ? 1.5 : 0;
  const attentionCastElems = h + ctx.qWidth / tp;
  const denseCasts = fp8CastPerElem * (attentionCastElems + h + model.ffnHidden / tp);
  const denseAct = ((model.gatedMlp ? 3 : 2) * model.ffnHidden) / tp;
  let memDenseElems = normsAndResiduals + rotary + denseAct + denseCasts;
  let memMoeElems = normsAndResiduals + rotary + fp8CastPerElem * attentionCastElems;
  if (model.moe) {
    const moe = model.moe;
    const sharedCastElems =
      moe.sharedExperts > 0 ? h + (moe.sharedExperts * moe.sharedExpertFfnHidden) / tp : 0;
    memMoeElems +=
      fp8CastPerElem * (routedCopies * (h + moe.expertFfnHidden / etp) + sharedCastElems) +
      (model.gatedMlp ? 3 : 2) * routedCopies * (moe.expertFfnHidden / etp) +
      4 * routedCopies * h +
      ((model.gatedMlp ? 3 : 2) * moe.sharedExperts * moe.sharedExpertFfnHidden) / tp;
  }
  if (ctx.framework.eagerModelCode) {
    const eager = eagerExtraElements(ctx, tp, etp, spShard, routedCopies);
    memDenseElems += eager.dense;
    memMoeElems += eager.moe;
  }
  const memoryDenseFwd = (tokens * memDenseElems * bytes) / ctx.hbmBytesPerSecond;
  const memoryMoeFwd = (tokens * memMoeElems * bytes) / ctx.hbmBytesPerSecond;

  // ---- tensor parallel: 2 all-gathers + 2 reduce-scatters (SP) or 2 all-reduces per layer forward ----
  const activationBytes = tokens * h * bytes;
  const tpCollective = groupCollectiveSeconds(ctx, activationBytes, tp, 1);
  const tpDenseFwd = 4 * tpCollective;
  // A MoE layer: the attention block's two; with etp > 1, the expert-TP all-gather of the routed copies after the
  // dispatch and its reduce-scatter before the combine, over the ETP group (etp = 1: experts need no TP collective).
  const tpMoeFwd =
    2 * tpCollective +
    (etp > 1 ? 2 * groupCollectiveSeconds(ctx, tokens * routedCopies * h * bytes, etp, 1) : 0);

  // ---- expert parallel: dispatch + combine of topK copies of this rank's tokens ----
  let epFwd = 0;
  let epFwdDedup = 0;
  if (model.moe && ep > 1) {
    const copyBytes = (tokens / spShard) * h * bytes * ctx.moeImbalance;
    // dispatch in FP8 where the framework quantises before it (DeepSeek-V3 §3.3), combine in BF16
    const dispatchShare = ctx.setup.precision === 'fp8' && ctx.framework.fp8Dispatch ? 0.5 : 1;
    epFwd =
      allToAllSeconds(ctx, copyBytes * dispatchShare * model.moe.topK, ep, tp) +
      allToAllSeconds(ctx, copyBytes * model.moe.topK, ep, tp);
    epFwdDedup = 2 * dedupDispatchSeconds(ctx, copyBytes, model.moe.topK, model.moe.experts, ep, tp);
  }

  // ---- context parallel: K and V chunks of the other ranks, exchanged while attention computes ----
  // Megatron's ring hides the exchange behind the attention products; an all-gather (torchtitan, Meta) only behind
  // the first, local one of the cp sub-attentions. The same bytes cross the same tier either way.
  let cpFwd = 0;
  if (cp > 1) {
    const cpTier = tierFor(ctx, cp, tp);
    const kvBytes =
      (tokens * (ctx.kvWidth + (model.attention.kind === 'mla' ? 0 : ctx.kvWidth)) * bytes) / tp;
    const exchange =
      (cp - 1) * (kvBytes / cpTier.bytesPerSecond + cpTier.latencySeconds + cpTier.launchSeconds);
    const hiddenBehind = ctx.framework.contextParallelAllGather ? attentionFwd / cp : attentionFwd;
    cpFwd = Math.max(0, exchange - hiddenBehind);
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
  // Stage neighbours are tp x cp x dp ranks apart (Megatron's tp-cp-dp-pp rank order). With sequence parallelism
  // each TP rank sends its 1/t shard; without it Megatron still splits the send over the TP ranks and re-gathers it
  // over the scale-up fabric (`scatter_gather_tensors_in_pipeline`, Narayanan et al. 2021 §4.1); otherwise every TP
  // rank sends the whole tensor.
  const ppTier = tierFor(ctx, 2, ctx.devices / 2);
  const split = sequenceParallel || ctx.framework.pipelineScatterGather ? tp : 1;
  const regather =
    !sequenceParallel && ctx.framework.pipelineScatterGather && tp > 1
      ? groupCollectiveSeconds(ctx, activationBytes, tp, 1)
      : 0;
  const ppSendSeconds =
    activationBytes / split / ppTier.bytesPerSecond + ppTier.latencySeconds + ppTier.launchSeconds + regather;

  // ---- activation memory (Korthikanti et al. 2022, adapted to flash attention, GQA, SwiGLU, MoE) ----
  // Bytes per token kept for backward, forward pass of one layer:
  //   SP-sharded: 2 norm inputs (2h each) + 2 residual-path tensors are folded into the norm inputs; dropout none.
  //   TP-sharded: QKV input (h, SP-gathered), Q/K/V outputs, attention output (flash keeps O and logsumexp),
  //   MLP input (h), FC1 output(s), activation output.
  // GEMM inputs are kept in fp8 under fp8 training (Transformer Engine saves the quantised copy).
  const gemmIn = ctx.setup.precision === 'fp8' ? 1 : 2;
  const shardedNorms = (2 * 2 * h) / spShard;
  // The QKV and FC1 inputs are the norms' outputs: whole on every TP rank without SP (Megatron's column-parallel
  // linear saves its input), sharded with SP (it saves the SP shard and gathers again in the backward; Korthikanti
  // et al. 2022 §4.2.2). Eq. 2's "10" without SP: these two (4), the norm inputs (4) and the hidden-dropout masks (2).
  const gemmInputs = (gemmIn * h) / (sequenceParallel || ctx.framework.activationsShardedOverTp ? tp : 1);
  // Hidden dropout after the attention and MLP blocks (1-byte masks): the 2021-22 Megatron GPT recipes ran it
  // (hidden-dropout 0.1), with the unfused attention core whose dropout is charged above; modern recipes use none.
  const hiddenDropoutMasks = flashAttention ? 0 : (2 * h) / spShard;
  // MLA (DeepSeek-V2 §2.1): the flash-attention backward needs the up-projected Q, K (heads x (nope + rope)) and V
  // (heads x v), split over the TP ranks by head; the up-projections' inputs, the query latent and the KV latent with
  // the shared RoPE key, are whole on every rank. Recomputing the up-projections (DeepSeek's HAI-LLM, V3 report
  // §3.3.2; Megatron-Core's `mla_up_proj` recompute module) keeps the latents only: `actMlaUpProjSavingBytes`.
  const att = model.attention;
  const mlaLatents = att.kind === 'mla' ? (att.qLoraRank ?? 0) + att.kvLoraRank + att.qkRopeHeadDim : 0;
  // K and V as the attention core reads them: MLA's are up-projected per head (K as wide as Q)
  const kFullWidth = att.kind === 'mla' ? ctx.qWidth : ctx.kvWidth;
  const vFullWidth = att.kind === 'mla' ? ctx.vWidth : ctx.kvWidth;
  const attnKept =
    gemmInputs + (2 * (ctx.qWidth + kFullWidth + vFullWidth) + 2 * ctx.vWidth) / tp + 2 * mlaLatents;
  const actMlaUpProjSavingBytes =
    att.kind === 'mla' ? (tokens * 2 * (ctx.qWidth + kFullWidth + vFullWidth)) / tp : 0;
  // the up-projections' forward GEMMs, run again before the backward when they are recomputed
  const mlaUpProjFwd =
    att.kind === 'mla'
      ? (att.qLoraRank ? gemmSeconds(ctx, tokens, att.qLoraRank, ctx.qWidth / tp, peak, gemmEff) : 0) +
        gemmSeconds(
          ctx,
          tokens,
          att.kvLoraRank,
          (model.heads * (att.qkNopeHeadDim + att.vHeadDim)) / tp,
          peak,
          gemmEff,
        )
      : 0;
  const actCoreAttentionBytes = coreAttentionBytes;
  const denseMlpKept =
    gemmInputs + (2 * (model.gatedMlp ? 2 : 1) * model.ffnHidden + gemmIn * model.ffnHidden) / tp;
  let moeMlpKept = 0;
  if (model.moe) {
    const moe = model.moe;
    moeMlpKept =
      gemmInputs +
      routedCopies * (gemmIn * h + ((2 * (model.gatedMlp ? 2 : 1) + gemmIn) * moe.expertFfnHidden) / etp) +
      (moe.sharedExperts * (2 * (model.gatedMlp ? 2 : 1) + gemmIn) * moe.sharedExpertFfnHidden) / tp;
  }
  const actDenseBytes =
    tokens * (shardedNorms + hiddenDropoutMasks + attnKept + denseMlpKept) + actCoreAttentionBytes;
  const actMoeBytes =
    tokens * (shardedNorms + hiddenDropoutMasks + attnKept + moeMlpKept) + actCoreAttentionBytes;
  // `activations` recompute drops the norm outputs, the dense MLP's activation outputs (only where the framework
  // recomputes that function: evaluate.ts) and, in a MoE layer, the experts' activation outputs.
  const actNormSavingBytes = tokens * (shardedNorms / 2);
  const actDenseActivationSavingBytes = (tokens * (2 * model.ffnHidden)) / tp;
  const actActivationsSavingMoeBytes =
    actNormSavingBytes + (tokens * routedCopies * 2 * (model.moe ? model.moe.expertFfnHidden : 0)) / etp;
  const actCheckpointBytes = (tokens * 2 * h) / spShard;
  const logitsActBytes = tokens * (model.vocab / tp) * 4 * 2;

  return {
    gemmDenseFwd: attnProj + denseMlp,
    gemmDenseResidualOutputFwd: denseMlp > 0 ? denseMlpOneMatrix : 0,
    // of the 4 collective-equivalents: the reduce-scatter after the MLP with SP, half of the 2 all-reduces without
    tpDenseResidualOutputFwd: (sequenceParallel ? 1 : 2) * tpCollective,
    // A MoE layer's MoE block (router, routed and shared experts) runs at a fitted efficiency relative to dense GEMMs
    // (routing, permutation, grouped expert kernels); its attention projections and core are a dense layer's kernels
    gemmMoeFwd: attnProj + moeMlp / eff.moeLayerRelativeEfficiency,
    attentionFwd,
    attentionBwd,
    memoryDenseFwd,
    memoryMoeFwd,
    tpDenseFwd,
    tpMoeFwd,
    epFwd,
    epFwdDedup,
    cpFwd,
    logitsFwd,
    ppSendSeconds,
    actDenseBytes,
    actMoeBytes,
    actCoreAttentionBytes,
    actMlaUpProjSavingBytes,
    mlaUpProjFwd,
    actNormSavingBytes,
    actDenseActivationSavingBytes,
    // two norms, each reading and writing h elements per token (SP-sharded)
    normsFwd: (tokens * ((2 * 2 * h) / spShard) * bytes) / ctx.hbmBytesPerSecond,
    actActivationsSavingMoeBytes,
    actCheckpointBytes,
    logitsActBytes,
    tokens,
    localExperts: model.moe ? model.moe.experts / ep : 0,
  };
}

/**
 * What eager model code moves beyond fused kernels, in elements of the training dtype per token of one layer's
 * forward (an fp32 value counts as two); the element-wise backward is charged twice the forward, as for fused kernels
 * (evaluate.ts). Counted on Hugging Face Transformers' Llama modeling code, the reference most models' code follows
 * (ChatGLM3's in FlagPerf's DeepSpeed case has the same norm and activation; its rotary, on half of each head,
 * moves a little less):
 * - RMSNorm (`LlamaRMSNorm.forward`): cast to fp32 (read 1, write 2), `pow(2)` (2, 2), `mean` (2), scale by the
 *   reciprocal root (2, 2), cast back (2, 1) and the weight product (1, 1): 18 against a fused kernel's 2 (read the
 *   input, write the output), so 16 more per element, for both norms of a layer (÷ tp with sequence parallelism);
 *   with `qkNorm`, the query and key norms' whole 18, which the fused count leaves out. `torch.nn.LayerNorm` is one
 *   native kernel: nothing more.
 * - Rotary embedding (`apply_rotary_pos_emb` with `rotate_half`): `q * cos` (1, 1), the negated half (0.5, 0.5), the
 *   concatenation (1, 1), `* sin` (1, 1), the sum (2, 1): 10 against 2 per query and key element.
 * - Gated activation (`act_fn(gate_proj(x)) * up_proj(x)`): the activation (1, 1) then the product (2, 1): 5 against
 *   a fused SwiGLU's 3 per intermediate element, for the dense MLP, every routed copy's expert and shared experts.
 *   A plain GELU MLP runs one kernel either way.
 * - Grouped-query attention (`repeat_kv`): keys and values copied out to every query head before SDPA (reads the
 *   key/value width, writes the query and value widths).
 * - The attention output's `transpose(1, 2).contiguous()`: one more read and write of it.
 */
export function eagerExtraElements(
  ctx: EngineContext,
  tp: number,
  etp: number,
  spShard: number,
  routedCopies: number,
): { readonly dense: number; readonly moe: number } {
  const model = ctx.model;
  const qk = ctx.qWidth + ctx.kvWidth;
  const rmsNorm = (model.norm ?? 'rmsnorm') === 'rmsnorm';
  // the fused baseline has no query/key norm at all (memDenseElems above), so an eager one costs its whole 18
  const norms = rmsNorm ? (16 * 2 * ctx.hidden) / spShard + (model.qkNorm ? (18 * qk) / tp : 0) : 0;
  const rotary = (8 * qk) / tp;
  const groupedKv =
    model.attention.kind !== 'mla' && model.kvHeads < model.heads
      ? (2 * ctx.kvWidth + ctx.qWidth + ctx.vWidth) / tp
      : 0;
  const outputTranspose = (2 * ctx.vWidth) / tp;
  const attention = norms + rotary + groupedKv + outputTranspose;
  const gated = model.gatedMlp ? 2 : 0;
  const moe = model.moe;
  const experts = moe
    ? gated *
      (routedCopies * (moe.expertFfnHidden / etp) + (moe.sharedExperts * moe.sharedExpertFfnHidden) / tp)
    : 0;
  return { dense: attention + (gated * model.ffnHidden) / tp, moe: attention + experts };
}
