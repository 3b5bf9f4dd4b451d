/** Static files compressed by Accept-Encoding: precompressed copies when the build wrote them, else made once. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { chooseEncoding } from '../../src/server/static';
import { openStore } from '../../src/store/open';
import { catalog } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-web-gz-'));
mkdirSync(join(dir, 'web/assets'), { recursive: true });
const js = `console.log(${JSON.stringify('x'.repeat(5000))});`;
writeFileSync(join(dir, 'web/index.html'), '<!doctype html><title>chipmix</title>');
writeFileSync(join(dir, 'web/assets/index-abc.js'), js);
// a precompressed copy the server must send as is (marked so the test can tell it from one made on request)
const marked = `${js}//precompressed`;
writeFileSync(join(dir, 'web/assets/index-abc.js.br'), brotliCompressSync(marked));
const store = await openStore({ dataDir: join(dir, 'store'), env: {} });
const { app, close } = createApp({ store, catalog, auth: { mode: 'none' }, webRoot: join(dir, 'web') });
afterAll(async () => {
  await close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('compressed static files', () => {
  it('choose brotli, then gzip, then none from Accept-Encoding', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBe(null);
    expect(chooseEncoding(undefined)).toBe(null);
  });

  it("send the build's brotli copy of a hashed asset, cached for a year", async () => {
    const res = await get('/assets/index-abc.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toContain('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toContain('javascript');
    const body = Buffer.from(await res.arrayBuffer());
    expect(brotliDecompressSync(body).toString()).toBe(marked);
  });

  it('gzip a file on its first request when the build left no copy, index.html never cached', async () => {
    const res = await get('/', 'gzip');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toContain('<title>chipmix</title>');
    const asset = await get('/assets/index-abc.js', 'gzip');
    const body = Buffer.from(await asset.arrayBuffer());
    expect(body.length).toBeLessThan(js.length / 10);
    expect(gunzipSync(body).toString()).toBe(js);
  });

  it('send the plain file to a client that accepts no encoding, and keep refusing path escapes', async () => {
    const res = await get('/assets/index-abc.js');
    expect(res.headers.get('content-encoding')).toBe(null);
    expect(await res.text()).toBe(js);
    for (const path of ['/../package.json', '/%2e%2e/package.json'])
      expect((await get(path, 'br, gzip')).status, path).toBe(404);
  });

  it('gzip API answers over 1 kB when accepted, and only then', async () => {
    const zipped = await get('/api/catalog', 'gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await zipped.arrayBuffer());
    const plain = await get('/api/catalog');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(gunzipSync(body).toString()).toBe(text);
    expect(body.length).toBeLessThan(text.length / 3);
    const small = await get('/api/health', 'gzip');
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});
