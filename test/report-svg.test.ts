/** The HTML report's trajectory chart: its date labels never overlap, however the change points bunch up. */
import { describe, expect, it } from 'vitest';
import { lineChart, spacedLabels } from '../src/report/svg';

/** x positions and texts of the date labels under the plot. */
function dateLabels(svg: string): { x: number; text: string }[] {
  return [
    ...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(\d{4}-\d{2}-\d{2})<\/text>/g),
  ].map((m) => ({ x: Number(m[1]), text: m[2]! }));
}

describe('trajectory date labels', () => {
  it('keeps every label 72 px from the next (a 10-character date at 11 px is about 62 px wide)', () => {
    // a year's trajectory whose change points bunch up: three in one month, two a day apart
    const dates = [
      '2026-01-01',
      '2026-01-10',
      '2026-01-20',
      '2026-01-31',
      '2026-06-01',
      '2026-06-02',
      '2026-12-31',
    ];
    const svg = lineChart('t', dates, [{ name: 'org', values: dates.map(() => 0.5) }]);
    const labels = dateLabels(svg);
    expect(labels.map((l) => l.text)).toContain('2026-01-01');
    expect(labels.map((l) => l.text)).toContain('2026-12-31');
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < labels.length; i++)
      expect(labels[i]!.x - labels[i - 1]!.x).toBeGreaterThanOrEqual(72);
  });

  it('labels every date when they are far apart, and one when there is one', () => {
    expect(spacedLabels([0, 100, 200, 300])).toEqual([0, 1, 2, 3]);
    expect(spacedLabels([50])).toEqual([0]);
    // the last label wins over a neighbour too close to it
    expect(spacedLabels([0, 100, 160])).toEqual([0, 2]);
  });
});
