/** One input, one issue: a value that fails its first rule is not also reported by the rules built on it. */
import { describe, expect, it } from 'vitest';
import { isoDate } from './contract';
import { sweepSchema } from './plan/request';

const messages = (r: { error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('one issue per broken field', () => {
  it('a date not in YYYY-MM-DD form is not also a date that does not exist', () => {
    expect(messages(isoDate.safeParse('tomorrow'))).toHaveLength(1);
    expect(messages(isoDate.safeParse('2025-02-30'))).toHaveLength(1);
  });
  it('a sweep step of 0 is not also too many steps, and its message names no CLI placeholder', () => {
    expect(messages(sweepSchema.safeParse({ from: 0, to: 100, step: 0 }))).toEqual([
      'expected a step above 0',
    ]);
    expect(messages(sweepSchema.safeParse('0:100:0'))).toEqual(['expected a step above 0']);
  });
});
