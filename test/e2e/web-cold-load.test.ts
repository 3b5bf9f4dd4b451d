/**
 * A cold load of the web app in Chromium (playwright-core, Debian's /usr/bin/chromium): the catalog's
 * chunk is named in index.html as a modulepreload and its rows are asked for once, when the app module
 * runs; no chart code is fetched for the list; other pages opened cold ask for nothing of the
 * catalog's; with `--auth token` the early request carries the session's token, and without one the
 * page says so and shows the rows once a token is entered. Timing is bench/web-load.ts's business.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/core/catalog/load';
import { type RunningServer, startServer } from '../../src/server/node';
import { writeContext } from '../../src/store/context';
import { openStore } from '../../src/store/open';
import { createApiToken, createUser } from '../../src/store/users';
import { haveChromium, startWebApp, WEB_ROOT } from './app';

const ROW = '[data-testid="catalog-table"] tbody tr';

describe.skipIf(!haveChromium)('cold load in Chromium (skipped when Chromium is absent)', () => {
  let server: RunningServer;
  let tokenServer: RunningServer;
  let token = '';
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-e2e-cold-'));
  const tokenDir = mkdtempSync(join(tmpdir(), 'chipmix-e2e-cold-token-'));

  beforeAll(async () => {
    ({ server, browser } = await startWebApp({ dataDir, demo: false }));
    const store = await openStore({ dataDir: tokenDir, env: {} });
    const ctx = writeContext('test');
    await createUser(store.db, ctx, 'viewer', 'viewer');
    token = (await createApiToken(store.db, ctx, 'viewer')).token;
    await store.close();
    tokenServer = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: tokenDir,
      demo: false,
      auth: 'token',
      catalog: loadBuiltinCatalog(),
      webRoot: WEB_ROOT,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tokenServer?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(tokenDir, { recursive: true, force: true });
  });

  /** A fresh profile (nothing cached) that records every request and console error. */
  async function open(
    url: string,
    locale = 'en-US',
    sessionToken?: string,
  ): Promise<{
    context: BrowserContext;
    page: Page;
    requests: { url: string; auth?: string }[];
    errors: string[];
  }> {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(20_000);
    if (sessionToken)
      await context.addInitScript((t: string) => sessionStorage.setItem('chipmix.token', t), sessionToken);
    const page = await context.newPage();
    const requests: { url: string; auth?: string }[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const auth = r.headers().authorization;
      requests.push({ url: r.url(), ...(auth === undefined ? {} : { auth }) });
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    return { context, page, requests, errors };
  }
  const catalogCalls = (requests: { url: string; auth?: string }[]) =>
    requests.filter((r) => new URL(r.url).pathname === '/api/catalog');

  for (const [lang, locale, entries] of [
    ['en', 'en-US', /^\d+ entries$/],
    ['zh-CN', 'zh-CN', /^共 \d+ 条$/],
  ] as const)
    it(`the catalog (${lang}): chunk preloaded, rows asked for once, no chart code`, async () => {
      const html = await (await fetch(server.url)).text();
      expect(html).toMatch(/<link rel="modulepreload" crossorigin href="\.\/assets\/catalog-[\w-]+\.js">/);
      const { context, page, requests, errors } = await open(`${server.url}#/catalog`, locale);
      await page.locator(ROW).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await page.getByText(entries).count()).toBe(1);
      expect(catalogCalls(requests)).toHaveLength(1);
      expect(requests.filter((r) => /\/assets\/catalog-/.test(r.url))).toHaveLength(1);
      expect(requests.filter((r) => /echarts/.test(r.url))).toEqual([]);
      // the spec columns still come (8 ids a request)
      expect(await page.locator(`${ROW} td[data-col="bf16DenseTflops"]`).first().textContent()).toMatch(/\d/);
      expect(errors).toEqual([]);
      await context.close();
    });

  it('a linked comparison (#/catalog?ids=a,b) opened cold draws its chart', async () => {
    const { context, page, errors } = await open(`${server.url}#/catalog?ids=nvidia-h20,huawei-ascend-910b`);
    await page.getByTestId('compare-chart').locator('svg').waitFor();
    expect(await page.getByTestId('compare-table').locator('thead th').count()).toBe(3);
    expect(await page.locator(ROW).count()).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('other pages opened cold ask for the catalog only as they did (training once, plan never)', async () => {
    const training = await open(`${server.url}#/training`);
    await training.page.getByTestId('estimate').waitFor();
    await training.page.waitForLoadState('networkidle');
    expect(catalogCalls(training.requests)).toHaveLength(1);
    expect(training.errors).toEqual([]);
    await training.context.close();
    const plan = await open(`${server.url}#/plan`);
    await plan.page.getByTestId('scenario').waitFor();
    await plan.page.waitForLoadState('networkidle');
    expect(catalogCalls(plan.requests)).toEqual([]);
    expect(plan.errors).toEqual([]);
    await plan.context.close();
  });

  it('--auth token: the early request carries the session token; without one, rows after entering it', async () => {
    const withToken = await open(`${tokenServer.url}#/catalog`, 'en-US', token);
    await withToken.page.locator(ROW).first().waitFor();
    expect(catalogCalls(withToken.requests).map((r) => r.auth)).toEqual([`Bearer ${token}`]);
    expect(withToken.errors).toEqual([]);
    await withToken.context.close();

    const without = await open(`${tokenServer.url}#/catalog`);
    await without.page.getByTestId('catalog-error').waitFor();
    expect(await without.page.getByTestId('catalog-error').textContent()).toContain(
      'authentication required',
    );
    await without.page.getByLabel('API token').fill(token);
    await without.page.getByLabel('API token').press('Enter');
    await without.page.getByLabel('API token').blur();
    await without.page.locator(ROW).first().waitFor();
    const calls = catalogCalls(without.requests);
    expect(calls.map((r) => r.auth)).toEqual([undefined, `Bearer ${token}`]);
    await without.context.close();
  });
});
