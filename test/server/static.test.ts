/** The static web app: index.html uncached, hashed assets cached, unknown files a JSON 404, headers on all. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { openStore } from '../../src/store/open';
import { catalog } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-web-'));
mkdirSync(join(dir, 'web/assets'), { recursive: true });
writeFileSync(join(dir, 'web/index.html'), '<!doctype html><title>chipmix</title>');
writeFileSync(join(dir, 'web/assets/index-abc.js'), 'console.log(1)');
const store = await openStore({ dataDir: join(dir, 'store'), env: {} });
const { app, close } = createApp({ store, catalog, auth: { mode: 'token' }, webRoot: join(dir, 'web') });
afterAll(async () => {
  await close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static web app', () => {
  it('serves index.html without a token (the API still needs one), never cached', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>chipmix</title>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await app.request('/api/catalog')).status).toBe(401);
  });

  it('caches hashed assets for a year', async () => {
    const res = await app.request('/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('answers a missing file or a path escape with a JSON 404', async () => {
    for (const path of ['/nothing.js', '/../package.json', '/%2e%2e/package.json']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error).toContain('no such endpoint');
    }
  });
});
