/**
 * SARIF 2.1.0 output (OASIS standard) for code-scanning tools and editors: one run per target stack,
 * each with its rules and results. Paths are relative to the SRCROOT base (the scanned directory).
 */
import { pathToFileURL } from 'node:url';
import type { PortReport, Severity } from '../types';

const LEVEL: Record<Severity, 'none' | 'note' | 'warning' | 'error'> = {
  info: 'note',
  low: 'note',
  medium: 'warning',
  high: 'error',
  blocker: 'error',
};

export function toSarif(report: PortReport, toolVersion = '0.1.0'): unknown {
  const rootUri = pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href;
  const runs = report.ruleSets.map((set) => {
    const ruleIndex = new Map(set.rules.map((r, i) => [r.id, i]));
    const summary = report.summaries.find((s) => s.target === set.target);
    return {
      tool: {
        driver: {
          name: 'chipmix-port',
          version: toolVersion,
          semanticVersion: toolVersion,
          informationUri: 'https://github.com/chipmix/chipmix',
          rules: set.rules.map((rule) => ({
            id: rule.id,
            name: rule.title,
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.message },
            help: { text: `${set.stack}: ${rule.suggestion}` },
            defaultConfiguration: { level: LEVEL[rule.severity] },
            properties: {
              category: rule.category,
              severity: rule.severity,
              confidence: rule.confidence,
              sources: rule.sources,
              unit: rule.unit,
              effort: rule.effort,
              tags: ['cuda-portability', set.target, rule.category],
            },
          })),
        },
      },
      automationDetails: { id: `chipmix-port/${set.target}/` },
      originalUriBaseIds: { SRCROOT: { uri: rootUri } },
      results: report.findings
        .filter((f) => f.target === set.target)
        .map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: `${f.message} (${f.symbol}) ${set.target}: ${f.suggestion}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          properties: {
            category: f.category,
            severity: f.severity,
            symbol: f.symbol,
            scope: f.scope,
            status: f.status,
            unit: f.unit,
            ...(f.statusReason ? { statusReason: f.statusReason } : {}),
          },
          // findings already handled for this stack are reported as suppressed, not as work
          ...(f.status === 'left'
            ? {}
            : { suppressions: [{ kind: 'external', justification: f.statusReason ?? f.status }] }),
        })),
      properties: {
        target: set.target,
        stack: set.stack,
        rulesVersion: set.version,
        ...(summary
          ? {
              totalEffortDays: summary.totalEffortDays,
              findingsEffortDays: summary.findingsEffortDays,
              readiness: summary.readiness,
              scopes: summary.scopes,
              support: summary.support,
              assumptions: summary.assumptions,
            }
          : {}),
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs,
  };
}

export function formatSarif(report: PortReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
