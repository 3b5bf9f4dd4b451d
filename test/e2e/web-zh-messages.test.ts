/// <reference lib="dom" />
/**
 * Issue 14, the core's own words in Simplified Chinese, in Chromium (playwright-core on Debian's
 * /usr/bin/chromium): every page opened in zh-CN with inputs that make the core warn or refuse
 * (a model that fits nowhere on a young-stack chip without a system, a layout that breaks a rule, a
 * plan resting on a rumour-grade chip, an infeasible plan, a scenario with mistakes, systems without a
 * price, the demo inventory's unknown spend, a bad inventory file) and the HTML compliance report
 * downloaded from the page. Each page's text is checked against the English of every core message
 * template and of the report (src/core/messages/en.ts, src/report/text.ts): none may appear. Screenshots:
 * test-results/screenshots/zh-*.png.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_EN } from '../../src/core/messages/en';
import { MESSAGES_ZH } from '../../src/core/messages/zh';
import { REPORT_TEXT } from '../../src/report/text';
import type { RunningServer } from '../../src/server/node';
import { DICTS } from '../../src/web/i18n';
import { CHROMIUM, haveChromium, SHOTS, startWebApp } from './app';

if (!haveChromium) console.warn(`e2e: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);

const FIXTURES = join(process.cwd(), 'test/fixtures/web');
const INFEASIBLE = readFileSync(join(FIXTURES, 'plan-infeasible.yaml'), 'utf8');
const FEASIBLE = readFileSync(join(FIXTURES, 'plan-small-mixed.yaml'), 'utf8');

/**
 * The English of the catalogs: each template's literal runs of two or more words (12 characters or
 * more) that no Chinese text contains (`chipmix catalog show` is a command in both).
 */
const chinese = [
  ...Object.values(MESSAGES_ZH),
  ...Object.values(REPORT_TEXT.zh),
  ...Object.values(DICTS.zh),
].join('\n');
const ENGLISH = [
  ...new Set(
    [...Object.values(MESSAGES_EN), ...Object.values(REPORT_TEXT.en)]
      .flatMap((template) => String(template).split(/\{\w+\}/))
      .map((part) => part.trim().replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))
      .filter(
        (part) => part.length >= 12 && /[A-Za-z]{2,} [A-Za-z]{2,}/.test(part) && !chinese.includes(part),
      ),
  ),
];

const englishIn = (text: string) => ENGLISH.filter((fragment) => text.includes(fragment));

describe.skipIf(!haveChromium)('core messages in zh-CN in Chromium (skipped when Chromium is absent)', () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'chipmix-e2e-zh-'));

  beforeAll(async () => {
    ({ server, browser } = await startWebApp({ dataDir, demo: true }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(route: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(() => localStorage.setItem('chipmix.lang', 'zh'));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400/.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#/${route}`);
    return { page, errors };
  }

  /** The text of a part of the page, tooltips (title attributes) included. */
  const textOf = async (locator: Locator) =>
    locator.evaluate(
      (el) =>
        `${el.textContent ?? ''}\n${[...el.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join('\n')}`,
    );

  it('knows the English it looks for', () => {
    expect(ENGLISH.length).toBeGreaterThan(150);
    expect(ENGLISH).toContain('does not fit: needs');
    expect(ENGLISH).toContain('bf16 peak is rumour-grade (see chipmix catalog show');
    expect(englishIn('x: no published training runs for family y')).not.toEqual([]);
  });

  it('training: the warnings of a model that fits nowhere, and a broken layout rule, in Chinese', async () => {
    const { page, errors } = await open('training');
    const estimate = page.getByTestId('estimate');
    await estimate.waitFor();
    await expect.poll(() => page.getByTestId('hardware').locator('option').count()).toBeGreaterThan(5);
    await page.getByTestId('hardware').selectOption('moorethreads-s4000');
    await page.getByTestId('model').selectOption('llama3-70b');
    await page.getByTestId('devices').fill('8');
    await page.getByTestId('days-no-fit').waitFor();
    await expect.poll(() => estimate.getAttribute('data-stale')).toBe('false');
    const warned = await textOf(estimate);
    expect(warned).toContain('显存不足：每卡需要');
    expect(warned).toContain('种并行策略都无法放入每卡 48 GB 显存');
    expect(warned).toContain('目录中没有 moorethreads-s4000 的整机：按单节点 8 卡估算');
    expect(warned).toContain('节点间网络（Scale-out）带宽未知');
    expect(warned).toContain('moorethreads-gpu 系列没有公开的训练实测数据');
    expect(warned).toContain('MUSA 类比先验');
    expect(englishIn(warned)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-training-warnings.png'), fullPage: true });
    // a layout that breaks a rule: the issue names the field and the numbers in Chinese
    await page.getByTestId('layout-tp').fill('3');
    await page.getByTestId('issues').waitFor();
    const issues = await textOf(page.getByTestId('issues'));
    expect(issues).toContain('注意力头数 64 不能被 tp=3 整除');
    expect(englishIn(issues)).toEqual([]);
    // the issue is the tensor-parallel field's: its label, and the field marked invalid (the engine says "tp")
    expect(issues).toContain('张量并行');
    expect(await page.getByTestId('layout-tp').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'zh-training-issue.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  /**
   * Puts a scenario in the editor and waits for the server's verdict. A cold document thread on a busy
   * machine can miss its 5 s deadline ("读取场景超过了 5 秒"): the text is then entered again.
   */
  async function enterScenario(page: Page, yaml: string, valid: boolean): Promise<void> {
    const editor = page.getByTestId('scenario');
    const status = page.getByTestId('scenario-status');
    await expect.poll(() => editor.inputValue(), { timeout: 20_000 }).not.toBe('');
    for (let attempt = 0; attempt < 4; attempt++) {
      const text = `${yaml}${'\n'.repeat(attempt)}`;
      // the server's answer for this very text (an older, slower one may still arrive)
      const answer = page.waitForResponse(
        (r) => {
          if (!r.url().endsWith('/api/plan/validate')) return false;
          try {
            return (JSON.parse(r.request().postData() ?? '{}') as { scenario?: string }).scenario === text;
          } catch {
            return false;
          }
        },
        { timeout: 60_000 },
      );
      await editor.fill(text);
      const body = await (await answer).text();
      if (body.includes('took longer than')) continue;
      await expect.poll(() => status.getAttribute('data-valid'), { timeout: 20_000 }).toBe(String(valid));
      return;
    }
  }

  it('plan: a scenario with mistakes, a plan resting on a rumour-grade chip, and an infeasible plan, in Chinese', async () => {
    const { page, errors } = await open('plan');
    // mistakes: an unknown field, an unknown catalog id, a number below its minimum
    const broken = FEASIBLE.replace('objective: minCost', 'objective: minCost\nbudgt: 5')
      .replace('id: huawei-atlas-800t-a2', 'id: huawei-atlas-800t-a9')
      .replace('leadTimeDays: 30', 'leadTimeDays: -3');
    await enterScenario(page, broken, false);
    const issues = await textOf(page.getByTestId('plan-issues'));
    expect(issues).toMatch(/未知字段|无法识别的字段/);
    expect(englishIn(issues)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-plan-issues.png'), fullPage: true });
    await page.getByTestId('plan-issues').waitFor();
    await expect.poll(() => page.getByTestId('plan-issues').textContent()).toContain('不小于 0');
    const issuesAll = await textOf(page.getByTestId('plan-issues'));
    expect(englishIn(issuesAll)).toEqual([]);

    // feasible, with the default rule, an uncalibrated rumour-grade chip and a serving job
    await enterScenario(page, FEASIBLE, true);
    const toggle = page.getByTestId('sweep-toggle');
    if (await toggle.isChecked()) await toggle.click();
    await page.getByTestId('solve').click();
    const result = page.getByTestId('plan-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.getAttribute('data-status')).toBe('optimal');
    const feasible = await textOf(result);
    expect(feasible).toContain('cambricon-mlu590 的 BF16 峰值算力仅为传闻级数据');
    expect(feasible).toContain('系列没有公开的训练实测数据');
    expect(feasible).toContain('未给出政策，采用默认规则：每个站点的国产加速芯片数量超过一半（默认规则）');
    expect(feasible).toContain('按数量计的国产芯片占比为');
    expect(englishIn(feasible)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-plan-feasible.png'), fullPage: true });

    // infeasible: the conflicting constraints and their least relaxations, and the progress steps
    await enterScenario(page, INFEASIBLE, true);
    if (!(await toggle.isChecked())) await toggle.click();
    await page.evaluate(() => {
      const w = window as unknown as { steps: string[] };
      w.steps = [];
      new MutationObserver(() => {
        const step = document.querySelector('[data-testid="plan-step"]')?.textContent;
        if (step && w.steps.at(-1) !== step) w.steps.push(step);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('solve').click();
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 120_000 }).toBe('infeasible');
    const infeasible = await textOf(result);
    expect(infeasible).toMatch(/rule:hub-share@dc-a：规则 hub-share 在 dc-a 的要求（按数量计的国产芯片占比/);
    expect(infeasible).toMatch(/阈值从 99% 放宽到 [\d.]+% 即可行/);
    expect(infeasible).toMatch(/放宽到 [\d.]+ 兆瓦即可行/);
    expect(englishIn(infeasible)).toEqual([]);
    const steps = await page.evaluate(() => (window as unknown as { steps: string[] }).steps);
    expect(steps.some((s) => s.includes('敏感性分析：'))).toBe(true);
    expect(englishIn(steps.join('\n'))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-plan-infeasible.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('compare: systems without a price and a rumour-grade peak, and an unknown id, in Chinese', async () => {
    const { page, errors } = await open(
      'compare?kind=train&model=llama3-8b&hardware=huawei-atlas-800t-a2,cambricon-mlu590-server,moorethreads-s4000&devices=16&seqLen=4096&globalBatch=64&equal=devices',
    );
    await page.getByTestId('compare-warnings').waitFor({ timeout: 60_000 });
    const warned = await textOf(page.getByTestId('compare-result'));
    expect(warned).toContain('cambricon-mlu590-server：目录中没有价格，不计算每百万美元指标');
    expect(warned).toContain(
      'cambricon-mlu590 的峰值算力仅为传闻级（见 chipmix catalog show cambricon-mlu590）',
    );
    expect(englishIn(warned)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-compare-warnings.png'), fullPage: true });
    await page.goto(
      `${server.url}#/compare?kind=train&model=llama3-70b&hardware=nvidia-dgx-h100,nope&devices=8&seqLen=8192&globalBatch=64`,
    );
    await page.getByTestId('compare-issues').waitFor();
    const issues = await textOf(page.getByTestId('compare-issues'));
    expect(issues).toContain('未知硬件 ID“nope”');
    expect(englishIn(issues)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('compliance: the demo inventory warnings, a bad file and the downloaded report, in Chinese', async () => {
    const { page, errors } = await open('compliance');
    await page.getByTestId('gauges').waitFor();
    const section = page.getByTestId('compliance-page');
    await expect.poll(async () => textOf(section)).toContain('GZ-Nansha-03：按采购金额计的国产芯片占比未知');
    const shown = await textOf(section);
    expect(englishIn(shown)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-compliance-warnings.png'), fullPage: true });
    // a file with mistakes: every problem named in Chinese, nothing written
    const csv =
      'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\n' +
      'SH-Lingang-02,huawei-ascend-910x,4,installed,2025-13-01,,,\n' +
      'SH-Lingang-02,nvidia-h20,0,broken,,,,\n';
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const error = page.getByTestId('compliance-error');
    await error.waitFor();
    const problems = await textOf(error);
    expect(problems).toContain('未知硬件 ID“huawei-ascend-910x”；您是否要找');
    expect(problems).toContain('应为日期 YYYY-MM-DD，实际为“2025-13-01”');
    expect(problems).toContain('应为 1 到');
    expect(englishIn(problems)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'zh-compliance-import-issues.png'), fullPage: true });
    // a good file's preview lines are Chinese too (they were the importer's English)
    await page.getByTestId('import-file').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'site,hardware_id,quantity,status,install_date,decommission_date,serial,notes\n' +
          'SH-Lingang-02,huawei-atlas-800t-a2,10,installed,2025-03-01,,,\n',
      ),
    });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await textOf(preview)).toContain('SH-Lingang-02 的 10 台 huawei-atlas-800t-a2');
    await page.getByTestId('import-cancel').click();
    // the report, as the page downloads it, in Chinese
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^chipmix-compliance-\d{4}-\d{2}-\d{2}-zh-CN\.html$/);
    const path = join(SHOTS, '..', `report-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('合规报告（截至');
    expect(html).toContain('按采购金额计的国产芯片占比未知');
    const report = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await report.setContent(html);
    const reportText = await report.evaluate(() => document.body.textContent ?? '');
    expect(englishIn(reportText)).toEqual([]);
    expect(reportText).not.toMatch(/Compliance report|Trajectory|Warnings|Organisation|does not apply/);
    await report.screenshot({ path: join(SHOTS, 'zh-compliance-report.png'), fullPage: true });
    await report.close();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
