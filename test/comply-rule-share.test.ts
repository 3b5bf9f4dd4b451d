/**
 * The status table showed, beside a rule's verdict, the share under the catalog's domestic flag (66.7%) while the rule
 * with `domestic: {vendors: [Huawei]}` measured 0%; the JSON rule entries dropped the measured share. Each rule now
 * shows its own share, with enough digits to see its side of the threshold.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-rule-share-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data-dir', join(dir, 'store')];

beforeAll(async () => {
  writeFileSync(
    join(dir, 'inv.csv'),
    'site,hardware_id,quantity,status,install_date,decommission_date\nA,cambricon-mlu590,2,installed,2025-01-01,\nA,nvidia-h20,1,installed,2025-01-01,\n',
  );
  writeFileSync(
    join(dir, 'policy.yaml'),
    'id: huawei-only\nrules:\n  - id: huawei-majority\n    metric: count\n    comparator: ">"\n    threshold: 0.5\n    scope: site\n    effectiveFrom: 2025-01-01\n    domestic: {vendors: [Huawei]}\n',
  );
  expect((await run(...data, 'inventory', 'import', join(dir, 'inv.csv'))).code).toBe(0);
  expect((await run(...data, 'policy', 'add', join(dir, 'policy.yaml'))).code).toBe(0);
});

describe('each rule shows the share it measured', () => {
  it('table: the rule column shows 0.0% beside FAIL while the catalog count column shows 66.7%', async () => {
    const r = await run(...data, 'comply', 'status', '--as-of', '2026-01-01');
    const row = r.out.split('\n').find((line) => line.includes(' A '));
    expect(row).toMatch(/66\.7%.*huawei-majority 0\.0% FAIL/);
  });

  it('JSON: each rule entry carries its measured share', async () => {
    const r = await run(...data, 'comply', 'status', '--as-of', '2026-01-01', '--json');
    const site = JSON.parse(r.out).sites[0];
    expect(site.shares.count).toBeCloseTo(2 / 3, 12);
    expect(site.rules).toEqual([
      { id: 'huawei-majority', metric: 'count', comparator: '>', threshold: 0.5, share: 0, pass: false },
    ]);
  });
});
