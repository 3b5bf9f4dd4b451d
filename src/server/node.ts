/**
 * The Node entry: opens the store, checks the bind address against the auth mode, serves the app with
 * @hono/node-server, and closes everything on stop. A loopback bind may run without login; any other
 * address needs token auth and at least one active token in the store.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Catalog } from '../core/catalog/catalog';
import { openStore } from '../store/open';
import { createApp } from './app';
import { type AuthMode, hasActiveToken } from './auth';
import { loadDemoData } from './demo';
import { HostPolicy } from './security';

export interface ServeOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDir?: string | undefined;
  readonly demo: boolean;
  readonly auth: AuthMode;
  readonly catalog: Catalog;
  /** Default: dist/web found beside the bundle or the repository root. */
  readonly webRoot?: string | undefined;
  /** Extra host names (behind a proxy, a DNS name) the server answers to: `--allowed-host`. */
  readonly allowedHosts?: readonly string[] | undefined;
  /** The longest a search or plan job may run (`--job-minutes`); default app.ts's 10 minutes. */
  readonly jobWallMs?: number | undefined;
}

export interface RunningServer {
  readonly url: string;
  readonly demoRecords: number;
  readonly webRoot: string | null;
  close(): Promise<void>;
}

/** A refusal the CLI prints as one line (exit 2). */
export class ServeRefused extends Error {
  override readonly name = 'ServeRefused';
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** dist/web beside dist/cli.js, or under the repository root when running from source. */
export function defaultWebRoot(): string | null {
  for (const relative of ['./web', '../../dist/web']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}/index.html`)) return dir;
  }
  return null;
}

/**
 * The names the server answers to: loopback names, the bound address and `--allowed-host` names; a
 * wildcard bind (0.0.0.0, ::) adds this machine's addresses and host name, which clients may use.
 */
export function hostPolicy(bind: string, allowedHosts: readonly string[]): HostPolicy {
  const policy = new HostPolicy({ boundHost: bind, allowedHosts });
  if (/^(0\.0\.0\.0|::|\[::\])$/.test(bind)) {
    policy.addName(hostname());
    for (const list of Object.values(networkInterfaces()))
      for (const info of list ?? []) policy.addName(info.address);
  }
  return policy;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(options.host) && options.auth !== 'token')
    throw new ServeRefused(
      `--host ${options.host} is not a loopback address: refusing to serve without login; add --auth token (and create a token with \`chipmix token create <user>\`)`,
    );
  const store = await openStore({ dataDir: options.dataDir });
  try {
    if (options.auth === 'token' && !(await hasActiveToken(store.db)))
      throw new ServeRefused(
        '--auth token: the store has no active API token; create one with `chipmix token create <user> --role admin`',
      );
    const demoRecords = options.demo ? await loadDemoData(store, options.catalog) : 0;
    const webRoot = options.webRoot ?? defaultWebRoot();
    const hosts = hostPolicy(options.host, options.allowedHosts ?? []);
    const { app, close } = createApp({
      store,
      catalog: options.catalog,
      auth: { mode: options.auth },
      hosts,
      ...(webRoot ? { webRoot } : {}),
      ...(options.jobWallMs !== undefined ? { jobWallMs: options.jobWallMs } : {}),
    });
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address() as AddressInfo;
    hosts.port = address.port;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      url: `http://${host}:${address.port}/`,
      demoRecords,
      webRoot,
      close: async () => {
        await close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // open event streams and keep-alive sockets would hold close() forever
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
