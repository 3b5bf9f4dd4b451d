/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) for the inference-runs file.
 * Replace with src/core/validation/csv.ts once that shared parser lands.
 */

/** Rows as arrays of fields, the header row included; blank lines are dropped. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Records keyed by the header's column names. */
export function parseCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...body] = parseCsvRows(text);
  const records = body.map((cells) => {
    const rec: Record<string, string> = {};
    header.forEach((name, i) => {
      rec[name] = (cells[i] ?? '').trim();
    });
    return rec;
  });
  return { header, records };
}
