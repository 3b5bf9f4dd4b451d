/**
 * Model FLOPs per token, the convention behind `modelTflopsPerDevice` and MFU.
 *
 * Convention (Megatron-LM `num_floating_point_operations`, as Megatron-Bridge reports it):
 * a multiply-add is 2 FLOPs; training = 3x the forward pass (backward = 2x forward);
 * causal attention counts half of the s x s score and value products; the logits layer counts once;
 * recompute is NOT counted (that is HFU's business). Embedding lookups count 0.
 */
import type { ModelSpec } from '../model/schema';

/** Forward FLOPs per token of one layer's projections (everything but the s x s attention products). */
export function attentionProjectionFlopsPerToken(model: ModelSpec): number {
  const h = model.hidden;
  const a = model.heads;
  const att = model.attention;
  if (att.kind === 'mla') {
    const qkDim = att.qkNopeHeadDim + att.qkRopeHeadDim;
    const q =
      att.qLoraRank === null ? 2 * h * a * qkDim : 2 * h * att.qLoraRank + 2 * att.qLoraRank * a * qkDim;
    const kvDown = 2 * h * (att.kvLoraRank + att.qkRopeHeadDim);
    const kvUp = 2 * att.kvLoraRank * a * (att.qkNopeHeadDim + att.vHeadDim);
    const out = 2 * a * att.vHeadDim * h;
    return q + kvDown + kvUp + out;
  }
  const qDim = a * model.headDim;
  const kvDim = model.kvHeads * model.headDim;
  return 2 * h * qDim + 2 * 2 * h * kvDim + 2 * qDim * h;
}

/** Per-head dimensions of the score (q.k) and value products. */
export function attentionHeadDims(model: ModelSpec): { qk: number; v: number } {
  const att = model.attention;
  if (att.kind === 'mla') return { qk: att.qkNopeHeadDim + att.qkRopeHeadDim, v: att.vHeadDim };
  return { qk: model.headDim, v: model.headDim };
}

/**
 * Keys a query attends to, averaged over the positions of a sequence of seqLen: s/2 causal (the Megatron
 * convention), s full; with a sliding window w < s, causal: (w(w+1)/2 + (s-w)w)/s.
 */
function attendedKeys(seqLen: number, causal: boolean, window: number | undefined): number {
  if (!causal) return seqLen;
  if (window === undefined || window >= seqLen) return seqLen / 2;
  return ((window * (window + 1)) / 2 + (seqLen - window) * window) / seqLen;
}

/**
 * Forward FLOPs per token of the score and value products, averaged over a sequence of seqLen and over the
 * layers (sliding-window layers attend to at most `slidingWindow` keys).
 */
export function attentionCoreFlopsPerToken(model: ModelSpec, seqLen: number, causal = true): number {
  const { qk, v } = attentionHeadDims(model);
  const perKey = 2 * model.heads * (qk + v);
  const full = attendedKeys(seqLen, causal, undefined);
  if (model.slidingWindow === undefined) return perKey * full;
  const windowed = attendedKeys(seqLen, causal, model.slidingWindow);
  const share = Math.min(model.layers, model.slidingWindowLayers ?? model.layers) / model.layers;
  return perKey * (share * windowed + (1 - share) * full);
}

export function denseMlpFlopsPerToken(model: ModelSpec): number {
  return 2 * model.hidden * model.ffnHidden * (model.gatedMlp ? 3 : 2);
}

/** Routed experts (top-k), shared experts and the router, per token of one MoE layer. */
export function moeMlpFlopsPerToken(model: ModelSpec): number {
  const moe = model.moe;
  if (!moe) return 0;
  const matrices = model.gatedMlp ? 3 : 2;
  const routed = moe.topK * 2 * model.hidden * moe.expertFfnHidden * matrices;
  const shared = moe.sharedExperts * 2 * model.hidden * moe.sharedExpertFfnHidden * matrices;
  const router = 2 * model.hidden * moe.experts;
  return routed + shared + router;
}

export function moeLayerCount(model: ModelSpec): number {
  return model.moe ? model.layers - model.moe.denseLayers : 0;
}

/** Forward FLOPs per token of the whole model at sequence length seqLen. */
export function forwardFlopsPerToken(model: ModelSpec, seqLen: number, causal = true): number {
  const moeLayers = moeLayerCount(model);
  const denseLayers = model.layers - moeLayers;
  const perLayerCommon =
    attentionProjectionFlopsPerToken(model) + attentionCoreFlopsPerToken(model, seqLen, causal);
  let flops =
    model.layers * perLayerCommon +
    denseLayers * denseMlpFlopsPerToken(model) +
    moeLayers * moeMlpFlopsPerToken(model);
  const logits = 2 * model.hidden * model.vocab;
  flops += logits;
  // DeepSeek-V3 multi-token prediction: each module is one more layer, a 2h -> h projection and its own logits.
  if (model.mtpLayers > 0) {
    const mlp = model.moe ? moeMlpFlopsPerToken(model) : denseMlpFlopsPerToken(model);
    flops += model.mtpLayers * (perLayerCommon + mlp + 2 * 2 * model.hidden * model.hidden + logits);
  }
  return flops;
}

/** Training FLOPs per token (forward + backward = 3x forward), the MFU numerator. */
export function trainingFlopsPerToken(model: ModelSpec, seqLen: number, causal = true): number {
  return 3 * forwardFlopsPerToken(model, seqLen, causal);
}
