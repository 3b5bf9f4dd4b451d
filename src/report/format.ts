/** Small formatting helpers shared by the Markdown and HTML reports, in the report's language. */
import type { RuleOutcome } from '../core/policy/evaluate';
import type { ReportText } from './text';

export function percent(text: ReportText, value: number | null): string {
  return value === null ? text.t('na') : `${(value * 100).toFixed(1)}%`;
}

export function verdict(text: ReportText, pass: boolean | null): string {
  return text.t(pass === null ? 'verdict.unknown' : pass ? 'verdict.pass' : 'verdict.fail');
}

/** `domestic count share > 50%`. */
export function ruleCondition(
  text: ReportText,
  rule: Pick<RuleOutcome, 'metric' | 'comparator' | 'threshold'>,
): string {
  return text.t('condition', {
    metric: text.metric(rule.metric),
    comparator: rule.comparator,
    threshold: (rule.threshold * 100).toFixed(0),
  });
}

export function ruleSummary(text: ReportText, rule: RuleOutcome): string {
  return text.t('summary', {
    id: rule.id,
    verdict: verdict(text, rule.pass),
    share: percent(text, rule.share),
    condition: ruleCondition(text, rule),
    denied: rule.denied.length > 0 ? text.t('denied', { ids: rule.denied.join(', ') }) : '',
  });
}
