/**
 * The one CSV reader (inventory files, published-run tables): strict RFC 4180, pure so it runs in
 * the core and the browser, remembering where each row starts so every problem can be reported
 * with its line. Accepts LF or CRLF, a UTF-8 byte-order mark, quoted fields with
 * embedded commas, quotes ("") and newlines. A file cut inside a quoted field is an error, never
 * a silently shorter last row.
 */

import { say } from './messages/say';
import type { Issue } from './result';

export interface CsvRow {
  /** 1-based line where the row starts. */
  readonly line: number;
  readonly fields: string[];
}

export interface CsvParse {
  readonly rows: CsvRow[];
  readonly issues: Issue[];
}

/** `at` names a line in an issue's path (`fleet.csv:12`, `line 12`). */
export function readCsv(text: string, at: (line: number) => string): CsvParse {
  const rows: CsvRow[] = [];
  const issues: Issue[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const nulLine = text.slice(0, nul).split('\n').length;
    issues.push({
      code: 'binary',
      path: at(nulLine),
      message: say('csv.nul'),
    });
    return { rows, issues };
  }
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let atRowEnd = false;
    while (!atRowEnd) {
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < text.length) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (!closed) {
          issues.push({
            code: 'unterminated_quote',
            path: at(start),
            message: say('csv.unterminated-quote'),
          });
          return { rows, issues };
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          issues.push({
            code: 'bad_quote',
            path: at(line),
            message: say('csv.text-after-quote'),
          });
          return { rows, issues };
        }
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') {
          issues.push({
            code: 'bad_quote',
            path: at(line),
            message: say('csv.quote-inside'),
          });
          return { rows, issues };
        }
        field += text[i];
        i++;
      }
      fields.push(field);
      field = '';
      const ch = text[i];
      if (ch === ',') {
        i++;
      } else {
        if (ch === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        atRowEnd = true;
      }
    }
    // Blank lines carry no data.
    if (!(fields.length === 1 && fields[0]!.trim() === '')) rows.push({ line: start, fields });
  }
  return { rows, issues };
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): a cell that
 * starts with one of them is written with a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a value when it needs it, and defuses one a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The value `csvField` wrote: an apostrophe before a formula character is taken off again. */
export function csvValue(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
