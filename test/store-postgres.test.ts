/** The store contract on PostgreSQL: runs only when CHIPMIX_TEST_DATABASE_URL is set (CI sets it). */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store';
import { storeSuite } from './store-suite';

const baseUrl = process.env.CHIPMIX_TEST_DATABASE_URL;

if (!baseUrl) {
  describe.skip('store (postgres): set CHIPMIX_TEST_DATABASE_URL to run', () => {
    it('skipped', () => {});
  });
} else {
  // A throwaway database per run, dropped at the end.
  const name = `chipmix_test_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => admin(`create database ${name}`));
  afterAll(() => admin(`drop database if exists ${name} with (force)`));
  const open = () => openStore({ url: url.toString() });
  storeSuite('postgres', open, open);

  describe('store (postgres): connections', () => {
    it('survives the server ending its idle connections (the next query reconnects, nothing is thrown)', async () => {
      const store = await open();
      try {
        await sql`select 1`.execute(store.db);
        await admin(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
        expect(rows[0]?.one).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
}
