import { describe, expect, it } from 'vitest';
import { model } from '../../../test/fixtures/core/train';
import { attentionCoreFlopsPerToken, forwardFlopsPerToken, trainingFlopsPerToken } from './flops';

describe('model FLOPs per token', () => {
  it('matches Narayanan et al. 2021 for GPT-3 175B with full attention', () => {
    const gpt3 = model('gpt3-175b');
    const { layers: L, hidden: h, vocab: V } = gpt3;
    const s = 2048;
    // 72 L h^2 (1 + s/6h + V/12Lh) per token (the paper's 72 B s L h^2 ... per iteration without recompute)
    const expected = 72 * L * h * h * (1 + s / (6 * h) + V / (12 * L * h));
    expect(trainingFlopsPerToken(gpt3, s, false)).toBeCloseTo(expected, -6);
  });

  it('counts causal attention as half of the score and value products (Megatron-Bridge)', () => {
    const llama = model('llama3-8b');
    const s = 8192;
    const full = forwardFlopsPerToken(llama, s, false);
    const causal = forwardFlopsPerToken(llama, s, true);
    // 2 s a (dqk + dv) per layer, halved
    const attention = 2 * s * llama.heads * (2 * llama.headDim) * llama.layers;
    expect(full - causal).toBeCloseTo(attention / 2, -3);
  });

  it('uses GQA key/value widths and SwiGLU for Llama 3 8B (about 6 x 8B params + attention)', () => {
    const llama = model('llama3-8b');
    const perToken = trainingFlopsPerToken(llama, 2048, true);
    // 6N with N = 8.03B minus embeddings (the lookup costs nothing) plus causal attention
    const nonEmbedding = 8.03e9 - 128256 * 4096;
    const attention = 3 * 2048 * 32 * 256 * 32; // 3 x (2 s a (dqk+dv) / 2) x layers
    expect(perToken / (6 * nonEmbedding + attention)).toBeGreaterThan(0.99);
    expect(perToken / (6 * nonEmbedding + attention)).toBeLessThan(1.01);
  });

  it('counts only the top-k experts of a MoE model', () => {
    const mixtral = model('mixtral-8x7b');
    const perToken = forwardFlopsPerToken(mixtral, 4096, true);
    // active params 12.9B (incl. embeddings), ~2 flops each, plus attention
    expect(perToken / 1e9).toBeGreaterThan(2 * 12.0);
    expect(perToken / 1e9).toBeLessThan(2 * 14.5);
  });
});

describe('sliding-window attention', () => {
  it('averages min(position, window) keys per query and mixes windowed and full layers', () => {
    const base = model('llama3-8b');
    const s = 8192;
    const w = 128;
    const perKey = 2 * base.heads * (2 * base.headDim);
    const windowed = { ...base, slidingWindow: w, slidingWindowLayers: base.layers / 2 };
    const expectedKeys = (0.5 * ((w * (w + 1)) / 2 + (s - w) * w)) / s + 0.5 * (s / 2);
    expect(attentionCoreFlopsPerToken(windowed, s)).toBeCloseTo(perKey * expectedKeys, 0);
    // a window at least as long as the sequence changes nothing
    expect(attentionCoreFlopsPerToken({ ...base, slidingWindow: s }, s)).toBeCloseTo(
      attentionCoreFlopsPerToken(base, s),
      6,
    );
  });
});
