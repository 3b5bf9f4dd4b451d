/**
 * Rows of shared/validation/vtrain/ground_truth_{single,multi}.csv -> TrainingRunCase.
 * What the files do not say comes from the vTrain repository (github.com/VIA-Research/vTrain, MICRO 2024):
 * GPT models (src/config.py: vocab_size 50257; src/predictor.py: LayerNorm, biased QKV/proj/MLP, 4h GELU MLP,
 * learned positions of max_length, embedding and logit layers), fp16 (the model is cast with .half()),
 * activation checkpointing (use_checkpoint) and the 1F1B schedule, on A100 nodes of 8 GPUs whose network its
 * validation configs state (800 Gb/s per node).
 */
import { modelSpecSchema } from '../model/schema';
import type { TrainingRowResult, TrainingRunCase } from './types';

export const VTRAIN_CHIP_ID = 'nvidia-a100-sxm4-80gb';
const VTRAIN_VOCAB = 50257;
/**
 * The measured cluster's network as vTrain's own validation configs state it (config/validation/multi/*.json, all
 * 108: "inter_node_bandwidth": 800, in Gb/s per node of "node_size": 8, src/config.py): 100 GB/s per node, so
 * 12.5 GB/s per GPU each way, half a DGX A100's 8 x 200 Gb/s HDR.
 */
const VTRAIN_INTER_NODE_GBITPS_PER_NODE = 800;
const VTRAIN_NODE_SIZE = 8;

/** Column names as in the files' headers (the BOM and surrounding spaces are ignored). */
const COLUMNS = {
  params: 'Parameters (billion)',
  gpus: '# GPUs',
  gbs: 'global batch',
  mbs: 'micro batch',
  hidden: 'hidden size',
  heads: 'attention heads',
  layers: '# layers',
  seqLen: 'sequence length',
  tp: 'tensor parallelism',
  dp: 'data parallelism',
  pp: 'pipeline parallelism',
  iterationMs: 'iteration time (ms)',
} as const;

function normalisedRow(row: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries(row).map(([k, v]) => [
      k
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
      v.trim(),
    ]),
  );
}

/**
 * @param source a short name of the file ('single' or 'multi'), used in the case id.
 */
export function vtrainRunFromRow(
  row: Record<string, string>,
  lineNumber: number,
  source: string,
): TrainingRowResult {
  const id = `vtrain-${source}-${lineNumber}`;
  const cells = normalisedRow(row);
  const read = (key: keyof typeof COLUMNS, integer = true): number | string => {
    const column = COLUMNS[key];
    const text = cells.get(column.toLowerCase()) ?? '';
    if (text === '') return `${column} is missing`;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
      return `${column}: "${text}" is not a positive ${integer ? 'integer' : 'number'}`;
    }
    return value;
  };
  const keys = ['gpus', 'gbs', 'mbs', 'hidden', 'heads', 'layers', 'seqLen', 'tp', 'dp', 'pp'] as const;
  const v: Record<string, number> = {};
  for (const key of [...keys, 'iterationMs' as const]) {
    const value = read(key, key !== 'iterationMs');
    if (typeof value === 'string') return { status: 'skipped', id, reason: value };
    v[key] = value;
  }
  const n = (key: (typeof keys)[number] | 'iterationMs') => v[key]!;
  if (n('tp') * n('pp') * n('dp') !== n('gpus')) {
    return {
      status: 'skipped',
      id,
      reason: `tp*pp*dp = ${n('tp') * n('pp') * n('dp')} but # GPUs = ${n('gpus')}`,
    };
  }
  if (n('hidden') % n('heads') !== 0) {
    return {
      status: 'skipped',
      id,
      reason: `hidden size ${n('hidden')} is not divisible by ${n('heads')} heads`,
    };
  }
  const params = cells.get(COLUMNS.params.toLowerCase());
  const model = modelSpecSchema.parse({
    name: params ? `GPT-${params}B` : `GPT-h${n('hidden')}-l${n('layers')}`,
    layers: n('layers'),
    hidden: n('hidden'),
    vocab: VTRAIN_VOCAB,
    heads: n('heads'),
    kvHeads: n('heads'),
    headDim: n('hidden') / n('heads'),
    attention: { kind: 'gqa' },
    ffnHidden: 4 * n('hidden'),
    gatedMlp: false,
    // Megatron GPT shares the word embedding with the logit layer.
    tiedEmbeddings: true,
    norm: 'layernorm',
    linearBias: 'all',
    positionEmbeddings: n('seqLen'),
  });
  const run: TrainingRunCase = {
    id,
    chipId: VTRAIN_CHIP_ID,
    scaleUpDomain: VTRAIN_NODE_SIZE,
    scaleOutBandwidthGBps: VTRAIN_INTER_NODE_GBITPS_PER_NODE / 8 / VTRAIN_NODE_SIZE,
    devices: n('gpus'),
    family: 'gpt',
    model,
    setup: { seqLen: n('seqLen'), globalBatchSeqs: n('gbs'), precision: 'bf16' },
    framework: 'Megatron-DeepSpeed (vTrain)',
    layout: { tp: n('tp'), pp: n('pp'), dp: n('dp'), cp: 1, ep: 1, vp: 1, mbs: n('mbs'), recompute: 'full' },
    measured: { stepSeconds: n('iterationMs') / 1000 },
    notes: ['fp16 training (Megatron-DeepSpeed), modelled at the bf16 rate'],
  };
  return { status: 'ok', run };
}
