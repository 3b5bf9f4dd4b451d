/**
 * The roadmap chart (pure): the fleet in service by vendor, stacked, over the periods (domestic vendors
 * at the bottom), and the rule's threshold as a line in devices: the strictest count-share rule in force
 * in each period times the fleet. The domestic stack must stay above the line. Plain SVG; the web plan
 * page draws the same series (src/web/pages/plan-roadmap.tsx).
 */
import { niceScale } from './chart';
import type { PeriodPlan } from './roadmap-solve';

export interface RoadmapSeries {
  readonly periods: string[];
  /** Domestic vendors first, then the others, each by name. */
  readonly vendors: Array<{ vendor: string; domestic: boolean; devices: number[] }>;
  readonly totalDevices: number[];
  /** Strictest lower bound on the domestic count share in force (any site), or null. */
  readonly thresholdShare: Array<number | null>;
}

export function roadmapSeries(
  periods: readonly Pick<PeriodPlan, 'period' | 'installed' | 'rules'>[],
): RoadmapSeries {
  const byVendor = new Map<string, { vendor: string; domestic: boolean; devices: number[] }>();
  periods.forEach((p, t) => {
    for (const line of p.installed) {
      let v = byVendor.get(line.vendor);
      if (!v) {
        v = { vendor: line.vendor, domestic: line.domestic, devices: periods.map(() => 0) };
        byVendor.set(line.vendor, v);
      }
      v.devices[t]! += line.devices;
    }
  });
  const vendors = [...byVendor.values()].sort(
    (a, b) => Number(b.domestic) - Number(a.domestic) || a.vendor.localeCompare(b.vendor),
  );
  return {
    periods: periods.map((p) => p.period),
    vendors,
    totalDevices: periods.map((_, t) => vendors.reduce((s, v) => s + v.devices[t]!, 0)),
    thresholdShare: periods.map((p) => {
      const bounds = p.rules
        .filter(
          (r) => r.metric === 'count' && (r.comparator === '>' || r.comparator === '>=') && r.threshold < 1,
        )
        .map((r) => r.threshold);
      return bounds.length ? Math.max(...bounds) : null;
    }),
  };
}

const W = 720;
const H = 420;
const M = { left: 80, right: 170, top: 50, bottom: 50 };
const DOMESTIC = ['#b91c1c', '#dc2626', '#ef4444', '#f87171', '#fca5a5', '#fecaca'];
const FOREIGN = ['#1d4ed8', '#3b82f6', '#93c5fd', '#bfdbfe'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A colour per vendor: reds for domestic, blues for the others. */
export function vendorColours(series: RoadmapSeries): string[] {
  let d = 0;
  let f = 0;
  return series.vendors.map((v) =>
    v.domestic ? DOMESTIC[d++ % DOMESTIC.length]! : FOREIGN[f++ % FOREIGN.length]!,
  );
}

export function roadmapChartSvg(series: RoadmapSeries, title: string): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const n = series.periods.length;
  const x = (t: number) => M.left + (n === 1 ? pw / 2 : (t / (n - 1)) * pw);
  const scale = niceScale(Math.max(1, ...series.totalDevices));
  const y = (v: number) => M.top + ph - (v / scale.max) * ph;
  const colours = vendorColours(series);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="24" text-anchor="middle" font-size="15">${esc(title)}</text>`,
  ];
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    out.push(`<line x1="${M.left}" y1="${y(v)}" x2="${M.left + pw}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 8}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`);
  }
  for (const [t, p] of series.periods.entries())
    out.push(`<text x="${x(t)}" y="${M.top + ph + 20}" text-anchor="middle">${esc(p)}</text>`);
  out.push(
    `<text transform="translate(20 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">devices in service</text>`,
  );
  const base = series.periods.map(() => 0);
  series.vendors.forEach((v, i) => {
    const lower = [...base];
    v.devices.forEach((d, t) => {
      base[t]! += d;
    });
    const top = base.map((b, t) => `${x(t)},${y(b)}`);
    const bottom = lower.map((b, t) => `${x(t)},${y(b)}`).reverse();
    out.push(
      `<polygon points="${[...top, ...bottom].join(' ')}" fill="${colours[i]}" fill-opacity="0.85" stroke="white"/>`,
    );
    out.push(
      `<rect x="${W - M.right + 16}" y="${M.top + i * 20}" width="12" height="12" fill="${colours[i]}"/>`,
    );
    out.push(
      `<text x="${W - M.right + 34}" y="${M.top + i * 20 + 10}">${esc(v.vendor)}${v.domestic ? ' (domestic)' : ''}</text>`,
    );
  });
  const line = series.thresholdShare
    .map((s, t) => (s === null ? null : `${x(t)},${y(s * series.totalDevices[t]!)}`))
    .filter((p): p is string => p !== null);
  if (line.length) {
    out.push(
      `<polyline points="${line.join(' ')}" fill="none" stroke="#111" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
    const k = series.vendors.length;
    out.push(
      `<line x1="${W - M.right + 16}" y1="${M.top + k * 20 + 6}" x2="${W - M.right + 28}" y2="${M.top + k * 20 + 6}" stroke="#111" stroke-width="2" stroke-dasharray="4 2"/>`,
      `<text x="${W - M.right + 34}" y="${M.top + k * 20 + 10}">rule threshold</text>`,
      `<text x="${W - M.right + 34}" y="${M.top + k * 20 + 24}" font-size="10">(share x fleet)</text>`,
    );
    series.thresholdShare.forEach((s, t) => {
      if (s !== null)
        out.push(
          `<text x="${x(t) + 4}" y="${y(s * series.totalDevices[t]!) - 6}" font-size="10">&gt;${Math.round(s * 100)}%</text>`,
        );
    });
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
