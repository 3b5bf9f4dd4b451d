import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords, readCsvTable } from './csv';

const fields = (text: string) => {
  const r = parseCsvRecords(text);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value.map((rec) => rec.fields);
};

describe('parseCsvRecords', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(fields('a,b,,d\n1,,3,\n')).toEqual([
      ['a', 'b', '', 'd'],
      ['1', '', '3', ''],
    ]);
  });

  it('handles quotes, doubled quotes, embedded commas and newlines', () => {
    expect(fields('x,"a, b","say ""hi""","two\nlines"\r\n')).toEqual([
      ['x', 'a, b', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('strips a BOM, accepts CRLF, skips blank lines and a missing final newline', () => {
    expect(fields('\uFEFFa,b\r\n\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reports the start line of each record', () => {
    const r = parseCsvRecords('h\n"multi\nline"\nnext\n');
    expect(r.value?.map((x) => x.line)).toEqual([1, 2, 4]);
  });

  it('fails on an unterminated quote', () => {
    const r = parseCsvRecords('a\n"open\n');
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]?.path).toBe('line 2');
  });

  it('round-trips arbitrary fields written with quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'é') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (table) => {
          const text = table
            .map((row) => row.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
            .join('\r\n');
          expect(fields(text)).toEqual(table);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('readCsvTable', () => {
  it('keys rows by trimmed header names and pads short rows', () => {
    const r = readCsvTable('\uFEFF# GPUs, name\n8,x\n16\n');
    expect(r.value).toEqual([
      { line: 2, values: { '# GPUs': '8', name: 'x' } },
      { line: 3, values: { '# GPUs': '16', name: '' } },
    ]);
  });

  it('rejects a row with more fields than the header', () => {
    const r = readCsvTable('a,b\n1,2,3\n');
    expect(r.issues?.[0]).toMatchObject({ code: 'csv.too-many-fields', path: 'line 2' });
  });
});
