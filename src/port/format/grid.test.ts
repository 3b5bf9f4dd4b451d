import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { renderGrid } from './grid';

/** What the tables were before renderGrid: cli-table3 with no colours and no fixed widths. */
function cliTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push(row);
  return table.toString();
}

describe('renderGrid', () => {
  it('draws what cli-table3 draws', () => {
    const head = ['location', 'rule', 'n', 'effort days: point (range)'];
    const words = ['', ' ', 'a', 'torch.cuda.synchronize', 'x  y', '7 (1.7–27.9)', `${'s'.repeat(39)}…`, '-'];
    const rows = Array.from({ length: 12 }, (_, r) =>
      head.map((_, c) => (c === 2 ? r * 37 : words[(r * 3 + c) % words.length]!)),
    );
    expect(renderGrid(head, rows)).toBe(cliTable(head, rows));
    expect(renderGrid(head, rows.slice(0, 1))).toBe(cliTable(head, rows.slice(0, 1)));
  });

  it('leaves wide characters, line breaks and empty tables to cli-table3', () => {
    const head = ['file', 'symbol'];
    for (const rows of [[['模型/内核.cu', 'cudaMalloc']], [['a\nb', 'c']], [['tab\there', 'x']], []])
      expect(renderGrid(head, rows)).toBe(cliTable(head, rows));
  });
});
