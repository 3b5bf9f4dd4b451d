import { describe, expect, it } from 'vitest';
import { getPreset, getPresetConfig, listPresets, resolveModel, suggestPresets } from './presets';
import { modelSpecSchema } from './schema';

describe('presets', () => {
  it('has the required presets and every one is a valid ModelSpec', () => {
    const names = listPresets();
    for (const required of [
      'llama3-8b',
      'llama3-70b',
      'llama3.1-405b',
      'gpt3-175b',
      'mixtral-8x7b',
      'mixtral-8x22b',
      'qwen3-30b-a3b',
      'qwen3-235b-a22b',
      'deepseek-v3',
    ]) {
      expect(names).toContain(required);
    }
    for (const name of names) {
      const spec = getPreset(name)!;
      expect(modelSpecSchema.safeParse(spec).success, name).toBe(true);
      expect(spec.name).toBe(name);
    }
  });

  it('GPT-3 175B follows Brown et al. 2020', () => {
    expect(getPreset('gpt3-175b')).toMatchObject({
      layers: 96,
      hidden: 12288,
      heads: 96,
      vocab: 50257,
      ffnHidden: 49152,
      gatedMlp: false,
      positionEmbeddings: 2048,
    });
  });

  it('Megatron 1T follows Narayanan et al. 2021', () => {
    expect(getPreset('megatron-1t')).toMatchObject({
      layers: 128,
      hidden: 25600,
      heads: 160,
      vocab: 51200,
      ffnHidden: 102400,
    });
  });

  it('looks names up loosely and through aliases', () => {
    expect(getPreset('Llama3-8B')?.name).toBe('llama3-8b');
    expect(getPreset('meta-llama/Meta-Llama-3-8B')?.name).toBe('llama3-8b');
    expect(getPreset('llama3.1-8b')?.name).toBe('llama3-8b');
    expect(getPreset('qwen3_30b_a3b')?.name).toBe('qwen3-30b-a3b');
    expect(getPreset('nope')).toBeUndefined();
  });

  it('hands out copies of the raw configs', () => {
    const cfg = getPresetConfig('llama3-8b')!;
    cfg.hidden_size = 1;
    expect(getPreset('llama3-8b')?.hidden).toBe(4096);
  });
});

describe('resolveModel', () => {
  it('resolves a preset name', () => {
    const r = resolveModel('deepseek-v3');
    expect(r.ok && r.value.moe?.experts).toBe(256);
  });

  it('resolves a config object', () => {
    const r = resolveModel({
      model_type: 'llama',
      hidden_size: 512,
      num_hidden_layers: 2,
      num_attention_heads: 8,
      intermediate_size: 1024,
      vocab_size: 1000,
    });
    expect(r.ok).toBe(true);
  });

  it('suggests close names for an unknown one', () => {
    const r = resolveModel('llama3-7b');
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]).toMatchObject({ code: 'model.unknown-preset', path: 'model' });
    expect(r.issues?.[0]?.message).toContain('did you mean');
    expect(r.issues?.[0]?.message).toContain('llama3-8b');
    expect(suggestPresets('mixtral-8x7')).toContain('mixtral-8x7b');
    expect(suggestPresets('deepseekv3')).toContain('deepseek-v3');
  });

  it('lists the presets when nothing is close', () => {
    const r = resolveModel('zzzzzzzzzzzzzzzzzzz');
    expect(r.issues?.[0]?.message).toContain('known: ');
  });
});
