/**
 * Cold load of the web app's main page (issue 14): `chipmix serve` on loopback with the demo data,
 * Debian's Chromium (playwright-core) in a fresh profile each run, so nothing is cached. Prints per run
 * and as medians: time to the load event, time until the catalog table shows its rows, and the bytes
 * transferred (encoded, as on the wire) against their decoded size.
 *
 *   npm run build && npx tsx bench/web-load.ts [--runs 5]
 *
 * Target: cold load <= 1 s on loopback.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { startServer } from '../src/server/node';

const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = join(process.cwd(), 'dist/web');
const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
if (!existsSync(join(WEB_ROOT, 'index.html')))
  throw new Error('dist/web is missing: run `npm run build` first');

const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-bench-web-'));
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  demo: true,
  auth: 'none',
  catalog: loadBuiltinCatalog(),
  webRoot: WEB_ROOT,
});
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const loads: number[] = [];
const readies: number[] = [];
const wire: number[] = [];
const decoded: number[] = [];
try {
  // one unmeasured load: the server's first request reads files from disk and warms its JIT
  {
    const context = await browser.newContext();
    await (await context.newPage()).goto(server.url, { waitUntil: 'load' });
    await context.close();
  }
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let encodedBytes = 0;
    let decodedBytes = 0;
    const sizes = new Map<string, number>();
    cdp.on('Network.dataReceived', (e) =>
      sizes.set(e.requestId, (sizes.get(e.requestId) ?? 0) + e.dataLength),
    );
    cdp.on('Network.loadingFinished', (e) => {
      encodedBytes += e.encodedDataLength;
      decodedBytes += sizes.get(e.requestId) ?? 0;
    });
    const started = performance.now();
    await page.goto(`${server.url}#/catalog`, { waitUntil: 'load' });
    const loadMs = performance.now() - started;
    await page.locator('[data-testid="catalog-table"] tbody tr').first().waitFor();
    const readyMs = performance.now() - started;
    await page.waitForLoadState('networkidle');
    loads.push(loadMs);
    readies.push(readyMs);
    wire.push(encodedBytes);
    decoded.push(decodedBytes);
    console.log(
      `run ${i + 1}: load ${loadMs.toFixed(0)} ms, catalog rows ${readyMs.toFixed(0)} ms, ` +
        `${(encodedBytes / 1024).toFixed(1)} kB transferred (${(decodedBytes / 1024).toFixed(1)} kB decoded)`,
    );
    await context.close();
  }
  console.log(
    `web cold load (median of ${runs}): load event ${median(loads).toFixed(0)} ms, catalog rows shown ` +
      `${median(readies).toFixed(0)} ms, ${(median(wire) / 1024).toFixed(1)} kB transferred, ` +
      `${(median(decoded) / 1024).toFixed(1)} kB decoded; target <= 1000 ms`,
  );
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
