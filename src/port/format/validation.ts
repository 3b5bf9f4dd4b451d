/** Terminal output of `chipmix port validate`. */
import Table from 'cli-table3';
import type { ValidationReport } from '../validation/validate';

const d = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));

export function formatValidation(r: ValidationReport): string {
  const table = new Table({
    head: [
      'case',
      'target',
      'KLOC',
      'units',
      'observed days',
      'predicted (leave-one-out)',
      'error',
      'inside',
    ],
    style: { head: [], border: [] },
  });
  for (const c of r.cases) {
    table.push([
      c.id,
      c.target,
      c.kloc.toFixed(1),
      c.unitsLeft,
      `${d(c.observedDays)} (${c.observedRange.map(d).join('–')})`,
      `${d(c.predictedDays)} (${c.predictedRange.map(d).join('–')})`,
      `${c.error >= 0 ? '+' : ''}${(c.error * 100).toFixed(0)}%`,
      c.inside ? 'yes' : 'no',
    ]);
  }
  const cal = r.refit;
  const out = [
    table.toString(),
    `${r.cases.length} cases: median |error| ${(r.medianAbsError * 100).toFixed(0)}% (median error factor ×${r.medianErrorFactor.toFixed(2)}); ${r.inside}/${r.cases.length} observed efforts inside the predicted range, ${r.overlaps}/${r.cases.length} ranges overlap.`,
    `Each case is predicted by a fit on the others (leave-one-out). Observed: history author-days to streak days (${r.commitsPerAuthorDay} commits per author-day for squashed work); see docs/PORT.md.`,
    `Fit on all cases: baseline ${cal.baselineDaysPerKloc.toFixed(2)} d × KLOC^${cal.baselineExponent.toFixed(2)}, scales: CUDA kernels ${cal.kernelScale.toFixed(3)}, Triton kernels ${cal.tritonScale.toFixed(3)}, other units ${cal.otherScale.toFixed(3)}; band ×${cal.bandFactor.toFixed(2)}. Committed calibration ${r.reproducible ? 'matches the re-fit' : 'DIFFERS from the re-fit: run npx tsx scripts/port-backtest.ts --fit'}.`,
  ];
  for (const e of r.excluded) out.push(`excluded ${e.id}: ${e.reason}`);
  return `${out.join('\n')}\n`;
}
