/** Terminal output: a summary table per target, effort per scope, then the findings left (first `limit` rows). */
import Table from 'cli-table3';
import type { PortReport, TargetSummary } from '../types';
import { formatDays, groupFindings } from './group';

/** `api 41, kernel 12` */
export const formatUnits = (s: TargetSummary): string =>
  Object.entries(s.unitsLeftByKind)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** `runtime 12, path 40` or `none` */
export const formatSupport = (s: TargetSummary): string =>
  s.support.detected
    ? Object.entries(s.support.signals)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')
    : 'none';

export function formatTable(report: PortReport, limit = 40): string {
  const out: string[] = [];
  const { stats } = report;
  out.push(
    `Scanned ${stats.filesSeen} files, ${stats.linesSeen} lines (${stats.filesParsed} parsed, ${stats.productSourceLines} product source lines) on ${stats.threads} thread${stats.threads === 1 ? '' : 's'} in ${stats.seconds.toFixed(2)} s; ${stats.ownFactsDropped} references to the project's own code ignored`,
  );
  const summary = new Table({
    head: [
      'target',
      'existing support',
      'findings left',
      'handled or optional',
      'high+',
      'units left',
      'effort days: point (range)',
      'readiness',
    ],
    style: { head: [], border: [] },
    wordWrap: true,
  });
  for (const s of report.summaries) {
    const b = s.bySeverity;
    summary.push([
      s.target,
      formatSupport(s),
      s.findingCount,
      s.productFindings.ported + s.productFindings.alternative + s.productFindings.optional,
      b.blocker + b.high,
      formatUnits(s),
      `${s.pointDays} (${formatDays(s.totalEffortDays)})`,
      s.readiness.toFixed(3),
    ]);
  }
  out.push(summary.toString());
  out.push('Product scope. Effort = calibrated baseline share + units left (docs/PORT.md); other scopes:');
  for (const s of report.summaries) {
    const rows = s.scopes
      .filter((e) => e.scope !== 'product')
      .map((e) => `${e.scope} ${e.unitsLeft} units ${e.pointDays} (${formatDays(e.totalEffortDays)}) d`);
    out.push(`  ${s.target}: ${rows.length > 0 ? rows.join('; ') : 'none'}`);
  }
  const left = report.findings.filter((f) => f.status === 'left' && f.scope === 'product');
  const groups = groupFindings(left);
  if (groups.length > 0) {
    const findings = new Table({
      head: ['location', 'rule', 'unit', 'symbol', ...report.targets],
      style: { head: [], border: [] },
      wordWrap: true,
    });
    for (const g of groups.slice(0, limit)) {
      findings.push([
        `${g.file}:${g.line}:${g.column}`,
        g.ruleId,
        g.unitKind,
        g.symbol.length > 40 ? `${g.symbol.slice(0, 39)}…` : g.symbol,
        ...report.targets.map((t) => g.targets[t]?.severity ?? '-'),
      ]);
    }
    out.push(findings.toString());
    if (groups.length > limit)
      out.push(
        `… ${groups.length - limit} more product findings left; --format json, sarif or markdown lists all.`,
      );
  }
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}
