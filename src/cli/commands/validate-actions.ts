/**
 * `chipmix validate`: predict published runs with their own settings and report the errors per hardware family.
 * `--runs` takes training runs (training_runs.csv or vTrain format); `--inference-runs` serving runs.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runInferenceValidation } from '../../core/infer/accuracy';
import { formatIssue } from '../../core/result';
import { validateRuns } from '../../core/train/accuracy';
import { readTrainingRunsCsv } from '../../core/validation/read-runs';
import { UsageError } from '../errors';
import { printJson, printLine } from '../output-option';
import { catalogFor } from './catalog-actions';
import { formatInferenceValidation } from './infer-format';
import { renderValidation } from './train-format';

function readText(option: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${option}: cannot read ${path}`);
  }
}

export const validateAction = (
  options: { runs?: string; inferenceRuns?: string; json?: boolean },
  command: Command,
) => {
  if (!options.runs && !options.inferenceRuns)
    throw new UsageError('give --runs FILE.csv or --inference-runs FILE.csv');
  const catalog = catalogFor(command);
  const output: Record<string, unknown> = {};
  const text: string[] = [];
  if (options.runs) {
    const name = (options.runs.split('/').pop() ?? options.runs).replace(/\.csv$/i, '');
    const runs = readTrainingRunsCsv(readText('--runs', options.runs), name);
    if (!runs.ok) throw new UsageError(runs.issues.map(formatIssue).join('; '));
    const report = validateRuns(catalog, runs.value);
    // a file none of whose rows can be predicted validates nothing: bad input, named by its first row's reason
    const first = report.rows[0];
    if (first && report.rows.every((r) => r.status !== 'ok'))
      throw new UsageError(
        `--runs: no row could be predicted (${first.id}: ${first.reason ?? first.status})`,
      );
    output.training = report;
    text.push(renderValidation(report));
  }
  if (options.inferenceRuns) {
    const report = runInferenceValidation(readText('--inference-runs', options.inferenceRuns), catalog);
    if (report.issues.length) throw new UsageError(report.issues.map(formatIssue).join('; '));
    output.inference = report;
    text.push(formatInferenceValidation(report));
  }
  // With one kind of runs, --json prints that report itself (rows, overall, byFamily).
  if (options.json) printJson(Object.keys(output).length === 1 ? Object.values(output)[0] : output);
  else printLine(text.join('\n\n'));
};
