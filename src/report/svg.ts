/**
 * Inline SVG charts for the HTML report: no scripts, no external assets, readable when printed.
 * Values are fractions 0..1 drawn on a 0..100% axis; null values leave gaps.
 */
import { reportText } from './text';

export interface Series {
  readonly name: string;
  readonly values: ReadonlyArray<number | null>;
}

const COLOURS = ['#c0392b', '#2471a3', '#229954', '#b9770e'];
const W = 720;
const H = 300;
const M = { top: 20, right: 150, bottom: 60, left: 50 };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The threshold line's label from its percent (rounded to 0.1); the report passes its language's. */
export type ThresholdLabel = (pct: number) => string;
const thresholdLabelEn: ThresholdLabel = (pct) => reportText('en').t('threshold', { pct });

function frame(
  title: string,
  body: string[],
  series: readonly Series[],
  threshold: number | undefined,
  thresholdLabel: ThresholdLabel,
): string {
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH * (1 - v);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif" font-size="11">`,
  ];
  parts.push(`<title>${escapeXml(title)}</title>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="#ddd"/>`,
    );
    parts.push(`<text x="${M.left - 6}" y="${round(y(tick)) + 4}" text-anchor="end">${tick * 100}%</text>`);
  }
  parts.push(...body);
  if (threshold !== undefined) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${round(y(threshold))}" y2="${round(y(threshold))}" stroke="#000" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      `<text x="${W - M.right + 4}" y="${round(y(threshold)) + 4}">${escapeXml(thresholdLabel(round(threshold * 100)))}</text>`,
    );
  }
  series.forEach((s, i) => {
    const ly = M.top + 20 + i * 16;
    parts.push(
      `<rect x="${W - M.right + 4}" y="${ly}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`,
    );
    parts.push(`<text x="${W - M.right + 18}" y="${ly + 9}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Grouped bars: one group per category (site), one bar per series (metric). */
export function barChart(
  title: string,
  categories: readonly string[],
  series: readonly Series[],
  threshold?: number,
  thresholdLabel: ThresholdLabel = thresholdLabelEn,
): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const group = plotW / Math.max(1, categories.length);
  const bar = (group * 0.8) / Math.max(1, series.length);
  const body: string[] = [];
  categories.forEach((category, c) => {
    const x0 = M.left + c * group + group * 0.1;
    series.forEach((s, i) => {
      const v = s.values[c];
      if (v === null || v === undefined) return;
      const h = plotH * v;
      body.push(
        `<rect x="${round(x0 + i * bar)}" y="${round(M.top + plotH - h)}" width="${round(bar * 0.9)}" height="${round(h)}" fill="${COLOURS[i % COLOURS.length]}"><title>${escapeXml(`${category} ${s.name}: ${(v * 100).toFixed(1)}%`)}</title></rect>`,
      );
    });
    const label = category.length > 14 ? `${category.slice(0, 13)}…` : category;
    body.push(
      `<text x="${round(x0 + group * 0.4)}" y="${H - M.bottom + 14}" text-anchor="middle">${escapeXml(label)}</text>`,
    );
  });
  return frame(title, body, series, threshold, thresholdLabel);
}

/** Width of a YYYY-MM-DD label at font-size 11 (about 6.2 px a digit) plus a gap, px. */
const DATE_LABEL_PX = 72;

/**
 * Which of the positions (ascending, px) get a label so that no two labels overlap: the first and the
 * last always, the others left to right when they clear the one before and the last. Change points
 * bunch up on a time axis (three dates in one month), so a count-based choice is not enough.
 */
export function spacedLabels(xs: readonly number[], minGapPx = DATE_LABEL_PX): number[] {
  if (xs.length === 0) return [];
  const last = xs.length - 1;
  const chosen = [0];
  for (let k = 1; k < last; k++) {
    if (xs[k]! - xs[chosen[chosen.length - 1]!]! >= minGapPx && xs[last]! - xs[k]! >= minGapPx)
      chosen.push(k);
  }
  if (last > 0 && xs[last]! - xs[0]! >= minGapPx) chosen.push(last);
  return chosen;
}

/** Lines over dates (YYYY-MM-DD, placed on a time axis). */
export function lineChart(
  title: string,
  dates: readonly string[],
  series: readonly Series[],
  threshold?: number,
  thresholdLabel: ThresholdLabel = thresholdLabelEn,
): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const t = dates.map((d) => Date.parse(`${d}T00:00:00Z`));
  const t0 = Math.min(...t);
  const t1 = Math.max(...t);
  const x = (ms: number) => M.left + (t1 === t0 ? plotW / 2 : ((ms - t0) / (t1 - t0)) * plotW);
  const y = (v: number) => M.top + plotH * (1 - v);
  const body: string[] = [];
  series.forEach((s, i) => {
    // Compliance is a step function: hold each value until the next change point.
    let path = '';
    let open = false;
    s.values.forEach((v, k) => {
      if (v === null || v === undefined) {
        open = false;
        return;
      }
      const px = round(x(t[k]!));
      const py = round(y(v));
      path += open ? ` H${px} V${py}` : ` M${px} ${py}`;
      open = true;
    });
    if (path)
      body.push(
        `<path d="${path.trim()}" fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2"/>`,
      );
  });
  // dates in time order, so that the spacing is measured between neighbours on the axis
  const order = dates.map((_, k) => k).sort((a, b) => t[a]! - t[b]!);
  const labels = spacedLabels(order.map((k) => x(t[k]!))).map((i) => order[i]!);
  for (const k of labels) {
    body.push(
      `<text x="${round(x(t[k]!))}" y="${H - M.bottom + 14}" text-anchor="middle">${dates[k]}</text>`,
    );
  }
  return frame(title, body, series, threshold, thresholdLabel);
}
