/**
 * Phase 3 (build): the fleet MILP as data. Every row carries the planner-level constraint it belongs to
 * (its `group`), so infeasibility reports and binding lists can name them. One builder per constraint
 * group, called in a fixed order (the order of columns and rows is the solver's input). Formulation:
 * docs/PLANNER.md.
 *
 *   b[s,o]  integer  purchase units of option o at site s (unitDevices devices each)
 *   k[s,o]  integer  installed devices of o kept at s (0..installed when retirable, else fixed at installed)
 *   y[w,s,v] binary  training job w runs at s on variant v (a candidate plus, per pool, new or installed devices)
 *   r[w,s,i] integer replicas of serving instance shape i for workload w at s
 */

import { addAvailabilityRows, addCapacityRows, addFleetColumns, addPowerRows } from './build-fleet';
import { type BuildOptions, type BuiltModel, MilpBuilder } from './build-model';
import { buildObjective } from './build-objective';
import { addBudgetRow, addRuleRows } from './build-rules';
import { addServingRows, addTrainingRows } from './build-workloads';
import type { PlanProblem } from './problem';

export {
  type AssignVar,
  type BuildOptions,
  type BuiltModel,
  energyUsdPerDevice,
  type GroupInfo,
  type GroupKind,
  groupName,
  type ModelIndex,
  ruleScopes,
  STRICT_MARGIN,
  shareBound,
} from './build-model';

export function buildFleetMilp(problem: PlanProblem, opts: BuildOptions = {}): BuiltModel {
  const m = new MilpBuilder(problem, opts);
  addFleetColumns(m);
  addTrainingRows(m);
  addServingRows(m);
  addCapacityRows(m);
  addPowerRows(m);
  addAvailabilityRows(m);
  addRuleRows(m);
  addBudgetRow(m);
  const { sense, objective } = buildObjective(m);
  if (m.variables.length === 0) m.variables.push({ name: 'nothing', type: 'continuous', ub: 0 });
  const { buy, keep, assign, replicas, groups, slackVariable, costTerms } = m;
  return {
    model: { sense, objective, variables: m.variables, constraints: m.constraints },
    index: { buy, keep, assign, replicas, groups, slackVariable, costTerms },
  };
}
