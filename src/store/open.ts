/**
 * Opening the store: the embedded SQLite file `chipmix.db` in the data directory by default, or
 * PostgreSQL when a connection URL is given. Pending migrations are applied on open.
 *
 * Location, first match wins: `url` (CHIPMIX_DATABASE_URL), then `dataDir` (--data-dir), then
 * CHIPMIX_DATA_DIR, then `./.chipmix`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { MIGRATION_NAMES, migrationProvider } from './migrations';
import type { Database } from './schema';
import { immediateSqliteDialect } from './sqlite-dialect';

// kysely, better-sqlite3 and pg are imported on first use: `chipmix catalog ...` never loads them.
const loadKysely = () => import('kysely');

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** The SQLite file, or the URL with its password masked. */
  readonly location: string;
  close(): Promise<void>;
}

export interface StoreLocationOptions {
  readonly url?: string | undefined;
  readonly dataDir?: string | undefined;
}

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Where the store lives, from options and the environment. */
export function resolveStoreLocation(
  options: StoreLocationOptions = {},
  env: Record<string, string | undefined> = process.env,
): StoreLocation {
  const url = options.url ?? env.CHIPMIX_DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  const dir = options.dataDir ?? env.CHIPMIX_DATA_DIR ?? '.chipmix';
  return { kind: 'sqlite', file: join(resolve(dir), 'chipmix.db') };
}

export interface OpenOptions extends StoreLocationOptions {
  readonly env?: Record<string, string | undefined>;
}

/** Opens (creating when needed) and migrates the store. */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const location = resolveStoreLocation(options, options.env);
  const store =
    location.kind === 'postgres' ? await openPostgres(location.url) : await openSqlite(location.file);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openSqlite(file: string): Promise<Store> {
  mkdirSync(join(file, '..'), { recursive: true });
  const [{ default: SqliteDatabase }, kysely] = await Promise.all([import('better-sqlite3'), loadKysely()]);
  const database = new SqliteDatabase(file, { timeout: 10_000 });
  // WAL: readers never block the writer; a crash leaves the last committed state.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  const db = new kysely.Kysely<Database>({ dialect: immediateSqliteDialect(kysely, { database }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Store> {
  // Lazy: pg costs start-up time and is only needed for team stores.
  const [{ default: pg }, kysely] = await Promise.all([import('pg'), loadKysely()]);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new kysely.Kysely<Database>({ dialect: new kysely.PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: url.replace(/:[^:@/]*@/, ':***@'), close: () => db.destroy() };
}

/** Applies pending migrations; a cheap check first so read-only commands stay fast. */
export async function migrate(store: Store): Promise<void> {
  if (await upToDate(store)) return;
  const { Migrator } = await loadKysely();
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `store migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function upToDate(store: Store): Promise<boolean> {
  try {
    const { sql } = await loadKysely();
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    const applied = new Set(rows.rows.map((r) => r.name));
    return MIGRATION_NAMES.every((name) => applied.has(name));
  } catch {
    return false;
  }
}
