/**
 * Where a Python file's strings and comments are, from one pass over the text: lets the extractor
 * tell a name in code from the same characters in a docstring without asking the parse tree
 * (each tree lookup crosses the wasm boundary). Follows the lexical rules that decide extents:
 * `#` comments to the end of the line; '…', "…", '''…''', """…""" with any prefix (r, b, f, u); a
 * backslash always takes the next character; the {…} holes of an f-string are code. Nested
 * same-quote f-strings (Python 3.12) are not followed.
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
      // an f-string's {…} holes are code: record the string around them
      let p = i - 1;
      let fString = false;
      while (p >= 0 && p >= i - 2 && /[rRbBuUfF]/.test(text[p]!)) {
        if (text[p] === 'f' || text[p] === 'F') fString = true;
        p -= 1;
      }
      if (p >= 0 && /\w/.test(text[p]!)) fString = false; // `elif"`… is not a prefix
      let start = i;
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      i += triple ? 3 : 1;
      for (;;) {
        if (i >= n) break;
        const d = text.charCodeAt(i);
        if (d === 92 /* \\ */) {
          i += 2;
          continue;
        }
        if (fString && d === 123 /* { */) {
          if (text.charCodeAt(i + 1) === 123) {
            i += 2;
            continue;
          }
          out.push(start, i);
          i = skipHole(text, i + 1);
          start = i;
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
  return new Int32Array(out); // not Int32Array.from: its iterator path cost as much as the lexing
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

/** The offset after the `}` closing an f-string hole that starts at `from` (nested brackets and quotes skipped). */
function skipHole(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const d = text[i]!;
    if (d === '{' || d === '[' || d === '(') depth += 1;
    else if (d === '}' || d === ']' || d === ')') depth -= 1;
    else if (d === "'" || d === '"') {
      const close = text.indexOf(d, i + 1);
      i = close < 0 ? text.length : close;
    } else if (d === '\n' && depth === 1) break;
    i += 1;
  }
  return i;
}
