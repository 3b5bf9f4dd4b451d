/**
 * The compliance report as one self-contained HTML page: inline CSS and inline SVG charts, no
 * scripts, fonts or images from elsewhere, so it can be mailed or archived as evidence. English by
 * default; `{ lang: 'zh' }` writes it in Simplified Chinese (the words from ./text.ts, the core's
 * warnings and rule details from the core's message catalog).
 */
import { METRICS } from '../core/policy/schema';
import { percent, ruleCondition, ruleSummary, verdict } from './format';
import { type ReportInput, type ReportOptions, ruleScopeText, trajectoryRows } from './model';
import { barChart, escapeXml as esc, lineChart } from './svg';
import { HTML_LANG, OVERALL_KEY, reportText } from './text';

const CSS = `body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}.pass{color:#1e8449}.fail{color:#c0392b;font-weight:bold}.unknown{color:#7f8c8d}
.banner{padding:.6em 1em;border-radius:4px}.banner.pass{background:#e9f7ef}.banner.fail{background:#fdedec}.banner.unknown{background:#f2f3f4}
svg{max-width:100%;height:auto}small{color:#666}`;

/** Text between tags: `&`, `<` and `>` escaped; quotes stay (they need escaping only in attributes). */
const escText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const cls = (pass: boolean | null) => (pass === null ? 'unknown' : pass ? 'pass' : 'fail');

export function renderHtml(input: ReportInput, options: ReportOptions = {}): string {
  const text = reportText(options.lang);
  const { t } = text;
  const { status, trajectory } = input;
  const metric = (m: (typeof METRICS)[number]) => esc(text.metric(m));
  const pct = (value: number | null) => percent(text, value);
  const h: string[] = [];
  h.push(
    '<!DOCTYPE html>',
    `<html lang="${HTML_LANG[text.lang]}"><head><meta charset="utf-8">`,
    `<title>${esc(t('title', { asOf: status.asOf }))}</title>`,
    `<style>${CSS}</style></head><body>`,
  );
  h.push(`<h1>${esc(t('heading', { asOf: status.asOf }))}</h1>`);
  const overall = t(OVERALL_KEY[status.verdict]);
  h.push(
    `<p class="banner ${cls(status.compliant)}">${t('overall', {
      verdict: `<strong>${esc(overall)}</strong>`,
      basis: esc(t(status.basis === 'installed' ? 'basis.installed' : 'basis.pipeline')),
    })}</p>`,
  );
  if (input.usingDefaultRule) h.push(`<p>${esc(t('defaultRule'))}</p>`);

  h.push(
    `<h2>${esc(t('organisation'))}</h2><table><tr><th>${esc(t('col.metric'))}</th><th>${esc(t('col.domesticShare'))}</th></tr>`,
  );
  for (const m of METRICS)
    h.push(`<tr><td>${metric(m)}</td><td>${pct(status.organisation.shares[m])}</td></tr>`);
  h.push(`</table><p>${esc(t('packages', { n: status.organisation.packages }))}</p>`);
  if (status.organisation.rules.length > 0) {
    h.push(
      '<ul>',
      ...status.organisation.rules.map((r) => `<li class="${cls(r.pass)}">${esc(ruleSummary(text, r))}</li>`),
      '</ul>',
    );
  }

  h.push(`<h2>${esc(t('sites'))}</h2>`);
  const threshold = input.rules.find((r) => r.scope === 'site' && r.metric === 'count')?.threshold;
  const thresholdLabel = (value: number) => t('threshold', { pct: value });
  h.push(
    barChart(
      t('siteChart', { asOf: status.asOf }),
      status.sites.map((s) => s.site),
      METRICS.map((m) => ({ name: text.metric(m), values: status.sites.map((s) => s.shares[m]) })),
      threshold,
      thresholdLabel,
    ),
  );
  h.push(
    `<table><tr><th>${esc(t('col.site'))}</th><th>${esc(t('col.packages'))}</th>${METRICS.map((m) => `<th>${metric(m)}</th>`).join('')}<th>${esc(t('col.rules'))}</th></tr>`,
  );
  for (const site of status.sites) {
    const rules =
      site.rules
        .map(
          (r) =>
            `<span class="${cls(r.pass)}" title="${esc(ruleSummary(text, r))}">${esc(r.id)} ${esc(verdict(text, r.pass))}</span>`,
        )
        .join('<br>') || esc(t('noneApply'));
    h.push(
      `<tr><td>${esc(site.site)}</td><td>${site.packages}</td>${METRICS.map((m) => `<td>${pct(site.shares[m])}</td>`).join('')}<td style="text-align:left">${rules}</td></tr>`,
    );
  }
  h.push('</table>');

  h.push(`<h2>${esc(t('rulesHeading'))}</h2><ul>`);
  for (const rule of input.rules) {
    const exempt = status.sites.flatMap((s) =>
      s.notApplicable
        .filter((n) => n.id === rule.id)
        .map((n) => t('exemptSite', { site: s.site, detail: text.line(n.detail) })),
    );
    const line = t('ruleLine', {
      condition: ruleCondition(text, rule),
      scope: t(`scope.${rule.scope}`),
      where: ruleScopeText(text, rule),
    });
    const description = rule.description ? t('ruleDescription', { text: text.line(rule.description) }) : '';
    const small =
      exempt.length > 0
        ? `<br><small>${esc(t('doesNotApplyTo', { list: exempt.join(t('where.separator')) }))}</small>`
        : '';
    h.push(
      `<li>${t('ruleItem', { id: `<strong>${esc(rule.id)}</strong>`, line: esc(line), description: esc(description) })}${small}</li>`,
    );
  }
  h.push('</ul>');

  const rows = trajectoryRows(trajectory);
  h.push(`<h2>${esc(t('trajectory', { from: trajectory.from, to: trajectory.to }))}</h2>`);
  h.push(
    `<p>${esc(t(trajectory.basis === 'pipeline' ? 'trajectoryBasisPipeline' : 'trajectoryBasisInstalled'))}</p>`,
  );
  h.push(
    lineChart(
      t('trajectoryChart'),
      rows.map((r) => r.date),
      METRICS.map((m) => ({ name: text.metric(m), values: rows.map((r) => r.shares[m]) })),
      threshold,
      thresholdLabel,
    ),
  );
  h.push(
    `<table><tr><th>${esc(t('col.date'))}</th>${METRICS.map((m) => `<th>${metric(m)}</th>`).join('')}<th>${esc(t('col.verdictsFailing'))}</th></tr>`,
  );
  for (const row of rows)
    h.push(
      `<tr><td>${row.date}</td>${METRICS.map((m) => `<td>${pct(row.shares[m])}</td>`).join('')}<td>${esc(t('ofVerdicts', { failing: row.failing, verdicts: row.verdicts }))}</td></tr>`,
    );
  h.push('</table>');
  if (status.warnings.length > 0)
    h.push(
      `<h2>${esc(t('warnings'))}</h2><ul>`,
      ...status.warnings.map((w) => `<li>${esc(text.line(w))}</li>`),
      '</ul>',
    );
  h.push(
    `<p><small>${escText(t('generated', { on: input.generatedAt ? t('generatedOn', { date: input.generatedAt }) : '' }))}</small></p>`,
  );
  h.push('</body></html>', '');
  return h.join('\n');
}
