/**
 * The store contract, run against every dialect: test/store-sqlite.test.ts always,
 * test/store-postgres.test.ts when CHIPMIX_TEST_DATABASE_URL is set.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplianceTimeline } from '../src/core/compliance/timeline';
import type { HardwareRecord } from '../src/core/compliance/types';
import type { NewHardware } from '../src/core/inventory/records';
import { parseInventoryCsv } from '../src/inventory/csv';
import { exportInventoryDocument, serialiseInventoryDocument } from '../src/inventory/export';
import { importInventory } from '../src/inventory/import';
import { parseInventoryJson } from '../src/inventory/json-format';
import {
  activeRules,
  addPolicy,
  ConflictError,
  complianceChanges,
  countChanges,
  createApiToken,
  createSites,
  createUser,
  deleteHardware,
  getHardware,
  hardwareForCompliance,
  InvalidRecordError,
  insertHardware,
  listChanges,
  listHardware,
  quantitiesAsOf,
  revokeApiToken,
  type Store,
  setUserRole,
  storeRevision,
  updateHardware,
  updateSite,
  verifyApiToken,
  writeContext,
} from '../src/store';
import { testCatalog } from './fixtures/inventory/catalog';

const catalog = testCatalog();
const hw = (over: Partial<NewHardware> = {}): NewHardware => ({
  site: 'bj-1',
  hardwareId: 'nvidia-h20',
  quantity: 8,
  status: 'installed',
  installDate: '2025-01-01',
  decommissionDate: null,
  serials: [],
  notes: null,
  purchaseOrderId: null,
  ...over,
});

export function storeSuite(name: string, open: () => Promise<Store>, reopen: () => Promise<Store>): void {
  describe(`store (${name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('migrates on open and again on reopen without harm', async () => {
      const second = await reopen();
      expect((await second.db.selectFrom('organisations').selectAll().execute()).map((o) => o.id)).toEqual([
        'default',
      ]);
      await second.close();
    });

    it('logs every write: create, update, delete with before and after', async () => {
      const ctx = writeContext('alice');
      const [record] = await store.db.transaction().execute(async (trx) => {
        await createSites(trx, ctx, [{ name: 'bj-1', stateFunded: true }]);
        return insertHardware(trx, ctx, [hw()]);
      });
      const updated = await updateHardware(store.db, writeContext('bob'), record!.id, 1, { quantity: 16 });
      expect(updated.version).toBe(2);
      await deleteHardware(store.db, writeContext('carol'), record!.id, 2);
      const log = await listChanges(store.db, { entityId: record!.id });
      expect(log.map((c) => [c.action, c.actor])).toEqual([
        ['delete', 'carol'],
        ['update', 'bob'],
        ['create', 'alice'],
      ]);
      expect(log[1]).toMatchObject({ before: { quantity: 8 }, after: { quantity: 16 } });
      expect(log[0]?.after).toBeNull();
      const siteLog = await listChanges(store.db, { entity: 'site', entityId: 'bj-1' });
      expect(siteLog[0]).toMatchObject({ action: 'create', after: { name: 'bj-1', stateFunded: true } });
    });

    it('refuses a stale update (optimistic locking) and keeps the first writer', async () => {
      const [record] = await insertHardware(store.db, writeContext(), [hw({ quantity: 4 })]);
      const other = await reopen(); // a second connection, as a second process would have
      try {
        const seenByA = await getHardware(store.db, record!.id);
        const seenByB = await getHardware(other.db, record!.id);
        await updateHardware(store.db, writeContext('a'), record!.id, seenByA!.version, { quantity: 5 });
        const before = await countChanges(store.db);
        await expect(
          updateHardware(other.db, writeContext('b'), record!.id, seenByB!.version, { quantity: 7 }),
        ).rejects.toThrow(/the record changed since you read it \(you had version 1, it is now 2\)/);
        await expect(
          updateHardware(other.db, writeContext('b'), record!.id, 1, { quantity: 7 }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect((await getHardware(store.db, record!.id))?.quantity).toBe(5);
        expect(await countChanges(store.db)).toBe(before);
      } finally {
        await other.close();
      }
    });

    it('refuses a stale site update', async () => {
      await updateSite(store.db, writeContext(), 'bj-1', 1, { projectCompletionPct: 20 });
      await expect(
        updateSite(store.db, writeContext(), 'bj-1', 1, { projectCompletionPct: 90 }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('rolls back a failing import whole: no sites, records or log entries', async () => {
      const before = { hw: (await listHardware(store.db)).length, log: await countChanges(store.db) };
      const parsed = parseInventoryCsv(
        'site,hardware_id,quantity,status,install_date,decommission_date\nnew-site,nvidia-h20,1,installed,,\n',
        'x.csv',
        catalog,
      );
      if (!parsed.ok) throw new Error('fixture');
      // A purchase order id that does not exist violates a foreign key after the site insert.
      const bad = {
        ...parsed.value,
        hardware: [{ ...parsed.value.hardware[0]!, purchaseOrderId: 'po-missing' }],
      };
      await expect(importInventory(store, writeContext(), bad)).rejects.toThrow();
      expect((await listHardware(store.db)).length).toBe(before.hw);
      expect(await countChanges(store.db)).toBe(before.log);
      expect(
        (await store.db.selectFrom('sites').select('name').where('name', '=', 'new-site').execute()).length,
      ).toBe(0);
    });

    it('sums hardware for compliance in SQL', async () => {
      const ctx = writeContext();
      await createSites(store.db, ctx, [{ name: 'sum-site' }]);
      await insertHardware(store.db, ctx, [
        hw({ site: 'sum-site', quantity: 3, serials: ['a', 'b', 'c'] }),
        hw({ site: 'sum-site', quantity: 2 }),
        hw({ site: 'sum-site', quantity: 1, installDate: '2025-06-01' }),
      ]);
      const groups = (await hardwareForCompliance(store.db)).filter((g) => g.site === 'sum-site');
      expect(groups.map((g) => [g.installDate, g.quantity]).sort()).toEqual([
        ['2025-01-01', 5],
        ['2025-06-01', 1],
      ]);
    });

    it('holds the same range of quantities as the other store: 1..10^7, refused beyond', async () => {
      const ctx = writeContext();
      await createSites(store.db, ctx, [{ name: 'bound-site' }]);
      for (const quantity of [2 ** 31, 2 ** 53 - 1, 10_000_001, 0, 1.5])
        await expect(
          insertHardware(store.db, ctx, [hw({ site: 'bound-site', quantity })]),
          String(quantity),
        ).rejects.toBeInstanceOf(InvalidRecordError);
      const [big] = await insertHardware(store.db, ctx, [hw({ site: 'bound-site', quantity: 10_000_000 })]);
      expect((await getHardware(store.db, big!.id))?.quantity).toBe(10_000_000);
      await expect(updateHardware(store.db, ctx, big!.id, 1, { quantity: 2 ** 31 })).rejects.toBeInstanceOf(
        InvalidRecordError,
      );
      await deleteHardware(store.db, ctx, big!.id, 1);
    });

    it('reads compliance in SQL exactly as the records say, and moves the revision on every write', async () => {
      const ctx = writeContext();
      const revision = await storeRevision(store.db);
      await createSites(store.db, ctx, [{ name: 'time-site' }]);
      expect(await storeRevision(store.db)).toBe(revision + 1);
      await insertHardware(store.db, ctx, [
        hw({ site: 'time-site', quantity: 5, installDate: '2024-03-01', decommissionDate: '2026-03-01' }),
        hw({ site: 'time-site', quantity: 7, status: 'ordered', installDate: '2026-06-01' }),
        hw({
          site: 'time-site',
          quantity: 2,
          status: 'retired',
          installDate: null,
          decommissionDate: '2025-01-01',
        }),
        hw({ site: 'time-site', hardwareId: 'huawei-ascend-910c', quantity: 3, installDate: null }),
      ]);
      expect(await storeRevision(store.db)).toBe(revision + 2);
      const records = (await listHardware(store.db, { site: 'time-site' })) as HardwareRecord[];
      const fromSql = ComplianceTimeline.fromChanges(
        (await complianceChanges(store.db)).filter((c) => c.site === 'time-site'),
      );
      const fromRecords = ComplianceTimeline.fromRecords(records);
      for (const date of ['2020-01-01', '2024-03-01', '2025-01-01', '2026-03-01', '2026-06-01', '2030-01-01'])
        for (const basis of ['installed', 'pipeline'] as const) {
          const expected = fromRecords.quantitiesOn(date, basis).get('time-site');
          expect(fromSql.quantitiesOn(date, basis).get('time-site'), `${date} ${basis}`).toEqual(expected);
          const asOf = (await quantitiesAsOf(store.db, date, basis)).filter((r) => r.site === 'time-site');
          expect(new Map(asOf.map((r) => [r.hardwareId, r.quantity])), `${date} ${basis}`).toEqual(
            expected ?? new Map(),
          );
        }
    });

    it('versions policies and returns the latest rules', async () => {
      const rule = {
        id: 'r1',
        metric: 'count',
        comparator: '>',
        threshold: 0.5,
        scope: 'site',
        appliesTo: {},
        effectiveFrom: '2025-01-01',
      } as const;
      await addPolicy(store.db, writeContext(), { id: 'p', rules: [rule] });
      const v2 = await addPolicy(store.db, writeContext(), { id: 'p', rules: [{ ...rule, threshold: 0.6 }] });
      expect(v2.version).toBe(2);
      expect((await activeRules(store.db)).map((r) => r.threshold)).toEqual([0.6]);
    });

    it('stores only token hashes; verifies, revokes; roles use optimistic locking', async () => {
      const ctx = writeContext();
      await createUser(store.db, ctx, 'dana', 'viewer');
      const { id, token } = await createApiToken(store.db, ctx, 'dana', 'laptop');
      expect(await verifyApiToken(store.db, token)).toMatchObject({ name: 'dana', role: 'viewer' });
      expect(await verifyApiToken(store.db, `${token}x`)).toBeNull();
      const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(JSON.stringify(await listChanges(store.db, { entity: 'api_token' }))).not.toContain(token);
      await setUserRole(store.db, ctx, 'dana', 1, 'editor');
      await expect(setUserRole(store.db, ctx, 'dana', 1, 'admin')).rejects.toBeInstanceOf(ConflictError);
      await revokeApiToken(store.db, ctx, id);
      expect(await verifyApiToken(store.db, token)).toBeNull();
    });

    it('round-trips a JSON snapshot exactly, and re-importing it writes nothing', async () => {
      const first = serialiseInventoryDocument(await exportInventoryDocument(store));
      const parsed = parseInventoryJson(first, 'snap.json', catalog);
      expect(parsed.ok).toBe(true);
      const logBefore = await countChanges(store.db);
      const summary = await importInventory(store, writeContext(), parsed.value!);
      expect(summary).toMatchObject({
        hardwareCreated: 0,
        hardwareUpdated: 0,
        sitesCreated: 0,
        sitesUpdated: 0,
        policiesAdded: 0,
      });
      expect(await countChanges(store.db)).toBe(logBefore);
      expect(serialiseInventoryDocument(await exportInventoryDocument(store))).toBe(first);
    });
  });
}
