/**
 * `chipmix validate`: predict published runs and report the errors. Registered here;
 * ./validate-actions.ts runs it (imported when it runs).
 */
import type { Command } from 'commander';
import { lazyActions } from '../lazy';

const lazy = lazyActions(() => import('./validate-actions'));

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Predict every row of a published-runs CSV with its own layout and report the errors')
    .option('--runs <file.csv>', 'training runs: the training_runs.csv or vTrain ground-truth format')
    .option('--inference-runs <file.csv>', 'serving runs: the inference_runs.csv format')
    .option('--json', 'print one JSON document')
    .action(lazy('validateAction'));
}
