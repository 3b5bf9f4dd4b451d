/**
 * Per-target summary: units, effort per scope, readiness, existing support. Pure arithmetic over
 * findings, rules and the calibration (see docs/PORT.md, Effort model).
 *
 * For the findings of one scope that are still `left`:
 *   unit effort   = perUnitDays of the costliest rule among the unit's findings (a kernel with
 *                   `tl.*` calls, a warp shuffle and fp64 is one kernel: it costs its costliest rule)
 *   rule effort   = onceDays (if the rule has any finding left) + Σ its units (+ legacy per-file and
 *                   per-finding terms of user rule files)
 *   raw effort    = Σ rules, kept apart for kernel units and the rest
 *   findings      = kernelScale × raw(CUDA/C++ kernels) + tritonScale × raw(Triton kernels)
 *                   + otherScale × raw(everything else)                        (fitted scales)
 *   baseline      = baselineDaysPerKloc × (product KLOC)^exponent × leftShare     (product scope only)
 *   total         = (baseline + midpoint of findings) × [1 / band, band]          (fitted band)
 * leftShare is the share of the raw effort (left + ported) that is left: a codebase that already
 * runs on the stack has paid its baseline (environment, accuracy comparison) in proportion.
 * Readiness = H / (H + M), M the midpoint of the product findings effort, H the rule set's
 * `halfReadinessDays`: 1 with nothing left, 0.5 at H engineer-days, toward 0 beyond.
 */
import { PORT_CALIBRATION, type PortCalibration } from './calibration-fitted';
import type {
  Category,
  DaysRange,
  Finding,
  Rule,
  RuleSet,
  RuleTally,
  Scope,
  ScopeEffort,
  Severity,
  SupportSignal,
  TargetSummary,
  UnitKind,
} from './types';
import { SCOPES, SEVERITIES } from './types';

const ZERO: DaysRange = [0, 0];
const mid = (r: DaysRange) => (r[0] + r[1]) / 2;
/** Rounds to 0.1 engineer-day so that sums print cleanly; ranges are estimates, not measurements. */
const round1 = (value: number): number => Math.round(value * 10) / 10;
const round1Range = (r: DaysRange): DaysRange => [round1(r[0]), round1(r[1])];

/** Raw (uncalibrated) effort of what is left in one scope, split by the calibration's two scales. */
export interface RawEffort {
  /** CUDA/C++ kernel units. */
  readonly kernelDays: DaysRange;
  /** Triton kernel units (their costliest rule is a Triton rule). */
  readonly tritonDays: DaysRange;
  readonly otherDays: DaysRange;
  /** Midpoint raw effort of units already ported (for the baseline's left share). */
  readonly portedMidDays: number;
  readonly unitsLeft: number;
  readonly unitsPorted: number;
  readonly unitsLeftByKind: Partial<Record<UnitKind, number>>;
  /** Per rule: findings left, units charged to it, raw days (with its scale's kind). */
  readonly perRule: Map<string, RuleRaw>;
}

export type ScaleGroup = 'kernel' | 'triton' | 'other';
export interface RuleRaw {
  findings: number;
  units: number;
  days: [number, number];
  group: ScaleGroup;
}

const groupOf = (kind: UnitKind, rule: Rule): ScaleGroup =>
  kind !== 'kernel' && rule.unit !== 'kernel' ? 'other' : rule.category === 'triton' ? 'triton' : 'kernel';

const unitCost = (rule: Rule): DaysRange => rule.effort.perUnitDays ?? ZERO;
/** Inside a kernel, a project-wide rule (the `triton` dependency behind `tl.*`) adds nothing to the kernel. */
const costIn = (kind: UnitKind, rule: Rule): DaysRange =>
  kind === 'kernel' && rule.unit === 'dependency' ? ZERO : unitCost(rule);

export interface UnitScopes {
  readonly left: ReadonlyMap<string, Scope>;
  readonly ported: ReadonlyMap<string, Scope>;
}

/** Rank of each scope, most important first (SCOPES' order). */
const SCOPE_RANK: ReadonlyMap<Scope, number> = new Map(SCOPES.map((s, i) => [s, i] as const));

/**
 * A unit counts in the most important scope of its findings still left (or, if none, of its ported
 * ones). One pass, no copies: FlagGems has 20k findings per target.
 */
export function unitScopesOf(findings: readonly Finding[]): UnitScopes {
  const left = new Map<string, Scope>();
  const ported = new Map<string, Scope>();
  // a unit's findings mostly come one after another (a kernel's calls): skip repeats of the last
  let lastUnit: string | undefined;
  let lastStatus: string | undefined;
  let lastScope: Scope | undefined;
  for (const f of findings) {
    const status = f.status;
    if (status !== 'left' && status !== 'ported') continue;
    if (f.unit === lastUnit && status === lastStatus && f.scope === lastScope) continue;
    lastUnit = f.unit;
    lastStatus = status;
    lastScope = f.scope;
    const out = status === 'left' ? left : ported;
    const prior = out.get(f.unit);
    if (prior === undefined || SCOPE_RANK.get(f.scope)! < SCOPE_RANK.get(prior)!) out.set(f.unit, f.scope);
  }
  return { left, ported };
}

export function rawEffort(
  ruleSet: RuleSet,
  findings: readonly Finding[],
  scope: Scope,
  unitScopeMaps: UnitScopes = unitScopesOf(findings),
): RawEffort {
  type Entry = { kind: UnitKind; rule: Rule };
  const rules = new Map(ruleSet.rules.map((r) => [r.id, r] as const));
  const scopes = unitScopeMaps.left;
  const portedScopes = unitScopeMaps.ported;
  const left = new Map<string, Entry>();
  const ported = new Map<string, Entry>();
  const perRule = new Map<string, RuleRaw>();
  const files = new Map<string, Set<string>>();
  const tally = (rule: Rule) => {
    let t = perRule.get(rule.id);
    if (!t) {
      t = { findings: 0, units: 0, days: [0, 0], group: groupOf(rule.unit, rule) };
      perRule.set(rule.id, t);
    }
    return t;
  };
  // mid(costIn(kind, rule)) without a range per call: this runs once per finding
  const midCostIn = (kind: UnitKind, rule: Rule) => {
    const days = kind === 'kernel' && rule.unit === 'dependency' ? undefined : rule.effort.perUnitDays;
    return days ? (days[0] + days[1]) / 2 : 0;
  };
  // Findings come grouped by file, and a file's findings by unit and rule (a kernel's `tl.*` calls):
  // what the last finding looked up (its unit's scope and entry, its rule, its tally, its file) is
  // reused while it repeats, which spares most map lookups of 20k findings per target.
  let lastUnit: string | undefined;
  let lastStatus: string | undefined;
  let lastInScope = false;
  let lastEntry: Entry | undefined;
  let lastRuleId: string | undefined;
  let lastRule: Rule | undefined;
  let lastTally: RuleRaw | undefined;
  let lastFileOf: Rule | undefined; // the rule whose files last got `lastFile`
  let lastFile: string | undefined;
  for (const f of findings) {
    const status = f.status;
    if (status === 'alternative' || status === 'optional') continue;
    if (f.unit !== lastUnit || status !== lastStatus) {
      lastUnit = f.unit;
      lastStatus = status;
      lastInScope = (status === 'left' ? scopes : portedScopes).get(f.unit) === scope;
      lastEntry = undefined;
    }
    if (!lastInScope) continue;
    if (f.ruleId !== lastRuleId) {
      lastRuleId = f.ruleId;
      lastRule = rules.get(f.ruleId);
      lastTally = undefined;
    }
    const rule = lastRule;
    if (!rule) continue;
    if (status === 'left' && f.scope === scope) {
      lastTally ??= tally(rule);
      lastTally.findings += 1;
      if (rule !== lastFileOf || f.file !== lastFile) {
        lastFileOf = rule;
        lastFile = f.file;
        let set = files.get(rule.id);
        if (!set) {
          set = new Set<string>();
          files.set(rule.id, set);
        }
        set.add(f.file);
      }
    }
    // a unit's entry is updated in place (the map keeps the order units were first met, which the sums follow)
    const into = status === 'left' ? left : ported;
    lastEntry ??= into.get(f.unit);
    if (!lastEntry) {
      lastEntry = { kind: f.unitKind, rule };
      into.set(f.unit, lastEntry);
    } else {
      if (midCostIn(f.unitKind, rule) > midCostIn(f.unitKind, lastEntry.rule)) lastEntry.rule = rule;
      lastEntry.kind = f.unitKind;
    }
  }
  const byGroup: Record<ScaleGroup, [number, number]> = { kernel: [0, 0], triton: [0, 0], other: [0, 0] };
  const add = (into: [number, number], range: DaysRange | undefined, times = 1) => {
    if (!range || times === 0) return;
    into[0] += range[0] * times;
    into[1] += range[1] * times;
  };
  const unitsLeftByKind: Partial<Record<UnitKind, number>> = {};
  for (const { kind, rule } of left.values()) {
    unitsLeftByKind[kind] = (unitsLeftByKind[kind] ?? 0) + 1;
    const t = tally(rule);
    t.units += 1;
    add(t.days, costIn(kind, rule));
    add(byGroup[groupOf(kind, rule)], costIn(kind, rule));
  }
  for (const [id, t] of perRule) {
    if (t.findings === 0 && t.units === 0) continue;
    const rule = rules.get(id)!;
    const into = byGroup[t.group];
    const once = t.findings > 0 ? rule.effort.onceDays : undefined;
    add(t.days, once);
    add(into, once);
    add(t.days, rule.effort.perFileDays, files.get(id)?.size ?? 0);
    add(byGroup.other, rule.effort.perFileDays, files.get(id)?.size ?? 0);
    add(t.days, rule.effort.perOccurrenceDays, t.findings);
    add(byGroup.other, rule.effort.perOccurrenceDays, t.findings);
  }
  let portedMidDays = 0;
  for (const { kind, rule } of ported.values()) portedMidDays += mid(costIn(kind, rule));
  return {
    kernelDays: byGroup.kernel,
    tritonDays: byGroup.triton,
    otherDays: byGroup.other,
    portedMidDays,
    unitsLeft: left.size,
    unitsPorted: [...ported.keys()].filter((u) => !left.has(u)).length,
    unitsLeftByKind,
    perRule,
  };
}

type RawGroups = Pick<RawEffort, 'kernelDays' | 'tritonDays' | 'otherDays'>;

/** Calibrated findings effort (no baseline) of raw effort. */
export function findingsDays(raw: RawGroups, cal: PortCalibration): DaysRange {
  const at = (i: 0 | 1) =>
    cal.kernelScale * raw.kernelDays[i] +
    cal.tritonScale * raw.tritonDays[i] +
    cal.otherScale * raw.otherDays[i];
  return [at(0), at(1)];
}

export const scaleOf = (group: ScaleGroup, cal: PortCalibration): number =>
  group === 'kernel' ? cal.kernelScale : group === 'triton' ? cal.tritonScale : cal.otherScale;

/** Baseline engineer-days of a codebase of `sourceLines` lines (product scope), before the left share. */
export function baselineDays(sourceLines: number, cal: PortCalibration): number {
  return cal.baselineDaysPerKloc * (Math.max(sourceLines, 1) / 1000) ** cal.baselineExponent;
}

/**
 * The share of the raw effort still left (1 for a codebase with no support for the stack). A codebase with nothing
 * to port (no finding left or handled: an empty tree, a CPU-only script) has no baseline either: it was 0.4 days for
 * an empty directory, more than a fully ported codebase (0).
 */
export function leftShare(raw: RawGroups & Pick<RawEffort, 'portedMidDays'>): number {
  const leftMid = mid(raw.kernelDays) + mid(raw.tritonDays) + mid(raw.otherDays);
  return leftMid + raw.portedMidDays === 0 ? 0 : leftMid / (leftMid + raw.portedMidDays);
}

/** Point estimate (engineer-days) of a port: baseline share plus calibrated findings midpoint. */
export function predictMidDays(
  sourceLines: number,
  raw: RawGroups & Pick<RawEffort, 'portedMidDays'>,
  cal: PortCalibration,
  extraBaseline: DaysRange = ZERO,
): number {
  return baselineDays(sourceLines, cal) * leftShare(raw) + mid(findingsDays(raw, cal)) + mid(extraBaseline);
}

export const band = (midDays: number, cal: PortCalibration): DaysRange => [
  midDays / cal.bandFactor,
  midDays * cal.bandFactor,
];

export interface SummaryInput {
  readonly productSourceLines: number;
  readonly signals: readonly SupportSignal[];
  readonly calibration?: PortCalibration;
}

export function summarize(
  ruleSet: RuleSet,
  allFindings: readonly Finding[],
  input: SummaryInput,
): TargetSummary {
  const cal = input.calibration ?? PORT_CALIBRATION;
  const target = ruleSet.target;
  // a scan hands each summary its own target's findings: copy only when others are mixed in
  let mixed = false;
  for (const f of allFindings) if (f.target !== target) mixed = true;
  const findings = mixed ? allFindings.filter((f) => f.target === target) : allFindings;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory: Partial<Record<Category, number>> = {};
  const productFindings = { left: 0, ported: 0, alternative: 0, optional: 0 };
  const unitScopeMaps = unitScopesOf(findings);
  const scopeCounts = new Map<Scope, number>();
  // rawEffort of a scope reads only the findings whose unit counts in that scope: hand each scope
  // those, in order, instead of all 20k findings of a target once per scope
  const byUnitScope = new Map<Scope, Finding[]>();
  // one pass over the findings, comparing status and scope rather than indexing objects by them:
  // this code runs once per process, mostly before V8 has optimised it
  let run: Scope | undefined; // findings come grouped by file, so runs of one scope are long
  // and a unit's findings mostly follow one another: its bucket is looked up once per run
  let lastUnit: string | undefined;
  let lastStatus: string | undefined;
  let lastBucket: Finding[] | undefined;
  let inScope = 0;
  for (const f of findings) {
    if (f.scope !== run) {
      if (run !== undefined) scopeCounts.set(run, (scopeCounts.get(run) ?? 0) + inScope);
      run = f.scope;
      inScope = 0;
    }
    inScope += 1;
    const status = f.status;
    const left = status === 'left';
    if (run === 'product') {
      if (left) {
        productFindings.left += 1;
        bySeverity[f.severity] += 1;
        byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
      } else if (status === 'ported') productFindings.ported += 1;
      else if (status === 'alternative') productFindings.alternative += 1;
      else productFindings.optional += 1;
    }
    if (!left && status !== 'ported') continue;
    if (f.unit !== lastUnit || status !== lastStatus) {
      lastUnit = f.unit;
      lastStatus = status;
      const unitScope = (left ? unitScopeMaps.left : unitScopeMaps.ported).get(f.unit);
      lastBucket = undefined;
      if (unitScope !== undefined) {
        lastBucket = byUnitScope.get(unitScope);
        if (!lastBucket) {
          lastBucket = [];
          byUnitScope.set(unitScope, lastBucket);
        }
      }
    }
    lastBucket?.push(f);
  }
  if (run !== undefined) scopeCounts.set(run, (scopeCounts.get(run) ?? 0) + inScope);
  const scopes: ScopeEffort[] = [];
  let productRaw: RawEffort | undefined;
  for (const scope of SCOPES) {
    const inScope = scopeCounts.get(scope) ?? 0;
    if (scope !== 'product' && inScope === 0) continue;
    const raw = rawEffort(ruleSet, byUnitScope.get(scope) ?? [], scope, unitScopeMaps);
    if (scope === 'product') productRaw = raw;
    const found = findingsDays(raw, cal);
    const midDays =
      scope === 'product'
        ? predictMidDays(input.productSourceLines, raw, cal, ruleSet.baselineDays)
        : mid(found);
    scopes.push({
      scope,
      findings: inScope,
      unitsLeft: raw.unitsLeft,
      unitsPorted: raw.unitsPorted,
      findingsEffortDays: round1Range(found),
      pointDays: round1(midDays),
      totalEffortDays: round1Range(band(midDays, cal)),
    });
  }
  const raw = productRaw!;
  const rules: RuleTally[] = [];
  for (const rule of ruleSet.rules) {
    const t = raw.perRule.get(rule.id);
    if (!t || (t.findings === 0 && t.units === 0)) continue;
    const scale = scaleOf(t.group, cal);
    rules.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      unit: rule.unit,
      findings: t.findings,
      units: t.units,
      effortDays: round1Range([t.days[0] * scale, t.days[1] * scale]),
    });
  }
  rules.sort((a, b) => b.effortDays[1] - a.effortDays[1] || compareIds(a.ruleId, b.ruleId));
  const product0 = scopes[0]!;
  const signals = input.signals.filter((s) => s.target === ruleSet.target);
  const signalCounts: Partial<Record<SupportSignal['kind'], number>> = {};
  for (const s of signals) signalCounts[s.kind] = (signalCounts[s.kind] ?? 0) + 1;
  const examples: SupportSignal[] = [];
  for (const kind of ['runtime', 'triton', 'path'] as const)
    examples.push(...signals.filter((s) => s.kind === kind).slice(0, 3));
  return {
    target: ruleSet.target,
    stack: ruleSet.stack,
    rulesVersion: ruleSet.version,
    findingCount: productFindings.left,
    bySeverity,
    byCategory,
    rules,
    findingsEffortDays: product0.findingsEffortDays,
    pointDays: product0.pointDays,
    totalEffortDays: product0.totalEffortDays,
    readiness: readiness(ruleSet.halfReadinessDays, mid(findingsDays(raw, cal))),
    scopes,
    unitsLeftByKind: raw.unitsLeftByKind,
    support: { detected: signals.length > 0, signals: signalCounts, examples },
    productFindings,
    assumptions: ruleSet.assumptions,
  };
}

/** Ids of lower-case letters, digits and hyphens: ICU's collation orders them as their code units do. */
const PLAIN_ID = /^[a-z0-9-]*$/;

/**
 * `a.localeCompare(b)`, without creating ICU's collator (~5 ms, once per process, after the scan) for
 * the ids every built-in rule has.
 */
function compareIds(a: string, b: string): number {
  if (PLAIN_ID.test(a) && PLAIN_ID.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

/** H / (H + M), rounded to 3 decimals; see the module comment and docs/PORT.md. */
export function readiness(halfReadinessDays: number, midpointDays: number): number {
  const value = halfReadinessDays / (halfReadinessDays + Math.max(0, midpointDays));
  return Math.round(value * 1000) / 1000;
}
