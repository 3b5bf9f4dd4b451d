/**
 * Published-run tables as rows keyed by column name, read with the core's one CSV reader
 * (src/core/csv.ts). No type conversion.
 */
import { readCsv } from '../csv';
import { fail, ok, type Result } from '../result';

export interface CsvRow {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Splits CSV text into records of raw fields (the core's one reader, src/core/csv.ts). */
export function parseCsvRecords(text: string): Result<Array<{ line: number; fields: string[] }>> {
  const parsed = readCsv(text, (line) => `line ${line}`);
  return parsed.issues.length > 0 ? fail(...parsed.issues) : ok(parsed.rows);
}

/** Parses CSV text with a header line into rows keyed by (trimmed) column name. Extra cells are an issue. */
export function readCsvTable(text: string): Result<CsvRow[]> {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return parsed;
  const [header, ...body] = parsed.value;
  if (!header) return ok([]);
  const columns = header.fields.map((c) => c.trim());
  const rows: CsvRow[] = [];
  for (const rec of body) {
    if (rec.fields.length > columns.length) {
      return fail({
        code: 'csv.too-many-fields',
        path: `line ${rec.line}`,
        message: `${rec.fields.length} fields but the header has ${columns.length} columns`,
      });
    }
    const values: Record<string, string> = {};
    columns.forEach((col, k) => {
      values[col] = rec.fields[k] ?? '';
    });
    rows.push({ line: rec.line, values });
  }
  return ok(rows);
}
