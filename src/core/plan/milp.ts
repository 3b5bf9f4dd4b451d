/**
 * A mixed-integer linear program as plain data, and the interface a solver adapter implements.
 * The planner builds models here (pure) and hands them to a {@link Solver} it is given; the adapters
 * (HiGHS for production, glpk.js as a cross-check) live in src/solver and are never imported by the core.
 */

export type VariableType = 'continuous' | 'integer' | 'binary';

export interface Variable {
  /** Unique; letters, digits and underscores only (valid in CPLEX LP and GLPK). */
  readonly name: string;
  readonly type: VariableType;
  /** Default 0. */
  readonly lb?: number;
  /** Default +Infinity (1 for binaries). */
  readonly ub?: number;
}

export interface Term {
  readonly variable: string;
  readonly coef: number;
}

export type ConstraintSense = '<=' | '>=' | '=';

export interface Constraint {
  /** Unique row name, e.g. `power_shanghai`. */
  readonly name: string;
  /**
   * The planner-level constraint this row belongs to (`power:shanghai`, `rule:cn-50@shanghai`,
   * `deadline:dsv3`): what infeasibility reports and binding lists name. Empty for structural rows.
   */
  readonly group: string;
  readonly terms: readonly Term[];
  readonly sense: ConstraintSense;
  readonly rhs: number;
}

export interface MilpModel {
  readonly sense: 'minimize' | 'maximize';
  readonly objective: readonly Term[];
  /** Added to the objective value (never seen by the solver). */
  readonly objectiveConstant?: number;
  readonly variables: readonly Variable[];
  readonly constraints: readonly Constraint[];
}

export interface SolveOptions {
  /** Wall-clock limit in seconds (HiGHS `time_limit`, GLPK `tmlim`). */
  readonly timeLimitSeconds?: number;
  /** Relative MIP gap at which the search stops (HiGHS `mip_rel_gap`, GLPK `mipgap`). */
  readonly mipRelGap?: number;
}

export type SolveStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time_limit' | 'error';

export interface SolveResult {
  readonly status: SolveStatus;
  /** Objective including the constant; null when there is no solution. */
  readonly objective: number | null;
  /**
   * Variable values by name; empty when there is no solution. With `time_limit` these are the best
   * solution found, if any (`objective` is then non-null).
   */
  readonly values: Readonly<Record<string, number>>;
  /** The solver's own status text, for messages. */
  readonly detail: string;
  readonly solveSeconds: number;
}

/** A MILP solver behind an adapter. Implementations: src/solver/highs.ts, src/solver/glpk.ts. */
export interface Solver {
  readonly name: string;
  solve(model: MilpModel, options?: SolveOptions): Promise<SolveResult>;
}

/** Value of a linear expression at a solution (missing variables count as 0). */
export function evaluateTerms(terms: readonly Term[], values: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const t of terms) sum += t.coef * (values[t.variable] ?? 0);
  return sum;
}

/** Whether `values` satisfies every bound and row of `model` to within `tolerance` (absolute, scaled). */
export function checkSolution(
  model: MilpModel,
  values: Readonly<Record<string, number>>,
  tolerance = 1e-6,
): string[] {
  const problems: string[] = [];
  for (const v of model.variables) {
    const x = values[v.name] ?? 0;
    const lb = v.lb ?? 0;
    const ub = v.ub ?? (v.type === 'binary' ? 1 : Number.POSITIVE_INFINITY);
    if (x < lb - tolerance || x > ub + tolerance) problems.push(`${v.name}=${x} outside [${lb}, ${ub}]`);
    if (v.type !== 'continuous' && Math.abs(x - Math.round(x)) > tolerance)
      problems.push(`${v.name}=${x} is not integral`);
  }
  for (const c of model.constraints) {
    const lhs = evaluateTerms(c.terms, values);
    const scale = Math.max(1, Math.abs(c.rhs));
    const slack = c.sense === '<=' ? c.rhs - lhs : c.sense === '>=' ? lhs - c.rhs : -Math.abs(lhs - c.rhs);
    if (slack < -tolerance * scale) problems.push(`${c.name}: ${lhs} ${c.sense} ${c.rhs} violated`);
  }
  return problems;
}
