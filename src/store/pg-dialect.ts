/**
 * Kysely's PostgreSQL dialect with one writer at a time, as SQLite has: every transaction first
 * takes a transaction-scoped advisory lock (released at commit or rollback), so concurrent imports
 * queue instead of racing (duplicate detection and totals stay exact). A writer that finds the lock
 * taken tells `lock.onWait` once and waits up to `lock.maxWaitMs` (PostgreSQL's `lock_timeout`).
 * Reads run outside transactions and never wait.
 */
import type { DatabaseConnection, Dialect, PostgresDialectConfig, TransactionSettings } from 'kysely';
import { lockedError, type WriterLockOptions } from './sqlite-dialect';

type KyselyModule = typeof import('kysely');

/** The advisory lock key: "chipmix" in a 64-bit integer; scoped to the database by PostgreSQL. */
// (decimal: PostgreSQL 15 has no hexadecimal integer literals)
const WRITER_LOCK_KEY = '27980824761428344';

export function lockingPostgresDialect(
  kysely: KyselyModule,
  config: PostgresDialectConfig,
  lock: WriterLockOptions,
): Dialect {
  const raw = kysely.CompiledQuery.raw;
  class LockingPostgresDriver extends kysely.PostgresDriver {
    override async beginTransaction(
      connection: DatabaseConnection,
      settings: TransactionSettings,
    ): Promise<void> {
      await super.beginTransaction(connection, settings);
      const tried = await connection.executeQuery<{ ok: boolean }>(
        raw(`select pg_try_advisory_xact_lock(${WRITER_LOCK_KEY}) as ok`),
      );
      if (tried.rows[0]?.ok) return;
      lock.onWait?.();
      await connection.executeQuery(
        raw(`set local lock_timeout = ${Math.max(1, Math.round(lock.maxWaitMs))}`),
      );
      try {
        await connection.executeQuery(raw(`select pg_advisory_xact_lock(${WRITER_LOCK_KEY})`));
      } catch (error) {
        if ((error as { code?: string }).code === '55P03') throw lockedError(lock);
        throw error;
      }
      await connection.executeQuery(raw('set local lock_timeout to default'));
    }
  }
  class LockingPostgresDialect extends kysely.PostgresDialect {
    override createDriver() {
      return new LockingPostgresDriver(config);
    }
  }
  return new LockingPostgresDialect(config);
}
