import { describe, expect, it } from 'vitest';
import { modelFromHfConfig } from './hf-config';
import { countParameters } from './params';
import { getPreset } from './presets';

const B = 1e9;
const counts = (name: string) => countParameters(getPreset(name)!);
const within = (actual: number, expected: number, tol: number) =>
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe('countParameters: published totals (within 1%)', () => {
  // Totals as stated by the model publishers (model cards / papers).
  const totals: Array<[string, number]> = [
    ['llama2-7b', 6.74],
    ['llama2-70b', 69.0],
    ['llama3-8b', 8.03],
    ['llama3-70b', 70.6],
    ['llama3.1-405b', 405.9],
    ['gpt3-175b', 175],
    ['megatron-1t', 1008],
    ['gpt-neox-20b', 20.55],
    ['mixtral-8x7b', 46.7],
    ['mixtral-8x22b', 141],
    ['qwen2.5-72b', 72.7],
    ['qwen3-32b', 32.8],
    ['qwen3-30b-a3b', 30.5],
    ['qwen3-235b-a22b', 235],
    ['qwen1.5-moe-a2.7b', 14.3],
    ['deepseek-v2', 236],
    ['deepseek-v3', 671],
  ];
  for (const [name, billions] of totals) {
    it(name, () => within(counts(name).totalParams, billions * B, 0.01));
  }

  it('matches exact checkpoint counts where they are known to the parameter', () => {
    // Sums of the safetensors shapes of the HF checkpoints.
    expect(counts('llama2-7b').totalParams).toBe(6_738_415_616);
    expect(counts('llama3-8b').totalParams).toBe(8_030_261_248);
    expect(counts('llama3-70b').totalParams).toBe(70_553_706_496);
    expect(counts('gpt-neox-20b').totalParams).toBe(20_554_567_680);
    expect(counts('mixtral-8x7b').totalParams).toBe(46_702_792_704);
  });
});

describe('countParameters: active parameters of MoE models', () => {
  // Published active counts are rounded to two digits (3.3B, 37B), so allow 2%; ours include the
  // input embedding and output head, the convention behind Mixtral's 12.9B.
  const actives: Array<[string, number]> = [
    ['mixtral-8x7b', 12.9],
    ['mixtral-8x22b', 39],
    ['qwen3-30b-a3b', 3.3],
    ['qwen3-235b-a22b', 22],
    ['deepseek-v2', 21],
    ['deepseek-v3', 37],
  ];
  for (const [name, billions] of actives) {
    it(name, () => within(counts(name).activeParams, billions * B, 0.02));
  }

  it('dense models are fully active', () => {
    const c = counts('llama3-70b');
    expect(c.activeParams).toBe(c.totalParams);
    expect(c.moeLayerCount).toBe(0);
  });
});

describe('countParameters: structure', () => {
  it('DeepSeek-V3 with its MTP module is about 685B once the checkpoint copies of embedding and head are added', () => {
    const c = counts('deepseek-v3');
    const v3 = getPreset('deepseek-v3')!;
    expect(c.mtpParams).toBeGreaterThan(11 * B);
    within(c.totalWithMtpParams + 2 * v3.vocab * v3.hidden, 685 * B, 0.01);
    expect(c.denseLayerCount).toBe(3);
    expect(c.moeLayerCount).toBe(58);
  });

  it('tied embeddings count the vocabulary matrix once', () => {
    const base = {
      model_type: 'llama',
      hidden_size: 64,
      intermediate_size: 128,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      vocab_size: 1000,
    };
    const tied = modelFromHfConfig({ ...base, tie_word_embeddings: true });
    const untied = modelFromHfConfig({ ...base, tie_word_embeddings: false });
    if (!tied.ok || !untied.ok) throw new Error('fixture');
    expect(countParameters(untied.value).totalParams - countParameters(tied.value).totalParams).toBe(
      64 * 1000,
    );
  });

  it('counts a tiny Llama layer by hand', () => {
    const r = modelFromHfConfig({
      model_type: 'llama',
      hidden_size: 8,
      intermediate_size: 16,
      num_hidden_layers: 1,
      num_attention_heads: 2,
      num_key_value_heads: 1,
      vocab_size: 10,
    });
    if (!r.ok) throw new Error('fixture');
    const c = countParameters(r.value);
    // q 8x8, k 8x4, v 8x4, o 8x8 = 192; MLP 3x8x16 = 384; norms 2x8 + final 8; embed + head 2x10x8.
    expect(c.perLayer.attentionParams).toBe(192);
    expect(c.perLayer.denseMlpParams).toBe(384);
    expect(c.totalParams).toBe(192 + 384 + 16 + 8 + 160);
  });

  it('counts a tiny GPT-2 by hand (biases, LayerNorm, learned positions, tied head)', () => {
    const r = modelFromHfConfig({
      model_type: 'gpt2',
      n_embd: 4,
      n_layer: 1,
      n_head: 2,
      n_inner: null,
      n_positions: 5,
      vocab_size: 10,
    });
    if (!r.ok) throw new Error('fixture');
    const c = countParameters(r.value);
    // attn 4*16 + 3*4 + 4 = 80; MLP 2*4*16 + 16 + 4 = 148; 2 LayerNorms 16; final LN 8; wte 40 + wpe 20.
    expect(c.totalParams).toBe(80 + 148 + 16 + 8 + 60);
    expect(c.embeddingParams).toBe(60);
  });
});
