/**
 * The price-of-the-rule chart and table as text (pure): total cost (USD M, left axis, solid) and the
 * latest training completion (days, right axis, dashed) against the domestic-share threshold. Infeasible
 * points are marked with an x on the threshold axis. Plain SVG, no browser or library.
 */
import { type MessageCode, say } from '../messages/say';
import type { SweepPoint } from './sweep';

const W = 720;
const H = 420;
const M = { left: 80, right: 80, top: 50, bottom: 60 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number) =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);

/** Rounded-up axis maximum and tick step (1, 2 or 5 x 10^k). */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((f) => f * mag >= raw) ?? 10) * mag;
  return { max: Math.ceil(max / step) * step, step };
}

/** The chart's axis and legend text; English by default (the CLI), the web app passes its language's. */
export interface SweepChartLabels {
  readonly threshold: string;
  readonly cost: string;
  readonly days: string;
  readonly infeasible: string;
}

/** The message codes of the labels (src/core/messages), for a caller that renders another language. */
export const SWEEP_CHART_LABEL_CODES = {
  threshold: 'chart.sweep-threshold',
  cost: 'chart.sweep-cost',
  days: 'chart.sweep-days',
  infeasible: 'chart.sweep-infeasible',
} as const satisfies Record<keyof SweepChartLabels, MessageCode>;

export const SWEEP_CHART_LABELS_EN: SweepChartLabels = {
  threshold: say(SWEEP_CHART_LABEL_CODES.threshold),
  cost: say(SWEEP_CHART_LABEL_CODES.cost),
  days: say(SWEEP_CHART_LABEL_CODES.days),
  infeasible: say(SWEEP_CHART_LABEL_CODES.infeasible),
};

export function sweepChartSvg(
  points: readonly SweepPoint[],
  title: string,
  labels: SweepChartLabels = SWEEP_CHART_LABELS_EN,
): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (t: number) => M.left + t * pw;
  const feasible = points.filter((p) => p.totalUsd !== null);
  const cost = niceScale(Math.max(0, ...feasible.map((p) => p.totalUsd! / 1e6)));
  const days = niceScale(Math.max(0, ...feasible.map((p) => p.completionDays ?? 0)));
  const yCost = (v: number) => M.top + ph - (v / cost.max) * ph;
  const yDays = (v: number) => M.top + ph - (v / days.max) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${esc(title)}</text>`,
    `<line x1="${M.left}" y1="${M.top + ph}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="#333"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}" stroke="#333"/>`,
    `<line x1="${M.left + pw}" y1="${M.top}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="#333"/>`,
  ];
  for (let t = 0; t <= 100; t += 10) {
    out.push(
      `<line x1="${x(t / 100)}" y1="${M.top + ph}" x2="${x(t / 100)}" y2="${M.top + ph + 5}" stroke="#333"/>`,
    );
    out.push(`<text x="${x(t / 100)}" y="${M.top + ph + 20}" text-anchor="middle">${t}%</text>`);
  }
  out.push(`<text x="${M.left + pw / 2}" y="${H - 15}" text-anchor="middle">${esc(labels.threshold)}</text>`);
  for (let v = 0; v <= cost.max + 1e-9; v += cost.step) {
    out.push(`<line x1="${M.left}" y1="${yCost(v)}" x2="${M.left + pw}" y2="${yCost(v)}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 8}" y="${yCost(v) + 4}" text-anchor="end">${fmt(v)}</text>`);
  }
  for (let v = 0; v <= days.max + 1e-9; v += days.step)
    out.push(
      `<text x="${M.left + pw + 8}" y="${yDays(v) + 4}" text-anchor="start" fill="#b45309">${fmt(v)}</text>`,
    );
  out.push(
    `<text transform="translate(22 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#1d4ed8">${esc(labels.cost)}</text>`,
  );
  out.push(
    `<text transform="translate(${W - 20} ${M.top + ph / 2}) rotate(90)" text-anchor="middle" fill="#b45309">${esc(labels.days)}</text>`,
  );
  const path = (pts: Array<[number, number]>) =>
    pts.map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)},${b.toFixed(1)}`).join(' ');
  const costPts = feasible.map((p): [number, number] => [x(p.threshold), yCost(p.totalUsd! / 1e6)]);
  if (costPts.length) {
    out.push(`<path d="${path(costPts)}" fill="none" stroke="#1d4ed8" stroke-width="2"/>`);
    for (const [a, b] of costPts)
      out.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3.5" fill="#1d4ed8"/>`);
  }
  const dayPts = feasible
    .filter((p) => p.completionDays !== null)
    .map((p): [number, number] => [x(p.threshold), yDays(p.completionDays!)]);
  if (dayPts.length)
    out.push(
      `<path d="${path(dayPts)}" fill="none" stroke="#b45309" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  for (const p of points.filter((q) => q.totalUsd === null)) {
    const cx = x(p.threshold);
    const cy = M.top + ph;
    out.push(
      `<path d="M${cx - 5},${cy - 5} L${cx + 5},${cy + 5} M${cx - 5},${cy + 5} L${cx + 5},${cy - 5}" stroke="#dc2626" stroke-width="2"/>`,
    );
  }
  if (points.some((p) => p.totalUsd === null))
    out.push(
      `<text x="${M.left + pw}" y="${M.top - 8}" text-anchor="end" fill="#dc2626">${esc(labels.infeasible)}</text>`,
    );
  out.push('</svg>', '');
  return out.join('\n');
}

/**
 * The sweep as CSV (one header row; shares as fractions; empty cells where there is no plan; `deny_usd`
 * empty without a deny list).
 */
export function sweepCsv(points: readonly SweepPoint[]): string {
  const cell = (v: number | null | undefined) =>
    v === null || v === undefined ? '' : String(+v.toPrecision(10));
  const rows = [
    'threshold,status,total_usd,capex_usd,energy_usd,completion_days,share_count,share_bf16_compute,share_spend,share_power,deny_usd',
  ];
  for (const p of points) {
    const s = p.domesticShare;
    rows.push(
      [
        cell(p.threshold),
        p.status,
        cell(p.totalUsd),
        cell(p.capexUsd),
        cell(p.energyUsd),
        cell(p.completionDays),
        cell(s?.count),
        cell(s?.bf16Compute),
        cell(s?.spend),
        cell(s?.power),
        cell(p.denyUsd),
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}
