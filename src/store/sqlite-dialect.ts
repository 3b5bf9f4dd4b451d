/**
 * Kysely's SQLite dialect, adjusted for several processes sharing one file:
 * - transactions start with `BEGIN IMMEDIATE`, so a writer takes the write lock up front and waits
 *   (busy timeout) instead of failing later with SQLITE_BUSY when upgrading a read snapshot;
 * - DDL is declared transactional (SQLite's is), so the Migrator runs all pending migrations in one
 *   immediate transaction: two processes opening a fresh store at once migrate it once, and a crash
 *   mid-migration leaves nothing half-applied.
 * Built from a dynamically imported `kysely` so that commands that never open the store do not
 * pay for loading it.
 */
import type { DatabaseConnection, Dialect, SqliteDialectConfig } from 'kysely';

type KyselyModule = typeof import('kysely');

export function immediateSqliteDialect(kysely: KyselyModule, config: SqliteDialectConfig): Dialect {
  class ImmediateSqliteDriver extends kysely.SqliteDriver {
    override async beginTransaction(connection: DatabaseConnection): Promise<void> {
      await connection.executeQuery(kysely.CompiledQuery.raw('begin immediate'));
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
