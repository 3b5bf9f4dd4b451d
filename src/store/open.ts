/**
 * Opening the store: the embedded SQLite file `chipmix.db` in the data directory by default, or
 * PostgreSQL when a connection URL is given. Pending migrations are applied on open.
 *
 * Location, first match wins: `url` (CHIPMIX_DATABASE_URL), then `dataDir` (--data-dir), then
 * CHIPMIX_DATA_DIR, then `./.chipmix`.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { describeStoreFailure, StoreFailureError, sqliteOpenError } from './errors';
import { makeDirectories } from './make-directory';
import { MIGRATION_NAMES, migrationProvider } from './migrations';
import { lockingPostgresDialect } from './pg-dialect';
import type { Database } from './schema';
import { immediateSqliteDialect, type WriterLockOptions } from './sqlite-dialect';

// kysely, libsql and pg are imported on first use: `chipmix catalog ...` never loads them.
const loadKysely = () => import('kysely');

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** The SQLite file, or the URL with its password masked. */
  readonly location: string;
  /** Where it is, unmasked: enough to open it again from another thread (the server's writer). */
  readonly spec: StoreLocation;
  /** Opened read-only (a SQLite file in a directory this user cannot write): writes fail. */
  readonly readOnly: boolean;
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
  /** Called once when a write has to wait for another writer (the CLI prints that it waits). */
  readonly onLockWait?: () => void;
  /** How long a write waits for another writer; default $CHIPMIX_LOCK_WAIT_SECONDS or 600 s. */
  readonly lockWaitSeconds?: number;
}

/** Opens (creating when needed) and migrates the store. */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const env = options.env ?? process.env;
  const location = resolveStoreLocation(options, env);
  const waitSeconds = options.lockWaitSeconds ?? (Number(env.CHIPMIX_LOCK_WAIT_SECONDS) || 600);
  const lock = (where: string): WriterLockOptions => ({
    maxWaitMs: waitSeconds * 1000,
    onWait: options.onLockWait,
    location: where,
  });
  const store =
    location.kind === 'postgres'
      ? await openPostgres(location.url, lock)
      : await openSqlite(location.file, lock(location.file));
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw describeStoreFailure(error, store.location) ?? error;
  }
  return store;
}

/** Whether this process may create and write files in `dir` (and write `file` when it exists). */
function writable(dir: string, file: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The part of the database file SQLite may map (address space, not memory). */
const MMAP_BYTES = 256 * 1024 * 1024;

async function openSqlite(file: string, lock: WriterLockOptions): Promise<Store> {
  const dir = dirname(file);
  try {
    makeDirectories(dir);
  } catch (error) {
    throw describeStoreFailure(error, file) ?? error;
  }
  // A read-only directory: WAL needs a -shm file beside the database, which cannot be created
  // there, so open the file as immutable (read commands work; writes fail with a clear message).
  // When a writer elsewhere has the store open (its -wal and -shm exist), read through them instead.
  const readOnly = !writable(dir, file);
  const shared = existsSync(`${file}-shm`) && existsSync(`${file}-wal`);
  if (readOnly && !existsSync(file))
    throw new StoreFailureError(
      'read-only',
      `the data directory ${dir} is read-only and holds no store yet; use --data-dir (or CHIPMIX_DATA_DIR) with a writable directory`,
    );
  // libsql takes SQLite URI file names as they are; its `readonly` option is not passed on to
  // SQLite, so read-only opening is said in the URI (`mode=ro`, or `immutable=1`, which implies it).
  // Our own file names are absolute paths, never `file:` URIs.
  const [{ default: SqliteDatabase }, kysely] = await Promise.all([import('libsql'), loadKysely()]);
  let database: import('libsql').Database;
  try {
    database = readOnly
      ? new SqliteDatabase(`${pathToFileURL(file).href}?${shared ? 'mode=ro' : 'immutable=1'}`)
      : new SqliteDatabase(file, { timeout: 1000 });
    if (!readOnly) {
      // WAL: readers never block the writer; a crash leaves the last committed state.
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
    }
    // A writer waits 1 s per try; the dialect repeats the try until the lock wait is over.
    database.pragma('busy_timeout = 1000');
    database.pragma('foreign_keys = ON');
    // 16 MB of page cache, better-sqlite3's default (libsql's is 2 MB, and a 100,000-record import
    // spilled and re-read its index pages: about a fifth more CPU time).
    database.pragma('cache_size = -16000');
    // Reads through a memory map instead of a read() per page: a cold `comply status` on 100k
    // records scans a 6 MB index in about 28 ms instead of 45 ms. Writes still go through the pager.
    database.pragma(`mmap_size = ${MMAP_BYTES}`);
  } catch (caught) {
    const error = sqliteOpenError(caught, file);
    throw describeStoreFailure(error, file) ?? error;
  }
  const db = new kysely.Kysely<Database>({ dialect: immediateSqliteDialect(kysely, { database }, lock) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    spec: { kind: 'sqlite', file },
    readOnly,
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, lock: (where: string) => WriterLockOptions): Promise<Store> {
  // Lazy: pg costs start-up time and is only needed for team stores.
  const [{ default: pg }, kysely] = await Promise.all([import('pg'), loadKysely()]);
  const location = url.replace(/:[^:@/]*@/, ':***@');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle pooled connection that the server ends (a restart, pg_terminate_backend, DROP DATABASE ... WITH (FORCE))
  // emits 'error' on the pool; unheard, Node turns it into an uncaught exception that takes the server down
  // (node-postgres, Pool docs: "you must add an error listener"). pg discards that client; the next query opens a
  // new connection and reports its own failure if the server is really gone.
  pool.on('error', () => {});
  const db = new kysely.Kysely<Database>({
    dialect: lockingPostgresDialect(kysely, { pool }, lock(location)),
  });
  return {
    db,
    dialect: 'postgres',
    location,
    spec: { kind: 'postgres', url },
    readOnly: false,
    close: () => db.destroy(),
  };
}

/** Applies pending migrations; a cheap check first so read-only commands stay fast. */
export async function migrate(store: Store): Promise<void> {
  if (await upToDate(store)) return;
  if (store.readOnly)
    throw new StoreFailureError(
      'read-only',
      `the store (${store.location}) needs upgrading to this chipmix version but is read-only; open it once with write access`,
    );
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
