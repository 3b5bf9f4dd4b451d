/** Shared set-up for the in-process API tests: a fresh SQLite store per file and a JSON request helper. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuiltinCatalog } from '../../src/core/catalog/load';
import { createApp } from '../../src/server/app';
import type { AuthMode } from '../../src/server/auth';
import { openStore, type Store } from '../../src/store/open';

export const catalog = loadBuiltinCatalog();

export interface TestServer {
  readonly store: Store;
  readonly call: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  readonly close: () => Promise<void>;
}

export async function testServer(auth: AuthMode): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'chipmix-server-'));
  const store = await openStore({ dataDir: dir, env: {} });
  const { app, close } = createApp({ store, catalog, auth: { mode: auth }, today: () => '2026-01-15' });
  return {
    store,
    call: async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    close: async () => {
      await close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small dense run with a complete layout: no search, sub-millisecond in the engine. */
export const ESTIMATE_BODY = {
  model: 'llama3-8b',
  hardware: 'huawei-atlas-800t-a2',
  devices: 64,
  seqLen: 4096,
  globalBatch: 512,
  layout: { tp: 2, pp: 1, mbs: 1, recompute: 'selective', zero: 1 },
};

export const DEMO_CSV = `site,hardware_id,quantity,status,install_date,decommission_date,serial,notes
Test-Site-A,nvidia-hgx-h20,10,installed,2025-01-10,,,
Test-Site-A,huawei-atlas-800t-a2,5,installed,2025-02-01,,,
`;
