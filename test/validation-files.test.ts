/** Reads the real shared validation files through the core readers and pins how many rows are usable. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../src/core/validation/csv';
import { trainingRunFromRow } from '../src/core/validation/training-runs';
import type { TrainingRowResult } from '../src/core/validation/types';
import { vtrainRunFromRow } from '../src/core/validation/vtrain';
import { VALIDATION_DIR } from './support/shared-dir';

const DIR = VALIDATION_DIR;
const present = DIR !== '';

function readRows(file: string) {
  const parsed = readCsvTable(readFileSync(`${DIR}/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issues[0]?.path}: ${parsed.issues[0]?.message}`);
  return parsed.value;
}

const tally = (results: TrainingRowResult[]) => {
  const skipped = results.filter((r) => r.status === 'skipped');
  return { ok: results.length - skipped.length, skipped: skipped.map((r) => `${r.id}: ${r.reason}`) };
};

const FILES = 'shared validation files (skipped when ../shared/validation is absent)';
describe.skipIf(!present)(FILES, () => {
  it('training_runs.csv: 121 of 138 rows are modelled; the skips are the rows that cannot be', () => {
    const rows = readRows('training_runs.csv');
    expect(rows).toHaveLength(138);
    const { ok, skipped } = tally(rows.map((r) => trainingRunFromRow(r.values, r.line)));
    expect(skipped).toEqual([
      'NV-MBRIDGE-007: precision "NVFP4" (4-bit) is not modelled (bf16/fp8 only)',
      'NV-MBRIDGE-012: precision "NVFP4" (4-bit) is not modelled (bf16/fp8 only)',
      'NV-MBRIDGE-030: precision "NVFP4" (4-bit) is not modelled (bf16/fp8 only)',
      'NV-MEGASCALE-01: architecture: layers is missing',
      'NV-OPT-01: no global batch (gbs_seqs, gbs_tokens or mbs x dp x grad_accum)',
      'NV-KORTH-01: no global batch (gbs_seqs, gbs_tokens or mbs x dp x grad_accum)',
      'NV-KORTH-02: no global batch (gbs_seqs, gbs_tokens or mbs x dp x grad_accum)',
      'NV-FLAGPERF-13: precision "fp32" (32-bit) is not modelled (bf16/fp8 only)',
      'HW-MSLLM-GPT3-02: no global batch (gbs_seqs, gbs_tokens or mbs x dp x grad_accum)',
      'HW-PANGU-ULTRA-MOE-01: architecture: MLA ranks not given in attention_type "MLA (per openPangu model card)"',
      'HW-PANGU-ULTRA-MOE-02: architecture: heads is missing',
      'HW-CM384-RL-01: no measured throughput (tokens/s, TFLOP/s, MFU, HFU or step time)',
      'AMD-PRIMUS-PP-01: seq_len is missing',
      'AMD-PRIMUS-PP-02: seq_len is missing',
      'AMD-FRONTIER-01: architecture: layers is missing',
      'AMD-FRONTIER-02: architecture: layers is missing',
      'AMD-FRONTIER-03: architecture: layers is missing',
    ]);
    expect(ok).toBe(121);
  });

  it('every modelled training row has a device count that matches its stated layout', () => {
    for (const r of readRows('training_runs.csv').map((row) => trainingRunFromRow(row.values, row.line))) {
      if (r.status !== 'ok') continue;
      const { tp, pp, dp, cp } = r.run.layout;
      if (tp && pp && dp) expect(tp * pp * dp * (cp ?? 1), r.run.id).toBe(r.run.devices);
      expect(r.run.setup.globalBatchSeqs, r.run.id).toBeGreaterThan(0);
    }
  });

  it('vTrain ground truth: every row is modelled (1,440 single-node, 109 multi-node)', () => {
    for (const [file, source, count] of [
      ['vtrain/ground_truth_single.csv', 'single', 1440],
      ['vtrain/ground_truth_multi.csv', 'multi', 109],
    ] as const) {
      const results = readRows(file).map((r) => vtrainRunFromRow(r.values, r.line, source));
      expect(tally(results)).toEqual({ ok: count, skipped: [] });
    }
  });
});
