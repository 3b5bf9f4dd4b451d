/**
 * Built-in models, stored as the published Hugging Face config.json values (only the fields that shape
 * the network) and read through the same path as a user's config, so presets and configs cannot drift.
 * Models without a Hub config (GPT-3, Megatron 1T) are written as GPT-2-style configs from their papers.
 */

import { say } from '../messages/say';
import { fail, type Issue, ok, type Result } from '../result';
import { modelFromHfConfig } from './hf-config';
import type { ModelSpec } from './schema';

const llama = (c: Record<string, unknown>) => ({
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  tie_word_embeddings: false,
  ...c,
});

const PRESET_CONFIGS: Record<string, Record<string, unknown>> = {
  // huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json
  'llama2-7b': llama({
    hidden_size: 4096,
    intermediate_size: 11008,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 32,
    vocab_size: 32000,
    max_position_embeddings: 4096,
  }),
  // huggingface.co/meta-llama/Llama-2-70b-hf/blob/main/config.json
  'llama2-70b': llama({
    hidden_size: 8192,
    intermediate_size: 28672,
    num_hidden_layers: 80,
    num_attention_heads: 64,
    num_key_value_heads: 8,
    vocab_size: 32000,
    max_position_embeddings: 4096,
  }),
  // huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/config.json
  'llama3-8b': llama({
    hidden_size: 4096,
    intermediate_size: 14336,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    vocab_size: 128256,
    max_position_embeddings: 8192,
  }),
  // huggingface.co/meta-llama/Meta-Llama-3-70B/blob/main/config.json
  'llama3-70b': llama({
    hidden_size: 8192,
    intermediate_size: 28672,
    num_hidden_layers: 80,
    num_attention_heads: 64,
    num_key_value_heads: 8,
    vocab_size: 128256,
    max_position_embeddings: 8192,
  }),
  // huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json
  'llama3.1-405b': llama({
    hidden_size: 16384,
    intermediate_size: 53248,
    num_hidden_layers: 126,
    num_attention_heads: 128,
    num_key_value_heads: 8,
    vocab_size: 128256,
    max_position_embeddings: 131072,
  }),
  // Brown et al. 2020, "Language Models are Few-Shot Learners", Table 2.1 (GPT-3 175B): 96 layers,
  // d_model 12288, 96 heads, d_ff = 4 d_model, n_ctx 2048, GPT-2 BPE vocabulary (50257), tied embeddings.
  'gpt3-175b': {
    model_type: 'gpt2',
    n_embd: 12288,
    n_layer: 96,
    n_head: 96,
    n_inner: null,
    n_positions: 2048,
    vocab_size: 50257,
  },
  // Narayanan et al. 2021 (SC21), Table 1, 1T row: 128 layers, hidden 25600, 160 heads, vocab 51200, seq 2048.
  'megatron-1t': {
    model_type: 'gpt2',
    n_embd: 25600,
    n_layer: 128,
    n_head: 160,
    n_inner: null,
    n_positions: 2048,
    vocab_size: 51200,
  },
  // huggingface.co/EleutherAI/gpt-neox-20b/blob/main/config.json
  'gpt-neox-20b': {
    architectures: ['GPTNeoXForCausalLM'],
    model_type: 'gpt_neox',
    hidden_size: 6144,
    intermediate_size: 24576,
    num_hidden_layers: 44,
    num_attention_heads: 64,
    vocab_size: 50432,
    max_position_embeddings: 2048,
    tie_word_embeddings: false,
  },
  // huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json
  'mixtral-8x7b': {
    architectures: ['MixtralForCausalLM'],
    model_type: 'mixtral',
    hidden_size: 4096,
    intermediate_size: 14336,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    num_local_experts: 8,
    num_experts_per_tok: 2,
    vocab_size: 32000,
    max_position_embeddings: 32768,
    tie_word_embeddings: false,
  },
  // huggingface.co/mistralai/Mixtral-8x22B-v0.1/blob/main/config.json (vocab 32768 with the v3 tokenizer;
  // the original release had 32000: 9.4M parameters apart)
  'mixtral-8x22b': {
    architectures: ['MixtralForCausalLM'],
    model_type: 'mixtral',
    hidden_size: 6144,
    intermediate_size: 16384,
    num_hidden_layers: 56,
    num_attention_heads: 48,
    num_key_value_heads: 8,
    num_local_experts: 8,
    num_experts_per_tok: 2,
    vocab_size: 32768,
    max_position_embeddings: 65536,
    tie_word_embeddings: false,
  },
  // huggingface.co/Qwen/Qwen2.5-72B/blob/main/config.json
  'qwen2.5-72b': {
    architectures: ['Qwen2ForCausalLM'],
    model_type: 'qwen2',
    hidden_size: 8192,
    intermediate_size: 29568,
    num_hidden_layers: 80,
    num_attention_heads: 64,
    num_key_value_heads: 8,
    vocab_size: 152064,
    max_position_embeddings: 131072,
    tie_word_embeddings: false,
  },
  // huggingface.co/Qwen/Qwen3-32B/blob/main/config.json
  'qwen3-32b': {
    architectures: ['Qwen3ForCausalLM'],
    model_type: 'qwen3',
    hidden_size: 5120,
    intermediate_size: 25600,
    num_hidden_layers: 64,
    num_attention_heads: 64,
    num_key_value_heads: 8,
    head_dim: 128,
    vocab_size: 151936,
    max_position_embeddings: 40960,
    tie_word_embeddings: false,
  },
  // huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json
  'qwen3-30b-a3b': {
    architectures: ['Qwen3MoeForCausalLM'],
    model_type: 'qwen3_moe',
    hidden_size: 2048,
    intermediate_size: 6144,
    moe_intermediate_size: 768,
    num_hidden_layers: 48,
    num_attention_heads: 32,
    num_key_value_heads: 4,
    head_dim: 128,
    num_experts: 128,
    num_experts_per_tok: 8,
    decoder_sparse_step: 1,
    mlp_only_layers: [],
    vocab_size: 151936,
    max_position_embeddings: 40960,
    tie_word_embeddings: false,
  },
  // huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json
  'qwen3-235b-a22b': {
    architectures: ['Qwen3MoeForCausalLM'],
    model_type: 'qwen3_moe',
    hidden_size: 4096,
    intermediate_size: 12288,
    moe_intermediate_size: 1536,
    num_hidden_layers: 94,
    num_attention_heads: 64,
    num_key_value_heads: 4,
    head_dim: 128,
    num_experts: 128,
    num_experts_per_tok: 8,
    decoder_sparse_step: 1,
    mlp_only_layers: [],
    vocab_size: 151936,
    max_position_embeddings: 40960,
    tie_word_embeddings: false,
  },
  // huggingface.co/Qwen/Qwen1.5-MoE-A2.7B/blob/main/config.json (the Qwen2-MoE architecture)
  'qwen1.5-moe-a2.7b': {
    architectures: ['Qwen2MoeForCausalLM'],
    model_type: 'qwen2_moe',
    hidden_size: 2048,
    intermediate_size: 5632,
    moe_intermediate_size: 1408,
    shared_expert_intermediate_size: 5632,
    num_hidden_layers: 24,
    num_attention_heads: 16,
    num_key_value_heads: 16,
    num_experts: 60,
    num_experts_per_tok: 4,
    decoder_sparse_step: 1,
    mlp_only_layers: [],
    vocab_size: 151936,
    max_position_embeddings: 8192,
    tie_word_embeddings: false,
  },
  // huggingface.co/deepseek-ai/DeepSeek-V2/blob/main/config.json
  'deepseek-v2': {
    architectures: ['DeepseekV2ForCausalLM'],
    model_type: 'deepseek_v2',
    hidden_size: 5120,
    intermediate_size: 12288,
    moe_intermediate_size: 1536,
    num_hidden_layers: 60,
    num_attention_heads: 128,
    num_key_value_heads: 128,
    q_lora_rank: 1536,
    kv_lora_rank: 512,
    qk_nope_head_dim: 128,
    qk_rope_head_dim: 64,
    v_head_dim: 128,
    n_routed_experts: 160,
    n_shared_experts: 2,
    num_experts_per_tok: 6,
    first_k_dense_replace: 1,
    moe_layer_freq: 1,
    vocab_size: 102400,
    max_position_embeddings: 163840,
    tie_word_embeddings: false,
  },
  // huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json
  'deepseek-v3': {
    architectures: ['DeepseekV3ForCausalLM'],
    model_type: 'deepseek_v3',
    hidden_size: 7168,
    intermediate_size: 18432,
    moe_intermediate_size: 2048,
    num_hidden_layers: 61,
    num_attention_heads: 128,
    num_key_value_heads: 128,
    q_lora_rank: 1536,
    kv_lora_rank: 512,
    qk_nope_head_dim: 128,
    qk_rope_head_dim: 64,
    v_head_dim: 128,
    n_routed_experts: 256,
    n_shared_experts: 1,
    num_experts_per_tok: 8,
    first_k_dense_replace: 3,
    moe_layer_freq: 1,
    num_nextn_predict_layers: 1,
    vocab_size: 129280,
    max_position_embeddings: 163840,
    tie_word_embeddings: false,
  },
};

/** Other spellings of the same architecture. */
const ALIASES: Record<string, string> = {
  'llama3.1-8b': 'llama3-8b',
  'llama3.1-70b': 'llama3-70b',
  'llama3.3-70b': 'llama3-70b',
  'llama3-405b': 'llama3.1-405b',
  gpt3: 'gpt3-175b',
  'gpt-3': 'gpt3-175b',
  'qwen2-moe-a2.7b': 'qwen1.5-moe-a2.7b',
};

/**
 * Loose key: the part after an organisation prefix, lower-case, without separators or release suffixes,
 * so `meta-llama/Meta-Llama-3-8B`, `Llama3_8B` and `llama3-8b` meet.
 */
function looseKey(name: string): string {
  let key = (name.trim().split('/').pop() ?? '').toLowerCase();
  let before = '';
  while (before !== key) {
    before = key;
    key = key.replace(/[-_\s](hf|instruct|base|chat|v0\.\d+)$/, '');
  }
  return key.replace(/^meta[-_\s]/, '').replace(/[-_\s]+/g, '');
}

const LOOKUP: ReadonlyMap<string, string> = new Map([
  ...Object.keys(PRESET_CONFIGS).map((n): [string, string] => [looseKey(n), n]),
  ...Object.entries(ALIASES).map(([alias, n]): [string, string] => [looseKey(alias), n]),
]);

const canonicalName = (name: string): string | undefined => LOOKUP.get(looseKey(name));

export function listPresets(): string[] {
  return Object.keys(PRESET_CONFIGS);
}

/** The raw Hugging Face-style config of a preset (a copy), or undefined. */
export function getPresetConfig(name: string): Record<string, unknown> | undefined {
  const canonical = canonicalName(name);
  return canonical ? structuredClone(PRESET_CONFIGS[canonical]) : undefined;
}

export function getPreset(name: string): ModelSpec | undefined {
  const canonical = canonicalName(name);
  const config = canonical ? PRESET_CONFIGS[canonical] : undefined;
  if (!canonical || !config) return undefined;
  const result = modelFromHfConfig(config, canonical);
  // Presets are checked by tests; a failure here is a programming error, not bad user input.
  if (!result.ok) throw new Error(`preset ${canonical} is invalid: ${result.issues[0]?.message}`);
  return result.value;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to three preset names close to `name` (edit distance, or one containing the other). */
export function suggestPresets(name: string): string[] {
  const key = looseKey(name);
  // Score every spelling (names and aliases), then keep the best score per preset.
  const best = new Map<string, number>();
  for (const [spelling, preset] of LOOKUP) {
    const d = editDistance(key, spelling) - (spelling.includes(key) || key.includes(spelling) ? 2 : 0);
    if (d <= Math.max(2, Math.floor(spelling.length / 3)) && d < (best.get(preset) ?? Infinity))
      best.set(preset, d);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([preset]) => preset);
}

/** A preset name or a Hugging Face config object -> ModelSpec. */
export function resolveModel(nameOrConfig: unknown): Result<ModelSpec> {
  if (typeof nameOrConfig !== 'string') return modelFromHfConfig(nameOrConfig);
  const spec = getPreset(nameOrConfig);
  if (spec) return ok(spec);
  const close = suggestPresets(nameOrConfig);
  const issue: Issue = {
    code: 'model.unknown-preset',
    path: 'model',
    message:
      close.length > 0
        ? say('model.unknown-preset-suggest', { name: nameOrConfig, names: close.join(', ') })
        : say('model.unknown-preset', { name: nameOrConfig, names: listPresets().join(', ') }),
  };
  return fail(issue);
}
