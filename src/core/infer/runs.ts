/**
 * Reading one row of the published-serving-runs CSV (../shared/validation/inference_runs.csv format)
 * into a scenario the serving model can predict, or a reason to skip it. The rules are general text
 * rules over the columns (documented in docs/INFERENCE.md section 8), never per-row cases.
 */
import type { Catalog } from '../catalog/catalog';
import { resolveHardware } from '../hardware/profile';
import { resolveModel } from '../model/presets';
import type { ModelSpec } from '../model/schema';
import { type EngineId, type EngineSettings, engineFromText } from './engines';
import type { PrecisionPlan, ServingLayout, ServingPrecision } from './types';
import { logicalDevicesPerDevice } from './units';

export type RunPhase = 'prefill' | 'decode' | 'e2e';
export type TokenKind = 'input' | 'output' | 'total';

export interface RunScenario {
  readonly runId: string;
  /** The publication (its URL when given): leave-one-source-out cross-validation groups by it. */
  readonly source: string;
  /** The engine the row names; absent = the family default. */
  readonly engine?: EngineId;
  /** Two micro-batches overlapped (two-batch overlap, microbatch pipelining, dual-batch overlap). */
  readonly microBatchOverlap: boolean;
  /** Engine settings the source states (optional `engine_settings` column). */
  readonly engineSettings?: EngineSettings;
  readonly hardwareId: string;
  readonly modelName: string;
  readonly model: ModelSpec;
  readonly precision: PrecisionPlan;
  readonly phase: RunPhase;
  /** In logical devices (dies on a 910C), see estimate.ts. */
  readonly layout: ServingLayout;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly decodeContextTokens?: number;
  /** Per catalog device. */
  readonly batchPerDevice?: number;
  readonly prefillTokensPerDevice?: number;
  readonly draftTokens: number;
  readonly acceptance: number;
  readonly tpotTargetMs?: number;
  readonly ttftTargetMs?: number;
  readonly split?: { prefillDevices: number; decodeDevices: number };
  /** Measured tokens/s per catalog device, of kind `tokenKind`. */
  readonly measured: number;
  readonly tokenKind: TokenKind;
}

export type ParsedRun =
  | { readonly ok: true; readonly scenario: RunScenario }
  | { readonly ok: false; readonly runId: string; readonly reason: string };

/** Catalog id for a free-text hardware description: first matching rule wins. */
const HARDWARE_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/cloudmatrix/i, 'huawei-cloudmatrix-384'],
  [/910c|atlas 800 a3/i, 'huawei-ascend-910c'],
  [/910b/i, 'huawei-ascend-910b'],
  [/gb200/i, 'nvidia-gb200-nvl72'],
  [/b200/i, 'nvidia-b200'],
  [/h800/i, 'nvidia-h800-sxm5-80gb'],
  [/h200/i, 'nvidia-h200-sxm-141gb'],
  [/h100/i, 'nvidia-h100-sxm5-80gb'],
  [/\bh20\b/i, 'nvidia-h20'],
  [/mi300x/i, 'amd-mi300x'],
  [/mi325x/i, 'amd-mi325x'],
  [/mi355x/i, 'amd-mi355x'],
  [/gaudi\s*3/i, 'intel-gaudi3'],
  [/gaudi\s*2/i, 'intel-gaudi2'],
  [/tpu\s*v6e|trillium/i, 'google-tpu-v6e'],
  [/tpu\s*v5p/i, 'google-tpu-v5p'],
  [/tpu\s*v5e/i, 'google-tpu-v5e'],
  [/tpu\s*v4/i, 'google-tpu-v4'],
];

/** Why an open-loop row (requests at a fixed rate, stated in the phase or the batch column) is not read. */
const OPEN_LOOP = 'open-loop request-rate benchmark: throughput follows the arrival rate and queueing';

/** Model preset for a free-text model name. DeepSeek-R1 is DeepSeek-V3's architecture. */
export function modelPresetName(text: string): string {
  if (/deepseek[-\s]*(v3|r1)/i.test(text)) return 'deepseek-v3';
  return text
    .replace(/\(.*?\)/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

const PRECISION_WORDS: ReadonlyArray<readonly [RegExp, ServingPrecision]> = [
  [/nvfp4|fp4/, 'fp4'],
  [/w8a8|int8/, 'int8'],
  [/fp8/, 'fp8'],
  [/w4a16|int4/, 'w4a16'],
  [/bf16|fp16/, 'bf16'],
];

/** The precision named first in `text` (earliest occurrence). */
function firstPrecision(text: string): ServingPrecision | null {
  let best: { at: number; p: ServingPrecision } | null = null;
  for (const [re, p] of PRECISION_WORDS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.at)) best = { at: m.index, p };
  }
  return best?.p ?? null;
}

const FOUR_BIT: ReadonlySet<ServingPrecision> = new Set(['fp4', 'w4a16']);

/**
 * Reads a precision text. "FP8 attention, NVFP4 MoE" names the attention math (FP8 attention = FP8
 * KV cache and FP8 FlashMLA) and the routed experts; the linear weights outside the experts use the
 * experts' format, except that 4-bit MoE checkpoints keep the rest in FP8 (NVIDIA's DeepSeek-R1-FP4
 * and Qwen3 FP4 ModelOpt checkpoints quantise the MoE GEMMs only). "FP8 KV" sets an 8-bit cache.
 * `modelText` matters for one rule: ModelOpt checkpoints ship an FP8 KV cache (hf_ptq.py's default
 * kv_cache_qformat is fp8). Intel Neural Compressor's FP8 on Gaudi quantises the KV cache too: its
 * `allowlist`, empty in Optimum-Habana's `maxabs_quant.json`, means "every supported module" (INC
 * PT_FP8Quant.md, Supported Parameters), and `KVCache` is one of them (Intel Gaudi docs, Run Inference
 * Using FP8, Supported Modules).
 */
export function parsePrecision(text: string, isMoe: boolean, modelText = ''): PrecisionPlan | null {
  const t = text.toLowerCase();
  const all = firstPrecision(t);
  if (all === null) return null;
  const attention = /(\w+)\s+attention/.exec(t)?.[1];
  const moe = /(\w+)\s+moe/.exec(t)?.[1];
  const experts = (moe && firstPrecision(moe)) || all;
  const dense = isMoe && FOUR_BIT.has(experts) ? 'fp8' : experts;
  const attentionFormat = attention ? firstPrecision(attention) : null;
  const eightBitCache =
    /(fp8|int8) kv/.test(t) ||
    attentionFormat === 'fp8' ||
    /modelopt/i.test(modelText) ||
    (all === 'fp8' && /neural compressor|\binc\b/.test(t) && !/(bf16|fp16|16-bit) kv/.test(t));
  return {
    dense,
    experts,
    kvCacheBytes: eightBitCache ? 1 : 2,
    ...(attentionFormat === 'fp8' ? { attention: 'fp8' as const } : {}),
  };
}

/** First number in a text ("4,096", "~1024", "KV cache length 2000"). */
function firstNumber(text: string): number | null {
  const m = /(\d[\d,]*(?:\.\d+)?)/.exec(text);
  return m?.[1] ? Number(m[1].replace(/,/g, '')) : null;
}

function targetMs(text: string, metric: 'TPOT' | 'TTFT'): number | undefined {
  const m = new RegExp(`${metric}\\s*(?:<=|<|≤)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)\\b`, 'i').exec(text);
  if (!m?.[1]) return undefined;
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/**
 * The optional `engine_settings` column: `kv_fraction=0.93; max_num_tokens=2048; max_batch=896`
 * (settings a source states that differ from the engine's defaults).
 */
function parseEngineSettings(text: string): EngineSettings | null {
  if (!text.trim()) return {};
  const out: { -readonly [K in keyof EngineSettings]: EngineSettings[K] } = {};
  for (const part of text.split(';')) {
    const [key, value] = part.split('=').map((x) => x.trim());
    const v = Number(value);
    if (!key || !Number.isFinite(v) || v < 0) return null;
    if (key === 'kv_fraction' && v > 0 && v <= 1) out.kvFraction = v;
    else if (key === 'max_num_tokens' && v > 0) out.maxTokensPerStep = v;
    else if (key === 'max_batch' && v > 0) out.maxSequencesPerRank = v;
    else if (key === 'chunked_prefill' && (v === 0 || v === 1)) out.mixedBatches = v === 1;
    else return null;
  }
  return out;
}

/**
 * `models`: architectures a runs file may name besides the presets (the judge file's Hugging Face
 * configs), keyed by lower-case name.
 */
export function parseRun(
  rec: Readonly<Record<string, string>>,
  catalog: Catalog,
  models?: ReadonlyMap<string, ModelSpec>,
): ParsedRun {
  const runId = rec.run_id || '(no run_id)';
  const skip = (reason: string): ParsedRun => ({ ok: false, runId, reason });
  const get = (k: string) => rec[k] ?? '';
  const phaseText = get('phase').toLowerCase();
  const quality = `${get('verification')} ${get('notes')}`.toLowerCase();

  if (/low confidence|inconsistent/.test(quality))
    return skip('the source flags its own figures as low confidence');
  if (/production/.test(phaseText))
    return skip('production traffic (KV-cache hits, mixed lengths): no fixed workload');
  if (/simulated/.test(phaseText)) return skip('simulated upper bound, not a measurement');
  if (/headline/.test(phaseText)) return skip('headline restates the per-phase maxima of other rows');
  if (/request[- ]rate\s*\d/.test(phaseText)) return skip(OPEN_LOOP);
  const closedLoop = /^online serving,? fixed (?:max(?:imum)? )?concurrency\b/.test(phaseText);
  let phase: RunPhase;
  if (phaseText.startsWith('prefill')) phase = 'prefill';
  else if (phaseText.startsWith('decode')) phase = 'decode';
  else if (/end-to-end|offline/.test(phaseText)) phase = 'e2e';
  // A closed loop at a fixed concurrency (`vllm bench serve --max-concurrency C`, fixed lengths, ignore-eos): in
  // the steady state C requests are always in flight, which is the end-to-end phase at a batch of C per server.
  else if (closedLoop) phase = 'e2e';
  else return skip(`phase "${get('phase')}" is not prefill, decode or end-to-end`);

  const modelName = modelPresetName(get('model'));
  const extra = models?.get(modelName.toLowerCase());
  const model = extra ? { ok: true as const, value: extra } : resolveModel(modelName);
  if (!model.ok) return skip(`model "${get('model')}" has no preset`);
  const hardwareId = HARDWARE_RULES.find(([re]) => re.test(get('hardware')))?.[1];
  if (!hardwareId) return skip(`hardware "${get('hardware')}" has no catalog id`);
  const hw = resolveHardware(catalog, hardwareId);
  if (!hw.ok) return skip(`hardware ${hardwareId} is not in the catalog`);
  const precision = parsePrecision(get('precision'), model.value.moe !== undefined, get('model'));
  if (!precision) return skip('precision not published');

  const parallelism = get('parallelism');
  if (/flex/i.test(parallelism))
    return skip('dynamic prefill/decode re-partitioning (FlexNPU) is not modelled');
  if (/not (stated|disclosed)/i.test(parallelism)) return skip('parallel layout not published');
  const batchText = get('batch_or_concurrency');
  if (/request[- ]rate/i.test(batchText)) {
    return skip(OPEN_LOOP);
  }
  if (/burst|sharegpt/i.test(batchText))
    return skip('ShareGPT request lengths: no fixed input/output lengths');

  const specText = get('spec_decode');
  let draftTokens = 0;
  let acceptance = 0;
  if (specText && !/^none/i.test(specText)) {
    const pct = /(\d+(?:\.\d+)?)\s*%\s*acceptance/i.exec(specText);
    if (!pct?.[1]) return skip(`speculative decoding "${specText}" without a published acceptance rate`);
    draftTokens = firstNumber(/(\d+)\s*token/i.exec(specText)?.[0] ?? '') ?? 1;
    acceptance = Number(pct[1]) / 100;
  }

  const inputText = get('input_len');
  const inputTokens = firstNumber(inputText);
  // "avg 4,989", "ShareGPT, variable (<=1024)": a mean or a cap is not the fixed length the phases are costed at
  if (inputTokens === null || /avg|variable/i.test(inputText))
    return skip('input length not published as a fixed length');
  if (/variable/i.test(get('output_len'))) return skip('output length not published as a fixed length');
  const outputTokens = firstNumber(get('output_len'));
  if (phase === 'e2e' && outputTokens === null) return skip('output length not published');

  // Devices: catalog units unless the count is in dies; layouts count logical devices (dies on a 910C).
  const perDevice = logicalDevicesPerDevice(hw.value);
  const countInDies = /\bdie\b/i.test(get('count_unit'));
  const toLogical = (n: number) => (countInDies ? n : n * perDevice);
  const instance = /(?:over|instances of)\s+(\d+)\s*(?:npus?|gpus?|ranks?|cards?)/i.exec(parallelism);
  let logical = toLogical(instance?.[1] ? Number(instance[1]) : (firstNumber(get('accel_count')) ?? 1));
  const split = /(\d+)\s*P\s*\+\s*(\d+)\s*D/.exec(parallelism);
  if (split?.[1] && split[2]) logical = toLogical(Number(split[2]));
  const tpNamed = firstNumber(/\bTP\s*(\d+)/.exec(parallelism)?.[0] ?? '');
  const epNamed = firstNumber(/\bEP\s*(\d+)/.exec(parallelism)?.[0] ?? '');
  const dpAttention = /dp[\s-]*attention|attention[\s-]*dp/i.test(parallelism);
  const moe = model.value.moe !== undefined;
  const tp = dpAttention ? 1 : (tpNamed ?? 1);
  logical = Math.max(logical, epNamed ?? 1, tp);
  const ep = moe ? (epNamed ?? (tp === 1 ? logical : 1)) : 1;
  if (logical % tp !== 0 || logical % ep !== 0)
    return skip(`layout TP${tp}/EP${ep} does not divide ${logical} devices`);
  const layout: ServingLayout = { devices: logical, tp, dp: logical / tp, ep };

  let batchPerDevice: number | undefined;
  let prefillTokensPerDevice: number | undefined;
  const tokensPer = /([\d,]+)\s*tokens per (?:device|gpu|npu)/i.exec(batchText);
  const perRank = /max batch\s*(\d+)\s*per (?:rank|device|gpu|npu)/i.exec(batchText);
  // "max concurrency 64 (whole server)": requests in flight across all the run's devices
  const serverConcurrency = /max(?:imum)?[-\s]concurrency\s*([\d,]+)\s*\(whole server\)/i.exec(batchText);
  if (tokensPer?.[1]) prefillTokensPerDevice = Number(tokensPer[1].replace(/,/g, ''));
  else if (perRank?.[1]) batchPerDevice = Number(perRank[1]);
  else if (serverConcurrency?.[1]) batchPerDevice = Number(serverConcurrency[1].replace(/,/g, '')) / logical;
  else if (closedLoop) return skip('closed-loop row without "max concurrency N (whole server)"');
  else if (/^\s*[-+]?[\d.]/.test(batchText)) {
    // a number that is not a positive batch ("-8 per NPU", "0") would otherwise be predicted at the largest batch
    const batch = /^\s*-/.test(batchText) ? null : firstNumber(batchText);
    if (batch === null || !(batch > 0)) return skip(`batch "${batchText}" is not a positive number`);
    batchPerDevice = batch;
  }

  const measuredText = get('per_accel_tok_s');
  const perPackage = /\(([\d.,]+)\s*per package\)/i.exec(measuredText);
  const measured = perPackage?.[1] ? Number(perPackage[1].replace(/,/g, '')) : firstNumber(measuredText);
  if (measured === null || !(measured > 0)) return skip('no per-accelerator throughput');
  const kind = get('token_kind').toLowerCase();
  if (kind !== 'input' && kind !== 'output' && kind !== 'total') return skip(`token kind "${kind}" unknown`);

  const settings = parseEngineSettings(get('engine_settings'));
  if (settings === null) return skip(`engine_settings "${get('engine_settings')}" not understood`);
  const engine = engineFromText(get('engine'));
  const overlapText = `${get('engine')} ${parallelism}`;
  // DeepSeek's own engine splits every batch into two overlapped micro-batches in prefill and decode
  // (open-infra-index, Day 6 inference system overview: "dual-batch overlap"); other engines only
  // when the row says so.
  const microBatchOverlap =
    /two[- ]batch overlap|micro-?batch pipelin|dual[- ]batch overlap|\bTBO\b|\bDBO\b/i.test(overlapText) ||
    /deepseek in-house/i.test(get('engine'));
  const slo = get('slo');
  const decodeContextTokens = phase === 'decode' ? inputTokens + (outputTokens ?? 0) / 2 : undefined;
  const scenario: RunScenario = {
    runId,
    source: get('source_url') || get('source') || runId,
    ...(engine ? { engine } : {}),
    microBatchOverlap,
    ...(Object.keys(settings).length > 0 ? { engineSettings: settings } : {}),
    hardwareId,
    modelName,
    model: model.value,
    precision,
    phase,
    layout,
    inputTokens,
    outputTokens: outputTokens ?? 0,
    ...(decodeContextTokens !== undefined ? { decodeContextTokens } : {}),
    ...(batchPerDevice !== undefined ? { batchPerDevice } : {}),
    ...(prefillTokensPerDevice !== undefined ? { prefillTokensPerDevice } : {}),
    draftTokens,
    acceptance,
    ...(targetMs(slo, 'TPOT') !== undefined && batchPerDevice === undefined
      ? { tpotTargetMs: targetMs(slo, 'TPOT') as number }
      : {}),
    ...(targetMs(slo, 'TTFT') !== undefined ? { ttftTargetMs: targetMs(slo, 'TTFT') as number } : {}),
    ...(split?.[1] && split[2]
      ? { split: { prefillDevices: Number(split[1]), decodeDevices: Number(split[2]) } }
      : {}),
    measured,
    tokenKind: kind,
  };
  return { ok: true, scenario };
}
