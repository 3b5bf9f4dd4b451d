/**
 * Rows of shared/validation/training_runs.csv (parsed to string records by ./csv.ts or any CSV reader)
 * -> TrainingRunCase. Empty cells are unknown; extra columns are ignored. A row that cannot be modelled
 * is `skipped` with one line saying why. Column meanings: shared/validation/README.md.
 */
import type { ModelSpecInput } from '../model/schema';
import { modelSpecSchema } from '../model/schema';
import type { PartialLayout, TrainSetup } from '../train/types';
import { megatronBridgeRecipe } from './megatron-bridge-recipes';
import { mindSpeedScriptStages } from './mindspeed-scripts';
import { paperStatedLayout } from './paper-readings';
import { type CaseScript, caseScriptOf, scriptStatedLayout } from './reproduction-scripts';
import {
  familyTraits,
  flopsConvention,
  isSplitOf,
  mapPrecision,
  mapRecompute,
  mapYesNo,
  mapZero,
  parseMla,
  stagesFromNotes,
  statedFlashAttention,
  statedTraits,
} from './row-text';
import type { MeasuredTraining, TrainingRowResult, TrainingRunCase } from './types';

type Row = Record<string, string>;

class Skip extends Error {}

const cell = (row: Row, key: string): string => (row[key] ?? '').trim();

/** A number cell: undefined when empty; a Skip when the text is not a number. */
function num(row: Row, key: string): number | undefined {
  const text = cell(row, key);
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Skip(`${key}: "${text}" is not a number`);
  return value;
}

/** A positive integer cell (layout, architecture); undefined when empty. */
function int(row: Row, key: string): number | undefined {
  const value = num(row, key);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0)
    throw new Skip(`${key}: "${cell(row, key)}" is not a positive integer`);
  return value;
}

/** Leading integer of a cell such as "1 shared expert of ffn 5632" (or "0"). */
function leadingInt(row: Row, key: string): number | undefined {
  const m = /^\s*(\d+)/.exec(cell(row, key));
  return m ? Number(m[1]) : undefined;
}

function measuredOf(row: Row, notes: string[]): MeasuredTraining {
  const measured: MeasuredTraining = {};
  const tokens = num(row, 'meas_tokens_per_s_per_device');
  const tflops = num(row, 'meas_tflops_per_device');
  const mfu = num(row, 'meas_mfu_pct');
  const hfu = num(row, 'meas_hfu_pct');
  const step = num(row, 'meas_step_time_s');
  if (tokens !== undefined) measured.tokensPerSecondPerDevice = tokens;
  if (tflops !== undefined) measured.modelTflopsPerDevice = tflops;
  if (mfu !== undefined) measured.mfu = mfu / 100;
  if (hfu !== undefined) measured.hfu = hfu / 100;
  if (step !== undefined) measured.stepSeconds = step;
  // GPU-hours stated per trillion tokens (DeepSeek-V3 report) are a throughput: 1e12 / (hours * 3600).
  const hours = num(row, 'meas_gpu_hours');
  const perTrillion = /per 1T tokens/i.test(`${cell(row, 'meas_other')} ${cell(row, 'inferred_fields')}`);
  if (hours !== undefined && perTrillion && measured.tokensPerSecondPerDevice === undefined) {
    measured.tokensPerSecondPerDevice = 1e12 / (hours * 3600);
    notes.push(`tokens/s per device derived from ${hours} GPU-hours per 1T tokens`);
  }
  return measured;
}

function modelOf(
  row: Row,
  notes: string[],
): { model: ModelSpecInput; family: string; learnedPositions: boolean } {
  const name = cell(row, 'model') || cell(row, 'id');
  const attentionType = cell(row, 'attention_type');
  const traits = { ...familyTraits(name, attentionType), ...statedTraits(attentionType) };
  const need = (key: string, value: number | undefined): number => {
    if (value === undefined) throw new Skip(`architecture: ${key} is missing`);
    return value;
  };
  const layers = need('layers', int(row, 'layers'));
  const hidden = need('hidden', int(row, 'hidden'));
  const isMla = /^\s*mla/i.test(attentionType);
  const mla = isMla ? parseMla(attentionType) : undefined;
  if (isMla && !mla) throw new Skip(`architecture: MLA ranks not given in attention_type "${attentionType}"`);
  let heads = int(row, 'heads');
  if (heads === undefined && traits.family === 'gpt' && hidden % 128 === 0) {
    // For MHA the attention FLOPs do not depend on the head count; head_dim 128 is Megatron's usual choice.
    heads = hidden / 128;
    notes.push(`heads not given; assumed head_dim 128 (${heads} heads)`);
  }
  heads = need('heads', heads);
  let vocab = int(row, 'vocab');
  if (vocab === undefined && traits.family === 'gpt') {
    vocab = 50257;
    notes.push('vocab not given; assumed the GPT-2 BPE vocabulary (50257)');
  }
  vocab = need('vocab', vocab);
  const experts = int(row, 'moe_experts');
  const expertFfn = int(row, 'moe_expert_ffn') ?? (experts ? int(row, 'ffn_hidden') : undefined);
  let ffnHidden = int(row, 'ffn_hidden') ?? expertFfn;
  if (ffnHidden === undefined && traits.gatedMlp === false) {
    ffnHidden = 4 * hidden;
    notes.push('ffn_hidden not given; assumed 4 x hidden (GELU MLP)');
  }
  ffnHidden = need('ffn_hidden', ffnHidden);
  const kvHeads = mla ? heads : (int(row, 'kv_heads') ?? heads);
  const headDim = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : (int(row, 'head_dim') ?? hidden / heads);
  if (!Number.isInteger(headDim))
    throw new Skip(`architecture: hidden ${hidden} is not divisible by ${heads} heads`);
  // Gated (SwiGLU/GeGLU) unless the family is known to be GELU/ReLU; unknown families: 4h means GELU.
  const gatedMlp = traits.gatedMlp ?? ffnHidden !== 4 * hidden;
  if (traits.gatedMlp === undefined)
    notes.push(`family not recognised; gated MLP = ${gatedMlp} from ffn/hidden`);
  const model: ModelSpecInput = {
    name,
    layers,
    hidden,
    vocab,
    heads,
    kvHeads,
    headDim,
    attention: mla ?? { kind: 'gqa' },
    ffnHidden,
    gatedMlp,
    tiedEmbeddings: traits.tiedEmbeddings,
    mtpLayers: mtpLayersOf(name),
  };
  if (traits.norm) model.norm = traits.norm;
  if (traits.linearBias) model.linearBias = traits.linearBias;
  if (traits.qkNorm) model.qkNorm = true;
  if (experts !== undefined) {
    const sharedText = cell(row, 'moe_shared_experts');
    const sharedFfn = /ffn\s*(\d+)/i.exec(sharedText);
    model.moe = {
      experts,
      topK: need('moe_topk', int(row, 'moe_topk')),
      sharedExperts: leadingInt(row, 'moe_shared_experts') ?? 0,
      expertFfnHidden: need('moe_expert_ffn', expertFfn),
      sharedExpertFfnHidden: sharedFfn ? Number(sharedFfn[1]) : need('moe_expert_ffn', expertFfn),
      denseLayers: leadingInt(row, 'moe_dense_layers') ?? 0,
    };
  }
  const window = /(\d+)[- ]token sliding[- ]window|sliding[- ]window (?:of )?(\d+)/i.exec(attentionType);
  if (window) {
    const size = Number(window[1] ?? window[2]);
    // "alternating full / sliding window": every other layer uses the window
    const layers = /alternat/i.test(attentionType) ? Math.floor(model.layers / 2) : model.layers;
    model.slidingWindow = size;
    model.slidingWindowLayers = layers;
    notes.push(`sliding-window attention: ${layers} of ${model.layers} layers attend to ${size} keys`);
  } else if (/sliding window/i.test(attentionType)) {
    notes.push('sliding-window attention without a window size: modelled as full attention');
  } else if (/^mistral[- ]7b/i.test(name)) {
    // Mistral 7B's published config.json (v0.1) has sliding_window 4096, and MindSpeed-LLM's Mistral scripts pass
    // --sliding-window 4096 (examples/mcore/mistral/*.sh).
    model.slidingWindow = 4096;
    model.slidingWindowLayers = model.layers;
    notes.push(
      'Mistral 7B: sliding window of 4096 keys on every layer (its config.json and MindSpeed-LLM scripts)',
    );
  }
  return { model, family: traits.family, learnedPositions: traits.learnedPositions === true };
}

/** "with MTP depth 1" / "with MTP" -> 1 (or the depth); otherwise none. */
function mtpLayersOf(name: string): number {
  if (/w\/o mtp|without mtp/i.test(name)) return 0;
  const m = /mtp(?: depth)?\s*(\d+)?/i.exec(name);
  return m ? Number(m[1] ?? 1) : 0;
}

function layoutOf(row: Row, notes: string[], caseScript: CaseScript | undefined): PartialLayout {
  const layout: PartialLayout = {};
  const set = <K extends keyof PartialLayout>(key: K, value: PartialLayout[K] | undefined) => {
    if (value !== undefined) layout[key] = value;
  };
  /** What a source beyond the row's columns states (a paper, a script, a recipe): it never overrides a column. */
  const fillStated = (reading: { stated: PartialLayout; source: string } | undefined, kind: string) => {
    if (!reading) return;
    for (const [key, value] of Object.entries(reading.stated) as [keyof PartialLayout, never][])
      if (layout[key] === undefined) set(key, value);
    notes.push(`${kind}: ${reading.source}`);
  };
  set('tp', int(row, 'tp'));
  set('pp', int(row, 'pp'));
  set('vp', int(row, 'vpp'));
  set('dp', int(row, 'dp'));
  set('cp', int(row, 'cp'));
  set('ep', int(row, 'ep'));
  set('mbs', int(row, 'mbs'));
  set('sequenceParallel', mapYesNo(cell(row, 'sp')));
  set('flashAttention', statedFlashAttention(cell(row, 'attention_type')));
  const recompute = mapRecompute(cell(row, 'recompute'));
  if ('value' in recompute) {
    set('recompute', recompute.value);
    if (recompute.note) notes.push(recompute.note);
  }
  const zero = mapZero(cell(row, 'zero_fsdp'));
  if ('value' in zero) {
    set('zero', zero.value);
    if (zero.note) notes.push(zero.note);
  }
  // a row that read its launch script and found no optimizer sharding there ran Megatron's default: no distributed
  // optimizer (arguments.py `use_distributed_optimizer` False; MindSpeed-LLM keeps it)
  if (
    layout.zero === undefined &&
    /optimizer sharding:\s*not set in (?:the )?script/i.test(cell(row, 'notes'))
  ) {
    set('zero', 0);
    notes.push('the script does not pass --use-distributed-optimizer: Megatron default, ZeRO-0');
  }
  const split = stagesFromNotes(cell(row, 'notes'), layout.pp, int(row, 'layers'));
  // a split the note cut short is read from the row's script where the script is on record (mindspeed-scripts.ts)
  const script = split.partial
    ? mindSpeedScriptStages(cell(row, 'source_locator'), split.partial)
    : undefined;
  const fitsModel = script !== undefined && isSplitOf(script.stages, layout.pp, int(row, 'layers'));
  const stages = fitsModel ? script.stages : split.stages;
  set('layersPerStage', stages);
  if (fitsModel) notes.push(`num-layer-list from ${script.source}`);
  else if (split.note) notes.push(split.note);
  // what the cited paper's text states and its table does not (never overriding a column)
  fillStated(paperStatedLayout(cell(row, 'source_url'), int(row, 'layers'), layout.pp), 'paper');
  // what the authors' reproduction script states for this very run (never overriding a column)
  const shape = {
    tp: layout.tp,
    pp: layout.pp,
    globalBatchSeqs: int(row, 'gbs_seqs'),
    layers: int(row, 'layers'),
    hidden: int(row, 'hidden'),
  };
  fillStated(scriptStatedLayout(cell(row, 'source_url'), shape), 'script');
  // the benchmark case's launch script: the whole command line that ran (never overriding a column)
  fillStated(caseScript, 'launch script');
  // the recipe behind a Megatron-Bridge table row states what its table does not print (never what it does)
  fillStated(
    megatronBridgeRecipe(cell(row, 'framework'), cell(row, 'model'), cell(row, 'accelerator')),
    'recipe',
  );
  return layout;
}

function setupOf(row: Row, notes: string[]): TrainSetup {
  const precision = mapPrecision(cell(row, 'precision'));
  if ('unsupported' in precision) throw new Skip(precision.unsupported);
  if (precision.note) notes.push(precision.note);
  const seqs = int(row, 'gbs_seqs');
  const tokens = int(row, 'gbs_tokens');
  let seqLen = int(row, 'seq_len');
  if (seqLen === undefined && seqs && tokens && tokens % seqs === 0) {
    seqLen = tokens / seqs;
    notes.push('seq_len derived from gbs_tokens / gbs_seqs');
  }
  if (seqLen === undefined) throw new Skip('seq_len is missing');
  let globalBatchSeqs = seqs ?? (tokens !== undefined ? tokens / seqLen : undefined);
  if (globalBatchSeqs === undefined) {
    const [mbs, dp, accum] = [int(row, 'mbs'), int(row, 'dp'), int(row, 'grad_accum')];
    if (mbs && dp && accum) {
      globalBatchSeqs = mbs * dp * accum;
      notes.push('global batch derived from mbs x dp x grad_accum');
    }
  }
  if (globalBatchSeqs === undefined)
    throw new Skip('no global batch (gbs_seqs, gbs_tokens or mbs x dp x grad_accum)');
  if (!Number.isInteger(globalBatchSeqs))
    throw new Skip(`gbs_tokens ${tokens} is not a multiple of seq_len ${seqLen}`);
  // both stated and disagreeing: the count of sequences is the exact one (a token count is often rounded, "4M")
  if (seqs !== undefined && tokens !== undefined && seqs * seqLen !== tokens)
    notes.push(`gbs_tokens ${tokens} is not gbs_seqs x seq_len = ${seqs * seqLen}; gbs_seqs used`);
  return { seqLen, globalBatchSeqs, precision: precision.value ?? 'bf16' };
}

function devicesOf(row: Row, layout: PartialLayout): number {
  const devices = int(row, 'accel_count');
  const { tp, pp, dp } = layout;
  const product = tp && pp && dp ? tp * pp * dp * (layout.cp ?? 1) : undefined;
  if (devices !== undefined) {
    if (product !== undefined && product !== devices) {
      throw new Skip(`tp*pp*cp*dp = ${product} but accel_count = ${devices}`);
    }
    return devices;
  }
  if (product !== undefined) return product;
  throw new Skip('accel_count is missing');
}

export function trainingRunFromRow(given: Row, lineNumber: number): TrainingRowResult {
  const id = cell(given, 'id') || `line ${lineNumber}`;
  const notes: string[] = [];
  // the model the case's launch script trains replaces an architecture the row says it inferred
  const script = caseScriptOf(cell(given, 'source_url'));
  const inferredArchitecture = /architecture/i.test(cell(given, 'inferred_fields'));
  const row = script?.architecture && inferredArchitecture ? { ...given, ...script.architecture } : given;
  if (row !== given) notes.push(`architecture from ${script!.source}; the row's was inferred`);
  try {
    const chipId = cell(row, 'chip_id');
    if (chipId === '') throw new Skip('no chip_id');
    const measured = measuredOf(row, notes);
    if (Object.keys(measured).length === 0) {
      throw new Skip('no measured throughput (tokens/s, TFLOP/s, MFU, HFU or step time)');
    }
    const { model, family, learnedPositions } = modelOf(row, notes);
    const setup = setupOf(row, notes);
    // Megatron GPT sizes its learned position table to the training sequence length.
    if (learnedPositions) model.positionEmbeddings = setup.seqLen;
    const parsed = modelSpecSchema.safeParse(model);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Skip(`architecture: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const layout = layoutOf(row, notes, script);
    const devices = devicesOf(row, layout);
    const run: TrainingRunCase = {
      id,
      chipId,
      scaleUpDomain: int(row, 'scaleup_domain') ?? int(row, 'devices_per_node') ?? Math.min(8, devices),
      devices,
      family,
      model: parsed.data,
      setup,
      layout,
      measured,
      notes,
    };
    if (!cell(row, 'scaleup_domain')) notes.push('scaleup_domain not given; used devices_per_node or 8');
    if (cell(row, 'framework')) run.framework = cell(row, 'framework');
    // Benchmarks that force-balance tokens across experts state their routing balance (Megatron-Bridge tables).
    if (run.model.moe && /force-balance/i.test(cell(row, 'notes'))) {
      run.setup.moeImbalance = 1;
      notes.push('MoE tokens force-balanced across experts: imbalance 1');
    }
    if (cell(row, 'notes')) run.sourceNotes = cell(row, 'notes');
    const convention = flopsConvention(cell(row, 'framework'), cell(row, 'notes'));
    if (convention) run.flopsConvention = convention;
    const peak = /^\s*~?\s*(\d+(?:\.\d+)?)/.exec(cell(row, 'peak_tflops_basis'));
    if (peak) run.mfuPeakTflops = Number(peak[1]);
    return { status: 'ok', run };
  } catch (e) {
    if (e instanceof Skip) return { status: 'skipped', id, reason: e.message };
    throw e;
  }
}
