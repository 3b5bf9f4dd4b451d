/**
 * Fuzzing every reader of untrusted documents (issue 13): CSV, NetBox JSON, chipmix JSON snapshots,
 * scenario YAML and Hugging Face config.json. Each gets at least 1,000 generated inputs, half
 * random and half shaped like the real format (so the deep checks run too), and must never throw:
 * every input is either read or refused with issues. What is read stays within the schema's
 * bounds. Seeds are fixed: a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { MAX_QUANTITY_PER_RECORD } from '../src/core/compliance/types';
import type { ParsedInventory } from '../src/core/inventory/records';
import { modelFromHfConfig } from '../src/core/model/hf-config';
import { resolveModel } from '../src/core/model/presets';
import { readScenarioDocument as checkScenario, parseScenarioText } from '../src/core/plan/scenario-text';
import type { Result } from '../src/core/result';
import { parseInventoryCsv, parseInventoryJson, parseNetboxBundle } from '../src/inventory';

const catalog = loadBuiltinCatalog();
const RUNS = 1000;
const HW = ['nvidia-h20', 'huawei-ascend-910b', 'huawei-atlas-800t-a2', 'nope', '', 'NVIDIA-H20'];

/** Strings a hostile or broken file holds: quotes, separators, formulas, surrogates, long runs. */
const nasty = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '\u0000',
    '\ud800',
    '😀',
    '=1+1',
    '@x',
    '-3',
    ' ',
    '\t',
    '1e400',
  ),
  fc.constantFrom(...HW),
  fc.constantFrom('2025-01-01', '2025-02-30', '2026-13-01', '', '1999-12-31', '9999-99-99'),
  fc.constantFrom('installed', 'planned', 'ordered', 'retired', 'INSTALLED', 'deployed'),
  fc.integer({ min: -5, max: 20 }).map(String),
  fc.constantFrom('9007199254740991', '10000000', '10000001', '2147483648', '0', '007'),
  fc.nat(200).map((n) => 'x'.repeat(n)),
);

/** Mostly a valid value, sometimes a hostile one: deep checks run, and so do the refusals. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: nasty as fc.Arbitrary<T | string>, weight: 1 });
const validDate = fc
  .integer({ min: 0, max: 2500 })
  .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/**
 * Every read input is either ok or refused with issues; what is read obeys the bounds. Counts the
 * inputs read with hardware, so a test can check its generator reaches the deep checks.
 */
const read = { withHardware: 0 };
function wellBehaved(result: Result<ParsedInventory>): void {
  if (result.ok && result.value.hardware.length > 0) read.withHardware++;
  if (!result.ok) {
    expect(result.issues.length).toBeGreaterThan(0);
    for (const i of result.issues) {
      expect(typeof i.path).toBe('string');
      expect(typeof i.message).toBe('string');
      expect(i.message.length + i.path.length).toBeLessThan(2000);
    }
    return;
  }
  for (const h of result.value.hardware) {
    expect(Number.isInteger(h.quantity)).toBe(true);
    expect(h.quantity).toBeGreaterThanOrEqual(1);
    expect(h.quantity).toBeLessThanOrEqual(MAX_QUANTITY_PER_RECORD);
    expect(h.serials.length === 0 || h.serials.length === h.quantity).toBe(true);
    expect(/[\uD800-\uDFFF]/u.test(JSON.stringify(h))).toBe(false);
  }
}

describe('fuzz: inventory CSV', () => {
  const HEADER = 'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes,record_id';
  // quoted as a CSV writer would, or left raw (broken rows are part of the test)
  const cell = fc.tuple(nasty, fc.boolean()).map(([s, quote]) => (quote ? `"${s.replace(/"/g, '""')}"` : s));
  const validRow = fc
    .tuple(
      mostly(fc.constantFrom('A', 'B', 'site with space')),
      mostly(fc.constantFrom('nvidia-h20', 'huawei-ascend-910b', 'huawei-atlas-800t-a2')),
      mostly(fc.integer({ min: 1, max: 9 }).map(String)),
      mostly(fc.constantFrom('installed', 'planned', 'ordered')),
      mostly(validDate),
      mostly(fc.constant('')),
      mostly(fc.constant('')),
      mostly(fc.constantFrom('', 'a note', '"quoted, with comma"')),
      mostly(fc.constant('')),
    )
    .map((cells) => cells.join(','));
  const row = fc.oneof(
    { arbitrary: validRow, weight: 12 },
    { arbitrary: fc.array(cell, { minLength: 6, maxLength: 10 }).map((cells) => cells.join(',')), weight: 1 },
  );
  const shaped = fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constant(HEADER), weight: 8 },
        {
          arbitrary: fc.constantFrom(HEADER.split(',').slice(0, 6).join(','), 'site,hardware_id', ''),
          weight: 1,
        },
      ),
      fc.array(row, { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([header, rows, newline]) => [header, ...rows].join(newline));
  it(`never throws on ${RUNS} files, random and CSV-shaped`, () => {
    read.withHardware = 0;
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: fc.string({ maxLength: 300 }), weight: 1 }, { arbitrary: shaped, weight: 3 }),
        (text) => {
          wellBehaved(parseInventoryCsv(text, 'fuzz.csv', catalog));
        },
      ),
      { numRuns: RUNS, seed: 1301 },
    );
    // the shaped inputs reach the end: some are read, with hardware
    expect(read.withHardware).toBeGreaterThan(20);
  });
});

/** A JSON value of any shape, with the strings of `nasty` among the leaves. */
const leaf = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(2 ** 53, -1, 1e308),
);
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('id', 'name', 'site', 'results')),
      tie('v'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).v;

describe('fuzz: NetBox bundle', () => {
  const site = fc.record(
    {
      id: mostly(fc.nat(5)),
      name: mostly(fc.constantFrom('A', 'B')),
      region: fc.oneof(nasty, fc.record({ name: nasty })),
      custom_fields: fc.record(
        {
          state_funded: mostly(fc.boolean()),
          project_completion_pct: mostly(fc.integer({ min: 0, max: 100 })),
          commissioning_date: mostly(validDate),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
  const device = fc.record(
    {
      id: mostly(fc.nat(5)),
      name: nasty,
      site: mostly(fc.record({ id: fc.nat(5), name: mostly(fc.constantFrom('A', 'B')) })),
      status: mostly(
        fc.oneof(
          fc.constantFrom('active', 'planned', 'offline', 'inventory'),
          fc.record({ value: fc.constant('active') }),
        ),
      ),
      custom_fields: fc.record(
        {
          accelerator_model: mostly(fc.constantFrom('nvidia-h20', 'huawei-ascend-910b')),
          accelerator_count: mostly(fc.integer({ min: 1, max: 64 })),
          install_date: mostly(validDate),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['site'] },
  );
  const module = fc.record(
    {
      device: mostly(fc.record({ id: fc.nat(5) })),
      serial: nasty,
      module_type: fc.record(
        {
          model: mostly(fc.constantFrom('nvidia-h20', 'huawei-ascend-910b', 'fan-tray')),
          manufacturer: fc.record({ name: fc.constantFrom('NVIDIA', 'Huawei') }),
          profile: fc.constantFrom('GPU', 'Fan'),
        },
        { requiredKeys: ['model'] },
      ),
      custom_fields: fc.record({ install_date: mostly(validDate) }, { requiredKeys: [] }),
    },
    { requiredKeys: ['device', 'module_type'] },
  );
  const item = fc.record(
    {
      device: mostly(fc.record({ id: fc.nat(5) })),
      role: mostly(fc.oneof(fc.constantFrom('gpu', 'npu', 'fan'), fc.record({ slug: fc.constant('gpu') }))),
      part_id: mostly(fc.constantFrom('nvidia-h20', 'huawei-ascend-910b')),
      name: nasty,
      serial: nasty,
    },
    { requiredKeys: [] },
  );
  const list = <T>(a: fc.Arbitrary<T>) =>
    mostly(fc.oneof(fc.array(a, { maxLength: 4 }), fc.record({ results: fc.array(a, { maxLength: 4 }) })));
  const bundle = fc.record(
    {
      sites: list(site),
      devices: list(device),
      // a module or item names its device: most bundles have none, so that devices alone import
      modules: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: list(module), weight: 1 }),
      inventory_items: fc.oneof(
        { arbitrary: fc.constant([]), weight: 3 },
        { arbitrary: list(item), weight: 1 },
      ),
      aliases: mostly(fc.dictionary(nasty, mostly(fc.constantFrom('nvidia-h20')), { maxKeys: 2 })),
    },
    { requiredKeys: [] },
  );
  it(`never throws on ${RUNS} bundles, random and NetBox-shaped`, () => {
    read.withHardware = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          value.map((v) => JSON.stringify(v) ?? ''),
          bundle.map((b) => JSON.stringify(b)),
        ),
        (text) => {
          wellBehaved(parseNetboxBundle(text, 'fuzz.json', catalog));
        },
      ),
      { numRuns: RUNS, seed: 1302 },
    );
    // the shaped inputs reach the end: some are read, with hardware
    expect(read.withHardware).toBeGreaterThan(20);
  });
});

describe('fuzz: chipmix JSON snapshot', () => {
  const hardware = fc.record(
    {
      id: mostly(fc.constant('')),
      site: fc.constantFrom('A', 'B'),
      hardwareId: mostly(fc.constantFrom('nvidia-h20', 'huawei-ascend-910b')),
      quantity: mostly(fc.integer({ min: 1, max: 9 })),
      status: mostly(fc.constantFrom('installed', 'planned')),
      installDate: mostly(fc.constantFrom('2025-01-01', '2026-06-01', null)),
      decommissionDate: mostly(fc.constantFrom('2026-07-01', null)),
      serials: mostly(fc.constant([])),
      notes: fc.oneof(fc.constant(null), nasty),
      purchaseOrderId: mostly(fc.constant(null)),
    },
    {
      requiredKeys: [
        'id',
        'site',
        'hardwareId',
        'quantity',
        'status',
        'installDate',
        'decommissionDate',
        'serials',
        'notes',
        'purchaseOrderId',
      ],
    },
  );
  const site = (name: string) =>
    fc.record({
      name: mostly(fc.constant(name)),
      region: fc.constant(null),
      stateFunded: mostly(fc.boolean()),
      projectCompletionPct: mostly(fc.constant(null)),
      commissioningDate: fc.constant(null),
      notes: fc.constant(null),
    });
  const policy = fc.record({ id: nasty, version: leaf, createdAt: nasty, createdBy: nasty, document: value });
  const snapshot = fc.record(
    {
      format: mostly(fc.constant('chipmix-inventory')),
      formatVersion: mostly(fc.constant(1)),
      sites: fc.tuple(site('A'), site('B')),
      purchaseOrders: mostly(fc.constant([])),
      // ids mostly distinct (an empty id becomes hw_<index>)
      hardware: fc
        .array(hardware, { maxLength: 5 })
        .map((list) => list.map((h, i) => ({ ...h, id: h.id === '' ? `hw_${i}` : h.id }))),
      policies: mostly(fc.oneof(fc.constant([]), fc.array(policy, { maxLength: 1 }))),
    },
    { requiredKeys: ['format', 'formatVersion', 'sites', 'purchaseOrders', 'hardware', 'policies'] },
  );
  it(`never throws on ${RUNS} snapshots, random and snapshot-shaped`, () => {
    read.withHardware = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          value.map((v) => JSON.stringify(v) ?? ''),
          snapshot.map((s) => JSON.stringify(s)),
        ),
        (text) => {
          wellBehaved(parseInventoryJson(text, 'fuzz.json', catalog));
        },
      ),
      { numRuns: RUNS, seed: 1303 },
    );
    // the shaped inputs reach the end: some are read, with hardware
    expect(read.withHardware).toBeGreaterThan(20);
  });
});

describe('fuzz: scenario YAML', () => {
  const yamlish = fc
    .array(
      fc.oneof(
        nasty,
        fc.constantFrom(
          'a: ',
          '- ',
          '  ',
          '&x ',
          '*x',
          '{',
          '}',
          '[',
          ']',
          ': ',
          '? ',
          '!!str ',
          '|',
          '>',
          '#',
          '---',
          '...',
          '%YAML 1.2',
        ),
        fc.constantFrom(
          'hardware:',
          'sites:',
          'workloads:',
          'horizonYears: 1e308',
          'kind: training',
          'id: x',
          'tokens: 15T',
        ),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));
  const example = fc.record(
    {
      horizonYears: leaf,
      budgetUsd: leaf,
      hardware: fc.oneof(
        fc.array(
          fc.record(
            { id: fc.oneof(fc.constantFrom(...HW), nasty), priceUsdPerDevice: leaf },
            { requiredKeys: ['id'] },
          ),
          { maxLength: 2 },
        ),
        leaf,
      ),
      sites: fc.oneof(
        fc.array(fc.record({ id: nasty, powerCapMW: leaf, pue: leaf }, { requiredKeys: ['id'] }), {
          maxLength: 2,
        }),
        leaf,
      ),
      workloads: fc.oneof(
        fc.array(
          fc.record(
            {
              id: nasty,
              kind: fc.constantFrom('training', 'serving', 'x'),
              model: fc.oneof(fc.constantFrom('llama3-8b', 'nope'), value),
              tokens: leaf,
              inputTokens: leaf,
              outputTokens: leaf,
              requestsPerSecond: leaf,
            },
            { requiredKeys: ['id', 'kind'] },
          ),
          { maxLength: 2 },
        ),
        leaf,
      ),
    },
    { requiredKeys: [] },
  );
  it(`never throws on ${RUNS} documents, random, YAML-ish and scenario-shaped`, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          yamlish,
          example.map((e) => JSON.stringify(e)),
          example,
        ),
        (scenario) => {
          const result = checkScenario(scenario as string | Record<string, unknown>, catalog, '2026-01-01');
          if (!result.ok) for (const i of result.issues) expect(typeof i.message).toBe('string');
          if (typeof scenario === 'string') parseScenarioText(scenario);
        },
      ),
      { numRuns: RUNS, seed: 1304 },
    );
  });
  it('names what is wrong with a document that is no mapping, nested past the stack, or holds an infinite count', () => {
    const message = (text: string) => {
      const r = checkScenario(text, catalog, '2026-01-01');
      return r.ok ? '' : r.issues[0]!.message;
    };
    expect(message('- 1\n')).toBe(
      'the scenario must be a mapping of fields (name, hardware, workloads, ...), got a list',
    );
    expect(message('42\n')).toMatch(/must be a mapping of fields .*, got a number$/);
    expect(message(`a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)).toBe(
      'not valid YAML or JSON (nested too deep)',
    );
    const infinite = checkScenario(
      {
        name: 'x',
        hardware: [],
        workloads: [{ id: 'w', kind: 'training', model: 'llama3-8b', tokens: Number.POSITIVE_INFINITY }],
      },
      catalog,
      '2026-01-01',
    );
    expect(infinite.ok ? [] : infinite.issues.map((i) => `${i.path}: ${i.message}`)).toContain(
      'workloads[0].tokens: expected a token count such as 14.8T (at most 1e18), got "Infinity"',
    );
  });
});

describe('fuzz: Hugging Face config.json', () => {
  const KEYS = [
    'model_type',
    'hidden_size',
    'num_hidden_layers',
    'num_attention_heads',
    'num_key_value_heads',
    'intermediate_size',
    'vocab_size',
    'max_position_embeddings',
    'n_routed_experts',
    'num_experts_per_tok',
    'moe_intermediate_size',
    'head_dim',
    'tie_word_embeddings',
    'sliding_window',
    'architectures',
    'text_config',
  ];
  const config = fc.dictionary(
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })),
    fc.oneof(leaf, fc.integer({ min: 1, max: 1 << 20 }), value),
    { maxKeys: 12 },
  );
  it(`never throws on ${RUNS} configs`, () => {
    fc.assert(
      fc.property(fc.oneof(config, value), (cfg) => {
        for (const result of [modelFromHfConfig(cfg, 'fuzz'), resolveModel(cfg)])
          if (!result.ok) for (const i of result.issues) expect(typeof i.message).toBe('string');
      }),
      { numRuns: RUNS, seed: 1305 },
    );
  });
});
