/**
 * One contract per use case: the same request gives byte-identical JSON from the CLI (`--json`), the
 * HTTP API and, for training estimates, the web worker's code path. The CLI pretty-prints, so its
 * output is compared after `JSON.stringify(JSON.parse(...))`: same keys, same order, same numbers.
 * Wall-clock fields (`elapsedSeconds`, `solveSeconds`) are the only ones set to 0 before comparing.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { estimateTrainingRequest } from '../src/core/train/estimate';
import { createApp } from '../src/server/app';
import { openStore, type Store } from '../src/store/open';
import { run } from './support/run-cli';

const catalog = loadBuiltinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'chipmix-parity-'));
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const csv = join(dir, 'inventory.csv');
  copyFileSync(new URL('./fixtures/inventory/fleet.csv', import.meta.url), csv);
  const imported = await run('--data-dir', join(dir, 'store'), 'inventory', 'import', csv);
  expect(imported.code, imported.err).toBe(0);
  store = await openStore({ dataDir: join(dir, 'store'), env: {} });
  app = createApp({ store, catalog, auth: { mode: 'none' }, today: () => '2026-01-15' });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Compact JSON with wall-clock fields zeroed (they are the one thing two runs may not share). */
const canonical = (value: unknown) =>
  JSON.stringify(value, (key, v) => (key === 'elapsedSeconds' || key === 'solveSeconds' ? 0 : v));

async function cliJson(...argv: string[]): Promise<string> {
  const r = await run(...argv);
  expect(r.code, r.err).toBe(0);
  return canonical(JSON.parse(r.out));
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await app.app.request(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text() };
}

/** A job's result once it is done (train search, plan). */
async function jobResult(start: { status: number; text: string }): Promise<string> {
  expect(start.status, start.text).toBe(202);
  let view = JSON.parse(start.text) as { id: string; state: string; result?: unknown };
  for (let i = 0; i < 600 && view.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    view = JSON.parse((await api('GET', `/api/jobs/${view.id}`)).text);
  }
  expect(view.state).toBe('done');
  return canonical(view.result);
}

const TRAIN_BODY = {
  model: 'llama3-8b',
  hardware: 'huawei-atlas-800t-a2',
  devices: 64,
  seqLen: 4096,
  globalBatch: 512,
  tokens: '1T',
  layout: { tp: 2, pp: 1, mbs: 1, recompute: 'selective', zero: 1 },
};
const TRAIN_ARGS = [
  '--model',
  'llama3-8b',
  '--hardware',
  'huawei-atlas-800t-a2',
  '--devices',
  '64',
  '--seq-len',
  '4096',
  '--global-batch',
  '512',
  '--tokens',
  '1T',
];

describe('the same request, the same JSON from every adapter', () => {
  it("train estimate: CLI, API and the web worker's use case", async () => {
    const cli = await cliJson(
      'train',
      'estimate',
      ...TRAIN_ARGS,
      ...['--tp', '2', '--pp', '1', '--mbs', '1', '--recompute', 'selective', '--zero', '1'],
      '--json',
    );
    const http = await api('POST', '/api/train/estimate', TRAIN_BODY);
    expect(http.status, http.text).toBe(200);
    // the web worker (src/web/worker/estimate-worker.ts) answers estimateTrainingRequest's result
    const worker = estimateTrainingRequest(catalog, TRAIN_BODY);
    expect(worker.ok).toBe(true);
    expect(cli).toBe(http.text);
    expect(canonical(worker.ok && worker.value)).toBe(http.text);
  });

  it('train search: CLI and API job', async () => {
    const { layout: _layout, ...request } = TRAIN_BODY;
    const cli = await cliJson('train', 'search', ...TRAIN_ARGS, '--top', '3', '--json');
    const http = await jobResult(await api('POST', '/api/train/search', { request, top: 3 }));
    expect(cli).toBe(http);
  });

  it('infer estimate: CLI and API', async () => {
    const body = {
      model: 'deepseek-v3',
      hardware: 'huawei-cloudmatrix-384',
      devices: 160,
      inputLen: 4096,
      outputLen: 256,
      precision: 'int8',
      mtpAccept: 0.7,
      tpotMs: 50,
    };
    const cli = await cliJson(
      'infer',
      'estimate',
      ...['--model', 'deepseek-v3', '--hardware', 'huawei-cloudmatrix-384', '--devices', '160'],
      ...['--input-len', '4096', '--output-len', '256', '--precision', 'int8', '--mtp-accept', '0.7'],
      ...['--tpot-ms', '50', '--json'],
    );
    const http = await api('POST', '/api/infer/estimate', body);
    expect(http.status, http.text).toBe(200);
    expect(cli).toBe(http.text);
  });

  it('plan: CLI and API job', async () => {
    const file = join(dir, 'scenario.yaml');
    const yaml = (await import('node:fs')).readFileSync('examples/plan-mixed-two-sites.yaml', 'utf8');
    writeFileSync(file, yaml);
    const cli = await cliJson('plan', file, '--json');
    const http = await jobResult(await api('POST', '/api/plan', { scenario: yaml }));
    expect(cli).toBe(http);
  });

  it('comply status: CLI and API', async () => {
    const cli = await cliJson(
      '--data-dir',
      join(dir, 'store'),
      'comply',
      'status',
      '--as-of',
      '2026-01-01',
      '--json',
    );
    const http = await api('GET', '/api/compliance/status?asOf=2026-01-01');
    expect(http.status, http.text).toBe(200);
    expect(cli).toBe(http.text);
    expect(JSON.parse(cli)).toHaveProperty('sites.0.packages');
  });
});
