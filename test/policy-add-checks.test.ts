/**
 * `policy add` stored typos without a word (`deny: [nvidia-h2O, Nvdia]`, `regions: [Beijng]`, `sites: [NOPE]`,
 * `domestic: {vendors: [Huawie]}`): such a rule denies or binds nothing. It now warns about each; a policy with two
 * rules of one id, or a JSON policy with a duplicate key, is refused as a YAML one is.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { policyWarnings } from '../src/core/policy/lint';
import { policyFileSchema } from '../src/core/policy/schema';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-policy-add-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data-dir', join(dir, 'store')];
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const RULE = { metric: 'count', comparator: '>', threshold: 0.5, scope: 'site', effectiveFrom: '2025-01-01' };

beforeAll(async () => {
  const csv = write(
    'inv.csv',
    'site,hardware_id,quantity,status,install_date,decommission_date\nBJ-1,nvidia-h20,1,installed,2025-01-01,\n',
  );
  expect((await run(...data, 'inventory', 'import', csv)).code).toBe(0);
  expect((await run(...data, 'inventory', 'site', 'BJ-1', '--region', 'Beijing')).code).toBe(0);
});

describe('policy add', () => {
  it('warns about hardware ids, vendors, sites and regions nobody has, and still stores the policy', async () => {
    const file = write(
      'typos.json',
      JSON.stringify({
        id: 'typos',
        rules: [
          {
            id: 'r',
            ...RULE,
            deny: ['nvidia-h2O', 'Nvdia', 'nvidia', 'NVIDIA-H20'],
            appliesTo: { regions: ['Beijng', 'beijing'], sites: ['NOPE', 'BJ-1'] },
            domestic: { vendors: ['Huawie', 'huawei'] },
          },
        ],
      }),
    );
    const r = await run(...data, 'policy', 'add', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Added policy typos version 1/);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^chipmix: warning: .*typos\.json: rules\[0\]\.deny\[0\]: nvidia-h2O is neither a catalog hardware id nor a vendor; it denies nothing \(did you mean nvidia-h20/,
    );
    expect(lines[1]).toMatch(/rules\[0\]\.deny\[1\]: Nvdia is neither/);
    expect(lines[2]).toMatch(
      /rules\[0\]\.domestic\.vendors\[0\]: Huawie is no vendor of the catalog \(.*Huawei/,
    );
    expect(lines[3]).toMatch(/rules\[0\]\.appliesTo\.sites\[0\]: NOPE is not a site of the inventory/);
    expect(lines[4]).toMatch(
      /rules\[0\]\.appliesTo\.regions\[0\]: no site of the inventory is in region Beijng/,
    );
  });

  it('refuses two rules of one id, naming the second', async () => {
    const file = write(
      'twice.json',
      JSON.stringify({
        id: 'twice',
        rules: [
          { id: 'r', ...RULE },
          { id: 'r', ...RULE },
        ],
      }),
    );
    const r = await run(...data, 'policy', 'add', file);
    expect([r.code, r.err]).toEqual([
      2,
      `chipmix: ${file}: rules[1].id: rule id r given twice in this policy (also rules[0])\n`,
    ]);
  });

  it('refuses a JSON policy with a duplicate key, as a YAML one', async () => {
    const file = write(
      'dup.json',
      `{"id": "dup", "rules": [${JSON.stringify({ id: 'r', ...RULE }).replace('"threshold":0.5', '"threshold":0.5,"threshold":0.9')}]}`,
    );
    const r = await run(...data, 'policy', 'add', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^chipmix: .*dup\.json: not valid JSON: Map keys must be unique at line 1/);
  });

  it('a clean policy has no warnings', () => {
    const doc = policyFileSchema.parse({ id: 'ok', rules: [{ id: 'r', ...RULE, deny: ['Nvidia'] }] });
    expect(policyWarnings(doc, loadBuiltinCatalog(), [{ name: 'BJ-1', region: 'Beijing' }])).toEqual([]);
  });
});
