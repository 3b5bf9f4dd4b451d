/**
 * --output json|yaml|csv|table render the same data; tables wrap to 100 columns off a TTY and measure
 * CJK characters as two columns (a site named 北京 lines up with one named BJ).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { toCsv } from '../src/cli/output';
import { renderTable, wrapText } from '../src/cli/table';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data-dir', join(dir, 'store')];
const CJK_SITE = '北京亦庄智算中心-01';

beforeAll(async () => {
  const file = join(dir, 'fleet.csv');
  writeFileSync(
    file,
    'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\n' +
      `${CJK_SITE},huawei-ascend-910b,64,installed,2025-01-01,,,\n` +
      'SH-2,nvidia-h20,16,installed,2025-01-01,,,\n',
  );
  expect((await run(...data, 'inventory', 'import', file)).code).toBe(0);
});

const status = (...extra: string[]) => run(...data, 'comply', 'status', '--as-of', '2026-01-01', ...extra);
const lines = (text: string) => text.split('\n').filter((l) => /^[│┌└├]/.test(l));

describe('--output', () => {
  it('json and --json print the same document; yaml parses to it', async () => {
    const json = JSON.parse((await status('--json')).out);
    expect(JSON.parse((await status('--output', 'json')).out)).toEqual(json);
    expect(parseYaml((await status('-o', 'yaml')).out)).toEqual(json);
  });

  it('csv has one row per site and one for the organisation, with the JSON numbers', async () => {
    const json = JSON.parse((await status('--json')).out);
    const [header, ...rows] = (await status('-o', 'csv')).out
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col('scope')])).toEqual([
      ...json.sites.map((s: { site: string }) => s.site),
      'organisation',
    ]);
    for (const [i, s] of (json.sites as Array<{ shares: { count: number } }>).entries())
      expect(Number(rows[i]![col('count')])).toBe(s.shares.count);
  });

  it('--json with --output csv is a usage error; an unknown format names the choices', async () => {
    expect((await status('--json', '-o', 'csv')).code).toBe(2);
    const r = await status('-o', 'xml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/table, json, yaml, csv|"table", "json", "yaml", "csv"/);
  });

  it('inventory list and catalog list take --output csv too', async () => {
    expect((await run(...data, 'inventory', 'list', '-o', 'csv')).out.split('\n')[0]).toMatch(
      /^id,site,hardwareId,/,
    );
    const catalog = (await run('catalog', 'list', '--vendor', 'huawei', '-o', 'csv')).out.split('\n');
    expect(catalog[0]).toMatch(/^id,kind,vendor,name,domestic,status/);
    expect(catalog.length).toBeGreaterThan(3);
  });

  it('CSV defuses text a spreadsheet would run, but keeps negative numbers', () => {
    expect(toCsv([{ a: '=1+1', b: -2, c: 'x,y' }])).toBe(`a,b,c\n'=1+1,-2,"x,y"\n`);
  });
});

describe('tables', () => {
  it('a CJK site name lines up: every row of the status table has the same display width', async () => {
    const out = (await status()).out;
    expect(out).toContain(CJK_SITE);
    const widths = new Set(lines(out).map((l) => stringWidth(l)));
    expect(widths.size).toBe(1);
    // and the border characters of a CJK row sit under the header's
    const [, head, row] = lines(out);
    const bars = (l: string) =>
      [...l].reduce<number[]>((at, ch, i, all) => {
        if (ch === '│') at.push(stringWidth(all.slice(0, i).join('')));
        return at;
      }, []);
    expect(bars(lines(out).find((l) => l.includes(CJK_SITE))!)).toEqual(bars(head!));
    expect(row).toBeDefined();
  });

  it('long cells wrap (nothing is cut) and the table fits the width', () => {
    const long =
      'huawei-cloudmatrix-384: tp8 pp1 dp384 ep32 mbs8 recompute=activations zero1 on 9216 seqs/step';
    const table = renderTable(['workload', 'layout'], [['北京训练任务', long]], { maxWidth: 40 });
    for (const l of table.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    expect(table.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, '')).toContain(long.replace(/\s/g, ''));
  });

  it('wrapText breaks CJK text by display width', () => {
    expect(wrapText('北京亦庄智算中心', 6)).toBe('北京亦\n庄智算\n中心');
  });
});

describe('plan tables', () => {
  it('the workloads table of a two-pool plan fits 100 columns (it was about 350)', async () => {
    const { renderPlan } = await import('../src/cli/commands/plan-actions');
    const scenario = join(dir, 'plan.yaml');
    writeFileSync(
      scenario,
      `asOf: 2026-03-01
hardware:
  - id: huawei-atlas-800t-a2
  - id: nvidia-hgx-h20
sites:
  - id: bj-yizhuang
    powerCapMW: 5
workloads:
  - { id: job, kind: training, model: llama3-8b, tokens: 2T, deadlineDays: 20 }
policy:
  rules:
    - { id: cn50, metric: count, comparator: '>', threshold: 0.5, scope: site, effectiveFrom: 2025-08-16 }
`,
    );
    const r = await run('plan', scenario, '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    // the shape of the DeepSeek-V3 preset's answer: two pools, each with its own layout and batch share
    const w = plan.workloads[0];
    const two = {
      ...plan,
      workloads: [
        {
          ...w,
          hardware: ['huawei-cloudmatrix-384', 'nvidia-hgx-h20'],
          devices: [3072, 3072],
          installed: [false, true],
          layout:
            'huawei-cloudmatrix-384: tp8 pp1 dp384 ep32 mbs8 recompute=activations zero1 on 9216 seqs/step | nvidia-hgx-h20: tp8 pp1 dp384 ep64 mbs8 recompute=activations zero3 on 6144 seqs/step',
        },
      ],
    };
    const text = renderPlan(two);
    expect(text).toContain('bj-yizhuang');
    for (const line of text.split('\n').filter((l) => /^[│┌└├]/.test(l)))
      expect(stringWidth(line)).toBeLessThanOrEqual(100);
    expect(text.replace(/[│\s]/g, '')).toContain('nvidia-hgx-h20:tp8pp1dp384ep64mbs8');
  });
});
