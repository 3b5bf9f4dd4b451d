/**
 * Compliance as of a date (pure): per site and for the organisation, the domestic share under every
 * metric and the verdict of every rule that applies.
 *
 *   records --(countsOn asOf, basis)--> lines per site --(computeShares)--> shares
 *   rules --(ruleApplicability per site)--> site rules / organisation rules --(evaluateRule)--> verdicts
 */
import type { Catalog } from '../catalog/catalog';
import { say } from '../messages/say';
import { DEFAULT_RULE } from '../policy/constants';
import {
  type Applicability,
  evaluateRule,
  type RuleOutcome,
  ruleApplicability,
  ruleInForce,
} from '../policy/evaluate';
import type { Rule } from '../policy/schema';
import { computeShares, type HardwareLine, type Shares } from '../policy/share';
import { activeLinesBySite, toLines } from './active';
import { ComplianceTimeline } from './timeline';
import type { Basis, ComplianceSite, HardwareRecord, Verdict } from './types';

export interface ComplianceInput {
  readonly sites: readonly ComplianceSite[];
  /**
   * The inventory: records, or a timeline built once for many dates (the store's summed changes).
   * Records that are already the quantities on the evaluated date (installed, no dates) also work.
   */
  readonly records: Iterable<HardwareRecord> | ComplianceTimeline;
  /** Rules in force (any effective dates); empty: the default rule. */
  readonly rules: readonly Rule[];
  readonly catalog: Catalog;
}

export interface ComplianceOptions {
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly basis?: Basis;
}

export interface NotApplicable {
  readonly id: string;
  readonly reason: Exclude<Applicability, { applies: true }>['reason'];
  readonly detail: string;
}

export interface ScopeCompliance {
  /** Domestic share under the catalog's own `domestic` flag. */
  readonly shares: Shares;
  /** Accelerator packages counted. */
  readonly packages: number;
  readonly rules: RuleOutcome[];
  /** Rules in force that do not bind this site (not state-funded, grandfathered...). */
  readonly notApplicable: NotApplicable[];
}

export interface SiteCompliance extends ScopeCompliance {
  readonly site: string;
}

export interface ComplianceResult {
  readonly asOf: string;
  readonly basis: Basis;
  readonly organisation: ScopeCompliance;
  readonly sites: SiteCompliance[];
  /**
   * True when every applicable rule passes; false when one fails; null when one is unknown, or when no rule is in
   * force at any site with hardware (nothing was judged: not "compliant").
   */
  readonly compliant: boolean | null;
  readonly verdict: Verdict;
  readonly warnings: string[];
}

/** The rules to evaluate: the configured ones, or the default rule when there are none. */
export function effectiveRules(rules: readonly Rule[]): readonly Rule[] {
  return rules.length > 0 ? rules : [DEFAULT_RULE];
}

/** Units per site and hardware id that count on `asOf`. */
export function quantitiesOn(
  records: ComplianceInput['records'],
  asOf: string,
  basis: Basis,
): Map<string, Map<string, number>> {
  return records instanceof ComplianceTimeline
    ? records.quantitiesOn(asOf, basis)
    : activeLinesBySite(records, asOf, basis);
}

/** Compliance of every site and the organisation on `asOf`. */
export function evaluateCompliance(input: ComplianceInput, options: ComplianceOptions): ComplianceResult {
  const basis = options.basis ?? 'installed';
  return evaluateQuantities(input, quantitiesOn(input.records, options.asOf, basis), { ...options, basis });
}

/** Compliance on `asOf` of the given quantities per site and hardware id (`quantitiesOn`). */
export function evaluateQuantities(
  input: Omit<ComplianceInput, 'records'>,
  bySite: ReadonlyMap<string, ReadonlyMap<string, number>>,
  options: ComplianceOptions,
): ComplianceResult {
  const basis = options.basis ?? 'installed';
  const asOf = options.asOf;
  const rules = effectiveRules(input.rules);
  const warnings = new Set<string>();
  const sites = new Map<string, ComplianceSite>();
  for (const site of input.sites) sites.set(site.name, site);
  for (const name of bySite.keys()) {
    if (!sites.has(name)) {
      sites.set(name, { name, stateFunded: false });
      warnings.add(say('compliance.no-site-record', { site: name }));
    }
  }

  const siteResults: SiteCompliance[] = [];
  const orgLines = new Map<string, number>();
  for (const site of [...sites.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const quantities = bySite.get(site.name);
    for (const [id, qty] of quantities ?? []) orgLines.set(id, (orgLines.get(id) ?? 0) + qty);
    const lines = toLines(quantities);
    const siteRules: RuleOutcome[] = [];
    const notApplicable: NotApplicable[] = [];
    for (const rule of rules) {
      if (rule.scope !== 'site') continue;
      const applicability = ruleApplicability(rule, site, asOf);
      if (!applicability.applies) {
        // Rules not yet (or no longer) in force are noise in a per-site list.
        if (applicability.reason !== 'not-yet-effective' && applicability.reason !== 'expired') {
          notApplicable.push({ id: rule.id, reason: applicability.reason, detail: applicability.detail });
        }
        continue;
      }
      // An empty site has no foreign chips and no share: its rules are not judged there (nor made UNKNOWN).
      if (noHardware(lines)) {
        notApplicable.push({ id: rule.id, reason: 'no-hardware', detail: say('policy.no-hardware') });
        continue;
      }
      const outcome = evaluateRule(rule, lines, input.catalog);
      for (const w of outcome.warnings)
        warnings.add(say('common.subject', { subject: site.name, warning: w }));
      siteRules.push(outcome);
    }
    const shares = computeShares(lines, input.catalog);
    for (const w of shares.warnings) warnings.add(say('common.subject', { subject: site.name, warning: w }));
    siteResults.push({
      site: site.name,
      shares: shares.shares,
      packages: packagesOf(shares),
      rules: siteRules,
      notApplicable,
    });
  }

  const orgRules: RuleOutcome[] = [];
  const orgNotApplicable: NotApplicable[] = [];
  for (const rule of rules) {
    if (rule.scope !== 'organisation') continue;
    if (!ruleInForce(rule, asOf)) continue;
    // An organisation-wide rule measures the hardware of the sites it binds, together.
    const scoped = new Map<string, number>();
    let boundSites = 0;
    for (const site of sites.values()) {
      if (!ruleApplicability(rule, site, asOf).applies) continue;
      boundSites += 1;
      for (const [id, qty] of bySite.get(site.name) ?? []) scoped.set(id, (scoped.get(id) ?? 0) + qty);
    }
    if (boundSites === 0) {
      orgNotApplicable.push({ id: rule.id, reason: 'site-not-listed', detail: say('policy.binds-no-site') });
      continue;
    }
    const scopedLines = toLines(scoped);
    if (noHardware(scopedLines)) {
      orgNotApplicable.push({ id: rule.id, reason: 'no-hardware', detail: say('policy.no-hardware') });
      continue;
    }
    const outcome = evaluateRule(rule, scopedLines, input.catalog);
    for (const w of outcome.warnings) warnings.add(say('common.organisation', { warning: w }));
    orgRules.push(outcome);
  }
  const orgShares = computeShares(toLines(orgLines), input.catalog);

  const verdicts = [...orgRules, ...siteResults.flatMap((s) => s.rules)].map((r) => r.pass);
  const verdict: Verdict =
    verdicts.length === 0
      ? 'no-rule-in-force'
      : verdicts.includes(false)
        ? 'not-compliant'
        : verdicts.includes(null)
          ? 'unknown'
          : 'compliant';
  const compliant = verdict === 'compliant' ? true : verdict === 'not-compliant' ? false : null;
  return {
    asOf,
    basis,
    organisation: {
      shares: orgShares.shares,
      packages: packagesOf(orgShares),
      rules: orgRules,
      notApplicable: orgNotApplicable,
    },
    sites: siteResults,
    compliant,
    verdict,
    warnings: [...warnings],
  };
}

/** Nothing counts: no line, or lines whose quantities net to zero on the date. */
const noHardware = (lines: readonly HardwareLine[]) => lines.every((line) => line.quantity <= 0);

function packagesOf(result: { totals: { count: { total: number } | null } }): number {
  return result.totals.count?.total ?? 0;
}

export type { HardwareLine };
