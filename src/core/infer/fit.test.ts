/**
 * The fit on synthetic runs whose "measurements" are the model's own predictions at known scales: it
 * must find them again, and leave-one-source-out must predict each source from the others alone.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../catalog/load';
import { predictRun } from './accuracy';
import { crossValidate, efficiencyOf, fitServing, percentile, poolingWeight } from './fit';
import { parseRun, type RunScenario } from './runs';

const catalog = loadBuiltinCatalog();

const base = {
  model: 'Llama 3.1 8B',
  precision: 'FP8',
  hardware: 'NVIDIA H100',
  accel_count: '1',
  count_unit: 'GPU',
  parallelism: 'TP1',
  phase: 'decode (isolated)',
  input_len: '1000',
  output_len: '1000',
  per_accel_tok_s: '1',
  token_kind: 'output',
  engine: 'SGLang',
};

function scenario(id: string, source: string, fields: Record<string, string>): RunScenario {
  const r = parseRun({ run_id: id, source_url: source, ...base, ...fields }, catalog);
  if (!r.ok) throw new Error(r.reason);
  return r.scenario;
}

const truth = { computeScale: 0.7, bandwidthScale: 0.8, families: {} };
const shapes: [string, string, Record<string, string>][] = [
  ['A1', 'https://a', { batch_or_concurrency: '8' }],
  ['A2', 'https://a', { batch_or_concurrency: '256' }],
  ['A3', 'https://a', { phase: 'prefill', batch_or_concurrency: '16384 tokens per device' }],
  ['B1', 'https://b', { batch_or_concurrency: '64', hardware: 'NVIDIA H200' }],
  ['B2', 'https://b', { batch_or_concurrency: '512', hardware: 'NVIDIA H200' }],
  [
    'B3',
    'https://b',
    { phase: 'prefill', batch_or_concurrency: '8192 tokens per device', hardware: 'NVIDIA H200' },
  ],
];
const rows = shapes.map(([id, source, f]) => {
  const s = scenario(id, source, f);
  const measured = predictRun(s, catalog, efficiencyOf(truth, 'nvidia-hopper')).predicted;
  return { ...s, measured };
});

describe('serving fit', () => {
  it('recovers the scales that generated the runs', () => {
    const p = fitServing(catalog, rows);
    const eff = efficiencyOf(p, 'nvidia-hopper');
    expect(eff.computeScale).toBeGreaterThan(0.6);
    expect(eff.computeScale).toBeLessThan(0.8);
    expect(eff.bandwidthScale).toBeGreaterThan(0.74);
    expect(eff.bandwidthScale).toBeLessThan(0.86);
    for (const s of rows) {
      const pred = predictRun(s, catalog, eff).predicted;
      expect(Math.abs(pred / s.measured - 1), s.runId).toBeLessThan(0.03);
    }
  });

  it('leave-one-source-out predicts each source with a fit that never saw it', () => {
    const cv = crossValidate(catalog, rows);
    expect(cv.folds.map((f) => f.source)).toEqual(['https://a', 'https://b']);
    expect(cv.overall.sources).toBe(2);
    for (const r of cv.rows) expect(Math.abs(r.crossValidatedErrorPct), r.runId).toBeLessThan(5);
    const family = cv.families.find((f) => f.family === 'nvidia-hopper')!;
    expect(family.rows).toBe(6);
    expect(family.sources).toBe(2);
  });

  it('a family multiplier keeps n / (n + 1) of its log from n sources', () => {
    expect(poolingWeight(1)).toBe(0.5);
    expect(poolingWeight(2)).toBeCloseTo(2 / 3, 12);
  });

  it('percentiles interpolate', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([0, 10], 0.9)).toBeCloseTo(9, 12);
  });
});
