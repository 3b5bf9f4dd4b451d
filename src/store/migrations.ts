/**
 * The migration list, inlined (not read from disk) so the bundled CLI carries it. Applied by Kysely's
 * Migrator on open, inside one transaction per run on both dialects (see dialect.ts for SQLite).
 * Append new migrations; never edit an applied one.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Database } from './schema';

type Dialect = 'sqlite' | 'postgres';

function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sites')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('region', 'text')
        .addColumn('state_funded', 'integer', (c) => c.notNull())
        .addColumn('project_completion_pct', 'double precision')
        .addColumn('commissioning_date', 'text')
        .addColumn('notes', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('purchase_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site', 'text', (c) => c.references('sites.name'))
        .addColumn('vendor', 'text')
        .addColumn('ordered_date', 'text')
        .addColumn('expected_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('value_usd', 'double precision')
        .addColumn('notes', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('hardware')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site', 'text', (c) => c.notNull().references('sites.name'))
        .addColumn('hardware_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('install_date', 'text')
        .addColumn('decommission_date', 'text')
        .addColumn('serial', 'text')
        .addColumn('notes', 'text')
        .addColumn('purchase_order_id', 'text', (c) => c.references('purchase_orders.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Covers the compliance read (GROUP BY these columns, SUM(quantity)): SQLite answers it from
      // the index in order, without sorting 100,000 rows.
      await db.schema
        .createIndex('hardware_compliance_idx')
        .on('hardware')
        .columns(['site', 'hardware_id', 'status', 'install_date', 'decommission_date', 'quantity'])
        .execute();
      await db.schema
        .createTable('policies')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('policies_pk', ['id', 'version'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_name', 'text', (c) => c.notNull().references('users.name'))
        .addColumn('label', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      // The only dialect difference: how an auto-incrementing key is spelled.
      await db.schema
        .createTable('change_log')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('batch', 'text')
        .execute();
      await db.schema
        .createIndex('change_log_entity_idx')
        .on('change_log')
        .columns(['entity', 'entity_id'])
        .execute();
      const now = new Date().toISOString();
      await (db as Kysely<Database>)
        .insertInto('organisations')
        .values({ id: 'default', name: 'default', version: 1, created_at: now, updated_at: now })
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'change_log',
        'api_tokens',
        'users',
        'policies',
        'hardware',
        'purchase_orders',
        'sites',
        'organisations',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

/**
 * A counter every write moves (in the same transaction as the write, see changelog.ts): readers
 * that cache what they computed from the store (the server's compliance timeline) check it, one
 * row, instead of re-reading 100,000 records. Same table in both stores.
 */
const storeRevision: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('store_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .execute();
    await (db as Kysely<Database>).insertInto('store_revision').values({ id: 1, revision: 0 }).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('store_revision').execute();
  },
};

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return { '0001_initial': initial(dialect), '0002_store_revision': storeRevision };
}

export const MIGRATION_NAMES: readonly string[] = Object.keys(migrationsFor('sqlite'));

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) };
}
