/**
 * Defects a new-user review of the CLI found on 2026-12-07: `--data-dir` under /proc spun forever, `plan --out`
 * left the first files behind when a later one failed, `inventory site` created a blank-named site that its own
 * export could not re-import, and an unset completion printed as "-%".
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-cli-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--data-dir', () => {
  it('a directory that cannot be made is one line naming --data-dir, exit 2 (it spun at 100% CPU under /proc)', async () => {
    const r = await run('--data-dir', '/proc/chipmix-nope', 'inventory', 'list');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^chipmix: --data-dir \/proc\/chipmix-nope: cannot open the store: ENOENT/);
  }, 10_000);

  it('a file in its place is named too', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await run('--data-dir', file, 'inventory', 'list');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--data-dir ${file}`);
  });
});

describe('plan --out', () => {
  it('writes no file when one of them cannot be written', async () => {
    const out = join(dir, 'plan-out');
    mkdirSync(join(out, 'sweep.svg'), { recursive: true });
    const r = await run(
      'plan',
      'examples/plan-deepseek-r1-serving-50pct.yaml',
      '--sweep-domestic',
      '0:100:50',
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out: cannot write .*sweep\.svg \(EISDIR\)/);
    expect(readdirSync(out)).toEqual(['sweep.svg']);
  }, 60_000);
});

describe('inventory site', () => {
  it.each(['', '   '])('refuses the blank name %j, writing nothing', async (name) => {
    const data = join(dir, `store-${name.length}`);
    const r = await run('--data-dir', data, 'inventory', 'site', name, '--region', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected a site name/);
    const sites = await run('--data-dir', data, 'inventory', 'sites');
    expect(sites.out).toContain('The inventory has no sites.');
  });

  it('prints an unset completion as "-", not "-%"', async () => {
    const r = await run('--data-dir', join(dir, 'store-ok'), 'inventory', 'site', 'Ok', '--region', 'y');
    expect(r.code).toBe(0);
    expect(r.out).toContain('completion=-.');
    expect(existsSync(join(dir, 'store-ok'))).toBe(true);
  });

  it('inventory sites draws a table, as its -o option says', async () => {
    const r = await run('--data-dir', join(dir, 'store-ok'), 'inventory', 'sites');
    expect(r.out).toMatch(/│ site +│ region +│ state-funded +│ completion +│ commissioned +│ v +│/);
    expect(r.out).toMatch(/│ Ok +│ y +│ no +│ - +│/);
  });
});

describe('inputs', () => {
  it('reads a config.json that starts with a UTF-8 byte-order mark, in train and infer alike', async () => {
    const file = join(dir, 'bom-config.json');
    writeFileSync(
      file,
      '\ufeff{"model_type":"llama","hidden_size":4096,"num_attention_heads":32,"num_hidden_layers":32,"intermediate_size":14336,"vocab_size":128256}',
    );
    const common = ['--model', file, '--hardware', 'nvidia-dgx-h100', '--devices', '8'];
    const train = await run('train', 'estimate', ...common, '--seq-len', '4096', '--global-batch', '64');
    expect(train.code, train.err).toBe(0);
    const infer = await run('infer', 'estimate', ...common, '--input-len', '1000', '--output-len', '100');
    expect(infer.code, infer.err).toBe(0);
  });

  it('an --as-of before the inventory says so, not "import some"', async () => {
    const data = join(dir, 'store-asof');
    expect((await run('--data-dir', data, 'inventory', 'import', 'examples/inventory-demo.csv')).code).toBe(
      0,
    );
    const r = await run('--data-dir', data, 'comply', 'status', '--as-of', '2020-01-01');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /no hardware counts as of 2020-01-01 \(installed\) at the inventory's \d+ site\(s\); give a later --as-of/,
    );
  });
});

describe('--catalog files', () => {
  it.each([
    ['', 'an empty file'],
    ['- a\n- b\n', 'a list'],
  ])('a file that is not a mapping (%j) says so in one line', async (text, kind) => {
    const file = join(dir, `catalog-${kind.replace(/ /g, '-')}.yaml`);
    writeFileSync(file, text);
    const r = await run('--catalog', file, 'catalog', 'list');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      `chipmix: ${file}: a catalog file must be a mapping (chips:, systems:, ...), got ${kind}`,
    );
  });
});

describe('plan: an infeasible scenario with two independent conflicts', () => {
  it('names both (a rule at 100% and its own deny list, each infeasible alone), not one set that "makes the rest feasible"', async () => {
    const file = join(dir, 'two-conflicts.yaml');
    writeFileSync(
      file,
      `name: two-conflicts
asOf: 2026-03-01
hardware:
  - id: huawei-atlas-800t-a2
sites:
  - id: a
    powerCapMW: 50
    installed:
      - hardware: nvidia-hgx-h200
        devices: 64
workloads:
  - id: s
    kind: serving
    model: llama3-70b
    inputTokens: 1000
    outputTokens: 200
    outputTokensPerSecond: 100000
policy:
  rules:
    - id: dom
      metric: count
      comparator: '>='
      threshold: 1
      scope: site
      effectiveFrom: 2025-01-01
      deny: [NVIDIA]
`,
    );
    const r = await run('plan', file);
    expect(r.out).toContain('conflicting constraints, 2 independent sets');
    expect(r.out).toMatch(/\[set 1\] rule:dom@a: /);
    expect(r.out).toMatch(/\[set 2\] deny:dom@a: deny list of rule dom at a \(nvidia-hgx-h200\)/);
    const json = await run('plan', file, '--json');
    const conflicts = (JSON.parse(json.out) as { conflicts: { constraint: string; set?: number }[] })
      .conflicts;
    expect(conflicts.map((c) => [c.constraint, c.set])).toEqual([
      ['rule:dom@a', 1],
      ['deny:dom@a', 2],
    ]);
  }, 60_000);
});
