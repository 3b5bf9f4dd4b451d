/**
 * Cold load of the web app's main page (issue 14): `chipmix serve` on loopback with the demo data,
 * Debian's Chromium (playwright-core) in a fresh profile each run, so nothing is cached. Prints per run
 * and as medians: time to the load event, time until the catalog table shows its rows, and the bytes
 * transferred (encoded, as on the wire) against their decoded size.
 *
 * Both times are read on the page's own clock (0 = navigation start): the load event from the
 * navigation timing, the rows from a MutationObserver installed before the page's scripts, stamped in
 * a task after the frame that draws the first row (requestAnimationFrame, then setTimeout). Nothing
 * touches the page until then: playwright's `locator.waitFor()` polls 0, 20, 50, 100, 100 and then
 * every 500 ms after it is called (it saw rows up to ~550 ms after they were drawn: the "1,142 ms" of
 * the first measurement), and its first call evaluates its ~100 ms injected script in the page while
 * the page renders. The page says "drawn" on the console instead (no script evaluated in it).
 *
 *   npm run build && npx tsx bench/web-load.ts [--runs 5] [--against OTHER/dist/web]
 *
 * `--against` serves another build of the web app (an older commit's dist/web) beside this one, same
 * server code, and alternates the two run by run: on a shared machine whose load drifts by hundreds of
 * milliseconds between batches, the run-by-run pairs are what compare. It prints both medians and the
 * median of the paired differences.
 *
 * Target: cold load <= 1 s on loopback.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { loadBuiltinCatalog } from '../src/core/catalog/load';
import { type RunningServer, startServer } from '../src/server/node';

const CHROMIUM = '/usr/bin/chromium';
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(option('--runs') ?? 5);
const builds = [
  { name: 'this build', webRoot: join(process.cwd(), 'dist/web') },
  ...(option('--against') ? [{ name: 'against', webRoot: resolve(option('--against')!) }] : []),
];
for (const { webRoot } of builds)
  if (!existsSync(join(webRoot, 'index.html')))
    throw new Error(`${webRoot} has no index.html: run \`npm run build\` first`);

const catalog = loadBuiltinCatalog();
const dataDirs: string[] = [];
const servers: RunningServer[] = [];
for (const { webRoot } of builds) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-bench-web-'));
  dataDirs.push(dataDir);
  servers.push(
    await startServer({ host: '127.0.0.1', port: 0, dataDir, demo: true, auth: 'none', catalog, webRoot }),
  );
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ROW = '[data-testid="catalog-table"] tbody tr';

interface Run {
  loadMs: number;
  readyMs: number;
  encodedBytes: number;
  decodedBytes: number;
}

/** One cold load of `#/catalog` in a fresh browser context (nothing cached). */
async function coldLoad(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  // before any script of the page: stamp the task after the frame that draws the first catalog row
  await context.addInitScript((row: string) => {
    const w = window as unknown as { __rowsDrawn?: number };
    const observer = new MutationObserver(() => {
      if (!document.querySelector(row)) return;
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          w.__rowsDrawn = performance.now();
          console.debug('chipmix-bench: rows drawn');
        }),
      );
    });
    observer.observe(document, { subtree: true, childList: true });
  }, ROW);
  const page = await context.newPage();
  const drawn = new Promise<void>((resolve) =>
    page.on('console', (m) => m.text() === 'chipmix-bench: rows drawn' && resolve()),
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let encodedBytes = 0;
  let decodedBytes = 0;
  const sizes = new Map<string, number>();
  cdp.on('Network.dataReceived', (e) => sizes.set(e.requestId, (sizes.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFinished', (e) => {
    encodedBytes += e.encodedDataLength;
    decodedBytes += sizes.get(e.requestId) ?? 0;
  });
  await page.goto(`${url}#/catalog`, { waitUntil: 'load' });
  await drawn;
  await page.waitForLoadState('networkidle');
  const { loadMs, readyMs } = await page.evaluate(() => ({
    loadMs: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
    readyMs: (window as unknown as { __rowsDrawn: number }).__rowsDrawn,
  }));
  await context.close();
  return { loadMs, readyMs, encodedBytes, decodedBytes };
}

const kB = (bytes: number) => (bytes / 1024).toFixed(1);
const results: Run[][] = builds.map(() => []);
try {
  // one unmeasured load each: the server's first request reads files from disk and warms its JIT
  for (const server of servers) {
    const context = await browser.newContext();
    await (await context.newPage()).goto(server.url, { waitUntil: 'load' });
    await context.close();
  }
  for (let i = 0; i < runs; i++)
    // each build first in every other pair
    for (const [b, build] of i % 2 ? [...builds.entries()].reverse() : [...builds.entries()]) {
      const r = await coldLoad(browser, servers[b]!.url);
      results[b]!.push(r);
      console.log(
        `run ${i + 1}${builds.length > 1 ? ` (${build.name})` : ''}: load ${r.loadMs.toFixed(0)} ms, ` +
          `catalog rows ${r.readyMs.toFixed(0)} ms, ${kB(r.encodedBytes)} kB transferred ` +
          `(${kB(r.decodedBytes)} kB decoded)`,
      );
    }
  for (const [b, build] of builds.entries()) {
    const rs = results[b]!;
    console.log(
      `web cold load${builds.length > 1 ? ` (${build.name}: ${build.webRoot})` : ''} (median of ${runs}): ` +
        `load event ${median(rs.map((r) => r.loadMs)).toFixed(0)} ms, catalog rows shown ` +
        `${median(rs.map((r) => r.readyMs)).toFixed(0)} ms, ${kB(median(rs.map((r) => r.encodedBytes)))} kB ` +
        `transferred, ${kB(median(rs.map((r) => r.decodedBytes)))} kB decoded; target <= 1000 ms`,
    );
  }
  if (builds.length > 1) {
    const diff = (f: (r: Run) => number) =>
      median(results[0]!.map((r, i) => f(r) - f(results[1]![i]!))).toFixed(0);
    console.log(
      `this build minus against, median of the ${runs} pairs: load event ${diff((r) => r.loadMs)} ms, ` +
        `catalog rows ${diff((r) => r.readyMs)} ms`,
    );
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
