/**
 * Issue 13, defect 6: numbers without bounds. A quantity of 2^53 - 1 was accepted and then every
 * `comply` command failed with "integer overflow"; PostgreSQL refused >= 2^31 where SQLite kept it;
 * `horizonYears: 1e308` reached the solver. Every schema now bounds its numbers, the same in both
 * stores, and compliance reads stay exact even over rows stored before the bound.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { MAX_QUANTITY_PER_RECORD } from '../src/core/compliance/types';
import { readScenario } from '../src/core/plan/plan';
import { parseInventoryCsv, parseInventoryJson, parseNetboxBundle } from '../src/inventory';
import { hardwareForCompliance, insertHardware, openStore, writeContext } from '../src/store';
import { InvalidRecordError } from '../src/store/errors';
import { run } from './support/run-cli';

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date';
const csv = (quantity: string) => `${HEADER}\nX,nvidia-h20,${quantity},installed,2025-01-01,\n`;

describe('quantities are bounded to 10^7 per record', () => {
  it('CSV: 2^53 - 1 and 10^7 + 1 are refused with the rule; 10^7 is accepted', () => {
    for (const q of ['9007199254740991', '2147483648', String(MAX_QUANTITY_PER_RECORD + 1)]) {
      const r = parseInventoryCsv(csv(q), 'f.csv', catalog);
      expect(r.ok, q).toBe(false);
      expect(r.issues?.[0]?.message).toBe(`expected a whole number 1..10000000, got "${q}"`);
    }
    expect(parseInventoryCsv(csv(String(MAX_QUANTITY_PER_RECORD)), 'f.csv', catalog).ok).toBe(true);
  });

  it('JSON snapshot and NetBox bundle: the same bound', () => {
    const snapshot = {
      format: 'chipmix-inventory',
      formatVersion: 1,
      sites: [
        {
          name: 'X',
          region: null,
          stateFunded: false,
          projectCompletionPct: null,
          commissioningDate: null,
          notes: null,
        },
      ],
      purchaseOrders: [],
      hardware: [
        {
          id: 'hw_1',
          site: 'X',
          hardwareId: 'nvidia-h20',
          quantity: 2 ** 53 - 1,
          status: 'installed',
          installDate: null,
          decommissionDate: null,
          serials: [],
          notes: null,
          purchaseOrderId: null,
        },
      ],
      policies: [],
    };
    const json = parseInventoryJson(JSON.stringify(snapshot), 's.json', catalog);
    expect(json.ok).toBe(false);
    expect(json.issues?.[0]?.path).toBe('s.json: hardware[0].quantity');
    const netbox = parseNetboxBundle(
      JSON.stringify({
        sites: [{ id: 1, name: 'X' }],
        devices: [
          {
            id: 1,
            site: { id: 1, name: 'X' },
            custom_fields: { accelerator_model: 'nvidia-h20', accelerator_count: 2 ** 31 },
          },
        ],
      }),
      'nb.json',
      catalog,
    );
    expect(netbox.ok).toBe(false);
    expect(netbox.issues?.[0]?.message).toMatch(/1\.\.10000000/);
  });

  it('the store itself refuses an out-of-range quantity (whatever the caller)', async () => {
    const store = await openStore({ dataDir: join(dir, 'store'), env: {} });
    try {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('sites')
            .values({
              name: 'X',
              organisation_id: 'default',
              region: null,
              state_funded: 0,
              project_completion_pct: null,
              commissioning_date: null,
              notes: null,
              version: 1,
              created_at: 'now',
              updated_at: 'now',
            })
            .execute();
          await insertHardware(trx, writeContext('t'), [
            {
              site: 'X',
              hardwareId: 'nvidia-h20',
              quantity: 2 ** 31,
              status: 'installed',
              installDate: null,
              decommissionDate: null,
              serials: [],
              notes: null,
              purchaseOrderId: null,
            },
          ]);
        }),
      ).rejects.toThrow(InvalidRecordError);
    } finally {
      await store.close();
    }
  });

  it('compliance stays exact over rows stored before the bound (no "integer overflow")', async () => {
    const store = await openStore({ dataDir: join(dir, 'old'), env: {} });
    try {
      await store.db
        .insertInto('sites')
        .values({
          name: 'X',
          organisation_id: 'default',
          region: null,
          state_funded: 0,
          project_completion_pct: null,
          commissioning_date: null,
          notes: null,
          version: 1,
          created_at: 'now',
          updated_at: 'now',
        })
        .execute();
      // what an unbounded import wrote: two records of 2^53 - 1 (their SQL integer sum overflows)
      for (const id of ['a', 'b'])
        await store.db
          .insertInto('hardware')
          .values({
            id,
            site: 'X',
            hardware_id: 'nvidia-h20',
            quantity: 2 ** 53 - 1,
            status: 'installed',
            install_date: '2025-01-01',
            decommission_date: null,
            serial: null,
            notes: null,
            purchase_order_id: null,
            version: 1,
            created_at: 'now',
            updated_at: 'now',
          })
          .execute();
      const groups = await hardwareForCompliance(store.db);
      expect(groups[0]?.quantity).toBe(2 * (2 ** 53 - 1));
    } finally {
      await store.close();
    }
    const r = await run(
      '--data-dir',
      join(dir, 'old'),
      'comply',
      'status',
      '--as-of',
      '2026-01-01',
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('CLI: inventory set and comply what-if refuse quantities above 10^7 (exit 2, one line)', async () => {
    const data = ['--data-dir', join(dir, 'cli')];
    writeFileSync(join(dir, 'one.csv'), csv('8'));
    expect((await run(...data, 'inventory', 'import', join(dir, 'one.csv'))).code).toBe(0);
    const list = JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as { id: string }[];
    const set = await run(...data, 'inventory', 'set', list[0]!.id, '--quantity', '2147483648');
    expect(set.code).toBe(2);
    expect(set.err).toBe('chipmix: --quantity: expected a whole number 1..10000000, got "2147483648"\n');
    const whatIf = await run(...data, 'comply', 'what-if', '--add', 'X:nvidia-h20:9007199254740991');
    expect(whatIf.code).toBe(2);
  });
});

describe('versions are bounded to 2^31 - 1 in both stores (PostgreSQL integer)', () => {
  it('a snapshot policy version above it is refused naming the field, not an internal error', () => {
    const snapshot = {
      format: 'chipmix-inventory',
      formatVersion: 1,
      sites: [],
      purchaseOrders: [],
      hardware: [],
      policies: [
        {
          id: 'p',
          version: 3_000_000_000,
          createdAt: '2026-01-01T00:00:00Z',
          createdBy: 'x',
          document: {
            id: 'p',
            rules: [
              {
                id: 'r',
                metric: 'count',
                comparator: '>',
                threshold: 0.5,
                scope: 'site',
                effectiveFrom: '2025-01-01',
              },
            ],
          },
        },
      ],
    };
    const r = parseInventoryJson(JSON.stringify(snapshot), 's.json', catalog);
    expect(r.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual([
      's.json: policies[0].version: expected a version of at most 2147483647',
    ]);
    snapshot.policies[0]!.version = 2 ** 31 - 1;
    expect(parseInventoryJson(JSON.stringify(snapshot), 's.json', catalog).ok).toBe(true);
  });

  it('CLI: --expect-version above it is refused in one line (exit 2)', async () => {
    const data = ['--data-dir', join(dir, 'versions')];
    writeFileSync(join(dir, 'v.csv'), csv('8'));
    expect((await run(...data, 'inventory', 'import', join(dir, 'v.csv'))).code).toBe(0);
    const list = JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as { id: string }[];
    const range = (got: string) =>
      `chipmix: --expect-version: expected a whole number 1..2147483647, got "${got}"\n`;
    const set = await run(
      ...data,
      'inventory',
      'set',
      list[0]!.id,
      '--quantity',
      '5',
      '--expect-version',
      '99999999999',
    );
    expect([set.code, set.err]).toEqual([2, range('99999999999')]);
    const site = await run(
      ...data,
      'inventory',
      'site',
      'X',
      '--region',
      'Beijing',
      '--expect-version',
      '3000000000',
    );
    expect([site.code, site.err]).toEqual([2, range('3000000000')]);
    const remove = await run(...data, 'inventory', 'remove', list[0]!.id, '--expect-version', '2147483648');
    expect([remove.code, remove.err]).toEqual([2, range('2147483648')]);
  });
});

describe('scenario numbers are bounded', () => {
  const scenario = parseYaml(
    readFileSync(new URL('../examples/plan-mixed-two-sites.yaml', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

  it('refuses horizonYears 1e308 and 1e20 with a reason naming the field (not a solver error)', () => {
    for (const horizonYears of [1e308, 1e20, 31]) {
      const r = readScenario({ ...scenario, horizonYears }, catalog, '2026-03-01');
      expect(r.ok).toBe(false);
      expect(r.issues?.[0]?.path).toBe('horizonYears');
      expect(r.issues?.[0]?.message).toBe('expected a number of years of at most 30');
    }
    expect(readScenario({ ...scenario, horizonYears: 30 }, catalog, '2026-03-01').ok).toBe(true);
  });

  it('bounds prices, powers and budgets', () => {
    const hardware = [{ id: 'nvidia-hgx-h20', priceUsdPerDevice: 1e300, powerWPerDevice: 1e300 }];
    const r = readScenario({ ...scenario, hardware, budgetUsd: 1e300 }, catalog, '2026-03-01');
    expect(r.ok).toBe(false);
    expect(r.issues?.map((i) => i.path).sort()).toEqual([
      'budgetUsd',
      'hardware[0].powerWPerDevice',
      'hardware[0].priceUsdPerDevice',
    ]);
  });
});
