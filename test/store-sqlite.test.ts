import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportInventoryDocument, serialiseInventoryDocument } from '../src/inventory/export';
import { importInventory } from '../src/inventory/import';
import { parseInventoryJson } from '../src/inventory/json-format';
import { createSites, InvalidRecordError, openStore, resolveStoreLocation, writeContext } from '../src/store';
import { testCatalog } from './fixtures/inventory/catalog';
import { storeSuite } from './store-suite';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite(
  'sqlite',
  () => openStore({ dataDir: dir, env: {} }),
  () => openStore({ dataDir: dir, env: {} }),
);

describe('store location', () => {
  it('prefers the URL, then --data-dir, then CHIPMIX_DATA_DIR, then ./.chipmix', () => {
    expect(resolveStoreLocation({ dataDir: '/x' }, { CHIPMIX_DATABASE_URL: 'postgres://a@b/c' })).toEqual({
      kind: 'postgres',
      url: 'postgres://a@b/c',
    });
    expect(resolveStoreLocation({ dataDir: '/x' }, { CHIPMIX_DATA_DIR: '/y' })).toEqual({
      kind: 'sqlite',
      file: '/x/chipmix.db',
    });
    expect(resolveStoreLocation({}, { CHIPMIX_DATA_DIR: '/y' })).toEqual({
      kind: 'sqlite',
      file: '/y/chipmix.db',
    });
    const fallback = resolveStoreLocation({}, {});
    expect(fallback.kind === 'sqlite' && fallback.file.endsWith('.chipmix/chipmix.db')).toBe(true);
  });

  it('uses WAL mode', async () => {
    const store = await openStore({ dataDir: dir, env: {} });
    const { sql } = await import('kysely');
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    await store.close();
  });

  it('restores a snapshot into an empty store byte for byte', async () => {
    const source = await openStore({ dataDir: dir, env: {} });
    const snapshot = serialiseInventoryDocument(await exportInventoryDocument(source));
    await source.close();
    const emptyDir = mkdtempSync(join(tmpdir(), 'chipmix-empty-'));
    const target = await openStore({ dataDir: emptyDir, env: {} });
    try {
      const parsed = parseInventoryJson(snapshot, 's.json', testCatalog());
      await importInventory(target, writeContext(), parsed.value!);
      expect(serialiseInventoryDocument(await exportInventoryDocument(target))).toBe(snapshot);
      expect(JSON.parse(snapshot).hardware.length).toBeGreaterThan(0);
    } finally {
      await target.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('SQLite driver (libsql)', () => {
  it('refuses a write of text holding a NUL character (libsql reads it back cut there); nothing is written', async () => {
    const store = await openStore({ dataDir: join(dir, 'nul'), env: {} });
    try {
      const write = store.db
        .transaction()
        .execute((trx) =>
          createSites(trx, writeContext('t'), [
            { name: 'fine' },
            { name: 'cut', notes: 'before\u0000after' },
          ]),
        );
      await expect(write).rejects.toThrow(InvalidRecordError);
      await expect(write).rejects.toThrow(/NUL character/);
      expect(await store.db.selectFrom('sites').select('name').execute()).toEqual([]);
      // reads may hold one: they find nothing instead of failing
      expect(
        await store.db.selectFrom('sites').where('name', '=', 'a\u0000b').select('name').execute(),
      ).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a boolean parameter with an error (libsql would abort the process)', async () => {
    const store = await openStore({ dataDir: dir, env: {} });
    try {
      const { sql } = await import('kysely');
      await expect(sql`select ${true as unknown as number} as b`.execute(store.db)).rejects.toThrow(
        TypeError,
      );
      expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('a write outside a transaction waits for another writer like a transaction does, and leaves nothing behind', async () => {
    const data = join(dir, 'autocommit');
    await (await openStore({ dataDir: data, env: {} })).close();
    // another process holds the write lock for 2.5 s (longer than the 1 s busy timeout)
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('libsql');const db=new D(${JSON.stringify(join(data, 'chipmix.db'))});db.exec('begin immediate');process.stdout.write('HELD\\n');setTimeout(()=>{db.exec('rollback');process.exit(0)},2500)`,
      ],
      { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    let waits = 0;
    const store = await openStore({ dataDir: data, env: {}, onLockWait: () => waits++ });
    try {
      const { sql } = await import('kysely');
      // kysely's Migrator writes so (its own tables, before its transaction)
      await sql`create table if not exists autocommit_probe (x integer)`.execute(store.db);
      expect(waits).toBe(1);
      // libsql left the statement of a write that failed with SQLITE_BUSY active, holding a stale
      // snapshot: every later BEGIN IMMEDIATE then failed with SQLITE_BUSY_SNAPSHOT
      await createSites(store.db, writeContext('t'), [{ name: 'after-the-wait' }]);
      await store.db
        .transaction()
        .execute((trx) => createSites(trx, writeContext('t'), [{ name: 'in-a-transaction' }]));
      expect(
        (await store.db.selectFrom('sites').select('name').orderBy('name').execute()).map((r) => r.name),
      ).toEqual(['after-the-wait', 'in-a-transaction']);
    } finally {
      await store.close();
      holder.kill();
    }
  });

  it('reads integers as JavaScript numbers, exact up to 2^53 - 1', async () => {
    const store = await openStore({ dataDir: dir, env: {} });
    try {
      const { sql } = await import('kysely');
      const { rows } = await sql<
        Record<string, unknown>
      >`select 9007199254740991 as max, ${1e7} * 100000 as big, ${3} + 4 as small`.execute(store.db);
      expect(rows).toEqual([{ max: 2 ** 53 - 1, big: 1e12, small: 7 }]);
      expect(Object.keys(rows[0]!)).toEqual(['max', 'big', 'small']);
    } finally {
      await store.close();
    }
  });
});
