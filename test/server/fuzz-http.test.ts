/**
 * Fuzzing every HTTP body and query (issue 13): at least 1,000 generated requests per route, random
 * JSON, broken JSON and bodies shaped like the route's schema (mostly valid values, a hostile one
 * here and there). No request may answer 500 or crash the server; every refusal is JSON with an
 * `error` line. Routes that would start jobs get bodies that are rarely valid; a job started is
 * cancelled at once.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CSV, type TestServer, testServer } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await testServer('none');
  await s.call('POST', '/api/inventory/import', { text: DEMO_CSV, fileName: 'demo.csv' });
});
afterAll(() => s.close());

const RUNS = 1000;
const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '\u0000', '\ud800', '😀', '../etc', '=1', 'x'.repeat(300), 'nvidia-h20', 'llama3-8b'),
);
const num = fc.oneof(
  fc.integer({ min: -3, max: 5000 }),
  fc.constantFrom(0, -1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 31, 1e-300, Number.MAX_SAFE_INTEGER),
);
const leaf = fc.oneof(nasty, num, fc.boolean(), fc.constant(null));
const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;
/** Mostly a valid value, sometimes a hostile one. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: leaf as fc.Arbitrary<T | unknown>, weight: 1 });
const date = fc
  .integer({ min: 0, max: 3000 })
  .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** A body: random JSON, text that is not JSON, or the shaped one. */
const body = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: json.map((v) => JSON.stringify(v) ?? 'null'), weight: 1 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
    { arbitrary: shaped.map((v) => JSON.stringify(v)), weight: 8 },
  );

const statuses = new Map<string, Map<number, number>>();
async function check(method: string, path: string, text?: string): Promise<void> {
  const res = await s.call(
    method,
    path,
    text,
    text === undefined ? {} : { 'content-type': 'application/json' },
  );
  const counts = statuses.get(path.split('?')[0]!) ?? new Map<number, number>();
  counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
  statuses.set(path.split('?')[0]!, counts);
  expect(res.status, `${method} ${path} ${text?.slice(0, 200)}`).not.toBe(500);
  expect(res.status).toBeLessThan(500);
  const answer = (await res.json()) as { error?: unknown; id?: string; state?: string };
  if (res.status >= 400) expect(typeof answer.error).toBe('string');
  // a job that a fuzzed body started is stopped at once
  if (res.status === 202 && typeof answer.id === 'string') await s.call('DELETE', `/api/jobs/${answer.id}`);
}

const run = (
  name: string,
  property: fc.IAsyncProperty<[unknown]> | fc.IAsyncProperty<[string]>,
  seed: number,
) =>
  it(`${name}: ${RUNS} requests, no 500`, async () => {
    await fc.assert(property as fc.IAsyncProperty<[unknown]>, { numRuns: RUNS, seed });
  });

describe('fuzz: HTTP bodies', () => {
  const layout = fc.record(
    {
      tp: mostly(fc.constantFrom(1, 2, 4, 8)),
      pp: mostly(fc.constantFrom(1, 2, 4)),
      mbs: mostly(fc.constantFrom(1, 2)),
      recompute: mostly(fc.constantFrom('none', 'selective', 'full')),
      zero: mostly(fc.constantFrom(0, 1, 2, 3)),
      schedule: mostly(fc.constantFrom('1f1b', 'dualpipe')),
    },
    { requiredKeys: ['tp', 'pp', 'mbs', 'recompute', 'zero'] },
  );
  const estimate = fc.record(
    {
      model: mostly(
        fc.oneof(
          { arbitrary: fc.constantFrom('llama3-8b', 'nope'), weight: 3 },
          fc.dictionary(
            fc.constantFrom(
              'hidden_size',
              'num_hidden_layers',
              'num_attention_heads',
              'vocab_size',
              'intermediate_size',
            ),
            mostly(fc.integer({ min: 1, max: 8192 })),
          ),
        ),
      ),
      hardware: mostly(fc.constantFrom('huawei-atlas-800t-a2', 'nvidia-h20', 'nope')),
      devices: mostly(fc.constantFrom(8, 16, 64)),
      seqLen: mostly(fc.constantFrom(2048, 4096)),
      globalBatch: mostly(fc.constantFrom(64, 512)),
      tokens: mostly(fc.constantFrom('1T', '15T', 2e12)),
      precision: mostly(fc.constantFrom('bf16', 'fp8')),
      layout: mostly(layout),
    },
    { requiredKeys: ['model', 'hardware', 'devices', 'seqLen', 'globalBatch', 'layout'] },
  );
  run(
    'POST /api/train/estimate',
    fc.asyncProperty(body(estimate), (text) => check('POST', '/api/train/estimate', text)),
    1310,
  );
  // shaped like a search, but `top` is mostly out of range: few jobs start
  run(
    'POST /api/train/search',
    fc.asyncProperty(
      body(fc.record({ request: fc.oneof(estimate, json), top: mostly(fc.constantFrom(0, 51, -1, 'x')) })),
      (text) => check('POST', '/api/train/search', text),
    ),
    1311,
  );

  const whatIf = fc.record(
    {
      asOf: mostly(date),
      basis: mostly(fc.constantFrom('installed', 'pipeline')),
      add: mostly(
        fc.array(
          fc.record(
            {
              site: mostly(fc.constantFrom('Test-Site-A', 'New')),
              hardwareId: mostly(fc.constantFrom('nvidia-h20', 'huawei-atlas-800t-a2', 'nope')),
              quantity: mostly(fc.integer({ min: 1, max: 100 })),
              status: mostly(fc.constantFrom('installed', 'planned')),
              installDate: mostly(date),
            },
            { requiredKeys: ['site', 'hardwareId', 'quantity'] },
          ),
          { maxLength: 3 },
        ),
      ),
      remove: mostly(
        fc.array(
          fc.record({
            site: mostly(fc.constantFrom('Test-Site-A')),
            hardwareId: mostly(fc.constantFrom('nvidia-hgx-h20')),
            quantity: mostly(fc.integer({ min: 1, max: 20 })),
          }),
          { maxLength: 2 },
        ),
      ),
    },
    { requiredKeys: [] },
  );
  run(
    'POST /api/compliance/what-if',
    fc.asyncProperty(body(whatIf), (text) => check('POST', '/api/compliance/what-if', text)),
    1312,
  );

  const scenarioText = fc
    .array(
      fc.oneof(
        nasty,
        fc.constantFrom(
          'hardware:\n',
          '  - id: nvidia-hgx-h20\n',
          'sites: [',
          '&a ',
          '*a',
          'workloads: []\n',
          'horizonYears: 1e308\n',
        ),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));
  const planBody = fc.record(
    {
      scenario: fc.oneof(
        scenarioText,
        fc.dictionary(fc.constantFrom('hardware', 'sites', 'workloads', 'x'), json),
      ),
      sweep: mostly(fc.record({ from: num, to: num, step: num })),
    },
    { requiredKeys: ['scenario'] },
  );
  run(
    'POST /api/plan/validate',
    fc.asyncProperty(body(planBody), (text) => check('POST', '/api/plan/validate', text)),
    1313,
  );
  run(
    'POST /api/plan',
    fc.asyncProperty(body(planBody), (text) => check('POST', '/api/plan', text)),
    1314,
  );

  const csv = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'site,hardware_id,quantity,status,install_date,decommission_date\n',
          'Test-Site-A,nvidia-hgx-h20,10,installed,2025-01-10,\n',
          'B,nvidia-h20,1,installed,2025-01-01,\n',
          '"',
          ',',
        ),
        nasty,
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(''));
  const validCsv = fc
    .array(
      fc.tuple(
        fc.constantFrom('Test-Site-A', 'B', 'C'),
        fc.constantFrom('nvidia-h20', 'nvidia-hgx-h20', 'huawei-atlas-800t-a2'),
        fc.integer({ min: 1, max: 50 }),
        date,
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map(
      (rows) =>
        `site,hardware_id,quantity,status,install_date,decommission_date\n${rows.map((r) => `${r[0]},${r[1]},${r[2]},installed,${r[3]},`).join('\n')}\n`,
    );
  const importBody = fc.record(
    {
      text: fc.oneof(
        { arbitrary: validCsv, weight: 4 },
        { arbitrary: csv, weight: 1 },
        { arbitrary: leaf, weight: 1 },
      ),
      fileName: mostly(fc.constant('a.csv')),
      format: mostly(fc.constant('csv')),
      // mostly previews: the store stays small; some imports and replaces do write
      dryRun: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: leaf, weight: 1 }),
      replace: mostly(fc.boolean()),
      allowDuplicates: mostly(fc.boolean()),
      confirm: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: fc.constantFrom('0'.repeat(32), 'x'), weight: 1 },
      ),
    },
    { requiredKeys: ['text'] },
  );
  run(
    'POST /api/inventory/import',
    fc.asyncProperty(body(importBody), (text) => check('POST', '/api/inventory/import', text)),
    1315,
  );
  run(
    'POST /api/inventory/undo',
    fc.asyncProperty(
      body(
        fc.record({
          change: mostly(fc.oneof(fc.constantFrom('b_abc', '1', '99999'), fc.nat(50).map(String))),
        }),
      ),
      (text) => check('POST', '/api/inventory/undo', text),
    ),
    1316,
  );
});

describe('fuzz: HTTP queries and paths', () => {
  // a client cannot put a lone surrogate in a URL; raw bytes that decode to nothing valid it can
  const q = (v: unknown) => encodeURIComponent(String(v).replace(/[\uD800-\uDFFF]/gu, '?'));
  const raw = fc.constantFrom('%', '%ZZ', '%ED%A0%80', '%00', '%C0%AF', '..%2F..', '%E2%82');
  run(
    'GET /api/compliance/status and trajectory',
    fc.asyncProperty(
      mostly(date),
      mostly(date),
      mostly(fc.constantFrom('installed', 'pipeline')),
      async (a, b, basis) => {
        await check('GET', `/api/compliance/status?asOf=${q(a)}&basis=${q(basis)}`);
        await check('GET', `/api/compliance/trajectory?from=${q(a)}&to=${q(b)}&basis=${q(basis)}`);
      },
    ) as unknown as fc.IAsyncProperty<[unknown]>,
    1317,
  );
  run(
    'GET catalog, inventory, jobs and changes',
    fc.asyncProperty(nasty, num, raw, async (text, n, bytes) => {
      await check('GET', `/api/catalog?vendor=${bytes}`);
      await check('GET', `/api/compliance/status?asOf=${bytes}`);
      await check('GET', `/api/catalog/${bytes}`);
      await check('GET', `/api/inventory?site=${bytes}`);
      await check('GET', `/api/catalog?vendor=${q(text)}&domestic=${q(text)}&kind=${q(text)}`);
      await check('GET', `/api/catalog/compare?ids=${q(text)},nvidia-h20`);
      await check('GET', `/api/catalog/${q(text) || 'x'}`);
      await check('GET', `/api/inventory?site=${q(text)}`);
      await check('GET', `/api/jobs/${q(text) || 'x'}`);
      await check('GET', `/api/changes?limit=${q(n)}`);
    }) as unknown as fc.IAsyncProperty<[unknown]>,
    1318,
  );
});

describe('fuzz coverage', () => {
  it('reached both answers on every body route: accepted and refused', () => {
    for (const path of [
      '/api/train/estimate',
      '/api/compliance/what-if',
      '/api/plan/validate',
      '/api/inventory/import',
    ]) {
      const counts = statuses.get(path)!;
      expect(counts.get(200) ?? 0, path).toBeGreaterThan(20);
      expect(counts.get(400) ?? 0, path).toBeGreaterThan(20);
    }
  });
});
