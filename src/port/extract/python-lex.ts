/**
 * Where a Python file's strings and comments are, from one pass over the text: lets the extractor
 * tell a name in code from the same characters in a docstring without asking the parse tree
 * (each tree lookup crosses the wasm boundary). Follows the lexical rules that decide extents:
 * `#` comments to the end of the line; '…', "…", '''…''', """…""" with any prefix (r, b, f, u); a
 * backslash always takes the next character. Nested same-quote f-strings (Python 3.12) are not
 * followed; the parse tree still decides every case this mask does not rule out.
 */

/** Sorted, disjoint [start, end) offsets of strings and comments. */
export function stringAndCommentRanges(text: string): Int32Array {
  const out: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out.push(i, stop);
      i = stop;
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      const start = i;
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      i += triple ? 3 : 1;
      for (;;) {
        if (i >= n) break;
        const d = text.charCodeAt(i);
        if (d === 92 /* \\ */) {
          i += 2;
          continue;
        }
        if (d === c) {
          if (!triple) {
            i += 1;
            break;
          }
          if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
            i += 3;
            break;
          }
        } else if (d === 10 && !triple) break; // an unterminated single-line string ends at the line
        i += 1;
      }
      out.push(start, Math.min(i, n));
    } else i += 1;
  }
  return Int32Array.from(out);
}

/** Whether an offset lies inside one of the ranges. */
export function inRanges(ranges: Int32Array, index: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid * 2]! > index) hi = mid - 1;
    else if (ranges[mid * 2 + 1]! <= index) lo = mid + 1;
    else return true;
  }
  return false;
}
