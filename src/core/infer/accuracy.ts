/**
 * Validation of the serving model against published runs: rows in, per-row predictions and errors
 * out, skipped rows with their reasons, and error statistics per hardware family. Pure: the caller
 * reads the CSV file and loads the catalog.
 */
import type { Catalog } from '../catalog/catalog';
import { resolveHardware } from '../hardware/profile';
import type { ModelSpec } from '../model/schema';
import type { Issue } from '../result';
import { parseCsvRecords } from '../validation/csv';
import type { EngineId } from './engines';
import { estimateServing } from './estimate';
import { parseRun, type RunPhase, type RunScenario, type TokenKind } from './runs';
import type { ServingEfficiency } from './types';

export interface InferenceRowResult {
  readonly runId: string;
  readonly family: string;
  readonly hardwareId: string;
  readonly model: string;
  readonly phase: RunPhase;
  readonly tokenKind: TokenKind;
  /** Tokens/s per catalog device (a 910C package, a GPU). */
  readonly measured: number;
  readonly predicted: number;
  /** (predicted - measured) / measured, percent. */
  readonly errorPct: number;
  readonly batchPerDevice: number;
  /** The engine profile the prediction used. */
  readonly engine: EngineId;
  readonly warnings: readonly string[];
}

export interface InferenceSkippedRow {
  readonly runId: string;
  readonly reason: string;
}

export interface FamilyErrorStats {
  readonly family: string;
  readonly rows: number;
  readonly medianAbsErrorPct: number;
  readonly meanAbsErrorPct: number;
  readonly maxAbsErrorPct: number;
}

export interface InferenceValidationReport {
  /** File-level problems (missing columns); rows are not read when present. */
  readonly issues: Issue[];
  readonly rows: InferenceRowResult[];
  readonly skipped: InferenceSkippedRow[];
  readonly families: FamilyErrorStats[];
  readonly overall: FamilyErrorStats;
}

export interface InferenceValidationOptions {
  /** Efficiencies to use instead of the fitted ones (the fit script passes candidates). */
  readonly efficiencyFor?: (family: string) => ServingEfficiency;
  /** Architectures the file names besides the presets (keyed by lower-case name). */
  readonly models?: ReadonlyMap<string, ModelSpec> | undefined;
}

export const REQUIRED_COLUMNS = [
  'run_id',
  'model',
  'precision',
  'hardware',
  'accel_count',
  'count_unit',
  'parallelism',
  'phase',
  'input_len',
  'output_len',
  'batch_or_concurrency',
  'per_accel_tok_s',
  'token_kind',
] as const;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function errorStats(family: string, errorsPct: readonly number[]): FamilyErrorStats {
  const abs = errorsPct.map(Math.abs);
  return {
    family,
    rows: abs.length,
    medianAbsErrorPct: median(abs),
    meanAbsErrorPct: abs.length ? abs.reduce((a, b) => a + b, 0) / abs.length : Number.NaN,
    maxAbsErrorPct: abs.length ? Math.max(...abs) : Number.NaN,
  };
}

/** Predicts one scenario: the figure of the same kind as the measurement, per catalog device. */
export function predictRun(
  scenario: RunScenario,
  catalog: Catalog,
  efficiency?: ServingEfficiency,
): { predicted: number; batchPerDevice: number; warnings: string[]; family: string; engine: EngineId } {
  const hw = resolveHardware(catalog, scenario.hardwareId);
  if (!hw.ok) throw new Error(`hardware ${scenario.hardwareId} vanished from the catalog`);
  const est = estimateServing({
    model: scenario.model,
    hw: hw.value,
    layout: scenario.layout,
    workload: {
      inputTokens: scenario.inputTokens,
      outputTokens: scenario.outputTokens,
      draftTokens: scenario.draftTokens,
      acceptance: scenario.acceptance,
    },
    precision: scenario.precision,
    engine: scenario.engine,
    engineSettings: scenario.engineSettings,
    microBatchOverlap: scenario.microBatchOverlap,
    batchPerDevice: scenario.batchPerDevice,
    tpotTargetMs: scenario.tpotTargetMs,
    ttftTargetMs: scenario.ttftTargetMs,
    prefillTokensPerDevice: scenario.prefillTokensPerDevice,
    decodeContextTokens: scenario.decodeContextTokens,
    split: scenario.split,
    efficiency: efficiency ?? undefined,
  });
  let predicted: number;
  if (scenario.phase === 'prefill') predicted = est.prefillTokensPerSecondPerDevice;
  else if (scenario.phase === 'decode') predicted = est.decodeTokensPerSecondPerDevice;
  else predicted = est.outputTokensPerSecondPerDevice;
  if (scenario.tokenKind === 'total' && scenario.outputTokens > 0) {
    predicted *= (scenario.inputTokens + scenario.outputTokens) / scenario.outputTokens;
  }
  return {
    predicted,
    batchPerDevice: est.batchPerDevice,
    warnings: est.warnings,
    family: est.family,
    engine: est.engine,
  };
}

/** Parses every row: scenarios to predict and skipped rows with reasons (null when columns are missing). */
export function parseRuns(
  csvText: string,
  catalog: Catalog,
  models?: ReadonlyMap<string, ModelSpec>,
): { issues: Issue[]; scenarios: RunScenario[]; skipped: InferenceSkippedRow[] } {
  const parsed = parseCsvRecords(csvText);
  if (!parsed.ok) return { issues: parsed.issues, scenarios: [], skipped: [] };
  const [head, ...body] = parsed.value;
  const header = (head?.fields ?? []).map((c) => c.trim());
  const records = body.map((r) => Object.fromEntries(header.map((c, i) => [c, r.fields[i] ?? ''])));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const issues = missing.map(
      (c): Issue => ({ code: 'infer.csv-column', path: 'header', message: `missing column "${c}"` }),
    );
    return { issues, scenarios: [], skipped: [] };
  }
  const scenarios: RunScenario[] = [];
  const skipped: InferenceSkippedRow[] = [];
  for (const rec of records) {
    const parsed = parseRun(rec, catalog, models);
    if (parsed.ok) scenarios.push(parsed.scenario);
    else skipped.push({ runId: parsed.runId, reason: parsed.reason });
  }
  return { issues: [], scenarios, skipped };
}

export function runInferenceValidation(
  csvText: string,
  catalog: Catalog,
  options: InferenceValidationOptions = {},
): InferenceValidationReport {
  const { issues, scenarios, skipped } = parseRuns(csvText, catalog, options.models);
  if (issues.length > 0)
    return { issues, rows: [], skipped: [], families: [], overall: errorStats('all', []) };
  const rows: InferenceRowResult[] = [];
  for (const s of scenarios) {
    const hw = resolveHardware(catalog, s.hardwareId);
    const family = hw.ok ? hw.value.family : 'unknown';
    const p = predictRun(s, catalog, options.efficiencyFor?.(family));
    rows.push({
      runId: s.runId,
      family: p.family,
      hardwareId: s.hardwareId,
      model: s.modelName,
      phase: s.phase,
      tokenKind: s.tokenKind,
      measured: s.measured,
      predicted: p.predicted,
      errorPct: ((p.predicted - s.measured) / s.measured) * 100,
      batchPerDevice: p.batchPerDevice,
      engine: p.engine,
      warnings: p.warnings,
    });
  }
  const familyNames = [...new Set(rows.map((r) => r.family))].sort();
  const families = familyNames.map((f) =>
    errorStats(
      f,
      rows.filter((r) => r.family === f).map((r) => r.errorPct),
    ),
  );
  return {
    issues: [],
    rows,
    skipped,
    families,
    overall: errorStats(
      'all',
      rows.map((r) => r.errorPct),
    ),
  };
}
