/**
 * What a port's open history shows, and the engineer-day range derived from it (pure; the git side
 * is scripts/port-backtest.ts). Method (docs/PORT.md, Validation):
 *
 * - Events: every port commit is an (author, day) event. A squash-merged pull request keeps its
 *   commit count (the `* subject` lines of its message) but not their days: it counts as
 *   ceil(squashed / commitsPerAuthorDay) author-days, the rate observed on the cases whose commits
 *   kept their dates, and its open→merge span (when known) as one streak of its author.
 * - low = author-days: distinct (author, day) pairs. People commit on most days they work on a
 *   focused port, and some days' work is committed later, so it is the floor of the range.
 * - high = streak days: per author, events at most 7 calendar days apart join one streak, and each
 *   streak counts its weekdays. Days between commits of one stretch of work are taken as worked.
 * - The observed point is the geometric mean of low and high.
 */

export interface HistoryCommit {
  readonly author: string;
  /** YYYY-MM-DD (author date). */
  readonly date: string;
  readonly added: number;
  readonly deleted: number;
  /** Commits folded into this one by a squash merge (0 for an ordinary commit). */
  readonly squashed: number;
  /** For a squash merge: the day its pull request was opened, if known. */
  readonly opened?: string;
}

export interface HistoryEvidence {
  readonly commits: number;
  readonly squashedCommits: number;
  readonly authors: number;
  readonly authorDays: number;
  readonly streakDays: number;
  readonly linesAdded: number;
  readonly linesDeleted: number;
  readonly first: string;
  readonly last: string;
}

/** A streak joins events at most this many calendar days apart. */
export const STREAK_GAP_DAYS = 7;

const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
/** Weekdays (Mon–Fri) from day a to day b inclusive. */
export function weekdaysBetween(a: number, b: number): number {
  let n = 0;
  for (let d = a; d <= b; d += 1) {
    const weekday = (d + 4) % 7; // day 0 (1970-01-01) was a Thursday
    if (weekday !== 0 && weekday !== 6) n += 1;
  }
  return n;
}

/** Commits per author-day on dated history (used to turn squashed commit counts into days). */
export function commitsPerAuthorDay(commits: readonly HistoryCommit[]): {
  commits: number;
  authorDays: number;
} {
  const dated = commits.filter((c) => c.squashed === 0);
  return { commits: dated.length, authorDays: new Set(dated.map((c) => `${c.author}\u0000${c.date}`)).size };
}

/**
 * The rate that turns a squash merge's commits into author-days, pooled over the dated commits of every case. Only
 * a run that re-derived every case's history can pool it; given fewer histories than cases it keeps the stored rate,
 * so that one case's own rate never re-prices the others' squash merges.
 */
export function pooledCommitsPerAuthorDay(
  histories: ReadonlyArray<readonly HistoryCommit[]>,
  caseCount: number,
  storedRate: number,
): number {
  if (histories.length < caseCount) return storedRate;
  const pooled = histories.map(commitsPerAuthorDay);
  const authorDays = pooled.reduce((n, p) => n + p.authorDays, 0);
  return authorDays > 0 ? pooled.reduce((n, p) => n + p.commits, 0) / authorDays : storedRate;
}

export function measureHistory(commits: readonly HistoryCommit[], rate: number): HistoryEvidence {
  const dated = commits.filter((c) => c.squashed === 0);
  const squashes = commits.filter((c) => c.squashed > 0);
  const authorDays = new Set(dated.map((c) => `${c.author}\u0000${c.date}`));
  let streakDays = 0;
  const byAuthor = new Map<string, number[]>();
  for (const c of dated) {
    const list = byAuthor.get(c.author) ?? [];
    list.push(dayNumber(c.date));
    byAuthor.set(c.author, list);
  }
  for (const days of byAuthor.values()) {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    let start = sorted[0]!;
    let prev = start;
    for (const d of sorted.slice(1)) {
      if (d - prev > STREAK_GAP_DAYS) {
        streakDays += Math.max(1, weekdaysBetween(start, prev));
        start = d;
      }
      prev = d;
    }
    if (sorted.length > 0) streakDays += Math.max(1, weekdaysBetween(start, prev));
  }
  let squashDays = 0;
  for (const s of squashes) {
    const days = Math.ceil(s.squashed / rate);
    squashDays += days;
    streakDays += s.opened ? Math.max(days, weekdaysBetween(dayNumber(s.opened), dayNumber(s.date))) : days;
  }
  const dates = commits.map((c) => c.date).sort();
  return {
    commits: commits.length,
    squashedCommits: squashes.reduce((n, s) => n + s.squashed, 0),
    authors: new Set(commits.map((c) => c.author)).size,
    authorDays: authorDays.size + squashDays,
    streakDays,
    linesAdded: commits.reduce((n, c) => n + c.added, 0),
    linesDeleted: commits.reduce((n, c) => n + c.deleted, 0),
    first: dates[0] ?? '',
    last: dates[dates.length - 1] ?? '',
  };
}

/** The observed engineer-day range [author-days, streak days] and its geometric midpoint. */
export function observedDays(e: Pick<HistoryEvidence, 'authorDays' | 'streakDays'>): {
  range: [number, number];
  point: number;
} {
  const low = Math.max(1, e.authorDays);
  const high = Math.max(low, e.streakDays);
  return { range: [low, high], point: Math.sqrt(low * high) };
}

/**
 * More changed lines per observed author-day than this means the history cannot account for the
 * code (typically a vendor upstreaming, in one squash, work done elsewhere): such a case is kept as
 * data but left out of fitting and scoring.
 */
export const MAX_LINES_PER_AUTHOR_DAY = 1000;

export function historyAccountsForCode(
  e: Pick<HistoryEvidence, 'authorDays' | 'linesAdded' | 'linesDeleted'>,
): boolean {
  return (e.linesAdded + e.linesDeleted) / Math.max(1, e.authorDays) <= MAX_LINES_PER_AUTHOR_DAY;
}
