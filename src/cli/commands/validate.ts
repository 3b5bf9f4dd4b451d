/** `chipmix validate --runs FILE.csv`: predict published runs and report the error per hardware family. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatIssue } from '../../core/result';
import { validateRuns } from '../../core/train/validate';
import { readTrainingRunsCsv } from '../../core/validation/read-runs';
import { UsageError } from '../errors';
import { printJson, printLine } from '../output';
import { catalogFor } from './catalog';
import { renderValidation } from './train-format';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Predict every row of a published-runs CSV with its own layout and report the errors')
    .requiredOption('--runs <file.csv>', 'training runs: the training_runs.csv or vTrain ground-truth format')
    .option('--json', 'print one JSON document')
    .action((options: { runs: string; json?: boolean }, command: Command) => {
      let text: string;
      try {
        text = readFileSync(options.runs, 'utf8');
      } catch {
        throw new UsageError(`--runs: cannot read ${options.runs}`);
      }
      const name = options.runs.split('/').pop() ?? options.runs;
      const runs = readTrainingRunsCsv(text, name.replace(/\.csv$/i, ''));
      if (!runs.ok) throw new UsageError(runs.issues.map(formatIssue).join('; '));
      const report = validateRuns(catalogFor(command), runs.value);
      if (options.json) printJson(report);
      else printLine(renderValidation(report));
    });
}
