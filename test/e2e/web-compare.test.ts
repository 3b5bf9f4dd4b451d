/**
 * The Compare page in a real browser: playwright-core drives Debian's /usr/bin/chromium against
 * `startServer`. The web app is built afresh into a temporary folder (a dist/web left by an earlier
 * build may predate the page). Screenshots go to test-results/screenshots/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/node';
import { haveChromium, SHOTS, startWebApp } from './app';

describe.skipIf(!haveChromium)('Compare page in Chromium (skipped when Chromium is absent)', () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-e2e-compare-'));
  const webRoot = mkdtempSync(join(tmpdir(), 'chipmix-web-'));

  beforeAll(async () => {
    ({ server, browser } = await startWebApp({ dataDir, demo: false, webRoot }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('a link holds the request: bars with whiskers per normalisation, the verdict in both languages', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1400 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const query = new URLSearchParams({
      kind: 'train',
      model: 'llama3-70b',
      hardware: 'nvidia-dgx-h100,huawei-ascend-910c',
      devices: '1024',
      equal: 'power',
      seqLen: '8192',
      globalBatch: '1024',
      tokens: '15T',
    });
    await page.goto(`${server.url}#/compare?${query}`);
    await page.getByTestId('compare-result').waitFor();

    // The page shows what the API answers for the request in the link.
    const api = (await (
      await fetch(`${server.url}api/compare`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...Object.fromEntries(query),
          devices: 1024,
          seqLen: 8192,
          globalBatch: 1024,
        }),
      })
    ).json()) as { rows: { relativeToFirst: { verdict: string } | null }[] };
    const verdict = api.rows[1]!.relativeToFirst!.verdict;
    const item = page.getByTestId('compare-verdicts').locator('li').first();
    expect(await item.getAttribute('data-verdict')).toBe(verdict);
    const english = await item.textContent();
    expect(english).toContain('huawei-ascend-910c');
    expect(english).toMatch(verdict === 'within-error' ? /cannot be told apart/ : new RegExp(verdict));
    expect(await page.getByTestId('compare-equal').inputValue()).toBe('power');

    // One chart per normalisation the catalog can fill, each bar with its whisker.
    for (const chart of ['chart-perDevice', 'chart-perKW', 'chart-perMillionUsd']) {
      await page.getByTestId(chart).waitFor();
      expect(await page.getByTestId(chart).locator('rect').count(), chart).toBe(2);
      expect(await page.getByTestId(chart).locator('g.whisker').count(), chart).toBe(2);
    }
    // Racks: only the 910C's (CloudMatrix 384) is in the catalog.
    expect(await page.getByTestId('chart-perRack').locator('rect').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });

    // Editing the form rewrites the link, and the link recompares.
    await page.getByTestId('compare-equal').selectOption('devices');
    await page.getByTestId('compare-run').click();
    await page.waitForURL(/equal=devices/);
    await page.getByText('Loading…').waitFor({ state: 'detached' });
    expect(page.url()).toContain('hardware=nvidia-dgx-h100%2Chuawei-ascend-910c');

    await page.getByTestId('lang-switch').click();
    const chinese = await page.getByTestId('compare-verdicts').locator('li').first().textContent();
    expect(chinese).toMatch(/快于|慢于|无法区分/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: join(SHOTS, 'compare-zh.png'), fullPage: true });

    // A bad field comes back named, in place of a result (in the page's language, still Chinese here).
    await page.goto(
      `${server.url}#/compare?kind=train&model=llama3-70b&hardware=nvidia-dgx-h100,nope&devices=8&seqLen=8192&globalBatch=64`,
    );
    await page.getByTestId('compare-issues').waitFor();
    expect(await page.getByTestId('compare-issues').textContent()).toContain('未知硬件 ID“nope”');
    // a workload kind the API does not know: translated, and the field named by its label
    await page.goto(`${server.url}#/compare?kind=bogus&model=llama3-8b`);
    // (a hash change keeps the page: the previous link's issues are on screen until the new answer replaces them)
    const issues = () => page.getByTestId('compare-issues').textContent();
    await expect.poll(issues, { timeout: 15_000 }).toContain('负载类型');
    expect(await issues()).not.toMatch(/Invalid discriminator/);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);
});
