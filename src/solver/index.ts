/** Solver adapters behind the core's {@link Solver} interface. */
export type { MilpModel, SolveOptions, SolveResult, Solver } from '../core/plan/milp';
export { HighsSolver, warmUpHighs } from './highs';
export { toLpText } from './lp-format';
