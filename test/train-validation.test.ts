/**
 * The training engine against published runs (../shared/validation), each row completed with its framework's
 * defaults (never the search's best). Issue 11's bounds (median <= 8%, p90 <= 20%) hold on the dense rows; MoE rows
 * are guarded at their measured level (docs/ENGINE.md §7 says why they miss). Cross-validated and
 * leave-one-family-out figures are in docs/ENGINE.md §7.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { summarise, validateRuns } from '../src/core/train/accuracy';
import { readTrainingRunsCsv } from '../src/core/validation/read-runs';
import { VALIDATION_DIR } from './support/shared-dir';

const catalog = loadBuiltinCatalog();

function runs(file: string, name: string) {
  const result = readTrainingRunsCsv(readFileSync(`${VALIDATION_DIR}/${file}`, 'utf8'), name);
  if (!result.ok) throw new Error(result.issues[0]!.message);
  return result.value;
}
function report(file: string, name: string) {
  return validateRuns(catalog, runs(file, name));
}
let moeCache: Set<string> | undefined;
function isMoe(id: string): boolean {
  if (!moeCache) {
    moeCache = new Set(
      runs('training_runs.csv', 'runs')
        .filter((run) => 'model' in run && run.model.moe)
        .map((run) => run.id),
    );
  }
  return moeCache.has(id);
}

const ACCURACY = 'training engine accuracy on published runs (skipped when ../shared/validation is absent)';
describe.skipIf(VALIDATION_DIR === '')(ACCURACY, () => {
  it('training_runs.csv: dense rows median <= 8%, p90 <= 20%; all rows median <= 8%; every row predicted or skipped with a reason', () => {
    const r = report('training_runs.csv', 'runs');
    expect(r.rows).toHaveLength(138);
    for (const row of r.rows) if (row.status === 'skipped') expect(row.reason).toBeTruthy();
    expect(r.overall.rows).toBeGreaterThanOrEqual(110);
    expect(r.overall.medianAbsError).toBeLessThanOrEqual(0.08);
    const ok = r.rows.filter((row) => row.status === 'ok');
    const dense = summarise(ok.filter((row) => !isMoe(row.id)).map((row) => row.relativeError!));
    const moe = summarise(ok.filter((row) => isMoe(row.id)).map((row) => row.relativeError!));
    expect(dense.rows).toBeGreaterThanOrEqual(85);
    expect(dense.medianAbsError).toBeLessThanOrEqual(0.08);
    expect(dense.p90AbsError).toBeLessThanOrEqual(0.2);
    // issue 11's bound on all rows (19.7% since the tenth fit of 2026-12-07); MoE guarded at its measured level
    expect(r.overall.p90AbsError).toBeLessThanOrEqual(0.2);
    expect(moe.medianAbsError).toBeLessThanOrEqual(0.1);
    // every row says which framework completed it and what it assumed
    for (const row of ok) expect(row.framework).toBeTruthy();
    // per family: regression guards (the issue's bound is on the whole file)
    for (const family of ['nvidia-ampere', 'nvidia-hopper', 'nvidia-blackwell', 'huawei-ascend-910']) {
      expect(r.byFamily[family]!.medianAbsError).toBeLessThanOrEqual(0.13);
    }
  });
  it('runs that ran mostly fit: the misfits take a memory setting their source does not state', () => {
    // 30 of 114 since memory is counted in binary gigabytes like the capacities (39 before); 25 of them take
    // recompute or the ZeRO stage from their framework's default (docs/ENGINE.md §3)
    const m = report('training_runs.csv', 'runs').memory;
    expect(m.rows).toBe(114);
    expect(m.predictedNotToFit).toBeLessThanOrEqual(30);
    expect(m.predictedNotToFit - m.withMemorySettingAssumed).toBeLessThanOrEqual(5);
  });
  it('the committed calibration is what the documented fit gives on this data (scripts/fit-training.ts --check)', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/fit-training.ts', '--check', '--validation-dir', VALIDATION_DIR],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toContain("calibration-fitted.ts holds this fit's parameters");
  }, 300_000);
  it('vTrain A100 (Megatron-DeepSpeed iteration times): median |error| <= 10%', () => {
    const single = report('vtrain/ground_truth_single.csv', 'single');
    const multi = report('vtrain/ground_truth_multi.csv', 'multi');
    expect(single.overall.rows).toBe(1440);
    expect(multi.overall.rows).toBe(109);
    expect(single.overall.medianAbsError).toBeLessThanOrEqual(0.1);
    expect(multi.overall.medianAbsError).toBeLessThanOrEqual(0.1);
  });
});
