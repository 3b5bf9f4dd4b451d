/// <reference lib="dom" />
/**
 * The fleet plan and compliance pages in Chromium (playwright-core on Debian's /usr/bin/chromium, never a
 * downloaded browser), in English and Simplified Chinese: what `chipmix plan` says (conflicts and least
 * relaxations, installed pools, layouts, rule verdicts, binding constraints, evidence caveats beside the
 * hardware), progress that moves with the work, infeasible sweep points, exports, and the compliance
 * page's failing sites, n/a metrics, empty sites and gauge labels. Screenshots go to test-results/screenshots/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/node';
import { CHROMIUM, haveChromium, SHOTS, startWebApp } from './app';

const FIXTURES = join(process.cwd(), 'test/fixtures/web');
const INFEASIBLE = readFileSync(join(FIXTURES, 'plan-infeasible.yaml'), 'utf8');
const FEASIBLE = readFileSync(join(FIXTURES, 'plan-small-mixed.yaml'), 'utf8');
if (!haveChromium) console.warn(`e2e: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);

type Lang = 'en' | 'zh';
const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/** The newest modification time under a folder, ms. */
const PAGES = 'plan and compliance pages in Chromium (skipped when Chromium is absent)';
describe.skipIf(!haveChromium)(PAGES, () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-e2e-plan-'));

  beforeAll(async () => {
    ({ server, browser } = await startWebApp({ dataDir, demo: true }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh page in a language, 1366 px wide (the screen), recording console errors. */
  async function open(route: string, lang: Lang): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      locale: LOCALE[lang],
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(20_000);
    await context.addInitScript((l) => localStorage.setItem('chipmix.lang', l), lang);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#/${route}`);
    return { page, errors };
  }

  /** Puts a scenario in the editor and waits until the server calls it valid. */
  async function enterScenario(page: Page, yaml: string, sweep: boolean): Promise<void> {
    const status = page.getByTestId('scenario-status');
    const editor = page.getByTestId('scenario');
    // the example arrives first (it would overwrite an earlier edit), then ours
    await expect.poll(() => editor.inputValue(), { timeout: 20_000 }).not.toBe('');
    await editor.fill(yaml);
    await expect.poll(() => editor.inputValue()).toBe(yaml);
    await expect.poll(() => status.getAttribute('data-valid'), { timeout: 30_000 }).toBe('true');
    const toggle = page.getByTestId('sweep-toggle');
    if ((await toggle.isChecked()) !== sweep) await toggle.click();
  }

  /** Records every value the progress bar takes, and every step label, from inside the page. */
  async function watchProgress(page: Page): Promise<void> {
    await page.evaluate(() => {
      const w = window as unknown as { progress: number[]; steps: string[] };
      w.progress = [];
      w.steps = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="plan-progress-bar"]');
        const value = bar?.getAttribute('data-value');
        if (value != null && w.progress.at(-1) !== Number(value)) w.progress.push(Number(value));
        const step = document.querySelector('[data-testid="plan-step"]')?.textContent;
        if (step && w.steps.at(-1) !== step) w.steps.push(step);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }

  it('moving the as-of date between days with and without shares throws nothing (the gauges threw in ECharts)', async () => {
    const { page, errors } = await open('compliance', 'en');
    await page.getByTestId('gauges').waitFor();
    const date = page.locator('input[type="date"]');
    for (const day of ['2026-06-01', '2024-01-01', '2026-06-01', '2024-02-29']) {
      await date.fill(day);
      await date.dispatchEvent('change');
      await page.waitForTimeout(400);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('an emptied scenario is not left "valid" and cannot be solved', async () => {
    const { page, errors } = await open('plan', 'en');
    await enterScenario(page, FEASIBLE, false);
    await page.getByTestId('scenario').fill('');
    const status = page.getByTestId('scenario-status');
    await expect.poll(() => status.getAttribute('data-valid'), { timeout: 10_000 }).toBe('null');
    expect(await page.getByTestId('solve').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('ticking "replace" with a preview open asks for the replace preview (the first answer was kept and the import merged)', async () => {
    const { page, errors } = await open('compliance', 'en');
    await page.getByTestId('gauges').waitFor();
    const csv =
      'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\n' +
      'BJ-Yizhuang-01,huawei-atlas-800t-a2,1,installed,2025-03-01,,,replace preview\n';
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'one-row.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('replace-warning').count()).toBe(0);
    await page.getByTestId('import-replace').check();
    await page.getByTestId('replace-warning').waitFor();
    expect(await page.getByTestId('import-confirm').textContent()).toMatch(/delete/i);
    await page.getByTestId('import-replace').uncheck();
    await expect.poll(() => page.getByTestId('replace-warning').count(), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  for (const lang of ['en', 'zh'] as const) {
    it(`[${lang}] an infeasible plan names the conflicting rule and its least relaxation, with real progress and marked sweep points`, async () => {
      const { page, errors } = await open('plan', lang);
      await enterScenario(page, INFEASIBLE, true);
      // the editor uses the page: at 1366 px, 2/5 of the row (the old one was 326 px)
      const editorWidth = (await page.getByTestId('scenario').boundingBox())!.width;
      expect(editorWidth).toBeGreaterThan(420);
      await watchProgress(page);
      await page.getByTestId('solve').click();
      const result = page.getByTestId('plan-result');
      await result.waitFor({ timeout: 120_000 });
      expect(await result.getAttribute('data-status')).toBe('infeasible');
      expect(await page.getByTestId('plan-status').textContent()).toBe(
        lang === 'en' ? 'infeasible' : '无可行解',
      );
      // no "$0M total" for a plan that does not exist
      expect(await page.getByTestId('kpi-total').count()).toBe(0);
      expect(await page.getByTestId('purchases').count()).toBe(0);
      const conflicts = (await page.getByTestId('plan-conflicts').textContent()) ?? '';
      expect(conflicts).toContain('rule:hub-share@dc-a');
      expect(conflicts).toContain('power:dc-a');
      const relaxations = (await page.getByTestId('plan-relaxations').textContent()) ?? '';
      // the core's explanations in the page's language (src/core/messages)
      if (lang === 'en') {
        expect(relaxations).toMatch(
          /rule:hub-share@dc-a: .*feasible with a threshold of \d+(\.\d+)?% instead of 99%/,
        );
        expect(relaxations).toMatch(/power:dc-a: .*feasible with [\d.]+ MW/);
      } else {
        expect(relaxations).toMatch(/rule:hub-share@dc-a：.*阈值从 99% 放宽到 \d+(\.\d+)?% 即可行/);
        expect(relaxations).toMatch(/power:dc-a：.*放宽到 [\d.]+ 兆瓦即可行/);
      }
      // progress moved through the work: several values strictly between 0 and 1, never backwards,
      // and the step names the sweep points
      const seen = await page.evaluate(() => (window as unknown as { progress: number[] }).progress);
      const between = seen.filter((v) => v > 0 && v < 1);
      expect(between.length, `progress values ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
      const steps = await page.evaluate(() => (window as unknown as { steps: string[] }).steps);
      expect(steps.some((s) => s.includes(lang === 'en' ? 'sweep: ' : '敏感性分析：'))).toBe(true);
      // the sweep chart marks the infeasible point (100%) with a red cross, as the CLI's SVG does
      await page.getByTestId('sweep-chart').locator('svg path').first().waitFor({ state: 'attached' });
      expect(await page.getByTestId('sweep-infeasible').textContent()).toContain('100%');
      const crosses = await page.getByTestId('sweep-chart').locator('svg path[stroke="#c01818"]').count();
      expect(crosses).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: join(SHOTS, `plan-infeasible-${lang}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    }, 180_000);

    it(`[${lang}] a feasible plan shows installed pools, layouts, verdicts, binding constraints and evidence caveats beside the hardware`, async () => {
      const { page, errors } = await open('plan', lang);
      await enterScenario(page, FEASIBLE, lang === 'en');
      await page.getByTestId('solve').click();
      const result = page.getByTestId('plan-result');
      await result.waitFor({ timeout: 120_000 });
      expect(await result.getAttribute('data-status')).toBe('optimal');
      expect(await page.getByTestId('plan-status').textContent()).toBe(lang === 'en' ? 'optimal' : '最优');
      // the installed H20 pool: 64 installed at dc-a, none bought
      const h20 = page.locator('[data-testid="plan-sites"] tr[data-hardware="nvidia-hgx-h20"]');
      expect(await h20.locator('td[data-col="installed"]').textContent()).toBe('64');
      // per-workload layouts: the training job's parallel layout, the serving replicas
      expect(
        await page.locator('[data-testid="plan-workloads"] tr[data-workload="pretrain"]').textContent(),
      ).toMatch(/tp\d+ pp\d+ dp\d+ mbs\d+/);
      expect(
        await page.locator('[data-testid="plan-workloads"] tr[data-workload="chat"]').count(),
      ).toBeGreaterThan(0);
      // the default rule's verdict at dc-a, and the binding constraints with their price
      const rule = page.locator('[data-testid="plan-rules"] tr[data-rule="default-domestic-count-majority"]');
      expect(await rule.textContent()).toContain(lang === 'en' ? 'pass' : '通过');
      const binding = (await page.getByTestId('plan-binding').textContent()) ?? '';
      expect(binding).toContain('rule:default-domestic-count-majority@dc-a');
      expect(binding).toContain('deadline:pretrain');
      // the MLU590's caveats sit in its purchase row, and the total says it rests on them
      const mlu = page.locator('[data-testid="purchases"] tr', { hasText: 'cambricon-mlu590-server' });
      const caveats = (await mlu.getByTestId('caveat').allTextContents()).join(' ');
      expect(caveats).toContain(lang === 'en' ? 'rumour-grade' : '传闻级');
      expect(caveats).toContain(lang === 'en' ? 'no published training runs' : '没有公开的训练实测数据');
      expect(await page.getByTestId('total-caveat').textContent()).toMatch(/2/);
      await page.screenshot({ path: join(SHOTS, `plan-feasible-${lang}.png`), fullPage: true });
      if (lang === 'en') {
        // exports: the plan document, and the sweep as the CLI writes it (CSV and SVG)
        const save = async (testId: string) => {
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByTestId(testId).click(),
          ]);
          const path = join(SHOTS, `..`, `export-${download.suggestedFilename()}`);
          await download.saveAs(path);
          return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
        };
        const json = await save('export-json');
        expect(json.name).toBe('plan.json');
        const doc = JSON.parse(json.text) as { status: string; purchases: unknown[]; sweep: unknown[] };
        expect(doc.status).toBe('optimal');
        expect(doc.purchases.length).toBeGreaterThan(0);
        expect(doc.sweep.length).toBe(11);
        const csv = await save('export-csv');
        expect(csv.name).toBe('sweep.csv');
        expect(csv.text.trim().split('\n').length).toBe(12);
        const svg = await save('export-svg');
        expect(svg.name).toBe('sweep.svg');
        expect(svg.text.startsWith('<svg')).toBe(true);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }, 180_000);

    it(`[${lang}] compliance names the failing sites and rules, says n/a for unknown metrics, shows an empty site alike in chart and table, and keeps gauge labels off the ticks`, async () => {
      const { page, errors } = await open('compliance', lang);
      await page.getByTestId('gauges').waitFor();
      if (lang === 'en') {
        // a site whose only hardware arrives after the chart's window: no hardware anywhere on screen
        const csv =
          'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\n' +
          'CD-Tianfu-05,huawei-atlas-800t-a2,12,ordered,2031-06-01,,,future hall\n';
        await page
          .getByTestId('import-file')
          .setInputFiles({ name: 'empty-site.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByTestId('import-confirm').click();
        await page.getByTestId('import-message').waitFor();
      }
      const empty = page.locator('tr[data-site="CD-Tianfu-05"]');
      await empty.waitFor();
      // "Not compliant" says where and which rule
      const overall = page.getByTestId('overall');
      await expect.poll(() => overall.getAttribute('data-compliant'), { timeout: 20_000 }).toBe('false');
      const failing = (await page.getByTestId('failing').textContent()) ?? '';
      expect(failing).toContain('HZ-Xiaoshan-04: default-domestic-count-majority');
      expect(failing).toContain('SH-Lingang-02: default-domestic-count-majority');
      expect(failing).not.toContain('BJ-Yizhuang-01');
      // each rule beside the share it measured (the API's share), as the CLI prints it
      const rulesCell = (await page.locator('tr[data-site="SH-Lingang-02"] td').last().textContent()) ?? '';
      expect(rulesCell).toMatch(/default-domestic-count-majority: \d+\.\d+%/);
      // spend is unknown for the organisation (no price for two chips): the gauge and the table say so
      const na = lang === 'en' ? 'n/a' : '无数据';
      // the gauges are drawn once the lazily loaded chart chunk arrives
      await expect
        .poll(async () => (await page.getByTestId('gauge-spend').textContent()) ?? '', { timeout: 20_000 })
        .toContain(na);
      expect(await page.locator('tr[data-site="GZ-Nansha-03"] td[data-metric="spend"]').textContent()).toBe(
        na,
      );
      // the empty site: "no hardware" in every column of the table, and the same words in the chart's
      // legend, where it has no line (never a point at 0%)
      const noHardware = lang === 'en' ? 'no hardware' : '无硬件';
      expect(await empty.locator('td[data-metric]').allTextContents()).toEqual(Array(4).fill(noHardware));
      await page.getByTestId('trajectory-chart').locator('svg').waitFor();
      expect(await page.getByTestId('trajectory-chart').textContent()).toContain(
        `CD-Tianfu-05 (${noHardware})`,
      );
      // gauge tick labels (0, 25, 50, 75, 100) overlap neither the tick marks, nor each other, nor the
      // value and the metric's name
      for (const metric of ['count', 'bf16Compute', 'spend', 'power']) {
        const overlaps = await page.getByTestId(`gauge-${metric}`).evaluate((el) => {
          const boxes = (nodes: Element[]) =>
            nodes.map((n) => (n as SVGGraphicsElement).getBoundingClientRect());
          const isLabel = (t: Element) => /^(0|25|50|75|100)$/.test(t.textContent ?? '');
          const texts = [...el.querySelectorAll('text')];
          const labels = boxes(texts.filter(isLabel));
          // the value in the middle and the metric's name
          const others = boxes(texts.filter((t) => !isLabel(t) && (t.textContent ?? '').trim() !== ''));
          // the split lines: short stroked paths with no fill
          const ticks = boxes(
            [...el.querySelectorAll('path')].filter((p) => {
              const r = p.getBoundingClientRect();
              return (
                p.getAttribute('fill') === 'none' && r.width < 12 && r.height < 12 && r.width + r.height > 2
              );
            }),
          );
          const hit = (a: DOMRect, b: DOMRect) =>
            a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          let n = 0;
          for (const [i, a] of labels.entries()) {
            for (const b of ticks) if (hit(a, b)) n++;
            for (const b of labels.slice(i + 1)) if (hit(a, b)) n++;
            for (const b of others) if (hit(a, b)) n++;
          }
          return { n, labels: labels.length, ticks: ticks.length, others: others.length };
        });
        expect(overlaps.labels, metric).toBe(5);
        expect(overlaps.ticks, metric).toBeGreaterThanOrEqual(5);
        expect(overlaps.others, metric).toBe(2);
        expect(overlaps.n, metric).toBe(0);
      }
      await page.screenshot({ path: join(SHOTS, `compliance-truth-${lang}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});
