/**
 * A small RFC 4180 CSV reader, pure so it runs in the core and the browser: quoted fields with embedded
 * commas, quotes ("") and newlines; CRLF or LF line ends; a leading UTF-8 BOM. No type conversion.
 */
import { fail, ok, type Result } from '../result';

export interface CsvRow {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Splits CSV text into records of raw fields. */
export function parseCsvRecords(text: string): Result<Array<{ line: number; fields: string[] }>> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      field += c;
      atFieldStart = false;
    }
    i++;
  }
  if (quoted) {
    return fail({
      code: 'csv.unterminated-quote',
      path: `line ${startLine}`,
      message: 'a quoted field is never closed',
    });
  }
  if (field !== '' || fields.length > 0) endRecord();
  return ok(records);
}

/** Parses CSV text with a header line into rows keyed by (trimmed) column name. Extra cells are an issue. */
export function parseCsv(text: string): Result<CsvRow[]> {
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
