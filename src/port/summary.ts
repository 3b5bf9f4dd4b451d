/**
 * Per-target summary: counts, effort range and readiness. Pure arithmetic over findings and rules.
 *
 * Effort of one rule with n findings in f distinct files (n > 0):
 *   once + f × perFile + n × perOccurrence        (each an engineer-days [low, high] interval)
 * Findings effort = Σ over rules; total effort = baseline + findings effort.
 * Readiness = H / (H + M), where M is the midpoint of the findings effort and H the rule set's
 * `halfReadinessDays` (the effort at which readiness is 0.5). No findings → 1; it falls toward 0 as
 * the work grows, never reaching it. The baseline is left out because every codebase pays it.
 */
import type { Category, DaysRange, Finding, RuleSet, RuleTally, Severity, TargetSummary } from './types';
import { SEVERITIES } from './types';

const ZERO: DaysRange = [0, 0];

function addScaled(acc: [number, number], range: DaysRange | undefined, times: number): void {
  if (!range || times === 0) return;
  acc[0] += range[0] * times;
  acc[1] += range[1] * times;
}

/** Rounds to 0.1 engineer-day so that sums print cleanly; ranges are estimates, not measurements. */
const round1 = (value: number): number => Math.round(value * 10) / 10;

export function summarize(ruleSet: RuleSet, findings: readonly Finding[]): TargetSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory: Partial<Record<Category, number>> = {};
  const perRule = new Map<string, { findings: number; files: Set<string> }>();
  for (const finding of findings) {
    if (finding.target !== ruleSet.target) continue;
    bySeverity[finding.severity] += 1;
    byCategory[finding.category] = (byCategory[finding.category] ?? 0) + 1;
    let tally = perRule.get(finding.ruleId);
    if (!tally) {
      tally = { findings: 0, files: new Set() };
      perRule.set(finding.ruleId, tally);
    }
    tally.findings += 1;
    tally.files.add(finding.file);
  }
  const rules: RuleTally[] = [];
  const findingsEffort: [number, number] = [0, 0];
  for (const rule of ruleSet.rules) {
    const tally = perRule.get(rule.id);
    if (!tally) continue;
    const effort: [number, number] = [0, 0];
    addScaled(effort, rule.effort.onceDays, 1);
    addScaled(effort, rule.effort.perFileDays, tally.files.size);
    addScaled(effort, rule.effort.perOccurrenceDays, tally.findings);
    findingsEffort[0] += effort[0];
    findingsEffort[1] += effort[1];
    rules.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      findings: tally.findings,
      files: tally.files.size,
      effortDays: [round1(effort[0]), round1(effort[1])],
    });
  }
  rules.sort((a, b) => b.effortDays[1] - a.effortDays[1] || a.ruleId.localeCompare(b.ruleId));
  const baseline = ruleSet.baselineDays ?? ZERO;
  const midpointDays = (findingsEffort[0] + findingsEffort[1]) / 2;
  return {
    target: ruleSet.target,
    stack: ruleSet.stack,
    rulesVersion: ruleSet.version,
    findingCount: rules.reduce((n, r) => n + r.findings, 0),
    bySeverity,
    byCategory,
    rules,
    findingsEffortDays: [round1(findingsEffort[0]), round1(findingsEffort[1])],
    totalEffortDays: [round1(baseline[0] + findingsEffort[0]), round1(baseline[1] + findingsEffort[1])],
    readiness: readiness(ruleSet.halfReadinessDays, midpointDays),
    assumptions: ruleSet.assumptions,
  };
}

/** H / (H + M), rounded to 3 decimals; see the module comment and docs/PORT.md. */
export function readiness(halfReadinessDays: number, midpointDays: number): number {
  const value = halfReadinessDays / (halfReadinessDays + Math.max(0, midpointDays));
  return Math.round(value * 1000) / 1000;
}
