/** What a compliance report shows, computed once for both renderers. */
import type { ComplianceResult } from '../core/compliance/evaluate';
import type { Trajectory } from '../core/compliance/trajectory';
import type { Rule } from '../core/policy/schema';
import type { Shares } from '../core/policy/share';
import type { ReportLang, ReportText } from './text';

export interface ReportInput {
  readonly status: ComplianceResult;
  readonly trajectory: Trajectory;
  /** The rules evaluated (the default rule when no policy is configured). */
  readonly rules: readonly Rule[];
  readonly usingDefaultRule: boolean;
  /** ISO timestamp, shown in the footer. */
  readonly generatedAt?: string;
}

/** How to write a report: its language (`en` by default; `zh` for Simplified Chinese). */
export interface ReportOptions {
  readonly lang?: ReportLang;
}

export function ruleScopeText(text: ReportText, rule: Rule): string {
  const parts: string[] = [];
  const a = rule.appliesTo;
  parts.push(text.t(a.stateFundedOnly ? 'where.stateFunded' : 'where.all'));
  if (a.sites) parts.push(text.t('where.sites', { list: a.sites.join(', ') }));
  if (a.regions) parts.push(text.t('where.regions', { list: a.regions.join(', ') }));
  parts.push(
    rule.effectiveUntil
      ? text.t('where.fromUntil', { date: rule.effectiveFrom, until: rule.effectiveUntil })
      : text.t('where.from', { date: rule.effectiveFrom }),
  );
  if (rule.grandfather)
    parts.push(text.t('where.grandfather', { pct: rule.grandfather.projectCompletionAtLeast }));
  if (rule.deny) parts.push(text.t('where.denies', { list: rule.deny.join(', ') }));
  return parts.join(text.t('where.separator'));
}

export interface TrajectoryRow {
  readonly date: string;
  readonly shares: Shares;
  readonly failing: number;
  readonly verdicts: number;
}

export function trajectoryRows(trajectory: Trajectory): TrajectoryRow[] {
  return trajectory.points.map((p) => {
    const verdicts = [...p.organisation.rules, ...p.sites.flatMap((s) => s.rules)];
    return {
      date: p.asOf,
      shares: p.organisation.shares,
      failing: verdicts.filter((r) => r.pass === false).length,
      verdicts: verdicts.length,
    };
  });
}
