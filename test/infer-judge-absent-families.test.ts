/**
 * Published serving runs on families with no serving run in ../shared/validation (Intel Gaudi 2/3, AMD MI3xx,
 * Google TPU): test/fixtures/infer-judge-absent-families.csv, sources in its .md beside it. Never fitted. Only the
 * Gaudi rows state everything the serving model needs; they are what a chip without serving runs looks like to
 * it (the global efficiencies fitted on Hopper, Blackwell and Ascend, no per-stack prior). `npx tsx
 * scripts/fit-inference.ts --check --judge test/fixtures/infer-judge-absent-families.csv` prints the same rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { median, parseRuns, predictRun } from '../src/core/infer/accuracy';
import { isCalibrated } from '../src/core/infer/calibration-lookup';

const catalog = loadBuiltinCatalog();
const text = readFileSync(new URL('./fixtures/infer-judge-absent-families.csv', import.meta.url), 'utf8');
const parsed = parseRuns(text, catalog);

describe('serving runs on families without serving calibration', () => {
  it('models the rows that state fixed lengths, a token kind and a modelled phase; says why for the rest', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.scenarios.map((s) => s.runId)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((i) => `JUDGE-GAUDI3-INF-0${i}`),
      ...[1, 2, 3, 4].map((i) => `JUDGE-GAUDI2-INF-0${i}`),
      'JUDGE-TPUV6E-INF-01',
      'JUDGE-TPUV6E-INF-02',
    ]);
    // a closed loop at a fixed concurrency is the end-to-end phase at that batch per server
    const v6e = parsed.scenarios.find((s) => s.runId === 'JUDGE-TPUV6E-INF-01');
    expect(v6e?.phase).toBe('e2e');
    expect(v6e?.batchPerDevice).toBe(64 / 8);
    // a static batch on a TP group is stated per card
    expect(parsed.scenarios.find((s) => s.runId === 'JUDGE-GAUDI2-INF-03')?.batchPerDevice).toBe(768 / 8);
    const reasons = new Map(parsed.skipped.map((s) => [s.runId, s.reason]));
    expect(reasons.get('JUDGE-MI300X-INF-01')).toBe('token kind "" unknown');
    expect(reasons.get('JUDGE-MI325X-INF-01')).toBe('input length not published as a fixed length');
    expect(reasons.get('JUDGE-TPUV5E-INF-01')).toMatch(/^phase ".*" is not prefill, decode or end-to-end$/);
    expect(parsed.skipped).toHaveLength(9);
  });

  it('predicts them through the path a family without serving runs takes', () => {
    const errorsPct = parsed.scenarios.map((s) => {
      const p = predictRun(s, catalog);
      expect(isCalibrated(p.family), s.runId).toBe(false);
      return ((p.predicted - s.measured) / s.measured) * 100;
    });
    // 2026-12-07: median |error| 33%, biased low; 14.6% once INC's FP8 KV cache, the per-card batch and Gaudi's
    // scale-up bandwidth were read right (docs/INFERENCE.md §8).
    // A regression guard, not a target.
    expect(median(errorsPct.map(Math.abs))).toBeLessThan(25);
    // the ±29% band printed for a family without serving runs holds most of them (10 of 12 on 2026-12-07)
    expect(errorsPct.filter((e) => Math.abs(e) <= 29).length).toBeGreaterThanOrEqual(7);
  });
});
