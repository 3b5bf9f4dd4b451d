/**
 * The compliance report as Markdown: status as of a date, rules and where they apply, trajectory.
 * English by default; `{ lang: 'zh' }` writes it in Simplified Chinese.
 */
import { METRICS } from '../core/policy/schema';
import { percent, ruleCondition, ruleSummary, verdict } from './format';
import { type ReportInput, type ReportOptions, ruleScopeText, trajectoryRows } from './model';
import { OVERALL_KEY, reportText } from './text';

export function renderMarkdown(input: ReportInput, options: ReportOptions = {}): string {
  const text = reportText(options.lang);
  const { t } = text;
  const { status } = input;
  const pct = (value: number | null) => percent(text, value);
  const out: string[] = [];
  out.push(`# ${t('heading', { asOf: status.asOf })}`, '');
  out.push(
    t('overall', {
      verdict: `**${t(OVERALL_KEY[status.verdict])}**`,
      basis: t(status.basis === 'installed' ? 'basis.installed' : 'basis.pipeline'),
    }),
  );
  if (input.usingDefaultRule) out.push('', t('defaultRule'));
  out.push(
    '',
    `## ${t('organisation')}`,
    '',
    `| ${t('col.metric')} | ${t('col.domesticShare')} |`,
    '|---|---|',
  );
  for (const metric of METRICS)
    out.push(`| ${text.metric(metric)} | ${pct(status.organisation.shares[metric])} |`);
  out.push('', t('packages', { n: status.organisation.packages }));
  for (const rule of status.organisation.rules) out.push(`- ${ruleSummary(text, rule)}`);

  out.push(
    '',
    `## ${t('sites')}`,
    '',
    `| ${t('col.site')} | ${t('col.packages')} | ${METRICS.map((m) => text.metric(m)).join(' | ')} | ${t('col.rules')} |`,
    `|---|---:|${METRICS.map(() => '---:').join('|')}|---|`,
  );
  for (const site of status.sites) {
    const rules = site.rules.map((r) => `${r.id} ${verdict(text, r.pass)}`).join('; ') || t('noneApply');
    out.push(
      `| ${site.site} | ${site.packages} | ${METRICS.map((m) => pct(site.shares[m])).join(' | ')} | ${rules} |`,
    );
  }

  out.push('', `## ${t('rulesHeading')}`, '');
  for (const rule of input.rules) {
    const line = t('ruleLine', {
      condition: ruleCondition(text, rule),
      scope: t(`scope.${rule.scope}`),
      where: ruleScopeText(text, rule),
    });
    const description = rule.description ? t('ruleDescription', { text: text.line(rule.description) }) : '';
    out.push(`- ${t('ruleItem', { id: `**${rule.id}**`, line, description })}`);
    for (const site of status.sites) {
      const na = site.notApplicable.find((n) => n.id === rule.id);
      if (na) out.push(`  - ${t('doesNotApply', { site: site.site, detail: text.line(na.detail) })}`);
    }
  }

  const failing = status.sites.flatMap((s) =>
    s.rules
      .filter((r) => r.pass === false)
      .map((r) => t('exemptSite', { site: s.site, detail: ruleSummary(text, r) })),
  );
  if (failing.length > 0) out.push('', `## ${t('failing')}`, '', ...failing.map((f) => `- ${f}`));

  out.push(
    '',
    `## ${t('trajectory', { from: input.trajectory.from, to: input.trajectory.to })}`,
    '',
    t(input.trajectory.basis === 'pipeline' ? 'countedPipeline' : 'countedInstalled'),
    '',
  );
  out.push(
    `| ${t('col.date')} | ${METRICS.map((m) => t('col.orgMetric', { metric: text.metric(m) })).join(' | ')} | ${t('col.siteVerdictsFailing')} |`,
    `|---|${METRICS.map(() => '---:').join('|')}|---:|`,
  );
  for (const row of trajectoryRows(input.trajectory)) {
    out.push(
      `| ${row.date} | ${METRICS.map((m) => pct(row.shares[m])).join(' | ')} | ${t('ofVerdicts', { failing: row.failing, verdicts: row.verdicts })} |`,
    );
  }
  if (status.warnings.length > 0)
    out.push('', `## ${t('warnings')}`, '', ...status.warnings.map((w) => `- ${text.line(w)}`));
  out.push(
    '',
    `_${t('generated', { on: input.generatedAt ? t('generatedOn', { date: input.generatedAt }) : '' })}_`,
    '',
  );
  return out.join('\n');
}
