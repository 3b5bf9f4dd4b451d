/** What a compliance report shows, computed once for both renderers. */
import type { ComplianceResult } from '../core/compliance/evaluate';
import type { Trajectory } from '../core/compliance/trajectory';
import type { Rule } from '../core/policy/schema';
import type { Shares } from '../core/policy/share';

export interface ReportInput {
  readonly status: ComplianceResult;
  readonly trajectory: Trajectory;
  /** The rules evaluated (the default rule when no policy is configured). */
  readonly rules: readonly Rule[];
  readonly usingDefaultRule: boolean;
  /** ISO timestamp, shown in the footer. */
  readonly generatedAt?: string;
}

export function ruleScopeText(rule: Rule): string {
  const parts: string[] = [];
  const a = rule.appliesTo;
  parts.push(a.stateFundedOnly ? 'state-funded sites' : 'all sites');
  if (a.sites) parts.push(`sites ${a.sites.join(', ')}`);
  if (a.regions) parts.push(`regions ${a.regions.join(', ')}`);
  parts.push(`from ${rule.effectiveFrom}${rule.effectiveUntil ? ` until ${rule.effectiveUntil}` : ''}`);
  if (rule.grandfather)
    parts.push(`sites ${rule.grandfather.projectCompletionAtLeast}% or more complete exempt`);
  if (rule.deny) parts.push(`denies ${rule.deny.join(', ')}`);
  return parts.join('; ');
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
