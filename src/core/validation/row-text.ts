/**
 * Free-text cells of the validation CSV mapped to engine values. Every rule is a documented reading of
 * how sources phrase a setting (see docs/MODELS.md, "Validation column mapping"); empty means unknown.
 */
import type { ModelSpec } from '../model/schema';
import type { RecomputeMode, TrainPrecision, ZeroStage } from '../train/types';

export type Mapped<T> = { value: T | undefined; note?: string } | { unsupported: string };

/** Precision of the GEMMs. FP8 in any flavour (CS, MX, blockwise, hybrid) is fp8; 16-bit (incl. fp16) is bf16-rate. */
export function mapPrecision(text: string): Mapped<TrainPrecision> {
  const t = text.toLowerCase();
  if (t.trim() === '') return { value: 'bf16', note: 'precision not stated; assumed bf16' };
  if (/fp4|nvfp4|mxfp4/.test(t))
    return { unsupported: `precision "${text}" (4-bit) is not modelled (bf16/fp8 only)` };
  if (/fp8|mxfp8|e4m3/.test(t)) return { value: 'fp8' };
  if (/bf16|fp16|16-bit|half|amp|mixed/.test(t)) {
    const unsure = /not (re-)?verified|not stated|not explicitly|\(not stated\)/.test(t);
    return unsure ? { value: 'bf16', note: `precision "${text}" read as bf16` } : { value: 'bf16' };
  }
  if (/fp32|tf32/.test(t))
    return { unsupported: `precision "${text}" (32-bit) is not modelled (bf16/fp8 only)` };
  if (/not stated|unknown/.test(t)) return { value: 'bf16', note: `precision "${text}"; assumed bf16` };
  return { unsupported: `precision "${text}" is not recognised` };
}

/** Activation recomputation. "none in script" = none; "full/block/N layers" = full over N layers per stage. */
export function mapRecompute(text: string): Mapped<RecomputeMode> {
  const t = text.toLowerCase().trim();
  if (t === '') return { value: undefined };
  if (/^(none|no|off|false|disabled)\b/.test(t)) {
    return t.includes('swap')
      ? { value: 'none', note: `recompute "${text}": swapping not modelled` }
      : { value: 'none' };
  }
  // DeepSeek-V3 §3.2.3: "we recompute all RMSNorm operations and MLA up-projections during back-propagation", which
  // is the engine's `activations` mode on a framework that recomputes MLA up-projections (HAI-LLM), not Korthikanti's
  // attention-core `selective` (the row calls it selective; read so, it did not fit: 118.8 of 80 GB)
  if (/norm/.test(t) && /up-?projection/.test(t))
    return { value: 'activations', note: `recompute "${text}" read as norms + up-projections (activations)` };
  if (/selective/.test(t)) return { value: 'selective' };
  if (/^full|full activation|checkpointing/.test(t)) {
    const partial = /block\/(\d+)|uniform\/(\d+)|activation-function/.test(t);
    return partial
      ? { value: 'full', note: `recompute "${text}" read as full (granularity not modelled)` }
      : { value: 'full' };
  }
  return { value: undefined, note: `recompute "${text}" not recognised; left to the search` };
}

/** Optimizer sharding: distributed optimizer / ZeRO-1 = 1, ZeRO-2 = 2, FSDP / ZeRO-3 = 3, plain DDP = 0. */
export function mapZero(text: string): Mapped<ZeroStage> {
  const t = text.toLowerCase().replace(/fsdp\s*=\s*0/g, '');
  if (t.trim() === '') return { value: undefined };
  if (/zero[-\s]?3|stage[-\s]?3/.test(t)) return { value: 3 };
  if (/zero[-\s]?2|stage[-\s]?2/.test(t)) return { value: 2 };
  if (/zero[-\s]?1|stage[-\s]?1|distributed optimi[sz]er/.test(t)) return { value: 1 };
  if (/fsdp|fully sharded/.test(t)) return { value: 3 };
  if (/not set|^\s*(none|no|ddp)\b/.test(t)) return { value: 0 };
  return { value: undefined, note: `zero_fsdp "${text}" names no stage; left to the search` };
}

export function mapYesNo(text: string): boolean | undefined {
  const t = text.toLowerCase().trim();
  if (/^(yes|true|on|y)\b/.test(t)) return true;
  if (/^(no|false|off|n)\b/.test(t)) return false;
  return undefined;
}

/** MLA ranks from text such as "MLA (q_lora 1536, kv_lora 512, qk_nope 128, qk_rope 64, v 128)". */
export function parseMla(text: string): Extract<ModelSpec['attention'], { kind: 'mla' }> | undefined {
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const q = /q_lora\s*[:=]?\s*(none|null)/i.test(text) ? null : num(/q_lora\S*\s*[:=]?\s*(\d+)/i);
  const kv = num(/kv_lora\S*\s*[:=]?\s*(\d+)/i);
  const nope = num(/qk_nope\S*\s*[:=]?\s*(\d+)/i);
  const rope = num(/qk_rope\S*\s*[:=]?\s*(\d+)/i);
  const v = num(/\bv(?:_head_dim|_head)?\s*[:=]?\s*(\d+)/i);
  if (q === undefined || kv === undefined || nope === undefined || rope === undefined || v === undefined) {
    return undefined;
  }
  return { kind: 'mla', qLoraRank: q, kvLoraRank: kv, qkNopeHeadDim: nope, qkRopeHeadDim: rope, vHeadDim: v };
}

export interface FamilyTraits {
  family: string;
  /** Undefined: decide from the FFN ratio. */
  gatedMlp?: boolean;
  tiedEmbeddings: boolean;
  norm?: 'rmsnorm' | 'layernorm';
  linearBias?: 'none' | 'qkv' | 'attention' | 'all';
  qkNorm?: boolean;
  /** Learned absolute positions sized to the sequence length (Megatron GPT, OPT). */
  learnedPositions?: boolean;
}

const GPT_LIKE = { gatedMlp: false, tiedEmbeddings: true, norm: 'layernorm', linearBias: 'all' } as const;

/**
 * Model family from the model name (first match wins). GELU-4h families are GPT-3-style models
 * (Megatron GPT, MT-NLG, OPT, BLOOM); squared-ReLU Nemotron is ungated too; the rest are gated (SwiGLU/GeGLU).
 * Tied embeddings follow the published configs (GPT/OPT/BLOOM, Gemma, MiniCPM, the small Llama 3.2 and Qwen2/2.5).
 */
export function familyTraits(model: string, attentionType: string): FamilyTraits {
  const m = model.toLowerCase();
  const a = attentionType.toLowerCase();
  const smallTied = /llama3\.2-(1|3)b|qwen2(\.5)?-(0\.5|1\.5|3)b/.test(m);
  if (/gpt[\s_-]?oss/.test(m))
    return { family: 'gpt-oss', gatedMlp: true, tiedEmbeddings: false, linearBias: 'attention' };
  if (/nemotron/.test(m) || a.includes('squared-relu'))
    return { family: 'nemotron', gatedMlp: false, tiedEmbeddings: false, norm: 'layernorm' };
  if (/bloom/.test(m)) return { family: 'bloom', ...GPT_LIKE };
  if (/\bopt\b/.test(m)) return { family: 'opt', ...GPT_LIKE, learnedPositions: true };
  if (/gpt|mt-nlg|megatron/.test(m) || a.includes('gpt'))
    return { family: 'gpt', ...GPT_LIKE, learnedPositions: true };
  if (/qwen3/.test(m)) return { family: 'qwen3', gatedMlp: true, tiedEmbeddings: false, qkNorm: true };
  if (/qwen/.test(m))
    return { family: 'qwen2', gatedMlp: true, tiedEmbeddings: smallTied, linearBias: 'qkv' };
  if (/deepseek/.test(m)) return { family: 'deepseek', gatedMlp: true, tiedEmbeddings: false };
  if (/gemma/.test(m)) return { family: 'gemma', gatedMlp: true, tiedEmbeddings: true };
  if (/minicpm/.test(m)) return { family: 'minicpm', gatedMlp: true, tiedEmbeddings: true };
  const gated = /(llama|mixtral|mistral|yi|internlm|baichuan|chatglm|grok|pangu)/.exec(m);
  if (gated) return { family: gated[1]!, gatedMlp: true, tiedEmbeddings: smallTied };
  return { family: 'unknown', tiedEmbeddings: false };
}

/**
 * What a row's architecture text states outright about the MLP and the embeddings ("ReLU MLP (2 matrices)",
 * "SwiGLU (3 matrices)", "tied embeddings", "shared in/out embeddings"). A statement beats both the family's
 * traits and the ffn/hidden heuristic: MaxText's default decoder has a 3.2x ReLU MLP that the heuristic would
 * take for SwiGLU (50% too many MLP FLOPs), and PaLM's 4x MLP is SwiGLU.
 */
export function statedTraits(attentionType: string): { gatedMlp?: boolean; tiedEmbeddings?: boolean } {
  const a = attentionType.toLowerCase();
  const stated: { gatedMlp?: boolean; tiedEmbeddings?: boolean } = {};
  if (/swiglu|geglu|reglu|gated mlp|gated-mlp|3 matrices/.test(a)) stated.gatedMlp = true;
  else if (/\b(?:squared-)?relu\b|\bgelu\b|2 matrices|non-gated/.test(a)) stated.gatedMlp = false;
  if (/untied embeddings/.test(a)) stated.tiedEmbeddings = false;
  else if (/tied embeddings|shared (?:in\/out |input\/output )?embeddings/.test(a))
    stated.tiedEmbeddings = true;
  return stated;
}

/**
 * The attention kernel a row's architecture text states: flash attention ("FlashAttention-2", "FA2",
 * "attention=flash", "fused SDPA") or not ("unfused", "flash_attention=False"); undefined when it says neither, and the
 * framework's default applies.
 */
export function statedFlashAttention(attentionType: string): boolean | undefined {
  const a = attentionType.toLowerCase();
  if (/unfused|no flash|without flash|flash[_ ]attention\s*=\s*(?:false|0)\b/.test(a)) return false;
  if (/flash|\bfa[23]\b|fused sdpa|fused attention/.test(a)) return true;
  return undefined;
}

/** Which FLOP count a source's TFLOP/s and MFU use (see the validation README's caveats). */
export function flopsConvention(framework: string, notes: string): string | undefined {
  const n = notes.toLowerCase();
  if (
    /counts the activation-recompute|includes? activation recomput|hardware tflops|recompute pass/.test(n)
  ) {
    return 'includes-recompute';
  }
  if (/nemo 24\.07/i.test(framework)) return 'full-attention';
  if (/megatron-bridge/i.test(framework)) return 'causal-attention';
  if (/palm definition/.test(n)) return 'palm';
  return undefined;
}

/**
 * An uneven pipeline split a MindSpeed row states (`num-layer-list=7,8,9,...`, the script's --num-layer-list), when
 * it names one count per stage and they add up to the model's layers; otherwise undefined (an even split), with
 * the reason. MindSpeed-LLM itself refuses a list whose length is not pp (training/arguments.py: "len(args.num_layer_list)
 * != args.pipeline_model_parallel_size").
 */
/** A pipeline split MindSpeed accepts for this run: one count per stage, adding up to the model's layers. */
export function isSplitOf(
  stages: readonly number[],
  pp: number | undefined,
  layers: number | undefined,
): boolean {
  return stages.length === pp && stages.reduce((a, b) => a + b, 0) === layers;
}

export function stagesFromNotes(
  notes: string,
  pp: number | undefined,
  layers: number | undefined,
): { stages?: number[]; partial?: number[]; note?: string } {
  const match = /num-layer-list=([\d,\s]*\d)/.exec(notes);
  if (!match) return {};
  const stages = (match[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (!isSplitOf(stages, pp, layers))
    return {
      partial: stages,
      note: `num-layer-list "${match[1]}" does not give ${pp ?? '?'} stages of ${layers ?? '?'} layers: even split`,
    };
  return { stages };
}
