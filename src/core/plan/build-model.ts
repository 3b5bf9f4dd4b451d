/**
 * Phase 3 (build), shared parts: the model's index types, group names, and the builder state that the
 * per-group builders (build-fleet.ts, build-workloads.ts, build-rules.ts, build-objective.ts) fill in
 * turn. build.ts assembles them. Formulation: docs/PLANNER.md.
 *
 *   b[s,o]  integer  purchase units of option o at site s (unitDevices devices each)
 *   k[s,o]  integer  installed devices of o kept at s (0..installed when retirable, else fixed at installed)
 *   y[w,s,v] binary  training job w runs at s on variant v (a candidate plus, per pool, new or installed devices)
 *   r[w,s,i] integer replicas of serving instance shape i for workload w at s
 */
import type { Constraint, MilpModel, Term, Variable } from './milp';
import type { OptionData, PlanProblem, RuleBinding, SiteData, TrainingCandidate } from './problem';

/** Strict comparators are modelled as share >= threshold + STRICT_MARGIN (or <= threshold - margin). */
export const STRICT_MARGIN = 1e-6;

export type GroupKind = 'power' | 'availability' | 'rule' | 'deny' | 'deadline' | 'demand' | 'budget';

export interface GroupInfo {
  readonly name: string;
  readonly kind: GroupKind;
  /** Site, option, workload or rule id the group is about. */
  readonly subject: string;
  readonly ruleIndex?: number;
  readonly siteId?: string;
}

export interface BuildOptions {
  /** Groups left out of the model. */
  readonly drop?: ReadonlySet<string>;
  /** Rule indexes whose deny lists are left out (what the deny lists cost, for the sweep). */
  readonly withoutDeny?: ReadonlySet<number>;
  /** One group made elastic: its violation becomes a variable and the objective minimises it. */
  readonly elastic?: string;
  /** Threshold and comparator overrides by rule index (the sweep, the relaxation search). */
  readonly ruleOverrides?: ReadonlyMap<
    number,
    { threshold: number; comparator: RuleBinding['rule']['comparator'] }
  >;
  /** A zero objective: is there any feasible plan? */
  readonly feasibilityOnly?: boolean;
  /** minTime, phase 2: every training job ends by this day; the objective becomes cost. */
  readonly makespanBound?: number;
  /** maxThroughput, phase 2: training PFLOP/s at least this; the objective becomes cost. */
  readonly throughputBound?: number;
  /**
   * Leave out variants that miss their deadline instead of fixing them to 0 with a named row: a
   * smaller model for the everyday solve. Explanations rebuild without it.
   */
  readonly pruneLate?: boolean;
}

export interface AssignVar {
  readonly variable: string;
  readonly workload: string;
  readonly site: string;
  readonly candidate: TrainingCandidate;
  readonly candidateIndex: number;
  /** Per pool: the devices come from the site's installed base (no lead time). */
  readonly fromInstalled: readonly boolean[];
  readonly completionDays: number;
}

export interface ModelIndex {
  readonly buy: ReadonlyArray<{ variable: string; site: string; option: OptionData }>;
  readonly keep: ReadonlyArray<{ variable: string; site: string; option: OptionData; installed: number }>;
  readonly assign: readonly AssignVar[];
  readonly replicas: ReadonlyArray<{
    variable: string;
    workload: string;
    site: string;
    instanceIndex: number;
  }>;
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /**
   * The elastic slack variable, when `elastic` was set and the group exists. Units: MW (power),
   * devices (availability), thousand tokens/s (demand), USD millions (budget), days (deadline).
   */
  readonly slackVariable: string | null;
  /** USD per unit of each variable (capex + energy over the horizon). */
  readonly costTerms: readonly Term[];
}

export interface BuiltModel {
  readonly model: MilpModel;
  readonly index: ModelIndex;
}

export const groupName = {
  power: (site: string) => `power:${site}`,
  availability: (option: string) => `availability:${option}`,
  rule: (ruleId: string, scope: string) => `rule:${ruleId}@${scope}`,
  deny: (ruleId: string, scope: string) => `deny:${ruleId}@${scope}`,
  deadline: (workload: string) => `deadline:${workload}`,
  demand: (workload: string) => `demand:${workload}`,
  budget: () => 'budget',
};

/** Energy cost of one device of `option` at `site` over the horizon, USD. */
export function energyUsdPerDevice(problem: PlanProblem, option: OptionData, site: SiteData): number {
  const kWh = (option.powerWPerDevice * site.pue * problem.horizonHours * problem.averageLoadFraction) / 1000;
  return kWh * site.electricityUsdPerKWh;
}

/** The rule's scopes: one per site (site scope) or one for all its sites (organisation scope). */
export function ruleScopes(binding: RuleBinding): Array<{ scope: string; sites: readonly string[] }> {
  if (binding.rule.scope === 'organisation')
    return binding.sites.length ? [{ scope: 'organisation', sites: binding.sites }] : [];
  return binding.sites.map((s) => ({ scope: s, sites: [s] }));
}

/** Lower bound (`>`, `>=`) or upper bound on the share, margin included. */
export function shareBound(comparator: string, threshold: number): { lower: boolean; bound: number } {
  switch (comparator) {
    case '>':
      return { lower: true, bound: threshold + STRICT_MARGIN };
    case '>=':
      return { lower: true, bound: threshold };
    case '<':
      return { lower: false, bound: threshold - STRICT_MARGIN };
    default:
      return { lower: false, bound: threshold };
  }
}

/**
 * Whether a share bound can rule anything out: `>= 0%` and `<= 100%` hold for every fleet, so such a
 * rule bans nothing, not even hardware whose share under its metric is unknown.
 */
export function shareCanBind(lower: boolean, bound: number): boolean {
  return lower ? bound > 0 : bound < 1;
}

const SEP = '\u0000';
/** Key of a (site, option) pair in the builder's maps. */
export const siteOptionKey = (site: string, option: string) => `${site}${SEP}${option}`;
export const splitSiteOptionKey = (k: string) => k.split(SEP) as [string, string];

function pushTo(map: Map<string, Term[]>, k: string, t: Term): void {
  const list = map.get(k);
  if (list) list.push(t);
  else map.set(k, [t]);
}

/**
 * The model under construction. Each group builder appends variables and rows in a fixed order (the
 * order fixes the solver's input, hence its output: keep it).
 */
export class MilpBuilder {
  readonly variables: Variable[] = [];
  readonly constraints: Constraint[] = [];
  readonly groups = new Map<string, GroupInfo>();
  readonly costTerms: Term[] = [];
  readonly drop: ReadonlySet<string>;
  readonly optionById: ReadonlyMap<string, OptionData>;
  readonly siteIndex: ReadonlyMap<string, number>;
  readonly optionIndex: ReadonlyMap<string, number>;
  slackVariable: string | null = null;
  /** Device expressions per (site, option): kept + bought devices. */
  readonly devicesAt = new Map<string, Term[]>();
  /** Devices used per (site, option), and those that must come from the installed base. */
  readonly usage = new Map<string, Term[]>();
  readonly installedUsage = new Map<string, Term[]>();
  readonly buy: Array<{ variable: string; site: string; option: OptionData }> = [];
  readonly keep: Array<{ variable: string; site: string; option: OptionData; installed: number }> = [];
  readonly keepVar = new Map<string, string>();
  readonly assign: AssignVar[] = [];
  readonly replicas: Array<{ variable: string; workload: string; site: string; instanceIndex: number }> = [];

  constructor(
    readonly problem: PlanProblem,
    readonly opts: BuildOptions,
  ) {
    this.drop = opts.drop ?? new Set<string>();
    this.optionById = new Map(problem.options.map((o) => [o.id, o]));
    this.siteIndex = new Map(problem.sites.map((s, i) => [s.id, i]));
    this.optionIndex = new Map(problem.options.map((o, i) => [o.id, i]));
  }

  addDevices(site: string, option: string, term: Term): void {
    pushTo(this.devicesAt, siteOptionKey(site, option), term);
  }
  addUsage(site: string, option: string, term: Term, fromInstalled: boolean): void {
    pushTo(this.usage, siteOptionKey(site, option), term);
    if (fromInstalled) pushTo(this.installedUsage, siteOptionKey(site, option), term);
  }
  devices(site: string, option: string): Term[] {
    return this.devicesAt.get(siteOptionKey(site, option)) ?? [];
  }
  /** A group whose bound may tighten a variable's box: neither dropped nor elastic. */
  enforced(group: string): boolean {
    return !this.drop.has(group) && this.opts.elastic !== group;
  }
  /** The elastic slack column, created on first use. */
  slack(): string {
    if (!this.slackVariable) {
      this.slackVariable = 'slack';
      this.variables.push({ name: this.slackVariable, type: 'continuous' });
    }
    return this.slackVariable;
  }
  /** Adds a row unless its group is dropped; the elastic group gets a slack column. */
  addRow(row: Constraint, info: GroupInfo | null): void {
    if (info) {
      if (this.drop.has(info.name)) return;
      this.groups.set(info.name, info);
      if (this.opts.elastic === info.name) {
        const slack = this.slack();
        const sign = row.sense === '<=' ? -1 : 1;
        row = { ...row, terms: [...row.terms, { variable: slack, coef: sign }] };
      }
    }
    this.constraints.push(row);
  }
}
