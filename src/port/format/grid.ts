/**
 * Boxed text tables as cli-table3 draws them with no colours and no fixed widths (each column as
 * wide as its widest cell plus a space each side, a rule between every row), for the cells whose
 * width is their length: printable ASCII, the en dash of day ranges and the ellipsis of cut symbols.
 * cli-table3 lays out a table by comparing every cell with every other (row and column spans): ~20 ms,
 * cold, for the table of a port scan, after the scan. Anything else (wide or combining characters,
 * colour codes, line breaks, a ragged or empty table) goes to cli-table3 itself.
 */
import Table from 'cli-table3';

type Cell = string | number;

/** Characters one column wide in cli-table3's measure (string-width), with no escape or line break. */
const NARROW = /^[\x20-\x7e\u2013\u2026]*$/;

export function renderGrid(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const columns = head.length;
  const text = [head, ...rows].map((row) => row.map(String));
  if (rows.length === 0 || text.some((row) => row.length !== columns || !row.every((c) => NARROW.test(c))))
    return drawWithCliTable(head, rows);
  const widths = head.map((_, c) => Math.max(...text.map((row) => row[c]!.length)));
  const rule = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const line = (row: readonly string[]) => `│${row.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join('│')}│`;
  const out = [rule('┌', '┬', '┐')];
  text.forEach((row, r) => {
    if (r > 0) out.push(rule('├', '┼', '┤'));
    out.push(line(row));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

function drawWithCliTable(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
