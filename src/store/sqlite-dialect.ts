/**
 * Kysely's SQLite dialect, adjusted for several processes sharing one file:
 * - transactions start with `BEGIN IMMEDIATE`, so a writer takes the write lock up front and waits
 *   instead of failing later with SQLITE_BUSY when upgrading a read snapshot. It runs through
 *   `exec`, not a prepared statement: libsql leaves a statement that failed with SQLITE_BUSY active
 *   (better-sqlite3 reset it), and the COMMIT after a wait would then fail with "cannot commit
 *   transaction - SQL statements in progress"; `exec` finalizes its statement;
 * - the wait is a queue, not a failure: each try waits the busy timeout (1 s) and is repeated until
 *   `lock.maxWaitMs` has passed; `lock.onWait` is told once, so the CLI can say it is waiting;
 * - a write outside a transaction (kysely's Migrator creates its tables so) runs in one of its own
 *   and queues the same way: left alone it would fail with SQLITE_BUSY after the busy timeout, and
 *   libsql leaves a statement that failed so active, holding a read snapshot that made every later
 *   BEGIN IMMEDIATE on the connection fail with SQLITE_BUSY_SNAPSHOT (four imports started together
 *   on a fresh store: one spun until its lock wait ran out);
 * - a rollback after SQLite already rolled back by itself (disk full, I/O error) is not an error: the
 *   cause is reported, not "cannot rollback - no transaction is active";
 * - parameters libsql mishandles are refused before they reach it: a boolean (libsql aborts the
 *   whole process; better-sqlite3 threw a TypeError) and, in a write, text holding a NUL character
 *   (libsql reads text back only up to the NUL, so the record would come back cut);
 * - DDL is declared transactional (SQLite's is), so the Migrator runs all pending migrations in one
 *   immediate transaction: two processes opening a fresh store at once migrate it once, and a crash
 *   mid-migration leaves nothing half-applied.
 * Built from a dynamically imported `kysely` so that commands that never open the store do not
 * pay for loading it.
 */
import type {
  DatabaseConnection,
  Dialect,
  SqliteDatabase,
  SqliteDialectConfig,
  SqliteStatement,
} from 'kysely';
import { errorCode, InvalidRecordError, StoreFailureError } from './errors';

type KyselyModule = typeof import('kysely');

/** How a writer waits for another one to finish. */
export interface WriterLockOptions {
  /** Give up after this long (ms). */
  readonly maxWaitMs: number;
  /** Called once when a writer has to wait. */
  readonly onWait?: (() => void) | undefined;
  /** Names the store in the error after `maxWaitMs`. */
  readonly location: string;
}

/** Another writer holds the lock. Not SQLITE_BUSY_SNAPSHOT: a stale snapshot is not freed by waiting. */
const isBusy = (error: unknown) => {
  const code = errorCode(error);
  return /^SQLITE_(BUSY|LOCKED)/.test(code) && code !== 'SQLITE_BUSY_SNAPSHOT';
};

export function lockedError(lock: WriterLockOptions): StoreFailureError {
  return new StoreFailureError(
    'locked',
    `the store (${lock.location}) stayed locked by another writer for ${Math.round(lock.maxWaitMs / 1000)} s; nothing was written. Retry when the other import finishes (or raise CHIPMIX_LOCK_WAIT_SECONDS)`,
  );
}

/** Statements that store text. */
const WRITE = /^\s*(insert|update|replace)\b/i;
/** Statements that take the write lock (kysely writes no other kind). */
const CHANGE = /^\s*(insert|update|delete|replace|create|drop|alter)\b/i;

/** `parameters`, once checked for what libsql cannot take (see above). */
function checked(sql: string, parameters: ReadonlyArray<unknown>): ReadonlyArray<unknown> {
  for (const value of parameters) {
    if (typeof value === 'boolean')
      throw new TypeError('SQLite can only bind numbers, strings, bigints, buffers, and null');
    if (typeof value === 'string' && value.includes('\u0000') && WRITE.test(sql))
      throw new InvalidRecordError(
        'a text value holds a NUL character (U+0000), which the store cannot keep; nothing was written',
      );
  }
  return parameters;
}

/** Prepared statements kept per connection, by SQL text (the least recently used one goes first). */
const CACHED_STATEMENTS = 32;

/**
 * `database` with every statement's parameters checked, its writes outside a transaction run in one
 * of their own (`begin` waits for the lock, see above), and its prepared statements kept for reuse:
 * kysely prepares each query anew, and libsql's prepare is slow for the big multi-row INSERTs of an
 * import (about 8 ms for 500 rows x 13 columns, 3 times better-sqlite3's, which doubled the CPU time
 * of a 100,000-record import). A statement that failed is dropped (libsql may leave it active).
 */
function guarded(database: ExecSqliteDatabase, begin: () => void): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close() {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else {
        statement = database.prepare(sql);
        if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      const change = CHANGE.test(sql);
      const use = <T>(execute: (statement: SqliteStatement) => T): T => {
        const own = change && !database.inTransaction;
        if (own) begin();
        try {
          const result = execute(statement);
          if (own) database.exec('commit');
          return result;
        } catch (error) {
          if (statements.get(sql) === statement) statements.delete(sql);
          try {
            if (own && database.inTransaction) database.exec('rollback');
          } catch {
            // the cause is reported, not the rollback
          }
          throw error;
        }
      };
      return {
        reader: statement.reader,
        all: (parameters) => use((s) => s.all(checked(sql, parameters))),
        run: (parameters) => use((s) => s.run(checked(sql, parameters))),
        iterate: (parameters) => use((s) => s.iterate(checked(sql, parameters))),
      };
    },
  };
}

/** The connection: what kysely uses, with `exec` and `inTransaction` (libsql's and better-sqlite3's). */
export interface ExecSqliteDatabase extends SqliteDatabase {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

export function immediateSqliteDialect(
  kysely: KyselyModule,
  config: SqliteDialectConfig & { readonly database: ExecSqliteDatabase },
  lock: WriterLockOptions,
): Dialect {
  const { database } = config;
  let told = false;
  /** BEGIN IMMEDIATE, waiting for other writers (SQLite's busy handler sleeps between tries). */
  const begin = (): void => {
    const deadline = Date.now() + lock.maxWaitMs;
    for (;;) {
      try {
        database.exec('begin immediate');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) throw lockedError(lock);
        if (!told) lock.onWait?.();
        told = true;
      }
    }
  };
  class ImmediateSqliteDriver extends kysely.SqliteDriver {
    // the connection kysely hands out is this one database (SQLite has a single connection)
    override async beginTransaction(_connection: DatabaseConnection): Promise<void> {
      begin();
    }

    override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
      try {
        await super.rollbackTransaction(connection);
      } catch (error) {
        // SQLite ends the transaction itself on SQLITE_FULL and some I/O errors
        if (!/no transaction is active/.test((error as Error).message)) throw error;
      }
    }
  }
  class TransactionalDdlSqliteAdapter extends kysely.SqliteAdapter {
    override get supportsTransactionalDdl(): boolean {
      return true;
    }
  }
  class ImmediateSqliteDialect extends kysely.SqliteDialect {
    override createDriver() {
      return new ImmediateSqliteDriver({ ...config, database: guarded(database, begin) });
    }
    override createAdapter() {
      return new TransactionalDdlSqliteAdapter();
    }
  }
  return new ImmediateSqliteDialect(config);
}
