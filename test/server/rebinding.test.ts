/**
 * Issue 13, defect 1: DNS rebinding. A page on a.example whose name the attacker re-points at
 * 127.0.0.1 sends `Host: a.example:P` and `Origin: http://a.example:P`; the server must refuse it
 * (before reading or writing anything), while its own names and origins keep working.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/node';
import { HostPolicy, hostnameOf } from '../../src/server/security';
import { catalog } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'chipmix-rebind-'));
let server: RunningServer;
let port: number;
beforeAll(async () => {
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: dir,
    demo: true,
    auth: 'none',
    catalog,
    webRoot: undefined,
    allowedHosts: ['chipmix.corp.example'],
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP request with exactly these headers (fetch would not let us set Host). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const REPLACE_BODY = JSON.stringify({
  text: 'site,hardware_id,quantity,status,install_date,decommission_date\nX,nvidia-h20,1,installed,2025-01-01,\n',
  replace: true,
});

describe('DNS rebinding', () => {
  it('refuses the rebinding reproducer of issue 13 and leaves the inventory as it was', async () => {
    const before = await send('GET', '/api/inventory', { host: `127.0.0.1:${port}` });
    expect(before.status).toBe(200);
    const attack = await send(
      'POST',
      '/api/inventory/import',
      {
        host: `a.example:${port}`,
        origin: `http://a.example:${port}`,
        'content-type': 'application/json',
      },
      REPLACE_BODY,
    );
    expect(attack.status).toBe(403);
    expect(JSON.parse(attack.text).error).toMatch(/host "a\.example:\d+" is not a name of this server/);
    // a read is refused too: the page cannot see the inventory either
    const read = await send('GET', '/api/inventory', { host: `a.example:${port}` });
    expect(read.status).toBe(403);
    expect((await send('GET', '/', { host: `a.example:${port}` })).status).toBe(403);
    const after = await send('GET', '/api/inventory', { host: `127.0.0.1:${port}` });
    expect(after.text).toBe(before.text);
  });

  it('refuses an Origin that is not the server’s own, even when it equals the Host sent', async () => {
    // Host is allowed (an --allowed-host name), Origin names it too, but on a port the server is not on
    const res = await send(
      'POST',
      '/api/compliance/what-if',
      {
        host: `localhost:${port}`,
        origin: `http://localhost:${port + 1}`,
        'content-type': 'application/json',
      },
      '{}',
    );
    expect(res.status).toBe(403);
    const evil = await send('GET', '/api/compliance/status', {
      host: `127.0.0.1:${port}`,
      origin: 'http://a.example',
    });
    expect(evil.status).toBe(403);
    const nul = await send(
      'POST',
      '/api/compliance/what-if',
      {
        host: `127.0.0.1:${port}`,
        origin: 'null',
        'content-type': 'application/json',
      },
      '{}',
    );
    expect(nul.status).toBe(403);
  });

  it('answers its own names and origins, and --allowed-host names', async () => {
    for (const [host, origin] of [
      [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
      [`localhost:${port}`, `http://localhost:${port}`],
      ['chipmix.corp.example', 'https://chipmix.corp.example'],
    ] as const) {
      const res = await send(
        'POST',
        '/api/compliance/what-if',
        {
          host,
          origin,
          'content-type': 'application/json',
        },
        // a what-if with one change (an empty one is a 400 since the request schema moved to the core)
        '{"add":[{"site":"BJ-Yizhuang-01","hardwareId":"huawei-atlas-800t-a2","quantity":1}]}',
      );
      expect(res.status, `${host} ${origin}`).toBe(200);
    }
  });
});

describe('HostPolicy', () => {
  it('parses host names with ports and IPv6 literals', () => {
    expect(hostnameOf('LocalHost:8080')).toBe('localhost');
    expect(hostnameOf('[::1]:8080')).toBe('[::1]');
    expect(hostnameOf('::1')).toBe('[::1]');
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('compares Origin with the server’s own origins, port included', () => {
    const policy = new HostPolicy({ boundHost: '127.0.0.1', allowedHosts: ['team.example:8443'] });
    policy.port = 8080;
    expect(policy.allowsHost('127.0.0.1:8080')).toBe(true);
    expect(policy.allowsHost('a.example:8080')).toBe(false);
    expect(policy.isOwnOrigin('http://127.0.0.1:8080')).toBe(true);
    expect(policy.isOwnOrigin('http://[::1]:8080')).toBe(true);
    expect(policy.isOwnOrigin('http://127.0.0.1:8081')).toBe(false);
    expect(policy.isOwnOrigin('https://127.0.0.1:8080')).toBe(false);
    expect(policy.isOwnOrigin('https://team.example:8443')).toBe(true);
    expect(policy.isOwnOrigin('http://a.example:8080')).toBe(false);
    expect(policy.isOwnOrigin('null')).toBe(false);
  });
});
