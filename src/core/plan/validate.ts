/**
 * Reading a scenario: the schema (scenario.ts), then the checks the schema cannot make alone: ids
 * against the catalog and each other, model names, prices and power the plan needs, and rules that
 * contradict each other. Every problem is an Issue naming the field path and the rule broken.
 */
import type { Catalog } from '../catalog/catalog';
import { closestIds } from '../catalog/suggest';
import { resolveHardware } from '../hardware/profile';
import { say } from '../messages/say';
import { resolveModel } from '../model/presets';
import { ruleApplicability, ruleInForce } from '../policy/evaluate';
import type { Rule } from '../policy/schema';
import { fail, formatPath, type Issue, ok, type Result } from '../result';
import { type Scenario, scenarioSchema } from './scenario';

/** zod's wording for a missing field, said plainly (the catalog loader does the same). */
function readable(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  if (missing) return say('scenario.required-field', { expected: missing[1]! });
  const unknownKey = /^Unrecognized keys?: (.*)$/.exec(message);
  if (unknownKey) return say('scenario.unknown-field', { keys: unknownKey[1]! });
  return message;
}

export function parseScenario(input: unknown): Result<Scenario> {
  // the document itself must be a mapping of fields: a list or a bare value has no field to name
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const kind = Array.isArray(input) ? 'a list' : input === null ? 'empty' : `a ${typeof input}`;
    return fail({ code: 'scenario/type', path: 'scenario', message: say('scenario.not-mapping', { kind }) });
  }
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

type Duplicate =
  | 'scenario.duplicate-hardware'
  | 'scenario.duplicate-site'
  | 'scenario.duplicate-workload'
  | 'scenario.duplicate-rule';

function duplicates(ids: readonly string[], path: (i: number) => string, code: Duplicate): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) out.push({ code: 'scenario/duplicate', path: path(i), message: say(code, { id }) });
    seen.add(id);
  });
  return out;
}

/** The closest known ids, for "did you mean"; '' when none is close. */
function near(id: string, known: Iterable<string>): string {
  return closestIds(id, [...known]).join(', ');
}

const unknownId = (id: string, ids: string) =>
  ids ? say('scenario.unknown-id-suggest', { id, ids }) : say('scenario.unknown-id', { id });
const notAnOption = (id: string, ids: string) =>
  ids ? say('scenario.not-an-option-suggest', { id, ids }) : say('scenario.not-an-option', { id });
const unknownSite = (site: string, ids: string) =>
  ids ? say('scenario.unknown-site-suggest', { site, ids }) : say('scenario.unknown-site', { site });

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
      'scenario.duplicate-hardware',
    ),
  );
  issues.push(
    ...duplicates(
      scenario.sites.map((s) => s.id),
      (i) => `sites[${i}].id`,
      'scenario.duplicate-site',
    ),
  );
  issues.push(
    ...duplicates(
      scenario.workloads.map((w) => w.id),
      (i) => `workloads[${i}].id`,
      'scenario.duplicate-workload',
    ),
  );
  scenario.hardware.forEach((h, i) => {
    const profile = resolveHardware(catalog, h.id);
    if (!profile.ok) {
      bad(`hardware[${i}].id`, unknownId(h.id, near(h.id, catalogIds)));
      return;
    }
    if (h.available && h.priceUsdPerDevice === undefined && profile.value.priceUsdPerDevice === null)
      bad(`hardware[${i}].priceUsdPerDevice`, say('scenario.no-price', { id: h.id }));
    if (h.powerWPerDevice === undefined && profile.value.powerWPerDevice === null)
      bad(`hardware[${i}].powerWPerDevice`, say('scenario.no-power', { id: h.id }));
  });
  scenario.sites.forEach((s, i) => {
    s.installed.forEach((line, j) => {
      const profile = resolveHardware(catalog, line.hardware);
      if (!profile.ok) {
        bad(
          `sites[${i}].installed[${j}].hardware`,
          unknownId(line.hardware, near(line.hardware, catalogIds)),
        );
        return;
      }
      const option = scenario.hardware.find((h) => h.id === line.hardware);
      if (option?.powerWPerDevice === undefined && profile.value.powerWPerDevice === null)
        bad(
          `sites[${i}].installed[${j}].hardware`,
          say('scenario.installed-no-power', { id: line.hardware }),
        );
    });
    const seen = new Set<string>();
    s.installed.forEach((line, j) => {
      if (seen.has(line.hardware))
        bad(
          `sites[${i}].installed[${j}].hardware`,
          say('scenario.installed-twice', { id: line.hardware, site: s.id }),
        );
      seen.add(line.hardware);
    });
  });
  scenario.workloads.forEach((w, i) => {
    const model = resolveModel(w.model);
    if (!model.ok) bad(`workloads[${i}].model`, model.issues[0]?.message ?? say('scenario.invalid-model'));
    w.hardware?.forEach((id, j) => {
      if (!optionIds.has(id)) bad(`workloads[${i}].hardware[${j}]`, notAnOption(id, near(id, optionIds)));
    });
    if (w.site !== undefined && !siteIds.has(w.site))
      bad(`workloads[${i}].site`, unknownSite(w.site, near(w.site, siteIds)));
    if (w.kind === 'training') {
      if (w.minDevices !== undefined && w.minDevices > scenario.candidates.maxDevices)
        bad(
          `workloads[${i}].minDevices`,
          say('scenario.min-devices', {
            minDevices: w.minDevices,
            maxDevices: scenario.candidates.maxDevices,
          }),
        );
      if (typeof w.heterogeneous === 'object')
        w.heterogeneous.pairs.forEach((pair, j) => {
          pair.forEach((id, k) => {
            if (!optionIds.has(id))
              bad(`workloads[${i}].heterogeneous.pairs[${j}][${k}]`, notAnOption(id, near(id, optionIds)));
          });
          if (pair[0] === pair[1])
            bad(`workloads[${i}].heterogeneous.pairs[${j}]`, say('scenario.pair-same'));
        });
    }
  });
  const rules = scenario.policy?.rules ?? [];
  issues.push(
    ...duplicates(
      rules.map((r) => r.id),
      (i) => `policy.rules[${i}].id`,
      'scenario.duplicate-rule',
    ),
  );
  rules.forEach((r, i) => {
    r.appliesTo.sites?.forEach((s, j) => {
      if (!siteIds.has(s)) bad(`policy.rules[${i}].appliesTo.sites[${j}]`, unknownSite(s, near(s, siteIds)));
    });
    if ((r.comparator === '>' && r.threshold >= 1) || (r.comparator === '<' && r.threshold <= 0))
      bad(
        `policy.rules[${i}].threshold`,
        say('scenario.impossible-share', { comparator: r.comparator, threshold: r.threshold * 100 }),
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
          say('scenario.contradiction', {
            rule: a.id,
            metric: a.metric,
            comparatorA: a.comparator,
            thresholdA: a.threshold * 100,
            comparatorB: b.comparator,
            thresholdB: b.threshold * 100,
            site: common.id,
          }),
        );
    }
  return issues;
}
