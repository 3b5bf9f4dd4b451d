/**
 * The compliance report as one self-contained HTML page: inline CSS and inline SVG charts, no
 * scripts, fonts or images from elsewhere, so it can be mailed or archived as evidence.
 */
import { METRICS } from '../core/policy/schema';
import { METRIC_LABELS, percent, ruleCondition, ruleSummary, verdict } from './format';
import { type ReportInput, ruleScopeText, trajectoryRows } from './model';
import { barChart, escapeXml as esc, lineChart } from './svg';

const CSS = `body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}.pass{color:#1e8449}.fail{color:#c0392b;font-weight:bold}.unknown{color:#7f8c8d}
.banner{padding:.6em 1em;border-radius:4px}.banner.pass{background:#e9f7ef}.banner.fail{background:#fdedec}.banner.unknown{background:#f2f3f4}
svg{max-width:100%;height:auto}small{color:#666}`;

const cls = (pass: boolean | null) => (pass === null ? 'unknown' : pass ? 'pass' : 'fail');

export function renderHtml(input: ReportInput): string {
  const { status, trajectory } = input;
  const h: string[] = [];
  h.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>chipmix compliance report ${esc(status.asOf)}</title>`,
    `<style>${CSS}</style></head><body>`,
  );
  h.push(`<h1>Compliance report as of ${esc(status.asOf)}</h1>`);
  const overall = status.compliant === null ? 'UNKNOWN' : status.compliant ? 'COMPLIANT' : 'NOT COMPLIANT';
  h.push(
    `<p class="banner ${cls(status.compliant)}">Overall: <strong>${overall}</strong>. Counted: ${status.basis === 'installed' ? 'installed hardware' : 'installed, ordered and planned hardware'}.</p>`,
  );
  if (input.usingDefaultRule)
    h.push(
      '<p>No policy is configured: the default rule applies (domestic share by count &gt; 50% at every site).</p>',
    );

  h.push('<h2>Organisation</h2><table><tr><th>metric</th><th>domestic share</th></tr>');
  for (const m of METRICS)
    h.push(`<tr><td>${METRIC_LABELS[m]}</td><td>${percent(status.organisation.shares[m])}</td></tr>`);
  h.push(`</table><p>Accelerator packages: ${status.organisation.packages}.</p>`);
  if (status.organisation.rules.length > 0) {
    h.push(
      '<ul>',
      ...status.organisation.rules.map((r) => `<li class="${cls(r.pass)}">${esc(ruleSummary(r))}</li>`),
      '</ul>',
    );
  }

  h.push('<h2>Sites</h2>');
  const threshold = input.rules.find((r) => r.scope === 'site' && r.metric === 'count')?.threshold;
  h.push(
    barChart(
      `Domestic share by site, ${status.asOf}`,
      status.sites.map((s) => s.site),
      METRICS.map((m) => ({ name: METRIC_LABELS[m], values: status.sites.map((s) => s.shares[m]) })),
      threshold,
    ),
  );
  h.push(
    `<table><tr><th>site</th><th>packages</th>${METRICS.map((m) => `<th>${METRIC_LABELS[m]}</th>`).join('')}<th>rules</th></tr>`,
  );
  for (const site of status.sites) {
    const rules =
      site.rules
        .map(
          (r) =>
            `<span class="${cls(r.pass)}" title="${esc(ruleSummary(r))}">${esc(r.id)} ${verdict(r.pass)}</span>`,
        )
        .join('<br>') || 'none apply';
    h.push(
      `<tr><td>${esc(site.site)}</td><td>${site.packages}</td>${METRICS.map((m) => `<td>${percent(site.shares[m])}</td>`).join('')}<td style="text-align:left">${rules}</td></tr>`,
    );
  }
  h.push('</table>');

  h.push('<h2>Rules and where they apply</h2><ul>');
  for (const rule of input.rules) {
    const exempt = status.sites.flatMap((s) =>
      s.notApplicable.filter((n) => n.id === rule.id).map((n) => `${s.site}: ${n.detail}`),
    );
    h.push(
      `<li><strong>${esc(rule.id)}</strong>: ${esc(ruleCondition(rule))} (${rule.scope}), ${esc(ruleScopeText(rule))}${rule.description ? `. ${esc(rule.description)}` : ''}${exempt.length > 0 ? `<br><small>does not apply to ${esc(exempt.join('; '))}</small>` : ''}</li>`,
    );
  }
  h.push('</ul>');

  const rows = trajectoryRows(trajectory);
  h.push(`<h2>Trajectory ${esc(trajectory.from)} to ${esc(trajectory.to)}</h2>`);
  h.push(
    `<p>Organisation-wide domestic share, counting ${trajectory.basis === 'pipeline' ? 'ordered and planned hardware from its expected install date' : 'installed hardware only'}.</p>`,
  );
  h.push(
    lineChart(
      'Organisation domestic share over time',
      rows.map((r) => r.date),
      METRICS.map((m) => ({ name: METRIC_LABELS[m], values: rows.map((r) => r.shares[m]) })),
      threshold,
    ),
  );
  h.push(
    `<table><tr><th>date</th>${METRICS.map((m) => `<th>${METRIC_LABELS[m]}</th>`).join('')}<th>verdicts failing</th></tr>`,
  );
  for (const row of rows)
    h.push(
      `<tr><td>${row.date}</td>${METRICS.map((m) => `<td>${percent(row.shares[m])}</td>`).join('')}<td>${row.failing} of ${row.verdicts}</td></tr>`,
    );
  h.push('</table>');
  if (status.warnings.length > 0)
    h.push('<h2>Warnings</h2><ul>', ...status.warnings.map((w) => `<li>${esc(w)}</li>`), '</ul>');
  h.push(
    `<p><small>Generated by chipmix${input.generatedAt ? ` on ${esc(input.generatedAt)}` : ''}. Shares are domestic / total; "n/a" where a catalog spec is missing or a site has no hardware.</small></p>`,
  );
  h.push('</body></html>', '');
  return h.join('\n');
}
