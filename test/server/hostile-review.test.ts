/**
 * Defects a hostile-input review found on 2026-12-07: a deeply nested inline document crashed the document
 * worker's queue (and then the process), a model config with a billion layers held the HTTP thread for 27 s,
 * impossible dates were read as other days, and a viewer could not run the compute-only compare.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_PRINCIPAL, neededRole } from '../../src/server/auth';
import { JobRunner } from '../../src/server/jobs';
import { hardware, model } from '../fixtures/core/train';
import { ESTIMATE_BODY, type TestServer, testServer } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await testServer('none');
});
afterAll(() => s.close());

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('hostile documents', () => {
  it('refuses a scenario nested 5,000 deep with a 400, twice, and keeps answering', async () => {
    const text = `{"scenario":{"a":${deep(5000)}}}`;
    for (let i = 0; i < 2; i += 1) {
      const res = await s.call('POST', '/api/plan/validate', text);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { issues?: { code: string; path: string; message: string }[] };
      expect(body.issues?.[0]?.code).toBe('custom');
      expect(body.issues?.[0]?.path).toBe('scenario');
      expect(body.issues?.[0]?.message).toMatch(/nested more than 64 levels/);
    }
    expect((await s.call('GET', '/api/health')).status).toBe(200);
  });

  it('refuses a deeply nested inline model on estimate and compare', async () => {
    const model = `{"a":${deep(5000)}}`;
    const estimate = await s.call(
      'POST',
      '/api/train/estimate',
      `{"model":${model},"hardware":"huawei-atlas-800t-a2","seqLen":4096,"devices":64,"globalBatch":512}`,
    );
    expect(estimate.status).toBe(400);
    const compare = await s.call(
      'POST',
      '/api/compare',
      `{"kind":"train","model":${model},"hardware":["huawei-atlas-800t-a2","nvidia-hgx-h20"],"devices":64,"seqLen":4096,"globalBatch":512}`,
    );
    expect(compare.status).toBe(400);
  });

  it('bounds every count of an inline model config, naming the config key', async () => {
    const started = Date.now();
    const res = await s.call('POST', '/api/train/estimate', {
      ...ESTIMATE_BODY,
      model: {
        model_type: 'llama',
        hidden_size: 4096,
        num_attention_heads: 32,
        num_hidden_layers: 1_000_000_000,
        intermediate_size: 14336,
        vocab_size: 128256,
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues?: { path: string; message: string }[] };
    expect(JSON.stringify(body.issues)).toMatch(/num_hidden_layers[^}]*at most 1,000,000/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('dates', () => {
  it.each(['2025-02-30', '2025-99-99', '0000-00-00'])('refuses asOf=%s', async (asOf) => {
    const res = await s.call('GET', `/api/compliance/status?asOf=${asOf}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/asOf/);
  });

  it('names the rule broken in each issue', async () => {
    const res = await s.call('GET', '/api/compliance/status?asOf=2025-02-30');
    const body = (await res.json()) as { issues?: { code: string; path: string }[] };
    expect(body.issues?.[0]).toMatchObject({ code: 'custom', path: 'asOf' });
  });

  it('refuses a trajectory from an impossible month', async () => {
    expect((await s.call('GET', '/api/compliance/trajectory?from=2025-13-01&to=2025-14-01')).status).toBe(
      400,
    );
  });

  it('still reads a leap day', async () => {
    expect((await s.call('GET', '/api/compliance/status?asOf=2024-02-29')).status).not.toBe(400);
  });
});

describe('query numbers', () => {
  it('reads limit as decimal digits only (0x10 and 1e2 were read as 16 and 100)', async () => {
    for (const limit of ['0x10', '1e2', '-1', '0', '1001'])
      expect((await s.call('GET', `/api/changes?limit=${limit}`)).status, limit).toBe(400);
    expect((await s.call('GET', '/api/changes?limit=16')).status).toBe(200);
    expect((await s.call('GET', '/api/changes')).status).toBe(200);
  });
});

describe('roles', () => {
  it('lets a viewer compare (it computes and writes nothing)', () => {
    expect(neededRole('POST', '/api/compare')).toBe('viewer');
    expect(neededRole('POST', '/api/inventory/undo')).toBe('editor');
  });
});

describe('job slots', () => {
  it('one running job per user with tokens, so one user cannot hold both slots; the local user has both', async () => {
    const jobs = new JobRunner();
    const request = {
      model: model('llama3-8b'),
      hardware: hardware('nvidia-dgx-h100'),
      devices: 8,
      setup: { seqLen: 4096, globalBatchSeqs: 64, precision: 'bf16' as const },
    };
    try {
      expect(jobs.startSearch(request, 1, 'viewer')).not.toBeNull();
      expect(jobs.startSearch(request, 1, 'viewer')).toBeNull();
      expect(jobs.startSearch(request, 1, 'editor')).not.toBeNull();
    } finally {
      await jobs.close();
    }
    const local = new JobRunner();
    try {
      expect(local.startSearch(request, 1, LOCAL_PRINCIPAL.name)).not.toBeNull();
      expect(local.startSearch(request, 1, LOCAL_PRINCIPAL.name)).not.toBeNull();
    } finally {
      await local.close();
    }
  });
});
