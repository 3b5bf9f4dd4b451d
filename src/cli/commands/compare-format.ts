/** Human-readable output of `chipmix compare`: one table, the layouts, the verdicts in words, warnings. */
import type { CompareResponse, CompareRow } from '../../core/compare/request';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => x.toFixed(1);
const opt = (x: number | null, f: (x: number) => string) => (x === null ? '-' : f(x));

function relative(r: CompareRow): string {
  const rel = r.relativeToFirst;
  if (!rel) return 'reference';
  return `${rel.ratio.toFixed(2)}x (${rel.low.toFixed(2)}-${rel.high.toFixed(2)}) ${rel.verdict}`;
}

function budgetText(res: CompareResponse): string {
  const b = res.budget;
  const held =
    res.equal === 'power'
      ? `${opt(b.powerKW, n0)} kW all-in`
      : res.equal === 'capex'
        ? `${opt(b.capexUsd === null ? null : b.capexUsd / 1e6, n1)} M USD capex`
        : res.equal === 'systems'
          ? `${b.systems} systems`
          : `${b.devices} devices`;
  return `equal ${res.equal}: ${held} (what ${b.devices} devices of the first system take)`;
}

export function renderComparison(res: CompareResponse): string {
  // days to train only where there is training: serving rows had a column of dashes
  const training = res.kind === 'train';
  const cols: [string, number][] = [
    ['hardware', 28],
    ['devices', 7],
    [`${res.unit}/device [band]`, 30],
    ['/kW', 7],
    ['/M USD', 8],
    ['/rack', 9],
    ...(training ? ([['days', 6]] as [string, number][]) : []),
    ['vs first [band ends]', 0],
  ];
  const header = cols.map(([h, w], i) => (i === 0 ? h.padEnd(w) : h.padStart(w))).join(' ');
  const lines = [
    `${res.model}, ${res.kind === 'train' ? 'training' : 'serving'}; ${budgetText(res)}`,
    '',
    header,
  ];
  for (const r of res.rows) {
    const band = `${n0(r.tokensPerSecondPerDevice)} [${n0(r.band.low)}-${n0(r.band.high)}]`;
    lines.push(
      [
        r.hardware.padEnd(28),
        n0(r.devices).padStart(7),
        band.padStart(30),
        opt(r.tokensPerSecondPerKW, n0).padStart(7),
        opt(r.tokensPerSecondPerMillionUsd, n0).padStart(8),
        opt(r.tokensPerSecondPerRack, n0).padStart(9),
        ...(training ? [opt(r.daysToTrain, n1).padStart(6)] : []),
        ` ${relative(r)}`,
      ].join(' '),
    );
  }
  lines.push('');
  for (const r of res.rows) {
    const grades = `peak ${r.confidence.peak ?? '-'}, power ${r.confidence.power ?? '-'}, price ${r.confidence.price ?? '-'}`;
    lines.push(
      `${r.hardware}: ${r.layout}; band +/-${Math.round(r.band.relative * 100)}% p90 (${r.band.basis}${r.calibrated ? '' : ', not calibrated on this family'}); catalog ${grades}`,
    );
  }
  for (const f of res.failed) lines.push(`${f.hardware}: no estimate on ${f.devices} devices: ${f.reason}`);
  if (res.summary.length) lines.push('', ...res.summary);
  lines.push(
    '',
    'verdict: within-error when the p90 error bands overlap; the band ends give the ratio with each side at opposite ends',
  );
  for (const w of res.warnings) lines.push(`warning: ${w}`);
  // each system's own (an assumed power, an MFU above its calibration runs): in --json they were, here not
  for (const r of res.rows) for (const w of r.warnings) lines.push(`warning (${r.hardware}): ${w}`);
  return lines.join('\n');
}
