/**
 * Issue 13, defect 9 (and the "clear error" rule): disk full, a read-only data directory, a locked
 * store and a damaged one each give one line that says what happened and what to do, exit 2; CSV
 * export defuses formula cells; a 4 MB column name is not echoed whole; a lone-surrogate id is
 * refused instead of breaking the next re-import with a UNIQUE error.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { importInventory, parseInventoryCsv, parseInventoryJson } from '../src/inventory';
import { describeStoreFailure, openStore, writeContext } from '../src/store';
import { run } from './support/run-cli';

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes';
const repo = new URL('..', import.meta.url).pathname;

/** The CLI from source in a child process (a real exit code, its own SQLite connection). */
function cliChild(args: string[], env: Record<string, string> = {}, uid?: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/main.ts'), ...args], {
    cwd: repo,
    // the in-process helper sets CHIPMIX_NO_MAIN=1 for this process; the child must run
    env: { ...process.env, CHIPMIX_NO_MAIN: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
}
const finished = (p: ChildProcess) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    let out = '';
    let err = '';
    p.stdout?.on('data', (d) => (out += d));
    p.stderr?.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
  });

/** Lines of a 20,000-record CSV (enough to fill a 600 kB disk). */
function bigCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`site-${i % 9},nvidia-h20,1,installed,2025-01-01,,SN-${i},`);
  return `${lines.join('\n')}\n`;
}

describe('disk full', () => {
  it('reports a full disk in one line (not "cannot rollback"), and writes nothing', async () => {
    // SQLite's page limit raises the same SQLITE_FULL as a full disk, on any machine
    const store = await openStore({ dataDir: join(dir, 'pages'), env: {} });
    const parsed = parseInventoryCsv(bigCsv(5000), 'big.csv', catalog);
    const { sql } = await import('kysely');
    await sql`pragma max_page_count = 40`.execute(store.db);
    let failure: unknown;
    try {
      await importInventory(store, writeContext('t'), parsed.value!);
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).not.toMatch(/cannot rollback/);
    expect(describeStoreFailure(failure, store.location)?.message).toMatch(
      /^the disk holding the store \(.*chipmix\.db\) is full; nothing was written\. Free some space and retry$/,
    );
    expect((await store.db.selectFrom('hardware').select('id').execute()).length).toBe(0);
    await store.close();
  });

  const mountPoint = join(dir, 'tiny');
  mkdirSync(mountPoint);
  const mounted =
    process.getuid?.() === 0 &&
    spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mountPoint]).status === 0;
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });
  const FULL_DISK =
    'on a real full disk (a 600 kB tmpfs): exit 2, one line (skipped unless root can mount a tmpfs)';
  it.skipIf(!mounted)(FULL_DISK, async () => {
    writeFileSync(join(dir, 'big.csv'), bigCsv(20_000));
    const r = await finished(
      cliChild(['--data-dir', join(mountPoint, 'd'), 'inventory', 'import', join(dir, 'big.csv')]),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^chipmix: the disk holding the store \(.*\) is full; nothing was written\. Free some space and retry\n$/,
    );
  });
});

/** A store in `ro` with the fleet fixture imported, the CSV left world-readable in `dir` as `csvName`. */
async function storeWithFleet(ro: string, csvName: string): Promise<void> {
  mkdirSync(ro);
  chmodSync(dir, 0o755);
  const fleet = readFileSync(new URL('./fixtures/inventory/fleet.csv', import.meta.url), 'utf8');
  writeFileSync(join(dir, csvName), fleet);
  chmodSync(join(dir, csvName), 0o644);
  expect((await run('--data-dir', ro, 'inventory', 'import', join(dir, csvName))).code).toBe(0);
}

/** `comply status` on the read-only store answers (3 sites); then the import of `csvName` is tried and returned. */
async function readsThenWrites(ro: string, csvName: string, uid: number | undefined) {
  const status = await finished(
    cliChild(['--data-dir', ro, 'comply', 'status', '--as-of', '2026-01-01', '--json'], {}, uid),
  );
  expect(status.err).toBe('');
  expect(status.code).toBe(0);
  expect(JSON.parse(status.out).sites.length).toBe(3);
  return finished(cliChild(['--data-dir', ro, 'inventory', 'import', join(dir, csvName)], {}, uid));
}

describe('read-only data directory', () => {
  // root ignores permissions: run the CLI as nobody then
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : undefined;
  const ro = join(dir, 'ro');
  it('answers read commands from a read-only directory; a write says why it cannot, exit 2', async () => {
    await storeWithFleet(ro, 'fleet.csv');
    chmodSync(join(ro, 'chipmix.db'), 0o444);
    chmodSync(ro, 0o555);
    try {
      const write = await readsThenWrites(ro, 'fleet.csv', uid);
      expect(write.code).toBe(2);
      expect(write.err).toMatch(
        /^chipmix: the store \(.*chipmix\.db\) cannot be written: its directory or file is read-only; nothing was written\. Use --data-dir/,
      );
      expect(write.err.trim().split('\n')).toHaveLength(1);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});

describe('read-only data directory with a writer at work', () => {
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : undefined;
  const ro = join(dir, 'ro-shared');
  it("reads through the writer's -wal and -shm (opened mode=ro), and a write says why it cannot", async () => {
    await storeWithFleet(ro, 'fleet-shared.csv');
    // another process keeps the store open: its -wal and -shm stay beside the file
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('libsql');const db=new D(${JSON.stringify(join(ro, 'chipmix.db'))});db.prepare('select count(*) from sites').all([]);process.stdout.write('HELD\\n');setTimeout(()=>process.exit(0),30000)`,
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    chmodSync(join(ro, 'chipmix.db'), 0o444);
    chmodSync(ro, 0o555);
    try {
      expect(readdirSync(ro).sort()).toEqual(['chipmix.db', 'chipmix.db-shm', 'chipmix.db-wal']);
      const write = await readsThenWrites(ro, 'fleet-shared.csv', uid);
      expect(write.code).toBe(2);
      expect(write.err).toMatch(/^chipmix: the store \(.*chipmix\.db\) cannot be written: .*read-only/);
    } finally {
      holder.kill();
      chmodSync(ro, 0o755);
    }
  });
});

describe('locked store', () => {
  it('a CLI import waits for another writer (saying so once), then succeeds', async () => {
    const data = join(dir, 'locked');
    const store = await openStore({ dataDir: data, env: {} });
    await store.close();
    writeFileSync(join(dir, 'small.csv'), `${HEADER}\nA,nvidia-h20,1,installed,2025-01-01,,,\n`);
    // another process holds the write lock until the import says it waits (at most 30 s: a fixed
    // 3 s hold was shorter than the CLI's start-up on a loaded machine, and it never had to wait)
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('libsql');const db=new D(${JSON.stringify(join(data, 'chipmix.db'))});db.exec('begin immediate');process.stdout.write('HELD\\n');const done=()=>{db.exec('rollback');process.exit(0)};process.stdin.on('data',done);setTimeout(done,30000)`,
      ],
      { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const importer = cliChild(['--data-dir', data, 'inventory', 'import', join(dir, 'small.csv')]);
    importer.stderr!.once('data', () => holder.stdin!.write('release\n'));
    const r = await finished(importer);
    expect(r.err).toBe(
      'chipmix: another chipmix process is writing to the store; waiting for it to finish (Ctrl-C gives up)...\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 records added/);
  });

  it('gives up after CHIPMIX_LOCK_WAIT_SECONDS with one line, exit 2', async () => {
    const data = join(dir, 'locked2');
    const store = await openStore({ dataDir: data, env: {} });
    await store.close();
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('libsql');const db=new D(${JSON.stringify(join(data, 'chipmix.db'))});db.exec('begin immediate');process.stdout.write('HELD\\n');setTimeout(()=>process.exit(0),30000)`,
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const r = await finished(
      cliChild(['--data-dir', data, 'inventory', 'import', join(dir, 'small.csv')], {
        CHIPMIX_LOCK_WAIT_SECONDS: '2',
      }),
    );
    holder.kill();
    expect(r.code).toBe(2);
    expect(r.err.split('\n').at(-2)).toMatch(
      /^chipmix: the store \(.*\) stayed locked by another writer for 2 s; nothing was written\. Retry when the other import finishes/,
    );
  });
});

describe('serve and damaged stores', () => {
  it('serve on a damaged store: one line, exit 2 (not "internal error", exit 1)', async () => {
    const data = join(dir, 'damaged');
    mkdirSync(data);
    writeFileSync(join(data, 'chipmix.db'), 'this is not a database, just text '.repeat(200));
    const r = await run('serve', '--port', '0', '--data-dir', data);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^chipmix: .*chipmix\.db is not a chipmix store, or it is damaged/);
    const status = await run('--data-dir', data, 'comply', 'status');
    expect(status.code).toBe(2);
  });

  it('serve --job-minutes takes whole minutes 1..1440, before any store is opened', async () => {
    for (const bad of ['0', '1441', '2.5']) {
      const r = await run('serve', '--port', '0', '--job-minutes', bad);
      expect(r).toMatchObject({
        code: 2,
        err: `chipmix: --job-minutes: expected a whole number 1..1440, got "${bad}"\n`,
      });
    }
  });
});

describe('hostile text in files', () => {
  it('CSV export defuses cells a spreadsheet would run as formulas; re-import restores them', async () => {
    const data = ['--data-dir', join(dir, 'formula')];
    const file = join(dir, 'formula.csv');
    writeFileSync(
      file,
      `${HEADER}\n@evil-site,nvidia-h20,1,installed,2025-01-01,,-SN1,"=HYPERLINK(""http://x.example"",""x"")"\n` +
        `plain,nvidia-h20,2,installed,2025-01-01,,,+1 note\n`,
    );
    expect((await run(...data, 'inventory', 'import', file)).code).toBe(0);
    const csv = (await run(...data, 'inventory', 'export', '--format', 'csv')).out;
    for (const cell of csv.split('\n').slice(1).join(',').split(','))
      expect(cell.replace(/^"/, ''), cell).not.toMatch(/^[=+\-@]/);
    expect(csv).toContain(`'@evil-site`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""x"")"`);
    const parsed = parseInventoryCsv(csv, 'export.csv', catalog);
    expect(parsed.value?.hardware.map((h) => [h.site, h.serials, h.notes])).toEqual([
      ['@evil-site', ['-SN1'], '=HYPERLINK("http://x.example","x")'],
      ['plain', [], '+1 note'],
    ]);
  });

  it('does not echo a 4 MB unknown column name', () => {
    const name = 'x'.repeat(4_000_000);
    const r = parseInventoryCsv(`${HEADER},${name}\n`, 'wide.csv', catalog);
    expect(r.ok).toBe(false);
    const line = `${r.issues![0]!.path}: ${r.issues![0]!.message}`;
    expect(line.length).toBeLessThan(300);
    expect(line).toContain('(4000000 characters)');
  });

  it('refuses a lone-surrogate id instead of failing the next re-import with a UNIQUE error', async () => {
    const snapshot = JSON.stringify({
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
          id: 'hw_\ud800',
          site: 'X',
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
    });
    // JSON.stringify writes the lone surrogate as the escape \ud800
    expect(snapshot).toContain('\\ud800');
    const r = parseInventoryJson(snapshot, 's.json', catalog);
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]).toMatchObject({ code: 'not_unicode', path: 's.json: hardware[0].id' });
    const csv = parseInventoryCsv(
      `${HEADER}\nX\ud800,nvidia-h20,1,installed,2025-01-01,,,\n`,
      'c.csv',
      catalog,
    );
    expect(csv.issues?.[0]).toMatchObject({ code: 'not_unicode', path: 'c.csv:2' });
    // a pair is fine
    expect(
      parseInventoryCsv(`${HEADER}\nX😀,nvidia-h20,1,installed,2025-01-01,,,\n`, 'c.csv', catalog).ok,
    ).toBe(true);
  });
});
