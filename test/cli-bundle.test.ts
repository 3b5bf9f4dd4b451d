/**
 * The bundled CLI (what `npx chipmix` runs) beside the in-process runs of the other tests, which
 * execute the sources: the bundle splits lazily loaded modules into chunks, and a package imported
 * on demand there (YAML, the table renderer, the checked built-in catalog) must still work. Built
 * into test-results/ with the release options (`node scripts/build.mjs --cli-only --outdir DIR`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const outdir = join(repo, 'test-results', 'cli-bundle');
const fixtures = join(repo, 'test', 'fixtures', 'inventory');
let data: string;

const chipmix = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(outdir, 'cli.js'), '--data-dir', data, ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CHIPMIX_CATALOG: '', CHIPMIX_DATABASE_URL: '', COLUMNS: '120' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  execFileSync(process.execPath, ['scripts/build.mjs', '--cli-only', '--outdir', outdir], { cwd: repo });
  data = mkdtempSync(join(tmpdir(), 'chipmix-bundle-'));
}, 120_000);
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('the bundled CLI', () => {
  it('imports an inventory, then prints compliance as JSON, YAML, CSV and a table', () => {
    expect(chipmix('inventory', 'import', join(fixtures, 'fleet.csv')).code).toBe(0);
    const json = chipmix('comply', 'status', '--as-of', '2026-01-01', '--json');
    expect(json.err).toBe('');
    const status = JSON.parse(json.out) as { sites: { site: string }[]; organisation: { packages: number } };
    expect(status.sites.map((s) => s.site)).toContain('BJ-Yizhuang-01');
    expect(status.organisation.packages).toBeGreaterThan(0);
    const yaml = chipmix('comply', 'status', '--as-of', '2026-01-01', '--output', 'yaml');
    expect(yaml.err).toBe('');
    expect(yaml.out).toMatch(/^asOf: "?2026-01-01"?$/m);
    const csv = chipmix('comply', 'status', '--as-of', '2026-01-01', '--output', 'csv');
    expect(csv.out.split('\n')[0]).toMatch(/^asOf,scope,packages,/);
    const table = chipmix('comply', 'status', '--as-of', '2026-01-01');
    expect(table.out).toMatch(/│ BJ-Yizhuang-01 /);
  });

  it('adds a YAML policy, which the next status applies', () => {
    const added = chipmix('policy', 'add', join(fixtures, 'state-funded-policy.yaml'));
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const status = JSON.parse(chipmix('comply', 'status', '--as-of', '2026-01-01', '--json').out) as {
      organisation: { rules: { id: string }[] };
      sites: { rules: { id: string }[] }[];
    };
    const ids = status.sites.flatMap((s) => s.rules.map((r) => r.id));
    expect(ids).toContain('public-hubs-majority');
  });

  it('lists the catalog from the checked copy the build wrote, in YAML too', () => {
    const yaml = chipmix('catalog', 'list', '--output', 'yaml');
    expect(yaml.err).toBe('');
    expect(yaml.out).toMatch(/id: huawei-ascend-910b/);
  });
});
