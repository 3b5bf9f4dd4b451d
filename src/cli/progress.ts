/**
 * A progress bar on stderr for long CLI work (issue 14): drawn only when stderr is a terminal, only
 * once the work has taken 2 s, at most ten times a second, and cleared when the work ends, so that
 * short runs, pipes, files and CI logs never see it.
 */

/** What the bar writes to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  readonly stream?: ProgressStream;
  /** Milliseconds, monotonic (default performance.now). */
  readonly now?: () => number;
  /** Nothing is drawn before the work has taken this long (default 2000 ms). */
  readonly delayMs?: number;
  /** Least time between two draws (default 100 ms: at most ten a second). */
  readonly intervalMs?: number;
}

export interface Progress {
  /** `done` of `total` steps; `label` says what is being done. */
  update(done: number, total: number, label?: string): void;
  /** Clears the bar (when one was drawn). */
  end(): void;
}

const BAR = 20;

/** One line, `label [#####---------------]  25% (5/20)`, cut to fit `columns`. */
export function renderProgress(done: number, total: number, label: string, columns = 80): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * BAR);
  const percent = `${Math.floor(fraction * 100)}`.padStart(3);
  const count = Number.isInteger(done) && Number.isInteger(total) && total > 1 ? ` (${done}/${total})` : '';
  const line = `${label ? `${label} ` : ''}[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${percent}%${count}`;
  const width = Math.max(10, columns - 1); // never the last column: some terminals wrap there
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

const NOTHING: Progress = { update() {}, end() {} };

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return NOTHING;
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 2000;
  const intervalMs = options.intervalMs ?? 100;
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done, total, label = '') {
      const t = now();
      if (t - start < delayMs || t - lastDraw < intervalMs) return;
      lastDraw = t;
      drawn = true;
      stream.write(`\r${renderProgress(done, total, label, stream.columns ?? 80)}\x1b[K`);
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
