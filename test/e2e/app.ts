/**
 * What every browser test starts with: the server on a free loopback port (auth off, a temporary data
 * directory, demo data when asked) serving the built web app, and Debian's Chromium (never a downloaded
 * browser). The web app is built first when dist/web is absent or older than the sources (a stale bundle
 * would test yesterday's pages), or into `webRoot` when a test wants a fresh build of its own.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { loadBuiltinCatalog } from '../../src/core/catalog/load';
import { type RunningServer, startServer } from '../../src/server/node';

export const CHROMIUM = '/usr/bin/chromium';
export const WEB_ROOT = join(process.cwd(), 'dist/web');
export const SHOTS = join(process.cwd(), 'test-results/screenshots');
export const haveChromium = existsSync(CHROMIUM);

/** The newest modification time under a directory. */
function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

function stale(webRoot: string): boolean {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newest(join(process.cwd(), 'src/web')), newest(join(process.cwd(), 'src/core')));
  return statSync(index).mtimeMs < sources;
}

export async function startWebApp(opts: {
  dataDir: string;
  demo: boolean;
  webRoot?: string;
}): Promise<{ server: RunningServer; browser: Browser }> {
  const webRoot = opts.webRoot ?? WEB_ROOT;
  if (opts.webRoot || stale(webRoot)) {
    const { build } = await import('vite');
    await build({
      configFile: join(process.cwd(), 'vite.config.ts'),
      logLevel: 'warn',
      ...(opts.webRoot ? { build: { outDir: webRoot, emptyOutDir: true } } : {}),
    });
  }
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: opts.dataDir,
    demo: opts.demo,
    auth: 'none',
    catalog: loadBuiltinCatalog(),
    webRoot,
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'],
  });
  return { server, browser };
}
