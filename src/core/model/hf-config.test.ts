import { describe, expect, it } from 'vitest';
import { modelFromHfConfig } from './hf-config';

// Published config.json files, abridged only by dropping fields that do not shape the network.
const LLAMA3_8B = {
  architectures: ['LlamaForCausalLM'],
  attention_bias: false,
  attention_dropout: 0.0,
  bos_token_id: 128000,
  eos_token_id: 128001,
  hidden_act: 'silu',
  hidden_size: 4096,
  initializer_range: 0.02,
  intermediate_size: 14336,
  max_position_embeddings: 8192,
  model_type: 'llama',
  num_attention_heads: 32,
  num_hidden_layers: 32,
  num_key_value_heads: 8,
  pretraining_tp: 1,
  rms_norm_eps: 1e-5,
  rope_scaling: null,
  rope_theta: 500000.0,
  tie_word_embeddings: false,
  torch_dtype: 'bfloat16',
  transformers_version: '4.40.0.dev0',
  use_cache: true,
  vocab_size: 128256,
};

const DEEPSEEK_V3 = {
  architectures: ['DeepseekV3ForCausalLM'],
  model_type: 'deepseek_v3',
  hidden_size: 7168,
  intermediate_size: 18432,
  moe_intermediate_size: 2048,
  num_hidden_layers: 61,
  num_attention_heads: 128,
  num_key_value_heads: 128,
  n_shared_experts: 1,
  n_routed_experts: 256,
  routed_scaling_factor: 2.5,
  kv_lora_rank: 512,
  q_lora_rank: 1536,
  qk_rope_head_dim: 64,
  v_head_dim: 128,
  qk_nope_head_dim: 128,
  topk_method: 'noaux_tc',
  n_group: 8,
  topk_group: 4,
  num_experts_per_tok: 8,
  moe_layer_freq: 1,
  first_k_dense_replace: 3,
  norm_topk_prob: true,
  scoring_func: 'sigmoid',
  num_nextn_predict_layers: 1,
  vocab_size: 129280,
  tie_word_embeddings: false,
  quantization_config: {
    activation_scheme: 'dynamic',
    fmt: 'e4m3',
    quant_method: 'fp8',
    weight_block_size: [128, 128],
  },
};

const QWEN3_30B_A3B = {
  architectures: ['Qwen3MoeForCausalLM'],
  model_type: 'qwen3_moe',
  decoder_sparse_step: 1,
  head_dim: 128,
  hidden_act: 'silu',
  hidden_size: 2048,
  intermediate_size: 6144,
  max_position_embeddings: 40960,
  mlp_only_layers: [],
  moe_intermediate_size: 768,
  norm_topk_prob: true,
  num_attention_heads: 32,
  num_experts: 128,
  num_experts_per_tok: 8,
  num_hidden_layers: 48,
  num_key_value_heads: 4,
  tie_word_embeddings: false,
  vocab_size: 151936,
};

const GPT2 = {
  activation_function: 'gelu_new',
  architectures: ['GPT2LMHeadModel'],
  model_type: 'gpt2',
  n_ctx: 1024,
  n_embd: 768,
  n_head: 12,
  n_inner: null,
  n_layer: 12,
  n_positions: 1024,
  vocab_size: 50257,
};

describe('modelFromHfConfig', () => {
  it('reads Llama 3 8B', () => {
    const r = modelFromHfConfig(LLAMA3_8B, 'llama3-8b');
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({
      name: 'llama3-8b',
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffnHidden: 14336,
      vocab: 128256,
      gatedMlp: true,
      tiedEmbeddings: false,
      attention: { kind: 'gqa' },
      mtpLayers: 0,
    });
    expect(r.value?.moe).toBeUndefined();
  });

  it('reads DeepSeek-V3 MLA, MoE and MTP fields', () => {
    const r = modelFromHfConfig(DEEPSEEK_V3);
    expect(r.ok).toBe(true);
    expect(r.value?.attention).toEqual({
      kind: 'mla',
      qLoraRank: 1536,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
    });
    expect(r.value?.moe).toEqual({
      experts: 256,
      topK: 8,
      sharedExperts: 1,
      expertFfnHidden: 2048,
      sharedExpertFfnHidden: 2048,
      denseLayers: 3,
    });
    expect(r.value?.mtpLayers).toBe(1);
    expect(r.value?.headDim).toBe(192);
  });

  it('reads DeepSeek-V2-Lite without a query LoRA (q_lora_rank null)', () => {
    const lite = {
      ...DEEPSEEK_V3,
      model_type: 'deepseek_v2',
      q_lora_rank: null,
      num_nextn_predict_layers: undefined,
    };
    const r = modelFromHfConfig(lite);
    expect(r.ok && r.value.attention.kind === 'mla' && r.value.attention.qLoraRank).toBe(null);
    expect(r.value?.mtpLayers).toBe(0);
  });

  it('reads Qwen3-MoE with explicit head_dim and q/k norms', () => {
    const r = modelFromHfConfig(QWEN3_30B_A3B);
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ headDim: 128, hidden: 2048, heads: 32, kvHeads: 4, qkNorm: true });
    expect(r.value?.moe).toMatchObject({
      experts: 128,
      topK: 8,
      expertFfnHidden: 768,
      sharedExperts: 0,
      denseLayers: 0,
    });
  });

  it('maps a leading mlp_only_layers run to dense layers and rejects other placements', () => {
    const lead = modelFromHfConfig({ ...QWEN3_30B_A3B, mlp_only_layers: [0, 1] });
    expect(lead.value?.moe?.denseLayers).toBe(2);
    const scattered = modelFromHfConfig({ ...QWEN3_30B_A3B, mlp_only_layers: [5] });
    expect(scattered.ok).toBe(false);
    expect(scattered.issues?.[0]?.path).toBe('mlp_only_layers');
    const step = modelFromHfConfig({ ...QWEN3_30B_A3B, decoder_sparse_step: 2 });
    expect(step.issues?.[0]?.path).toBe('decoder_sparse_step');
  });

  it('reads the Qwen2-MoE shared expert', () => {
    const r = modelFromHfConfig({
      ...QWEN3_30B_A3B,
      model_type: 'qwen2_moe',
      architectures: ['Qwen2MoeForCausalLM'],
      shared_expert_intermediate_size: 5632,
      head_dim: undefined,
    });
    expect(r.value?.moe).toMatchObject({ sharedExperts: 1, sharedExpertFfnHidden: 5632 });
    expect(r.value?.linearBias).toBe('qkv');
    expect(r.value?.headDim).toBe(64);
  });

  it('reads Mixtral experts with intermediate_size as the expert width', () => {
    const r = modelFromHfConfig({
      ...LLAMA3_8B,
      model_type: 'mixtral',
      architectures: ['MixtralForCausalLM'],
      num_local_experts: 8,
      num_experts_per_tok: 2,
      vocab_size: 32000,
    });
    expect(r.value?.moe).toEqual({
      experts: 8,
      topK: 2,
      sharedExperts: 0,
      expertFfnHidden: 14336,
      sharedExpertFfnHidden: 0,
      denseLayers: 0,
    });
  });

  it('reads GPT-2: n_inner null means 4h, tied, GELU, learned positions', () => {
    const r = modelFromHfConfig(GPT2);
    expect(r.value).toMatchObject({
      hidden: 768,
      layers: 12,
      heads: 12,
      kvHeads: 12,
      headDim: 64,
      ffnHidden: 3072,
      gatedMlp: false,
      tiedEmbeddings: true,
      positionEmbeddings: 1024,
      norm: 'layernorm',
      linearBias: 'all',
      name: 'gpt2',
    });
    expect(modelFromHfConfig({ ...GPT2, n_inner: 1000 }).value?.ffnHidden).toBe(1000);
  });

  it('reads GPT-NeoX: untied, GELU, biased', () => {
    const r = modelFromHfConfig({
      architectures: ['GPTNeoXForCausalLM'],
      model_type: 'gpt_neox',
      hidden_size: 6144,
      intermediate_size: 24576,
      num_attention_heads: 64,
      num_hidden_layers: 44,
      vocab_size: 50432,
      rotary_pct: 0.25,
      tie_word_embeddings: false,
      use_parallel_residual: true,
    });
    expect(r.value).toMatchObject({
      gatedMlp: false,
      tiedEmbeddings: false,
      norm: 'layernorm',
      linearBias: 'all',
      kvHeads: 64,
    });
  });

  it('reads an unknown model type with the generic fields as a Llama-like dense model', () => {
    const r = modelFromHfConfig({
      model_type: 'brand_new',
      hidden_size: 1024,
      num_hidden_layers: 4,
      num_attention_heads: 8,
      intermediate_size: 2816,
      vocab_size: 32000,
    });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ gatedMlp: true, kvHeads: 8, headDim: 128, name: 'brand_new' });
  });

  it('reads the language model of a multimodal wrapper from text_config', () => {
    const r = modelFromHfConfig({ model_type: 'llava', text_config: { ...LLAMA3_8B } });
    expect(r.value?.hidden).toBe(4096);
    const bad = modelFromHfConfig({ model_type: 'llava', text_config: { hidden_size: 8 } });
    expect(bad.issues?.[0]?.path).toBe('text_config.num_hidden_layers');
  });

  it('names the first missing generic field', () => {
    const r = modelFromHfConfig({ model_type: 'mystery', hidden_size: 1024 });
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]).toMatchObject({ path: 'num_hidden_layers' });
    expect(r.issues?.[0]?.message).toMatch(/expected a positive integer/);
    expect(r.issues?.map((i) => i.path)).toEqual([
      'num_hidden_layers',
      'num_attention_heads',
      'intermediate_size',
      'vocab_size',
    ]);
  });

  it('rejects bad values with one-line messages', () => {
    const r = modelFromHfConfig({ ...LLAMA3_8B, num_attention_heads: -4 });
    expect(r.issues?.[0]).toMatchObject({
      path: 'num_attention_heads',
      message: 'expected a positive integer',
    });
    const gqa = modelFromHfConfig({ ...LLAMA3_8B, num_key_value_heads: 5 });
    expect(gqa.issues?.[0]?.path).toBe('num_key_value_heads');
    const moe = modelFromHfConfig({ ...DEEPSEEK_V3, num_experts_per_tok: '8' });
    expect(moe.issues?.[0]?.path).toBe('num_experts_per_tok');
    for (const bad of [null, 42, 'llama', [1, 2]]) {
      expect(modelFromHfConfig(bad).issues?.[0]?.message).toMatch(/expected a JSON object/);
    }
    for (const i of [...(r.issues ?? []), ...(gqa.issues ?? [])]) expect(i.message).not.toContain('\n');
  });
  it('says only what is wrong with a bad field, not what the other rules make of it', () => {
    for (const hidden of [-4096, '4096', 4096.5, { x: 1 }]) {
      const r = modelFromHfConfig({ ...LLAMA3_8B, hidden_size: hidden });
      expect(r.issues?.map((i) => i.path)).toEqual(['hidden_size']);
    }
  });
  it('refuses more experts per token than a layer has, and an MoE it would read as dense', () => {
    const topK = modelFromHfConfig({ ...DEEPSEEK_V3, num_experts_per_tok: 300 });
    expect(topK.issues?.[0]).toMatchObject({
      path: 'num_experts_per_tok',
      message: '300 experts per token exceed the 256 experts of a layer',
    });
    const {
      model_type: _type,
      architectures: _arch,
      ...untyped
    } = {
      ...LLAMA3_8B,
      num_local_experts: 8,
      num_experts_per_tok: 2,
    };
    expect(modelFromHfConfig(untyped).issues?.[0]?.path).toBe('num_local_experts');
    // one expert is no mixture: read as the dense model it is
    expect(modelFromHfConfig({ ...LLAMA3_8B, num_local_experts: 1 }).ok).toBe(true);
  });
});

describe('sliding-window attention in configs', () => {
  const base = {
    architectures: ['MistralForCausalLM'],
    model_type: 'mistral',
    hidden_size: 4096,
    intermediate_size: 14336,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    vocab_size: 32000,
  };
  it('Mistral v0.1: every layer', () => {
    const m = modelFromHfConfig({ ...base, sliding_window: 4096 });
    expect(m.ok && [m.value.slidingWindow, m.value.slidingWindowLayers]).toEqual([4096, 32]);
  });
  it('Qwen2 ships the field switched off', () => {
    const m = modelFromHfConfig({
      ...base,
      model_type: 'qwen2',
      sliding_window: 4096,
      use_sliding_window: false,
    });
    expect(m.ok && m.value.slidingWindow).toBeUndefined();
  });
  it('layer_types (GPT-OSS) and Gemma 2 alternate', () => {
    const types = Array.from({ length: 32 }, (_, i) => (i % 2 ? 'full_attention' : 'sliding_attention'));
    const gptOss = modelFromHfConfig({
      ...base,
      model_type: 'gpt_oss',
      sliding_window: 128,
      layer_types: types,
    });
    expect(gptOss.ok && [gptOss.value.slidingWindow, gptOss.value.slidingWindowLayers]).toEqual([128, 16]);
    const gemma2 = modelFromHfConfig({ ...base, model_type: 'gemma2', sliding_window: 4096 });
    expect(gemma2.ok && gemma2.value.slidingWindowLayers).toBe(16);
  });
});
