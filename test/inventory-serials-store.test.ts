/**
 * A serial number of one hardware id may appear once in the whole store, not only once in one file: a second file
 * naming a stored serial was imported and the unit counted at two sites.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { parseInventoryCsv } from '../src/inventory';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-serials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes';
const file = (name: string, ...rows: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
};

describe('serials are unique across the store', () => {
  it('a second file naming a stored serial is refused, naming the row, the serial and the stored record', async () => {
    const data = ['--data-dir', join(dir, 'one')];
    const a = file('a.csv', 'A,nvidia-h20,,installed,2025-01-01,,S1;S2,');
    const b = file('b.csv', 'B,nvidia-h20,,installed,2025-02-01,,S2;S3,');
    expect((await run(...data, 'inventory', 'import', a)).code).toBe(0);
    const list = JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as Array<{ id: string }>;
    for (const flags of [['--dry-run'], []]) {
      const r = await run(...data, 'inventory', 'import', b, ...flags);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        `${b}:2: serial S2 of nvidia-h20 is already on stored record ${list[0]!.id} at A`,
      );
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(JSON.parse((await run(...data, 'inventory', 'list', '--json')).out)).toHaveLength(1);
    // another hardware id may carry the same serial
    const other = file('c.csv', 'B,huawei-ascend-910b,,installed,2025-02-01,,S2,');
    expect((await run(...data, 'inventory', 'import', other)).code).toBe(0);
  });

  it('a row that updates the record holding the serial, or a replace import, may keep it', async () => {
    const data = ['--data-dir', join(dir, 'two')];
    expect(
      (await run(...data, 'inventory', 'import', file('a.csv', 'A,nvidia-h20,,installed,2025-01-01,,S1;S2,')))
        .code,
    ).toBe(0);
    const [record] = JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as Array<{
      id: string;
    }>;
    const update = join(dir, 'update.csv');
    writeFileSync(
      update,
      `${HEADER},record_id\nA,nvidia-h20,,installed,2025-01-01,,S2;S3,moved,${record!.id}\n`,
    );
    const updated = await run(...data, 'inventory', 'import', update);
    expect(updated.err).toBe('');
    expect(updated.out).toMatch(/0 records added, 1 updated/);
    const replace = file('whole.csv', 'B,nvidia-h20,,installed,2025-02-01,,S2,');
    expect((await run(...data, 'inventory', 'import', replace, '--replace')).code).toBe(0);
  });

  it('a JSON snapshot with one serial on two records is refused naming both', async () => {
    const data = ['--data-dir', join(dir, 'three')];
    const hw = (id: string, serial: string) => ({
      id,
      site: 'A',
      hardwareId: 'nvidia-h20',
      quantity: 1,
      status: 'installed',
      installDate: null,
      decommissionDate: null,
      serials: [serial],
      notes: null,
      purchaseOrderId: null,
    });
    const site = {
      name: 'A',
      region: null,
      stateFunded: false,
      projectCompletionPct: null,
      commissioningDate: null,
      notes: null,
    };
    const path = join(dir, 'snap.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'chipmix-inventory',
        formatVersion: 1,
        sites: [site],
        purchaseOrders: [],
        hardware: [hw('h1', 'X'), hw('h2', 'X')],
        policies: [],
      }),
    );
    const r = await run(...data, 'inventory', 'import', path);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${path}: hardware[1]: serial X of nvidia-h20 is also on ${path}: hardware[0]`);
  });

  it('a serial twice on one row says so, not "also on" its own line', () => {
    const r = parseInventoryCsv(
      `${HEADER}\nA,nvidia-h20,,installed,2025-01-01,,S1;S1,\n`,
      'f.csv',
      loadBuiltinCatalog(),
    );
    expect(r.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'f.csv:2:serial: serial S1 of nvidia-h20 given twice on this row',
    ]);
  });
});
