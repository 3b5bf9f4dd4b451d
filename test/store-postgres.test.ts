/** The store contract on PostgreSQL: runs only when CHIPMIX_TEST_DATABASE_URL is set (CI sets it). */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
}
