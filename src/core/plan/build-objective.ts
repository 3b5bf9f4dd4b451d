/**
 * The objective: least cost (capex + energy), earliest end of the last training job (minTime phase 1),
 * most training PFLOP/s (maxThroughput phase 1), the elastic slack, or none (feasibility). Phase 2 of
 * maxThroughput keeps the PFLOP/s found and minimises cost.
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
  const pflops = m.assign.map((a) => ({ variable: a.variable, coef: a.candidate.modelPflops }));
  if (problem.objective === 'maxThroughput' && opts.throughputBound === undefined)
    return { sense: 'maximize', objective: pflops };
  if (problem.objective === 'maxThroughput' && opts.throughputBound !== undefined && pflops.length)
    m.constraints.push({
      name: 'throughput',
      group: '',
      terms: pflops,
      sense: '>=',
      rhs: opts.throughputBound,
    });
  return { sense: 'minimize', objective: m.costTerms };
}
