/**
 * glpk.js 5 (GLPK compiled to WebAssembly), synchronous Node entry `glpk.js/node`: the cross-check
 * solver of the tests. On tiny models it is faster than HiGHS, but HiGHS is the production solver.
 */
import GLPKFactory from 'glpk.js/node';
import type { MilpModel, SolveOptions, SolveResult, Solver, SolveStatus } from '../core/plan/milp';

type Glpk = Awaited<ReturnType<typeof GLPKFactory>>;
let runtime: Promise<Glpk> | null = null;

export class GlpkSolver implements Solver {
  readonly name = 'glpk';

  async solve(model: MilpModel, options: SolveOptions = {}): Promise<SolveResult> {
    runtime ??= GLPKFactory();
    const glpk = await runtime;
    const bnd = (lb: number, ub: number) => {
      const hasLb = lb > Number.NEGATIVE_INFINITY;
      const hasUb = ub < Number.POSITIVE_INFINITY;
      if (hasLb && hasUb) return { type: lb === ub ? glpk.GLP_FX : glpk.GLP_DB, lb, ub };
      if (hasLb) return { type: glpk.GLP_LO, lb, ub: 0 };
      if (hasUb) return { type: glpk.GLP_UP, lb: 0, ub };
      return { type: glpk.GLP_FR, lb: 0, ub: 0 };
    };
    const lp = {
      name: 'chipmix',
      objective: {
        direction: model.sense === 'minimize' ? glpk.GLP_MIN : glpk.GLP_MAX,
        name: 'obj',
        vars: model.objective.map((t) => ({ name: t.variable, coef: t.coef })),
      },
      subjectTo: model.constraints.map((c) => ({
        name: c.name,
        vars: c.terms.map((t) => ({ name: t.variable, coef: t.coef })),
        bnds:
          c.sense === '<='
            ? { type: glpk.GLP_UP, lb: 0, ub: c.rhs }
            : c.sense === '>='
              ? { type: glpk.GLP_LO, lb: c.rhs, ub: 0 }
              : { type: glpk.GLP_FX, lb: c.rhs, ub: c.rhs },
      })),
      bounds: model.variables.map((v) => ({
        name: v.name,
        ...bnd(v.lb ?? 0, v.ub ?? (v.type === 'binary' ? 1 : Number.POSITIVE_INFINITY)),
      })),
      binaries: model.variables.filter((v) => v.type === 'binary').map((v) => v.name),
      generals: model.variables.filter((v) => v.type === 'integer').map((v) => v.name),
    };
    const started = performance.now();
    const result = glpk.solve(lp, {
      msglev: glpk.GLP_MSG_OFF,
      presol: true,
      ...(options.timeLimitSeconds !== undefined ? { tmlim: options.timeLimitSeconds } : {}),
      ...(options.mipRelGap !== undefined ? { mipgap: options.mipRelGap } : {}),
    });
    const solveSeconds = (performance.now() - started) / 1000;
    const s = result.result.status;
    let status: SolveStatus;
    if (s === glpk.GLP_OPT) status = 'optimal';
    else if (s === glpk.GLP_NOFEAS || s === glpk.GLP_INFEAS) status = 'infeasible';
    else if (s === glpk.GLP_UNBND) status = 'unbounded';
    else if (s === glpk.GLP_FEAS) status = 'time_limit';
    else status = 'error';
    const has = status === 'optimal' || status === 'time_limit';
    return {
      status,
      objective: has ? result.result.z + (model.objectiveConstant ?? 0) : null,
      values: has ? { ...result.result.vars } : {},
      detail: `glpk status ${s}`,
      solveSeconds,
    };
  }
}
