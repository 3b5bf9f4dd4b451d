/**
 * `chipmix plan SCENARIO`: the cheapest or fastest fleet under the domestic-chip rules. Registered here;
 * ./plan-actions.ts runs it (imported when it runs: the solver, the scenario reader, the risk pool).
 */
import type { Command } from 'commander';
import { addFailOn } from '../fail-on';
import { lazyActions } from '../lazy';
import { addOutputOption } from '../output-option';

const lazy = lazyActions(() => import('./plan-actions'));

export function registerPlanCommands(program: Command): void {
  const plan = program
    .command('plan')
    .description(
      'Cheapest or fastest fleet that meets the domestic-chip rules (MILP, HiGHS); the price of the rule',
    )
    .argument('<scenario>', 'scenario file (YAML or JSON); see examples/ and docs/PLANNER.md')
    .option('--json', 'print one JSON document')
    .option(
      '--sweep-domestic <from:to:step>',
      're-solve with every share rule at each threshold (percent), e.g. 0:100:10',
    )
    .option(
      '--out <dir>',
      'write plan.json; with a sweep, sweep.csv, sweep.json and sweep.svg; with periods, roadmap.svg',
    )
    .option('--samples <K>', 'evaluate the plan under K sampled draws of speeds, specs and prices (risk)')
    .option('--seed <S>', 'seed of the risk draws (default 1): the same seed gives the same numbers');
  addOutputOption(plan, 'the purchases, or with --sweep-domestic the sweep points');
  addFailOn(plan, ['infeasible', 'warning']).action(lazy('planAction'));
}
