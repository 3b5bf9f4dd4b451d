/**
 * The production solver: HiGHS (University of Edinburgh) compiled to WebAssembly (`highs` 1.15.3).
 * The wasm runtime is loaded once per process (~100 ms); each solve parses the model as CPLEX LP text
 * in a fresh native instance (the package's one-shot `solve(lpText, options)`), so nothing leaks
 * between solves. `solve` blocks the thread while HiGHS runs; the UI must call it from a Worker.
 */
import highsLoader from 'highs';
import type { MilpModel, SolveOptions, SolveResult, Solver, SolveStatus } from '../core/plan/milp';
import { toLpText } from './lp-format';

type HighsRuntime = Awaited<ReturnType<typeof highsLoader>>;

let runtime: Promise<HighsRuntime> | null = null;

function loadRuntime(): Promise<HighsRuntime> {
  runtime ??= highsLoader();
  return runtime;
}

/** HiGHS's status text -> ours. */
function mapStatus(status: string): SolveStatus {
  switch (status) {
    case 'Optimal':
      return 'optimal';
    case 'Infeasible':
    // The planner's models have bounded objectives (costs >= 0, bounded throughput), so an undecided
    // infeasible-or-unbounded verdict from presolve is an infeasibility.
    case 'Primal infeasible or unbounded':
      return 'infeasible';
    case 'Unbounded':
      return 'unbounded';
    case 'Time limit reached':
      return 'time_limit';
    default:
      return 'error';
  }
}

export class HighsSolver implements Solver {
  readonly name = 'highs';

  async solve(model: MilpModel, options: SolveOptions = {}): Promise<SolveResult> {
    const highs = await loadRuntime();
    const lp = toLpText(model);
    const started = performance.now();
    const solution = highs.solve(lp, {
      output_flag: false,
      ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
      ...(options.mipRelGap !== undefined ? { mip_rel_gap: options.mipRelGap } : {}),
    } as Parameters<HighsRuntime['solve']>[1]);
    const solveSeconds = (performance.now() - started) / 1000;
    const status = mapStatus(solution.Status);
    const values: Record<string, number> = {};
    let objective: number | null = null;
    const hasSolution =
      (status === 'optimal' || status === 'time_limit') && Number.isFinite(solution.ObjectiveValue);
    if (hasSolution) {
      for (const [name, column] of Object.entries(solution.Columns)) {
        const primal = (column as { Primal?: number }).Primal;
        if (typeof primal === 'number') values[name] = primal;
      }
      objective = solution.ObjectiveValue + (model.objectiveConstant ?? 0);
    }
    return { status, objective, values: hasSolution ? values : {}, detail: solution.Status, solveSeconds };
  }
}

/** Loads the wasm runtime now (so the first solve is not charged for it). */
export async function warmUpHighs(): Promise<void> {
  await loadRuntime();
}
