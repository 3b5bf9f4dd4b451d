/**
 * Output shared by every command. A command hands over one set of data: the JSON document (`--json`,
 * `--output json`), the same document as YAML (`--output yaml`), flat records (`--output csv`) and its
 * human rendering (`--output table`, the default; tables are drawn by ./table.ts). The YAML printer
 * is loaded only when asked for: `--json` runs in scripts, and their start-up time counts.
 */
import { csvField } from '../core/csv';
import { UsageError } from './errors';

export {
  addOutputOption,
  makeOutDirectory,
  OUTPUT_FORMATS,
  type OutputFormat,
  type OutputOptions,
  outputFormat,
  printJson,
  printLine,
  writeOutFile,
  writeOutFiles,
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
  /** The human rendering (it may load the table renderer first). */
  table: () => void | Promise<void>;
}

/** Prints the data in the format the user asked for. */
export async function emit(opts: OutputOptions, data: Printable): Promise<void> {
  const format = outputFormat(opts);
  if (format === 'json') printJson(data.document);
  else if (format === 'yaml') {
    const { stringify } = await import('./yaml-text');
    process.stdout.write(stringify(data.document));
  } else if (format === 'csv') {
    if (!data.rows)
      throw new UsageError('--output csv: this command does not print records; use json or yaml');
    process.stdout.write(toCsv(data.rows()));
  } else await data.table();
}
