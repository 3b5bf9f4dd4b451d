/**
 * Output shared by every command. A command hands over one set of data: the JSON document (`--json`,
 * `--output json`), the same document as YAML (`--output yaml`), flat records (`--output csv`) and its
 * human rendering (`--output table`, the default). Tables wrap long cells to the terminal and measure
 * CJK characters as two columns (cli-table3 measures with string-width).
 */
import Table from 'cli-table3';
// the width measure cli-table3 itself uses (same pinned version): CJK characters take two columns
import stringWidth from 'string-width';
import { stringify as toYamlText } from 'yaml';
import { csvField } from '../core/csv';
import { UsageError } from './errors';

export {
  addOutputOption,
  OUTPUT_FORMATS,
  type OutputFormat,
  type OutputOptions,
  outputFormat,
  printJson,
  printLine,
} from './output-option';

import { type OutputOptions, outputFormat, printJson } from './output-option';

type Cell = string | number | boolean | null | undefined;
export type CsvRow = object;

/** Nested objects become dotted columns, arrays are joined with "; " (one record, one line). */
function flatten(row: CsvRow, prefix = '', into: Record<string, Cell> = {}): Record<string, Cell> {
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value))
      into[name] = value
        .map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)))
        .join('; ');
    else if (value !== null && typeof value === 'object') flatten(value, name, into);
    else into[name] = value as Cell;
  }
  return into;
}

/** Numbers as they are (a negative number is not a formula); text quoted and defused like `inventory export`. */
const csvCell = (v: Cell) =>
  v === null || v === undefined ? '' : typeof v === 'string' ? csvField(v) : String(v);

/** RFC 4180 CSV with a header of every column any record has, in first-seen order. */
export function toCsv(rows: readonly CsvRow[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const lines = [columns, ...flat.map((r) => columns.map((c) => r[c]))].map((cells) =>
    cells.map(csvCell).join(','),
  );
  return `${lines.join('\n')}\n`;
}

export interface Printable {
  /** The JSON document (also printed as YAML). */
  document: unknown;
  /** Flat records for CSV; absent where a command's output is not a list of records. */
  rows?: () => readonly CsvRow[];
  /** The human rendering. */
  table: () => void;
}

/** Prints the data in the format the user asked for. */
export function emit(opts: OutputOptions, data: Printable): void {
  const format = outputFormat(opts);
  if (format === 'json') printJson(data.document);
  else if (format === 'yaml') process.stdout.write(toYamlText(data.document));
  else if (format === 'csv') {
    if (!data.rows)
      throw new UsageError('--output csv: this command does not print records; use json or yaml');
    process.stdout.write(toCsv(data.rows()));
  } else data.table();
}

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
