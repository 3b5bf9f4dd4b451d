/**
 * `chipmix validate` text: the summary says how many runs that ran are predicted not to fit, and how many of
 * those took a memory setting (recompute, ZeRO) from their framework's default.
 */
import { describe, expect, it } from 'vitest';
import { renderValidation } from '../src/cli/commands/train-format';
import type { ValidationReport } from '../src/core/train/accuracy';

const summary = { rows: 2, medianAbsError: 0.05, p90AbsError: 0.1, meanSignedError: 0 };
const report = (predictedNotToFit: number, withMemorySettingAssumed: number): ValidationReport => ({
  rows: [],
  overall: summary,
  byFamily: {},
  stated: { overall: { ...summary, rows: 0 }, byFamily: {} },
  memory: { rows: 2, predictedNotToFit, withMemorySettingAssumed },
});

describe('validate summary: memory', () => {
  it('counts the runs predicted not to fit and those whose memory setting was assumed', () => {
    expect(renderValidation(report(1, 1))).toContain(
      "memory: 1 of the 2 runs (which ran) are predicted not to fit; 1 of them take recompute or the ZeRO stage from their framework's default",
    );
  });
  it('says so when every run fits', () => {
    expect(renderValidation(report(0, 0))).toContain('memory: every one of the 2 runs is predicted to fit');
  });
});
