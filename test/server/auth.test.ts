/** Token auth and roles in-process, and the Node entry's bind rules (loopback vs. any other address). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, neededRole } from '../../src/server/auth';
import { isLoopback, ServeRefused, startServer } from '../../src/server/node';
import { writeContext } from '../../src/store/context';
import { createApiToken, createUser, revokeApiToken } from '../../src/store/users';
import { catalog, DEMO_CSV, ESTIMATE_BODY, type TestServer, testServer } from './helpers';

let s: TestServer;
const tokens: Record<'viewer' | 'editor' | 'admin' | 'revoked', string> = {
  viewer: '',
  editor: '',
  admin: '',
  revoked: '',
};
beforeAll(async () => {
  s = await testServer('token');
  const ctx = writeContext('test');
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    await createUser(s.store.db, ctx, `${role}-user`, role);
    tokens[role] = (await createApiToken(s.store.db, ctx, `${role}-user`)).token;
  }
  const revoked = await createApiToken(s.store.db, ctx, 'admin-user');
  await revokeApiToken(s.store.db, ctx, revoked.id);
  tokens.revoked = revoked.token;
});
afterAll(() => s.close());

const as = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });
const importBody = { text: DEMO_CSV, fileName: 'demo.csv' };

describe('token auth', () => {
  it('refuses every API call without a token, with a Bearer challenge', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/catalog', undefined],
      ['GET', '/api/whoami', undefined],
      ['POST', '/api/train/estimate', ESTIMATE_BODY],
      ['POST', '/api/inventory/import', importBody],
      ['GET', '/api/compliance/status', undefined],
    ] as const) {
      const res = await s.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(((await res.json()) as { error: string }).error).toContain('authentication required');
    }
  });

  it('refuses a wrong, malformed or revoked token', async () => {
    const wrong = await s.call('GET', '/api/catalog', undefined, {
      authorization: 'Bearer chipmix_not-a-real-token-at-all',
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid or revoked token');
    const basic = await s.call('GET', '/api/catalog', undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect((await s.call('GET', '/api/catalog', undefined, as('revoked'))).status).toBe(401);
  });

  it('lets a viewer read and compute but not write', async () => {
    expect((await s.call('GET', '/api/catalog', undefined, as('viewer'))).status).toBe(200);
    expect((await s.call('POST', '/api/train/estimate', ESTIMATE_BODY, as('viewer'))).status).toBe(200);
    // a what-if is a computation a viewer may run: refused for its input (no such site yet), not for the role
    const change = { add: [{ site: 'Test-Site-A', hardwareId: 'huawei-atlas-800t-a2', quantity: 1 }] };
    const early = await s.call('POST', '/api/compliance/what-if', change, as('viewer'));
    expect(early.status).toBe(400);
    expect(((await early.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('add.0.site');
    const write = await s.call('POST', '/api/inventory/import', importBody, as('viewer'));
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: string }).error).toBe(
      'viewer-user has the viewer role; this needs the editor role',
    );
    expect((await s.call('GET', '/api/changes', undefined, as('viewer'))).status).toBe(403);
  });

  it('lets an editor import, but only an admin read the change log', async () => {
    const res = await s.call('POST', '/api/inventory/import', importBody, as('editor'));
    expect(res.status).toBe(200);
    // with the site imported, the viewer's what-if computes
    const change = { add: [{ site: 'Test-Site-A', hardwareId: 'huawei-atlas-800t-a2', quantity: 1 }] };
    expect((await s.call('POST', '/api/compliance/what-if', change, as('viewer'))).status).toBe(200);
    expect((await s.call('GET', '/api/changes', undefined, as('editor'))).status).toBe(403);
    const log = await s.call('GET', '/api/changes', undefined, as('admin'));
    expect(log.status).toBe(200);
    const changes = ((await log.json()) as { changes: { actor: string; entity: string }[] }).changes;
    // the import is logged under the token's user
    expect(changes.some((c) => c.actor === 'editor-user' && c.entity === 'hardware')).toBe(true);
  });

  it('reports who the token belongs to; health needs no token', async () => {
    const me = await s.call('GET', '/api/whoami', undefined, as('editor'));
    expect(await me.json()).toEqual({ user: 'editor-user', role: 'editor', auth: 'token' });
    expect((await s.call('GET', '/api/health')).status).toBe(200);
  });

  it('validates before or after auth consistently: a bad body from a viewer is still 400', async () => {
    expect((await s.call('POST', '/api/train/estimate', { devices: 0 }, as('viewer'))).status).toBe(400);
  });
});

describe('auth helpers', () => {
  it('parses bearer tokens strictly', () => {
    expect(bearerToken('Bearer chipmix_abcdefgh')).toBe('chipmix_abcdefgh');
    expect(bearerToken('bearer x')).toBeNull(); // too short a token
    // the scheme is case-insensitive (RFC 9110)
    expect(bearerToken('bearer chipmix_abcdefgh')).toBe('chipmix_abcdefgh');
    expect(bearerToken('BEARER chipmix_abcdefgh')).toBe('chipmix_abcdefgh');
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer a b c d e f g h')).toBeNull();
  });

  it('maps methods and paths to roles', () => {
    expect(neededRole('GET', '/api/catalog')).toBe('viewer');
    expect(neededRole('POST', '/api/train/estimate')).toBe('viewer');
    expect(neededRole('POST', '/api/inventory/import')).toBe('editor');
    expect(neededRole('GET', '/api/changes')).toBe('admin');
  });
});

describe('the Node entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipmix-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) expect(isLoopback(h)).toBe(false);
  });

  it('refuses a non-loopback bind without auth, and token auth without any token', async () => {
    await expect(
      startServer({ host: '0.0.0.0', port: 0, dataDir: dir, demo: false, auth: 'none', catalog }),
    ).rejects.toThrow(ServeRefused);
    await expect(
      startServer({ host: '0.0.0.0', port: 0, dataDir: dir, demo: false, auth: 'token', catalog }),
    ).rejects.toThrow(/no active API token/);
  });

  it('serves on a loopback socket with demo data loaded once', async () => {
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: dir,
      demo: true,
      auth: 'none',
      catalog,
      webRoot: undefined,
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(server.demoRecords).toBeGreaterThan(10);
      const status = (await (await fetch(`${server.url}api/compliance/status`)).json()) as {
        sites: unknown[];
      };
      expect(status.sites.length).toBeGreaterThanOrEqual(3);
    } finally {
      await server.close();
    }
    const again = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: dir,
      demo: true,
      auth: 'none',
      catalog,
    });
    expect(again.demoRecords).toBe(0);
    await again.close();
  });
});
