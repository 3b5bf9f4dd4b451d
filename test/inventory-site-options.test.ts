/**
 * Small input defects: `--completion ""` stored 0% (Number('') is 0) and completion could not be cleared;
 * `inventory site " A "` created a site apart from `A` while the CSV importer trims; the default `--as-of` (today in
 * UTC) was not said everywhere; a snapshot hardware id holding NUL was refused without naming the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { parseInventoryJson } from '../src/inventory';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-site-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data-dir', join(dir, 'store')];
const sites = async () =>
  JSON.parse((await run(...data, 'inventory', 'sites', '--json')).out) as Array<{
    name: string;
    projectCompletionPct: number | null;
  }>;

describe('inventory site', () => {
  it('refuses an empty --completion instead of storing 0%, and "unknown" clears it', async () => {
    expect((await run(...data, 'inventory', 'site', 'A', '--completion', '40')).code).toBe(0);
    for (const bad of ['', ' ', '1e1', '101']) {
      const r = await run(...data, 'inventory', 'site', 'A', '--completion', bad);
      expect(r.code, bad).toBe(2);
      expect(r.err).toBe(
        `chipmix: --completion: expected a percent 0..100 (or "unknown" to clear it), got "${bad}"\n`,
      );
    }
    expect((await sites()).find((s) => s.name === 'A')?.projectCompletionPct).toBe(40);
    expect((await run(...data, 'inventory', 'site', 'A', '--completion', 'unknown')).code).toBe(0);
    expect((await sites()).find((s) => s.name === 'A')?.projectCompletionPct).toBeNull();
  });

  it('trims the name as the CSV importer does: " A " is site A', async () => {
    const r = await run(...data, 'inventory', 'site', ' A ', '--region', 'Beijing');
    expect(r.code).toBe(0);
    expect((await sites()).map((s) => s.name)).toEqual(['A']);
  });

  it('--help says the default --as-of is today in UTC', async () => {
    for (const command of ['status', 'what-if', 'rules', 'report']) {
      const r = await run('comply', command, '--help');
      expect(r.out.replace(/\s+/g, ' '), command).toMatch(
        /--as-of <date> YYYY-MM-DD \(default: today, UTC\)/,
      );
    }
  });
});

describe('JSON snapshot', () => {
  it('a hardware id holding NUL is refused naming hardware[0].id', () => {
    const snapshot = {
      format: 'chipmix-inventory',
      formatVersion: 1,
      sites: [
        {
          name: 'A',
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
          id: 'hw\u0000x',
          site: 'A',
          hardwareId: 'nvidia-h20',
          quantity: 1,
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
    const r = parseInventoryJson(JSON.stringify(snapshot), 's.json', loadBuiltinCatalog());
    expect(r.issues?.map((i) => i.path)).toEqual(['s.json: hardware[0].id']);
  });
});
