/**
 * Tables for people: bordered, wrapped to the terminal, CJK characters measured as two columns
 * (cli-table3 measures with string-width). Commands whose usual output is JSON import this lazily.
 */
import Table from 'cli-table3';
// the width measure cli-table3 itself uses (same pinned version): CJK characters take two columns
import stringWidth from 'string-width';

type Cell = string | number | boolean | null | undefined;

/** Terminal width for tables: the TTY's columns, else $COLUMNS, else 100 (files and pipes). */
export function terminalColumns(): number {
  const fromEnv = Number(process.env.COLUMNS);
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  return Number.isInteger(fromEnv) && fromEnv >= 40 ? fromEnv : 100;
}

const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export interface TableOptions {
  /** Total width the table must fit in, borders included (default: terminalColumns()). */
  maxWidth?: number;
  /** Columns aligned right (numbers). */
  right?: readonly number[];
}

/**
 * A bordered table whose columns shrink, widest first, until it fits `maxWidth`; cells that no longer fit
 * wrap at spaces (or anywhere in a long word). Widths count CJK characters as two columns.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  opts: TableOptions = {},
): string {
  const text = (c: Cell) => (c === null || c === undefined ? '' : String(c));
  const maxWidth = opts.maxWidth ?? terminalColumns();
  const cells = [head, ...rows.map((r) => r.map(text))];
  const padding = 2; // cli-table3's default one space each side
  const natural = head.map((_, i) =>
    Math.max(
      1,
      ...cells.map((r) =>
        Math.max(
          0,
          ...text(r[i])
            .split('\n')
            .map((l) => stringWidth(l)),
        ),
      ),
    ),
  );
  const widths = natural.map((w) => w + padding);
  const borders = head.length + 1;
  const floor = (i: number) => Math.min(widths[i]!, Math.max(6, stringWidth(head[i]!) + padding));
  while (widths.reduce((a, b) => a + b, 0) + borders > maxWidth) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++)
      if (widths[i]! > floor(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break; // every column at its floor: let it overflow rather than cut headers
    widths[widest]! -= 1;
  }
  const table = new Table({
    head: [...head],
    colWidths: widths,
    colAligns: head.map((_, i) => (opts.right?.includes(i) ? 'right' : 'left')),
    style: { head: [], border: [] },
    // rules between rows only when some cell wraps, to show where one row ends
    ...(widths.some((w, i) => w < natural[i]! + padding) ? {} : { chars: COMPACT }),
  });
  for (const r of rows) table.push(r.map((c, i) => wrapText(text(c), widths[i]! - padding)));
  return table.toString();
}

/**
 * Breaks text into lines of at most `width` display columns: at spaces where it can, inside a word
 * (never losing a character, unlike cli-table3's own word wrap, which truncates long words) where it must.
 */
export function wrapText(value: string, width: number): string {
  if (width < 1) return value;
  const out: string[] = [];
  for (const paragraph of value.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<=[ /-])/)) {
      if (stringWidth(line + word.trimEnd()) <= width) {
        line += word;
        continue;
      }
      if (line.trim()) out.push(line.trimEnd());
      line = '';
      for (const ch of word) {
        if (stringWidth(line + ch) > width && line.trim()) {
          out.push(line.trimEnd());
          line = '';
        }
        line += ch;
      }
    }
    out.push(line.trimEnd());
  }
  return out.join('\n');
}
