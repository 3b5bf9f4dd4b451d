/** Small formatting helpers shared by the Markdown and HTML reports. */
import type { RuleOutcome } from '../core/policy/evaluate';
import type { Metric } from '../core/policy/schema';

export const METRIC_LABELS: Record<Metric, string> = {
  count: 'count',
  bf16Compute: 'BF16 compute',
  spend: 'spend',
  power: 'power',
};

export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

export function verdict(pass: boolean | null): string {
  return pass === null ? 'unknown' : pass ? 'pass' : 'FAIL';
}

/** `count > 50%`. */
export function ruleCondition(rule: Pick<RuleOutcome, 'metric' | 'comparator' | 'threshold'>): string {
  return `domestic ${METRIC_LABELS[rule.metric]} share ${rule.comparator} ${(rule.threshold * 100).toFixed(0)}%`;
}

export function ruleSummary(rule: RuleOutcome): string {
  const denied = rule.denied.length > 0 ? `; denied hardware present: ${rule.denied.join(', ')}` : '';
  return `${rule.id}: ${verdict(rule.pass)} (${percent(rule.share)}, needs ${ruleCondition(rule)}${denied})`;
}
