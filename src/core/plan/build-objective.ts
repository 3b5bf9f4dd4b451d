/**
 * The objective: least cost (capex + energy), earliest end of the last training job (minTime phase 1),
 * most training PFLOP/s (maxThroughput), the elastic slack, or none (feasibility).
 */
import type { MilpBuilder } from './build-model';
import type { MilpModel, Term } from './milp';

export function buildObjective(m: MilpBuilder): { sense: MilpModel['sense']; objective: Term[] } {
  const { problem, opts } = m;
  if (opts.elastic !== undefined)
    return { sense: 'minimize', objective: m.slackVariable ? [{ variable: m.slackVariable, coef: 1 }] : [] };
  if (opts.feasibilityOnly) return { sense: 'minimize', objective: [] };
  if (problem.objective === 'minTime' && opts.makespanBound === undefined) {
    m.variables.push({ name: 'makespan', type: 'continuous' });
    problem.workloads.forEach((w, wi) => {
      if (w.kind !== 'training') return;
      const vars = m.assign.filter((a) => a.workload === w.id);
      m.constraints.push({
        name: `mk_${wi}`,
        group: '',
        terms: [
          { variable: 'makespan', coef: 1 },
          ...vars.map((v) => ({ variable: v.variable, coef: -v.completionDays })),
        ],
        sense: '>=',
        rhs: 0,
      });
    });
    return { sense: 'minimize', objective: [{ variable: 'makespan', coef: 1 }] };
  }
  if (problem.objective === 'maxThroughput')
    return {
      sense: 'maximize',
      objective: m.assign.map((a) => ({ variable: a.variable, coef: a.candidate.modelPflops })),
    };
  return { sense: 'minimize', objective: m.costTerms };
}
