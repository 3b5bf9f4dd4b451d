/**
 * Hugging Face `config.json` (as published on the Hub) -> ModelSpec. Field names and defaults follow the
 * `transformers` configuration classes (LlamaConfig, Qwen2/3(Moe)Config, MixtralConfig, DeepseekV2/V3Config,
 * GPT2Config, GPTNeoXConfig). Unknown model types with the generic fields are read as Llama-like dense models.
 */

import { say } from '../messages/say';
import { fail, type Issue, ok, type Result } from '../result';
import { MAX_MODEL_COUNT, type ModelSpec, type ModelSpecInput, modelSpecSchema } from './schema';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads config fields and collects one issue per bad or missing field. */
class FieldReader {
  readonly issues: Issue[] = [];
  constructor(
    private readonly cfg: Json,
    private readonly prefix: string,
  ) {}

  has(key: string): boolean {
    return this.cfg[key] !== undefined && this.cfg[key] !== null;
  }

  raw(key: string): unknown {
    return this.cfg[key];
  }

  private issue(key: string, message: string): void {
    this.issues.push({ code: 'hf-config.field', path: this.prefix + key, message });
  }

  /** A required positive integer (first of `keys` present). */
  count(...keys: string[]): number {
    const key = keys.find((k) => this.has(k));
    if (key === undefined) {
      this.issue(keys[0]!, say('model.field-missing'));
      return 1;
    }
    return this.checkCount(key, this.cfg[key], 1);
  }

  /** An optional integer >= min; null/absent gives `fallback`. */
  optCount(key: string, fallback: number, min = 1): number {
    if (!this.has(key)) return fallback;
    return this.checkCount(key, this.cfg[key], min);
  }

  private checkCount(key: string, v: unknown, min: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      this.issue(key, min > 0 ? say('request.positive-int') : say('model.non-negative-int'));
      return Math.max(min, 1);
    }
    if (v > MAX_MODEL_COUNT) {
      this.issue(key, say('request.at-most', { max: MAX_MODEL_COUNT.toLocaleString('en-US') }));
      return Math.max(min, 1);
    }
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.cfg[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') {
      this.issue(key, say('model.boolean'));
      return fallback;
    }
    return v;
  }

  fail(key: string, message: string): void {
    this.issue(key, message);
  }
}

type Family =
  | 'gpt2'
  | 'gpt_neox'
  | 'deepseek'
  | 'mixtral'
  | 'qwen2_moe'
  | 'qwen3_moe'
  | 'qwen2'
  | 'qwen3'
  | 'llama';

function familyOf(cfg: Json): Family {
  const type = typeof cfg.model_type === 'string' ? cfg.model_type.toLowerCase() : '';
  const arch =
    Array.isArray(cfg.architectures) && typeof cfg.architectures[0] === 'string' ? cfg.architectures[0] : '';
  if (type === 'gpt2' || arch === 'GPT2LMHeadModel') return 'gpt2';
  if (type === 'gpt_neox' || arch === 'GPTNeoXForCausalLM') return 'gpt_neox';
  if (type === 'deepseek_v2' || type === 'deepseek_v3' || /^DeepseekV[23]/.test(arch)) return 'deepseek';
  if (type === 'mixtral' || arch === 'MixtralForCausalLM') return 'mixtral';
  if (type === 'qwen2_moe' || arch === 'Qwen2MoeForCausalLM') return 'qwen2_moe';
  if (type === 'qwen3_moe' || arch === 'Qwen3MoeForCausalLM') return 'qwen3_moe';
  if (type === 'qwen2' || arch === 'Qwen2ForCausalLM') return 'qwen2';
  if (type === 'qwen3' || arch === 'Qwen3ForCausalLM') return 'qwen3';
  return 'llama';
}

function defaultName(cfg: Json): string {
  for (const key of ['_name_or_path', 'model_type']) {
    const v = cfg[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return 'custom-model';
}

function fromGpt2(r: FieldReader, name: string): ModelSpecInput {
  const hidden = r.count('n_embd');
  const heads = r.count('n_head');
  // GPT2Config: n_inner null means 4 * n_embd; LayerNorm with bias, biased Conv1D layers, GELU MLP.
  const ffnHidden = r.optCount('n_inner', 4 * hidden);
  return {
    name,
    layers: r.count('n_layer'),
    hidden,
    vocab: r.count('vocab_size'),
    heads,
    kvHeads: heads,
    headDim: Math.max(1, Math.floor(hidden / heads)),
    attention: { kind: 'gqa' },
    ffnHidden,
    gatedMlp: false,
    tiedEmbeddings: r.bool('tie_word_embeddings', true),
    norm: 'layernorm',
    linearBias: 'all',
    positionEmbeddings: r.count('n_positions'),
  };
}

/** The fields every other family shares (Llama naming). */
function llamaLike(r: FieldReader, name: string, tiedDefault: boolean): ModelSpecInput {
  // Read in the order the generic fields are documented, so the first issue names the first missing one.
  const hidden = r.count('hidden_size');
  const layers = r.count('num_hidden_layers');
  const heads = r.count('num_attention_heads');
  const ffnHidden = r.count('intermediate_size');
  const vocab = r.count('vocab_size');
  const kvHeads = r.optCount('num_key_value_heads', heads);
  const headDim = r.optCount('head_dim', Math.max(1, Math.floor(hidden / heads)));
  // rules between fields only once each field is itself valid (a bad one reads as 1, which the user never gave)
  if (r.issues.length === 0 && !r.has('head_dim') && hidden % heads !== 0) {
    r.fail('num_attention_heads', say('model.head-dim', { hidden, heads }));
  }
  if (r.issues.length === 0 && heads % kvHeads !== 0) {
    r.fail('num_key_value_heads', say('model.kv-heads', { kvHeads, heads }));
  }
  const attnBias = r.bool('attention_bias', false);
  const mlpBias = r.bool('mlp_bias', false);
  return {
    name,
    layers,
    hidden,
    vocab,
    heads,
    kvHeads,
    headDim,
    attention: { kind: 'gqa' },
    ffnHidden,
    gatedMlp: true,
    tiedEmbeddings: r.bool('tie_word_embeddings', tiedDefault),
    norm: 'rmsnorm',
    linearBias: mlpBias ? 'all' : attnBias ? 'attention' : 'none',
  };
}

function fromNeox(r: FieldReader, name: string): ModelSpecInput {
  const spec = llamaLike(r, name, false);
  // GPTNeoXConfig: LayerNorm, biased dense layers (attention_bias defaults to true), GELU MLP, untied head.
  return {
    ...spec,
    gatedMlp: false,
    norm: 'layernorm',
    linearBias: r.bool('attention_bias', true) ? 'all' : 'none',
  };
}

function fromDeepseek(r: FieldReader, name: string): ModelSpecInput {
  const base = llamaLike(r, name, false);
  const qLoraRank = r.has('q_lora_rank') ? r.count('q_lora_rank') : null;
  const attention = {
    kind: 'mla' as const,
    qLoraRank,
    kvLoraRank: r.count('kv_lora_rank'),
    qkNopeHeadDim: r.count('qk_nope_head_dim'),
    qkRopeHeadDim: r.count('qk_rope_head_dim'),
    vHeadDim: r.count('v_head_dim'),
  };
  const spec: ModelSpecInput = {
    ...base,
    // MLA has no separate key/value heads: every query head gets its own key and value from the latent.
    kvHeads: base.heads,
    headDim: attention.qkNopeHeadDim + attention.qkRopeHeadDim,
    attention,
    mtpLayers: r.optCount('num_nextn_predict_layers', 0, 0),
  };
  if (!r.has('n_routed_experts')) return spec;
  if (r.optCount('moe_layer_freq', 1) !== 1) r.fail('moe_layer_freq', say('model.moe-every-layer'));
  const expertFfnHidden = r.count('moe_intermediate_size');
  return {
    ...spec,
    moe: {
      experts: r.count('n_routed_experts'),
      topK: r.count('num_experts_per_tok'),
      sharedExperts: r.optCount('n_shared_experts', 0, 0),
      expertFfnHidden,
      sharedExpertFfnHidden: expertFfnHidden,
      denseLayers: r.optCount('first_k_dense_replace', 0, 0),
    },
  };
}

function fromMixtral(r: FieldReader, name: string): ModelSpecInput {
  const spec = llamaLike(r, name, false);
  return {
    ...spec,
    moe: {
      experts: r.count('num_local_experts'),
      topK: r.count('num_experts_per_tok'),
      sharedExperts: 0,
      // Mixtral's intermediate_size is the width of each expert; there is no dense MLP.
      expertFfnHidden: spec.ffnHidden,
      sharedExpertFfnHidden: 0,
      denseLayers: 0,
    },
  };
}

/**
 * Qwen2-MoE / Qwen3-MoE: layer i is MoE when i is not in mlp_only_layers and (i + 1) % decoder_sparse_step == 0.
 * The ModelSpec can only say "the first k layers are dense", so other placements are reported as issues.
 */
function qwenDenseLayers(r: FieldReader, layers: number): number {
  const step = r.optCount('decoder_sparse_step', 1);
  const only = r.raw('mlp_only_layers');
  const list = Array.isArray(only) ? only : [];
  if (only !== undefined && only !== null && !Array.isArray(only))
    r.fail('mlp_only_layers', say('model.list'));
  const ok = list.every((v, i) => v === i) && list.length < layers;
  if (step !== 1) r.fail('decoder_sparse_step', say('model.moe-every-layer'));
  if (!ok) r.fail('mlp_only_layers', say('model.leading-dense'));
  return ok ? list.length : 0;
}

function fromQwenMoe(r: FieldReader, name: string, family: 'qwen2_moe' | 'qwen3_moe'): ModelSpecInput {
  const spec = llamaLike(r, name, false);
  const sharedWidth = family === 'qwen2_moe' ? r.optCount('shared_expert_intermediate_size', 0, 0) : 0;
  return {
    ...spec,
    ...(family === 'qwen3_moe' ? { qkNorm: true } : { linearBias: 'qkv' as const }),
    moe: {
      experts: r.count('num_experts'),
      topK: r.count('num_experts_per_tok'),
      // Qwen2-MoE has one shared expert of width shared_expert_intermediate_size (0 = none).
      sharedExperts: sharedWidth > 0 ? 1 : 0,
      expertFfnHidden: r.count('moe_intermediate_size'),
      sharedExpertFfnHidden: sharedWidth,
      denseLayers: qwenDenseLayers(r, spec.layers),
    },
  };
}

/** Multimodal wrappers (Llama 4, Qwen2.5-VL, ...) keep the language model in `text_config`. */
function languageConfig(cfg: Json): { cfg: Json; prefix: string } {
  const text = cfg.text_config;
  if (isObject(text) && cfg.hidden_size === undefined && cfg.n_embd === undefined) {
    return { cfg: { architectures: cfg.architectures, ...text }, prefix: 'text_config.' };
  }
  return { cfg, prefix: '' };
}

/**
 * Sliding-window attention as the published configs state it: `layer_types` (GPT-OSS, newer transformers),
 * Gemma 2 (every other layer), Gemma 3 (`sliding_window_pattern`: one global layer in N), otherwise
 * `sliding_window` on every layer unless `use_sliding_window` is false (Qwen2/3 ship the field switched off).
 */
function slidingWindowOf(
  cfg: Record<string, unknown>,
  layers: number,
): { slidingWindow?: number; slidingWindowLayers?: number } {
  const window = cfg.sliding_window;
  if (typeof window !== 'number' || !Number.isInteger(window) || window <= 0) return {};
  if (cfg.use_sliding_window === false) return {};
  if (Array.isArray(cfg.layer_types)) {
    const sliding = cfg.layer_types.filter((t) => t === 'sliding_attention').length;
    return sliding > 0 ? { slidingWindow: window, slidingWindowLayers: sliding } : {};
  }
  const type = typeof cfg.model_type === 'string' ? cfg.model_type.toLowerCase() : '';
  if (type === 'gemma2') return { slidingWindow: window, slidingWindowLayers: Math.ceil(layers / 2) };
  if (type.startsWith('gemma3')) {
    const pattern = typeof cfg.sliding_window_pattern === 'number' ? cfg.sliding_window_pattern : 6;
    return { slidingWindow: window, slidingWindowLayers: layers - Math.floor(layers / pattern) };
  }
  return { slidingWindow: window, slidingWindowLayers: layers };
}

export function modelFromHfConfig(config: unknown, name?: string): Result<ModelSpec> {
  if (!isObject(config)) {
    return fail({
      code: 'hf-config.type',
      path: '',
      message: say('model.config-object'),
    });
  }
  const { cfg, prefix } = languageConfig(config);
  const r = new FieldReader(cfg, prefix);
  const modelName = name ?? defaultName(config);
  const family = familyOf(cfg);
  let spec: ModelSpecInput;
  switch (family) {
    case 'gpt2':
      spec = fromGpt2(r, modelName);
      break;
    case 'gpt_neox':
      spec = fromNeox(r, modelName);
      break;
    case 'deepseek':
      spec = fromDeepseek(r, modelName);
      break;
    case 'mixtral':
      spec = fromMixtral(r, modelName);
      break;
    case 'qwen2_moe':
    case 'qwen3_moe':
      spec = fromQwenMoe(r, modelName, family);
      break;
    case 'qwen2':
      // Qwen2/2.5: biases on q, k and v only.
      spec = { ...llamaLike(r, modelName, false), linearBias: 'qkv' };
      break;
    case 'qwen3':
      spec = { ...llamaLike(r, modelName, false), qkNorm: true };
      break;
    default:
      spec = llamaLike(r, modelName, false);
      // an MoE this reader does not know would be read as dense, and every estimate for it would be wrong
      for (const key of ['num_local_experts', 'num_experts', 'n_routed_experts']) {
        const experts = cfg[key];
        if (typeof experts === 'number' && experts > 1) {
          const type = typeof cfg.model_type === 'string' ? cfg.model_type : 'none';
          r.fail(key, say('model.moe-unknown-type', { type }));
          break;
        }
      }
  }
  if (r.issues.length === 0 && spec.moe && spec.moe.topK > spec.moe.experts) {
    r.fail(
      'num_experts_per_tok',
      say('model.topk-experts', { topK: spec.moe.topK, experts: spec.moe.experts }),
    );
  }
  spec = { ...spec, ...slidingWindowOf(cfg, spec.layers) };
  const maxContextTokens = r.optCount('max_position_embeddings', r.optCount('n_positions', 0, 0), 0);
  if (maxContextTokens > 0) spec = { ...spec, maxContextTokens };
  if (r.issues.length > 0) return fail(...r.issues);
  const parsed = modelSpecSchema.safeParse(spec);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((i) => ({
        code: 'hf-config.invalid',
        path: prefix + i.path.map(String).join('.'),
        message: i.message,
      })),
    );
  }
  return ok(parsed.data);
}
