import { describe, expect, it } from 'vitest';
import { shiftYears } from '../../src/web/dates';

describe('shiftYears', () => {
  it('moves the year and keeps the day', () => {
    expect(shiftYears('2026-12-07', -1)).toBe('2025-12-07');
    expect(shiftYears('2026-12-07', 2)).toBe('2028-12-07');
  });
  it('turns 29 February into the 28th in a year without it (the trajectory asked for 2023-02-29)', () => {
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(shiftYears('2096-02-29', 4)).toBe('2100-02-28');
  });
});
