import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compareResponseSchema } from '../src/core/compare/request';
import { type TestServer, testServer } from './server/helpers';
import { run } from './support/run-cli';

afterEach(() => vi.restoreAllMocks());

const train = [
  '--model',
  'llama3-70b',
  '--hardware',
  'nvidia-dgx-h100,huawei-ascend-910c',
  '--devices',
  '1024',
  '--seq-len',
  '8192',
  '--global-batch',
  '1024',
  '--tokens',
  '15T',
];

/** The request the flags above make, as a client sends it. */
const trainBody = {
  kind: 'train',
  model: 'llama3-70b',
  hardware: ['nvidia-dgx-h100', 'huawei-ascend-910c'],
  devices: 1024,
  seqLen: 8192,
  globalBatch: 1024,
  tokens: '15T',
};

let server: TestServer;
beforeAll(async () => {
  server = await testServer('none');
});
afterAll(async () => server.close());

describe('chipmix compare', () => {
  it('train --json: the issue shape, a verdict per row against the first', async () => {
    const { code, out, err } = await run('compare', 'train', ...train, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = compareResponseSchema.parse(JSON.parse(out));
    expect(doc.rows.map((r) => r.hardware)).toEqual(['nvidia-dgx-h100', 'huawei-ascend-910c']);
    for (const r of doc.rows) {
      for (const key of [
        'tokensPerSecondPerDevice',
        'tokensPerSecondPerKW',
        'tokensPerSecondPerMillionUsd',
        'daysToTrain',
        'layout',
      ])
        expect(r, key).toHaveProperty(key);
      expect(r.band.low).toBeLessThan(r.tokensPerSecondPerDevice);
      expect(r.band.high).toBeGreaterThan(r.tokensPerSecondPerDevice);
      expect(r.daysToTrain).toBeGreaterThan(0);
    }
    expect(doc.rows[0]!.relativeToFirst).toBeNull();
    const rel = doc.rows[1]!.relativeToFirst!;
    expect(['faster', 'slower', 'within-error']).toContain(rel.verdict);
    expect(rel.verdict === 'within-error').toBe(rel.low <= 1 && rel.high >= 1);
    expect(Array.isArray(doc.warnings)).toBe(true);
  });

  it('prints a table for people with the band and the verdict', async () => {
    const { code, out } = await run('compare', 'train', ...train);
    expect(code).toBe(0);
    const doc = JSON.parse((await run('compare', 'train', ...train, '--json')).out);
    const line = out.split('\n').find((l) => l.startsWith('huawei-ascend-910c '))!;
    expect(line).toContain(doc.rows[1].relativeToFirst.verdict);
    expect(line).toContain(Math.round(doc.rows[1].band.low).toLocaleString('en-US'));
    expect(out).toMatch(/days/);
    // every row's warnings, as --json has them
    for (const r of doc.rows)
      for (const w of r.warnings) expect(out).toContain(`warning (${r.hardware}): ${w}`);
    expect(doc.rows.some((r: { warnings: string[] }) => r.warnings.length > 0)).toBe(true);
  });

  it('--equal power keeps every system within the first all-in power', async () => {
    const { code, out } = await run('compare', 'train', ...train, '--equal', 'power', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.equal).toBe('power');
    for (const r of doc.rows) expect(r.powerKW).toBeLessThanOrEqual(doc.budget.powerKW + 1e-6);
  });

  it('infer: serving rows meet the TPOT target, whole systems', async () => {
    const { code, out } = await run(
      'compare',
      'infer',
      '--model',
      'deepseek-v3',
      '--hardware',
      'nvidia-gb200-nvl72,huawei-cloudmatrix-384',
      '--devices',
      '72',
      '--equal',
      'systems',
      '--input-len',
      '2048',
      '--output-len',
      '512',
      '--tpot-ms',
      '50',
      '--precision',
      'int8',
      '--json',
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.rows.map((r: { devices: number }) => r.devices)).toEqual([72, 384]);
    for (const r of doc.rows) expect(r.tpotMs).toBeLessThanOrEqual(50);
    expect(doc.rows[1].tokensPerSecondPerRack).toBeGreaterThan(0);
  });

  it('bad flags: one line naming the flag, exit 2, no stack', async () => {
    const bad = await run(
      'compare',
      'train',
      ...train.slice(0, 4),
      '--devices',
      'x',
      '--seq-len',
      '8192',
      '--global-batch',
      '1024',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^chipmix: --devices: expected .*got "x"\n$/);
    const equal = await run('compare', 'train', ...train, '--equal', 'watts');
    expect(equal.code).toBe(2);
    expect(equal.err).toMatch(/--equal: expected one of devices, systems, power, capex/);
    const unknown = await run(
      'compare',
      'train',
      ...train.slice(0, 2),
      '--hardware',
      'nvidia-dgx-h100,nope',
      ...train.slice(4),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe("chipmix: --hardware: unknown hardware id 'nope'\n");
    const dup = await run(
      'compare',
      'infer',
      '--model',
      'llama3-8b',
      '--hardware',
      'a,a',
      '--devices',
      '8',
      '--input-len',
      '10',
      '--output-len',
      '10',
    );
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/^chipmix: --hardware: expected each hardware id once/);
  });
});

describe('POST /api/compare', () => {
  it('answers the same document as compare train --json, byte for byte', async () => {
    const cli = await run('compare', 'train', ...train, '--equal', 'capex', '--json');
    const res = await server.call('POST', '/api/compare', { ...trainBody, equal: 'capex' });
    expect(res.status).toBe(200);
    const text = await res.text();
    // The API sends compact JSON, the CLI indents: the same document printed the CLI's way is its bytes.
    expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(cli.out);
  });

  it('400 with the issues of a bad body', async () => {
    const res = await server.call('POST', '/api/compare', { ...trainBody, devices: -1, equal: 'watts' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['devices', 'equal']);
    const unknown = await server.call('POST', '/api/compare', { ...trainBody, hardware: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { issues: unknown[] }).issues[0]).toEqual({
      code: 'unknown_hardware',
      path: 'hardware[0]',
      message: "unknown hardware id 'nope'",
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await server.call('GET', '/openapi.json')).json()) as {
      paths: Record<string, { post?: unknown }>;
    };
    expect(doc.paths['/api/compare']?.post).toBeDefined();
  });
});
