/**
 * The normalised model architecture every engine phase works on. Hugging Face configs, presets and
 * the validation CSV are all turned into this one shape (see ./hf-config.ts, ./presets.ts).
 */
import { z } from 'zod';
import { say } from '../messages/say';

/**
 * The largest count any model field takes (layers, widths, vocabulary, experts...). The largest published values
 * are near 262k (Gemma 3's vocabulary); a bound keeps a crafted config from making the layout search loop over a
 * billion layers (the search's work grows with the layer count).
 */
export const MAX_MODEL_COUNT = 1_000_000;
/** Said when the issue is made (the locale is chosen at run time). */
const atMost = { error: () => say('request.at-most', { max: MAX_MODEL_COUNT.toLocaleString('en-US') }) };
const count = z
  .number()
  .max(MAX_MODEL_COUNT, atMost)
  .int('expected an integer')
  .positive('expected a positive integer');
const countOrZero = z
  .number()
  .max(MAX_MODEL_COUNT, atMost)
  .int('expected an integer')
  .nonnegative('expected an integer >= 0');

/** Multi-head latent attention (DeepSeek-V2/V3). */
export const mlaSchema = z.strictObject({
  kind: z.literal('mla'),
  /** Rank of the query down-projection; null when queries are projected directly (V2-Lite). */
  qLoraRank: count.nullable(),
  kvLoraRank: count,
  qkNopeHeadDim: count,
  qkRopeHeadDim: count,
  vHeadDim: count,
});

/** Standard attention: MHA when kvHeads = heads, GQA/MQA otherwise. */
export const gqaSchema = z.strictObject({ kind: z.literal('gqa') });

export const moeSchema = z
  .strictObject({
    experts: count,
    topK: count,
    sharedExperts: countOrZero,
    /** Intermediate width of one routed expert. */
    expertFfnHidden: count,
    /** Intermediate width of one shared expert (usually = expertFfnHidden). */
    sharedExpertFfnHidden: countOrZero,
    /** The first k layers are dense (DeepSeek `first_k_dense_replace`). */
    denseLayers: countOrZero,
  })
  .refine((moe) => moe.topK <= moe.experts, {
    path: ['topK'],
    error: (issue) => {
      const moe = issue.input as { topK: number; experts: number };
      return say('model.topk-experts', { topK: moe.topK, experts: moe.experts });
    },
  });

export const modelSpecSchema = z.strictObject({
  name: z.string().min(1),
  layers: count,
  hidden: count,
  vocab: count,
  heads: count,
  kvHeads: count,
  /** Per-head dimension of queries/keys/values for GQA (hidden / heads unless the config says otherwise). */
  headDim: count,
  attention: z.discriminatedUnion('kind', [gqaSchema, mlaSchema]),
  /** Width of the dense MLP (dense layers, or every layer of a dense model). */
  ffnHidden: count,
  /** Gated MLP (SwiGLU: 3 matrices) rather than GELU (2 matrices). */
  gatedMlp: z.boolean(),
  moe: moeSchema.optional(),
  tiedEmbeddings: z.boolean(),
  /** Multi-token-prediction modules trained with the model (DeepSeek-V3: 1). */
  mtpLayers: countOrZero.default(0),
  // The optional fields below only refine exact parameter counts (./params.ts); absent = Llama style.
  /** Normalisation: RMSNorm (a weight vector) or LayerNorm (weight + bias). Default rmsnorm. */
  norm: z.enum(['rmsnorm', 'layernorm']).optional(),
  /**
   * Which linear layers carry a bias: none (Llama), qkv (Qwen2), attention (q, k, v and o),
   * all (GPT-2/3, GPT-NeoX, BLOOM: attention and MLP). Default none.
   */
  linearBias: z.enum(['none', 'qkv', 'attention', 'all']).optional(),
  /** Per-head RMSNorm on queries and keys (Qwen3, OLMo 2). */
  qkNorm: z.boolean().optional(),
  /** Sliding-window attention: keys a query attends to at most (Mistral v0.1, Gemma 2/3, GPT-OSS). */
  slidingWindow: count.optional(),
  /** How many of the layers use the window (the others attend to the full causal context); default all. */
  slidingWindowLayers: countOrZero.optional(),
  /** Learned absolute position embeddings (GPT-2/3, OPT): how many; absent = rotary/ALiBi (no weights). */
  positionEmbeddings: count.optional(),
  /**
   * The context window the checkpoint states (`max_position_embeddings`, `n_positions`): serving checks prompt +
   * output against it; absent = not checked.
   */
  maxContextTokens: count.optional(),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type ModelSpecInput = z.input<typeof modelSpecSchema>;
export type MoeSpec = z.infer<typeof moeSchema>;
