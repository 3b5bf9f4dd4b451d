/**
 * Attention FLOPs of serving (the linear layers are 2 x active weights per token, see memory.ts).
 * References: docs/INFERENCE.md section 3.
 */
import type { ModelSpec } from '../model/schema';

/**
 * Attention-core FLOPs (QK^T and AV) of one prefill token, summed over layers, for a prompt of
 * `promptTokens` with a causal mask: the token at position p attends to p keys, so the average over
 * the prompt is promptTokens / 2 keys, each costing 2 x heads x (qk dim + v dim).
 * MLA prefill runs un-absorbed (DeepSeek-V3 inference: keys of qkNope + qkRope dims, values vHeadDim).
 */
export function prefillAttentionFlopsPerToken(model: ModelSpec, promptTokens: number): number {
  const att = model.attention;
  const qk = att.kind === 'mla' ? att.qkNopeHeadDim + att.qkRopeHeadDim : model.headDim;
  const v = att.kind === 'mla' ? att.vHeadDim : model.headDim;
  return model.layers * 2 * model.heads * (qk + v) * (promptTokens / 2);
}

/**
 * Attention-core FLOPs of one decode token against `contextTokens` cached tokens, summed over layers.
 * MLA decode runs absorbed (the up-projections folded into the query and output): scores over the
 * kvLoraRank + qkRope latent and values over the kvLoraRank latent, for every head.
 */
export function decodeAttentionFlopsPerToken(model: ModelSpec, contextTokens: number): number {
  const att = model.attention;
  if (att.kind === 'mla') {
    const perKey = 2 * model.heads * (att.kvLoraRank + att.qkRopeHeadDim) + 2 * model.heads * att.kvLoraRank;
    return model.layers * perKey * contextTokens;
  }
  return model.layers * 4 * model.heads * model.headDim * contextTokens;
}
