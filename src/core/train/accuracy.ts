/**
 * Validation: predict published runs with their own layouts and compare. Every measured figure is
 * turned into tokens/s per device with the FLOP convention of its source, so that one unit is compared
 * (validation/README.md: "prefer tokens/s, or re-derive TFLOP/s from tokens/s with one formula").
 */
import type { Catalog } from '../catalog/catalog';
import { type HardwareProfile, resolveHardware } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import { formatIssue } from '../result';
import { frameworkOfRun } from '../validation/frameworks';
import type { TrainingRunCase } from '../validation/types';
import { estimateTraining, type TrainEstimate } from './estimate';
import { forwardFlopsPerToken, trainingFlopsPerToken } from './flops';
import {
  defaultFrameworkFor,
  FRAMEWORK_PROFILES,
  type FrameworkId,
  fillFromFramework,
  type LayoutField,
} from './framework';
import type { TrainLayout } from './types';

export type MeasuredBasis = 'tokensPerSecond' | 'tflops' | 'mfu' | 'stepSeconds';

export interface ValidationRow {
  readonly id: string;
  readonly status: 'ok' | 'skipped';
  readonly reason?: string;
  readonly family?: string;
  readonly chipId?: string;
  readonly predicted?: {
    tokensPerSecondPerDevice: number;
    modelTflopsPerDevice: number;
    stepSeconds: number;
    mfu: number;
  };
  readonly measured?: TrainingRunCase['measured'];
  /** Measured tokens/s per device, derived from `basis` when not published directly. */
  readonly measuredTokensPerSecondPerDevice?: number;
  readonly basis?: MeasuredBasis;
  /** predicted / measured - 1 on tokens/s per device. */
  readonly relativeError?: number;
  readonly layout?: TrainEstimate['layout'];
  readonly fits?: boolean;
  /** The framework whose defaults completed the row. */
  readonly framework?: FrameworkId;
  /** Layout fields the source does not state, with the framework default used for each. */
  readonly assumed?: Partial<Record<LayoutField, number | string | boolean>>;
  /** What reading the row inferred or chose (a derived batch, an assumed vocabulary), one line each. */
  readonly notes?: readonly string[];
}

export interface ErrorSummary {
  readonly rows: number;
  readonly medianAbsError: number;
  readonly p90AbsError: number;
  readonly meanSignedError: number;
}

export interface ValidationReport {
  readonly rows: ValidationRow[];
  readonly overall: ErrorSummary;
  readonly byFamily: Record<string, ErrorSummary>;
  /** The same on the rows whose source states every layout field (nothing assumed). */
  readonly stated: { readonly overall: ErrorSummary; readonly byFamily: Record<string, ErrorSummary> };
  /**
   * Runs that ran but that the engine predicts do not fit in memory, and how many of those took recompute or the
   * ZeRO stage from their framework's default because the source does not state it (the run then must have used
   * a setting the source leaves out; the rest point at the memory model).
   */
  readonly memory: {
    readonly rows: number;
    readonly predictedNotToFit: number;
    readonly withMemorySettingAssumed: number;
  };
}

/** Per-token training FLOPs under a source's counting convention. */
export function conventionFlopsPerToken(
  model: ModelSpec,
  seqLen: number,
  convention: string | undefined,
): number {
  switch (convention) {
    case 'full-attention':
    case 'palm':
      return trainingFlopsPerToken(model, seqLen, false);
    case 'includes-recompute': {
      // Narayanan et al. 2021: 96 B s l h^2 (1 + s/6h + V/16lh): 4 forward passes of the layers
      // (full, non-causal attention) and 3 of the logits.
      const logits = 2 * model.hidden * model.vocab;
      return 4 * (forwardFlopsPerToken(model, seqLen, false) - logits) + 3 * logits;
    }
    default:
      return trainingFlopsPerToken(model, seqLen, true);
  }
}

/** The measured throughput as tokens/s per device, and which published figure it came from. */
export function measuredTokensPerSecond(
  run: TrainingRunCase,
): { value: number; basis: MeasuredBasis } | null {
  const m = run.measured;
  if (m.tokensPerSecondPerDevice) return { value: m.tokensPerSecondPerDevice, basis: 'tokensPerSecond' };
  const flopsPerToken = conventionFlopsPerToken(run.model, run.setup.seqLen, run.flopsConvention);
  if (m.modelTflopsPerDevice)
    return { value: (m.modelTflopsPerDevice * 1e12) / flopsPerToken, basis: 'tflops' };
  if (m.mfu && run.mfuPeakTflops)
    return { value: (m.mfu * run.mfuPeakTflops * 1e12) / flopsPerToken, basis: 'mfu' };
  if (m.stepSeconds) {
    return {
      value: (run.setup.globalBatchSeqs * run.setup.seqLen) / m.stepSeconds / run.devices,
      basis: 'stepSeconds',
    };
  }
  return null;
}

/**
 * The row's complete layout: what its source states, then its framework's documented defaults for the rest (never
 * the search's best), with the defaulted fields listed.
 */
export function runLayout(
  run: TrainingRunCase,
  vendor: string,
): { framework: FrameworkId; layout: TrainLayout; assumed: ValidationRow['assumed'] & object } {
  const read = frameworkOfRun(run.framework, run.sourceNotes, run.model.moe !== undefined);
  const framework = read.framework ?? defaultFrameworkFor(vendor);
  const given = { ...read.stated, ...run.layout };
  // Sources that count the recompute pass in their FLOPs (Megatron-LM 2021, BLOOM, MT-NLG) recomputed every layer.
  if (given.recompute === undefined && run.flopsConvention === 'includes-recompute') given.recompute = 'full';
  const { layout, assumed } = fillFromFramework(
    given,
    FRAMEWORK_PROFILES[framework],
    run.devices,
    run.model.moe !== undefined,
  );
  const stagesPerRank = FRAMEWORK_PROFILES[framework].interleavedStagesPerRank;
  if (read.interleaved && run.layout.vp === undefined && stagesPerRank && layout.pp > 1) {
    layout.vp = stagesPerRank;
    assumed.vp = stagesPerRank;
  }
  return { framework, layout, assumed };
}

/**
 * The hardware a run ran on: the catalog system, with what the source states about its own cluster in place of the
 * catalog's (the scale-up domain: an 8-GPU HGX vs a 72-GPU NVL72; the scale-out network when stated).
 */
export function runHardware(hardware: HardwareProfile, run: TrainingRunCase): HardwareProfile {
  return {
    ...hardware,
    scaleUpDomainSize: run.scaleUpDomain || hardware.scaleUpDomainSize,
    scaleOutBandwidthGBps: run.scaleOutBandwidthGBps ?? hardware.scaleOutBandwidthGBps,
  };
}

/**
 * A published run's estimate on its own hardware, with its stated layout completed by its framework's defaults
 * (`runLayout`); a reason when the run cannot be estimated.
 */
export function estimateRun(
  catalog: Catalog,
  run: TrainingRunCase,
):
  | {
      readonly ok: true;
      readonly estimate: TrainEstimate;
      readonly profile: HardwareProfile;
      readonly framework: FrameworkId;
      readonly assumed: ValidationRow['assumed'] & object;
    }
  | { readonly ok: false; readonly reason: string } {
  const hardware = resolveHardware(catalog, run.chipId);
  if (!hardware.ok) return { ok: false, reason: hardware.issues.map(formatIssue).join('; ') };
  const profile = runHardware(hardware.value, run);
  const { framework, layout, assumed } = runLayout(run, profile.vendor);
  const estimate = estimateTraining({
    model: run.model,
    hardware: profile,
    devices: run.devices,
    setup: { ...run.setup, framework },
    layout,
  });
  if (!estimate.ok) return { ok: false, reason: estimate.issues.map(formatIssue).join('; ') };
  return { ok: true, estimate: estimate.value, profile, framework, assumed };
}

export function validateRun(catalog: Catalog, run: TrainingRunCase): ValidationRow {
  const hardware = resolveHardware(catalog, run.chipId);
  if (!hardware.ok)
    return { id: run.id, status: 'skipped', reason: hardware.issues.map(formatIssue).join('; ') };
  const measured = measuredTokensPerSecond(run);
  if (!measured)
    return {
      id: run.id,
      status: 'skipped',
      reason: 'no measured throughput, TFLOP/s, MFU with its peak, or step time',
    };
  const estimated = estimateRun(catalog, run);
  if (!estimated.ok) return { id: run.id, status: 'skipped', reason: estimated.reason };
  const { estimate: e, profile, framework, assumed } = estimated;
  return {
    id: run.id,
    status: 'ok',
    family: profile.family,
    chipId: run.chipId,
    predicted: {
      tokensPerSecondPerDevice: e.tokensPerSecondPerDevice,
      modelTflopsPerDevice: e.modelTflopsPerDevice,
      stepSeconds: e.stepSeconds,
      mfu: e.mfu,
    },
    measured: run.measured,
    measuredTokensPerSecondPerDevice: measured.value,
    basis: measured.basis,
    relativeError: e.tokensPerSecondPerDevice / measured.value - 1,
    layout: e.layout,
    fits: e.fits,
    framework,
    assumed,
    ...(run.notes.length ? { notes: run.notes } : {}),
  };
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarise(errors: readonly number[]): ErrorSummary {
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  return {
    rows: errors.length,
    medianAbsError: quantile(abs, 0.5),
    p90AbsError: quantile(abs, 0.9),
    meanSignedError: errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length),
  };
}

export function validateRuns(
  catalog: Catalog,
  runs: ReadonlyArray<TrainingRunCase | { id: string; reason: string }>,
): ValidationReport {
  const rows: ValidationRow[] = runs.map((run) =>
    'model' in run ? validateRun(catalog, run) : { id: run.id, status: 'skipped', reason: run.reason },
  );
  const ok = rows.filter((r) => r.status === 'ok');
  const stated = ok.filter((r) => Object.keys(r.assumed ?? {}).length === 0);
  const notFitting = ok.filter((r) => r.fits === false);
  return {
    rows,
    overall: summarise(ok.map((r) => r.relativeError!)),
    byFamily: summariseByFamily(ok),
    stated: { overall: summarise(stated.map((r) => r.relativeError!)), byFamily: summariseByFamily(stated) },
    memory: {
      rows: ok.length,
      predictedNotToFit: notFitting.length,
      withMemorySettingAssumed: notFitting.filter(
        (r) => r.assumed?.recompute !== undefined || r.assumed?.zero !== undefined,
      ).length,
    },
  };
}

function summariseByFamily(rows: readonly ValidationRow[]): Record<string, ErrorSummary> {
  const byFamilyErrors = new Map<string, number[]>();
  for (const row of rows) {
    const list = byFamilyErrors.get(row.family!) ?? [];
    list.push(row.relativeError!);
    byFamilyErrors.set(row.family!, list);
  }
  const byFamily: Record<string, ErrorSummary> = {};
  for (const [family, errors] of [...byFamilyErrors].sort(([a], [b]) => a.localeCompare(b)))
    byFamily[family] = summarise(errors);
  return byFamily;
}
