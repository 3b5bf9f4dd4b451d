/**
 * Reliability: a killed import leaves the store as before; two processes editing one record do not
 * lose an update; truncated or corrupted files never half-import.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import {
  exportInventoryDocument,
  importInventory,
  parseInventoryCsv,
  serialiseInventoryDocument,
} from '../src/inventory';
import {
  countChanges,
  getHardware,
  listChanges,
  listHardware,
  openStore,
  type Store,
  writeContext,
} from '../src/store';

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-reliability-'));
const fleet = readFileSync(new URL('./fixtures/inventory/fleet.csv', import.meta.url), 'utf8');
const child = (script: string, args: string[]): ChildProcess =>
  spawn(
    process.execPath,
    ['--import', 'tsx', new URL(`./fixtures/inventory/${script}`, import.meta.url).pathname, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
const finished = (p: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    let out = '';
    let err = '';
    p.stdout?.on('data', (d) => (out += d));
    p.stderr?.on('data', (d) => (err += d));
    p.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
const snapshot = async (store: Store) => serialiseInventoryDocument(await exportInventoryDocument(store));

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: dir, env: {} });
  const parsed = parseInventoryCsv(fleet, 'fleet.csv', catalog);
  await importInventory(store, writeContext('setup'), parsed.value!);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reliability', () => {
  it('a process killed (SIGKILL) in the middle of an import leaves the store as before', async () => {
    const before = await snapshot(store);
    const logBefore = await countChanges(store.db);
    const p = child('import-child.ts', [dir, '20000']);
    const result = finished(p);
    await new Promise<void>((resolve, reject) => {
      p.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('MID')) resolve();
      });
      p.on('close', () => reject(new Error('child ended before MID')));
    });
    // The child is inside its transaction with 2,000 rows written: kill it there.
    p.kill('SIGKILL');
    expect((await result).signal).toBe('SIGKILL');
    expect(await snapshot(store)).toBe(before);
    expect(await countChanges(store.db)).toBe(logBefore);
    // and the store still takes writes (the dead writer's lock is gone)
    // (without its serials: a stored serial may not be imported twice)
    const again = parseInventoryCsv(fleet.replace(/AX910C-0001(;AX910C-\d+)*/, ''), 'fleet.csv', catalog);
    // the same file again: its rows are duplicates of stored records, added only when asked to
    const summary = await importInventory(store, writeContext(), again.value!, { allowDuplicates: true });
    expect(summary.hardwareCreated).toBe(8);
  });

  it('two processes editing the same record at once: one wins, the other is told, no update lost', async () => {
    const [record] = await listHardware(store.db, { site: 'GZ-Nansha-03' });
    const version = (await getHardware(store.db, record!.id))!.version;
    const startAt = String(Date.now() + 1500);
    const [a, b] = await Promise.all([
      finished(child('edit-child.ts', [dir, record!.id, String(version), '111', startAt])),
      finished(child('edit-child.ts', [dir, record!.id, String(version), '222', startAt])),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes, `${a.err}${b.err}`).toEqual([0, 3]);
    const loser = a.code === 3 ? a : b;
    const winner = a.code === 0 ? '111' : '222';
    expect(loser.out).toMatch(/the record changed since you read it/);
    const after = await getHardware(store.db, record!.id);
    expect(after).toMatchObject({ quantity: Number(winner), version: version + 1 });
    const updates = (await listChanges(store.db, { entityId: record!.id })).filter(
      (c) => c.action === 'update',
    );
    expect(updates).toHaveLength(1);
  });

  it('a truncated or corrupted file never half-imports: it is refused whole, or imported whole', async () => {
    // Cut the file at many points; each cut either fails to parse (nothing written) or parses, and
    // then exactly the parsed records are written.
    for (let cut = 1; cut < fleet.length; cut += 5) {
      const text = fleet.slice(0, cut);
      const before = (await listHardware(store.db)).length;
      const logBefore = await countChanges(store.db);
      const parsed = parseInventoryCsv(text, 'cut.csv', catalog);
      const serials = parsed.ok && parsed.value.hardware.some((h) => h.serials.length > 0);
      if (parsed.ok && !serials) {
        const summary = await importInventory(store, writeContext(), parsed.value, { allowDuplicates: true });
        expect((await listHardware(store.db)).length).toBe(before + parsed.value.hardware.length);
        expect(summary.hardwareCreated).toBe(parsed.value.hardware.length);
      } else if (parsed.ok) {
        // its serials are stored already: refused whole
        await expect(
          importInventory(store, writeContext(), parsed.value, { allowDuplicates: true }),
        ).rejects.toThrow(/import refused/);
        expect((await listHardware(store.db)).length).toBe(before);
        expect(await countChanges(store.db)).toBe(logBefore);
      } else {
        expect(parsed.issues.length).toBeGreaterThan(0);
        expect((await listHardware(store.db)).length).toBe(before);
        expect(await countChanges(store.db)).toBe(logBefore);
      }
    }
    // A row cut mid-way is refused, not imported short.
    const midRow = fleet.slice(0, fleet.indexOf('SH-Lingang-02,nvidia-hgx-h800') + 20);
    expect(parseInventoryCsv(midRow, 'cut.csv', catalog).ok).toBe(false);
    // Corruption: NUL bytes, or a quote left open, are refused.
    expect(parseInventoryCsv(fleet.replace('BJ-Yizhuang', 'BJ\u0000Yizhuang'), 'c.csv', catalog).ok).toBe(
      false,
    );
    expect(parseInventoryCsv(fleet.replace('"Atlas', 'Atlas'), 'c.csv', catalog).ok).toBe(false);
  });
});
