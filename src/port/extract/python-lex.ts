/**
 * Where a Python file's strings and comments are, from one pass over the text: lets the extractor
 * tell a name in code from the same characters in a docstring without asking the parse tree
 * (each tree lookup crosses the wasm boundary). Follows the lexical rules that decide extents:
 * `#` comments to the end of the line; '…', "…", '''…''', """…""" with any prefix (r, b, f, u); a
 * backslash always takes the next character; the {…} holes of an f-string are code. Nested
 * same-quote f-strings (Python 3.12) are not followed.
 */

/**
 * The next character that can start a comment or a string, and the next one that can end (or split) a string of each
 * quote, f-string or not. The lexer jumps with these rather than stepping a character at a time: the regex engine's
 * native scan is several times faster than a JavaScript loop that the JIT has not optimised yet, which is the case
 * in every cold `chipmix port scan` (the lexer cost the main thread 0.19 s of a 1.5 s FlagGems scan).
 */
const NEXT_OPENING = /[#'"]/g;
const NEXT_IN_STRING = {
  single: /[\\'\n]/g,
  double: /[\\"\n]/g,
  singleF: /[\\'\n{]/g,
  doubleF: /[\\"\n{]/g,
};

/** The offset of the next match of a global regex at or after `from`, or `end` when there is none. */
function nextMatch(pattern: RegExp, text: string, from: number, end: number): number {
  pattern.lastIndex = from;
  const found = pattern.exec(text);
  return found ? found.index : end;
}

/** Sorted, disjoint [start, end) offsets of strings and comments. */
export function stringAndCommentRanges(text: string): Int32Array {
  const out: number[] = [];
  const n = text.length;
  let i = nextMatch(NEXT_OPENING, text, 0, n);
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
      const inString =
        c === 39
          ? fString
            ? NEXT_IN_STRING.singleF
            : NEXT_IN_STRING.single
          : fString
            ? NEXT_IN_STRING.doubleF
            : NEXT_IN_STRING.double;
      i += triple ? 3 : 1;
      for (;;) {
        i = nextMatch(inString, text, i, n);
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
    }
    i = i < n ? nextMatch(NEXT_OPENING, text, i, n) : n;
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
