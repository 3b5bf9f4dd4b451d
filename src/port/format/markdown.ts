/** Markdown report: summary per target, effort per scope, existing support, rule tallies, findings left. */
import type { PortReport } from '../types';
import { formatDays, groupFindings } from './group';
import { formatSupport, formatUnits } from './table';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: PortReport): string {
  const lines: string[] = [];
  const { stats } = report;
  lines.push(`# CUDA portability report: \`${cell(report.root)}\``, '');
  lines.push(
    `Scanned ${stats.filesSeen} files (${stats.linesSeen} lines, ${stats.productSourceLines} product source lines), parsed ${stats.filesParsed}, on ${stats.threads} thread(s) in ${stats.seconds.toFixed(2)} s. ${stats.ownFactsDropped} references to the project's own definitions were ignored.`,
    '',
  );
  lines.push('## Summary (product scope, what is left)', '');
  lines.push(
    '| Target | Stack | Existing support | Findings left | Handled or optional | Units left | Effort (engineer-days): point (range) | Readiness |',
  );
  lines.push('|---|---|---|---:|---:|---|---|---:|');
  for (const s of report.summaries) {
    lines.push(
      `| ${s.target} | ${cell(s.stack)} | ${formatSupport(s)} | ${s.findingCount} | ${s.productFindings.ported + s.productFindings.alternative + s.productFindings.optional} | ${formatUnits(s)} | ${s.pointDays} (${formatDays(s.totalEffortDays)}) | ${s.readiness.toFixed(3)} |`,
    );
  }
  lines.push(
    '',
    'Effort = (calibrated baseline × share left + calibrated effort of the units left) within the fitted band; readiness = H / (H + findings effort). See docs/PORT.md.',
    '',
  );
  for (const s of report.summaries) {
    lines.push(`### ${s.target} (rules ${s.rulesVersion})`, '');
    lines.push(
      '| Scope | Findings | Units left | Units ported | Findings effort | Total (days) |',
      '|---|---:|---:|---:|---|---|',
    );
    for (const e of s.scopes)
      lines.push(
        `| ${e.scope} | ${e.findings} | ${e.unitsLeft} | ${e.unitsPorted} | ${formatDays(e.findingsEffortDays)} | ${formatDays(e.totalEffortDays)} |`,
      );
    lines.push('');
    if (s.support.examples.length > 0) {
      lines.push('Existing support:', '');
      for (const ex of s.support.examples)
        lines.push(`- ${ex.kind} \`${cell(ex.symbol)}\` at \`${cell(ex.file)}:${ex.line}\``);
      lines.push('');
    }
    if (s.rules.length > 0) {
      lines.push(
        '| Rule | Severity | Unit | Findings left | Units | Effort (days) |',
        '|---|---|---|---:|---:|---|',
      );
      for (const r of s.rules)
        lines.push(
          `| ${r.ruleId} | ${r.severity} | ${r.unit} | ${r.findings} | ${r.units} | ${formatDays(r.effortDays)} |`,
        );
      lines.push('');
    }
    lines.push('Assumptions:', '', ...s.assumptions.map((a) => `- ${cell(a)}`), '');
  }
  const groups = groupFindings(report.findings);
  lines.push('## Findings', '');
  if (groups.length === 0) lines.push('None.', '');
  else {
    lines.push(`| Location | Scope | Rule | Unit | Symbol | ${report.targets.join(' | ')} |`);
    lines.push(`|---|---|---|---|---|${report.targets.map(() => '---').join('|')}|`);
    for (const g of groups) {
      const sev = report.targets.map((t) => {
        const e = g.targets[t];
        return e ? (e.status === 'left' ? e.severity : `${e.status}`) : '—';
      });
      lines.push(
        `| \`${cell(g.file)}:${g.line}:${g.column}\` | ${g.scope} | ${g.ruleId} | ${g.unitKind} | \`${cell(g.symbol)}\` | ${sev.join(' | ')} |`,
      );
    }
    lines.push('');
    lines.push('## What each stack offers instead', '');
    const seen = new Set<string>();
    for (const g of groups) {
      if (seen.has(g.ruleId)) continue;
      seen.add(g.ruleId);
      lines.push(`- **${g.ruleId}** (${g.message})`);
      for (const t of report.targets) {
        const entry = g.targets[t];
        if (entry) lines.push(`  - ${t}: ${cell(entry.suggestion)}`);
      }
    }
    lines.push('');
  }
  if (report.warnings.length > 0)
    lines.push('## Warnings', '', ...report.warnings.map((w) => `- ${cell(w)}`), '');
  return `${lines.join('\n')}`;
}
