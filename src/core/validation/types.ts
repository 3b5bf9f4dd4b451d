/**
 * One published training measurement, normalised for the engine: what ran (model, setup, the parts of
 * the layout the source states) and what was measured. Unknown layout fields stay undefined so the
 * engine searches them.
 */
import type { ModelSpec } from '../model/schema';
import type { PartialLayout, TrainSetup } from '../train/types';

export interface MeasuredTraining {
  tokensPerSecondPerDevice?: number;
  /** Model TFLOP/s per device as the source counted it (see TrainingRunCase.flopsConvention). */
  modelTflopsPerDevice?: number;
  /** Model FLOPs utilisation as a fraction (0.43 = 43 %), against the source's peak (mfuPeakTflops). */
  mfu?: number;
  /** Hardware FLOPs utilisation (recompute FLOPs included) as a fraction. */
  hfu?: number;
  /** Seconds per optimizer step (one global batch). */
  stepSeconds?: number;
}

export interface TrainingRunCase {
  id: string;
  /** Catalog id of the accelerator. */
  chipId: string;
  /** Devices sharing one scale-up fabric (NVLink domain, HCCS, NVL72, CloudMatrix). */
  scaleUpDomain: number;
  /**
   * Scale-out bandwidth per device, one direction, GB/s, when the source states its cluster's network (vTrain's
   * configs: 800 Gb/s per 8-GPU node); otherwise the catalog system's applies.
   */
  scaleOutBandwidthGBps?: number;
  devices: number;
  /** The training framework as the source names it (Megatron-LM, NeMo, MindSpeed, DeepSpeed...). */
  framework?: string;
  /** The source row's own notes (settings such as --use-mc2 are stated there). */
  sourceNotes?: string;
  /** Lower-case model family (llama, qwen3, deepseek, gpt, ...) when recognised. */
  family?: string;
  model: ModelSpec;
  setup: TrainSetup;
  layout: PartialLayout;
  measured: MeasuredTraining;
  /**
   * How the source counted FLOPs: 'causal-attention' (Megatron-Bridge), 'full-attention' (NeMo 24.07),
   * 'includes-recompute' (Megatron-LM 2021, BLOOM, MT-NLG: HFU-like), 'palm' (6N + attention, FlagPerf).
   */
  flopsConvention?: string;
  /** The peak TFLOP/s the source divided by for its MFU, when stated. */
  mfuPeakTflops?: number;
  /** Assumptions and inferences made while reading the row, one line each. */
  notes: string[];
}

export type TrainingRowResult =
  | { status: 'ok'; run: TrainingRunCase }
  | { status: 'skipped'; id: string; reason: string };
