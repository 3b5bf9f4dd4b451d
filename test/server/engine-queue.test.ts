/**
 * The engine thread's queue is bounded: a user may have two comparisons or estimates waiting or running, all users a
 * few more; past that the answer is 429 with Retry-After at once, so one viewer cannot stall everyone's estimates (a
 * review: twenty 12-system comparisons made an admin's simple estimate wait 24.5 s). A request the thread works on
 * past the time limit is stopped (503) and what waited behind it still runs. A lost thread is a 500 `internal error`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateServingRequest } from '../../src/core/infer/request';
import { fail } from '../../src/core/result';
import { type CreateAppOptions, createApp } from '../../src/server/app';
import { engineFailure } from '../../src/server/engine';
import { writeContext } from '../../src/store/context';
import { openStore } from '../../src/store/open';
import { createApiToken, createUser } from '../../src/store/users';
import { catalog, ESTIMATE_BODY } from './helpers';

const BIG_COMPARE = {
  kind: 'train',
  model: 'deepseek-v3',
  hardware: [
    'huawei-atlas-800t-a2',
    'huawei-cloudmatrix-384',
    'cambricon-mlu590-server',
    'nvidia-dgx-a100',
    'nvidia-hgx-a800',
    'nvidia-dgx-h100',
    'nvidia-hgx-h800',
    'nvidia-hgx-h20',
    'nvidia-hgx-h200',
    'nvidia-dgx-b200',
    'nvidia-gb200-nvl72',
    'nvidia-vera-rubin-nvl144',
  ],
  devices: 4096,
  seqLen: 4096,
  globalBatch: 4096,
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function server(engine: NonNullable<CreateAppOptions['engine']>) {
  const dir = mkdtempSync(join(tmpdir(), 'chipmix-engine-'));
  const store = await openStore({ dataDir: dir, env: {} });
  const { app, close } = createApp({ store, catalog, auth: { mode: 'token' }, engine });
  cleanups.push(async () => {
    await close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const tokens: Record<string, string> = {};
  for (const [name, role] of [
    ['viewer', 'viewer'],
    ['viewer2', 'viewer'],
    ['admin', 'admin'],
  ] as const) {
    await createUser(store.db, writeContext('test'), name, role);
    tokens[name] = (await createApiToken(store.db, writeContext('test'), name)).token;
  }
  return (who: string, path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
      body: JSON.stringify(body),
    });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the engine queue', () => {
  it('answers 429 with Retry-After past two per user and past the total; others still get through', async () => {
    const call = await server({ perUser: 2, total: 3 });
    const mine = [1, 2, 3].map(() => call('viewer', '/api/compare', BIG_COMPARE));
    await pause(300);
    const admin = call('admin', '/api/train/estimate', ESTIMATE_BODY);
    await pause(300);
    // three held (the viewer's two and the admin's): the server's cap
    const other = await call('viewer2', '/api/compare', BIG_COMPARE);
    expect(other.status).toBe(429);
    expect(((await other.json()) as { error: string }).error).toBe(
      'the server has 3 comparisons or estimates waiting or running; retry in a few seconds',
    );
    const statuses = await Promise.all(mine.map(async (r) => (await r).status));
    expect(statuses.sort()).toEqual([200, 200, 429]);
    const refused = await Promise.all(mine.map(async (r) => await r));
    const tooMany = refused.find((r) => r.status === 429)!;
    expect(tooMany.headers.get('retry-after')).toBe('5');
    expect(((await tooMany.json()) as { error: string }).error).toBe(
      'you already have 2 comparisons or estimates waiting or running; retry when one finishes',
    );
    expect((await admin).status).toBe(200);
    // the slots come back once answered
    expect((await call('viewer', '/api/train/estimate', ESTIMATE_BODY)).status).toBe(200);
  }, 60_000);

  it('runs serving estimates in the engine thread, under the same per-user bound (they ran on the HTTP thread)', async () => {
    const call = await server({ perUser: 2 });
    const body = {
      model: 'deepseek-v3',
      hardware: 'huawei-cloudmatrix-384',
      devices: 160,
      inputLen: 4096,
      outputLen: 256,
    };
    const expected = estimateServingRequest(catalog, body);
    expect(expected.ok).toBe(true);
    const alone = await call('viewer', '/api/infer/estimate', body);
    expect(alone.status).toBe(200);
    expect(await alone.json()).toEqual(expected.ok && expected.value);
    const held = [1, 2].map(() => call('viewer', '/api/compare', BIG_COMPARE));
    await pause(300);
    const third = await call('viewer', '/api/infer/estimate', body);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect((await call('viewer2', '/api/infer/estimate', body)).status).toBe(200);
    for (const r of held) expect((await r).status).toBe(200);
  }, 60_000);

  it('stops a request past the time limit (503); what waited behind it runs on a fresh thread', async () => {
    const call = await server({ timeLimitMs: 300 });
    const slow = call('viewer', '/api/compare', BIG_COMPARE);
    await pause(50);
    const admin = call('admin', '/api/train/estimate', ESTIMATE_BODY);
    const stopped = await slow;
    expect(stopped.status).toBe(503);
    expect(((await stopped.json()) as { error: string }).error).toBe(
      'the computation took longer than 0.3 s and was stopped: ask for fewer systems or devices, or give more of the layout',
    );
    expect((await admin).status).toBe(200);
  }, 60_000);
});

describe('a lost engine thread', () => {
  it('is a 500 internal error, its stack logged and never shown (it was a 400 with file paths)', async () => {
    const app = new Hono();
    const stack = 'the engine thread failed: Error: boom\n    at src/server/engine-worker.ts:18:5';
    app.get('/', (c) => engineFailure(c, fail({ code: 'internal', path: '', message: stack }))!);
    const logged: string[] = [];
    const error = console.error;
    console.error = (line: string) => void logged.push(line);
    try {
      const res = await app.request('/');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal error' });
    } finally {
      console.error = error;
    }
    expect(logged.join('\n')).toContain('engine-worker.ts:18:5');
  });
});
