/** Store failures a user can act on. The CLI maps them to one line and exit code 2. */

/** An optimistic-locking conflict: the row changed between read and write. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly entity: string,
    readonly entityId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      actualVersion === null
        ? `${entity} ${entityId} was deleted since you read it (version ${expectedVersion}); nothing was written`
        : `${entity} ${entityId}: the record changed since you read it (you had version ${expectedVersion}, it is now ${actualVersion}); re-read it and retry, nothing was written`,
    );
  }
}

/** A record the store refuses to hold (a bound of the schema broken by a caller that skipped it). */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly entityId: string,
  ) {
    super(`no ${entity} ${entityId}`);
  }
}

/** What went wrong with the store itself (not with the data): each has its own advice. */
export type StoreFailureKind = 'disk-full' | 'read-only' | 'locked' | 'damaged' | 'unreachable';

/** A failure of the store itself, with one line that says what happened and what to do. */
export class StoreFailureError extends Error {
  override readonly name = 'StoreFailureError';
  constructor(
    readonly kind: StoreFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** SQLite's primary result codes that name a store failure (the low byte of an extended code). */
const SQLITE_PRIMARY: Readonly<Record<number, string>> = {
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
};

/**
 * An error's `code`: SQLite's name for it (libsql's `SqliteError`), Node's errno name or a
 * PostgreSQL SQLSTATE. libsql names only the extended codes it knows and calls the others
 * `UNKNOWN_SQLITE_ERROR_<n>` (e.g. 1544, SQLITE_READONLY_DIRECTORY): those go by their primary code.
 */
export function errorCode(error: unknown): string {
  const { code, rawCode } = (error ?? {}) as { code?: unknown; rawCode?: unknown };
  const name = String(code ?? '');
  if (name.startsWith('UNKNOWN_SQLITE_ERROR_') && typeof rawCode === 'number')
    return SQLITE_PRIMARY[rawCode & 0xff] ?? name;
  return name;
}

/**
 * libsql reports a file it cannot open as a bare `ConnectionFailed("Unable to open connection to
 * local database FILE: 14")`, with no code: this gives it SQLite's code and a readable line.
 */
export function sqliteOpenError(error: unknown, file: string): unknown {
  const match = /^ConnectionFailed\(".*: (\d+)"\)$/.exec(error instanceof Error ? error.message : '');
  if (!match) return error;
  const rawCode = Number(match[1]);
  const code = SQLITE_PRIMARY[rawCode & 0xff] ?? `SQLITE_ERROR_${rawCode}`;
  return Object.assign(new Error(`SQLite cannot open ${file} (${code})`), { code, rawCode });
}

const CODES: ReadonlyArray<[RegExp, StoreFailureKind]> = [
  // SQLite (libsql's `code`), Node's fs, PostgreSQL SQLSTATE classes 53 and 25, 55P03
  [/^(SQLITE_FULL|ENOSPC|EDQUOT|53100)$/, 'disk-full'],
  [/^(SQLITE_READONLY.*|EROFS|EACCES|EPERM|25006)$/, 'read-only'],
  [/^(SQLITE_BUSY.*|SQLITE_LOCKED.*|55P03)$/, 'locked'],
  [/^(SQLITE_CORRUPT.*|SQLITE_NOTADB)$/, 'damaged'],
  [/^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|57P0[1-3]|28P01|28000|3D000)$/, 'unreachable'],
];

/**
 * The store failure behind `error`, as one line naming `location` (the file or masked URL), or null
 * when `error` is something else. Used by the CLI (exit 2) and the server (503).
 */
export function describeStoreFailure(error: unknown, location: string): StoreFailureError | null {
  if (error instanceof StoreFailureError) return error;
  const code = errorCode(error);
  const kind = CODES.find(([pattern]) => pattern.test(code))?.[1];
  if (!kind) return null;
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const message = {
    'disk-full': `the disk holding the store (${location}) is full; nothing was written. Free some space and retry`,
    'read-only': `the store (${location}) cannot be written: its directory or file is read-only; nothing was written. Use --data-dir (or CHIPMIX_DATA_DIR) with a writable directory`,
    locked: `the store (${location}) is locked by another writer and was not freed in time; nothing was written. Retry when the other import finishes`,
    damaged: `${location} is not a chipmix store, or it is damaged (${detail}). Restore it from a backup or an exported snapshot`,
    unreachable: `cannot reach the store (${location}): ${detail}`,
  }[kind];
  return new StoreFailureError(kind, message);
}
