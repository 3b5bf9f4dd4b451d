/**
 * Reading a scenario: the schema (scenario.ts), then the checks the schema cannot make alone: ids
 * against the catalog and each other, model names, prices and power the plan needs, and rules that
 * contradict each other. Every problem is an Issue naming the field path and the rule broken.
 */
import type { Catalog } from '../catalog/catalog';
import { closestIds } from '../catalog/suggest';
import { resolveHardware } from '../hardware/profile';
import { resolveModel } from '../model/presets';
import { ruleApplicability, ruleInForce } from '../policy/evaluate';
import type { Rule } from '../policy/schema';
import { fail, formatPath, type Issue, ok, type Result } from '../result';
import { type Scenario, scenarioSchema } from './scenario';

/** zod's wording for a missing field, said plainly (the catalog loader does the same). */
function readable(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  if (missing) return `required field missing (expected ${missing[1]})`;
  const unknownKey = /^Unrecognized keys?: (.*)$/.exec(message);
  if (unknownKey) return `unknown field ${unknownKey[1]}`;
  return message;
}

export function parseScenario(input: unknown): Result<Scenario> {
  const parsed = scenarioSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail(
    ...parsed.error.issues.map((issue) => ({
      code: `scenario/${issue.code}`,
      path: formatPath(issue.path),
      message: readable(issue.message),
    })),
  );
}

function duplicates(ids: readonly string[], path: (i: number) => string, what: string): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id))
      out.push({ code: 'scenario/duplicate', path: path(i), message: `duplicate ${what} id "${id}"` });
    seen.add(id);
  });
  return out;
}

function hint(id: string, known: Iterable<string>): string {
  const near = closestIds(id, [...known]);
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
}

const lowerBound = (r: Rule) => r.comparator === '>' || r.comparator === '>=';

/** Two rules on the same metric and definition of domestic that no share can satisfy together. */
function contradicts(a: Rule, b: Rule): boolean {
  if (a.metric !== b.metric || JSON.stringify(a.domestic ?? null) !== JSON.stringify(b.domestic ?? null))
    return false;
  if (lowerBound(a) === lowerBound(b)) return false;
  const [lo, hi] = lowerBound(a) ? [a, b] : [b, a];
  const strict = lo.comparator === '>' || hi.comparator === '<';
  return lo.threshold > hi.threshold || (lo.threshold === hi.threshold && strict);
}

/** Cross-field checks; `asOf` decides which rules are in force. */
export function checkScenario(scenario: Scenario, catalog: Catalog, asOf: string): Issue[] {
  const issues: Issue[] = [];
  const bad = (path: string, message: string) => issues.push({ code: 'scenario/invalid', path, message });
  const catalogIds = [...catalog.systems.keys(), ...catalog.chips.keys()];
  // Hardware only installed at a site is an option too (it can run workloads, not be bought).
  const optionIds = new Set([
    ...scenario.hardware.map((h) => h.id),
    ...scenario.sites.flatMap((s) => s.installed.map((l) => l.hardware)),
  ]);
  const siteIds = new Set(scenario.sites.map((s) => s.id));
  issues.push(
    ...duplicates(
      scenario.hardware.map((h) => h.id),
      (i) => `hardware[${i}].id`,
      'hardware',
    ),
  );
  issues.push(
    ...duplicates(
      scenario.sites.map((s) => s.id),
      (i) => `sites[${i}].id`,
      'site',
    ),
  );
  issues.push(
    ...duplicates(
      scenario.workloads.map((w) => w.id),
      (i) => `workloads[${i}].id`,
      'workload',
    ),
  );
  scenario.hardware.forEach((h, i) => {
    const profile = resolveHardware(catalog, h.id);
    if (!profile.ok) {
      bad(`hardware[${i}].id`, `unknown catalog id "${h.id}"${hint(h.id, catalogIds)}`);
      return;
    }
    if (h.available && h.priceUsdPerDevice === undefined && profile.value.priceUsdPerDevice === null)
      bad(
        `hardware[${i}].priceUsdPerDevice`,
        `the catalog has no price for ${h.id}; give priceUsdPerDevice (or available: false)`,
      );
    if (h.powerWPerDevice === undefined && profile.value.powerWPerDevice === null)
      bad(`hardware[${i}].powerWPerDevice`, `the catalog has no power for ${h.id}; give powerWPerDevice`);
  });
  scenario.sites.forEach((s, i) => {
    s.installed.forEach((line, j) => {
      const profile = resolveHardware(catalog, line.hardware);
      if (!profile.ok) {
        bad(
          `sites[${i}].installed[${j}].hardware`,
          `unknown catalog id "${line.hardware}"${hint(line.hardware, catalogIds)}`,
        );
        return;
      }
      const option = scenario.hardware.find((h) => h.id === line.hardware);
      if (option?.powerWPerDevice === undefined && profile.value.powerWPerDevice === null)
        bad(
          `sites[${i}].installed[${j}].hardware`,
          `the catalog has no power for ${line.hardware}; list it under hardware with powerWPerDevice`,
        );
    });
    const seen = new Set<string>();
    s.installed.forEach((line, j) => {
      if (seen.has(line.hardware))
        bad(`sites[${i}].installed[${j}].hardware`, `${line.hardware} is listed twice at site ${s.id}`);
      seen.add(line.hardware);
    });
  });
  scenario.workloads.forEach((w, i) => {
    const model = resolveModel(w.model);
    if (!model.ok) bad(`workloads[${i}].model`, model.issues[0]?.message ?? 'invalid model');
    w.hardware?.forEach((id, j) => {
      if (!optionIds.has(id))
        bad(
          `workloads[${i}].hardware[${j}]`,
          `"${id}" is not among the scenario's hardware or installed ids${hint(id, optionIds)}`,
        );
    });
    if (w.site !== undefined && !siteIds.has(w.site))
      bad(`workloads[${i}].site`, `unknown site "${w.site}"${hint(w.site, siteIds)}`);
    if (w.kind === 'training') {
      if (w.minDevices !== undefined && w.minDevices > scenario.candidates.maxDevices)
        bad(
          `workloads[${i}].minDevices`,
          `minDevices ${w.minDevices} exceeds candidates.maxDevices ${scenario.candidates.maxDevices}`,
        );
      if (typeof w.heterogeneous === 'object')
        w.heterogeneous.pairs.forEach((pair, j) => {
          pair.forEach((id, k) => {
            if (!optionIds.has(id))
              bad(
                `workloads[${i}].heterogeneous.pairs[${j}][${k}]`,
                `"${id}" is not among the scenario's hardware or installed ids${hint(id, optionIds)}`,
              );
          });
          if (pair[0] === pair[1])
            bad(`workloads[${i}].heterogeneous.pairs[${j}]`, 'a pair needs two different hardware ids');
        });
    }
  });
  const rules = scenario.policy?.rules ?? [];
  issues.push(
    ...duplicates(
      rules.map((r) => r.id),
      (i) => `policy.rules[${i}].id`,
      'rule',
    ),
  );
  rules.forEach((r, i) => {
    r.appliesTo.sites?.forEach((s, j) => {
      if (!siteIds.has(s))
        bad(`policy.rules[${i}].appliesTo.sites[${j}]`, `unknown site "${s}"${hint(s, siteIds)}`);
    });
    if ((r.comparator === '>' && r.threshold >= 1) || (r.comparator === '<' && r.threshold <= 0))
      bad(
        `policy.rules[${i}].threshold`,
        `no share can be ${r.comparator} ${r.threshold * 100}% (use >= 1 for all domestic)`,
      );
  });
  // Contradictions: two rules in force that bind a common site and no share satisfies both.
  for (let i = 0; i < rules.length; i++)
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i]!;
      const b = rules[j]!;
      if (!ruleInForce(a, asOf) || !ruleInForce(b, asOf) || a.scope !== b.scope || !contradicts(a, b))
        continue;
      const common = scenario.sites.find((s) => {
        const facts = {
          name: s.id,
          region: s.region,
          stateFunded: s.stateFunded,
          projectCompletionPct: s.projectCompletionPct,
        };
        return ruleApplicability(a, facts, asOf).applies && ruleApplicability(b, facts, asOf).applies;
      });
      if (common)
        bad(
          `policy.rules[${j}]`,
          `contradicts rule ${a.id}: a domestic share by ${a.metric} cannot be ${a.comparator} ${a.threshold * 100}% and ${b.comparator} ${b.threshold * 100}% at site ${common.id}`,
        );
    }
  return issues;
}
