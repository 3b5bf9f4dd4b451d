/**
 * Expected failures are values, not exceptions (the zod pattern): every issue has a code,
 * a path into the input and a one-line message for people.
 */
export interface Issue {
  readonly code: string;
  /** Where the problem is: a file, a field path, a CSV row and column. */
  readonly path: string;
  readonly message: string;
}

export type Result<T> =
  | { ok: true; value: T; issues?: never }
  | { ok: false; issues: Issue[]; value?: never };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...issues: Issue[]): Result<T> => ({ ok: false, issues });

/** Formats a zod-style path (`['chips', 3, 'hbm']`) as `chips[3].hbm`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per issue: `path: message`. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
