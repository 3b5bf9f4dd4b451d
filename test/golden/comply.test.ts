/**
 * Golden: `chipmix comply status --json` and the compliance reports (HTML and Markdown) on the demo
 * inventory (examples/inventory-demo.csv, what `chipmix serve --demo` loads) in a temporary store.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../support/run-cli';
import { expectGolden } from './golden';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-golden-'));
const data = ['--data-dir', join(dir, 'store')];
const asOf = ['--as-of', '2026-01-01'];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const r = await run(...data, 'inventory', 'import', 'examples/inventory-demo.csv');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

describe('golden: comply', () => {
  it('comply status --json', async () => {
    const r = await run(...data, 'comply', 'status', ...asOf, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden('comply-status-demo.json', r.out);
  });

  for (const ext of ['html', 'md']) {
    it(`comply report --out report.${ext}`, async () => {
      const out = join(dir, `report.${ext}`);
      const r = await run(...data, 'comply', 'report', ...asOf, '--out', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`comply-report-demo.${ext}`, readFileSync(out, 'utf8'));
    });
  }

  it('comply report --lang zh-CN writes the same report in Simplified Chinese (not a golden)', async () => {
    for (const ext of ['html', 'md']) {
      const out = join(dir, `report-zh.${ext}`);
      const r = await run(...data, 'comply', 'report', ...asOf, '--lang', 'zh-CN', '--out', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('合规报告（截至 2026-01-01）');
      expect(text).toContain('GZ-Nansha-03：按采购金额计的国产芯片占比未知');
      expect(text).not.toMatch(
        /Compliance report|Organisation|Trajectory|Warnings|does not apply|share unknown/,
      );
      if (ext === 'html') expect(text).toContain('<html lang="zh-CN">');
    }
    const bad = await run(...data, 'comply', 'report', '--lang', 'fr', '--out', join(dir, 'x.html'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--lang: expected en or zh-CN');
  });
});
