/** The inventory, comply and policy commands end to end, in-process (no build needed). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

process.env.CHIPMIX_NO_MAIN = '1';
const { runCli } = await import('../src/cli/main');

const dir = mkdtempSync(join(tmpdir(), 'chipmix-cli-'));
const fixture = (name: string) => new URL(`./fixtures/inventory/${name}`, import.meta.url).pathname;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await runCli(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const data = ['--data-dir', join(dir, 'main')];

beforeAll(async () => {
  const r = await cli(...data, 'inventory', 'import', fixture('fleet.csv'));
  expect(r.err).toBe('');
  expect(r.out).toMatch(/8 records added, 0 updated, 0 deleted, 0 duplicates not added; 3 sites created/);
});

describe('chipmix inventory / comply', () => {
  it('comply status --json prints the status view { asOf, basis, compliant, verdict, organisation, sites, warnings }', async () => {
    const r = await cli(...data, 'comply', 'status', '--as-of', '2026-01-01', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'asOf',
      'basis',
      'compliant',
      'verdict',
      'organisation',
      'sites',
      'warnings',
    ]);
    expect(json.asOf).toBe('2026-01-01');
    expect(json.basis).toBe('installed');
    expect(Object.keys(json.organisation)).toEqual(['shares', 'packages', 'rules']);
    expect(Object.keys(json.organisation.shares)).toEqual(['count', 'bf16Compute', 'spend', 'power']);
    const bj = json.sites.find((s: { site: string }) => s.site === 'BJ-Yizhuang-01');
    // 512 + 4 domestic of 772 packages
    expect(bj.shares.count).toBeCloseTo(516 / 772, 12);
    expect(bj.packages).toBe(772);
    expect(bj.notApplicable).toEqual([]);
    expect(bj.rules).toEqual([
      {
        id: 'default-domestic-count-majority',
        metric: 'count',
        comparator: '>',
        threshold: 0.5,
        share: 516 / 772,
        pass: true,
      },
    ]);
    const sh = json.sites.find((s: { site: string }) => s.site === 'SH-Lingang-02');
    expect(sh.shares.count).toBe(0);
    expect(sh.rules[0].pass).toBe(false);
  });

  it('refuses a file with bad rows: every problem on stderr, exit 2, nothing written', async () => {
    const before = await cli(...data, 'inventory', 'export');
    const r = await cli(...data, 'inventory', 'import', fixture('bad-rows.csv'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(10);
    expect(r.err).toContain('chipmix: bad-rows.csv'.replace('bad-rows.csv', fixture('bad-rows.csv')));
    expect(r.err.trim().split('\n').at(-1)).toMatch(
      /import refused, 9 problem\(s\) above; nothing was written$/,
    );
    expect((await cli(...data, 'inventory', 'export')).out).toBe(before.out);
  });

  it('exports JSON that re-imports exactly into a new store', async () => {
    const first = await cli(...data, 'inventory', 'export', '--out', join(dir, 'snap.json'));
    expect(first.code).toBe(0);
    const other = ['--data-dir', join(dir, 'other')];
    expect((await cli(...other, 'inventory', 'import', join(dir, 'snap.json'))).code).toBe(0);
    const again = await cli(...other, 'inventory', 'export');
    expect(again.out).toBe(readFileSync(join(dir, 'snap.json'), 'utf8'));
  });

  it('adds a policy and applies it per site with grandfathering and deny lists', async () => {
    const site = await cli(
      ...data,
      'inventory',
      'site',
      'BJ-Yizhuang-01',
      '--state-funded',
      '--completion',
      '10',
      '--region',
      'Beijing',
    );
    expect(site.code).toBe(0);
    await cli(...data, 'inventory', 'site', 'SH-Lingang-02', '--state-funded', '--completion', '85');
    const add = await cli(...data, 'policy', 'add', fixture('state-funded-policy.yaml'));
    expect(add.out).toMatch(/Added policy cn-state-funded-2025 version 1 \(2 rules\)/);
    const r = JSON.parse((await cli(...data, 'comply', 'status', '--as-of', '2026-01-01', '--json')).out);
    const rules = (name: string) =>
      r.sites
        .find((s: { site: string }) => s.site === name)
        .rules.map((x: { id: string; pass: boolean }) => `${x.id}:${x.pass}`);
    expect(rules('BJ-Yizhuang-01')).toEqual([
      'state-funded-domestic-only:false',
      'public-hubs-majority:true',
    ]);
    expect(rules('SH-Lingang-02')).toEqual(['public-hubs-majority:false']); // grandfathered at 85%
    expect(rules('GZ-Nansha-03')).toEqual(['public-hubs-majority:true']); // not state-funded
    const why = await cli(...data, 'comply', 'rules', '--as-of', '2026-01-01');
    expect(why.out).toContain('SH-Lingang-02: does not apply, project 85% complete >= 30% (exempt)');
  });

  it('what-if shows the effect of a swap without writing', async () => {
    const before = (await cli(...data, 'inventory', 'export')).out;
    const r = await cli(
      ...data,
      'comply',
      'what-if',
      '--as-of',
      '2026-01-01',
      '--remove',
      'BJ-Yizhuang-01:nvidia-h20:256',
      '--add',
      'BJ-Yizhuang-01:huawei-ascend-910c:256',
      '--json',
    );
    const json = JSON.parse(r.out);
    const bj = (x: { sites: { site: string; rules: { id: string; pass: boolean }[] }[] }) =>
      x.sites.find((s) => s.site === 'BJ-Yizhuang-01')!.rules[0]!.pass;
    expect(bj(json.before)).toBe(false);
    expect(bj(json.after)).toBe(true);
    expect((await cli(...data, 'inventory', 'export')).out).toBe(before);
  });

  it('trajectory counts the ordered CloudMatrix from its install date', async () => {
    const r = JSON.parse(
      (await cli(...data, 'comply', 'trajectory', '--from', '2026-01-01', '--to', '2026-12-31', '--json'))
        .out,
    );
    const sh = (date: string) =>
      r.points
        .find((p: { asOf: string }) => p.asOf === date)
        .sites.find((s: { site: string }) => s.site === 'SH-Lingang-02').shares.count;
    expect(sh('2026-01-01')).toBe(0);
    expect(sh('2026-03-01')).toBeCloseTo(384 / (384 + 256), 12);
  });

  it('writes a self-contained HTML report and a Markdown report', async () => {
    const html = join(dir, 'r.html');
    expect((await cli(...data, 'comply', 'report', '--as-of', '2026-01-01', '--out', html)).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script|<link|src=|url\(/i);
    const md = join(dir, 'r.md');
    await cli(...data, 'comply', 'report', '--as-of', '2026-01-01', '--out', md);
    expect(readFileSync(md, 'utf8')).toContain('| SH-Lingang-02 |');
    // the default trajectory stays inside the years a date has (it was -1-02-28 to 2-02-28)
    const early = await cli(...data, 'comply', 'report', '--as-of', '0000-02-29', '--out', md);
    expect(early.out).toContain('trajectory 0000-01-01 to 0002-02-28');
  });

  it('bad input is one line and exit 2', async () => {
    const r = await cli(...data, 'comply', 'status', '--as-of', '2026-13-01');
    expect(r).toMatchObject({
      code: 2,
      err: 'chipmix: --as-of: expected a date YYYY-MM-DD, got "2026-13-01"\n',
    });
    const edit = await cli(...data, 'inventory', 'set', 'hw_nope', '--quantity', '3');
    expect(edit).toMatchObject({ code: 2, err: 'chipmix: no hardware record hw_nope\n' });
    // an empty policy file is said to be empty (it was ": Invalid input: expected object, received null")
    const emptyPolicy = join(dir, 'empty-policy.yaml');
    writeFileSync(emptyPolicy, '');
    expect(await cli(...data, 'policy', 'add', emptyPolicy)).toMatchObject({
      code: 2,
      err: `chipmix: ${emptyPolicy}: the policy file is empty\n`,
    });
    // an edit with nothing to change is refused: it would bump the version and refuse others' --expect-version
    const list = JSON.parse((await cli(...data, 'inventory', 'list', '--json')).out);
    const noop = await cli(...data, 'inventory', 'set', list[0].id);
    expect(noop).toMatchObject({ code: 2 });
    expect(noop.err).toMatch(/^chipmix: inventory set: nothing to change/);
    // a report to a directory that does not exist: one line naming the flag, not an internal error
    const out = join(dir, 'no-such-dir', 'r.html');
    const report = await cli(...data, 'comply', 'report', '--as-of', '2026-01-01', '--out', out);
    expect(report).toMatchObject({ code: 2, err: `chipmix: --out: cannot write ${out} (ENOENT)\n` });
    // a what-if at a site the inventory does not have is refused, not counted as a new site
    const typo = await cli(...data, 'comply', 'what-if', '--add', 'NOPE:huawei-atlas-800t-a2:100');
    expect(typo.code).toBe(2);
    expect(typo.err.trim().split('\n')).toHaveLength(1);
    expect(typo.err).toContain('unknown site "NOPE"');
  });

  it('refuses a stale edit from the CLI', async () => {
    const list = JSON.parse(
      (await cli(...data, 'inventory', 'list', '--site', 'GZ-Nansha-03', '--json')).out,
    );
    const { id, version } = list[0];
    expect(
      (await cli(...data, 'inventory', 'set', id, '--quantity', '130', '--expect-version', String(version)))
        .code,
    ).toBe(0);
    const stale = await cli(
      ...data,
      'inventory',
      'set',
      id,
      '--quantity',
      '140',
      '--expect-version',
      String(version),
    );
    expect(stale.code).toBe(2);
    expect(stale.err).toMatch(/the record changed since you read it/);
  });
});
