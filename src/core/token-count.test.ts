import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, parseTokenCount, tokenCountSchema } from './token-count';

describe('token counts', () => {
  it('reads the ways people write them', () => {
    expect(parseTokenCount('15T')).toBe(15e12);
    expect(parseTokenCount(' 14.8t ')).toBeCloseTo(14.8e12);
    expect(parseTokenCount('300B')).toBe(300e9);
    expect(parseTokenCount('2e12')).toBe(2e12);
    expect(parseTokenCount('4M')).toBe(4e6);
    expect(parseTokenCount('1.5G')).toBe(1.5e9);
  });
  it('holds every boundary to one range: at least one token, at most MAX_TOKENS', () => {
    for (const bad of ['0.5', '0', '-3T', '1e300', 'lots', '', 'Infinity'])
      expect(parseTokenCount(bad)).toBeNull();
    expect(parseTokenCount('1000000T')).toBe(MAX_TOKENS);
    expect(tokenCountSchema.safeParse(0.5).success).toBe(false);
    expect(tokenCountSchema.safeParse(1e300).success).toBe(false);
    expect(tokenCountSchema.safeParse('15T').data).toBe(15e12);
    expect(tokenCountSchema.safeParse(1).data).toBe(1);
  });
});
