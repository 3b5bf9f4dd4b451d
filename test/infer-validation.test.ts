/**
 * The serving model against the published runs in ../shared/validation/inference_runs.csv (outside
 * the repository: the test is skipped where that folder is absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatInferenceValidation } from '../src/cli/commands/infer-format';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { INFERENCE_CALIBRATION } from '../src/core/infer/calibration';
import { runInferenceValidation } from '../src/core/infer/validate';

const CSV = new URL('../../shared/validation/inference_runs.csv', import.meta.url);
const present = existsSync(CSV);

describe.skipIf(!present)('inference validation on inference_runs.csv', () => {
  const report = present ? runInferenceValidation(readFileSync(CSV, 'utf8'), loadBuiltinCatalog()) : null;

  it('models most rows and gives a reason for every skipped one', () => {
    expect(report!.issues).toEqual([]);
    expect(report!.rows.length).toBeGreaterThanOrEqual(20);
    for (const s of report!.skipped) expect(s.reason.length).toBeGreaterThan(10);
  });

  it('median absolute error at most 15% per hardware family and overall', () => {
    for (const f of report!.families) expect(f.medianAbsErrorPct, f.family).toBeLessThanOrEqual(15);
    expect(report!.overall.medianAbsErrorPct).toBeLessThanOrEqual(15);
    const families = report!.families.map((f) => f.family);
    expect(families).toEqual(
      expect.arrayContaining(['huawei-ascend-910', 'nvidia-hopper', 'nvidia-blackwell']),
    );
  });

  it('the committed calibration matches a fit on this file (re-run scripts/fit-inference.ts if not)', () => {
    for (const f of report!.families) {
      expect(INFERENCE_CALIBRATION.families[f.family]?.rows, f.family).toBe(f.rows);
      expect(INFERENCE_CALIBRATION.families[f.family]?.medianAbsErrorPct, f.family).toBeCloseTo(
        f.medianAbsErrorPct,
        0,
      );
    }
  });

  it('formats a readable report', () => {
    const text = formatInferenceValidation(report!);
    expect(text).toMatch(/median \|err\|/);
    expect(text).toMatch(/skipped \d+ rows/);
  });
});

describe('inference validation input errors', () => {
  it('a file without the required columns is an issue, not a crash', () => {
    const r = runInferenceValidation('run_id,model\nA,llama3-8b\n', loadBuiltinCatalog());
    expect(r.issues.map((i) => i.message)).toContain('missing column "precision"');
  });
});
