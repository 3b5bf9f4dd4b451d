/**
 * `--fail-on` for CI gates: 0 when the gate passes, 3 when it trips (after printing the result as
 * usual), 2 for bad input, including an empty store (nothing to judge is not "compliant").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-gates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const store = (name: string) => ['--data-dir', join(dir, name)];

const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\n';

beforeAll(async () => {
  // compliant: only domestic hardware; non-compliant: one site all foreign
  const ok = write('ok.csv', `${HEADER}BJ-1,huawei-ascend-910b,64,installed,2025-01-01,,,\n`);
  const bad = write(
    'bad.csv',
    `${HEADER}BJ-1,huawei-ascend-910b,64,installed,2025-01-01,,,\nSH-2,nvidia-h20,64,installed,2025-01-01,,,\n`,
  );
  expect((await run(...store('ok'), 'inventory', 'import', ok)).code).toBe(0);
  expect((await run(...store('bad'), 'inventory', 'import', bad)).code).toBe(0);
});

describe('comply status --fail-on non-compliant', () => {
  const status = (name: string, ...extra: string[]) =>
    run(...store(name), 'comply', 'status', '--as-of', '2026-01-01', ...extra);

  it('compliant store: exit 0', async () => {
    const r = await status('ok', '--fail-on', 'non-compliant');
    expect(r.out).toMatch(/: COMPLIANT/);
    expect(r.code).toBe(0);
  });

  it('non-compliant store: prints the status, then exit 3 naming the site and rule', async () => {
    const r = await status('bad', '--fail-on', 'non-compliant');
    expect(r.out).toMatch(/NOT COMPLIANT/);
    expect(r.err).toMatch(
      /^chipmix: --fail-on non-compliant: NOT COMPLIANT: SH-2 fails default-domestic-count-majority/m,
    );
    expect(r.code).toBe(3);
  });

  it('non-compliant store without --fail-on: exit 0 (the gate is opt-in)', async () => {
    expect((await status('bad')).code).toBe(0);
  });

  it('--json still prints one JSON document before exit 3', async () => {
    const r = await status('bad', '--json', '--fail-on', 'non-compliant');
    expect(JSON.parse(r.out).sites).toHaveLength(2);
    expect(r.code).toBe(3);
  });

  it('empty store: "no inventory" on one line, exit 2, nothing on stdout', async () => {
    const r = await status('empty', '--fail-on', 'non-compliant');
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^chipmix: no inventory as of 2026-01-01/);
    expect(r.code).toBe(2);
    // without the gate too: an empty store is never reported COMPLIANT
    expect((await status('empty')).code).toBe(2);
  });

  it('no rule in force: said so, never COMPLIANT, and the gate trips naming why', async () => {
    const policy = write(
      'later.yaml',
      'id: later\nrules:\n  - id: from-2030\n    metric: count\n    comparator: ">"\n    threshold: 0.5\n    scope: site\n    effectiveFrom: 2030-01-01\n',
    );
    expect(
      (
        await run(
          ...store('norule'),
          'inventory',
          'import',
          write('n.csv', `${HEADER}BJ-1,huawei-ascend-910b,64,installed,2025-01-01,,,\n`),
        )
      ).code,
    ).toBe(0);
    expect((await run(...store('norule'), 'policy', 'add', policy)).code).toBe(0);
    const r = await status('norule', '--fail-on', 'non-compliant');
    expect(r.out).toMatch(/^Compliance as of 2026-01-01 \(installed hardware\): NO RULE IN FORCE/);
    expect(r.out).not.toMatch(/: COMPLIANT/);
    expect(r.err).toMatch(/^chipmix: --fail-on non-compliant: NO RULE IN FORCE on 2026-01-01/m);
    expect(r.code).toBe(3);
    const json = JSON.parse((await status('norule', '--json')).out);
    expect([json.verdict, json.compliant]).toEqual(['no-rule-in-force', null]);
  });

  it('an empty site is not judged and leaves the organisation COMPLIANT (not UNKNOWN)', async () => {
    const csv = write('e.csv', `${HEADER}BJ-1,huawei-ascend-910b,64,installed,2025-01-01,,,\n`);
    expect((await run(...store('emptysite'), 'inventory', 'import', csv)).code).toBe(0);
    expect((await run(...store('emptysite'), 'inventory', 'site', 'EMPTY-3', '--state-funded')).code).toBe(0);
    const r = await status('emptysite', '--fail-on', 'non-compliant');
    expect(r.out).toMatch(/: COMPLIANT/);
    expect(r.code).toBe(0);
    const empty = JSON.parse((await status('emptysite', '--json')).out).sites[1];
    expect(empty).toMatchObject({ site: 'EMPTY-3', rules: [], notApplicable: [{ reason: 'no-hardware' }] });
  });

  it('hardware installed only after the date counts as no inventory on that date', async () => {
    const r = await run(...store('ok'), 'comply', 'status', '--as-of', '2024-01-01');
    expect(r.err).toMatch(
      /no hardware counts as of 2024-01-01 \(installed\) at the inventory's \d+ site\(s\); give a later --as-of/,
    );
    expect(r.code).toBe(2);
  });

  it('an unknown condition is a usage error (exit 2)', async () => {
    const r = await status('ok', '--fail-on', 'infeasible');
    expect(r.err).toMatch(/non-compliant, warning/);
    expect(r.code).toBe(2);
  });
});

const SCENARIO = `
asOf: 2026-03-01
hardware:
  - id: huawei-atlas-800t-a2
  - id: nvidia-hgx-h20
sites:
  - id: dc
    powerCapMW: POWER
workloads:
  - id: job
    kind: training
    model: llama3-8b
    tokens: 2T
    deadlineDays: 20
policy:
  rules:
    - { id: cn50, metric: count, comparator: '>', threshold: 0.5, scope: site, effectiveFrom: 2025-08-16 }
`;

describe('plan --fail-on infeasible', () => {
  it('feasible: exit 0', async () => {
    const r = await run('plan', write('ok.yaml', SCENARIO.replace('POWER', '5')), '--fail-on', 'infeasible');
    expect(r.out).toMatch(/status OPTIMAL/);
    expect(r.code).toBe(0);
  });

  it('infeasible: prints the conflicts, then exit 3 naming one', async () => {
    const r = await run(
      'plan',
      write('tight.yaml', SCENARIO.replace('POWER', '0.2')),
      '--fail-on',
      'infeasible',
    );
    expect(r.out).toMatch(/status INFEASIBLE/);
    expect(r.err).toMatch(/^chipmix: --fail-on infeasible: infeasible: /m);
    expect(r.code).toBe(3);
  });

  it('--fail-on warning trips on evidence warnings; without it the same plan exits 0', async () => {
    const cambricon = write(
      'warn.yaml',
      SCENARIO.replace('POWER', '5').replace(
        '  - id: huawei-atlas-800t-a2',
        '  - id: cambricon-mlu590-server\n    priceUsdPerDevice: 20000',
      ),
    );
    const r = await run('plan', cambricon, '--fail-on', 'infeasible,warning');
    expect(r.out).toMatch(/status OPTIMAL/);
    expect(r.out).toMatch(/warning: cambricon-mlu590-server: no published training runs/);
    expect(r.err).toMatch(/^chipmix: --fail-on warning: 2 warning\(s\): cambricon-mlu590-server/m);
    expect(r.code).toBe(3);
    expect((await run('plan', cambricon, '--fail-on', 'infeasible')).code).toBe(0);
  });
});
