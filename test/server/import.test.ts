/**
 * Imports over the API (issue 13, defect 2): a preview before writing, duplicates reported and not
 * added, replace only with the confirmation of a preview, undo from the change log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, DEMO_CSV, type TestServer, testServer } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await testServer('none');
});
afterAll(() => s.close());

const post = async (path: string, body: unknown) => {
  const res = await s.call('POST', path, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const count = async () =>
  ((await (await s.call('GET', '/api/inventory')).json()) as { records: unknown[] }).records.length;

describe('import over the API', () => {
  it('previews (dryRun) without writing, then imports; the same file again adds nothing', async () => {
    const preview = await post('/api/inventory/import', {
      text: DEMO_CSV,
      fileName: 'demo.csv',
      dryRun: true,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      format: 'csv',
      hardware: { added: 2, changed: 0, removed: 0, duplicates: 0 },
      sitesCreated: ['Test-Site-A'],
    });
    expect(preview.body.confirmation).toMatch(/^[0-9a-f]{32}$/);
    expect(await count()).toBe(0);
    const first = await post('/api/inventory/import', { text: DEMO_CSV, fileName: 'demo.csv' });
    expect(first.body).toMatchObject({ hardwareCreated: 2, hardwareDuplicates: 0 });
    const second = await post('/api/inventory/import', { text: DEMO_CSV, fileName: 'demo.csv' });
    expect(second.body).toMatchObject({ hardwareCreated: 0, hardwareDuplicates: 2 });
    expect(await count()).toBe(2);
  });

  it('a serial already stored is refused with 400 and an issue naming the row and the stored record', async () => {
    const head = 'site,hardware_id,quantity,status,install_date,decommission_date,serial\n';
    const first = await post('/api/inventory/import', {
      text: `${head}SA,nvidia-h20,,installed,2025-01-01,,API-S1;API-S2\n`,
      fileName: 'a.csv',
    });
    expect(first.status).toBe(200);
    const second = await post('/api/inventory/import', {
      text: `${head}SB,nvidia-h20,,installed,2025-02-01,,API-S2;API-S3\n`,
      fileName: 'b.csv',
    });
    expect(second.status).toBe(400);
    expect(second.body.issues).toEqual([
      {
        code: 'duplicate_serial',
        path: 'b.csv:2',
        message: expect.stringMatching(
          /^serial API-S2 of nvidia-h20 is already on stored record hw_\w+ at SA$/,
        ),
      },
    ]);
    // leave the store as the next tests expect it
    await post('/api/inventory/undo', { change: first.body.batch });
  });

  it('replace needs the confirmation of a preview, and only that preview', async () => {
    const other =
      'site,hardware_id,quantity,status,install_date,decommission_date\nB,nvidia-h20,1,installed,2025-01-01,\n';
    const bare = await post('/api/inventory/import', { text: other, replace: true });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatch(/preview first \(dryRun: true\) and send its confirmation/);
    const preview = await post('/api/inventory/import', { text: other, replace: true, dryRun: true });
    expect(preview.body.hardware).toEqual({ added: 1, changed: 0, removed: 2, duplicates: 0 });
    // the store changes between preview and confirmation: the confirmation no longer holds
    await post('/api/inventory/import', {
      text: DEMO_CSV.replace('10,installed', '11,installed'),
      fileName: 'demo.csv',
    });
    const stale = await post('/api/inventory/import', {
      text: other,
      replace: true,
      confirm: preview.body.confirmation,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/changed since the preview/);
    expect(await count()).toBe(3);
    const fresh = await post('/api/inventory/import', { text: other, replace: true, dryRun: true });
    expect(fresh.body.hardware).toMatchObject({ removed: 3 });
    const done = await post('/api/inventory/import', {
      text: other,
      replace: true,
      confirm: fresh.body.confirmation,
    });
    expect(done.body).toMatchObject({ hardwareDeleted: 3, hardwareCreated: 1 });
    expect(await count()).toBe(1);
    // and it is undone
    const undo = await post('/api/inventory/undo', { change: done.body.batch });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ hardwareRestored: 3, hardwareRemoved: 1 });
    expect(await count()).toBe(3);
    expect((await post('/api/inventory/undo', { change: done.body.batch })).status).toBe(409);
    expect((await post('/api/inventory/undo', { change: 'b_unknown' })).status).toBe(404);
    expect((await post('/api/inventory/undo', { change: '../x' })).status).toBe(400);
  });
});

describe('compliance answers follow the store', () => {
  it('a write by any writer (the server, another process) is seen by the next status', async () => {
    const status = async () =>
      (await (await s.call('GET', '/api/compliance/status?asOf=2026-01-01')).json()) as {
        organisation: { packages: number };
      };
    const before = (await status()).organisation.packages;
    expect((await status()).organisation.packages).toBe(before);
    await post('/api/inventory/import', {
      text: 'site,hardware_id,quantity,status,install_date,decommission_date\nC,nvidia-h20,5,installed,2025-01-01,\n',
    });
    const afterImport = (await status()).organisation.packages;
    expect(afterImport).toBe(before + 5);
    // a write outside the server (as the CLI would make): the store revision moves with it
    const { importInventory, parseInventoryCsv } = await import('../../src/inventory');
    const { writeContext } = await import('../../src/store/context');
    const parsed = parseInventoryCsv(
      'site,hardware_id,quantity,status,install_date,decommission_date\nD,nvidia-h20,2,installed,2025-01-01,\n',
      'd.csv',
      catalog,
    );
    await importInventory(s.store, writeContext('cli'), parsed.value!);
    expect((await status()).organisation.packages).toBe(afterImport + 2);
  });
});
