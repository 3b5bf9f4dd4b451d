/**
 * Serving efficiencies per hardware family, fitted by `npx tsx scripts/fit-inference.ts` on
 * ../shared/validation/inference_runs.csv (see docs/INFERENCE.md section 7). GENERATED: edit the
 * script, not this file. Families without published serving runs use the default and a wide band.
 */
import type { ServingEfficiency } from './types';

export interface FamilyCalibration {
  readonly efficiency: ServingEfficiency;
  readonly medianAbsErrorPct: number;
  readonly maxAbsErrorPct: number;
  /** Median error when each row is predicted by parameters fitted without it. */
  readonly leaveOneOutMedianAbsErrorPct: number;
  readonly rows: number;
  readonly runIds: readonly string[];
}

export interface InferenceCalibration {
  readonly source: string;
  readonly fittedRows: number;
  readonly families: Readonly<Record<string, FamilyCalibration>>;
  /** For families with no serving runs: the median of the fitted families' parameters. */
  readonly defaultEfficiency: ServingEfficiency;
  /** Error band quoted for uncalibrated families, percent. */
  readonly defaultErrorPct: number;
}

export const INFERENCE_CALIBRATION: InferenceCalibration = {
  source: 'inference_runs.csv (23 modelled rows, 10 skipped)',
  fittedRows: 23,
  families: {
    'huawei-ascend-910': {
      efficiency: { prefillCompute: 0.4, decodeCompute: 0.325, hbm: 0.823, epOverlap: 0 },
      medianAbsErrorPct: 1.9,
      maxAbsErrorPct: 23,
      leaveOneOutMedianAbsErrorPct: 13.1,
      rows: 7,
      runIds: [
        'CM384-PREFILL-DEFAULT',
        'CM384-DECODE-4K-B24',
        'CM384-DECODE-4K-B8',
        'CM384-DECODE-1K-B128',
        'CM384-DECODE-2K-B112',
        'FLEXNPU-STATIC-1K1K',
        'FLEXNPU-STATIC-1K4K',
      ],
    },
    'nvidia-blackwell': {
      efficiency: { prefillCompute: 0.35, decodeCompute: 0.275, hbm: 0.5, epOverlap: 0 },
      medianAbsErrorPct: 3.1,
      maxAbsErrorPct: 81.1,
      leaveOneOutMedianAbsErrorPct: 44.8,
      rows: 5,
      runIds: [
        'SGL-GB200-P2-DECODE-LOWPREC',
        'SGL-GB200-P2-PREFILL-STDPREC',
        'SGL-GB200-P2-DECODE-STDPREC',
        'TRTLLM-B200-DSR1-0528-MAXTP-FP8KV',
        'TRTLLM-PERF-Qwen3-235B-A22B-B200-FP4-1000x1000',
      ],
    },
    'nvidia-hopper': {
      efficiency: { prefillCompute: 0.525, decodeCompute: 0.725, hbm: 0.528, epOverlap: 0 },
      medianAbsErrorPct: 9.3,
      maxAbsErrorPct: 18.1,
      leaveOneOutMedianAbsErrorPct: 14.8,
      rows: 11,
      runIds: [
        'DS-PROFILE-PREFILL',
        'SGL-H100-PREFILL-2K',
        'SGL-H100-PREFILL-4K',
        'SGL-H100-DECODE-2K',
        'SGL-H100-DECODE-4K-SIMMTP',
        'TRTLLM-PERF-Llama3370B-H200-FP8-1000x1000',
        'TRTLLM-PERF-Llama318B-H200-FP8-1000x1000',
        'TRTLLM-PERF-Qwen3-235B-A22B-H100-FP8-1000x1000',
        'TRTLLM-PERF-Qwen3-235B-A22B-H200-FP8-1000x1000',
        'TRTLLM-PERF-Qwen3-235B-A22B-H100-FP8-2048x2048',
        'TRTLLM-PERF-Qwen3-235B-A22B-H200-FP8-2048x2048',
      ],
    },
  },
  defaultEfficiency: { prefillCompute: 0.4, decodeCompute: 0.325, hbm: 0.528, epOverlap: 0 },
  defaultErrorPct: 50,
};
