/**
 * Which constraints bind at the optimum. For a MILP "binding" is read as "tight": no room left for one
 * more purchase unit (power, availability, budget), the share within one purchase unit of its bound
 * (rules), a smaller device count of the same hardware ruled out only by the deadline (deadlines), or
 * output within one replica of the demand (serving). Re-solving without a rule gives its price in USD.
 */

import { say } from '../messages/say';
import { energyUsdPerDevice, type GroupInfo, type ModelIndex, ruleScopes, shareBound } from './build';
import { type FleetPlan, fleetOf, type ModelOverrides } from './interpret';
import type { PlanProblem } from './problem';

export interface Binding {
  /** The constraint group, e.g. `power:shanghai`, `rule:cn-50@shanghai`, `deadline:dsv3`. */
  readonly constraint: string;
  readonly kind: GroupInfo['kind'];
  readonly detail: string;
  /** Cost saved if this constraint alone were dropped (rules, when priced); USD. */
  readonly priceUsd?: number;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export function findBinding(
  problem: PlanProblem,
  index: ModelIndex,
  plan: FleetPlan,
  overrides?: ModelOverrides,
): Binding[] {
  const out: Binding[] = [];
  const fleet = fleetOf(plan);
  const optionById = new Map(problem.options.map((o) => [o.id, o]));
  const groups = index.groups;
  for (const site of problem.sites) {
    const name = `power:${site.id}`;
    if (!groups.has(name) || site.powerCapW === null) continue;
    const used = plan.sites.find((s) => s.site === site.id)!.powerMW * 1e6;
    const smallestUnitW = Math.min(
      ...problem.options.filter((o) => o.available).map((o) => o.unitDevices * o.powerWPerDevice * site.pue),
    );
    if (site.powerCapW - used < smallestUnitW)
      out.push({
        constraint: name,
        kind: 'power',
        detail: say('plan.binding-power', {
          used: (used / 1e6).toFixed(2),
          cap: (site.powerCapW / 1e6).toFixed(2),
        }),
      });
  }
  for (const option of problem.options) {
    const name = `availability:${option.id}`;
    if (!groups.has(name) || option.maxNewDevices === null) continue;
    const bought = plan.purchases.filter((p) => p.hardware === option.id).reduce((s, p) => s + p.count, 0);
    if (bought + option.unitDevices > option.maxNewDevices)
      out.push({
        constraint: name,
        kind: 'availability',
        detail: say('plan.binding-availability', { bought, max: option.maxNewDevices }),
      });
  }
  problem.rules.forEach((binding, ri) => {
    const rule = { ...binding.rule, ...(overrides?.get(ri) ?? {}) };
    const { lower, bound } = shareBound(rule.comparator, rule.threshold);
    for (const { scope, sites } of ruleScopes(binding)) {
      const name = `rule:${rule.id}@${scope}`;
      if (!groups.has(name)) continue;
      // margin = sum (d - bound) m x in metric units; tight when under one purchase unit of what is there.
      let margin = 0;
      let largestUnit = 0;
      for (const s of sites)
        for (const [id, n] of fleet.get(s) ?? []) {
          const o = optionById.get(id)!;
          const m = o.metricPerDevice[rule.metric] ?? 0;
          margin += ((binding.domestic[id] ? 1 : 0) - bound) * m * n;
          largestUnit = Math.max(largestUnit, m * o.unitDevices);
        }
      if (!lower) margin = -margin;
      const outcome = plan.rules.find((r) => r.rule === rule.id && r.scope === scope);
      if (largestUnit > 0 && margin < largestUnit)
        out.push({
          constraint: name,
          kind: 'rule',
          detail: say('plan.binding-rule', {
            share: pct(outcome?.share ?? null),
            metric: rule.metric,
            comparator: rule.comparator,
            threshold: pct(rule.threshold),
          }),
        });
    }
  });
  for (const w of problem.workloads) {
    if (w.kind === 'training') {
      const name = `deadline:${w.id}`;
      if (w.deadlineDays === null) continue;
      const chosen = plan.workloads.find((a) => a.id === w.id);
      if (chosen?.kind !== 'training') continue;
      // Candidates on the same hardware with fewer devices that only the deadline rules out.
      const lead = (ids: readonly string[], installed: readonly boolean[]) =>
        Math.max(0, ...ids.map((id, i) => (installed[i] ? 0 : (optionById.get(id)?.leadTimeDays ?? 0))));
      const fewer = w.candidates.some(
        (c) =>
          c.pools.length === chosen.hardware.length &&
          c.pools.every((p, i) => p.optionId === chosen.hardware[i]) &&
          c.pools.reduce((s, p) => s + p.devices, 0) < chosen.devices.reduce((s, d) => s + d, 0) &&
          lead(chosen.hardware, chosen.installed) + c.trainDays >
            (w.deadlineDays ?? Number.POSITIVE_INFINITY),
      );
      if (fewer)
        out.push({
          constraint: name,
          kind: 'deadline',
          detail: say('plan.binding-deadline', {
            day: chosen.completionDays.toFixed(1),
            deadline: w.deadlineDays,
          }),
        });
    } else {
      const name = `demand:${w.id}`;
      const chosen = plan.workloads.find((a) => a.id === w.id);
      if (!groups.has(name) || !chosen || chosen.kind !== 'serving') continue;
      const smallest = Math.min(...chosen.replicas.map((r) => r.outputTokensPerSecond / r.replicas));
      if (chosen.outputTokensPerSecond - w.demandOutputTokensPerSecond < smallest)
        out.push({
          constraint: name,
          kind: 'demand',
          detail: say('plan.binding-demand', {
            served: Math.round(chosen.outputTokensPerSecond),
            demand: w.demandOutputTokensPerSecond,
          }),
        });
    }
  }
  if (groups.has('budget') && problem.budgetUsd !== null) {
    const cheapest = Math.min(
      ...problem.sites.flatMap((s) =>
        problem.options
          .filter((o) => o.available)
          .map((o) => o.unitDevices * (o.priceUsdPerDevice + energyUsdPerDevice(problem, o, s))),
      ),
    );
    if (problem.budgetUsd - plan.costs.totalUsd < cheapest)
      out.push({
        constraint: 'budget',
        kind: 'budget',
        detail: say('plan.binding-budget', {
          spent: `$${(plan.costs.totalUsd / 1e6).toFixed(1)}M`,
          budget: `$${(problem.budgetUsd / 1e6).toFixed(1)}M`,
        }),
      });
  }
  return out;
}
