/** Terminal output: a summary table per target, then the findings (first `limit` rows). */
import Table from 'cli-table3';
import type { PortReport } from '../types';
import { formatDays, groupFindings } from './group';

export function formatTable(report: PortReport, limit = 40): string {
  const out: string[] = [];
  out.push(
    `Scanned ${report.stats.filesSeen} files, ${report.stats.linesSeen} lines (${report.stats.filesParsed} parsed) in ${report.stats.seconds.toFixed(2)} s`,
  );
  const summary = new Table({
    head: ['target', 'findings', 'blocker', 'high', 'medium', 'low', 'info', 'effort days', 'readiness'],
    style: { head: [], border: [] },
  });
  for (const s of report.summaries) {
    const b = s.bySeverity;
    summary.push([
      s.target,
      s.findingCount,
      b.blocker,
      b.high,
      b.medium,
      b.low,
      b.info,
      formatDays(s.totalEffortDays),
      s.readiness.toFixed(3),
    ]);
  }
  out.push(summary.toString());
  for (const s of report.summaries) {
    const cats = Object.entries(s.byCategory).map(([c, n]) => `${c} ${n}`);
    out.push(`${s.target}: ${cats.length > 0 ? cats.join(', ') : 'no findings'}`);
  }
  const groups = groupFindings(report.findings);
  if (groups.length > 0) {
    const findings = new Table({
      head: ['location', 'rule', 'symbol', ...report.targets],
      style: { head: [], border: [] },
      wordWrap: true,
    });
    for (const g of groups.slice(0, limit)) {
      findings.push([
        `${g.file}:${g.line}:${g.column}`,
        g.ruleId,
        g.symbol.length > 40 ? `${g.symbol.slice(0, 39)}…` : g.symbol,
        ...report.targets.map((t) => g.targets[t]?.severity ?? '-'),
      ]);
    }
    out.push(findings.toString());
    if (groups.length > limit)
      out.push(`… ${groups.length - limit} more; use --format json, sarif or markdown for all.`);
  }
  out.push(
    "Effort includes each stack's baseline; assumptions and formula: --format markdown, docs/PORT.md.",
  );
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}
