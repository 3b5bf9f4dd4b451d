/** Human-readable rendering of training estimates, searches and validation reports. */
import Table from 'cli-table3';
import type { ValidationReport } from '../../core/train/accuracy';
import type { TrainEstimate } from '../../core/train/estimate';
import { layoutText } from '../../core/train/layout-text';

const fixed = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** What a memory figure is per: a die where the layout counts dies (Ascend 910C), else a device. */
const memoryUnit = (e: TrainEstimate) => (e.ranksPerDevice > 1 ? 'die' : 'device');

export function renderEstimate(e: TrainEstimate): string {
  const lines = [
    `${e.model} on ${e.devices} x ${e.hardware.id} (${e.hardware.family}${e.hardware.calibrated ? '' : ', uncalibrated'})`,
    `layout           ${layoutText(e.layout)}   (${e.framework})`,
    `fits             ${e.fits ? 'yes' : 'NO'}  (${fixed(e.memoryPerDeviceGB, 1)} of ${fixed(e.memory.usableGB, 1)} GB usable of ${e.memory.capacityGB} GB per ${memoryUnit(e)})`,
    `step             ${fixed(e.stepSeconds, 3)} s   (${e.microBatches} micro-batches)`,
    `tokens/s/device  ${fixed(e.tokensPerSecondPerDevice, 0)}   band ${fixed(e.errorBand.low, 0)}-${fixed(e.errorBand.high, 0)} (p90 error ${pct(e.errorBand.relative)})`,
    `TFLOP/s/device   ${fixed(e.modelTflopsPerDevice, 1)}   MFU ${pct(e.mfu)}   HFU ${pct(e.hfu)}`,
  ];
  if (e.daysToTrain !== null) lines.push(`days to train    ${fixed(e.daysToTrain, 1)}`);
  if (e.energyMWh !== null)
    lines.push(`energy           ${fixed(e.energyMWh, 0)} MWh (~$${fixed(e.energyCostUsd ?? 0, 0)})`);
  if (e.hardwareCapexUsd !== null) lines.push(`hardware capex   ~$${(e.hardwareCapexUsd / 1e6).toFixed(1)}M`);
  const table = new Table({ head: ['step breakdown', 'seconds', 'share'], style: { head: [], border: [] } });
  for (const [name, seconds] of Object.entries(e.breakdown)) {
    if (seconds > 0)
      table.push([name.replace(/Seconds$/, ''), fixed(seconds, 3), pct(seconds / e.stepSeconds)]);
  }
  lines.push(table.toString());
  const memory = new Table({ head: [`memory per ${memoryUnit(e)}`, 'GB'], style: { head: [], border: [] } });
  for (const [name, gb] of Object.entries(e.memory))
    if (name !== 'capacityGB') memory.push([name.replace(/GB$/, ''), fixed(gb, 1)]);
  lines.push(memory.toString());
  for (const w of e.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export function renderSearch(result: {
  evaluated: number;
  feasible: number;
  elapsedSeconds: number;
  top: TrainEstimate[];
}): string {
  const table = new Table({
    head: [
      '#',
      'layout',
      'step s',
      'tok/s/dev',
      'MFU',
      (result.top[0]?.ranksPerDevice ?? 1) > 1 ? 'GB/die' : 'GB/dev',
    ],
    style: { head: [], border: [] },
  });
  result.top.forEach((e, i) => {
    table.push([
      String(i + 1),
      layoutText(e.layout),
      fixed(e.stepSeconds, 3),
      fixed(e.tokensPerSecondPerDevice, 0),
      pct(e.mfu),
      fixed(e.memoryPerDeviceGB, 1),
    ]);
  });
  const lines = [
    // nothing fits: say so, not an empty table
    result.top.length > 0
      ? table.toString()
      : result.evaluated === 0
        ? 'no layout to evaluate: the given fields leave nothing to search'
        : 'no layout fits: train estimate with the same flags shows the least memory-hungry one and what it needs',
    `evaluated ${result.evaluated.toLocaleString('en-US')} layouts, ${result.feasible.toLocaleString('en-US')} fit, in ${fixed(result.elapsedSeconds, 2)} s`,
  ];
  // the best layout's caveats (an MFU beyond the calibration runs, an uncalibrated family) qualify the whole table
  for (const w of result.top[0]?.warnings ?? []) lines.push(`warning (#1): ${w}`);
  return lines.join('\n');
}

export function renderValidation(report: ValidationReport): string {
  const table = new Table({
    head: [
      'id',
      'status',
      'measured tok/s/dev',
      'predicted',
      'error',
      'basis',
      'assumed (framework default)',
    ],
    style: { head: [], border: [] },
  });
  for (const row of report.rows) {
    if (row.status === 'skipped') table.push([row.id, `skipped: ${row.reason}`, '', '', '', '', '']);
    else
      table.push([
        row.id,
        'ok',
        fixed(row.measuredTokensPerSecondPerDevice!, 0),
        fixed(row.predicted!.tokensPerSecondPerDevice, 0),
        pct(row.relativeError!),
        row.basis!,
        `${row.framework}: ${
          Object.entries(row.assumed ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(' ') || 'nothing'
        }`,
      ]);
  }
  const summary = new Table({
    head: ['family', 'rows', 'median |error|', 'p90 |error|', 'mean signed'],
    style: { head: [], border: [] },
  });
  for (const [family, s] of Object.entries(report.byFamily))
    summary.push([family, s.rows, pct(s.medianAbsError), pct(s.p90AbsError), pct(s.meanSignedError)]);
  const o = report.overall;
  summary.push(['overall', o.rows, pct(o.medianAbsError), pct(o.p90AbsError), pct(o.meanSignedError)]);
  const t = report.stated.overall;
  // vTrain's files state no framework fields at all: no row is free of assumptions, and 0 rows have no error
  if (t.rows > 0)
    summary.push([
      'rows with no assumed layout field',
      t.rows,
      pct(t.medianAbsError),
      pct(t.p90AbsError),
      pct(t.meanSignedError),
    ]);
  else summary.push(['rows with no assumed layout field', 0, '—', '—', '—']);
  const m = report.memory;
  const memory =
    m.predictedNotToFit === 0
      ? `memory: every one of the ${m.rows} runs is predicted to fit`
      : `memory: ${m.predictedNotToFit} of the ${m.rows} runs (which ran) are predicted not to fit; ` +
        `${m.withMemorySettingAssumed} of them take recompute or the ZeRO stage from their framework's default, ` +
        'which their source does not state';
  return `${table.toString()}\n${summary.toString()}\n${memory}`;
}
