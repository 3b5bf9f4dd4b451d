/** Markdown report: summary per target, assumptions, findings with a severity column per target. */
import type { PortReport } from '../types';
import { formatDays, groupFindings } from './group';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: PortReport): string {
  const lines: string[] = [];
  lines.push(`# CUDA portability report: \`${cell(report.root)}\``, '');
  lines.push(
    `Scanned ${report.stats.filesSeen} files (${report.stats.linesSeen} lines), parsed ${report.stats.filesParsed}, in ${report.stats.seconds.toFixed(2)} s.`,
    '',
  );
  lines.push('## Summary', '');
  lines.push(
    '| Target | Stack | Findings | Blocker | High | Medium | Low | Info | Effort (engineer-days) | Readiness |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const s of report.summaries) {
    const b = s.bySeverity;
    lines.push(
      `| ${s.target} | ${cell(s.stack)} | ${s.findingCount} | ${b.blocker} | ${b.high} | ${b.medium} | ${b.low} | ${b.info} | ${formatDays(s.totalEffortDays)} | ${s.readiness.toFixed(3)} |`,
    );
  }
  lines.push(
    '',
    'Effort = baseline + Σ rules (once + files × per-file + findings × per-finding); readiness = H / (H + midpoint of findings effort). See docs/PORT.md.',
    '',
  );
  for (const s of report.summaries) {
    lines.push(`### ${s.target} (rules ${s.rulesVersion})`, '');
    const cats = Object.entries(s.byCategory).map(([c, n]) => `${c} ${n}`);
    lines.push(`By category: ${cats.length > 0 ? cats.join(', ') : 'none'}.`, '');
    if (s.rules.length > 0) {
      lines.push('| Rule | Severity | Findings | Files | Effort (days) |', '|---|---|---:|---:|---|');
      for (const r of s.rules)
        lines.push(
          `| ${r.ruleId} | ${r.severity} | ${r.findings} | ${r.files} | ${formatDays(r.effortDays)} |`,
        );
      lines.push('');
    }
    lines.push('Assumptions:', '', ...s.assumptions.map((a) => `- ${cell(a)}`), '');
  }
  const groups = groupFindings(report.findings);
  lines.push('## Findings', '');
  if (groups.length === 0) lines.push('None.', '');
  else {
    lines.push(`| Location | Rule | Category | Symbol | ${report.targets.join(' | ')} |`);
    lines.push(`|---|---|---|---|${report.targets.map(() => '---').join('|')}|`);
    for (const g of groups) {
      const sev = report.targets.map((t) => g.targets[t]?.severity ?? '—');
      lines.push(
        `| \`${cell(g.file)}:${g.line}:${g.column}\` | ${g.ruleId} | ${g.category} | \`${cell(g.symbol)}\` | ${sev.join(' | ')} |`,
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
