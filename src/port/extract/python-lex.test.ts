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
});
