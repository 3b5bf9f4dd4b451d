/**
 * Kysely's SQLite dialect, adjusted for several processes sharing one file:
 * - transactions start with `BEGIN IMMEDIATE`, so a writer takes the write lock up front and waits
 *   instead of failing later with SQLITE_BUSY when upgrading a read snapshot. It runs through
 *   `exec`, not a prepared statement: libsql leaves a statement that failed with SQLITE_BUSY active
 *   (better-sqlite3 reset it), and the COMMIT after a wait would then fail with "cannot commit
 *   transaction - SQL statements in progress"; `exec` finalizes its statement;
 * - the wait is a queue, not a failure: each try waits the busy timeout (1 s) and is repeated until
 *   `lock.maxWaitMs` has passed; `lock.onWait` is told once, so the CLI can say it is waiting;
 * - a rollback after SQLite already rolled back by itself (disk full, I/O error) is not an error: the
 *   cause is reported, not "cannot rollback - no transaction is active";
 * - DDL is declared transactional (SQLite's is), so the Migrator runs all pending migrations in one
 *   immediate transaction: two processes opening a fresh store at once migrate it once, and a crash
 *   mid-migration leaves nothing half-applied.
 * Built from a dynamically imported `kysely` so that commands that never open the store do not
 * pay for loading it.
 */
import type { DatabaseConnection, Dialect, SqliteDatabase, SqliteDialectConfig } from 'kysely';
import { errorCode, StoreFailureError } from './errors';

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

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(errorCode(error));

export function lockedError(lock: WriterLockOptions): StoreFailureError {
  return new StoreFailureError(
    'locked',
    `the store (${lock.location}) stayed locked by another writer for ${Math.round(lock.maxWaitMs / 1000)} s; nothing was written. Retry when the other import finishes (or raise CHIPMIX_LOCK_WAIT_SECONDS)`,
  );
}

/** The connection: what kysely uses, and `exec` (libsql's and better-sqlite3's) for BEGIN IMMEDIATE. */
export interface ExecSqliteDatabase extends SqliteDatabase {
  exec(sql: string): unknown;
}

export function immediateSqliteDialect(
  kysely: KyselyModule,
  config: SqliteDialectConfig & { readonly database: ExecSqliteDatabase },
  lock: WriterLockOptions,
): Dialect {
  const { database } = config;
  class ImmediateSqliteDriver extends kysely.SqliteDriver {
    override async beginTransaction(_connection: DatabaseConnection): Promise<void> {
      const deadline = Date.now() + lock.maxWaitMs;
      let told = false;
      for (;;) {
        try {
          // the connection kysely hands out is this one database (SQLite has a single connection)
          database.exec('begin immediate');
          return;
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (Date.now() >= deadline) throw lockedError(lock);
          if (!told) lock.onWait?.();
          told = true;
        }
      }
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
      return new ImmediateSqliteDriver(config);
    }
    override createAdapter() {
      return new TransactionalDdlSqliteAdapter();
    }
  }
  return new ImmediateSqliteDialect(config);
}
