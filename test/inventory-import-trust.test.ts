/**
 * Issue 13, defect 2: re-importing the same CSV doubled the fleet, silently; replace deleted
 * everything at once with no preview. Imports now report duplicates and do not add them again,
 * preview what they would do, upsert by `record_id`, replace only when asked (and, over the API,
 * only what a preview showed), and every import can be undone from the change log.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import type { StoredHardware } from '../src/core/inventory/records';
import { parseInventoryCsv, planHardware } from '../src/inventory';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const demo = new URL('../examples/inventory-demo.csv', import.meta.url).pathname;
const demoRows = readFileSync(demo, 'utf8').trim().split('\n').length - 1;
const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes';

describe('importing the same CSV twice', () => {
  const data = ['--data-dir', join(dir, 'twice')];
  it('the second import reports every row as a duplicate, adds nothing, and compliance is unchanged', async () => {
    const first = await run(...data, 'inventory', 'import', demo, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ hardwareCreated: demoRows, hardwareDuplicates: 0 });
    const statusBefore = await run(...data, 'comply', 'status', '--as-of', '2026-06-01', '--json');
    const listBefore = await run(...data, 'inventory', 'list', '--json');
    const second = await run(...data, 'inventory', 'import', demo);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      new RegExp(
        `: 0 records added, 0 updated, 0 deleted, ${demoRows} duplicates not added; 0 sites created`,
      ),
    );
    expect((await run(...data, 'comply', 'status', '--as-of', '2026-06-01', '--json')).out).toBe(
      statusBefore.out,
    );
    expect((await run(...data, 'inventory', 'list', '--json')).out).toBe(listBefore.out);
  });

  it('--dry-run shows the diff and writes nothing; --allow-duplicates adds them when wanted', async () => {
    const before = (await run(...data, 'inventory', 'export')).out;
    const preview = await run(...data, 'inventory', 'import', demo, '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(
      new RegExp(`nothing written: 0 records to add, 0 to change, 0 to delete, ${demoRows} duplicates`),
    );
    expect(preview.out).toMatch(/ {2}duplicate: same as hw_\w+: 96 x huawei-atlas-800t-a2 at BJ-Yizhuang-01/);
    expect((await run(...data, 'inventory', 'export')).out).toBe(before);
    const json = JSON.parse((await run(...data, 'inventory', 'import', demo, '--dry-run', '--json')).out);
    expect(json.hardware).toEqual({ added: 0, changed: 0, removed: 0, duplicates: demoRows });
    // a row with serials would put each unit in the store twice: refused, duplicates allowed or not
    const refused = await run(...data, 'inventory', 'import', demo, '--allow-duplicates');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /:\d+: serial NPU-0001 of huawei-ascend-910b3 is already on stored record hw_\w+ at HZ-Xiaoshan-04/,
    );
    const countOnly = join(dir, 'demo-count-only.csv');
    writeFileSync(countOnly, readFileSync(demo, 'utf8').replace(/NPU-0001(;NPU-\d+)*/, ''));
    const more = await run(...data, 'inventory', 'import', countOnly, '--allow-duplicates', '--json');
    expect(JSON.parse(more.out).hardwareCreated).toBe(demoRows);
  });
});

describe('record_id, replace and undo', () => {
  const data = ['--data-dir', join(dir, 'upsert')];
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('a record_id row updates its record; the exported CSV re-imports as all duplicates', async () => {
    expect((await run(...data, 'inventory', 'import', demo)).code).toBe(0);
    const exported = (await run(...data, 'inventory', 'export', '--format', 'csv')).out;
    expect(exported.split('\n')[0]).toBe(`${HEADER},record_id`);
    const again = JSON.parse(
      (await run(...data, 'inventory', 'import', file('e.csv', exported), '--json')).out,
    );
    expect(again).toMatchObject({ hardwareCreated: 0, hardwareUpdated: 0, hardwareDuplicates: demoRows });
    // change one quantity, keep its record_id
    const lines = exported.trim().split('\n');
    const cells = lines[1]!.split(',');
    cells[2] = String(Number(cells[2]) + 1);
    const edited = file('edited.csv', `${lines[0]}\n${cells.join(',')}\n`);
    const preview = JSON.parse(
      (await run(...data, 'inventory', 'import', edited, '--dry-run', '--json')).out,
    );
    expect(preview.hardware).toEqual({ added: 0, changed: 1, removed: 0, duplicates: 0 });
    const summary = JSON.parse((await run(...data, 'inventory', 'import', edited, '--json')).out);
    expect(summary).toMatchObject({ hardwareUpdated: 1, hardwareCreated: 0 });
    const list = JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as StoredHardware[];
    expect(list.find((h) => h.id === cells.at(-1))).toMatchObject({ quantity: Number(cells[2]), version: 2 });
  });

  it('replace deletes only what the file does not hold, after the preview says how many', async () => {
    // one stored record, as a row without its record_id: it matches by content
    const exported = (await run(...data, 'inventory', 'export', '--format', 'csv')).out.split('\n');
    const one = file('one.csv', `${HEADER}\n${exported[2]!.replace(/,[^,]*$/, '')}\n`);
    const total = (JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as unknown[]).length;
    const preview = JSON.parse(
      (await run(...data, 'inventory', 'import', one, '--replace', '--dry-run', '--json')).out,
    );
    expect(preview.hardware).toEqual({ added: 0, changed: 0, removed: total - 1, duplicates: 1 });
    const replaced = JSON.parse((await run(...data, 'inventory', 'import', one, '--replace', '--json')).out);
    expect(replaced).toMatchObject({ hardwareDeleted: total - 1, hardwareCreated: 0, hardwareDuplicates: 1 });
    expect((JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as unknown[]).length).toBe(1);

    // ... and the replace is undone from the change log: the inventory is as before
    const undo = await run(...data, 'inventory', 'undo', replaced.batch);
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(
      new RegExp(`^Undid batch ${replaced.batch}: 0 records removed, ${total - 1} restored`),
    );
    expect((JSON.parse((await run(...data, 'inventory', 'list', '--json')).out) as unknown[]).length).toBe(
      total,
    );
  });

  it('undo of an import restores the store exactly; undo of the undo redoes it; a stale undo is refused', async () => {
    const before = (await run(...data, 'inventory', 'export')).out;
    const extra = file(
      'extra.csv',
      `${HEADER}\nNew-Site-X,huawei-atlas-800t-a2,7,installed,2025-05-01,,,\nNew-Site-X,nvidia-hgx-h20,3,installed,2025-05-01,,,\n`,
    );
    const imported = JSON.parse((await run(...data, 'inventory', 'import', extra, '--json')).out);
    expect(imported).toMatchObject({ hardwareCreated: 2, sitesCreated: 1 });
    const undo = JSON.parse((await run(...data, 'inventory', 'undo', imported.batch, '--json')).out);
    expect(undo).toMatchObject({ undone: imported.batch, hardwareRemoved: 2, sitesRemoved: 1 });
    expect((await run(...data, 'inventory', 'export')).out).toBe(before);
    // undo the undo: the import is back
    const redo = JSON.parse((await run(...data, 'inventory', 'undo', undo.batch, '--json')).out);
    expect(redo).toMatchObject({ hardwareRestored: 2, sitesReverted: 1 });
    // someone edits one of the records: undoing the redo would overwrite it, so it is refused
    const list = JSON.parse((await run(...data, 'inventory', 'list', '--site', 'New-Site-X', '--json')).out);
    expect((await run(...data, 'inventory', 'set', list[0].id, '--quantity', '9')).code).toBe(0);
    const stale = await run(...data, 'inventory', 'undo', redo.batch);
    expect(stale.code).toBe(2);
    expect(stale.err).toMatch(
      /^chipmix: hardware .* changed since \(now version 2\) \(change #\d+\); nothing was written\n$/,
    );
    const unknown = await run(...data, 'inventory', 'undo', 'b_nosuchbatch');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('chipmix: no change batch b_nosuchbatch\n');
  });
});

describe('the plan', () => {
  const catalog = loadBuiltinCatalog();
  const stored = (id: string, over: Partial<StoredHardware> = {}): StoredHardware => ({
    id,
    version: 1,
    site: 'S',
    hardwareId: 'nvidia-h20',
    quantity: 1,
    status: 'installed',
    installDate: '2025-01-01',
    decommissionDate: null,
    serials: [],
    notes: null,
    purchaseOrderId: null,
    ...over,
  });
  it('matches rows to records one to one: three identical rows against two records add one', () => {
    const row = 'S,nvidia-h20,1,installed,2025-01-01,,,';
    const parsed = parseInventoryCsv(`${HEADER}\n${row}\n${row}\n${row}\n`, 'f.csv', catalog);
    const plan = planHardware([stored('a'), stored('b')], parsed.value!);
    expect(plan.duplicates.map((d) => d.existing.id)).toEqual(['a', 'b']);
    expect(plan.added).toHaveLength(1);
    expect(plan.repeatedInFile).toBe(2);
    const replace = planHardware([stored('a'), stored('b'), stored('c', { quantity: 2 })], parsed.value!, {
      replace: true,
    });
    expect(replace.removed.map((h) => h.id)).toEqual(['c']);
  });
});
