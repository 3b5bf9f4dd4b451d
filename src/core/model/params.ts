/**
 * Exact parameter counts of a ModelSpec, layer by layer, as the weights are stored in the published
 * checkpoints (Hugging Face `model.safetensors` shapes). The formulas are in docs/MODELS.md.
 *
 * Not counted (each below 0.001 % of the total): DeepSeek-V3's router score-correction bias
 * (n_routed_experts per MoE layer) and Qwen2-MoE's one-output shared-expert gate (hidden per MoE layer).
 */
import type { ModelSpec } from './schema';

export interface LayerParams {
  /** Attention projections with their biases and inner norms (MLA q_a/kv_a norms, Qwen3 q/k norms). */
  attentionParams: number;
  /** The two per-layer norms (before attention and before the MLP). */
  normParams: number;
  /** One dense (non-MoE) MLP. */
  denseMlpParams: number;
  /** One routed expert of a MoE layer. */
  expertParams: number;
  /** All shared experts of one MoE layer together. */
  sharedExpertParams: number;
  /** Router (gate) of one MoE layer: hidden x experts. */
  routerParams: number;
}

export interface ParameterCount {
  /** Every weight of the main model (MTP modules excluded). */
  totalParams: number;
  /** Weights one token passes through: all dense weights, top-k routed + shared experts, embeddings. */
  activeParams: number;
  /** Input embedding + output head (when untied) + learned position embeddings. */
  embeddingParams: number;
  /** Weights of the multi-token-prediction modules, their embedding and head being shared with the main model. */
  mtpParams: number;
  /** totalParams + mtpParams. */
  totalWithMtpParams: number;
  /** Per-layer pieces, identical across layers of the same kind. */
  perLayer: LayerParams;
  /** Parameters of one dense transformer layer (attention + norms + dense MLP). */
  denseLayerParams: number;
  /** Parameters of one MoE transformer layer (attention + norms + all experts + router); 0 for dense models. */
  moeLayerParams: number;
  /** Active parameters of one MoE layer (attention + norms + top-k + shared experts + router). */
  moeLayerActiveParams: number;
  denseLayerCount: number;
  moeLayerCount: number;
}

/** Weight (+ bias) count of one norm over `width` features. */
function normWidth(model: ModelSpec, width: number): number {
  return model.norm === 'layernorm' ? 2 * width : width;
}

/** One MLP of intermediate width `ffn`: gated = gate + up + down (SwiGLU), else up + down (GELU). */
function mlpParams(model: ModelSpec, ffn: number): number {
  const h = model.hidden;
  const matrices = model.gatedMlp ? 3 : 2;
  const bias = model.linearBias === 'all' ? (model.gatedMlp ? 2 : 1) * ffn + h : 0;
  return matrices * h * ffn + bias;
}

function attentionParams(model: ModelSpec): number {
  const h = model.hidden;
  const att = model.attention;
  if (att.kind === 'mla') {
    // DeepSeek-V2/V3 (modeling_deepseek.py): q_a_proj + q_a_layernorm + q_b_proj (or q_proj without LoRA),
    // kv_a_proj_with_mqa (latent + shared rope key) + kv_a_layernorm + kv_b_proj, o_proj.
    const qkHead = att.qkNopeHeadDim + att.qkRopeHeadDim;
    const q =
      att.qLoraRank === null
        ? h * model.heads * qkHead
        : h * att.qLoraRank + normWidth(model, att.qLoraRank) + att.qLoraRank * model.heads * qkHead;
    const kv =
      h * (att.kvLoraRank + att.qkRopeHeadDim) +
      normWidth(model, att.kvLoraRank) +
      att.kvLoraRank * model.heads * (att.qkNopeHeadDim + att.vHeadDim);
    const o = model.heads * att.vHeadDim * h;
    return q + kv + o;
  }
  const qOut = model.heads * model.headDim;
  const kvOut = model.kvHeads * model.headDim;
  const weights = h * qOut + 2 * h * kvOut + qOut * h;
  const bias = model.linearBias ?? 'none';
  const qkvBias = bias === 'none' ? 0 : qOut + 2 * kvOut;
  const oBias = bias === 'attention' || bias === 'all' ? h : 0;
  const qkNorm = model.qkNorm ? 2 * model.headDim : 0;
  return weights + qkvBias + oBias + qkNorm;
}

function layerParams(model: ModelSpec): LayerParams {
  const moe = model.moe;
  return {
    attentionParams: attentionParams(model),
    normParams: 2 * normWidth(model, model.hidden),
    denseMlpParams: mlpParams(model, model.ffnHidden),
    expertParams: moe ? mlpParams(model, moe.expertFfnHidden) : 0,
    sharedExpertParams: moe ? moe.sharedExperts * mlpParams(model, moe.sharedExpertFfnHidden) : 0,
    routerParams: moe ? model.hidden * moe.experts : 0,
  };
}

export function countParameters(model: ModelSpec): ParameterCount {
  const per = layerParams(model);
  const moe = model.moe;
  const moeLayerCount = moe ? Math.max(0, model.layers - moe.denseLayers) : 0;
  const denseLayerCount = model.layers - moeLayerCount;
  const common = per.attentionParams + per.normParams;
  const denseLayerParams = common + per.denseMlpParams;
  const moeLayerParams = moe
    ? common + moe.experts * per.expertParams + per.sharedExpertParams + per.routerParams
    : 0;
  const moeLayerActiveParams = moe
    ? common + moe.topK * per.expertParams + per.sharedExpertParams + per.routerParams
    : 0;
  const h = model.hidden;
  const embeddingParams =
    model.vocab * h * (model.tiedEmbeddings ? 1 : 2) + (model.positionEmbeddings ?? 0) * h;
  const finalNorm = normWidth(model, h);
  const totalParams =
    denseLayerCount * denseLayerParams + moeLayerCount * moeLayerParams + embeddingParams + finalNorm;
  const activeParams =
    denseLayerCount * denseLayerParams + moeLayerCount * moeLayerActiveParams + embeddingParams + finalNorm;
  // One MTP module (DeepSeek-V3 §2.2): enorm + hnorm, eh_proj (2h -> h), one transformer block (MoE when the
  // model is MoE), and the shared head's norm. Embedding and output head are shared with the main model;
  // the HF checkpoint stores copies of both (hence DeepSeek's "685B" = 671B + MTP + 2 x vocab x hidden).
  const mtpBlock = moe ? moeLayerParams : denseLayerParams;
  const mtpParams = model.mtpLayers * (2 * normWidth(model, h) + 2 * h * h + mtpBlock + finalNorm);
  return {
    totalParams,
    activeParams,
    embeddingParams,
    mtpParams,
    totalWithMtpParams: totalParams + mtpParams,
    perLayer: per,
    denseLayerParams,
    moeLayerParams,
    moeLayerActiveParams,
    denseLayerCount,
    moeLayerCount,
  };
}
