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
});
