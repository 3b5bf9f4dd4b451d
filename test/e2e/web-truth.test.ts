/**
 * Issue 14 in a real browser (playwright-core driving /usr/bin/chromium against `startServer` with the
 * demo data), each check in English and in Simplified Chinese: the training page (stale results
 * greyed, no days when nothing fits, blank layout fields searched, the README example's days equal to
 * the CLI's, top layouts with vp applied to the form, chart labels in words, the capacity line), the
 * catalog (sortable spec columns with units, confidence marks, significant figures, linked details and
 * comparisons that follow the hash, a detail that stays in its card), and compressed assets.
 * Screenshots: test-results/screenshots/issue14-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/node';
import { README_TRAIN_ESTIMATE } from '../support/readme-train-example';
import { run } from '../support/run-cli';
import { CHROMIUM, haveChromium, SHOTS, startWebApp } from './app';

if (!haveChromium) console.warn(`e2e: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);

const LANGS = [
  {
    lang: 'en',
    locale: 'en-US',
    bestFound: 'best found',
    compute: 'Compute',
    capacity: 'capacity',
    stale: 'Out of date',
  },
  {
    lang: 'zh',
    locale: 'zh-CN',
    bestFound: '自动寻优',
    compute: '计算',
    capacity: '容量',
    stale: '结果已过期',
  },
] as const;

describe.skipIf(!haveChromium)('issue 14 in Chromium (skipped when Chromium is absent)', () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-e2e14-'));

  beforeAll(async () => {
    ({ server, browser } = await startWebApp({ dataDir, demo: true }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(route: string, locale: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#/${route}`);
    return { page, errors };
  }

  for (const L of LANGS) {
    it(`training (${L.lang}): stale greyed, no days when nothing fits, blank = searched, words on charts`, async () => {
      const { page, errors } = await open('training', L.locale);
      const estimate = page.getByTestId('estimate');
      await estimate.waitFor();
      // blank layout fields: nothing prefilled, the placeholder says what blank means
      for (const k of ['tp', 'pp', 'vp', 'dp', 'cp', 'ep', 'etp', 'mbs']) {
        expect(await page.getByTestId(`layout-${k}`).inputValue(), k).toBe('');
        expect(await page.getByTestId(`layout-${k}`).getAttribute('placeholder'), k).toBe(L.bestFound);
      }
      for (const k of ['recompute', 'zero'])
        expect(await page.getByTestId(`layout-${k}`).locator('option:checked').textContent(), k).toBe(
          L.bestFound,
        );
      // chart labels are words in the page's language, and the capacity line is drawn
      await page.getByTestId('breakdown-chart').locator('svg text').first().waitFor({ state: 'attached' });
      const breakdownText = await page.getByTestId('breakdown-chart').locator('svg').textContent();
      expect(breakdownText).toContain(L.compute);
      expect(breakdownText).not.toMatch(/tpComm|dpComm|optimizer\b/);
      const memoryText = await page.getByTestId('memory-chart').locator('svg').textContent();
      expect(memoryText).toContain(L.capacity);
      expect(memoryText).not.toMatch(/optimizerStates|weightsGB/);
      await page.screenshot({ path: join(SHOTS, `issue14-training-${L.lang}.png`), fullPage: true });
      // an invalid edit greys the old estimate and names the field in the page's language
      await page.getByTestId('devices').fill('-16');
      await expect.poll(() => estimate.getAttribute('data-stale')).toBe('true');
      expect(await page.getByTestId('stale-note').textContent()).toContain(L.stale);
      const opacity = await estimate.evaluate((e) => getComputedStyle(e).opacity);
      expect(Number(opacity)).toBeLessThan(0.6);
      const issues = (await page.getByTestId('issues').textContent()) ?? '';
      if (L.lang === 'zh') expect(issues).toMatch(/加速卡数|正整数/);
      await page.screenshot({ path: join(SHOTS, `issue14-training-stale-${L.lang}.png`), fullPage: true });
      // a model that fits nowhere: no days to train, said plainly
      await page.getByTestId('model').selectOption('llama3-70b');
      await page.getByTestId('devices').fill('8');
      await expect.poll(() => estimate.getAttribute('data-stale')).toBe('false');
      await page.getByTestId('days-no-fit').waitFor();
      expect(await page.getByTestId('days').count()).toBe(0);
      const warnings = (await estimate.textContent()) ?? '';
      if (L.lang === 'zh') expect(warnings).toContain('显存不足');
      await page.screenshot({ path: join(SHOTS, `issue14-training-nofit-${L.lang}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it(`training (${L.lang}): the README example gives the CLI's days; top layouts show vp and apply`, async () => {
      const cli = await run(...README_TRAIN_ESTIMATE);
      expect(cli.code, cli.err).toBe(0);
      const cliDays = JSON.parse(cli.out).daysToTrain as number;
      const { page, errors } = await open('training', L.locale);
      await page.getByTestId('estimate').waitFor();
      await page.getByTestId('model').selectOption('llama3-70b');
      await page.getByTestId('hardware').selectOption('huawei-atlas-800t-a2');
      await page.getByTestId('devices').fill('1024');
      await page.getByTestId('seqLen').fill('8192');
      await page.getByTestId('globalBatch').fill('1024');
      await page.getByTestId('tokens').fill('15T');
      const days = page.getByTestId('days').locator('.v');
      const shown = cliDays.toLocaleString(L.locale, { maximumFractionDigits: 1 });
      await expect.poll(() => days.textContent(), { timeout: 20_000 }).toBe(shown);
      console.log(
        `e2e (${L.lang}): README example, web ${await days.textContent()} days, CLI ${cliDays.toFixed(1)} days`,
      );
      await page.screenshot({ path: join(SHOTS, `issue14-training-readme-${L.lang}.png`), fullPage: true });
      // the server's search on a small case; every layout number shown, one row applied to the form
      await page.getByTestId('model').selectOption('llama3-8b');
      await page.getByTestId('devices').fill('64');
      await page.getByTestId('seqLen').fill('4096');
      await page.getByTestId('globalBatch').fill('512');
      await page.getByTestId('search').click();
      await page.getByTestId('top-layouts').waitFor({ timeout: 60_000 });
      const head = (await page.getByTestId('top-layouts').locator('thead').textContent()) ?? '';
      for (const col of ['tp', 'pp', 'vp', 'dp', 'cp', 'ep', 'etp', 'mbs']) expect(head).toContain(col);
      const rows = page.getByTestId('top-layouts').locator('tbody tr');
      const texts = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent));
      expect(new Set(texts).size).toBe(texts.length);
      const cells = await rows.nth(1).locator('td').allTextContents();
      await page.getByTestId('apply-1').click();
      expect(await page.getByTestId('layout-tp').inputValue()).toBe(cells[0]);
      expect(await page.getByTestId('layout-vp').inputValue()).toBe(cells[2]);
      expect(await page.getByTestId('layout-mbs').inputValue()).toBe(cells[7]);
      const step = page.getByTestId('step-seconds').locator('.v');
      await expect.poll(async () => (await step.textContent())?.split(' ')[0]).toBe(cells[10]?.split(' ')[0]);
      await page.screenshot({ path: join(SHOTS, `issue14-training-top-${L.lang}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it(`catalog (${L.lang}): sortable spec columns, confidence marks, significant figures, links`, async () => {
      const { page, errors } = await open('catalog', L.locale);
      const table = page.getByTestId('catalog-table');
      await table.locator('tbody tr td[data-col="bf16DenseTflops"] .conf').first().waitFor();
      // units in the header, marks visible without hovering
      expect(await table.locator('thead').textContent()).toContain('TFLOP/s');
      expect(await table.locator('.conf').first().isVisible()).toBe(true);
      expect(await page.getByTestId('confidence-legend').isVisible()).toBe(true);
      // sort by BF16, largest first, then smallest first; unknowns last either way
      const bf16 = () =>
        table
          .locator('td[data-col="bf16DenseTflops"]')
          .evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent ?? '–'));
      const value = (s: string) => Number(s.replace(/,/g, ''));
      await table.locator('th[data-sort="bf16DenseTflops"]').click();
      const down = (await bf16()).filter((s) => s !== '–').map(value);
      expect(down.length).toBeGreaterThan(10);
      expect(down).toEqual([...down].sort((a, b) => b - a));
      await table.locator('th[data-sort="bf16DenseTflops"]').click();
      const up = (await bf16()).filter((s) => s !== '–').map(value);
      expect(up).toEqual([...up].sort((a, b) => a - b));
      await page.screenshot({ path: join(SHOTS, `issue14-catalog-table-${L.lang}.png`), fullPage: true });
      // a comparison linked by hash opens without a reload; tiny values keep their significant figures
      await page.evaluate(() => {
        location.hash = '#/catalog?ids=huawei-ascend-910b,nvidia-h20';
      });
      const compare = page.getByTestId('compare-table');
      await compare.waitFor();
      const tiny = compare.locator('tr', {
        hasText: L.lang === 'zh' ? '每美元显存带宽' : 'Memory bandwidth per USD',
      });
      expect(await tiny.locator('td').nth(1).textContent()).toContain('0.00009493');
      await page.screenshot({ path: join(SHOTS, `issue14-catalog-compare-${L.lang}.png`), fullPage: true });
      // a detail is a link; it stays inside its card beside the list
      await page.getByTestId('detail-link-huawei-atlas-800t-a2').click();
      const detail = page.getByTestId('entry-detail');
      await detail.waitFor();
      expect(page.url()).toContain('#/catalog/huawei-atlas-800t-a2');
      const fits = await detail.evaluate((e) => e.scrollWidth <= e.clientWidth + 1);
      expect(fits).toBe(true);
      const box = await detail.boundingBox();
      const list = await table.locator('xpath=..').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
      expect(list!.x + list!.width).toBeLessThanOrEqual(box!.x);
      await page.screenshot({ path: join(SHOTS, `issue14-catalog-detail-${L.lang}.png`), fullPage: true });
      // and the link opens on its own
      const direct = await open('catalog/nvidia-h20', L.locale);
      await direct.page.getByTestId('entry-detail').waitFor();
      expect(await direct.page.getByTestId('entry-detail').locator('h3').textContent()).toContain('H20');
      await direct.page.context().close();
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('serves the bundle compressed (brotli) with long-lived caching, index.html uncached', async () => {
    const { page, errors } = await open('catalog', 'en-US');
    const seen: { url: string; encoding: string | undefined; cache: string | undefined }[] = [];
    page.on('response', (r) =>
      seen.push({
        url: r.url(),
        encoding: r.headers()['content-encoding'],
        cache: r.headers()['cache-control'],
      }),
    );
    await page.reload();
    await page.getByTestId('catalog-table').waitFor();
    const js = seen.filter((r) => /\/assets\/index-.*\.js$/.test(r.url));
    expect(js.length).toBe(1);
    expect(js[0]!.encoding).toBe('br');
    expect(js[0]!.cache).toContain('immutable');
    expect(seen.find((r) => r.url.endsWith('/'))?.cache).toBe('no-cache');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
