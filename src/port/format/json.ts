/** JSON output: one document with summaries, grouped findings (a suggestion per target) and stats. */
import type { PortReport } from '../types';
import { groupFindings } from './group';

export function toJson(report: PortReport): unknown {
  return {
    tool: 'chipmix port',
    schema: 'chipmix/port-report@2',
    root: report.root,
    targets: report.targets,
    rules: report.ruleSets.map((s) => ({
      target: s.target,
      stack: s.stack,
      version: s.version,
      origin: s.origin,
    })),
    summaries: report.summaries,
    support: report.support,
    findings: groupFindings(report.findings),
    stats: report.stats,
    warnings: report.warnings,
  };
}

export function formatJson(report: PortReport): string {
  return `${JSON.stringify(toJson(report), null, 2)}\n`;
}
