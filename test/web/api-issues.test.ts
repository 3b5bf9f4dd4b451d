/** A failed call always shows something: the API's issues, or its one-line error when it sent none (429, 403). */
import { describe, expect, it } from 'vitest';
import { ApiError, issuesOf } from '../../src/web/api';

describe('issuesOf', () => {
  it("keeps the API's issues", () => {
    const issues = [{ path: 'devices', message: 'expected a positive integer' }];
    expect(issuesOf(new ApiError(400, 'invalid request', issues))).toEqual(issues);
  });
  it('falls back to the error line when the answer had no issues (it showed nothing before)', () => {
    expect(issuesOf(new ApiError(429, 'one running job per user'))).toEqual([
      { path: '', message: 'one running job per user' },
    ]);
    expect(issuesOf(new TypeError('Failed to fetch'))).toEqual([{ path: '', message: 'Failed to fetch' }]);
  });
});
