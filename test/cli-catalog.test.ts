import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './support/run-cli';

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CHIPMIX_CATALOG;
});

const dir = mkdtempSync(join(tmpdir(), 'chipmix-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const USER_CHIP = `chips:
  - id: acme-x1
    vendor: Acme
    name: Acme X1
    vendorCountry: CN
    domestic: true
    status: announced
    family: acme
    softwareStack: [other]
    softwareSources: [{ title: Acme docs, url: "https://acme.example" }]
    exportControl: { status: not-applicable, asOf: "2026-01-01", sources: [{ title: Acme, url: "https://acme.example" }] }
    specs:
      bf16DenseTflops: { value: 500, unit: TFLOP/s, confidence: official, sources: [{ title: Acme, url: "https://acme.example" }] }
      hbmCapacityGB: { value: HBM, unit: GB, confidence: official, sources: [{ title: Acme, url: "https://acme.example" }] }
`;

describe('chipmix catalog list', () => {
  it('prints JSON rows with the required fields', async () => {
    const { code, out } = await run('catalog', 'list', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['id', 'kind', 'vendor', 'name', 'domestic', 'status']),
      );
    }
  });

  it('filters domestic systems and prints a table', async () => {
    const json = JSON.parse((await run('catalog', 'list', '--domestic', '--kind', 'system', '--json')).out);
    expect(json.map((r: { id: string }) => r.id)).toEqual([
      'cambricon-mlu590-server',
      'huawei-atlas-800t-a2',
      'huawei-cloudmatrix-384',
    ]);
    const text = await run('catalog', 'list', '--foreign', '--vendor', 'amd');
    expect(text.out).toContain('amd-mi300x-platform');
    expect(text.out).not.toContain('huawei');
  });

  it('rejects contradictory or bad filters with exit code 2', async () => {
    expect(await run('catalog', 'list', '--domestic', '--foreign')).toMatchObject({
      code: 2,
      err: 'chipmix: --domestic and --foreign exclude each other\n',
    });
    expect((await run('catalog', 'list', '--kind', 'rack')).code).toBe(2);
  });
});

describe('chipmix catalog show', () => {
  it('prints every spec with unit, value, confidence and sources as JSON', async () => {
    const { code, out } = await run('catalog', 'show', 'huawei-ascend-910c', '--json');
    expect(code).toBe(0);
    const view = JSON.parse(out);
    expect(view).toMatchObject({ id: 'huawei-ascend-910c', kind: 'chip' });
    expect(view.specs.bf16DenseTflops).toMatchObject({ value: 752, unit: 'TFLOP/s', confidence: 'official' });
    expect(view.specs.bf16DenseTflops.sources[0]).toEqual({
      title: expect.any(String),
      url: 'https://arxiv.org/abs/2506.12708',
    });
    expect(view.specs.bf16DenseTflops.alternatives).toHaveLength(2);
  });

  it('prints a readable page', async () => {
    const { out } = await run('catalog', 'show', 'huawei-ascend-910b');
    expect(out).toContain('alias of huawei-ascend-910b3');
    expect(out).toContain('bf16DenseTflops: 313 TFLOP/s [analysis]');
  });

  it('suggests the closest ids for an unknown id, exit code 2, no stack trace', async () => {
    const { code, err, out } = await run('catalog', 'show', 'nvidia-h100');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      'chipmix: unknown catalog id "nvidia-h100" (did you mean nvidia-h100-sxm5-80gb, nvidia-b200, nvidia-h20?); run \'chipmix catalog list\' for all ids\n',
    );
  });
});

describe('chipmix catalog compare', () => {
  it('prints the published CloudMatrix 384 vs NVL72 ratios as JSON', async () => {
    const { code, out } = await run(
      'catalog',
      'compare',
      'huawei-cloudmatrix-384',
      'nvidia-gb200-nvl72',
      '--json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.ids).toEqual(['huawei-cloudmatrix-384', 'nvidia-gb200-nvl72']);
    for (const name of [
      'bf16DenseTflops',
      'hbmCapacityGB',
      'hbmBandwidthTBps',
      'scaleUpBandwidthGBps',
      'powerKW',
    ]) {
      expect(json.metrics[name], name).toMatchObject({ unit: expect.any(String), values: expect.any(Array) });
    }
    expect(json.metrics.bf16DenseTflops.ratio).toBeCloseTo(1.667, 3);
    expect(json.metrics.powerKW.ratio).toBeCloseTo(3.855, 3);
  });

  it('prints a side-by-side table with the ratio', async () => {
    const { out } = await run('catalog', 'compare', 'huawei-cloudmatrix-384', 'nvidia-gb200-nvl72');
    expect(out).toMatch(/bf16DenseTflops\s+│ TFLOP\/s\s+│ 300,000\s+│ 180,000 ~\s+│ 1\.667x/);
    expect(out).toMatch(/powerKW\s+│ kW\s+│ 559 ~\s+│ 145 ~\s+│ 3\.855x/);
  });

  it('needs two ids and known ids', async () => {
    expect((await run('catalog', 'compare', 'nvidia-h20')).code).toBe(2);
    const unknown = await run('catalog', 'compare', 'nvidia-h20', 'ascend-910c');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('did you mean huawei-ascend-910c');
    const twice = await run('catalog', 'compare', 'nvidia-h20', 'NVIDIA-H20');
    expect(twice.code).toBe(2);
    expect(twice.err).toBe('chipmix: expected each hardware id once: NVIDIA-H20 is given twice\n');
    const mixed = await run('catalog', 'compare', 'nvidia-h20', 'huawei-cloudmatrix-384');
    expect(mixed.out).toContain(
      "This sets one chip against whole systems: compare a chip with the system's chip",
    );
  });
});

describe('chipmix catalog audit', () => {
  it('prints, per metric, the entries lacking a value or holding only rumours, as JSON', async () => {
    const { code, out } = await run('catalog', 'audit', '--json');
    expect(code).toBe(0);
    const audit = JSON.parse(out);
    expect(audit.chips).toBeGreaterThan(30);
    const byMetric = Object.fromEntries(audit.metrics.map((m: { metric: string }) => [m.metric, m]));
    expect(Object.keys(byMetric)).toEqual([
      'price',
      'power',
      'bf16',
      'fp8',
      'hbmCapacity',
      'hbmBandwidth',
      'scaleUp',
      'scaleOut',
      'availableFrom',
    ]);
    const ids = (list: Array<{ id: string }>) => list.map((e) => e.id);
    // Kunlunxin publishes no datasheet: nothing is guessed for the P800.
    expect(ids(byMetric.bf16.missing)).toContain('kunlunxin-p800');
    // The MLU590's only power figure is a community estimate.
    expect(ids(byMetric.power.rumourOnly)).toContain('cambricon-mlu590');
    expect(byMetric.fp8.notApplicable).toContainEqual(
      expect.objectContaining({ id: 'huawei-ascend-910c', reason: expect.stringContaining('FP8') }),
    );
    expect(ids(byMetric.price.notApplicable)).toContain('google-tpu-v5p');
    for (const m of audit.metrics) {
      expect(m.covered + m.missing.length + m.rumourOnly.length + m.notApplicable.length, m.metric).toBe(
        m.audited,
      );
    }
  });

  it('audits the roadmap alone with --status roadmap, and prints a readable page', async () => {
    const roadmap = JSON.parse((await run('catalog', 'audit', '--status', 'roadmap', '--json')).out);
    const availability = roadmap.metrics.find((m: { metric: string }) => m.metric === 'availableFrom');
    expect(availability.audited).toBe(roadmap.chips + roadmap.systems);
    expect(availability.missing).toEqual([]);
    const { code, out } = await run('catalog', 'audit', '--status', 'roadmap');
    expect(code).toBe(0);
    expect(out).toMatch(/^Catalog audit: \d+ chips, 1 system\./);
    expect(out).toMatch(
      /\nprice \(chip priceUsd, system priceUsd\): 0 of \d+ with a value better than rumour/,
    );
    expect(out).toContain('huawei-ascend-960');
  });

  it('refuses an unknown status with exit code 2', async () => {
    expect(await run('catalog', 'audit', '--status', 'soon')).toMatchObject({
      code: 2,
      err: 'chipmix: --status: expected roadmap or one of shipping, announced, rumoured, retired, got "soon"\n',
    });
  });
});

describe('user catalog files', () => {
  it('catalog show --entry prints an entry as a user catalog file that --catalog reads back', async () => {
    for (const id of ['nvidia-h20', 'huawei-cloudmatrix-384']) {
      const shown = await run('catalog', 'show', id, '--entry');
      expect(shown.code).toBe(0);
      const edited = write(`${id}.yaml`, shown.out.replace(/^( {4}name: ).*$/m, '$1Edited'));
      const back = JSON.parse((await run('catalog', 'show', id, '--json', '--catalog', edited)).out);
      expect(back.name).toBe('Edited');
    }
    expect((await run('catalog', 'show', 'nvidia-h20', '--entry', '--json')).code).toBe(2);
  });
  it('adds entries from --catalog and from CHIPMIX_CATALOG', async () => {
    const good = write('good.yaml', USER_CHIP.replace('value: HBM', 'value: 96'));
    const viaOption = JSON.parse((await run('catalog', 'show', 'acme-x1', '--json', '--catalog', good)).out);
    expect(viaOption.specs.hbmCapacityGB.value).toBe(96);
    process.env.CHIPMIX_CATALOG = good;
    const rows = JSON.parse((await run('catalog', 'list', '--vendor', 'acme', '--json')).out);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['acme-x1']);
  });

  it('names the file, the field path and the rule for a bad file', async () => {
    const bad = write('extra.yaml', USER_CHIP);
    const result = await run('catalog', 'list', '--catalog', bad);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `chipmix: ${bad}: chips[0].specs.hbmCapacityGB.value: expected a positive number\n`,
    );
  });

  it('reports YAML syntax errors with line and column, and unreadable files', async () => {
    const broken = write('broken.yaml', 'chips: [\n');
    expect((await run('catalog', 'list', '--catalog', broken)).err).toMatch(
      new RegExp(`^chipmix: ${broken}: line \\d+, column \\d+: `),
    );
    const missing = join(dir, 'missing.json');
    expect((await run('catalog', 'list', '--catalog', missing)).err).toBe(
      `chipmix: ${missing}: cannot read the file (ENOENT)\n`,
    );
  });
});
