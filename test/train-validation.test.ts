/**
 * The training engine against published runs (../shared/validation): the issue's bounds on the whole file
 * (median <= 10%, p90 <= 25%; vTrain median <= 10%), and per-family regression guards. Cross-validated figures
 * are in docs/ENGINE.md §7.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { validateRuns } from '../src/core/train/validate';
import { readTrainingRunsCsv } from '../src/core/validation/read-runs';
import { VALIDATION_DIR } from './support/shared-dir';

const catalog = loadBuiltinCatalog();

function report(file: string, name: string) {
  const runs = readTrainingRunsCsv(readFileSync(`${VALIDATION_DIR}/${file}`, 'utf8'), name);
  if (!runs.ok) throw new Error(runs.issues[0]!.message);
  return validateRuns(catalog, runs.value);
}

describe.skipIf(VALIDATION_DIR === '')('training engine accuracy on published runs', () => {
  it('training_runs.csv: median |error| <= 10%, p90 <= 25%; every row is predicted or skipped with a reason', () => {
    const r = report('training_runs.csv', 'runs');
    expect(r.rows).toHaveLength(138);
    for (const row of r.rows) if (row.status === 'skipped') expect(row.reason).toBeTruthy();
    expect(r.overall.rows).toBeGreaterThanOrEqual(110);
    expect(r.overall.medianAbsError).toBeLessThanOrEqual(0.1);
    expect(r.overall.p90AbsError).toBeLessThanOrEqual(0.25);
    // per family: regression guards (the issue's bound is on the whole file)
    for (const family of ['nvidia-ampere', 'nvidia-hopper', 'nvidia-blackwell', 'huawei-ascend-910']) {
      expect(r.byFamily[family]!.medianAbsError).toBeLessThanOrEqual(0.13);
    }
  });
  it('vTrain A100 (Megatron-DeepSpeed iteration times): median |error| <= 10%', () => {
    const single = report('vtrain/ground_truth_single.csv', 'single');
    const multi = report('vtrain/ground_truth_multi.csv', 'multi');
    expect(single.overall.rows).toBe(1440);
    expect(multi.overall.rows).toBe(109);
    expect(single.overall.medianAbsError).toBeLessThanOrEqual(0.1);
    expect(multi.overall.medianAbsError).toBeLessThanOrEqual(0.1);
  });
});
