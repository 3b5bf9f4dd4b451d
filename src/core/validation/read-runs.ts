/**
 * CSV text of either validation format -> training run cases or skip reasons. The format is told
 * apart by its header: `chip_id` columns (training_runs.csv format) or vTrain's `iteration time (ms)`.
 */
import { fail, formatIssue, ok, type Result } from '../result';
import { readCsvTable } from './csv';
import { trainingRunFromRow } from './training-runs';
import type { TrainingRunCase } from './types';
import { vtrainRunFromRow } from './vtrain';

export type RunOrSkip = TrainingRunCase | { id: string; reason: string };

export function readTrainingRunsCsv(text: string, sourceName: string): Result<RunOrSkip[]> {
  const parsed = readCsvTable(text);
  if (!parsed.ok) return fail(...parsed.issues.map((i) => ({ ...i, path: `${sourceName}: ${i.path}` })));
  const rows = parsed.value;
  const header = rows[0]
    ? Object.keys(rows[0].values).map((k) =>
        k
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase(),
      )
    : [];
  if (rows.length === 0)
    return fail({
      code: 'no_rows',
      path: sourceName,
      message:
        text.trim() === '' ? 'no runs: the file is empty' : 'no runs: the file has a header and no rows',
    });
  const isVtrain = header.includes('iteration time (ms)');
  if (!isVtrain && !header.includes('chip_id')) {
    return fail({
      code: 'unknown_format',
      path: sourceName,
      message: 'expected the training_runs.csv columns (with chip_id) or the vTrain ground-truth columns',
    });
  }
  const out: RunOrSkip[] = [];
  // one id, one run: a repeated id would be counted twice in every figure
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const id = isVtrain ? '' : (row.values.id ?? '').trim();
    if (id !== '') {
      const first = firstLineOf.get(id);
      if (first !== undefined)
        return fail({
          code: 'duplicate_id',
          path: `${sourceName}: line ${row.line}`,
          message: `id ${id} repeats line ${first}`,
        });
      firstLineOf.set(id, row.line);
    }
    const result = isVtrain
      ? vtrainRunFromRow(row.values, row.line, sourceName)
      : trainingRunFromRow(row.values, row.line);
    out.push(result.status === 'ok' ? result.run : { id: result.id, reason: result.reason });
  }
  return ok(out);
}

export { formatIssue };
