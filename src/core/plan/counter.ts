/**
 * Runs the solver with the problem's limits and counts the work. Its own module so that solve.ts and
 * explain.ts (which solve.ts calls) both use it without importing each other.
 */
import { type BuildOptions, type BuiltModel, buildFleetMilp } from './build';
import type { SolveResult, Solver } from './milp';
import type { PlanProblem } from './problem';

export class SolveCounter {
  solves = 0;
  seconds = 0;
  constructor(
    readonly solver: Solver,
    readonly problem: PlanProblem,
  ) {}
  async run(built: BuiltModel, timeLimitSeconds = this.problem.timeLimitSeconds): Promise<SolveResult> {
    const result = await this.solver.solve(built.model, {
      timeLimitSeconds,
      mipRelGap: this.problem.mipRelGap,
    });
    this.solves++;
    this.seconds += result.solveSeconds;
    return result;
  }
  build(opts: BuildOptions): BuiltModel {
    return buildFleetMilp(this.problem, opts);
  }
}
