/**
 * The policy's constraint groups: deny lists, domestic-share rules (linearised shares) and the budget.
 * Formulation: docs/PLANNER.md.
 */
import type { Metric } from '../policy/schema';
import {
  type GroupInfo,
  groupName,
  type MilpBuilder,
  ruleScopes,
  shareBound,
  shareCanBind,
  siteOptionKey,
} from './build-model';
import type { Term } from './milp';
import type { RuleBinding } from './problem';

/** Every rule at every scope it binds. */
export function addRuleRows(m: MilpBuilder): void {
  m.problem.rules.forEach((binding, ri) => {
    const override = m.opts.ruleOverrides?.get(ri);
    const rule = override ? { ...binding.rule, ...override } : binding.rule;
    for (const { scope, sites } of ruleScopes(binding)) {
      const scopeIndex = scope === 'organisation' ? 'org' : String(m.siteIndex.get(scope));
      const at = scope !== 'organisation' ? { siteId: scope } : {};
      if (binding.denied.length && !m.opts.withoutDeny?.has(ri)) {
        const info: GroupInfo = {
          name: groupName.deny(rule.id, scope),
          kind: 'deny',
          subject: rule.id,
          ruleIndex: ri,
          ...at,
        };
        const terms = sites.flatMap((s) => binding.denied.flatMap((o) => m.devices(s, o)));
        if (terms.length)
          m.addRow({ name: `deny_${ri}_${scopeIndex}`, group: info.name, terms, sense: '<=', rhs: 0 }, info);
      }
      const info: GroupInfo = {
        name: groupName.rule(rule.id, scope),
        kind: 'rule',
        subject: rule.id,
        ruleIndex: ri,
        ...at,
      };
      addShareRows(m, binding, rule, sites, `${ri}_${scopeIndex}`, info);
    }
  });
}

/**
 * share >= bound  <=>  sum (d - bound) m x >= 0 (and <= 0 for an upper bound); 0 at an empty site.
 * Hardware whose share cannot be measured under the rule's metric is not allowed where it applies,
 * unless the bound cannot bind (>= 0%, <= 100%).
 */
function addShareRows(
  m: MilpBuilder,
  binding: RuleBinding,
  rule: RuleBinding['rule'],
  sites: readonly string[],
  suffix: string,
  info: GroupInfo,
): void {
  const { problem } = m;
  const { lower, bound } = shareBound(rule.comparator, rule.threshold);
  const metric: Metric = rule.metric;
  const scale = Math.max(...problem.options.map((o) => o.metricPerDevice[metric] ?? 0), 1e-12);
  const terms: Term[] = [];
  const unmeasurable: Term[] = [];
  for (const s of sites)
    for (const option of problem.options) {
      const ts = m.devices(s, option.id);
      const metricPerDevice = option.metricPerDevice[metric];
      if (metricPerDevice === null) {
        unmeasurable.push(...ts);
        continue;
      }
      const d = binding.domestic[option.id] ? 1 : 0;
      const coef = ((d - bound) * metricPerDevice) / scale;
      for (const t of ts) if (coef !== 0) terms.push({ variable: t.variable, coef: coef * t.coef });
    }
  if (terms.length)
    m.addRow({ name: `rule_${suffix}`, group: info.name, terms, sense: lower ? '>=' : '<=', rhs: 0 }, info);
  else if (
    lower &&
    bound > 0 &&
    sites.some((s) => problem.options.some((o) => m.devicesAt.has(siteOptionKey(s, o.id))))
  )
    // Nothing with a non-zero coefficient: only possible when every option's metric is 0.
    m.addRow({ name: `rule_${suffix}`, group: info.name, terms: [], sense: '>=', rhs: 0 }, info);
  if (unmeasurable.length && shareCanBind(lower, bound))
    m.addRow({ name: `rulem_${suffix}`, group: info.name, terms: unmeasurable, sense: '<=', rhs: 0 }, info);
}

/** Total cost (USD millions) <= budget. */
export function addBudgetRow(m: MilpBuilder): void {
  if (m.problem.budgetUsd === null) return;
  const name = groupName.budget();
  m.addRow(
    {
      name: 'budget',
      group: name,
      terms: m.costTerms.map((t) => ({ variable: t.variable, coef: t.coef / 1e6 })),
      sense: '<=',
      rhs: m.problem.budgetUsd / 1e6,
    },
    { name, kind: 'budget', subject: 'budget' },
  );
}
