import { describe, expect, it } from 'vitest';
import { inRanges, stringAndCommentRanges } from './python-lex';

describe('python strings and comments', () => {
  it('finds comments, single, triple, prefixed and escaped strings', () => {
    const text = [
      'x = torch.cuda  # torch.cuda in a comment',
      's = "torch.cuda \\" still string" + torch.cuda',
      "d = '''",
      'torch.cuda in a docstring',
      "'''",
      "r = rb'\\\\' + torch.cuda",
      "f = f\"{torch.cuda.get_device_name().replace(' ', '_')} torch.cuda {{torch.cuda}}\"",
    ].join('\n');
    const ranges = stringAndCommentRanges(text);
    const at = (needle: string, nth = 0) => {
      let i = -1;
      for (let k = 0; k <= nth; k += 1) i = text.indexOf(needle, i + 1);
      return i;
    };
    expect(inRanges(ranges, at('torch.cuda', 0))).toBe(false); // code
    expect(inRanges(ranges, at('torch.cuda', 1))).toBe(true); // comment
    expect(inRanges(ranges, at('torch.cuda', 2))).toBe(true); // string with an escaped quote
    expect(inRanges(ranges, at('torch.cuda', 3))).toBe(false); // after the string
    expect(inRanges(ranges, at('torch.cuda', 4))).toBe(true); // triple-quoted
    expect(inRanges(ranges, at('torch.cuda', 5))).toBe(false); // after a raw bytes string ending in \\
    expect(inRanges(ranges, at('torch.cuda', 6))).toBe(false); // an f-string hole is code
    expect(inRanges(ranges, at('torch.cuda', 7))).toBe(true); // the f-string's text
    expect(inRanges(ranges, at('torch.cuda', 8))).toBe(true); // {{ }} is text
  });

  it('jumps between quotes and comments to the same ranges as a character-by-character lexer', () => {
    // the pieces a Python file is made of, including the awkward ones: same-quote runs inside triple strings,
    // escapes at the end of a string, unterminated strings, f-string holes with nested brackets and quotes
    const pieces = [
      'x = torch.cuda\n',
      `# a comment with "quotes" and 'ticks'\n`,
      `s = 'it''s'\n`,
      's = "a \\" b"\n',
      'd = """ one "" two " three """\n',
      `d = ''' it's '' here '''\n`,
      `f"{a['k']} {{x}} {b(')')}"\n`,
      `rb'\\\\' + y\n`,
      'u = "unterminated\n',
      'elif"x":\n',
      `F'{x!r:>{width}}'\n`,
      '"""never closed',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 300; trial += 1) {
      const count = 1 + Math.floor(random() * 12);
      let text = '';
      for (let k = 0; k < count; k += 1) text += pieces[Math.floor(random() * pieces.length)];
      expect([...stringAndCommentRanges(text)], JSON.stringify(text)).toEqual(referenceRanges(text));
    }
  });
});

/** The lexer as it was before it jumped with regexes (a character at a time): the oracle for the test above. */
function referenceRanges(text: string): number[] {
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
          i = referenceSkipHole(text, i + 1);
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
  return out;
}
function referenceSkipHole(text: string, from: number): number {
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
